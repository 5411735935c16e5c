"""The checks a team's sessions folder needs after a merge (``hedui check`` runs them).

* two session files for one report and one reviewer (a merge can bring both: the file name
  differs when the report was found under another path);
* an assignment (``assignment.toml``) that names a report which does not exist, or that
  cannot be read;
* sessions of a reviewer the assignment does not name.
"""
from __future__ import annotations

from pathlib import Path

from hedui.core.dataset.assignment import assignment_path, read_assignment
from hedui.core.model import SessionError
from hedui.core.session.paths import peek_header, resolve_report_path


def check_team(sessions_dir: Path, files: list[Path]) -> list[str]:
    sessions_dir = Path(sessions_dir)
    problems: list[str] = []
    owners: dict[tuple[str, str, str], Path] = {}
    reviewers: dict[str, Path] = {}
    for p in files:
        head = peek_header(p)
        report, who = head.get("report"), head.get("reviewer")
        if not isinstance(report, dict) or not isinstance(who, str) or not isinstance(report.get("path"), str):
            continue  # check_file reports the damage itself
        role = head.get("role", "review")
        key = (report["path"], who, role if isinstance(role, str) else "review")
        if key in owners:
            problems.append(f"{p}: a second session of {key[0]} by {who} (the other is {owners[key].name}); "
                            "keep one (hedui export uses the later one)")
        else:
            owners[key] = p
        if key[2] == "review":
            reviewers.setdefault(who, p)
    try:
        assignment = read_assignment(sessions_dir)
    except SessionError as exc:
        return problems + [str(exc)]
    if assignment is None:
        return problems
    where = assignment_path(sessions_dir)
    for a in assignment.reports:
        if not resolve_report_path(a.path, sessions_dir).is_file():
            problems.append(f"{where}: report {a.path} not found")
    named = set(assignment.reviewers) | {r for a in assignment.reports for r in a.reviewers}
    for who, p in sorted(reviewers.items()):
        if who not in named:
            problems.append(f"{p}: reviewer {who} is not in the assignment ({where.name})")
    return problems
