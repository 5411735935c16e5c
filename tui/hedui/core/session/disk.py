"""Writing a session's files safely: atomic rewrite with a backup, and the lock file.

``atomic_write`` writes ``<file>.tmp``, fsyncs it, hard-links the current file to
``<file>.bak``, renames the temp file over the file and fsyncs the folder: a crash
at any moment leaves the old or the new file. No side file is ever written through
a symbolic link (``safe_io``). ``FileLock`` holds ``flock`` on ``<file>.lock`` and
names its holder there.
"""
from __future__ import annotations

import errno
import fcntl
import os
import socket
from datetime import datetime, timezone
from pathlib import Path

from hedui.core.model import SessionError, SessionLocked
from hedui.core.session.safe_io import create_new, open_side


def now_rfc3339() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, backup: bool = True, what: str = "session file") -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old or the new file, keeping ``<path>.bak``."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = create_new(tmp)  # a link or a leftover in its place is replaced, never written through
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if backup and path.exists():
            bak = path.with_name(path.name + ".bak")
            bak_tmp = path.with_name(path.name + ".bak.tmp")
            try:
                bak_tmp.unlink(missing_ok=True)
                os.link(path, bak_tmp)  # (a new name: never through a link)
            except OSError:
                _copy_new(path, bak_tmp)
            os.replace(bak_tmp, bak)  # a rename replaces a link at bak, never follows it
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise SessionError(f"{path}: cannot write {what} ({_why(exc)})") from None


def _copy_new(src: Path, dest: Path) -> None:
    """Copy ``src`` to a new file ``dest`` (created, never through a link)."""
    fd = create_new(dest)
    try:
        with open(src, "rb") as fh:
            while chunk := fh.read(1 << 20):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


class FileLock:
    """An exclusive ``flock`` on ``<session>.lock`` naming its holder (pid@host since) on its
    first line and, on a second, ``owner`` (the report the session is of: a lazy session has
    no file yet to say so, ``hedui.core.session.paths.session_path``)."""

    def __init__(self, path: Path, session_path: Path, owner: str = "") -> None:
        self.path = path
        self.session_path = session_path
        self.owner = owner
        self.fd: int | None = None

    def acquire(self) -> None:
        for _ in range(10):
            try:
                fd = open_side(self.path, os.O_RDWR)  # a link in its place is removed, not followed
            except OSError as exc:
                raise SessionError(
                    f"{self.session_path}: cannot lock session ({_why(exc)}); open it read-only"
                ) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = ""
                try:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip().split("\n")[0]
                except OSError:
                    pass
                os.close(fd)
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise SessionError(f"{self.session_path}: cannot lock session ({_why(exc)})") from None
                holder = holder or "another process"
                raise SessionLocked(
                    f"{self.session_path}: in use by {holder}; open it read-only", holder
                ) from None
            try:  # the file may have been unlinked by its previous holder between open and flock
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except OSError:
                same = False
            if not same:
                os.close(fd)
                continue
            info = f"{os.getpid()}@{socket.gethostname()} since {now_rfc3339()}\n{self.owner}\n".encode()
            try:
                os.ftruncate(fd, 0)
                os.pwrite(fd, info, 0)
            except OSError:
                pass
            self.fd = fd
            return
        raise SessionError(f"{self.session_path}: cannot lock session (lock file keeps changing)")

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
        os.close(self.fd)  # closing releases the flock
        self.fd = None
