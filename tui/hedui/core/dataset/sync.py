"""`hedui sync`: the sessions folder shared through its git repository.

Each reviewer's session files are their own (``<report>.<reviewer>.toml``), so reviewers never
edit the same file and a merge does not conflict. ``sync`` commits this reviewer's changed
session files with a readable message, pulls with rebase and pushes. It stops with one line,
having changed nothing, when the folder is not in a git repository, has no remote, has a
session still open in hedui or with decisions only in its journal, or when the pull
conflicts (the rebase is aborted and the commit it made is undone, the files left as they
were).
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from hedui.core.session.paths import peek_header
from hedui.core.session.read import session_files
from hedui.core.session.store import read_journal


class SyncError(Exception):
    """One line saying why sync stopped (nothing was changed)."""


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    try:
        res = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=300)
    except FileNotFoundError:
        raise SyncError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise SyncError(f"git {args[0]} did not finish in 5 minutes") from None
    if check and res.returncode != 0:
        raise SyncError(f"git {' '.join(args[:2])} failed: {_first_line(res.stderr or res.stdout)}")
    return res


def _first_line(s: str) -> str:
    for line in s.splitlines():
        line = line.strip()
        if line and not line.startswith("hint:"):
            return line
    return "(no message)"


def _pending_journal(path: Path) -> bool:
    """The session has decisions in its journal not yet written into the TOML."""
    journal = path.with_name(path.name + ".journal")
    if not journal.exists():
        return False
    seq = peek_header(path).get("journal_seq", 0)
    records = read_journal(journal, repair=False)
    return any(r.get("seq", 0) > seq for r in records)


def _is_open(path: Path) -> bool:
    import fcntl
    import os

    lock = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def mine(sessions_dir: Path, reviewer: str) -> list[Path]:
    """This reviewer's session files (review and adjudication)."""
    return [p for p in session_files(sessions_dir) if peek_header(p).get("reviewer") == reviewer]


def sync(sessions_dir: Path, reviewer: str) -> list[str]:
    """Commit, pull --rebase, push; returns lines saying what was done. SyncError on a stop."""
    sessions_dir = Path(sessions_dir)
    if not sessions_dir.is_dir():
        raise SyncError(f"{sessions_dir}: sessions folder not found")
    probe = _git(sessions_dir, "rev-parse", "--show-toplevel", check=False)
    if probe.returncode != 0:
        raise SyncError(f"{sessions_dir}: not in a git repository (see README, 'Working as a team')")
    root = Path(probe.stdout.strip())
    if not _git(root, "remote").stdout.strip():
        raise SyncError(f"{root}: the repository has no remote to sync with (git remote add origin URL)")
    for marker in ("rebase-merge", "rebase-apply", "MERGE_HEAD"):
        if (root / ".git" / marker).exists():
            raise SyncError(f"{root}: a git {marker.split('-')[0].split('_')[0].lower()} is in progress; finish it first")
    files = mine(sessions_dir, reviewer)
    for p in files:
        if _is_open(p):
            raise SyncError(f"{p}: open in hedui review; quit it before syncing")
        if _pending_journal(p):
            raise SyncError(f"{p}: decisions not yet written into the file (its journal); "
                            "open and quit hedui review on it first")
    rel = [str(p.resolve().relative_to(root.resolve())) for p in files]
    extra = [sessions_dir / "assignment.toml"]
    rel += [str(p.resolve().relative_to(root.resolve())) for p in extra if p.exists()]
    done: list[str] = []
    head = _git(root, "rev-parse", "--verify", "-q", "HEAD", check=False).stdout.strip()
    if rel:
        _git(root, "add", "--", *rel)
    staged = _git(root, "diff", "--cached", "--name-only", "--", *rel).stdout.split() if rel else []
    committed = False
    if staged:
        names = sorted({Path(s).name.split(".")[0] for s in staged})
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        msg = f"hedui: {reviewer} — {len(staged)} session file{'s' * (len(staged) != 1)} ({shown})"
        _git(root, "commit", "-q", "-m", msg, "--", *staged)
        committed = True
        done.append(f"committed {len(staged)} session file{'s' * (len(staged) != 1)} of {reviewer}")
    else:
        done.append(f"nothing of {reviewer} to commit")
    branch = _git(root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    upstream = _git(root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}", check=False)
    pull = (["pull", "--rebase", "--autostash", "-q"] if upstream.returncode == 0
            else ["pull", "--rebase", "--autostash", "-q", "origin", branch])
    remote_has = upstream.returncode == 0 or bool(
        _git(root, "ls-remote", "--heads", "origin", branch, check=False).stdout.strip())
    res = _git(root, *pull, check=False) if remote_has else None  # a new branch: nothing to pull
    if res is not None and res.returncode != 0:
        conflict = (root / ".git" / "rebase-merge").exists() or (root / ".git" / "rebase-apply").exists()
        if conflict:
            _git(root, "rebase", "--abort", check=False)
        if committed:
            _git(root, "reset", "-q", "--soft", head or "HEAD~1", check=False)
            _git(root, "reset", "-q", "--", *staged, check=False)
        why = "a conflict" if conflict else _first_line(res.stderr or res.stdout)
        raise SyncError(f"{root}: pull stopped ({why}); nothing was changed, your files are as they were")
    if res is not None:
        done.append("pulled (rebase)")
    push = ["push", "-q"] if upstream.returncode == 0 else ["push", "-q", "-u", "origin", branch]
    res = _git(root, *push, check=False)
    if res.returncode != 0:
        raise SyncError(f"{root}: push failed ({_first_line(res.stderr or res.stdout)}); "
                        "your commit is kept locally, sync again")
    done.append("pushed")
    return done
