"""Read the small typed fields of a pack's YAML nodes: clean text and well-formed entries.

Input: a YAML `Node` of `pack.yaml` or `content.yaml`. Output: cleaned text, or the
well-formed entries of a mapping such as `links:`, with a diagnostic for each bad one.
"""

from __future__ import annotations

from collections.abc import Iterator

from outreach.content.safety import clean_text
from outreach.content.yamlfile import Node, check_keys, type_name
from outreach.core.diagnostics import Diagnostics


def _string(node: Node | None, diags: Diagnostics, what: str) -> str | None:
    if node is None:
        return None
    if not isinstance(node.value, str) or not node.value.strip():
        diags.error(
            "content.type",
            f"`{node.key}` must be text, got {type_name(node.value)}",
            node.location,
            hints=(f"write {what} in quotes",),
        )
        return None
    return _clean(node.value, node, diags)


def _clean(text: str, node: Node, diags: Diagnostics) -> str | None:
    return clean_text(text, node.key, node.location, diags)


def _entries(
    node: Node | None,
    diags: Diagnostics,
    kind: str,
    kinds: str,
    *,
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
) -> Iterator[tuple[str, Node]]:
    """The well-formed entries of a mapping of named entries (`links:`, `contacts:`...).

    An entry that misses a required key or has an unknown one is reported (named in
    `kind`'s words, e.g. "contact `hotline`") and skipped, so one bad entry never hides the
    others.
    """
    if node is None or not check_keys(node, diags, optional=tuple(node.value or ()), what=kinds):
        return
    for key, entry in node.value.items():
        if check_keys(entry, diags, required=required, optional=optional, what=f"{kind} `{key}`"):
            yield key, entry


def _text_list(
    node: Node, diags: Diagnostics, what: str, example: tuple[str, str]
) -> list[str] | None:
    """A YAML list of strings (`[en, es]`), or None with a `content.type` error.

    `example` is what the items are, and a hint that shows them.
    """
    if not isinstance(node.value, list) or not all(
        isinstance(item.value, str) for item in node.value
    ):
        diags.error(
            "content.type", f"`{what}` must be a list of {example[0]}", node.location, (example[1],)
        )
        return None
    return [item.value for item in node.value]
