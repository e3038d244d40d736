"""YAML with positions: parse a file into `Node`s that remember line and column.

Input: a YAML file. Output: a `Node` tree (or diagnostics for malformed YAML).
Built from PyYAML's `compose()` so that every value can point back to its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from outreach.content.textfiles import MAX_YAML_BYTES, read_text_file
from outreach.content.yamlloader import BoundedLoader, YamlLimitError
from outreach.core.diagnostics import Diagnostic, Diagnostics, Location, choice_hints
from outreach.core.values import value_methods

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float", "bool", "null")
)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Node:
    """One YAML value with its location; mappings and lists hold child nodes."""

    value: Any
    location: Location
    key_locations: dict[str, Location] | None = None

    @property
    def key(self) -> str:
        """The dotted key path of this value inside its file (`poster.title`)."""
        return self.location.key or ""

    def is_mapping(self) -> bool:
        """True for a YAML mapping."""
        return isinstance(self.value, dict)

    def is_list(self) -> bool:
        """True for a YAML sequence."""
        return isinstance(self.value, list)

    def get(self, name: str) -> Node | None:
        """The child node for a mapping key, or None."""
        if isinstance(self.value, dict):
            child = self.value.get(name)
            return child if isinstance(child, Node) else None
        return None

    def plain(self) -> Any:
        """The value as plain Python data, without locations."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _child_key(parent: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{parent}[{part}]"
    return f"{parent}.{part}" if parent else part


# No count, year or size has 30 digits. Longer integers are read as floats (infinite past
# 308 digits) so that each reader's range check reports them, instead of Python refusing
# to convert more than 4,300 digits with a traceback (issue 21).
_MAX_INT_DIGITS = 30
_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"


def _convert(
    loader: BoundedLoader, node: yaml.Node, path: str, key: str, diags: Diagnostics
) -> Node:
    location = Location(path, node.start_mark.line + 1, node.start_mark.column + 1, key or None)
    if node.tag not in _PLAIN_TAGS:
        # Content may come from many hands: only plain data, never `!!python/...` objects.
        diags.error(
            "yaml.tag",
            f"tag `{node.tag}` is not allowed",
            location,
            hints=("write plain text, numbers, lists and mappings only",),
        )
        return Node(None, location)
    if isinstance(node, yaml.MappingNode):
        children: dict[str, Node] = {}
        key_locations: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_location = Location(
                path, key_node.start_mark.line + 1, key_node.start_mark.column + 1, key or None
            )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                # Never construct a non-text key: a list key could be an alias bomb.
                shown = key_node.value[:40] if isinstance(key_node, yaml.ScalarNode) else "…"
                diags.error(
                    "yaml.key-type",
                    f"mapping key `{shown}` is not a string",
                    key_location,
                    hints=("quote the key",),
                )
                continue
            name = str(key_node.value)
            if name in children:
                diags.error(
                    "yaml.duplicate-key",
                    f"key `{name}` appears twice",
                    key_location,
                    hints=(f"remove one of the `{name}` entries",),
                )
                continue
            children[name] = _convert(loader, value_node, path, _child_key(key, name), diags)
            key_locations[name] = Location(
                path, key_location.line, key_location.column, _child_key(key, name)
            )
        return Node(children, location, key_locations)
    if isinstance(node, yaml.SequenceNode):
        items = [
            _convert(loader, item, path, _child_key(key, index), diags)
            for index, item in enumerate(node.value)
        ]
        return Node(items, location)
    if node.tag == _INT_TAG and len(str(node.value)) > _MAX_INT_DIGITS:
        digits = str(node.value).replace("_", "")
        try:
            return Node(float(digits), location)
        except ValueError:  # hexadecimal, octal or sexagesimal forms
            return Node(float("inf"), location)
    return Node(loader.construct_object(node, deep=True), location)


