"""The corpus server: extraction and counting in a forked child process (or, without fork, a
thread), so that the app never waits for the corpus.

``ExtractionProcess(files, first, ...)`` starts at once (fork it before importing Textual: no
threads exist yet) and serves, in this order of priority:

* ``want(index)``: the reports the reviewer is on or about to reach (the app keeps a few
  ahead), from the extraction cache or extracted then cached: ``("ready", i, extraction,
  error)``.  While jieba's dictionary is not loaded yet (a cold start), a figures-only
  extraction comes first, to be shown while the labels are prepared: ``("preview", i, extraction)``;
* a background pass over the whole corpus that holds nothing in memory: the figures of every
  report the cache knows (``("figures", [(i, n, error)…])``, one query), this reviewer's saved
  decisions per report (``("decisions", [(i, decided, flagged, total)…])``), then every report
  the cache does not know, extracted into the cache a report at a time, checking for wants in
  between; ``("counted", n)`` at the end (n: the reports it had to extract, 0 with a warm cache).  ``("warning", line)`` if the cache cannot be used.

``messages()`` yields what the server sends until it stops; if the child dies it simply ends.
"""
from __future__ import annotations

import multiprocessing
import threading
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hedui.core.model import HeduiError

#: the background pass sends its counts at least this often (seconds)
BATCH_SECONDS = 0.25


class _Stop(Exception):
    pass


class _Server:
    """The child's side (see the module doc)."""

    def __init__(self, conn: Any, paths: list[Path], first: int, sessions_dir: Path, reviewer: str,
                 rules_dir: Path | None, cache_root: Path | None, extractor: Any, previews: bool) -> None:
        self.conn, self.paths, self.sessions_dir, self.reviewer = conn, paths, Path(sessions_dir), reviewer
        self.previews = previews  # figures first while jieba loads (a child: the app paints meanwhile)
        self.rules_dir, self.cache_root, self.given = rules_dir, cache_root, extractor
        self.wants: deque[int] = deque([first] if paths else [])
        self.known: list[bool] = [False] * len(paths)  # figures counted (or failed)
        self.corpus: Any = None

    def run(self) -> None:
        from hedui.core.corpus.cached import CachedExtractor, open_cache

        cache = open_cache(self.cache_root, self.rules_dir)
        self.corpus = CachedExtractor(self.rules_dir, cache, self.given)
        try:
            self.drain()  # the report on screen first
            if cache.warning:
                self.conn.send(("warning", cache.warning))
            self.count_cached()
            self.count_decisions()
            self.count_the_rest()
            if cache.warning:
                self.conn.send(("warning", cache.warning))
            self.conn.send(("counted", self.corpus.extracted))
            while True:  # idle: only what the reviewer asks for
                self.handle(self.conn.recv())
                self.drain()
        except (_Stop, BrokenPipeError, EOFError, OSError):  # the app has gone
            pass
        finally:
            cache.close()
            self.conn.close()

    # -------------------------------------------------------------- the reviewer's reports
    def handle(self, msg: Any) -> None:
        if msg[0] == "stop":
            raise _Stop
        if msg[0] == "want" and 0 <= msg[1] < len(self.paths):
            self.wants.append(msg[1])

    def drain(self) -> None:
        while self.conn.poll():
            self.handle(self.conn.recv())
        while self.wants:
            self.serve(self.wants.popleft())
            while self.conn.poll():
                self.handle(self.conn.recv())

    def serve(self, i: int) -> None:
        path = self.paths[i]
        try:
            report, found, stat = self.corpus.cached(path)
            if found is None:
                if self.previews and self.corpus.extracted == 0 and self.given is None:  # jieba not loaded yet
                    try:
                        self.conn.send(("preview", i, self.corpus.extract_report(report, stat, context=False)))
                    except HeduiError:
                        pass  # the full extraction says why
                found = self.corpus.extract_report(report, stat)
        except HeduiError as exc:
            self.conn.send(("ready", i, None, str(exc)))
        except Exception as exc:  # an extractor bug costs this report only
            self.conn.send(("ready", i, None, f"{path}: cannot prepare ({type(exc).__name__}: {exc})"))
        else:
            self.conn.send(("ready", i, found, None))
            if not self.known[i]:
                self.known[i] = True
                self.conn.send(("figures", [(i, len(found.figures), None)]))

    # -------------------------------------------------------------- the background pass
    def count_cached(self) -> None:
        found = self.corpus.summaries(self.paths)
        batch = [(i, n, None) for i, n in enumerate(found) if n is not None and not self.known[i]]
        for i, _, _ in batch:
            self.known[i] = True
        for k in range(0, len(batch), 2000):
            self.conn.send(("figures", batch[k:k + 2000]))
            self.drain()

    def count_decisions(self) -> None:
        """This reviewer's saved decisions per report (read only: nothing is locked)."""
        from hedui.core.model import SessionError
        from hedui.core.session.paths import peek_header, resolve_report_path
        from hedui.core.session.read import load_saved, session_files

        try:
            files = session_files(self.sessions_dir)
        except SessionError:
            return
        heads = [(f, peek_header(f)) for f in files]
        heads = [(f, h) for f, h in heads if h.get("reviewer") == self.reviewer and isinstance(h.get("report"), dict)]
        if not heads:
            return
        index = {str(p.resolve()): i for i, p in enumerate(self.paths)}
        batch, sent = [], time.monotonic()
        for f, head in heads:
            stored = head["report"].get("path")
            i = index.get(str(resolve_report_path(stored, self.sessions_dir).resolve())) if isinstance(stored, str) else None
            if i is None:
                continue
            try:
                entries = load_saved(f, self.sessions_dir).entries
            except SessionError:
                continue  # the app says why when the reviewer opens it
            decided = sum(1 for e in entries if e.status != "pending")
            batch.append((i, decided, sum(1 for e in entries if e.status == "flagged"), len(entries)))
            if time.monotonic() - sent > BATCH_SECONDS:
                self.conn.send(("decisions", batch))
                batch, sent = [], time.monotonic()
                self.drain()
        if batch:
            self.conn.send(("decisions", batch))

    def count_the_rest(self) -> None:
        batch, sent = [], time.monotonic()
        for i, path in enumerate(self.paths):
            self.drain()
            if self.known[i]:
                continue
            self.known[i] = True
            try:
                batch.append((i, len(self.corpus.extract_path(path).figures), None))
            except HeduiError as exc:
                batch.append((i, None, str(exc)))
            except Exception as exc:  # an extractor bug costs this report only
                batch.append((i, None, f"{path}: cannot prepare ({type(exc).__name__}: {exc})"))
            if time.monotonic() - sent > BATCH_SECONDS:
                self.conn.send(("figures", batch))
                batch, sent = [], time.monotonic()
        if batch:
            self.conn.send(("figures", batch))


