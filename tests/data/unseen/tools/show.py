"""Print each gold row in context and every number not covered by a gold span."""
from __future__ import annotations

import json
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from build_gold import HERE, read_report  # noqa: E402

NUM = re.compile(r"[0-9０-９]+|[零〇一二两兩三四五六七八九十百千万萬亿億]+")

for name in sys.argv[1:]:
    text = read_report(name)
    gold = json.loads((HERE / "gold" / f"{name}.json").read_text("utf-8"))
    spans = []
    for f in gold["figures"]:
        c = text[max(0, f["start"] - 8):f["start"]] + "[" + f["text"] + "]" + text[f["end"]:f["end"] + 4]
        print(("O " if f["optional"] else "F ") + c.replace("\n", "/"), "|", f["value"], f.get("value_max", ""),
              f["unit"], f["bound"], f["category"], "|", f["label"], "|", f["period"])
        spans.append((f["start"], f["end"]))
    for x in gold["excluded"]:
        print("X", x["text"], x["reason"])
        spans.append((x["start"], x["end"]))
    for m in NUM.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in spans):
            print("  UNCOVERED", repr(text[max(0, m.start() - 6):m.end() + 4]))
