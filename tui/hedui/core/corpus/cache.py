"""The extraction cache: what the extractor made of a report, kept on disk so that reopening a
corpus costs no extraction.

One SQLite file, ``extractions.sqlite3``, in the cache folder (``--cache DIR``, else
``$HEDUI_CACHE``, else the platform's user cache folder from platformdirs). An entry is keyed by
the sha256 of the report's bytes and the *extractor key*: hedui's version, a digest of the
extraction code and the rules digest, so a changed report, rule file or extractor is simply a
miss and is extracted again. A quick check comes first: a table of (path, size, mtime) → sha256
tells which reports are cached without reading them (the header totals of a 10,000-report corpus);
an entry itself is only ever used for bytes whose sha256 was just computed.

Never trusted: every entry carries a checksum and is checked against its report's text
(``serial.loads``); a damaged one is deleted and made again. A cache folder that cannot be
created, read or written (read-only, full, damaged, of another schema) is gone on without:
``warning`` holds one line saying why, and every result is then extracted afresh.
"""
from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from hedui import __version__
from hedui.core.corpus import serial
from hedui.core.model import Extraction, Report

DB_NAME = "extractions.sqlite3"
SCHEMA = "1"
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (sha256 TEXT NOT NULL, extractor TEXT NOT NULL,
    figures INTEGER NOT NULL, checksum TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (sha256, extractor));
"""


def cache_root(override: Path | str | None = None) -> Path:
    """The cache folder: ``override`` (``--cache DIR``), else ``$HEDUI_CACHE``, else the user cache folder."""
    if override is not None:
        return Path(override)
    env = os.environ.get("HEDUI_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_cache_path("hedui")


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the extraction code (text, numbers, extract, the model and rule reader, this
    cache's format): an edited extractor never reads entries its predecessor made."""
    core = Path(__file__).resolve().parent.parent
    files = sorted(p for d in ("text", "numbers", "extract") for p in (core / d).glob("*.py"))
    files += [core / "model.py", core / "rules.py", core / "corpus" / "serial.py"]
    h = hashlib.sha256()
    for p in files:
        try:
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
        except OSError:
            pass
    return h.hexdigest()[:12]


def extractor_key(rules_digest: str) -> str:
    return f"{__version__}+{code_digest()}:{rules_digest}"


