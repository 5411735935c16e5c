"""A figure as a row (core/extract/rows.py): the extraction loop makes rows, hedui extract encodes
them; the figures made of them are the model's, field for field, in the model's order."""
from __future__ import annotations

from pathlib import Path

from hedui.core.corpus.extraction import extract_bytes
from hedui.core.extract.rows import figure_of, figures_of, in_text_order, row_of, rows_of, with_repeat_of
from hedui.core.model import in_text_order as model_order

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _extractions():
    return [extract_bytes(p.read_bytes(), p.name) for p in sorted(SEEDS.glob("*.txt"))]


def test_a_figure_and_its_row_make_each_other():
    figures = [f for e in _extractions() for f in e.figures + e.excluded]
    assert len(figures) > 200 and any(f.excluded for f in figures) and any(f.label_alternatives for f in figures)
    assert figures_of(rows_of(figures)) == figures
    assert all(figure_of(row_of(f)) == f for f in figures)


def test_rows_in_text_order_are_the_models():
    for e in _extractions():
        want = model_order(list(e.figures), list(e.excluded))
        assert figures_of(in_text_order(rows_of(list(e.figures)), rows_of(list(e.excluded)))) == want


def test_a_row_pointed_at_its_first_copy():
    f = _extractions()[0].figures[3]
    marked = figure_of(with_repeat_of(row_of(f), 7))
    assert marked.repeat_of == 7 and marked.fields == f.fields and marked.label_alternatives == f.label_alternatives
