"""The field picker: fix one field of the current figure (label, period, unit, bound, category)
without the whole form.

It lists numbered choices (the extractor's ranked alternatives, the neighbouring figures'
values, the last value used; for bound and category every value); a digit, or Enter on the
highlighted one, takes it.  ``h``/``l`` start a pick from the report's text instead: a
selection of jieba words in the report pane, moved by ``h``/``l``, grown and shrunk by
``L``/``H``; Enter then takes the selected phrase in the report's own characters.  Typing is
the last resort: ``ctrl+u`` (or any character no key is bound to) opens a one-line input.
``e`` opens the full form on this field.  Returns ``(field, value)``, ``("form", field)`` or None.

Keys typed while it opens are held by the screen and replayed here (``replay``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from hedui.app.widgets.panel import Panel
from hedui.app.widgets.quiet_input import QuietInput

#: most choices shown (digits 1-7): the rows of the choices at 80x24 (hedui.tcss #picker-options)
MAX_CHOICES = 7


@dataclass(frozen=True)
class Choice:
    value: str
    why: str = ""  # where it comes from: alternative, near figure, last used, original …


class TextPick(Protocol):
    """The selection in the report pane that the picker drives (see ``field_fixes``)."""

    prefix: str  # the parts taken so far (``add_part``), each with its separator

    def move(self, words: int) -> str: ...
    def grow(self, words: int) -> str: ...
    def nudge(self, edge: str, chars: int) -> str: ...
    def add_part(self, separator: str) -> str: ...
    def finish(self) -> None: ...


class FieldPicker(Panel, can_focus=True):
    """See the module docstring."""

    BINDINGS = [
        *(Binding(str(n), f"take({n})", "Take", show=n == 1, key_display=f"1-{MAX_CHOICES}", id=f"picker.take_{n}")
          for n in range(1, MAX_CHOICES + 1)),
        Binding("j,down", "cursor(1)", "Down", show=False, id="picker.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="picker.up"),
        Binding("enter", "take_current", "Take", show=False, id="picker.take"),
        Binding("h,left", "word(-1)", "Text", key_display="h/l", id="picker.word_left"),
        Binding("l,right", "word(1)", "Text→", show=False, id="picker.word_right"),
        Binding("H,shift+left", "grow(-1)", "Shrink", show=False, id="picker.shrink"),
        Binding("L,shift+right", "grow(1)", "Grow", show=False, id="picker.grow"),
        # picking from the text: in the Footer once a phrase is picked (``check_action``)
        Binding("plus", "part('')", "Join", id="picker.join"),
        Binding("space", "part(' ')", "Join spaced", show=False, id="picker.join_spaced"),
        Binding("left_square_bracket", "nudge('start', -1)", "Char", key_display="[ ] { }",
                id="picker.start_left"),
        Binding("right_square_bracket", "nudge('start', 1)", "Start→", show=False, id="picker.start_right"),
        Binding("left_curly_bracket", "nudge('end', -1)", "End←", show=False, id="picker.end_left"),
        Binding("right_curly_bracket", "nudge('end', 1)", "End→", show=False, id="picker.end_right"),
        Binding("ctrl+u", "type", "Type", key_display="^u", id="picker.type"),
        Binding("e", "form", "Form", id="picker.form"),
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
    ]

    persistent = True

    def __init__(self) -> None:
        super().__init__(id="picker", classes="panel")
        self.setup("label", "", [], "")

    def setup(self, field: str, title: str, choices: list[Choice], current: str,
              text_pick: TextPick | None = None, typed: bool = True) -> None:
        """Make it the picker of ``field``; shown by ``ReviewScreen.show_panel``. The picker is
        composed once and shown and hidden, never mounted on demand: mounting repaints the
        whole screen over SSH, showing it repaints its own rows."""
        self.field = field
        self.title_text = title
        self.choices = choices[:MAX_CHOICES]
        self.current = current
        self.text_pick = text_pick
        self.typed = typed  # typing allowed (not for a fixed set of values)
        self.highlighted = 0
        self.picked = ""  # the phrase selected in the text ('' when not picking from it)
        self.typing = False
        self.closing = False
        self._help_shown = self._help()
        if self.is_mounted:
            self.query_one("#picker-title", Static).update(self._title())
            self.query_one("#picker-help", Static).update(self._help_shown)
            self.query_one("#picker-options").display = True
            self.query_one(Input).display = False
            self._redraw()

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="picker-title")
        yield Static(self._options(), id="picker-options")
        yield Static(self._text_line(), id="picker-text")
        yield QuietInput(self.current, id="picker-input", select_on_focus=False)
        yield Static(self._help(), id="picker-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).display = False

    def allow_focus(self) -> bool:
        return getattr(self.screen, "panel", None) is self  # covered, it never takes the keys

    def opened(self) -> None:
        """Shown: it takes the keys (at once: ``focus()`` would wait a round)."""
        self.screen.set_focus(self)

    # ------------------------------------------------------------------ drawing
    def _title(self) -> Text:
        title = Text(" " + self.title_text, style="bold", no_wrap=True, overflow="ellipsis")
        title.append(f"  now: {self.current or '—'}", style="not bold")
        return title

    def _options(self) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        if not self.choices:
            out.append(" no choices: h/l pick from the text, ^u type", style="dim")
        for i, c in enumerate(self.choices):
            if i:
                out.append("\n")
            mark = "▸" if i == self.highlighted and not self.picked else " "
            out.append(f" {mark}{i + 1} ", style="bold")
            out.append(c.value or "(empty)", style="reverse" if mark != " " else "")
            if c.why:
                out.append(f"  {c.why}", style="dim")
        return out

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("word", "grow"):
            return self.text_pick is not None and not self.typing
        if action in ("nudge", "part"):  # (they work from the start; shown once picking)
            return self.text_pick is not None and not self.typing and bool(self.picked)
        if action == "type":
            return self.typed and not self.typing
        return True

    def _text_line(self) -> Text:
        if self.text_pick is None or self.typing:
            return Text("")
        if not self.picked:
            return Text(" h/l: pick from the text (H/L shrink/grow)", style="dim", no_wrap=True)
        line = Text(" text: ", style="bold", no_wrap=True, overflow="ellipsis")
        prefix = self.text_pick.prefix
        line.append(prefix)
        line.append(self.picked[len(prefix):], style="reverse")
        line.append("  Enter takes it", style="dim")
        return line

    def _help(self) -> str:
        if self.typing:
            return " Enter save · ^u clear · Esc cancel"
        if self.picked:
            return " Enter take · h/l H/L word · [ ] { } char · + join · space join spaced · Esc"
        text = " · h/l H/L text" if self.text_pick is not None else ""
        typed = " · ^u type" if self.typed else ""
        return f" 1-{MAX_CHOICES} / Enter take{text}{typed} · e form · Esc"

    def _redraw(self) -> None:
        self.query_one("#picker-options", Static).update(self._options())
        self.query_one("#picker-text", Static).update(self._text_line())
        help_line = self._help()
        if help_line != self._help_shown:  # picking from the text began or ended
            self._help_shown = help_line
            self.query_one("#picker-help", Static).update(help_line)
            self.refresh_bindings()

    # ------------------------------------------------------------------ actions
    def action_take(self, n: int) -> None:
        if 1 <= n <= len(self.choices):
            self._done(self.choices[n - 1].value)

    def action_cursor(self, delta: int) -> None:
        if self.choices:
            self.highlighted = (self.highlighted + delta) % len(self.choices)
            self._end_pick()
            self._redraw()

    def action_take_current(self) -> None:
        if self.picked:
            self._done(self.picked)
        elif self.choices:
            self._done(self.choices[self.highlighted].value)

    def action_word(self, delta: int) -> None:
        if self.text_pick is not None:
            self.picked = self.text_pick.move(delta)
            self._redraw()

    def action_grow(self, delta: int) -> None:
        if self.text_pick is not None:
            self.picked = self.text_pick.grow(delta)
            self._redraw()

    def action_nudge(self, edge: str, chars: int) -> None:
        if self.text_pick is not None:
            self.picked = self.text_pick.nudge(edge, chars)
            self._redraw()

    def action_part(self, separator: str) -> None:
        if self.text_pick is not None:
            self.picked = self.text_pick.add_part(separator)
            self._redraw()

    def action_type(self, initial: str = "") -> None:
        if not self.typed:
            return
        self._end_pick()
        self.typing = True
        inp = self.query_one(Input)
        inp.value = initial
        inp.cursor_position = len(initial)
        inp.display = True
        self.query_one("#picker-options").display = False
        self.query_one("#picker-text", Static).update(self._text_line())
        self._help_shown = self._help()
        self.query_one("#picker-help", Static).update(self._help_shown)
        self.refresh_bindings()
        self.screen.set_focus(inp)

    def action_form(self) -> None:
        self._end_pick()
        self.close_with(("form", self.field))

    def action_cancel(self) -> None:
        self._end_pick()
        self.close_with(None)

    def _end_pick(self) -> None:
        if self.picked and self.text_pick is not None:
            self.text_pick.finish()
        self.picked = ""

    def _done(self, value: str) -> None:
        self._end_pick()
        self.close_with((self.field, value.strip()))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._done(event.value)

    def on_key(self, event: events.Key) -> None:
        """A bound key runs its action; a character no key of the picker is bound to starts
        typing (an input method's characters too)."""
        if self.closing or self.typing:
            return  # (closing: the screen holds the key for after the picker is gone)
        if (plain := _escaped(event)) is not None:
            event.stop()
            event.prevent_default()
            self.action_cancel()
            self.screen.hold_keys([plain])  # played on the screen once the picker is gone
            return
        if event.key in self._bindings.key_to_bindings:
            # run at once: a binding runs only once the key has bubbled up to the app, after
            # the keys typed right behind it (Enter then a would type the a into the picker)
            event.stop()
            event.prevent_default()
            self.run_bound(event.key)
            return
        if self.typed and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.action_type(event.character)

    # ------------------------------------------------------------------ typeahead
    def replay(self, keys: list[events.Key]) -> list[events.Key]:
        """Handle keys typed while the picker opened, in order, as the picker would have;
        returns those that came after it closed (for the screen)."""
        for n, key in enumerate(keys):
            if self.typing:
                inp = self.query_one(Input)
                if key.key == "enter":
                    self._done(inp.value)
                elif key.key == "escape":
                    self.action_cancel()
                elif key.key == "backspace":
                    inp.action_delete_left()
                elif key.key == "ctrl+u":
                    inp.value = ""
                elif key.is_printable and key.character:
                    inp.insert_text_at_cursor(key.character)
            elif (plain := _escaped(key)) is not None:
                self.action_cancel()
                return [plain] + keys[n + 1:]
            elif not self.run_bound(key.key) and key.is_printable and key.character:
                self.action_type(key.character)
            if self.closing:
                return keys[n + 1:]
        return []


def _escaped(key: events.Key) -> events.Key | None:
    """Escape and a key that came with it (``alt+slash``: a slow link or a fast hand sends the
    two in one read, and the terminal reads them as one Alt key) as the plain key, else None:
    the picker reads it as Escape, then the key, never as a character to type."""
    if not key.key.startswith("alt+") or key.key == "alt+":
        return None
    return events.Key(key.key.removeprefix("alt+"), key.character)
