"""Speed work must not change what is extracted: the output of ``hedui extract --excluded
--no-cache`` on every report of the repository (and on the 3 MB text of ``bench_process`` and
a few stress shapes of ``bench_scaling``), written to a folder and compared byte for byte.

    python -m tests.bench.same_output write /tmp/base     # with the code before a change
    python -m tests.bench.same_output diff /tmp/base      # after it: differing files, exit 1
    python -m tests.bench.same_output write /tmp/base --jobs 1   # one process (no pieces)

``write`` with another checkout's code: ``PYTHONPATH=OTHER/tui python -m tests.bench.same_output
write DIR`` (the child processes inherit it; the rules come with the code).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

NL = b"\n"
ROOT = Path(__file__).resolve().parent.parent.parent

#: folders of reports, relative to the repository
FOLDERS = ("seeds", "tests/data/artefacts", "tests/data/extract/reports") + tuple(
    str(p.relative_to(ROOT)) for p in sorted((ROOT / "tests/data").glob("*/reports")))


def _inputs(tmp: Path) -> dict[str, list[str]]:
    """Output file name -> the paths ``hedui extract`` is given for it."""
    from tests.bench.bench_process import three_megabytes
    from tests.bench.bench_scaling import shape

    out: dict[str, list[str]] = {}
    for folder in dict.fromkeys(FOLDERS):
        if (ROOT / folder).is_dir():
            out[folder.replace("/", "_") + ".jsonl"] = [folder]
    big = tmp / "three-megabytes.txt"
    big.write_text(three_megabytes(), encoding="utf-8")
    out["three-megabytes.jsonl"] = [str(big)]
    for name in ("digits", "yiwan", "numerals", "report"):
        p = tmp / f"{name}.txt"
        p.write_text(shape(name, 100_000), encoding="utf-8")
        out[f"shape-{name}.jsonl"] = [str(p)]
    return out


def _extract(paths: list[str], tmp: Path, jobs: list[str]) -> bytes:
    argv = [sys.executable, "-m", "hedui", "extract", "--excluded", "--no-cache", *jobs, *paths]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, env=os.environ.copy())
    # the temporary folder's name differs from run to run: not part of the output
    return proc.stdout.replace(str(tmp).encode(), b"TMP") + proc.stderr.replace(str(tmp).encode(), b"TMP") \
        + f"\nexit {proc.returncode}\n".encode()


def main(argv: list[str]) -> int:
    jobs = argv[2:4] if argv[2:3] == ["--jobs"] else []
    if len(argv) != 2 + len(jobs) or argv[0] not in ("write", "diff") or (jobs and len(jobs) != 2):
        print(__doc__, file=sys.stderr)
        return 2
    mode, folder = argv[0], Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    differ = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for name, paths in _inputs(tmp).items():
            got = _extract(paths, tmp, jobs)
            target = folder / name
            if mode == "write":
                target.write_bytes(got)
                print(f"{name}: {got.count(NL) - 1} lines")
            elif not target.is_file() or target.read_bytes() != got:
                differ.append(name)
                (folder / (name + ".new")).write_bytes(got)
                print(f"{name}: DIFFERS (new output in {name}.new)")
            else:
                print(f"{name}: same")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