def _serve(conn: Any, *args: Any) -> None:
    _Server(conn, *args).run()


class ExtractionProcess:
    """The app's side of the corpus server (see the module doc)."""

    def __init__(self, paths: list[Path], first: int, sessions_dir: Path, reviewer: str,
                 rules_dir: Path | None = None, cache_root: Path | None = None, *,
                 extractor: Any = None, thread: bool = False) -> None:
        self.first = first
        self._send_lock = threading.Lock()
        args = (list(paths), first, Path(sessions_dir), reviewer, rules_dir, cache_root, extractor, not thread)
        self._process: Any = None
        self._thread: threading.Thread | None = None
        if thread:
            mine, theirs = multiprocessing.Pipe(duplex=True)
            self._thread = threading.Thread(target=_serve, args=(theirs, *args), name="hedui-corpus", daemon=True)
            self._thread.start()
        else:
            ctx = multiprocessing.get_context("fork")
            mine, theirs = ctx.Pipe(duplex=True)
            self._process = ctx.Process(target=_serve, args=(theirs, *args), name="hedui-corpus", daemon=True)
            self._process.start()
            theirs.close()
        self._conn = mine
        self._closed = False

    def want(self, index: int) -> None:
        """Ask for report ``index`` (its ``ready`` comes before any background work)."""
        with self._send_lock:
            if self._closed:
                return
            try:
                self._conn.send(("want", index))
            except (OSError, ValueError):  # the server has gone: nothing more will come
                pass

    def messages(self) -> Iterator[tuple]:
        while True:
            try:
                yield self._conn.recv()
            except (EOFError, OSError, ValueError):
                return

    def close(self) -> None:
        with self._send_lock:
            if self._closed:
                return
            self._closed = True
            try:
                self._conn.send(("stop",))
            except (OSError, ValueError):
                pass
        if self._process is not None:
            self._process.join(timeout=1)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(timeout=2)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._conn.close()


def start_extraction(files: list[Path], first: int, sessions_dir: Path, reviewer: str,
                     rules_dir: Path | None = None, cache_root: Path | None = None) -> ExtractionProcess | None:
    """The corpus server in a forked child; None where fork is not available (the app then
    runs it in a thread)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        return ExtractionProcess(files, first, sessions_dir, reviewer, rules_dir, cache_root)
    except OSError:
        return None
