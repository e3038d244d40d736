"""Lengths: parse `"3mm"`, `"0.125in"`, `"9pt"` and `"8%"` strings into points.

Input: a length string from a layout file. Output: a float in points (1/72 in).
Percentages are kept symbolic (`Relative`) until the page size is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from outreach.core.values import value_methods

POINTS_PER = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 720.0 / 25.4, "pc": 12.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|in|mm|cm|pc|%)\s*$")


class LengthError(ValueError):
    """A string that is not a length; the message says what was expected."""


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Relative:
    """A fraction of a reference length (the page width or height), e.g. `8%`."""

    fraction: float

    def of(self, reference: float) -> float:
        """Resolve against the reference length in points."""
        return self.fraction * reference


def parse_length(text: object, *, allow_relative: bool = False) -> float | Relative:
    """Parse a length string; a bare number is rejected so that units are never guessed."""
    if isinstance(text, bool) or not isinstance(text, str):
        raise LengthError(f"expected a length such as `3mm`, `0.125in` or `9pt`, got `{text}`")
    match = _LENGTH.match(text)
    if not match:
        raise LengthError(
            f"`{text}` is not a length; write a number and a unit: pt, in, mm, cm or %"
        )
    number, unit = float(match.group(1)), match.group(2)
    if unit == "%":
        if not allow_relative:
            raise LengthError(f"`{text}`: a percentage is not allowed here; use pt, in or mm")
        return Relative(number / 100.0)
    return number * POINTS_PER[unit]


def points(text: str) -> float:
    """Parse an absolute length to points (for code and tests that know it is absolute)."""
    value = parse_length(text)
    assert isinstance(value, float)
    return value


def to_mm(value_pt: float) -> float:
    """Points to millimetres, for messages and manifests that people read."""
    return value_pt / POINTS_PER["mm"]
