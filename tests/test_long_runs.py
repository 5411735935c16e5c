"""Long runs of digits and numerals (issue 11, items 5 and 8): the scans find exactly what ``re``
finds, every stage stays linear, and a number too long to be read is excluded, not a crash."""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

from hedui.cli import main
from hedui.core.numbers.finder import find_numbers
from hedui.core.numbers.long_runs import DEEP, RunSafe
from hedui.core.text import stretches
from hedui.core.numbers.scan import Scanner
from hedui.app.widgets.status import format_value
from tests.app_helpers import screen_text, wait_ready, ws  # noqa: F401
from tests.test_scan import _rule_patterns

ROOT = Path(__file__).resolve().parent.parent
ALPHABET = "0123456789一二三四五六七八九十百千万亿两零〇.．,，、年月日个人户元%+ 　\n第届次级强分之：:期天多余来点号热线KBM"


def _texts(seed: int, count: int) -> list[str]:
    """Random texts of short pieces and long runs of a few characters (the shape that was slow)."""
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(1, 10)):
            if rnd.random() < 0.4:
                chars = rnd.sample(ALPHABET[:25], rnd.randint(1, 3))
                parts.append("".join(rnd.choice(chars) for _ in range(rnd.randint(DEEP - 2, 5 * DEEP))))
            else:
                parts.append("".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 15))))
        out.append("".join(parts))
    return out


def test_the_long_run_scan_finds_what_finditer_finds_for_every_rule() -> None:
    pats = [p for p in _rule_patterns() if RunSafe.of(p) is not None]
    assert len(pats) >= 10  # the date, rank, session, formula … rules have the shape
    rnd = random.Random(7)
    for text in _texts(1, 150):
        for p in pats:
            sc = Scanner(p)
            assert [m.span() for m in sc.finditer(text)] == [m.span() for m in p.finditer(text)], p.pattern
            pos = rnd.randint(0, len(text))
            stop = rnd.randint(pos, len(text))
            assert [m.span() for m in sc.finditer(text, pos, stop)] == [
                m.span() for m in p.finditer(text, pos) if m.start() < stop], p.pattern


def test_the_scan_of_stretches_finds_what_finditer_finds_for_every_rule(monkeypatch) -> None:
    # scanned only around the places of the literals every match holds, even where they are
    # common (here: any number of them), on the seeds and on texts of long runs
    monkeypatch.setattr(stretches, "SPARSE_SHARE", 1)
    monkeypatch.setattr(stretches, "RUN_SHARE", 1)
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    texts = [seeds] + _texts(2, 60) + ["1" * 3000 + "年", "第" + "2" * 40 + "届" + "3" * 30 + "次会议"]
    used = 0
    for p in _rule_patterns():
        sc = Scanner(p)
        if sc._stretches is None:
            continue
        used += sc._stretches.find(seeds) is not None
        for text in texts:
            assert [m.span() for m in sc.finditer(text)] == [m.span() for m in p.finditer(text)], p.pattern
    assert used >= 15  # the date, ratio, furniture … rules


def test_the_long_run_scan_on_handmade_patterns() -> None:
    cases = [r"[0-9][0-9.]*\s*年", r"(?<!第)[0-9]+[万亿]?人", r"[0-9][0-9]*?[A-Z]", r"[a0-9][0-9]*+x",
             r"[0-9](?<=[0-9])[0-9]{3,}(?=[^0-9])"]
    texts = ["1" * 40 + "年", "第" + "2" * 30 + "万人" + "3" * 20 + "人", "9" * 50 + "." * 20 + "5年",
             "a" + "1" * 30 + "x" + "1" * 30, "12" * 20 + "Z" + "7" * 13 + "。"]
    for pat in cases:
        p = re.compile(pat)
        assert RunSafe.of(p) is not None, pat
        for text in texts:
            assert [m.span() for m in Scanner(p).finditer(text)] == [m.span() for m in p.finditer(text)]


_HOSTILE = """
import sys, random
from pathlib import Path
from hedui.core.extract.extractor import Extractor
from hedui.core.model import Report
from hedui.core.text.report import decode_report
rnd = random.Random(3)
n = int(sys.argv[1])
shapes = ["1" * n, "一万" * (n // 20), "".join(rnd.choice("零〇一二两三四五六七八九十百千万亿") for _ in range(n)),
          ("5" * 5000 + "户，") * (n // 5002)]
ex = Extractor()
for text in shapes:
    ex.extract(decode_report(Path("h.txt"), text.encode("utf-8")))
print("done")
"""


