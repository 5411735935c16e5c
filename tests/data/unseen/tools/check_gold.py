"""Check every gold file in tests/data/unseen against its report (no extractor involved).

Mirrors the checks of tests/test_heldout_data.py: shape, spans (text[start:end] == text),
allowed field values, range <-> value_max, simplified units (if opencc is installed),
artefact-free labels/periods, no overlaps, plain Arabic values, Big5 round trip, report size.
Usage: python tests/data/unseen/tools/check_gold.py
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
BOUNDS = {"=", "~", ">", ">=", "<", "<=", "range"}
CATEGORIES = {"count", "money", "percent", "ratio", "measure"}
REASONS = {"date", "ordinal", "furniture", "name", "idiom"}
FIGURE_KEYS = {"text", "value", "unit", "bound", "category", "label", "period", "optional", "start", "end"}
ARTEFACT = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
SCALES = {"": 1, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "万亿": 10**12, "萬億": 10**12}
PLAIN = re.compile(r"^(?:约|約|近|超过|超過|逾|不少于|不少於|不低于|不低於|不到|不足|突破|仅|僅)?"
                   r"(-?\d+(?:\.\d+)?)(?:余|餘|多)?(万亿|萬億|万|萬|亿|億)?[^\d.,\[]*$")
try:
    import opencc
    T2S = opencc.OpenCC("t2s")
except ImportError:  # the check is skipped without opencc
    T2S = None


def decode(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("big5"), "big5"


def check(gold_path: Path) -> list[str]:
    errors = []
    gold = json.loads(gold_path.read_text("utf-8"))
    raw = (HERE / "reports" / gold["file"]).read_bytes()
    text, enc = decode(raw)
    if enc == "big5" and text.encode("big5") != raw:
        errors.append("Big5 round trip differs")
    if not 1500 <= len(text) <= 3000:
        errors.append(f"report length {len(text)}")
    if set(gold) != {"file", "figures", "excluded"} or gold["file"] != gold_path.stem + ".txt":
        errors.append("bad top-level shape")
    for f in gold["figures"]:
        w = f"figure {f.get('text')!r}@{f.get('start')}"
        if not FIGURE_KEYS <= set(f) <= FIGURE_KEYS | {"value_max"}:
            errors.append(f"{w}: keys")
        if text[f["start"]:f["end"]] != f["text"]:
            errors.append(f"{w}: span reads {text[f['start']:f['end']]!r}")
        if f["bound"] not in BOUNDS or f["category"] not in CATEGORIES:
            errors.append(f"{w}: bound/category")
        if (f["bound"] == "range") != ("value_max" in f) or ("value_max" in f and f["value_max"] <= f["value"]):
            errors.append(f"{w}: range/value_max")
        if T2S and T2S.convert(f["unit"]) != f["unit"]:
            errors.append(f"{w}: unit not simplified")
        if f["unit"].startswith(("万", "亿", "个百分点")):
            errors.append(f"{w}: unit keeps scale")
        if f["unit"] in ("%", "百分点") and f["category"] != "percent" or f["unit"] in ("倍", "成") and f["category"] != "ratio" \
                or f["unit"].endswith("元") and f["category"] != "money":
            errors.append(f"{w}: unit/category")
        if ARTEFACT.search(f["label"] + f["period"]) or not (f["label"].strip() or f["optional"]):
            errors.append(f"{w}: label/period")
        m = PLAIN.match(f["text"].replace(",", ""))
        if m and f["bound"] != "range" and not ("," in f["text"] and "萬" in f["text"]):
            if Decimal(str(f["value"])) != Decimal(m.group(1)) * SCALES[m.group(2) or ""]:
                errors.append(f"{w}: value {f['value']}")
    for x in gold["excluded"]:
        if x["reason"] not in REASONS or text[x["start"]:x["end"]] != x["text"]:
            errors.append(f"excluded {x['text']!r}@{x['start']}: bad")
    spans = sorted((f["start"], f["end"], f["text"]) for f in gold["figures"])
    for (s1, e1, t1), (s2, e2, t2) in zip(spans, spans[1:]):
        if e1 > s2:
            errors.append(f"{t1!r}@{s1} overlaps {t2!r}@{s2}")
    for x in gold["excluded"]:
        if any(x["start"] < e and s < x["end"] for s, e, _ in spans):
            errors.append(f"excluded {x['text']!r} overlaps a figure")
    n_opt = sum(f["optional"] for f in gold["figures"])
    print(f"{gold_path.stem}: {enc}, {len(text)} chars, {len(gold['figures'])} figures "
          f"({len(gold['figures']) - n_opt} required, {n_opt} optional), {len(gold['excluded'])} excluded"
          + ("" if T2S else " [opencc missing: unit check skipped]"))
    return errors


def main() -> None:
    bad = 0
    for path in sorted((HERE / "gold").glob("*.json")):
        for e in check(path):
            print("  ERROR", e)
            bad += 1
    reports = sorted(p.stem for p in (HERE / "reports").glob("*.txt"))
    golds = sorted(p.stem for p in (HERE / "gold").glob("*.json"))
    if reports != golds:
        print("  ERROR reports and gold files differ", reports, golds)
        bad += 1
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
