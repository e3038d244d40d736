"""Diagnostics: the one type every stage uses to report a user's mistake.

Input: problems found anywhere in the pipeline. Output: `Diagnostic` values that the
CLI prints in a human or a short format. The library never prints or exits.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from outreach.core.values import value_methods


class Severity(enum.Enum):
    """How bad a diagnostic is: errors stop a build, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Location:
    """Where a problem is: a repo-relative path, 1-based line and column, and a key path."""

    path: str
    line: int | None = None
    column: int | None = None
    key: str | None = None

    def short(self) -> str:
        """Render as `path:line:col`, leaving out the parts that are unknown."""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Diagnostic:
    """A problem with a stable code, a lowercase message, a location and hints."""

    severity: Severity
    code: str
    message: str
    location: Location
    hints: tuple[str, ...] = ()

    def short(self) -> str:
        """One line, for scripts and editors: `path:line:col: error[code]: message`."""
        return f"{self.location.short()}: {self.severity.value}[{self.code}]: {self.message}"

    def human(self) -> str:
        """Several lines, for people: the message, where it is, and what to do."""
        lines = [f"{self.severity.value}[{self.code}]: {self.message}"]
        where = self.location.short()
        if self.location.key:
            where += f"  ({self.location.key})"
        lines.append(f"  --> {where}")
        lines.extend(f"  = hint: {hint}" for hint in self.hints)
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form, used by `outreach check --format json` and the manifest."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "key": self.location.key,
            "hints": list(self.hints),
        }


@dataclass(slots=True)
class Diagnostics:
    """A collector that stages append to, so loading never stops at the first problem."""

    items: list[Diagnostic] = field(default_factory=list)
    error_count: int = 0  # every error reported, repeats included: "did this step fail?"

    def _add(self, diagnostic: Diagnostic) -> None:
        if diagnostic.severity is Severity.ERROR:
            self.error_count += 1
        # The same file is read once per job; report each problem once.
        if diagnostic not in self.items:
            self.items.append(diagnostic)

    def error(self, code: str, message: str, location: Location, hints: Iterable[str] = ()) -> None:
        """Record an error: the build will write nothing."""
        self._add(Diagnostic(Severity.ERROR, code, message, location, tuple(hints)))

    def warning(
        self, code: str, message: str, location: Location, hints: Iterable[str] = ()
    ) -> None:
        """Record a warning: the build goes on unless --strict."""
        self._add(Diagnostic(Severity.WARNING, code, message, location, tuple(hints)))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        """Add diagnostics collected elsewhere (e.g. in a worker process)."""
        for diagnostic in other:
            self._add(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        """Only the errors."""
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Only the warnings."""
        return [d for d in self.items if d.severity is Severity.WARNING]

    def has_errors(self) -> bool:
        """True when anything recorded so far must stop the build."""
        return any(d.severity is Severity.ERROR for d in self.items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class OutreachError(Exception):
    """Base of every exception the library raises on purpose."""


class BuildError(OutreachError):
    """A build stopped because of error diagnostics; `.diagnostics` holds all of them."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        errors = sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)
        warnings = len(self.diagnostics) - errors
        self.summary = (
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        )
        super().__init__(self.summary)


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """Suggest the nearest valid choice for a misspelt name, the way click does."""
    import difflib  # only when a name is wrong: it costs more than the rest of this module

    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def choice_hints(value: str, choices: Iterable[str]) -> tuple[str, ...]:
    """Hints for an unknown name: a near match if any, and the list of valid names."""
    choices = sorted(choices)
    hints = []
    near = did_you_mean(value, choices)
    if near:
        hints.append(f"did you mean `{near}`?")
    hints.append("valid choices: " + ", ".join(f"`{c}`" for c in choices))
    return tuple(hints)
