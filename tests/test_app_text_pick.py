"""The label picker's pick from the text beyond words: parts joined (``+``, Space), the edges
moved a character at a time (``[ ] { }``), and labels borrowed from the figure before with
this figure's own words; keys sent back to back, as a terminal sends them."""
from __future__ import annotations

from pathlib import Path

from textual import events

from hedui.app.screens.field_picker import FieldPicker
from tests.app_helpers import screen_text, wait_ready, ws  # noqa: F401
from tests.test_app_fixes import SIZE, TEXT, fixes_app, go_to, saved, settle

CHARS = {"plus": "+", "space": " ", "left_square_bracket": "[", "right_square_bracket": "]",
         "left_curly_bracket": "{", "right_curly_bracket": "}", "full_stop": "."}


def send(app, *keys: str) -> None:
    """Keys as a terminal sends them when they come faster than the app draws."""
    for key in keys:
        event = events.Key(key, CHARS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app._driver.send_message(event)


async def test_plus_joins_the_phrase_with_the_words_before_the_figure(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "1.2萬人")
        # the pick starts on the label where it stands (受惠長者); + keeps it and selects the
        # word just before the figure (達到); Enter takes both, joined
        send(app, "L", "plus", "enter")
        await settle(pilot)
        assert app.review.panel is None
        assert app.review.entry(app.review.current_id).text == "12"  # advanced
    entry = saved(ws)["entries"]["1.2萬人"]
    assert (entry.status, entry.fields.label) == ("corrected", "受惠長者達到")


async def test_space_joins_with_a_space_and_the_text_line_shows_the_parts(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "3,200萬元")
        await pilot.press("L")
        assert "Join" not in screen_text(app).splitlines()[-1]  # not picking from the text yet
        await pilot.press("space")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "+ Join" in footer and "[ ] { } Char" in footer  # picking: the keys that apply
        picker = app.review.panel
        assert isinstance(picker, FieldPicker)
        assert picker.picked == "發放生活津貼 共計"
        shown = str(picker.query_one("#picker-text").render())
        assert "發放生活津貼 共計" in shown
        assert "+ join" in str(picker.query_one("#picker-help").render())  # the keys say so
        sel = app.review.view.selection
        assert TEXT[sel[0]:sel[1]] == "共計"  # the part being picked is the selection
        await pilot.press("h")  # that part's start a word left: the part grows back
        assert picker.picked == "發放生活津貼 津貼共計"
        await pilot.press("enter")
        await settle(pilot)
    assert saved(ws)["entries"]["3,200萬元"].fields.label == "發放生活津貼 津貼共計"


async def test_brackets_move_either_end_a_character(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "3,200萬元")
        # 發放生活津貼 → ] 放生活津貼 → ] 生活津貼 → { 生活津 → [ 放生活津 → } 放生活津貼
        send(app, "L", "right_square_bracket", "right_square_bracket", "left_curly_bracket",
             "left_square_bracket")
        await settle(pilot)
        picker = app.review.panel
        assert picker.picked == "放生活津"
        send(app, "right_curly_bracket", "enter", "a")  # a: the next figure accepted
        await settle(pilot)
    entries = saved(ws)["entries"]
    assert entries["3,200萬元"].fields.label == "放生活津貼"
    assert entries["1.2萬人"].status == "accepted"


async def test_a_character_move_never_empties_the_pick(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "3,200萬元")
        await pilot.press("L", *["right_square_bracket"] * 10)
        assert app.review.panel.picked == "貼"
        await pilot.press("l")  # a word move from inside a word goes to that word's edge first
        assert app.review.panel.picked
        await pilot.press("escape")
        await settle(pilot)
        assert app.review.view.selection is None
    assert saved(ws)["entries"]["3,200萬元"].status == "pending"


async def test_label_borrowed_from_the_figure_before_with_this_figures_words(ws):
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "1.2萬人")
        await pilot.press("L")
        choices = [(c.value, c.why) for c in app.review.panel.choices]
        borrowed = [v for v, why in choices if why == "figure before + own words"]
        assert borrowed == ["發放生活津貼受惠長者達到"]  # 發放生活津貼 + its own words
        n = [v for v, _ in choices].index(borrowed[0]) + 1
        await pilot.press(str(n))
        await settle(pilot)
    assert saved(ws)["entries"]["1.2萬人"].fields.label == "發放生活津貼受惠長者達到"


async def test_a_long_choice_is_cut_with_an_ellipsis_and_every_choice_stays_on_screen(ws):
    """At 80x24 a choice longer than the picker (a neighbour's long label with this figure's
    words) is one row ending in …: it does not wrap and push the last choice out of sight."""
    import shutil

    from hedui.app.app import make_app
    from hedui.app.config import load_config
    from hedui.core.extract.extractor import Extractor
    from tests.app_helpers import REVIEWER

    report = Path(__file__).resolve().parent.parent / "seeds" / "city-congress-2019.txt"
    shutil.copy(report, ws.reports / report.name)
    app = make_app([ws.reports / report.name], ws.sessions, REVIEWER, config=load_config(ws.config),
                   extractor=Extractor())
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "近5000场(次)")
        await pilot.press("L")
        await settle(pilot)
        picker = app.review.panel
        assert isinstance(picker, FieldPicker) and len(picker.choices) == 7
        assert any(len(c.value) + len(c.why) > 40 for c in picker.choices)  # one is too long for a row
        lines = screen_text(app).splitlines()
        rows = [line for line in lines if line.lstrip(" ▸")[:2] in {f"{i} " for i in range(1, 8)}]
        assert [r.lstrip(" ▸")[0] for r in rows] == list("1234567")  # each choice one row, all seen
        assert any(r.rstrip().endswith("…") for r in rows)


async def test_escape_and_a_key_read_as_one_alt_key_close_the_picker_then_run_the_key(ws):
    """Over a slow link Escape and the next key come in one read and the terminal reads them as
    one Alt key (``alt+slash``): the picker takes it as Escape, then the key — it never types
    the character as the field's new value."""
    app = fixes_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await go_to(pilot, "3,200萬元")
        await pilot.press("P")
        assert isinstance(app.review.panel, FieldPicker)
        send(app, "alt+slash")
        await settle(pilot)
        # the picker closed without typing "/", and / then opened the search
        assert type(app.review.panel).__name__ == "SearchDialog"
        await pilot.press("escape")
        await settle(pilot)
        assert app.review.panel is None
    assert saved(ws)["entries"]["3,200萬元"].status == "pending"
