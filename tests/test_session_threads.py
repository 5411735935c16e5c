"""Sessions under concurrent use: decisions from several threads while the writer rewrites the TOML."""
from __future__ import annotations

import threading
from dataclasses import replace

from hedui.core.session.session import Session
from hedui.core.session.read import load_saved
from tests.session_helpers import crash_extraction


def test_decisions_from_threads_with_background_rewrites(tmp_path):
    ex = crash_extraction(tmp_path, copies=25)  # 200 figures
    s = Session.open(ex, tmp_path / "sessions", "li", batch=5, idle=0.001)
    ids = [e.id for e in s.entries]
    errors = []

    def work(part: list[str]) -> None:
        try:
            for n, i in enumerate(part):
                if n % 3 == 0:
                    s.correct(i, replace(s.entry(i).fields, value=n))
                else:
                    s.accept(i)
                if n % 10 == 0:
                    s.flush()
                s.progress()
                s.first_pending()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(ids[k::4],)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert s.progress() == (len(ids), len(ids))
    want = {e.id: (e.status, e.fields) for e in s.entries}
    # what is on disk right now (TOML + journal), before close
    saved = load_saved(s.path, tmp_path / "sessions")
    assert {e.id: (e.status, e.fields) for e in saved.entries} == want
    s.close()
    s = Session.open(ex, tmp_path / "sessions", "li")
    assert {e.id: (e.status, e.fields) for e in s.entries} == want
    assert [r["seq"] for r in s.log] == list(range(1, len(ids) + 1))
    s.close()
