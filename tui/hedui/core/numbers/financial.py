"""Financial numerals (大写数字: 壹贰叁…拾佰仟) are also letters of ordinary words (队伍, 陆续,
大陆, 收拾): where one is a number (a written amount) and where it is a word's letter."""
from __future__ import annotations

from hedui.core.text.decoding import is_han

#: Financial numerals (大写数字) that are also letters of ordinary words: 伍 (队伍), 陆 (陆续,
#: 大陆), 拾 (收拾), 柒, 捌, 玖, 壹, 贰, 叁, 肆 …
_FIN_DIGITS = "壹贰貳叁參肆伍陆陸柒捌玖"
FIN_START = frozenset(_FIN_DIGITS + "拾")
#: what a financial numeral is written with: its digits, 零 and the scales
_FIN_RUN = frozenset(_FIN_DIGITS + "拾佰仟零〇万亿萬億")
_FIN_SCALES = frozenset("拾佰仟万亿萬億")
#: after a financial numeral: the currency or a scale (伍元, 陆百万); not 十 (队伍十分重要)
_FIN_AFTER = frozenset("元圆圓百千万亿萬億")
#: before one: the money context of an amount in words (人民币伍万元, 大写：叁佰)
_FIN_BEFORE = ("人民币", "人民幣", "大写", "大寫", "¥", "￥", "RMB")


def financial_numeral(s: str, pos: int) -> bool:
    """Is the financial numeral character at ``s[pos]`` a number here?

    Yes when it is part of a written amount: two or more financial characters with a scale
    among them (壹佰贰拾, 伍万, 拾伍), or followed by 元 or a scale (伍元, 陆百万), or after
    人民币 / 大写 / ¥; or when it stands alone, not inside a word (伍, （陆）). A single one
    among ordinary words (队伍, 陆续, 大陆, 收拾) is not.
    """
    a = pos
    while a > 0 and s[a - 1] in _FIN_RUN:
        a -= 1
    b = pos + 1
    n = len(s)
    while b < n and s[b] in _FIN_RUN:
        b += 1
    if b - a >= 2 and not _FIN_SCALES.isdisjoint(s[a:b]):
        return True
    if b < n and s[b] in _FIN_AFTER:
        return True
    before = s[max(0, a - 6):a].rstrip(" \t:：")
    if before.endswith(_FIN_BEFORE):
        return True
    return not ((a > 0 and is_han(s[a - 1])) or (b < n and is_han(s[b])))
