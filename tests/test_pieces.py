"""A long report extracted in pieces on forked processes (core/extract/pieces.py) gives exactly the
figures of the serial extraction: every report of the repository joined into one text, cut at
many line ends, against the same text extracted in one go."""
from __future__ import annotations

from pathlib import Path

import pytest

from hedui.core.extract.extractor import Extractor
from hedui.core.extract.pieces import cut_points, run_forked
from hedui.core.extract.rows import figure_of
from hedui.core.text.report import decode_report

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["seeds", "tests/data/artefacts", "tests/data/extract/reports"] + sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "tests/data").glob("*/reports"))
PIECE = 6_000


@pytest.fixture(scope="module")
def joined():
    paths = [p for folder in FOLDERS for p in sorted((ROOT / folder).glob("*.txt"))]
    texts = []
    for p in paths:
        report = decode_report(p, p.read_bytes())
        texts.append(report.text)
    return decode_report("joined.txt", "\n".join(texts).encode("utf-8"))


def test_pieces_give_the_serial_extraction(joined):
    ex = Extractor()
    view = ex.viewer.view_of(joined)
    cuts = cut_points(view.text, ex.tables.find(view.text), 40, PIECE)
    assert len(cuts) >= 4  # the report is really cut (never within MARGIN of a table)
    serial = ex.extract(joined)
    pieces = ex.extract(joined, jobs=40, piece_chars=PIECE)
    assert len(serial.figures) > 2000 and any(f.repeat_of is not None for f in serial.figures)
    assert pieces.figures == serial.figures
    assert pieces.excluded == serial.excluded


def test_pieces_without_context(joined):
    ex = Extractor()
    serial = ex.extract(joined, context=False)
    assert ex.extract(joined, context=False, jobs=5, piece_chars=PIECE) == serial


def test_cuts_keep_away_from_tables():
    text = "一行文字。\n" * 3000
    ex = Extractor()
    table = "项目 2022年 2023年\n收入(万元) 120 150\n支出(万元) 80 90\n"
    with_table = text[:9000] + table + text[9000:]
    view_tables = ex.tables.find(with_table)
    assert view_tables.cells
    cuts = cut_points(with_table, view_tables, 3, 4_000, margin=1_000)
    assert cuts and all(with_table[c - 1] == "\n" for c in cuts)
    first, last = view_tables.cells[0].start, view_tables.cells[-1].end
    assert all(c <= first - 1_000 or c >= last + 1_000 for c in cuts)


def test_a_failing_piece_is_an_error_not_a_hang():
    def fail():
        raise ValueError("boom")

    assert run_forked([lambda: 1, lambda: 2, lambda: 3]) == [1, 2, 3]
    with pytest.raises(RuntimeError, match="ValueError: boom"):
        run_forked([lambda: 1, fail])


def test_artefacts_found_in_a_forked_process_are_the_same(joined):
    # hedui extract on a long report: furniture and repeated paragraphs are found in a forked
    # process while this one loads jieba and finds the tables and the context (corpus/extraction.py)
    from hedui.core.corpus.extraction import _beside_jieba
    from hedui.core.extract.pieces import PIECE_CHARS
    from hedui.core.text.artefact_rules import load_artefact_rules
    from hedui.core.text.artefacts import find_artefacts

    rules = load_artefact_rules()
    text = "\n".join([joined.text] * (2 * PIECE_CHARS // len(joined.text) + 1))
    assert len(text) >= 2 * PIECE_CHARS  # long enough to be found beside
    beside = _beside_jieba(text, rules)
    assert beside == find_artefacts(text, rules)
    assert {a.kind for a in beside} == {"pinyin", "furniture", "repeat"}
    short = joined.text  # too short to be worth a fork: found here, the same
    assert _beside_jieba(short, rules) == joined.artefacts


def test_lines_encoded_in_the_pieces_are_the_serial_records(joined):
    # hedui extract: each piece's process encodes its own figures; repeats marked across pieces
    import json

    from hedui.core.corpus.extraction import lines_of, records_of

    ex = Extractor()
    serial = ex.extract(joined)
    for excluded in (False, True):
        want = lines_of(serial, "joined.txt", excluded)
        assert want == [json.dumps(r, ensure_ascii=False) + "\n" for r in records_of(serial, "joined.txt", excluded)]
        for jobs in (1, 40):
            lines = ex.extract_lines(joined, lambda r: json.dumps(figure_of(r).as_json("joined.txt"), ensure_ascii=False) + "\n",
                                     excluded=excluded, jobs=jobs, piece_chars=PIECE)
            assert lines == want


def test_a_repeat_whose_first_copy_is_in_another_piece():
    # full-width digits first, half-width in the copy: the same paragraph (NFKC), another text,
    # so only the first copy's figure starts (another piece's) make them repeats
    first = "全县今年完成地区生产总值１２３.４亿元，比上年增长５.６%，其中第一产业增加值２３.１亿元。"
    filler = "".join(f"这是第{'一二三四五六七八九'[i % 9]}段没有数目的文字{'甲乙丙丁'[i % 4]}。\n" for i in range(600))
    text = first + "\n\n" + filler + "\n" + first.translate(str.maketrans("１２３４５６", "123456")) + "\n\n" + filler
    report = decode_report("copy.txt", text.encode("utf-8"))
    ex = Extractor()
    serial = ex.extract(report)
    assert [f.repeat_of for f in serial.figures] == [None] * 3 + [f.start for f in serial.figures[:3]]
    view = ex.viewer.view_of(report)
    cuts = cut_points(view.text, ex.tables.find(view.text), 4, 4_000)
    assert cuts and serial.figures[2].start < cuts[0] < serial.figures[3].start  # in two pieces
    lines = ex.extract_lines(report, lambda r: f"{figure_of(r).start} {figure_of(r).repeat_of}", jobs=4, piece_chars=4_000)
    assert lines == [f"{f.start} {f.repeat_of}" for f in serial.figures]
    assert ex.extract(report, jobs=4, piece_chars=4_000) == serial


def test_tables_and_context_prepared_beside_the_furniture_scan(joined):
    # corpus/extraction.py: Extractor.prepare runs before the report's artefacts are known
    from hedui.core.corpus.extraction import build_tools

    ex, rules = build_tools(None)
    report = decode_report("joined.txt", joined.text.encode("utf-8"), rules)
    want = ex.extract(report, jobs=40, piece_chars=PIECE)
    ex.prepare(report.text, ex.viewer.view_of(report))
    assert ex._prepared is not None
    assert ex.extract(report, jobs=40, piece_chars=PIECE) == want
    assert ex._prepared is None  # used once


def test_the_view_span_the_extractor_hands_the_labels_is_the_one_they_would_find(joined):
    # _figures tells label_for each candidate's view span (Context.seen_at) instead of letting it
    # map the original span back: the two are the same for every candidate of every report
    ex = Extractor()
    view = ex.viewer.view_of(joined)
    ctx = ex.viewer.context_of(joined, view)
    cands = ex.finder.find(view.text)
    assert len(cands) > 2000 and any(a.kind == "pinyin" for a in joined.artefacts)
    for c in cands:
        ostart, oend = view.to_original(c.start, c.end)
        assert ctx.view_span(ostart, oend) == (c.start, c.end)
        ctx.seen_at(-1, -1, (0, 0))  # forget it: the next one is found, not remembered
