"""Build the garbled report of this set from its clean UTF-8 draft.

Reuses ../unseen2/tools/garble.py (its Page record and garble()); only the page
table is this set's. The draft is drafts/<name>.clean.txt (no artefacts); the
page gets a toneless ASCII reading after some characters (Big5 has no
tone-marked letters) and is saved in Big5. Edit a draft, re-run this, then
rebuild the gold.
Usage: PYTHONDONTWRITEBYTECODE=1 python tests/data/unseen3/tools/garble.py [NAME...]
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # leave ../unseen2 untouched
HERE = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("unseen2_garble", HERE.parent / "unseen2" / "tools" / "garble.py")
_g = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _g  # dataclasses look the module up while building Page
_spec.loader.exec_module(_g)

PAGES = {
    "taiwan-big5-agriculture-page": _g.Page(
        readings={
            "農": "nong", "業": "ye", "補": "bu", "戶": "hu", "頃": "qing", "餘": "yu",
            "逾": "yu", "積": "ji", "發": "fa", "費": "fei",
        },
        encoding="big5",
    ),
}


def build(name: str) -> None:
    raw = _g.build(name, PAGES, HERE)
    try:
        raw.decode("utf-8")
        sys.exit(f"{name}.txt: also decodes as UTF-8; the set needs a page that does not")
    except UnicodeDecodeError:
        pass


if __name__ == "__main__":
    for name in sys.argv[1:] or PAGES:
        build(name)
