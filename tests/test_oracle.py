"""The oracle curator (tests/bench/oracle) on one small report: it reaches the gold through the
real app, the export then equals the gold, and it presses no key the help does not offer."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from hedui.app.app import make_app
from hedui.app.config import Config
from tests.bench.oracle.driver import KINDS, KeyRefused, Keys
from tests.bench.oracle.run import _ready, run, summary

DEV = Path(__file__).resolve().parent / "data" / "dev"
#: a short report
REPORT = DEV / "reports" / "dev2-flood-situation-2020-07.txt"


def test_the_oracle_takes_a_report_to_its_gold(tmp_path):
    """On the report's gold with one label and one period made up and one figure taken out,
    so that it must fix a label (typed), fix a period and reject a figure whatever the
    extractor proposes."""
    gold = json.loads((DEV / "gold" / f"{REPORT.stem}.json").read_text(encoding="utf-8"))
    required = [f for f in gold["figures"] if not f.get("optional")]
    required[0]["label"] = "甲乙丙丁"
    required[1]["period"] = "甲乙年"
    gold["figures"].remove(required[2])
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / f"{REPORT.stem}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    [result] = run(gold_dir, [REPORT], tmp_path / "work")
    assert result.problems == []
    assert result.required == len(required) - 1
    assert set(result.keys) <= set(KINDS)
    for kind in ("accept", "reject", "label", "period"):
        assert result.keys[kind] > 0, kind
    assert result.keys["label"] >= len("甲乙丙丁") + 2  # the field key, the characters, Enter
    assert result.total >= result.required  # at least one key per figure
    assert "export equals the gold on every required figure" in summary([result])


def test_the_oracle_presses_only_keys_the_help_offers(tmp_path):
    async def attempt() -> None:
        app = make_app([REPORT], tmp_path / "sessions", "oracle", config=Config(path=tmp_path / "c.toml"))
        async with app.run_test(size=(80, 24)) as pilot:
            keys = Keys(pilot)
            await keys.until(lambda: _ready(app), "the report")
            assert keys.allowed("a") and not keys.allowed("z")
            with pytest.raises(KeyRefused):
                await keys.press("z", "other")
            await keys.press("a", "accept")
            assert keys.count["accept"] == 1

    asyncio.run(attempt())


def test_the_oracle_finds_a_pick_of_two_parts_and_of_characters(tmp_path):
    """A label the text keeps apart (第一产业增加值…增长) is picked as two parts joined with +,
    and one that ends inside a word (第一产业增加|值) by a character move; replaying the keys found
    on the app's own text pick gives the label."""
    from types import SimpleNamespace

    from hedui.app.screens.field_fixes import ReportTextPick
    from hedui.core.dataset.evaluate import char_f1
    from hedui.core.model import Report
    from tests.bench.oracle.textpick import MOVES, PARTS, text_keys

    text = "全市第一产业增加值379.45亿元,增长3.0%。"
    report = Report(tmp_path / "r.txt", text, "utf-8", "0")
    view = SimpleNamespace(show_span=lambda s, e: None, end_selection=lambda: None)
    screen = SimpleNamespace(slot=SimpleNamespace(extraction=SimpleNamespace(report=report)), simplify=str,
                             view=view)

    def entry(surface: str, label: str) -> SimpleNamespace:
        start = text.index(surface)
        return SimpleNamespace(start=start, end=start + len(surface), fields=SimpleNamespace(label=label))

    for surface, label, want, needs in (("3.0%", "第一产业", "第一产业增加值增长", "+"),
                                       ("379.45亿元", "第一产业增加值", "第一产业增加", "{")):
        e = entry(surface, label)
        keys = text_keys(screen, e, "label", want, lambda v, w=want: char_f1(v, w) >= 0.9,
                         lambda bid: True, 99)
        assert keys is not None and keys[-1] == "enter" and needs in keys, (want, keys)
        pick = ReportTextPick(screen, e, label)
        value = ""
        for key in keys[:-1]:
            if key in PARTS:
                value = pick.add_part(PARTS[key][1])
            else:
                _bid, how, args = MOVES[key]
                value = getattr(pick, how)(*args)
        assert char_f1(value, want) >= 0.9, (value, want)
