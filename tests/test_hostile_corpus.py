"""The hostile-input corpus (tests/data/hostile/generate.py; issue 11, items 7, 8, 12): every case
runs `hedui check`, `export -o`, `stats` and the reviewer's session opening in a child process
with a time limit. Each answers with one-line errors naming the file (no traceback, no hang, no
gigabytes read) and leaves every file of the sessions folder as it was."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import stat
import subprocess
import sys

import pytest

from tests.session_helpers import REPO

spec = importlib.util.spec_from_file_location("hostile_generate", REPO / "tests" / "data" / "hostile" / "generate.py")
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)

LIMIT = 60  # seconds a case may take (a hang fails the case, whatever the machine's load)


def wait_for(proc, name):
    """The child's (stdout, stderr) within the time limit; a hang fails the case."""
    try:
        return proc.communicate(timeout=LIMIT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"{name}: no answer within {LIMIT} s (a hang)")


def snapshot(folder):
    out = {}
    for p in sorted(folder.rglob("*")):
        st = os.lstat(p)
        if stat.S_ISREG(st.st_mode) and st.st_size < 2**20:
            out[str(p)] = p.read_bytes()
        else:
            out[str(p)] = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Every case made, and every child started at once (the machine's cores share them)."""
    root = tmp_path_factory.mktemp("hostile")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "tui"), str(REPO)]))
    runs = {}
    for name, (_what, _pattern, readable) in generate.CASES.items():
        case = root / name
        generate.make_case(case, name)
        before = snapshot(case / "sessions")
        proc = subprocess.Popen([sys.executable, "-c", generate.PROBE, str(case),
                                 "readable" if readable else "damaged"],
                                cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        runs[name] = (case, before, proc)
    yield runs
    for _case, _before, proc in runs.values():
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_the_corpus_covers_sessions_journals_and_reports():
    kinds = {name.split("-")[0] for name in generate.CASES}
    assert kinds == {"session", "journal", "report"} and len(generate.CASES) >= 20


@pytest.mark.parametrize("name", sorted(generate.CASES))
def test_hostile_case(corpus, name):
    case, before, proc = corpus[name]
    stdout, stderr = wait_for(proc, name)
    assert proc.returncode == 0 and "Traceback" not in stderr, stderr[-2000:]
    out = json.loads(stdout)
    _what, pattern, readable = generate.CASES[name]
    rc, lines, err = out["check"]
    lines = lines.splitlines()
    assert rc == 1 and any(re.search(pattern, ln) for ln in lines), (pattern, lines, err)
    assert all(ln.startswith(str(case / "sessions")) for ln in lines), lines
    for command in ("export", "stats"):
        rc, _o, err = out[command]
        assert rc == (0 if readable else 1), (command, err)
        assert all(ln.startswith("hedui: ") for ln in err.splitlines()), err
        if not readable:
            assert re.search(pattern.split(":")[0], err), (command, err)
    assert (case / "out.csv").exists() == readable
    reference = out["reference"]  # eval --sessions: the session left out, or refused, in one line
    assert len(reference) == (1 if not readable or name != "report-garbage" else 0), reference
    assert all("\n" not in r and r.startswith(str(case / "sessions")) for r in reference), reference
    if readable:
        assert out["review"] == ["opened"]
    else:  # refused for writing; read-only too, but an incomplete session is shown as it is
        for answer in out["review"][: 1 if name == "session-cut" else 2]:
            assert "\n" not in answer and str(case / "sessions") in answer, answer
    assert snapshot(case / "sessions") == before  # nothing in the sessions folder touched


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-inputs")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "tui"), str(REPO)]))
    runs = {name: subprocess.Popen([sys.executable, "-m", "hedui", "extract", str(path)], cwd=REPO, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name, path in generate.make_inputs(folder).items()}
    yield runs
    for proc in runs.values():
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("name", sorted(generate.INPUTS))
def test_hostile_report_given_to_extract(inputs, name):
    proc = inputs[name]
    stdout, stderr = wait_for(proc, name)
    assert proc.returncode == 1 and stdout == "" and "Traceback" not in stderr, stderr[-2000:]
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("hedui: ") and re.search(generate.INPUTS[name], lines[0]), lines
