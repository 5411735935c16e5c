"""Who reviews which report: the assignment file of a sessions folder (``assignment.toml``).

Each report goes to one reviewer, and a random ``overlap`` share of them to two, balanced by
figure count (the reviewer with the fewest figures so far takes the next largest report).
Assigning again with more reports adds them and never moves a report already assigned. The
file is plain TOML, one ``[[report]]`` table a report, so that it reads and diffs well::

    format = 1
    reviewers = ["ana", "bo", "chen"]
    overlap = 0.2
    seed = 7

    [[report]]
    path = "reports/a.txt"      # as sessions store it (relative to the folder's parent)
    figures = 72
    reviewers = ["ana", "bo"]
"""
from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from hedui.core.model import SessionError
from hedui.core.session.paths import ASSIGNMENT_FILE as FILE_NAME
FORMAT = 1


@dataclass(frozen=True, slots=True)
class Assigned:
    path: str  # the report path as a session stores it
    figures: int
    reviewers: tuple[str, ...]


@dataclass
class Assignment:
    reviewers: list[str]
    overlap: float
    seed: int
    reports: list[Assigned] = field(default_factory=list)

    def of(self, reviewer: str) -> list[str]:
        """The report paths (as stored) assigned to ``reviewer``."""
        return [a.path for a in self.reports if reviewer in a.reviewers]

    def reviewers_of(self, path: str) -> tuple[str, ...]:
        for a in self.reports:
            if a.path == path:
                return a.reviewers
        return ()

    def load(self) -> dict[str, int]:
        """Figures assigned to each reviewer."""
        out = {r: 0 for r in self.reviewers}
        for a in self.reports:
            for r in a.reviewers:
                out[r] = out.get(r, 0) + a.figures
        return out


def assign(reports: list[tuple[str, int]], reviewers: list[str], overlap: float, seed: int,
           existing: Assignment | None = None) -> tuple[Assignment, int]:
    """Add ``reports`` ((stored path, figure count) pairs) to ``existing`` (or a new assignment);
    returns the assignment and how many reports were added. Reports already assigned keep their
    reviewers; new reviewers join the pool for the new reports."""
    if not reviewers:
        raise ValueError("no reviewers")
    if len(set(reviewers)) != len(reviewers):
        raise ValueError("a reviewer is named twice")
    if not 0.0 <= overlap <= 1.0:
        raise ValueError("overlap must be between 0 and 1")
    if overlap > 0 and len(reviewers) < 2:
        raise ValueError("overlap needs two reviewers or more")
    base = existing or Assignment(reviewers=list(reviewers), overlap=overlap, seed=seed)
    pool = list(dict.fromkeys(base.reviewers + list(reviewers)))
    known = {a.path for a in base.reports}
    new = [(p, n) for p, n in dict(reports).items() if p not in known]
    rng = random.Random(f"{seed}:{len(base.reports)}")
    rng.shuffle(new)  # ties in size are broken by the seed, not by the order given
    new.sort(key=lambda pn: -pn[1])
    doubled = set(rng.sample(range(len(new)), round(overlap * len(new)))) if new else set()
    load = base.load()
    active = [r for r in reviewers]  # new reports go to the reviewers named this time
    for r in active:
        load.setdefault(r, 0)
    added: list[Assigned] = []
    for i, (path, n) in enumerate(new):
        first = min(active, key=lambda r: (load[r], active.index(r)))
        who = [first]
        if i in doubled:
            who.append(min((r for r in active if r != first), key=lambda r: (load[r], active.index(r))))
        for r in who:
            load[r] += max(n, 1)
        added.append(Assigned(path, n, tuple(who)))
    result = Assignment(reviewers=pool, overlap=base.overlap if existing else overlap, seed=base.seed,
                        reports=base.reports + sorted(added, key=lambda a: a.path))
    return result, len(added)


def assignment_path(sessions_dir: Path) -> Path:
    return Path(sessions_dir) / FILE_NAME


