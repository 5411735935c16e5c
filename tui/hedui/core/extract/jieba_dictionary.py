"""jieba's prefix dictionary read from a flat copy, three times faster than from jieba's own cache,
and as a sorted word list for hedui's own segmenter, without the dict.

jieba (0.42) builds a prefix dictionary from its bundled word list (half a million words and
prefixes, each with its frequency), keeps it in a marshal file in the temporary folder and
reads it back on its first use: about 0.65 s, the largest part of a long report's start. The
same dictionary is kept here as its words in code point order (one text, a word a line), their
frequencies (an array of 64-bit integers) and jieba's own order of them (an array of indexes),
which Python reads as a few large objects. Only data is read (nothing is unpickled or
unmarshalled), checked against its digest.

``lexicon`` gives the sorted words and frequencies as they are read (0.05 s): the labels'
segmenter (segmentation.py) asks it only for the strings it has not met yet, by bisection.
``load`` builds jieba's own dict from them, in jieba's order (0.2 s), for jieba's functions.

The copy sits beside jieba's (``tempfile.gettempdir()``, or jieba's ``tmp_dir``), named for
its format, jieba's version and its word list's size and time; it is written (to a temporary
name, then renamed) from jieba's own dictionary the first time. A copy that is missing,
unreadable or inconsistent is not used (jieba loads its own way), and jieba with another
dictionary than its bundled one (``set_dictionary``, ``cache_file``) is left to load its own way.
"""
from __future__ import annotations

import functools
import hashlib
import os
import sys
import tempfile
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """jieba's prefix dictionary as its strings in code point order and their frequencies (0 for
    a prefix of words that is no word itself), and the total of the frequencies."""

    words: list[str]
    freqs: Any  # array("q") or list[int], beside ``words``
    total: int
    #: the labels' segmenter's table of the strings it has met (segmentation.py: what this
    #: dictionary says of each), kept with the dictionary: every segmenter of it in a process
    #: (one a report) shares it, and asks the dictionary once per string
    table: dict[str, float] = field(default_factory=dict)

    def get(self, s: str) -> int | None:
        """The frequency of ``s`` (None: neither a word nor a prefix of one)."""
        return self.find(s)[0]

    def find(self, s: str) -> tuple[int | None, bool]:
        """(``get(s)``, whether a longer string of the dictionary begins with ``s``): the strings
        beginning with ``s`` sort right after it, so the next one tells."""
        words = self.words
        i = bisect_left(words, s)
        if i < len(words) and words[i] == s:
            return self.freqs[i], i + 1 < len(words) and words[i + 1].startswith(s)
        return None, False


def segmenter() -> Any:
    """jieba, silenced, its dictionary loaded (``imported``, ``load``)."""
    jieba = quiet()
    load(jieba)
    return jieba


def quiet() -> Any:
    """jieba (``imported``), its log silenced (it tells of loading its dictionary)."""
    import logging

    jieba = imported()
    jieba.setLogLevel(60)
    logging.getLogger("jieba").setLevel(60)
    return jieba


def lexicon(jieba: Any) -> Lexicon:
    """The prefix dictionary of jieba's default tokenizer, read once per process (the copy's
    sorted words; jieba's own dict sorted when there is no copy to read)."""
    return _lexicon_of(jieba, jieba.dt)


@functools.lru_cache(maxsize=4)
def _lexicon_of(jieba: Any, dt: Any) -> Lexicon:
    path = _copy_path(jieba, dt)
    if path is not None:
        got = _read(path)
        if got is None:
            load(jieba, dt)  # jieba's own way, the copy written
            got = _read(path)
        if got is not None:
            return Lexicon(got[0], got[1], got[3])
    dt.check_initialized()
    items = sorted(dt.FREQ.items())
    return Lexicon([w for w, _ in items], [f for _, f in items], dt.total)


