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
from json.encoder import encode_basestring  # the C one, as json_encoder()'s
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from hedui.core.model import Extraction, in_text_order


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
                  jobs: int = 1) -> Extraction:
    """The extraction of a report given as bytes (``name`` names it in the result and in errors);
    ``jobs`` > 1: a long report on that many forked processes (the same figures).

    Raises ``ReportError`` (one line naming ``name``) for bytes that are not a report
    (binary, undecodable, empty) and ``RulesError`` for a bad rules folder.
    """
    extractor, report = _decoded(data, name, rules_dir, jobs)
    return extractor.extract(report, jobs=jobs)


def _decoded(data: bytes, name: str, rules_dir: Path | str | None, jobs: int) -> tuple[Any, Any]:
    """(the extractor, the report of ``data``) (with ``jobs`` > 1: ``_beside_jieba``)."""
    from hedui.core.text.report import decode_report

    key = str(rules_dir) if rules_dir is not None else None
    if jobs > 1:
        report = decode_report(name, data, _artefact_rules(key), find=partial(_beside_jieba, tools=partial(_tools, key)))
        return _tools(key)[0], report
    extractor, artefact_rules = _tools(key)
    return extractor, decode_report(name, data, artefact_rules)


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
                  excluded: bool = False, jobs: int = 1) -> list[str]:
    """The JSON Lines ``hedui extract`` prints for one report, each with its newline:
    ``lines_of(extract_bytes(...))``, the pieces of a long report encoded by their own
    processes. Raises as ``extract_bytes``."""
    extractor, report = _decoded(data, name, rules_dir, jobs)
    return extractor.extract_lines(report, json_line(name), excluded=excluded, jobs=jobs)


def lines_of(extraction: Extraction, name: str, excluded: bool = False) -> list[str]:
    """``records_of``'s records as JSON Lines, each with its newline (no list of records kept)."""
    line = json_line(name)
    return [line(f) for f in _printed(extraction, excluded)]


def json_encoder() -> Callable[[Any], str]:
    """``json.dumps(record, ensure_ascii=False)``, made once."""
    return json.JSONEncoder(ensure_ascii=False).encode


def json_line(name: str) -> Callable[[Any], str]:
    """``line(figure)``: ``json_encoder()(figure.as_json(name)) + "\n"``, character for character,
    written straight from the figure's fields (no dict on the way; a third of the time)."""
    encode = json_encoder()
    q = encode_basestring  # TypeError for anything but a str (as the encoder's own)
    head = '{"file": ' + q(name) + ', "start": '

    def line(f: Any) -> str:
        v = f.fields
        try:
            return (f'{head}{_int(f.start)}, "end": {_int(f.end)}, "text": {q(f.text)}, '
                    f'"value": {_number(v.value)}, "value_max": {_number(v.value_max)}, '
                    f'"unit": {q(v.unit)}, "bound": {q(v.bound)}, "category": {q(v.category)}, '
                    f'"label": {q(v.label)}, "period": {q(v.period)}, "rule": {q(f.rule)}, '
                    f'"label_alternatives": {_strings(f.label_alternatives)}, '
                    f'"period_alternatives": {_strings(f.period_alternatives)}'
                    + ("" if f.repeat_of is None else f', "repeat_of": {_int(f.repeat_of)}')
                    + (', "excluded": true}\n' if f.excluded else "}\n"))
        except TypeError:  # a field of another type than the model's: the encoder says it
            return encode(f.as_json(name)) + "\n"

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
