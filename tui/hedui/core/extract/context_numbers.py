"""The numbers the context of a report counts as quantities: a number with its measure word
ends the words of the next figure of a clause (context.py), unless it is no number at all (a
scale or a unit alone), a rank, a share naming a group, or a threshold standing before its noun.
"""
from __future__ import annotations

import re

from hedui.core.extract.context_rules import ContextRules


_NUMERAL = re.compile("[0-9０-９一二三四五六七八九十百千两零〇半几]")
#: characters that go on from a percentage without naming a group (20%以上, 20%的, 5%和3%)
_AFTER_SHARE = "的以左上下至到和及与或、之为是及而则增减提降占比较同即"
_AFTER_UNIT = ("以上", "以下", "左右", "上下", "多", "余")


def _ends_in(text: str, q: tuple[int, int], units: tuple[str, ...]) -> bool:
    """Does the quantity at ``q`` end in one of ``units`` (with a qualifier after it)?"""
    s = text[q[0]:q[1]]
    for a in _AFTER_UNIT:
        if s.endswith(a) and len(s) > len(a):
            s = s[: -len(a)]
            break
    return s.endswith(units)


def kept_quantities(text: str, rules: ContextRules, quantities: list[tuple[int, int]] | None
                     ) -> list[tuple[int, int]] | None:
    """The ``quantities`` (view spans, from the candidates) that count, in one pass (None: none given)."""
    if quantities is None:
        return None
    numeral = _NUMERAL.search
    # a threshold standing before its noun (7岁以下儿童52582人) is words of the next figure
    not_units = rules.not_units
    full = rules.quantity.fullmatch if rules.quantity is not None else (lambda s, a, b: None)
    kept = []
    for q in quantities:
        q0, q1 = q
        # a scale and a unit alone are no number (万元GDP能耗: "per 10,000 yuan of GDP"), nor is
        # a rank (居前5位的病种) or a share naming a group (所得最高20%家庭)
        if numeral(text, q0, q1) is None or (q0 > 0 and text[q0 - 1] == "前" and text[q1 - 1:q1] in "位名"):
            continue
        nxt = text[q1:q1 + 1]
        if "\u4e00" <= nxt <= "\u9fff" and (
                (text[q1 - 1:q1] in "%％" and nxt not in _AFTER_SHARE)  # a share before its group's noun
                or (not_units and _ends_in(text, q, not_units) and full(text, q0, q1) is None)):
            continue
        kept.append(q)
    return kept
