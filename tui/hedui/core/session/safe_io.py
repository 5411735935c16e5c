"""Files of a sessions folder, handled as input from other people.

* Reading: only regular files, opened without blocking (a FIFO never hangs a
  reader) and up to a size limit (a link to ``/dev/zero`` never fills memory);
  anything else is one ``SessionError`` line naming the file.
* Writing side files (lock, journal, ``.tmp``, ``.bak``): a symbolic link is
  never followed. A new file is created with ``O_EXCL | O_NOFOLLOW`` after any
  link in its place is removed (the link, never what it points at).
* A session file that is a link to somewhere outside its folder is refused.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from hedui.core.model import SessionError

#: the largest session file hedui reads (README: Session files); about 50,000 figures with a decision each
SESSION_LIMIT = 32 * 2**20
#: the largest journal (decisions not yet folded into the session file)
JOURNAL_LIMIT = 32 * 2**20
#: the largest report ``hedui check`` reads through a session's report path
REPORT_LIMIT = 256 * 2**20

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class NotReadable(SessionError):
    """A file that is not read: ``reason`` says why (not found, not a regular file, too large …)."""

    def __init__(self, path: Path, what: str, reason: str) -> None:
        super().__init__(f"{path}: cannot read {what} ({reason})")
        self.reason = reason


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link, not followed"
    return exc.strerror or str(exc)


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB" if n >= 2**20 else f"{n} bytes"


def open_regular(path: Path, what: str, limit: int, *, follow: bool = True) -> int:
    """A read-only descriptor of the regular file ``path`` (size <= ``limit``); SessionError else."""
    flags = os.O_RDONLY | _NONBLOCK | (0 if follow else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        kind = "a dangling link" if os.path.islink(path) else "not found"
        raise NotReadable(path, what, kind) from None
    except OSError as exc:
        raise NotReadable(path, what, _why(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotReadable(path, what, "not a regular file")
        if st.st_size > limit:
            raise NotReadable(path, what, f"too large: {st.st_size:,} bytes; hedui reads up to {_mib(limit)}")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, what: str, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; one-line SessionError otherwise."""
    fd = open_regular(path, what, limit, follow=follow)
    try:
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise NotReadable(path, what, f"too large: over {_mib(limit)}")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise NotReadable(path, what, _why(exc)) from None
    finally:
        os.close(fd)


def iter_regular(path: Path, what: str, limit: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of a regular file in chunks (for hashing a report without holding it)."""
    fd = open_regular(path, what, limit)
    try:
        total = 0
        while True:
            try:
                data = os.read(fd, chunk)
            except OSError as exc:
                raise NotReadable(path, what, _why(exc)) from None
            if not data:
                return
            total += len(data)
            if total > limit:
                raise NotReadable(path, what, f"too large: over {_mib(limit)}")
            yield data
    finally:
        os.close(fd)


def report_sha256(path: Path) -> str:
    """The sha256 of a report named by a session, read as a regular file in chunks."""
    import hashlib

    h = hashlib.sha256()
    for chunk in iter_regular(path, "report", REPORT_LIMIT):
        h.update(chunk)
    return h.hexdigest()


def check_session_link(path: Path) -> None:
    """SessionError if ``path`` is a symbolic link leading outside its folder (or nowhere)."""
    if not os.path.islink(path):
        return
    target = Path(os.path.realpath(path))
    if target.parent != Path(os.path.realpath(path.parent)):
        raise SessionError(f"{path}: a link to outside the sessions folder; refused")


def remove_link(path: Path) -> None:
    """Remove ``path`` if it is a symbolic link (the link only)."""
    if os.path.islink(path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def create_new(path: Path, mode: int = 0o644, flags: int = os.O_WRONLY) -> int:
    """A descriptor of a new file at ``path``, which is replaced (file or link) if it exists;
    never written through a link."""
    for _ in range(5):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        try:
            return os.open(path, flags | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)
        except FileExistsError:  # made again meanwhile: try once more
            continue
    return os.open(path, flags | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)


def open_side(path: Path, flags: int, mode: int = 0o644) -> int:
    """Open (creating if needed) a side file that is never a link: a link in its place is removed first."""
    try:
        return os.open(path, flags | os.O_CREAT | _NOFOLLOW, mode)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
    remove_link(path)
    return os.open(path, flags | os.O_CREAT | _NOFOLLOW, mode)
