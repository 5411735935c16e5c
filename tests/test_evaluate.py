"""The FIGURES.md metric on small hand-made cases (numbers worked out by hand)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hedui.core.dataset.evaluate import char_f1, load_gold, norm_unit, same_value, score
from hedui.core.model import HeduiError


def g(start, end, value, unit="", bound="=", label="", period="", optional=False, text="x"):
    return dict(start=start, end=end, value=value, unit=unit, bound=bound, label=label, period=period,
                optional=optional, text=text)


def test_perfect_match():
    gold = {"a": [g(0, 3, 300, "家", label="企业", period="去年")]}
    s = score(gold, {"a": [g(0, 3, 300, "家", label="企业", period="去年")]})
    assert (s.tp, s.fp, s.fn, s.precision, s.recall, s.f1) == (1, 0, 0, 1.0, 1.0, 1.0)
    assert (s.bound_acc, s.label_f1, s.period_acc) == (1.0, 1.0, 1.0)


def test_counts_and_f1_by_hand():
    gold = {"a": [g(0, 3, 300, "家"), g(10, 14, 5, "%"), g(20, 23, 7, "名")]}
    preds = {"a": [g(1, 2, 300, "家"),      # overlaps, same value and unit: tp
                   g(10, 14, 6, "%"),       # wrong value: fp (and the gold is a fn)
                   g(30, 33, 1, "个")]}     # nothing there: fp
    s = score(gold, preds)
    assert (s.tp, s.fp, s.fn) == (1, 2, 2)
    assert s.precision == pytest.approx(1 / 3) and s.recall == pytest.approx(1 / 3)
    assert s.f1 == pytest.approx(1 / 3)
    kinds = sorted((d.kind, d.start) for d in s.details)
    assert kinds == [("FN", 10), ("FN", 20), ("FP", 10), ("FP", 30)]
    assert s.per_file["a"].tp == 1 and s.per_file["a"].fp == 2 and s.per_file["a"].fn == 2


def test_units_normalised_and_empty_gold_unit_accepts_any():
    gold = {"a": [g(0, 5, 2.22, "百分点"), g(10, 14, 1230000, ""), g(20, 24, 5, "场次")]}
    preds = {"a": [g(0, 5, 2.22, "個百分點"), g(10, 14, 1230000, "人"), g(20, 24, 5, "场(次)")]}
    s = score(gold, preds)
    assert (s.tp, s.fp, s.fn) == (3, 0, 0)
    assert norm_unit("％") == "%" and norm_unit("萬元") == "万元"


def test_optional_figures_are_ignored_both_ways():
    gold = {"a": [g(0, 4, 20, "年", optional=True), g(10, 13, 5, "名")]}
    # matching an optional figure is neither tp nor fp; overlapping one is not an fp
    s = score(gold, {"a": [g(0, 4, 20, "年"), g(10, 13, 5, "名")]})
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    s = score(gold, {"a": [g(1, 3, 99, "个")]})
    assert (s.tp, s.fp, s.fn) == (0, 0, 1)
    assert s.f1 == 0.0


def test_bound_label_period_on_matches_only():
    gold = {"a": [g(0, 3, 1, "家", bound=">=", label="工匠学院", period="近五年"),
                  g(5, 8, 2, "家", bound="=", label="企业", period="")]}
    preds = {"a": [g(0, 3, 1, "家", bound=">=", label="学院", period="五年"),
                   g(5, 8, 2, "家", bound=">", label="企业", period=""),
                   g(9, 12, 3, "家", bound="=", label="zz", period="")]}
    s = score(gold, preds)
    assert (s.tp, s.fp) == (2, 1)
    assert s.bound_acc == 0.5
    assert s.period_acc == 0.5
    # char F1 of 学院 vs 工匠学院: p = 1, r = 0.5 -> 2/3; average with 1.0
    assert s.label_f1 == pytest.approx((2 / 3 + 1.0) / 2)


def test_each_gold_figure_matches_once():
    gold = {"a": [g(0, 4, 7, "名")]}
    s = score(gold, {"a": [g(0, 4, 7, "名"), g(1, 3, 7, "名")]})
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)


def test_files_without_predictions_count_as_misses():
    s = score({"a": [g(0, 1, 1, "个")], "b": [g(0, 1, 2, "个")]}, {"a": [g(0, 1, 1, "个")]})
    assert (s.tp, s.fn) == (1, 1) and s.per_file["b"].fn == 1


def test_helpers():
    assert same_value(1165400, 1165400.0000001) and not same_value(1, 2) and not same_value(None, 1)
    assert char_f1("", "") == 1.0 and char_f1("a", "") == 0.0 and char_f1("ab", "ab") == 1.0


def test_load_gold(tmp_path: Path):
    (tmp_path / "x.json").write_text(json.dumps({"file": "r.txt", "figures": [g(0, 1, 1)]}), encoding="utf-8")
    assert list(load_gold(tmp_path)) == ["r"]
    (tmp_path / "y.json").write_text("{", encoding="utf-8")
    with pytest.raises(HeduiError, match="y.json"):
        load_gold(tmp_path)
    with pytest.raises(HeduiError):
        load_gold(tmp_path / "missing")


def test_as_dict_has_the_reference_keys():
    s = score({"a": [g(0, 1, 1)]}, {"a": [g(0, 1, 1)]})
    assert set(s.as_dict()) == {"precision", "recall", "f1", "tp", "fp", "fn", "bound_acc", "label_f1",
                                "period_acc", "per_file"}
