"""The per-report context (sentences, clauses, offsets) and the label/period rule files."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hedui.core.extract.context_rules import load_context_rules
from hedui.core.model import RulesError
from tests.context_helpers import RULES_DIR, context, span


def test_sentences_split_at_stops_and_lines_closing_quotes_stay() -> None:
    text = "他说:“今年好。”全市建成驿站45个!标题\n正文12个?末句"
    ctx = context(text)
    starts = [ctx.sentence_at(i)[0] for i in range(len(text))]
    sentences = sorted({(s, ctx.sentence_at(s)[1]) for s in starts})
    assert [text[s:e] for s, e in sentences] == ["他说:“今年好。”", "全市建成驿站45个!", "标题\n", "正文12个?", "末句"]


def test_view_span_and_original_skip_pinyin() -> None:
    text = "全區(qū)建成驛站79個。"
    pin = text.index("(qū)")
    ctx = context(text, ((pin, pin + 4),))
    vs, ve = ctx.view_span(*span(text, "79個"))
    assert ctx.text[vs:ve] == "79个"
    assert ctx.original(range(0, vs)) == "全區建成驛站"


def test_time_phrases_are_found_once_and_cached() -> None:
    ctx = context("近五年共举办大赛41场次。近日发放2万元。")
    first = ctx.phrases()
    assert [ctx.text[p.start:p.end] for p in first] == ["近五年"]
    assert ctx.phrases() is first


def test_default_rules_load() -> None:
    rules = load_context_rules(RULES_DIR)
    assert rules.periods and rules.quantity is not None and rules.relation_words
    assert all(r.id.startswith("period.") for r in rules.periods)


def _copy_rules(tmp_path: Path) -> Path:
    for name in ("periods.toml", "labels.toml"):
        shutil.copy(RULES_DIR / name, tmp_path / name)
    return tmp_path


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    d = _copy_rules(tmp_path)
    p = d / "periods.toml"
    lines = p.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "this is = = not toml")
    p.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(RulesError, match=r"periods\.toml:4: TOML syntax error"):
        load_context_rules(d)


def test_schema_error_names_rule_line(tmp_path: Path) -> None:
    d = _copy_rules(tmp_path)
    p = d / "periods.toml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text + '\n[[period]]\nid = "period.broken"\nkind = "sometimes"\npattern = "x"\n', encoding="utf-8")
    line = p.read_text(encoding="utf-8").splitlines().index('id = "period.broken"') + 1
    with pytest.raises(RulesError, match=rf"periods\.toml:{line}: rule 'period.broken': kind must be"):
        load_context_rules(d)


def test_bad_pattern_and_missing_words(tmp_path: Path) -> None:
    d = _copy_rules(tmp_path)
    p = d / "labels.toml"
    p.write_text(p.read_text(encoding="utf-8") + '\n[[trim]]\nid = "label.trim.none"\nwhere = "head"\n',
                 encoding="utf-8")
    with pytest.raises(RulesError, match=r"labels\.toml:\d+: rule 'label.trim.none': 'words' must be"):
        load_context_rules(d)
    shutil.copy(RULES_DIR / "labels.toml", p)
    q = d / "periods.toml"
    q.write_text(q.read_text(encoding="utf-8") + '\n[[period]]\nid = "period.bad"\npattern = "(unclosed"\n',
                 encoding="utf-8")
    with pytest.raises(RulesError, match=r"periods\.toml:\d+: rule 'period.bad': bad pattern"):
        load_context_rules(d)


def test_missing_rule_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"periods\.toml: cannot read rule file"):
        load_context_rules(tmp_path)


def test_any_span_of_a_real_report_gets_strings_without_error() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from hedui.core.extract.context_making import make_context
    from hedui.core.extract.labels import label_for
    from hedui.core.extract.periods import period_for
    from hedui.core.text.report import load_report
    from hedui.core.text.view import make_view

    root = RULES_DIR.parent
    report = load_report(root / "seeds" / "guangxi-2023.txt")
    ctx = make_context(report, make_view(report), load_context_rules(RULES_DIR))
    n = len(report.text)

    @settings(max_examples=200, deadline=None)
    @given(st.integers(0, n - 1), st.integers(1, 12))
    def check(start: int, length: int) -> None:
        end = min(n, start + length)
        lab, per = label_for(ctx, start, end), period_for(ctx, start, end)
        assert isinstance(lab, str) and isinstance(per, str)
        assert "\n" not in lab and "\n" not in per
        assert "(" not in per or ")" in per

    check()


def test_empty_and_tiny_reports() -> None:
    from hedui.core.extract.labels import label_for
    from hedui.core.extract.periods import period_for

    ctx = context("5个")
    assert period_for(ctx, 0, 2) == ""
    assert label_for(ctx, 0, 2) == ""
    ctx = context("\n\n12%\n")
    assert period_for(ctx, 2, 5) == "" and label_for(ctx, 2, 5) == ""