def imported() -> Any:
    """The jieba module, imported without ``pkg_resources`` when nothing has imported that yet.

    jieba 0.42 imports ``pkg_resources`` (setuptools) only to open its own data files and falls
    back to ``open`` without it. Importing it costs more than jieba itself (0.06-0.09 s), and
    the errors its parsers raise and catch on the way leave reference cycles holding the frames
    of whatever called the import: a long report's extraction stays alive until the interpreter
    tears down (0.7 s at exit after the one-process extraction of the 3 MB text)."""
    jieba = sys.modules.get("jieba")
    if jieba is not None:
        return jieba
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # "import pkg_resources" fails
    try:
        import jieba
    finally:
        if blocked and "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
            del sys.modules["pkg_resources"]
    return jieba


#: first line of a copy: the format, then the number of words, jieba's total frequency and the
#: digest of the rest
MAGIC = b"hedui-jieba-prefix-dict 3"
#: the array type of the indexes (jieba's order), 4 bytes an item (no copy where it is not)
INDEX = "I"


def load(jieba: Any, dt: Any = None) -> None:
    """jieba's default tokenizer (``jieba.dt``; or the tokenizer ``dt``) with its prefix
    dictionary loaded."""
    dt = dt if dt is not None else jieba.dt
    if dt.initialized:
        return
    path = _copy_path(jieba, dt)
    if path is None:
        dt.initialize()
        return
    with dt.lock:
        if dt.initialized:
            return
        got = _read(path)
        if got is not None:
            words, freqs, order, dt.total = got
            dt.FREQ = dict(zip(map(words.__getitem__, order), map(freqs.__getitem__, order)))
            dt.initialized = True
            return
    dt.initialize()
    _write(path, dt.FREQ, dt.total)


def _copy_path(jieba: Any, dt: Any) -> str | None:
    """Where the copy of the bundled dictionary's prefix dictionary is (None: not that one)."""
    if dt.dictionary is not None or dt.cache_file:
        return None
    try:
        words = os.stat(os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME))
    except (AttributeError, OSError):
        return None
    form = MAGIC.rsplit(b" ", 1)[1].decode()  # another format, another file (no two versions fight)
    name = f"hedui-jieba-{form}-{getattr(jieba, '__version__', '')}-{words.st_size}-{words.st_mtime_ns}.dict"
    return os.path.join(dt.tmp_dir or tempfile.gettempdir(), name)


def _read(path: str) -> tuple[list[str], array, array, int] | None:
    """(the words in code point order, their frequencies, jieba's order of them as indexes into
    the words, the total), or None for a copy not to be used."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
                return None  # someone else's file in a shared folder
            data = f.read()
        head, _, rest = data.partition(b"\n")
        magic, count, total, digest = head.rsplit(b" ", 3)
        n = int(count)
        if magic != MAGIC or len(rest) < 12 * n or _digest(rest) != digest:
            return None
        freqs, order = array("q"), array(INDEX)
        if order.itemsize != 4:
            return None
        freqs.frombytes(rest[:8 * n])
        order.frombytes(rest[8 * n:12 * n])
        if sys.byteorder != "little":
            freqs.byteswap()
            order.byteswap()
        words = rest[12 * n:].decode("utf-8").split("\n")
        if len(words) != n:
            return None
        return words, freqs, order, int(total)
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).hexdigest().encode()


def _write(path: str, freq: dict[str, int], total: int) -> None:
    words = sorted(freq)
    if any("\n" in w for w in words):
        return
    rank = {w: i for i, w in enumerate(words)}
    freqs = array("q", map(freq.__getitem__, words))
    order = array(INDEX, map(rank.__getitem__, freq))
    if order.itemsize != 4:
        return
    if sys.byteorder != "little":
        freqs.byteswap()
        order.byteswap()
    rest = freqs.tobytes() + order.tobytes() + "\n".join(words).encode("utf-8")
    data = b"%s %d %d %s\n" % (MAGIC, len(words), total, _digest(rest)) + rest
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".hedui-jieba-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, OverflowError):
        pass  # no copy this time: jieba's own cache still works