@dataclass(frozen=True)
class FileStat:
    """What the quick check compares: a report's absolute path, size and modification time."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path | str) -> "FileStat":
        st = os.stat(path)
        return cls(str(Path(path).resolve()), st.st_size, st.st_mtime_ns)


def _checksum(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()[:16]


class ExtractionCache:
    """See the module doc. Thread-safe; one per process (SQLite connections are not shared
    across a fork: a forked child opens its own with ``reopened``)."""

    def __init__(self, root: Path, key: str) -> None:
        self.root = Path(root)
        self.key = key
        self.warning = ""  # why the cache is (partly) gone on without; '' when all is well
        self.readable = self.writable = True
        self.hits = self.misses = self.remade = 0
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        self._open()

    @classmethod
    def disabled(cls, key: str = "") -> "ExtractionCache":
        """A cache that holds nothing and says nothing (``--no-cache``)."""
        self = cls.__new__(cls)
        self.root, self.key, self.warning = Path(), key, ""
        self.readable = self.writable = False
        self.hits = self.misses = self.remade = 0
        self._lock, self._db = threading.RLock(), None
        return self

    def reopened(self) -> "ExtractionCache":
        """The same cache with a connection of its own (for a forked process)."""
        if not self.readable:
            return ExtractionCache.disabled(self.key)
        return ExtractionCache(self.root, self.key)

    # ------------------------------------------------------------ opening, failing
    def _give_up(self, why: str, *, reading: bool = True) -> None:
        if not self.warning:
            self.warning = f"{self.root}: {why}; going on without the cache"
        self.writable = False
        if reading:
            self.close()

    def _open(self) -> None:
        path = self.root / DB_NAME
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._give_up(f"cannot create the cache folder ({exc.strerror or exc})")
            return
        try:
            self._db = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA synchronous=OFF")  # a lost entry is only extracted again
            row = None
            try:
                row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            except sqlite3.OperationalError:  # a new file: no tables yet
                self._db.executescript(_TABLES)
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA,))
                return
            if row is None or row[0] != SCHEMA:
                self._give_up(f"holds a cache of another hedui version (schema {row[0] if row else '?'}; "
                              "`hedui cache clear` empties it)")
        except sqlite3.OperationalError as exc:
            if self._db is not None and "readonly" in str(exc):
                self._give_up("read-only", reading=False)
            else:
                self._give_up(f"cannot open {DB_NAME} ({exc})")
        except sqlite3.DatabaseError as exc:
            self._give_up(f"{DB_NAME} is damaged ({exc}; `hedui cache clear` makes a new one)")

    def _failed(self, exc: sqlite3.Error, writing: bool) -> None:
        text = str(exc)
        if writing and ("readonly" in text or "full" in text or "disk I/O" in text):
            self._give_up("read-only" if "readonly" in text else f"cannot be written ({text})", reading=False)
        else:
            self._give_up(f"{DB_NAME} is damaged ({text}; `hedui cache clear` makes a new one)")

    # ------------------------------------------------------------ reading
    def known(self, stat: FileStat) -> str | None:
        """The sha256 of a report whose path, size and mtime are as cached (None: unknown)."""
        if not self.readable:
            return None
        with self._lock:
            try:
                row = self._db.execute("SELECT sha256 FROM files WHERE path=? AND size=? AND mtime_ns=?",
                                       (stat.path, stat.size, stat.mtime_ns)).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc, False)
                return None
        return row[0] if row else None

    def summaries(self, stats: list[FileStat | None]) -> list[int | None]:
        """Figures per report for those whose quick check and entry are both cached (else None)."""
        out: list[int | None] = [None] * len(stats)
        if not self.readable:
            return out
        with self._lock:
            try:
                rows = self._db.execute(
                    "SELECT f.path, f.size, f.mtime_ns, e.figures FROM files f JOIN entries e "
                    "ON e.sha256 = f.sha256 AND e.extractor = ?", (self.key,)).fetchall()
            except sqlite3.Error as exc:
                self._failed(exc, False)
                return out
        known = {path: (size, mtime, figures) for path, size, mtime, figures in rows}
        for i, st in enumerate(stats):
            hit = known.get(st.path) if st is not None else None
            if hit is not None and hit[:2] == (st.size, st.mtime_ns):
                out[i] = hit[2]
        return out

    def load(self, report: Report) -> Extraction | None:
        """The cached extraction of ``report`` (decoded from bytes whose sha256 it carries; its
        artefacts come from the cache), or None. A damaged entry is deleted: it is made again."""
        if not self.readable:
            return None
        with self._lock:
            try:
                row = self._db.execute("SELECT checksum, data FROM entries WHERE sha256=? AND extractor=?",
                                       (report.sha256, self.key)).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc, False)
                return None
        if row is None:
            self.misses += 1
            return None
        checksum, blob = row
        try:
            if not isinstance(blob, bytes) or _checksum(blob) != checksum:
                raise serial.Damaged("checksum differs")
            extraction = serial.loads(zlib.decompress(blob), report)
        except (serial.Damaged, zlib.error):
            self.remade += 1
            self._delete(report.sha256)
            return None
        self.hits += 1
        return extraction

    # ------------------------------------------------------------ writing
    def _write(self, sql: str, args: tuple) -> None:
        if not self.writable:
            return
        with self._lock:
            try:
                self._db.execute(sql, args)
            except sqlite3.Error as exc:
                self._failed(exc, True)

    def _delete(self, sha256: str) -> None:
        self._write("DELETE FROM entries WHERE sha256=? AND extractor=?", (sha256, self.key))

    def remember(self, stat: FileStat, sha256: str) -> None:
        """Record the quick check of a report whose bytes were just hashed."""
        self._write("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (stat.path, stat.size, stat.mtime_ns, sha256))

    def store(self, stat: FileStat | None, extraction: Extraction) -> None:
        """Keep an extraction (``pack`` it first in a worker process and call ``store_packed``)."""
        self.store_packed(stat, extraction.report.sha256, *pack(extraction))

    def store_packed(self, stat: FileStat | None, sha256: str, blob: bytes, figures: int) -> None:
        self._write("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)",
                    (sha256, self.key, figures, _checksum(blob), blob))
        if stat is not None:
            self.remember(stat, sha256)

    def close(self) -> None:
        """Close the connection; the cache is then neither read nor written."""
        with self._lock:
            if self._db is not None:
                try:
                    self._db.close()
                except sqlite3.Error:
                    pass
                self._db = None
            self.readable = self.writable = False


def pack(extraction: Extraction) -> tuple[bytes, int]:
    """(compressed entry, number of figures) of an extraction."""
    return zlib.compress(serial.dumps(extraction), 1), len(extraction.figures)


def clear(root: Path) -> int:
    """Delete the cache file (and SQLite's side files); the bytes freed."""
    freed = 0
    for name in (DB_NAME, DB_NAME + "-journal", DB_NAME + "-wal", DB_NAME + "-shm"):
        p = Path(root) / name
        try:
            freed += p.stat().st_size
            p.unlink()
        except FileNotFoundError:
            continue
    return freed


def info(root: Path) -> dict:
    """What the cache holds: its file, size, entries per extractor key, reports known."""
    path = Path(root) / DB_NAME
    out: dict = {"path": str(path), "bytes": 0, "entries": {}, "files": 0}
    if not path.is_file():
        return out
    out["bytes"] = path.stat().st_size
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        out["entries"] = dict(db.execute("SELECT extractor, COUNT(*) FROM entries GROUP BY extractor").fetchall())
        out["files"] = db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    finally:
        db.close()
    return out