def test_hostile_texts_of_200k_characters_finish() -> None:
    """Quadratic before (5,000 digits took 3.3 s, 一万×2,500 23 s, 10,000 numeral characters 53 s,
    so these took hours); linear now, seconds each (一万 is a figure every two characters, each
    with a label, so it has a tenth of the length): the limit is generous, not a timing."""
    out = subprocess.run([sys.executable, "-c", _HOSTILE, "200000"], capture_output=True, text=True,
                         timeout=600, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "done"


def test_a_number_too_long_to_read_is_excluded_with_its_rule(tmp_path: Path, capsys) -> None:
    report = tmp_path / "long.txt"
    report.write_text("全县共有" + "9" * 5000 + "户，" + "一" * 100_000 + "人，新建学校3所。", encoding="utf-8")
    assert main(["extract", "--excluded", str(report)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    recs = [json.loads(line) for line in out.splitlines()]
    assert [(r["end"] - r["start"], r["value"], r["rule"], r.get("excluded", False)) for r in recs] == [
        (5001, 0, "exclude.too_long", True), (100_001, 0, "exclude.too_long", True),
        (2, 3, "unit.count.guarded", False)]


def test_too_long_and_too_large_numbers_are_never_read() -> None:
    assert [(m.kind, m.value) for m in find_numbers("1" * 25)] == [("too_long", 0)]
    assert [(m.kind, m.value) for m in find_numbers("1" * 24)] == [("arabic", int("1" * 24))]
    # within 24 digits in a row, but beyond Decimal's 28 digits once scaled
    assert [(m.kind, m.value) for m in find_numbers("9" * 24 + "万亿")] == [("too_long", 0)]
    assert find_numbers("一" * 30)[0].kind == "too_long"


async def test_the_app_shows_a_5000_digit_number_as_excluded(ws) -> None:  # noqa: F811
    report = ws.reports / "long.txt"
    report.write_text("全县共有" + "9" * 5000 + "户，新建学校3所。\n", encoding="utf-8")
    app = ws.app(report)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        await pilot.press("N")  # the excluded number: its detail line names the rule
        await pilot.pause()
        assert "exclude.too_long" in screen_text(app)
        await pilot.press("q")
    assert app.return_code in (0, None)


def test_a_huge_value_is_shown_by_its_size() -> None:
    assert format_value(10 ** 5000) == "(~5,001 digits)"
    assert format_value(-(10 ** 50)) == "-(~51 digits)"
    assert format_value(12345) == "12345"


def test_the_exclusion_rules_sharing_long_runs_find_what_finditer_finds() -> None:
    # the rules' scans of one text share the long runs they find, each run class its own: a
    # whitespace rule (第\s*…) must not be given the digits' runs (a 第 after 12 spaces was missed)
    from hedui.core.numbers.exclusions import Exclusions
    from hedui.core.rules import load_rules

    texts = ["1234567890123456年的" + " " * 14 + "第3名，" + "　" * 13 + "前5名",
             "5" * 40 + "年" + " " * 30 + "第" + "二" * 20 + "届，" + "\n" * 15 + "（3）"]
    for text in texts:
        padded = "\n" + text
        runs: dict = {}
        for _, rid, sc in Exclusions(load_rules())._compiled:
            assert [m.span() for m in sc.finditer(padded, runs=runs)] == [m.span() for m in sc.pattern.finditer(padded)], rid


def test_the_long_runs_found_together_are_those_each_class_finds() -> None:
    # one scan for the union of the run classes (SharedRuns), then each class inside its runs
    from hedui.core.numbers.exclusions import Exclusions
    from hedui.core.numbers.long_runs import SharedRuns
    from hedui.core.rules import load_rules

    safes = [sc.safe for _, _, sc in Exclusions(load_rules())._compiled]
    shared = SharedRuns.of(safes)
    assert shared is not None and len(shared.safes) >= 3
    texts = _texts(3, 60) + ["1234567890123456年的" + " " * 14 + "第3名，" + "　" * 13 + "前5名" + "\u2003" * 20,
                             "5" * 40 + " 2019 2020 2021 2022 " + "\n" * 15 + "..........．．．．．"]
    for text in texts:
        runs: dict = {}
        shared.fill(text, runs)
        for s in shared.safes:
            assert runs[s.memo_key] == [m.span() for m in s.runs.finditer(text)]


def test_the_spaces_are_the_characters_of_backslash_s() -> None:
    from hedui.core.numbers.long_runs import SPACES

    spaces = re.compile(f"[{SPACES}]")
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(r"\s", every) == spaces.findall(every) == [c for c in every if c.isspace()]
