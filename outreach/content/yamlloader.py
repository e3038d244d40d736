"""A YAML composer with bounds: no aliases, limited nesting, number and length of values.

Input: YAML text. Output: PyYAML nodes, or `YamlLimitError` at the first value past a bound.
Issue 21: "billion laughs" aliases turned 1 KB into gigabytes, 500 nested lists raised
RecursionError, and a flat 5 MB list of numbers took 26 s and 1.5 GB. Each is refused here,
while the nodes are built, at the line and column of the offending value.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer

# Our deepest file nests 6 levels; 64 leaves room for any design.
MAX_DEPTH = 64
# The largest file we read is a site list: 10,000 sites of up to 5 fields is 110,000 values.
MAX_NODES = 200_000
# The longest text in our files has 535 characters; a slot holds about 2,000 (the PO entry
# limit). A 4.5 MB string took 21 s and 750 MB to lay out before it was refused.
MAX_TEXT_CHARS = 10_000


class YamlLimitError(Exception):
    """A file that must not be read further, with where and why."""

    def __init__(self, code: str, message: str, mark: Any, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint
        self.line = mark.line + 1 if mark is not None else 1
        self.column = mark.column + 1 if mark is not None else 1


class _Bounds:
    """Counts and checks each node as the composer builds it."""

    _nodes: int
    _depth: int

    def compose_node(self, parent: Any, index: Any) -> Any:
        # PyYAML's composer has no limits of its own; libyaml's stops at 1,000 levels.
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent):
            # No file of ours needs aliases, and expanding them is how a bomb explodes.
            raise YamlLimitError(
                "yaml.alias",
                "aliases (`*name`) are not allowed",
                event.start_mark,
                "write the value out in full where it is needed",
            )
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_TEXT_CHARS:
            raise YamlLimitError(
                "yaml.too-long",
                f"a value of {len(event.value):,} characters is longer than {MAX_TEXT_CHARS:,}",
                event.start_mark,
                "no slot holds that much text; shorten it",
            )
        self._nodes = getattr(self, "_nodes", 0) + 1
        if self._nodes > MAX_NODES:
            raise YamlLimitError(
                "yaml.too-large",
                f"the file holds more than {MAX_NODES:,} values",
                event.start_mark,
                "split the file, or check that it is the file you meant",
            )
        self._depth = getattr(self, "_depth", 0) + 1
        if self._depth > MAX_DEPTH:
            raise YamlLimitError(
                "yaml.too-deep",
                f"values are nested more than {MAX_DEPTH} levels deep",
                event.start_mark,
                "flatten the structure: layouts and content need only a few levels",
            )
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


if hasattr(yaml, "CSafeLoader"):

    class BoundedLoader(_Bounds, Composer, yaml.CSafeLoader):
        """libyaml's parser (fast, the same marks) under PyYAML's composer, with bounds."""

        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            Composer.__init__(self)

else:  # pragma: no cover - wheels without libyaml

    class BoundedLoader(_Bounds, yaml.SafeLoader):  # type: ignore[no-redef]
        """PyYAML's own safe loader, with bounds."""
