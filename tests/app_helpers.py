"""Shared pieces of the reviewer app tests: reports copied into tmp_path, the app, waiting."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from hedui.app.app import HeduiApp, make_app
from hedui.app.config import load_config
from hedui.core.extract.extractor import Extractor
from hedui.core.text.report import load_report
from hedui.core.session.session import Session

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
#: two short seeds (the app's tests copy them; the originals are never written)
REPORTS = ("echeng-2019h1.txt", "guangxi-2023.txt")
REVIEWER = "tester"


@dataclass
class Workspace:
    root: Path
    reports: Path
    sessions: Path
    config: Path

    def report(self, name: str) -> Path:
        return self.reports / name

    def app(self, *paths: Path) -> HeduiApp:
        targets = list(paths) or [self.reports]
        return make_app(targets, self.sessions, REVIEWER, config=load_config(self.config))

    def session(self, name: str, read_only: bool = True) -> Session:
        """The session of report ``name`` as the session layer reads it from disk."""
        extraction = Extractor().extract(load_report(self.report(name)))
        return Session.open(extraction, self.sessions, REVIEWER, read_only=read_only)

    def statuses(self, name: str) -> dict[str, str]:
        s = self.session(name)
        try:
            return {e.id: e.status for e in s.entries}
        finally:
            s.close()


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in REPORTS:
        shutil.copyfile(SEEDS / name, reports / name)
    config = tmp_path / "config.toml"
    monkeypatch.setenv("HEDUI_CONFIG", str(config))
    monkeypatch.setenv("NO_COLOR", "1")
    return Workspace(tmp_path, reports, tmp_path / "sessions", config)


async def wait_ready(pilot, index: int | None = None, timeout: float = 30.0) -> None:
    """Until the review screen shows a prepared report (``index`` if given)."""
    app = pilot.app
    waited = 0.0
    while waited < timeout:
        review = app.review
        if review is not None and review.is_attached and review.shown_index is not None:
            if index is None or review.shown_index == index:
                await pilot.pause()
                return
        await pilot.pause(0.05)
        waited += 0.05
    raise AssertionError("the report never came on screen")


async def wait_all_prepared(pilot, timeout: float = 60.0) -> None:
    """Until every report is counted (figures known, or an error) and the one on screen is ready
    (only that one has its session open)."""
    app = pilot.app
    waited = 0.0
    while waited < timeout:
        on_screen = app.slots[app.current]
        if app.totals.complete and (on_screen.ready or on_screen.error):
            await pilot.pause()
            return
        await pilot.pause(0.05)
        waited += 0.05
    raise AssertionError("the reports were never all prepared")


def screen_text(app: HeduiApp) -> str:
    """What the terminal shows, as plain text lines."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())
