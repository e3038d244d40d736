"""What the app keeps between requests: a project folder in; its warm workshop and runs out.

Input: the project folder and the operator's settings. Output: `WebState`, stored on the
Starlette app, so every handler reaches the same loaded `Project`, run queue and sheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request

from outreach.web.previews import Workshop
from outreach.web.runs import RunQueue
from outreach.web.security import Settings
from outreach.web.sites import SheetRuns


@dataclass(slots=True)
class WebState:
    """The project and everything loaded from it."""

    root: Path
    settings: Settings
    workshop: Workshop
    runs: RunQueue
    sheets: SheetRuns

    @classmethod
    def open(cls, root: Path, settings: Settings) -> WebState:
        """Load the project once, for every request to come."""
        workshop = Workshop(root)
        return cls(root, settings, workshop, RunQueue(root), SheetRuns(workshop))


def state_of(request: Request) -> WebState:
    """The app's state, from any request."""
    state: WebState = request.app.state.web
    return state
