"""`hedui check` reads a session table by table (issue 11, item 12); it must never pass a file the
whole-file reader refuses, and it finds the same figures."""
from __future__ import annotations

import random

from hedui.core.dataset.check import check_file
from hedui.core.model import SessionError
from hedui.core.session.file_format import read_session
from hedui.core.session.read import load_saved
from hedui.core.session.stream import stream_session
from tests.test_session_fuzz import mutate, valid  # noqa: F401


def test_streamed_reading_holds_the_figures_of_the_whole_file(valid):
    _ex, _tmp, path, data = valid
    path.write_bytes(data)
    problems: list[str] = []
    read = stream_session(path, problems)
    whole = read_session(path)
    assert problems == [] and read.doc.incomplete == ""
    assert read.doc.entries == whole.entries and read.doc.orphans == whole.orphans
    assert read.log_count == len(whole.log) and read.doc.journal_seq == whole.journal_seq
    assert {r["id"]: r for r in whole.log if r.get("id")} == {r["id"]: r for r in read.doc.log}


def test_check_never_passes_what_the_readers_refuse(valid):
    _ex, tmp, path, data = valid
    rng = random.Random(12)
    agreed = 0
    for _ in range(300):
        bad = data
        for _ in range(rng.randrange(1, 4)):
            bad = mutate(bad, rng)
        path.write_bytes(bad)
        problems = check_file(path, tmp / "sessions")
        try:
            load_saved(path, tmp / "sessions")
        except SessionError:
            assert problems, bad.decode("utf-8", "replace")
            agreed += 1
    assert agreed > 150
    path.write_bytes(data)
