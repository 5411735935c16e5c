"""The field fixes of the review screen (L P U B C . V R), the field picker, the form's
choices, numerals and focus, and keys sent back to back into a picker or a form."""
from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from hedui.app.app import make_app
from hedui.app.config import load_config
from hedui.app.screens.correct_dialog import CorrectDialog
from hedui.app.screens.field_picker import FieldPicker
from hedui.app.screens.help import key_rows
from hedui.core.model import Extraction, Fields, Figure, Report
from tests.app_helpers import REVIEWER, screen_text, wait_ready, ws  # noqa: F401

SIZE = (80, 24)

TEXT = (
    "二〇二三年施政報告\n"
    "本年度政府向長者發放生活津貼共計3,200萬元,受惠長者達到1.2萬人。\n"
    "\n"
    "項目      2022年    2023年\n"
    "新建學校    12        15\n"
    "新增學位    800       950\n"
    "\n增幅介乎2.3至6.1%之間。\n"
)

# surface, fields, rule, label alternatives, period alternatives
FIGURES = [
    ("3,200萬元", Fields(32000000, None, "元", "=", "money", "發放生活津貼", ""), "unit.money",
     ("生活津貼", "政府向長者發放生活津貼"), ("本年度",)),
    ("1.2萬人", Fields(12000, None, "人", "=", "count", "受惠長者", ""), "unit.count", (), ("本年度",)),
    ("12", Fields(12, None, "", "=", "count", "新建學校", ""), "table.cell", (), ()),
    ("15", Fields(15, None, "", "=", "count", "新建學校", ""), "table.cell", (), ()),
    ("800", Fields(800, None, "", "=", "count", "新增學位", ""), "table.cell", (), ()),
    ("950", Fields(950, None, "", "=", "count", "新增學位", ""), "table.cell", (), ()),
    ("6.1%", Fields(6.1, None, "%", "=", "percent", "增幅", ""), "unit.percent", (), ()),
]


class Extractor:
    """The figures above, with the extractor's ranked alternatives; the real viewer."""

    def __init__(self) -> None:
        from hedui.core.extract.viewing import Viewer

        self.viewer = Viewer()

    def extract(self, report: Report) -> Extraction:
        figures, pos = [], 0
        for surface, fields, rule, labels, periods in FIGURES:
            start = report.text.index(surface, pos)
            pos = start + len(surface)
            figures.append(Figure(start, pos, surface, fields, rule, label_alternatives=labels,
                                  period_alternatives=periods))
        return Extraction(report, tuple(figures), (), rules_digest="fixed")

    def parse_span(self, report: Report, start: int, end: int) -> Figure | None:
        from hedui.core.extract.extractor import Extractor as Real

        return Real().parse_span(report, start, end)  # the real reading of a span


def fixes_app(ws):
    path = ws.reports / "budget.txt"
    path.write_text(TEXT, encoding="utf-8")
    return make_app([path], ws.sessions, REVIEWER, config=load_config(ws.config), extractor=Extractor())


def saved(ws) -> dict[str, object]:
    """The session as written: entries by text, and the log."""
    from hedui.core.session.session import Session
    from hedui.core.text.report import load_report

    ex = Extractor().extract(load_report(ws.reports / "budget.txt"))
    with Session.open(ex, ws.sessions, REVIEWER, read_only=True) as s:
        return {"entries": {e.text: e for e in s.entries}, "log": list(s.log)}


def back_to_back(app, *keys: str) -> None:
    """Send keys as a terminal does when they come faster than the app draws: no pause."""
    chars = {"full_stop": ".", "space": " "}
    for key in keys:
        char = chars.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def settle(pilot, times: int = 6) -> None:
    for _ in range(times):
        await pilot.pause()


async def go_to(pilot, text: str) -> None:
    review = pilot.app.review
    review.go_to(next(e.id for e in review._ordered if e.text == text))
    await pilot.pause()


# ---------------------------------------------------------------- the picker


async def test_label_picker_offers_alternatives_neighbours_and_a_digit_takes_one(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "3,200萬元")
        await pilot.press("L")
        picker = app.review.panel
        assert isinstance(picker, FieldPicker)
        values = [c.value for c in picker.choices]
        assert values[:2] == ["生活津貼", "政府向長者發放生活津貼"]  # the extractor's, ranked
        assert "受惠長者" in values  # the next figure's label
        assert values[-1] == ""  # clear it
        shown = screen_text(app)
        assert "1 生活津貼" in shown and "^u" in shown
        await pilot.press("1")
        await settle(pilot)
        assert app.review.panel is None
        assert app.review.entry(app.review.current_id).text == "1.2萬人"  # advanced
    got = saved(ws)
    e = got["entries"]["3,200萬元"]
    assert (e.status, e.fields.label, e.fields.value) == ("corrected", "生活津貼", 32000000)
    assert got["log"][-1]["changed"] == ["label"]


