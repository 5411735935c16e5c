"""Damaged session files, made at random: every reader answers with a SessionError, never another
exception, and never writes to the file."""
from __future__ import annotations

import random

import pytest

from hedui.core.dataset.check import check_file
from hedui.core.model import SessionError
from hedui.core.session.session import Session
from hedui.core.session.read import load_saved
from tests.session_helpers import NEEDLES, TEXT, make_extraction

VALUES = [b'"x"', b"-1", b"0", b"1e400", b"99999999999999999999", b"true", b"[]", b"{}", b'"\\u0000"',
          b"3.5", b'"accepted"', b'"f0001"', b'""', b"[1, 2]", b"{ value = 1 }", b"nan"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    kind = rng.randrange(6)
    i = rng.randrange(len(lines))
    if kind == 0:  # drop a line
        del lines[i]
    elif kind == 1:  # duplicate a line
        lines.insert(i, lines[i])
    elif kind == 2 and b" = " in lines[i]:  # another value
        key = lines[i].split(b" = ")[0]
        lines[i] = key + b" = " + rng.choice(VALUES)
    elif kind == 3:  # flip a byte
        b = bytearray(data)
        b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    elif kind == 4:  # truncate
        return data[: rng.randrange(len(data))]
    else:  # swap two lines
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


@pytest.fixture(scope="module")
def valid(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    ex = make_extraction(tmp / "report.txt", TEXT, NEEDLES)
    s = Session.open(ex, tmp / "sessions", "li")
    ids = [e.id for e in s.entries]
    s.accept(ids[0])
    s.correct(ids[1], NEEDLES[3][1], note="n")
    s.flag(ids[2], "other")
    s.add(0, 2, NEEDLES[0][1])
    s.undo()
    s.redo()
    s.close()
    return ex, tmp, s.path, s.path.read_bytes()


def test_random_damage_is_always_a_one_line_session_error(valid):
    ex, tmp, path, data = valid
    rng = random.Random(5)
    outcomes = {"ok": 0, "error": 0}
    for n in range(300):
        bad = data
        for _ in range(rng.randrange(1, 4)):
            bad = mutate(bad, rng)
        path.write_bytes(bad)
        for reader in (lambda: load_saved(path, tmp / "sessions"),
                       lambda: Session.open(ex, tmp / "sessions", "li", read_only=True)):
            try:
                reader()
                outcomes["ok"] += 1
            except SessionError as exc:
                msg = str(exc)
                assert "\n" not in msg and msg.startswith(str(path)), msg
                outcomes["error"] += 1
        problems = check_file(path, tmp / "sessions")
        assert all("\n" not in p and p.startswith(str(path)) for p in problems)
        assert path.read_bytes() == bad
    assert outcomes["error"] > 200 and outcomes["ok"] > 20
    path.write_bytes(data)
