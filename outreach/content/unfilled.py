"""Places left to fill: a pack's `"FILL IN: ..."` values in, one located error per place out.

`outreach new` writes a pack whose organization name, logo and local line are marked
`"FILL IN: what to write"`. Such a pack must refuse to build until someone fills them: a
marker must never be printed, and a marked phone number must not be reported as a bad
number (a cascade of errors that hides the one thing to do). So the loader looks for
markers first and stops at them, reporting each place once (`organization.logo`, however
many of its fields are marked) at its first marked line, with the marker's own words as
the hint.
"""

from __future__ import annotations

from outreach.content.yamlfile import Node
from outreach.core.diagnostics import Diagnostics

MARKER = "FILL IN"

# What else to say about a place the starter marks, beyond the marker's words.
_PLACE_HINTS = {
    "organization.name": "it is printed on every piece, as you write it",
    "organization.logo": ("no logo? delete the `logo:` lines: every piece leaves its place empty"),
    "contacts.local": (
        "`display` is printed as you write it; `dial` is the same number with + and the "
        "country code, digits only; the build checks that they dial the same number"
    ),
}


def _marked(node: Node) -> list[Node]:
    """Every string value under `node` that is a marker, in file order."""
    if isinstance(node.value, dict):
        return [found for child in node.value.values() for found in _marked(child)]
    if isinstance(node.value, list):
        return [found for child in node.value for found in _marked(child)]
    if isinstance(node.value, str) and node.value.lstrip().startswith(MARKER):
        return [node]
    return []


def _place(key: str) -> str:
    """The place a marked value belongs to: the first two parts of its key."""
    return ".".join(key.split(".")[:2])


def _wants(node: Node) -> str:
    """What the marker asks for: its text after `FILL IN`."""
    return node.value.lstrip()[len(MARKER) :].lstrip(" :").strip() or "your own value"


def report_unfilled(root: Node, what: str, diags: Diagnostics) -> int:
    """Report one `content.unfilled` error per marked place in a file; return their count.

    `what` names the file in the message (`pack.yaml`).
    """
    places: dict[str, list[Node]] = {}
    for node in _marked(root):
        places.setdefault(_place(node.key), []).append(node)
    for place, nodes in places.items():
        fields = [node.key[len(place) + 1 :] for node in nodes if node.key != place]
        which = f" ({', '.join(f'`{f}`' for f in fields)})" if fields else ""
        hints = [
            (f"`{node.key[len(place) + 1 :]}`: " if node.key != place else "") + _wants(node)
            for node in nodes
        ]
        if place in _PLACE_HINTS:
            hints.append(_PLACE_HINTS[place])
        hints.append(f"replace the whole `{MARKER}: ...` text, quotes kept")
        diags.error(
            "content.unfilled",
            f"`{place}` in {what} is still to be filled in{which}",
            nodes[0].location,
            hints=tuple(hints),
        )
    return len(places)
