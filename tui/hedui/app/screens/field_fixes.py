"""The review screen's field fixes: one key per field (label, period, unit, bound, category)
opens a picker at the current figure; ``.`` repeats the last fix on the current figure; a
column (or row) of a table gets the last fix in one undoable step.

A fix is a correction of that one field (the session records which fields changed); it
advances to the next figure like every decision.  A fix that changes nothing is no decision.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding

from hedui.app.screens.field_picker import MAX_CHOICES, Choice, FieldPicker
from hedui.core.extract.phrases import (Words, borrowed_labels, find_near, own_words, phrase, window,
                                        words_around)
from hedui.core.extract.table_mates import table_mates
from hedui.core.model import BOUNDS, CATEGORIES, Fields

#: in the Footer as room allows (``footer.PRIORITY``: L and P right after the decisions and
#: Undo, so that they stay at 60 and 80 columns); ``.`` and ``V`` once there is a fix to repeat
FIX_BINDINGS = [
    Binding("L", "fix('label')", "Label", id="review.fix_label"),
    Binding("P", "fix('period')", "Period", id="review.fix_period"),
    Binding("U", "fix('unit')", "Unit", id="review.fix_unit"),
    Binding("B", "fix('bound')", "Bound", id="review.fix_bound"),
    Binding("C", "fix('category')", "Category", id="review.fix_category"),
    Binding("full_stop", "repeat_fix", "Repeat", key_display=".", id="review.repeat_fix"),
    Binding("V", "fill('column')", "Column", id="review.fill_column"),
    Binding("R", "fill('row')", "Row", id="review.fill_row"),
]
FIX_ACTIONS = {"fix", "repeat_fix", "fill"}
TEXT_FIELDS = ("label", "period", "unit")
TITLES = {"label": "Label", "period": "Period", "unit": "Unit", "bound": "Bound", "category": "Category"}
FIXED_CHOICES = {"bound": BOUNDS, "category": CATEGORIES}
#: neighbouring figures whose value is offered, on each side
NEIGHBOURS = 2
#: a neighbour's label is borrowed only within the sentence
_SENTENCE_END = "。！？!?\n"


def fixed_fields(fields: Fields, field: str, value: str) -> Fields | None:
    """``fields`` with ``field`` set to ``value``; None where that alone cannot be (a range
    needs its upper end: the form is the place for it)."""
    if field == "bound":
        if value == "range" and fields.value_max is None:
            return None
        if value != "range":
            return replace(fields, bound=value, value_max=None)
    return replace(fields, **{field: value})


class ReportTextPick:
    """A phrase picked from the report: jieba words around the figure, the start moved by
    ``move`` and the end by ``grow`` (a word at a time), either edge by ``nudge`` (a character),
    shown as the report pane's selection.  ``add_part`` keeps the phrase as one part of the
    value and starts the next part (a label may join words from apart: ``临时救助 资金``)."""

    def __init__(self, screen: Any, entry: Any, start_at: str) -> None:
        self.screen, self.entry, self.start_at = screen, entry, start_at
        self.words: Words | None = None
        self.span: tuple[int, int] = (entry.start, entry.end)
        self.prefix = ""  # the parts taken so far, each followed by its separator

    @property
    def report(self) -> Any:
        return self.screen.slot.extraction.report

    def _begin(self) -> None:
        text, e = self.report.text, self.entry
        self.words = w = words_around(text, e.start, e.end, self.screen.simplify)
        near = find_near(text, self.start_at, w.lo, w.hi, e.start)
        if near is None and " " in self.start_at.strip():  # a joined label: its longest part
            part = max(self.start_at.split(), key=len)
            near = find_near(text, part, w.lo, w.hi, e.start)
        before = w.step(e.start, -1)
        self.span = near or ((before, e.start) if before < e.start else w.word_at(e.end))

    def move(self, words: int) -> str:
        """Move the start ``words`` words (the end moves on with it if passed)."""
        if self.words is None:
            self._begin()
        w, (s, e) = self.words, self.span
        s = w.step(s, words)
        self.span = (s, max(e, w.step(s, 1))) if s < w.hi else (w.step(w.hi, -1), w.hi)
        return self._show()

    def grow(self, words: int) -> str:
        """Move the end ``words`` words; never less than one word."""
        if self.words is None:
            self._begin()
        w, (s, e) = self.words, self.span
        self.span = (s, max(w.step(s, 1), w.step(e, words)))
        return self._show()

    def nudge(self, edge: str, chars: int) -> str:
        """Move the ``edge`` ("start" or "end") ``chars`` characters; never empty."""
        if self.words is None:
            self._begin()
        w, (s, e) = self.words, self.span
        if edge == "start":
            s = max(w.lo, min(s + chars, e - 1))
        else:
            e = min(w.hi, max(e + chars, s + 1))
        self.span = (s, e)
        return self._show()

    def add_part(self, separator: str) -> str:
        """Keep the selected phrase as a part, ``separator`` after it, and select the next
        part: the word just before the figure when the part ends before that, else the word
        after the part."""
        if self.words is None:
            self._begin()
        w, e = self.words, self.entry
        part = self._phrase()
        if part:
            self.prefix += part + separator
        end = self.span[1]
        before = w.step(e.start, -1)
        if end <= before < e.start:
            self.span = (before, e.start)
        else:
            at = e.end if end <= e.start else end
            self.span = (at, w.step(at, 1)) if at < w.hi else (w.step(w.hi, -1), w.hi)
        return self._show()

    def _phrase(self) -> str:
        return phrase(self.report, *self.span) or self.report.text[slice(*self.span)].strip()

    def _show(self) -> str:
        self.screen.view.show_span(*self.span)
        return self.prefix + self._phrase()

    def finish(self) -> None:
        self.prefix = ""
        self.screen.view.end_selection()


class FieldFixActions:
    """Mixin for ReviewScreen (which provides entry, slot, open_panel, _write, _decided …)."""

    last_fix: tuple[str, str] | None = None  # (field, value) of the last fix: ``.`` repeats it
    _simplifier: Any = None

    def simplify(self, text: str) -> str:
        if self._simplifier is None:
            from hedui.core.text.view import Simplifier

            self._simplifier = Simplifier()
        return self._simplifier.convert(text)

    def fix_applies(self, action: str) -> bool:
        if self.current_id is None:
            return False
        return action == "fix" or self.last_fix is not None

    # ------------------------------------------------------------ the picker
    def action_fix(self, field: str) -> None:
        entry = self.entry(self.current_id)
        if entry is None:
            return
        current = str(getattr(entry.fields, field))
        pick = ReportTextPick(self, entry, current) if field in TEXT_FIELDS else None

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                self.go_to(entry.id)
            elif result[0] == "form":
                self.open_form(entry, focus=result[1])
            else:
                self.apply_fix(entry.id, *result)

        title = f"{TITLES[field]} of {entry.text}"
        picker = self.query_one(FieldPicker)
        picker.setup(field, title, self.choices(field, entry), current, pick, field not in FIXED_CHOICES)
        self.show_panel(picker, done)

    def choices(self, field: str, entry: Any) -> list[Choice]:
        """What the picker offers, best first: for bound and category every value; else the
        extracted value (when changed), the extractor's alternatives, the neighbouring figures'
        values (nearest first), the last value used, and empty."""
        current = getattr(entry.fields, field)
        if field in FIXED_CHOICES:
            return [Choice(v, "now" if v == current else "") for v in FIXED_CHOICES[field]]
        out: dict[str, str] = {}

        def add(value: Any, why: str) -> None:
            value = str(value) if value is not None else ""
            if value and value != current and value not in out:
                out[value] = why

        if entry.suggestion is not None:
            add(getattr(entry.suggestion, field), "extracted")
        for alt in self.alternatives(entry, field):
            add(alt, "alternative")
        i = self._ordered.index(entry) if entry in self._ordered else -1
        if field == "label":
            for value, where in self.borrowed(i):
                add(value, where)
        for d in range(1, NEIGHBOURS + 1):
            for j, where in ((i - d, "figure before"), (i + d, "figure after")):
                if i >= 0 and 0 <= j < len(self._ordered):
                    add(getattr(self._ordered[j].fields, field), where)
        if field == "period":
            for period in self.periods_in_text(entry):
                add(period, "in the text")
        if self.last_fix is not None and self.last_fix[0] == field:
            add(self.last_fix[1], "last used")
        choices = [Choice(v, why) for v, why in out.items()][:MAX_CHOICES - 1]  # and "clear it"
        if current:
            choices.append(Choice("", "clear it"))
        return choices

    def borrowed(self, i: int) -> list[tuple[str, str]]:
        """Labels made from the figures before (and the one after) figure ``i`` of the same
        sentence: their label with its own words swapped for this figure's, or followed by
        them (``phrases.borrowed_labels``)."""
        if i < 0:
            return []
        text, ordered = self._extraction.report.text, self._ordered

        def own(k: int) -> str:
            return own_words(text, ordered[k].start, ordered[k - 1].end if k > 0 else 0)

        out, mine = [], own(i)
        for k, where in ((i - 1, "figure before"), (i - 2, "figure before"), (i + 1, "figure after")):
            if not 0 <= k < len(ordered):
                continue
            lo, hi = sorted((ordered[k].end, ordered[i].start))
            if any(c in text[lo:hi] for c in _SENTENCE_END):
                continue
            for value in borrowed_labels(str(ordered[k].fields.label), own(k), mine):
                out.append((value, f"{where} + own words"))
        return out

    def periods_in_text(self, entry: Any) -> list[str]:
        """The time phrases of the sentences around the figure, nearest first."""
        report = self.slot.extraction.report
        lo, hi = window(report.text, entry.start, entry.end)
        try:
            spans = self.app.preparer.extractor().viewer.time_phrases_in(report, lo, hi)
        except Exception:  # only choices: the picker works without them
            return []
        spans.sort(key=lambda sp: min(abs(sp[0] - entry.end), abs(sp[1] - entry.start)))
        return [phrase(report, s, e) for s, e in spans]

    def alternatives(self, entry: Any, field: str) -> tuple[str, ...]:
        """The extractor's ranked alternatives: kept in the session (when it keeps them), else
        those of the extraction's figure at the same span."""
        name = f"{field}_alternatives"
        for holder in (entry, entry.suggestion):
            alts = getattr(holder, name, None)
            if alts:
                return tuple(alts)
        if field not in ("label", "period") or self.slot.extraction is None:
            return ()
        cache = getattr(self, "_figures_at", None)
        if cache is None or cache[0] is not self.slot.extraction:
            cache = (self.slot.extraction, {(f.start, f.end): f for f in self.slot.extraction.figures})
            self._figures_at = cache
        figure = cache[1].get((entry.start, entry.end))
        return tuple(getattr(figure, name, ())) if figure is not None else ()

    # ------------------------------------------------------------ applying
    def apply_fix(self, eid: str, field: str, value: str) -> None:
        entry = self.entry(eid)
        if entry is None:
            return
        fields = fixed_fields(entry.fields, field, value)
        if fields is None:  # a range needs its upper end: the form, on that field
            self.open_form(entry, focus="value_max", prefill=replace(entry.fields, bound="range"))
            return
        self.last_fix = (field, value)
        if fields == entry.fields:
            self.notify(f"{field} unchanged: no decision", timeout=2)
            self.go_to(eid)
            return
        if self._write(self.slot.session.correct, eid, fields, entry.note):
            self._decided(eid, advance=True)

    def action_repeat_fix(self) -> None:
        if self.last_fix is not None and self.current_id is not None:
            self.apply_fix(self.current_id, *self.last_fix)

    def action_fill(self, axis: str) -> None:
        """The last fix given to every figure of the current figure's table column (or row)."""
        entry = self.entry(self.current_id)
        if entry is None or self.last_fix is None:
            return
        field, value = self.last_fix
        spans = [(e.start, e.end) for e in self._ordered]
        mates = [self._ordered[i] for i in table_mates(self._extraction.report.text, spans,
                                                       (entry.start, entry.end), axis)]
        if len(mates) < 2:
            self.notify(f"Not in a table {axis}: nothing else to give {field} to.", timeout=3)
            return
        changes = []
        for e in mates:
            fields = fixed_fields(e.fields, field, value)
            if fields is not None and fields != e.fields:
                changes.append((e.id, fields))
        if not changes:
            self.notify(f"Every figure of this {axis} has that {field} already.", timeout=3)
            return
        if self._write(self.slot.session.correct_many, changes):
            self._resync(entry.id)
            self.notify(f"{field} = {value or '(empty)'} for {len(changes)} figures of this {axis} "
                        f"(u undoes all)", timeout=3)
