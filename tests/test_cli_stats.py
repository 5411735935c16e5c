"""`hedui stats` with nothing to count shows no percentage (never a 100% of nothing)."""
from __future__ import annotations

from collections import Counter

from hedui.cli import main
from hedui.core.dataset.stats import Stats, format_stats


def test_empty_sessions_folder(tmp_path, capsys):
    (tmp_path / "sessions").mkdir()
    assert main(["stats", "--sessions", str(tmp_path / "sessions")]) == 0
    out = capsys.readouterr().out
    assert "%" not in out
    assert out.splitlines()[:2] == ["progress", "  no sessions yet"]


def test_a_report_without_figures_has_no_percentage():
    text = format_stats(Stats([("r/a.txt", "li", 0, 0), ("r/b.txt", "li", 1, 2)], Counter(), [], {}))
    lines = text.splitlines()
    row_a = next(ln for ln in lines if "r/a.txt" in ln)
    assert "0/0" in row_a and row_a.rstrip().endswith("-") and "%" not in row_a
    assert any("r/b.txt" in ln and "50.0%" in ln for ln in lines)
    assert any(ln.split()[0] == "all" and "1/2" in ln and "50.0%" in ln for ln in lines)