async def test_label_picked_from_the_text_in_its_own_characters(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "3,200萬元")
        await pilot.press("L", "h")
        picker = app.review.panel
        first = picker.picked
        # the pick starts at the label where it stands in the text, one word further left
        assert first.endswith("發放生活津貼") and len(first) > len("發放生活津貼") and first in TEXT
        assert app.review.view.selection is not None
        await pilot.press("l", "H")  # start back one word, end one word shorter
        assert picker.picked in TEXT and picker.picked != first
        await pilot.press("L")  # the end one word further again
        taken = picker.picked
        await pilot.press("enter")
        await settle(pilot)
        assert app.review.view.selection is None
    assert saved(ws)["entries"]["3,200萬元"].fields.label == taken == "發放生活津貼"


async def test_period_typed_with_ctrl_u_and_repeated_with_dot(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        assert app.review.check_action("repeat_fix", ()) is False  # nothing to repeat yet
        await go_to(pilot, "12")
        await pilot.press("P", "ctrl+u", "2", "0", "2", "2", "年", "enter")
        await settle(pilot)
        assert app.review.entry(app.review.current_id).text == "15"
        assert app.review.check_action("repeat_fix", ()) is True  # a fix to repeat: shown
        await pilot.press("j")  # 800, the same column as 12
        await pilot.press("full_stop")
        await settle(pilot)
    entries = saved(ws)["entries"]
    assert entries["12"].fields.period == "2022年" and entries["800"].fields.period == "2022年"
    assert entries["15"].status == "pending"


async def test_bound_and_category_pickers_take_a_digit(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "1.2萬人")
        await pilot.press("B")
        assert [c.value for c in app.review.panel.choices][:3] == ["=", "~", ">"]
        await pilot.press("2")
        await settle(pilot)
        await go_to(pilot, "12")
        await pilot.press("C", "5")
        await settle(pilot)
        await go_to(pilot, "15")
        await pilot.press("U", "ctrl+u", "所", "enter")
        await settle(pilot)
    entries = saved(ws)["entries"]
    assert entries["1.2萬人"].fields.bound == "~"
    assert entries["12"].fields.category == "measure"
    assert entries["15"].fields.unit == "所"


async def test_range_from_the_bound_picker_opens_the_form_on_value_max(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("B", "7")
        await settle(pilot)
        assert isinstance(app.review.panel, CorrectDialog)
        assert app.focused.id == "field-value_max"


async def test_picker_e_opens_the_form_on_that_field_and_escape_cancels(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("P", "escape")
        await settle(pilot)
        assert app.review.panel is None
        await pilot.press("P", "e")
        await settle(pilot)
        assert isinstance(app.review.panel, CorrectDialog) and app.focused.id == "field-period"
    assert saved(ws)["log"] == []


# ---------------------------------------------------------------- a table column at once


async def test_column_fill_is_one_step_and_one_undo(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "1.2萬人")
        await pilot.press("P", "ctrl+u", "2", "0", "2", "2", "年", "enter")
        await settle(pilot)
        await go_to(pilot, "12")
        await pilot.press("V")
        await settle(pilot)
        review = app.review
        column = {e.text: e.fields.period for e in review._ordered if e.text in ("12", "800", "15")}
        assert column == {"12": "2022年", "800": "2022年", "15": ""}
        await pilot.press("u")
        await settle(pilot)
        assert {review.entry(e.id).status for e in review._ordered if e.text in ("12", "800")} == {"pending"}
        assert review.entry(next(e.id for e in review._ordered if e.text == "1.2萬人")).status == "corrected"
        await pilot.press("ctrl+r")
        await settle(pilot)
        await go_to(pilot, "15")
        await pilot.press("R")  # the row of 15: 12 has it already, 15 gets it
        await settle(pilot)
    entries = saved(ws)["entries"]
    assert [entries[t].fields.period for t in ("12", "800", "15")] == ["2022年"] * 3
    assert entries["950"].status == "pending"


async def test_column_fill_outside_a_table_says_so(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("V")  # no fix yet: nothing to give
        await go_to(pilot, "3,200萬元")
        await pilot.press("B", "2")
        await settle(pilot)
        await go_to(pilot, "3,200萬元")
        await pilot.press("V")
        await settle(pilot)
    log = saved(ws)["log"]
    assert [r["op"] for r in log] == ["correct"]


# ---------------------------------------------------------------- keys back to back


async def test_keys_right_after_e_go_into_the_form_fields(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "1.2萬人")
        back_to_back(app, "e", "down", "down", "down", "down", "down", "ctrl+u", "長", "者", "enter")
        await settle(pilot, 12)
        assert app.review.panel is None
    e = saved(ws)["entries"]["1.2萬人"]
    assert (e.status, e.fields.label, e.fields.value, e.fields.unit) == ("corrected", "長者", 12000, "人")


async def test_e_then_a_types_the_a_into_the_form(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        back_to_back(app, "e", "a")
        await settle(pilot, 12)
        form = app.review.panel
        assert isinstance(form, CorrectDialog)
        assert form.query_one("#field-value").value.endswith("a")
        assert app.review.current_id == first
    assert saved(ws)["log"] == []


async def test_picker_keys_back_to_back_and_the_keys_after_it(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        back_to_back(app, "L", "2", "P", "1", "j")
        await settle(pilot, 16)
        assert app.review.panel is None
        assert app.review.entry(app.review.current_id).text == "15"  # fixed, fixed (to 12), then j
    entries = saved(ws)["entries"]
    assert entries["3,200萬元"].fields.label == "政府向長者發放生活津貼"
    assert entries["1.2萬人"].fields.period == "本年度"


# ---------------------------------------------------------------- the form


async def test_form_choices_numerals_and_an_unchanged_save(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("e", "enter")  # unchanged: no decision
        await settle(pilot)
        assert app.review.panel is None
        assert app.review.entry(app.review.current_id).status == "pending"
        await pilot.press("e", "ctrl+u", "五", "点", "八", "down", "down", "down", "2", "down", "3", "enter")
        await settle(pilot)
    e = saved(ws)["entries"]["3,200萬元"]
    assert (e.fields.value, e.fields.bound, e.fields.category) == (5.8, "~", "percent")
    assert [r["op"] for r in saved(ws)["log"]] == ["correct"]


# ---------------------------------------------------------------- help


async def test_help_lists_every_new_key(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        rows = app.screen.rows
    ids = {bid for _, _, bid, _ in rows}
    for bid in ("review.fix_label", "review.fix_period", "review.fix_unit", "review.fix_bound",
                "review.fix_category", "review.repeat_fix", "review.fill_column", "review.fill_row",
                "picker.take_1", "picker.word_left", "picker.grow", "picker.type", "picker.form",
                "choice.pick_1", "correct.next"):
        assert bid in ids, bid
    keys = {bid: k for k, _, bid, _ in rows}
    assert keys["review.fix_label"] == "L" and keys["picker.type"] == "ctrl+u"


def test_key_rows_follow_the_keymap():
    class Fake:
        BINDINGS = FieldPicker.BINDINGS
        active_bindings: dict = {}

    rows = key_rows(Fake(), {"picker.type": "ctrl+t"})
    assert ("ctrl+t", "picker.type") in {(k, b) for k, _, b, _ in rows}


# ---------------------------------------------------------------- p on a promoted figure


async def test_p_on_a_promoted_figure_goes_to_the_next_excluded_number(ws):
    from tests.test_snapshots import fixed_app

    app = fixed_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        first, second = review._excluded[0], review._excluded[1]
        review.go_to_excluded(first)
        await pilot.press("p")  # promoted: now the current figure
        await pilot.pause()
        entry = review.entry(review.current_id)
        assert (entry.start, entry.rule) == (first.start, f"promote:{first.rule}")
        await pilot.press("p")  # not back to its own old excluded entry: on to the next
        await pilot.pause()
        assert review.current_excluded is second
        review.go_to(entry.id)
        await pilot.press("N")
        await pilot.pause()
        assert review.current_excluded is second


async def test_the_span_moves_in_the_form_and_its_number_is_read_anew(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "6.1%")
        await pilot.press("e", "up")
        form = app.review.panel
        assert app.focused.id == "form-title"
        await pilot.press(*["h"] * 4)  # the start four characters left: 2.3至6.1%
        await settle(pilot)
        assert form.span == (TEXT.index("2.3至6.1%"), TEXT.index("6.1%") + 4)
        assert "【2.3至6.1%】" in screen_text(app)
        assert form.query_one("#field-value").value == "2.3" and form.value_of("bound") == "range"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("u")  # one undo takes the whole move back
        await settle(pilot)
        assert {e.text: e.status for e in app.review._ordered}.get("6.1%") == "pending"
        assert "2.3至6.1%" not in {e.text for e in app.review._ordered}
        await pilot.press("ctrl+r")
        await settle(pilot)
    entries = saved(ws)["entries"]
    moved = entries["2.3至6.1%"]
    assert (moved.status, moved.fields.value, moved.fields.value_max, moved.fields.bound) == ("added", 2.3, 6.1, "range")
    assert moved.rule == "unit.percent" and entries["6.1%"].status == "rejected"


async def test_period_picker_offers_the_time_phrases_around_the_figure(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        entry = next(e for e in review._ordered if e.text == "1.2萬人")
        assert review.periods_in_text(entry)[:1] == ["本年度"]  # the report's own characters
        await go_to(pilot, "3,200萬元")
        await pilot.press("P")
        assert [c.value for c in review.panel.choices][0] == "本年度"
