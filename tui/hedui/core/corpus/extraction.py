"""Extraction as a plain function of a report's bytes: what a process pool, a Dask, Spark or
Ray cluster maps over files.

``extract_bytes(data, name, rules_dir)`` returns the ``Extraction``; ``extract_records`` the
JSON-able records ``hedui extract`` prints (one per figure). Both are pure: the same bytes and
rules give the same result, on any machine. The extractor (rules compiled, jieba's dictionary
for the labels) is built once per process and rules folder, on the first call.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import replace
from json.encoder import encode_basestring  # the C one, as json_encoder()'s
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from hedui.core.model import Extraction, Report, in_text_order


def build_tools(rules_dir: Path | None, artefact_rules: Any = None) -> tuple[Any, Any]:
    """(Extractor, artefact rules) of a rules folder (None: the bundled rules), sharing one
    simplifier; a folder without an artefact file reads reports with the bundled artefact rules.
    ``artefact_rules``: those of the folder, loaded already."""
    from hedui.core.extract.extractor import Extractor

    if artefact_rules is None:
        artefact_rules = _load_artefact_rules(rules_dir)
    return Extractor(rules_dir, artefact_rules.simplifier), artefact_rules


def _load_artefact_rules(rules_dir: Path | None) -> Any:
    from hedui.core.text.artefact_rules import load_artefact_rules

    has_artefacts = rules_dir is not None and (Path(rules_dir) / "artefacts.toml").is_file()
    return load_artefact_rules(rules_dir if has_artefacts else None)


@functools.lru_cache(maxsize=4)
def _artefact_rules(rules_dir: str | None) -> Any:
    """The artefact rules of ``build_tools``, once per process and rules folder."""
    return _load_artefact_rules(Path(rules_dir) if rules_dir is not None else None)


@functools.lru_cache(maxsize=4)
def _tools(rules_dir: str | None) -> tuple[Any, Any]:
    """``build_tools`` once per process and rules folder."""
    return build_tools(Path(rules_dir) if rules_dir is not None else None, _artefact_rules(rules_dir))


def extract_bytes(data: bytes, name: str = "report.txt", rules_dir: Path | str | None = None,
                  jobs: int = 1, decoded: Report | None = None) -> Extraction:
    """The extraction of a report given as bytes (``name`` names it in the result and in errors);
    ``jobs`` > 1: a long report on that many forked processes (the same figures); ``decoded``:
    the report of these bytes without its artefacts, when the caller decoded them already
    (``cached.decoded``).

    Raises ``ReportError`` (one line naming ``name``) for bytes that are not a report
    (binary, undecodable, empty) and ``RulesError`` for a bad rules folder.
    """
    extractor, report = _decoded(data, name, rules_dir, jobs, decoded)
    return extractor.extract(report, jobs=jobs)


def _decoded(data: bytes, name: str, rules_dir: Path | str | None, jobs: int,
             decoded: Report | None = None) -> tuple[Any, Report]:
    """(the extractor, the report of ``data`` with its artefacts) (with ``jobs`` > 1: found by
    ``_beside_jieba``); ``decoded``: that report without them, decoded already."""
    from hedui.core.text.artefacts import find_artefacts
    from hedui.core.text.report import decode_report

    key = str(rules_dir) if rules_dir is not None else None
    artefact_rules = _artefact_rules(key)
    find = partial(_beside_jieba, tools=partial(_tools, key)) if jobs > 1 else find_artefacts
    if decoded is not None:
        report = replace(decoded, artefacts=find(decoded.text, artefact_rules))
    else:
        report = decode_report(name, data, artefact_rules, find=find)
    return _tools(key)[0], report


def _beside_jieba(text: str, artefact_rules: Any, tools: Callable[[], tuple[Any, Any]] | None = None) -> Any:
    """The artefacts of ``text`` (``find_artefacts``'s); for a report long enough to be cut into
    pieces, its furniture and its repeated paragraphs (the costly part) are found in a forked
    process while this one builds the extractor (``tools()[0]``), loads jieba's dictionary, which
    the pieces need, finds the view's tables and context (``Extractor.prepare``) and makes the
    pinyin's artefacts. Both make the view of the text the artefacts are looked for on
    (``artefact_view``): the fork comes before it, so that neither waits for the other."""
    from hedui.core.extract.context_making import warm
    from hedui.core.extract.pieces import PIECE_CHARS, run_forked
    from hedui.core.text.artefacts import (
        artefact_view, artefacts_of, find_artefacts, furniture_spans, paragraphs, pinyin_artefacts, repeats_among,
    )

    if len(text) < 2 * PIECE_CHARS:
        return find_artefacts(text, artefact_rules)

    def here() -> tuple[list[Any], Any]:
        extractor = tools()[0] if tools is not None else None
        pinyin, view = artefact_view(text, artefact_rules)
        warm()
        if extractor is not None:
            extractor.prepare(text, view)  # remembered for its extraction
        return pinyin_artefacts(pinyin), view

    def beside() -> tuple[list[tuple[int, int, str]], list[tuple[int, int, int]]]:
        view = artefact_view(text, artefact_rules)[1]
        furniture = furniture_spans(view, artefact_rules)
        return furniture, repeats_among(paragraphs(view, artefact_rules), furniture)

    (pinyin_arts, view), (furniture, repeats) = run_forked([here, beside])
    return artefacts_of(pinyin_arts, view, furniture, repeats)


def extract_records(data: bytes, name: str = "report.txt", rules_dir: Path | str | None = None,
                    excluded: bool = False) -> list[dict]:
    """The records of ``hedui extract`` for one report: one dict per figure (``excluded``:
    the numbers not proposed too, marked ``"excluded": true``), in text order."""
    return records_of(extract_bytes(data, name, rules_dir), name, excluded)


def records_of(extraction: Extraction, name: str, excluded: bool = False) -> list[dict]:
    return [f.as_json(name) for f in _printed(extraction, excluded)]


def _printed(extraction: Extraction, excluded: bool) -> Any:
    """The figures ``hedui extract`` prints (``excluded``: the excluded numbers too), in order."""
    return in_text_order(extraction.figures, extraction.excluded) if excluded else extraction.figures


def extract_lines(data: bytes, name: str = "report.txt", rules_dir: Path | str | None = None,
                  excluded: bool = False, jobs: int = 1, decoded: Report | None = None) -> list[str]:
    """The JSON Lines ``hedui extract`` prints for one report, each with its newline:
    ``lines_of(extract_bytes(...))``, the pieces of a long report encoded by their own
    processes. Raises as ``extract_bytes``."""
    extractor, report = _decoded(data, name, rules_dir, jobs, decoded)
    return extractor.extract_lines(report, json_row(name), excluded=excluded, jobs=jobs)


def lines_of(extraction: Extraction, name: str, excluded: bool = False) -> list[str]:
    """``records_of``'s records as JSON Lines, each with its newline (no list of records kept)."""
    line = json_line(name)
    return [line(f) for f in _printed(extraction, excluded)]


def json_encoder() -> Callable[[Any], str]:
    """``json.dumps(record, ensure_ascii=False)``, made once."""
    return json.JSONEncoder(ensure_ascii=False).encode


def json_line(name: str) -> Callable[[Any], str]:
    """``line(figure)``: ``json_encoder()(figure.as_json(name)) + "\n"``, character for character
    (``json_row``'s line of the figure's row)."""
    from hedui.core.extract.rows import row_of

    line = json_row(name)
    return lambda f: line(row_of(f))


def json_row(name: str) -> Callable[[tuple], str]:
    """``line(row)``: the JSON Line of the figure of a row (extract/rows.py), ``json_encoder()(
    figure_of(row).as_json(name)) + "\n"`` character for character, written straight from
    the row (no Figure, no dict on the way: a third of the time)."""
    from hedui.core.extract.rows import figure_of

    encode = json_encoder()
    q = encode_basestring  # TypeError for anything but a str (as the encoder's own)
    head = '{"file": ' + q(name) + ', "start": '

    def line(r: tuple) -> str:
        start, end, text, rule, excluded, repeat_of, labels, periods, value, vmax, unit, bound, category, \
            label, period = r
        try:
            return (f'{head}{_int(start)}, "end": {_int(end)}, "text": {q(text)}, '
                    f'"value": {_number(value)}, "value_max": {_number(vmax)}, '
                    f'"unit": {q(unit)}, "bound": {q(bound)}, "category": {q(category)}, '
                    f'"label": {q(label)}, "period": {q(period)}, "rule": {q(rule)}, '
                    f'"label_alternatives": {_strings(labels)}, '
                    f'"period_alternatives": {_strings(periods)}'
                    + ("" if repeat_of is None else f', "repeat_of": {_int(repeat_of)}')
                    + (', "excluded": true}\n' if excluded else "}\n"))
        except TypeError:  # a field of another type than the model's: the encoder says it
            return encode(figure_of(r).as_json(name)) + "\n"

    return line


def _int(n: int) -> str:
    if type(n) is not int:
        raise TypeError(n)
    return int.__repr__(n)


def _number(n: Any) -> str:
    """A number as ``json`` writes it (None: null; a float that is not finite: the encoder's)."""
    if n is None:
        return "null"
    if type(n) is int:
        return int.__repr__(n)
    if type(n) is float and math.isfinite(n):
        return float.__repr__(n)
    raise TypeError(n)


def _strings(items: Any) -> str:
    return "[" + ", ".join(map(encode_basestring, items)) + "]" if items else "[]"