def read_assignment(sessions_dir: Path) -> Assignment | None:
    """The folder's assignment, None if it has none; SessionError('file: reason') if damaged."""
    path = assignment_path(sessions_dir)
    if not path.exists():
        return None
    if not path.is_file() or path.is_symlink():
        raise SessionError(f"{path}: not a regular file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SessionError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SessionError(f"{path}: {exc}") from None
    except OSError as exc:
        raise SessionError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return _from_data(path, data)


def _from_data(path: Path, data: dict) -> Assignment:
    def bad(why: str) -> SessionError:
        return SessionError(f"{path}: {why}")

    if data.get("format") != FORMAT:
        raise bad(f"format must be {FORMAT}")
    reviewers = data.get("reviewers")
    if not isinstance(reviewers, list) or not all(isinstance(r, str) and r for r in reviewers):
        raise bad("reviewers must be a list of names")
    overlap, seed = data.get("overlap", 0.0), data.get("seed", 0)
    if isinstance(overlap, bool) or not isinstance(overlap, (int, float)) or not 0 <= overlap <= 1:
        raise bad("overlap must be a number from 0 to 1")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise bad("seed must be an integer")
    reports = []
    seen: set[str] = set()
    for i, t in enumerate(data.get("report", []), 1):
        if not isinstance(t, dict):
            raise bad(f"report {i} is not a table")
        p, n, who = t.get("path"), t.get("figures", 0), t.get("reviewers")
        if not isinstance(p, str) or not p:
            raise bad(f"report {i} has no path")
        if p in seen:
            raise bad(f"report {p} is assigned twice")
        seen.add(p)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise bad(f"report {p}: figures must be a whole number")
        if not isinstance(who, list) or not who or not all(isinstance(r, str) and r for r in who):
            raise bad(f"report {p}: reviewers must be a list of names")
        reports.append(Assigned(p, n, tuple(who)))
    return Assignment(reviewers=list(reviewers), overlap=float(overlap), seed=seed, reports=reports)


def assignment_toml(a: Assignment) -> str:
    data = {
        "format": FORMAT, "reviewers": a.reviewers, "overlap": a.overlap, "seed": a.seed,
        "report": [{"path": r.path, "figures": r.figures, "reviewers": list(r.reviewers)} for r in a.reports],
    }
    head = "# Who reviews which report (hedui assign). Assigning again adds reports; none moves.\n"
    return head + tomli_w.dumps(data)


def assigned_to(files: list[Path], sessions_dir: Path, reviewer: str) -> tuple[list[Path], str]:
    """The reports of ``files`` assigned to ``reviewer`` by the folder's assignment, and a line
    saying what was left out ('' when there is no assignment: every report). SessionError if the
    assignment is damaged, or assigns ``reviewer`` none of ``files``."""
    from hedui.core.session.paths import stored_report_path

    assignment = read_assignment(sessions_dir)
    if assignment is None:
        return files, ""
    mine = set(assignment.of(reviewer))
    kept = [p for p in files if stored_report_path(p, sessions_dir) in mine]
    where = assignment_path(sessions_dir)
    if not kept:
        raise SessionError(f"{where}: assigns {reviewer} none of these {len(files)} report(s) "
                           "(--all reviews them anyway)")
    left = len(files) - len(kept)
    return kept, (f"{where}: {len(kept)} of {len(files)} reports are {reviewer}'s; {left} left out "
                  "(--all shows every report)" if left else "")


def owners_of(files: list[Path], sessions_dir: Path) -> list[str] | None:
    """Each report's assigned reviewers joined by ``+`` (``"—"`` if the assignment has not got
    it); None when the folder has no assignment (or a damaged one: ``review`` has said so)."""
    from hedui.core.session.paths import stored_report_path

    try:
        assignment = read_assignment(sessions_dir)
    except SessionError:
        return None
    if assignment is None:
        return None
    who = {a.path: "+".join(a.reviewers) for a in assignment.reports}
    return [who.get(stored_report_path(p, sessions_dir), "—") for p in files]
