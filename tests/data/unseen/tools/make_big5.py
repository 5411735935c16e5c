"""Make reports/taiwan-big5-news-page.txt from drafts/taiwan-big5-news-page.clean.txt.

Inserts toneless ASCII pinyin after some characters (the artefact of a careless
converter; Big5 has no tone-marked letters) and saves the result in Big5.
Usage: python tests/data/unseen/tools/make_big5.py
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
NAME = "taiwan-big5-news-page"
PINYIN = {
    "區": "qu", "業": "ye", "務": "wu", "設": "she", "發": "fa", "達": "da", "導": "dao",
    "關": "guan", "數": "shu", "補": "bu", "處": "chu", "動": "dong", "應": "ying",
    "網": "wang", "經": "jing", "費": "fei", "據": "ju",
}


def garble(text: str) -> str:
    return "".join(ch + f"({PINYIN[ch]})" if ch in PINYIN else ch for ch in text)


def main() -> None:
    clean = (HERE / "drafts" / f"{NAME}.clean.txt").read_text("utf-8")
    raw = garble(clean).encode("big5")
    (HERE / "reports" / f"{NAME}.txt").write_bytes(raw)
    text = raw.decode("big5")
    print(f"{NAME}.txt: {len(raw)} bytes, {len(text)} characters, {text.count('(') - clean.count('(')} insertions")


if __name__ == "__main__":
    main()
