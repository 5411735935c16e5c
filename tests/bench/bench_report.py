"""Report loading on 1 MB: decoding, artefacts (pinyin, furniture, repeats) and the simplified view."""
from __future__ import annotations

import pathlib
import tempfile
import time

from hedui.core.text.artefact_rules import load_artefact_rules
from hedui.core.text.artefacts import find_artefacts
from hedui.core.text.decoding import decode_report_bytes
from hedui.core.text.report import load_report
from hedui.core.text.view import Simplifier, make_view

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARGET_CHARS = 1_000_000


def corpus() -> str:
    """The seeds and dev reports as stored (traditional and pinyin included), repeated to 1 M chars."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/data/dev/reports").glob("*.txt"))
    base = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    return (base * (TARGET_CHARS // len(base) + 1))[:TARGET_CHARS]


def best_of(n: int, fn) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(n):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    text = corpus()
    t0 = time.perf_counter()
    rules = load_artefact_rules()
    t_rules = time.perf_counter() - t0
    t0 = time.perf_counter()
    Simplifier().convert("萬")
    t_opencc = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "big.txt"
        for name, codec in (("utf-8", "utf-8"), ("gb18030", "gb18030")):
            data = text.encode(codec, errors="ignore")
            t_dec, _ = best_of(3, lambda: decode_report_bytes(data))
            print(f"decode {name:8s} {len(data) / 1e6:5.2f} MB: {t_dec * 1000:7.1f} ms")
        path.write_bytes(text.encode("utf-8"))
        t_art, arts = best_of(3, lambda: find_artefacts(text, rules))
        t_load, report = best_of(3, lambda: load_report(path, artefact_rules=rules))
        t_view, view = best_of(3, lambda: make_view(report, Simplifier()))  # cold: new OpenCC
        t_shared, _ = best_of(3, lambda: make_view(report, rules.simplifier))  # the loader's view
    kinds = {k: sum(a.kind == k for a in arts) for k in ("pinyin", "furniture", "repeat")}
    print(f"rules compile: {t_rules * 1000:.1f} ms; opencc first use: {t_opencc * 1000:.1f} ms")
    print(f"find_artefacts 1 MB: {t_art * 1000:.0f} ms ({len(text) / t_art / 1e6:.1f} M chars/s) {kinds}")
    print(f"load_report    1 MB: {t_load * 1000:.0f} ms (read + decode + artefacts)")
    print(f"make_view      1 MB: {t_view * 1000:.0f} ms with a new Simplifier (view {len(view.text)} chars); "
          f"{t_shared * 1000:.1f} ms sharing the loader's (ArtefactRules.simplifier)")
    worst = 0.0
    for name, bad in adversarial().items():
        t, _ = best_of(1, lambda: find_artefacts(bad, rules))
        worst = max(worst, t)
        print(f"  adversarial {name:10s} {len(bad):7d} chars: {t * 1000:7.1f} ms")
    print(f"find_artefacts worst adversarial input: {worst * 1000:.0f} ms")


def adversarial() -> dict[str, str]:
    """Inputs that make careless regexes backtrack exponentially or scan quadratically."""
    return {
        "bars": "甲 | " * 30_000 + "1\n",
        "places": "临海市  " * 30_000 + "x1\n",
        "crumbs": "新闻  >  " * 30_000 + "1\n",
        "spaces": " " * 200_000 + "x",
        "newlines": "\n" * 200_000,
        "tails": "相关文档\n" * 50_000,
        "ascii": "a" * 200_000,
        "dots": "a." * 100_000,
        "parens": "產(" * 100_000,
    }


if __name__ == "__main__":
    main()
