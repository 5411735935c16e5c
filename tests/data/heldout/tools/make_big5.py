"""Make reports/big5-web-page.txt from drafts/big5-web-page.clean.txt.

Inserts toneless pinyin after some characters (the artefact of a careless
traditional/simplified converter; Big5 has no tone-marked letters) and saves the
result in Big5.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
PINYIN = {
    "區": "qu", "進": "jin", "業": "ye", "務": "wu", "設": "she", "產": "chan", "發": "fa",
    "達": "da", "導": "dao", "標": "biao", "現": "xian", "關": "guan", "數": "shu", "規": "gui",
    "網": "wang", "補": "bu", "處": "chu", "極": "ji", "動": "dong", "調": "diao", "應": "ying",
}


def garble(text: str) -> str:
    return "".join(ch + f"({PINYIN[ch]})" if ch in PINYIN else ch for ch in text)


def main() -> None:
    clean = (HERE / "drafts" / "big5-web-page.clean.txt").read_text("utf-8")
    (HERE / "reports" / "big5-web-page.txt").write_bytes(garble(clean).encode("big5"))


if __name__ == "__main__":
    main()
