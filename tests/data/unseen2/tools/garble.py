"""Build the garbled reports of this set from their clean UTF-8 drafts.

A careless "add pinyin" converter left a parenthesised reading after some
characters. Each page below names its draft (drafts/<name>.clean.txt, no
artefacts), the readings to insert (tone-marked for a UTF-8 page; toneless
ASCII for a Big5 page, since Big5 has no tone-marked letters) and the
encoding the page is saved in. Edit a draft, re-run this, then rebuild the gold.
Usage: python tests/data/unseen2/tools/garble.py [NAME...]
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Page:
    readings: dict[str, str]
    encoding: str


PAGES = {
    "township-revitalization-pinyin": Page(
        readings={
            "产": "chǎn", "发": "fā", "业": "yè", "贫": "pín", "脱": "tuō", "帮": "bāng",
            "户": "hù", "亩": "mǔ", "集": "jí", "务": "wù", "保": "bǎo", "兴": "xīng",
            "资": "zī", "劳": "láo", "障": "zhàng",
        },
        encoding="utf-8",
    ),
    "hk-big5-press-release": Page(
        readings={
            "業": "ye", "發": "fa", "資": "zi", "務": "wu", "創": "chuang", "約": "yue",
            "劃": "hua", "區": "qu", "較": "jiao", "際": "ji", "經": "jing", "園": "yuan",
        },
        encoding="big5",
    ),
}


def garble(text: str, readings: dict[str, str]) -> str:
    return "".join(f"{ch}({readings[ch]})" if ch in readings else ch for ch in text)


def build(name: str, pages: dict | None = None, here: Path = HERE) -> bytes:
    """Write ``here``/reports/NAME.txt from ``here``/drafts/NAME.clean.txt (another set passes
    its own page table and folder); returns the bytes written."""
    page = (pages or PAGES)[name]
    clean = (here / "drafts" / f"{name}.clean.txt").read_text("utf-8")
    raw = garble(clean, page.readings).encode(page.encoding)
    (here / "reports" / f"{name}.txt").write_bytes(raw)
    text = raw.decode(page.encoding)
    inserted = sum(clean.count(ch) for ch in page.readings)
    print(f"{name}.txt: {page.encoding}, {len(raw)} bytes, {len(text)} characters "
          f"({len(clean)} clean), {inserted} insertions")
    return raw


if __name__ == "__main__":
    for name in sys.argv[1:] or PAGES:
        build(name)
