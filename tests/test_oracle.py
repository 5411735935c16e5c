"""The oracle curator (tests/bench/oracle) on one small report: it reaches the gold through the
real app, the export then equals the gold, and it presses no key the help does not offer."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from hedui.app.app import make_app
from hedui.app.config import Config
from tests.bench.oracle.driver import KINDS, KeyRefused, Keys
from tests.bench.oracle.run import _ready, run, summary

DEV = Path(__file__).resolve().parent / "data" / "dev"
#: a short report with figures to accept, fix (label and period) and add
REPORT = DEV / "reports" / "dev2-flood-situation-2020-07.txt"


def test_the_oracle_takes_a_report_to_its_gold(tmp_path):
    [result] = run(DEV / "gold", [REPORT], tmp_path)
    assert result.problems == []
    assert result.required > 10
    assert set(result.keys) <= set(KINDS)
    for kind in ("accept", "add", "label", "period"):  # this report needs each of them
        assert result.keys[kind] > 0, kind
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