def parse_yaml(text: str, path: str, diags: Diagnostics) -> Node | None:
    """Parse YAML text; malformed YAML becomes a `yaml.syntax` diagnostic, not an exception."""
    try:
        loader = BoundedLoader(text)
    except yaml.YAMLError as exc:  # the reader rejects control characters up front
        diags.error(
            "yaml.syntax",
            f"malformed YAML: {exc}".split("\n")[0],
            Location(path, 1, 1),
            hints=("remove control characters from the file",),
        )
        return None
    try:
        root = loader.get_single_node()
        if root is None:
            diags.error(
                "yaml.empty",
                "the file is empty",
                Location(path, 1, 1),
                hints=("add the expected top-level keys",),
            )
            return None
        return _convert(loader, root, path, "", diags)
    except YamlLimitError as refused:
        diags.error(
            refused.code,
            refused.message,
            Location(path, refused.line, refused.column),
            hints=(refused.hint,),
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = (exc.problem or exc.context or "malformed YAML").rstrip(".")
        diags.error(
            "yaml.syntax",
            f"malformed YAML: {problem}",
            Location(path, line, column),
            hints=("check indentation, colons and quotes near this line",),
        )
        return None
    except yaml.YAMLError as exc:
        diags.error("yaml.syntax", f"malformed YAML: {exc}", Location(path, 1, 1))
        return None
    except RecursionError:  # PyYAML's pure-Python composer, when libyaml is not installed
        diags.error(
            "yaml.too-deep",
            "values are nested too deeply to read",
            Location(path, 1, 1),
            hints=("flatten the structure: layouts and content need only a few levels",),
        )
        return None
    finally:
        loader.dispose()


def load_yaml(file: Path, display_path: str, diags: Diagnostics) -> Node | None:
    """Read and parse a YAML file; a missing, huge or unreadable file is a diagnostic."""
    text = read_text_file(file, display_path, diags, limit=MAX_YAML_BYTES)
    if text is None:
        return None
    if len(text) > _MAX_CACHED_CHARS:  # a file this big is read once; do not keep it
        return parse_yaml(text, display_path, diags)
    node, found = _parse_cached(text, display_path)
    diags.extend(found)
    return node


# Layouts are read once per job and are about 10 KB; 128 cached files of up to 256 KB each
# keep the cache's memory bounded whatever the inputs.
_MAX_CACHED_CHARS = 256 * 1024


@lru_cache(maxsize=128)
def _parse_cached(text: str, display_path: str) -> tuple[Node | None, tuple[Diagnostic, ...]]:
    """Parse each distinct file text once per process.

    A build reads the same layout for every job (and a card job reads it three ways); the
    nodes are never changed after parsing, so they are shared, and the diagnostics of a
    broken file are repeated to every caller.
    """
    diags = Diagnostics()
    node = parse_yaml(text, display_path, diags)
    return node, tuple(diags.items)


def check_keys(
    node: Node,
    diags: Diagnostics,
    *,
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    what: str = "mapping",
    area: str = "content",
) -> bool:
    """Report unknown and missing keys of a mapping; False if the node is not a mapping."""
    if not isinstance(node.value, dict):
        diags.error(
            f"{area}.type",
            f"`{node.key or what}` must be a mapping, got {type_name(node.value)}",
            node.location,
            hints=("write `key: value` pairs here",),
        )
        return False
    allowed = set(required) | set(optional)
    for name, child in node.value.items():
        if name not in allowed:
            where = (node.key_locations or {}).get(name, child.location)
            diags.error(
                f"{area}.unknown-key",
                f"unknown key `{name}` in {what}",
                where,
                hints=choice_hints(name, allowed),
            )
    complete = True
    for name in required:
        if name not in node.value:
            complete = False
            diags.error(
                f"{area}.missing-key",
                f"missing key `{name}` in {what}",
                node.location,
                hints=(f"add `{name}:` to `{node.key or what}`",),
            )
    return complete


def type_name(value: object) -> str:
    """A reader's name for a YAML value's type, for messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f'text ("{value[:40]}")'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
