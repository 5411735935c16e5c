"""`hedui extract --jobs/--cache/--no-cache/--dask` and `hedui cache info|clear` through the real
entry point, and the same extraction on a Dask cluster of two worker processes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hedui.cli import main

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("city-congress-2019.txt", "echeng-2019h1.txt", "guangxi-2023.txt", "zhuzhou-2020.txt")


@pytest.fixture
def folder(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in NAMES:
        shutil.copyfile(ROOT / "seeds" / name, reports / name)
    (reports / "broken.txt").write_bytes(b"\xff\xfe\x00" * 40 + b"\x00\x00\x00\x00" * 30)
    return reports


def _extract(capsys, *args) -> tuple[int, list[dict], str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_jobs_give_the_same_lines_in_input_order(folder, tmp_path, capsys):
    code, one, err = _extract(capsys, str(folder), "--jobs", "1", "--no-cache")
    assert code == 1 and err.count("\n") == 1 and "broken.txt" in err  # the unreadable one, named
    files = [r["file"] for r in one]
    assert files == sorted(files) and len(set(files)) == len(NAMES)
    code, two, err = _extract(capsys, str(folder), "--jobs", "2", "--cache", str(tmp_path / "c"))
    assert two == one and "broken.txt" in err
    code, warm, err = _extract(capsys, str(folder), "--jobs", "2", "--cache", str(tmp_path / "c"))
    assert warm == one and "warning" not in err


def test_cache_info_and_clear(folder, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HEDUI_CACHE", str(tmp_path / "env-cache"))
    _extract(capsys, str(folder / NAMES[0]), str(folder / NAMES[1]))
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "env-cache") in out and "reports known: 2" in out and ": 2  (this hedui" in out
    assert main(["cache", "clear"]) == 0
    assert "cache cleared" in capsys.readouterr().out
    assert main(["cache", "info"]) == 0
    assert "entries: none" in capsys.readouterr().out


def test_a_damaged_cache_gives_one_warning_and_the_same_figures(folder, tmp_path, capsys):
    cache = tmp_path / "c"
    _, first, _ = _extract(capsys, str(folder), "--cache", str(cache))
    (cache / "extractions.sqlite3").write_bytes(b"garbage" * 1000)
    code, again, err = _extract(capsys, str(folder), "--cache", str(cache))
    assert again == first
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "going on without the cache" in warnings[0]


def test_bad_jobs_and_a_missing_dask_scheduler_are_one_line(folder, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(folder), "--jobs", "0"])
    assert exc.value.code == 2
    capsys.readouterr()
    assert main(["extract", str(folder / NAMES[0]), "--dask", "tcp://127.0.0.1:1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hedui: tcp://127.0.0.1:1: cannot reach the Dask scheduler") and err.count("\n") == 1


def test_extract_on_a_dask_cluster_of_two_worker_processes(folder, capsys):
    import distributed  # the test extra installs it (dask[distributed])
    code, local, _ = _extract(capsys, str(folder), "--no-cache", "--jobs", "1")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        assert len(cluster.workers) == 2
        code, remote, err = _extract(capsys, str(folder), "--dask", cluster.scheduler_address)
    assert remote == local  # the same records, in input order
    assert code == 1 and "broken.txt" in err
