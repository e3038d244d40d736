"""Replay an SVG's drawing as a recorded list of canvas calls, so svglib loads once per SVG.

Input: the canvas calls that ReportLab's drawing renderer makes for an svglib drawing.
Output: the same calls, replayed on another canvas, so the PDF is byte-identical, and a
compact JSON form of them (zlib-compressed) kept in the user's cache folder under the
SHA-256 of everything that decides them (the SVG's bytes, its tint and CMYK colours, the
canvas font the drawing starts from, ReportLab's version and svglib's source). Importing
svglib, ReportLab's graphics and platypus costs a fresh process about 75 ms; reading and
replaying the calls, a few milliseconds (issue 14). A file is written whole
(`core/whole_files.py`) and read only if it names its own key and every call in it is one
this module knows; anything else is a miss.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import reportlab
from reportlab.lib.colors import CMYKColor, Color

from outreach.core.whole_files import atomic_write

FORMAT = 2  # raise when the file's layout or the meaning of a call changes
CANVAS_CALLS = frozenset(
    {
        "saveState",
        "restoreState",
        "transform",
        "setFillColor",
        "setStrokeColor",
        "setLineWidth",
        "setLineCap",
        "setLineJoin",
        "setDash",
        "setFont",
        "setFillAlpha",
        "setStrokeAlpha",
        "setFillOverprint",
        "setStrokeOverprint",
        "setOverprintMask",
        "beginPath",
        "drawPath",
        "clipPath",
        "rect",
        "roundRect",
        "line",
        "circle",
        "ellipse",
    }
)
PATH_CALLS = frozenset(
    {"moveTo", "lineTo", "curveTo", "close", "arc", "arcTo", "rect", "ellipse", "circle"}
)
_SET_ATTRIBUTES = frozenset({"_fillMode"})  # canvas attributes the renderer assigns


class NotRecordableError(Exception):
    """The drawing used a call or a value this module cannot replay exactly."""


def _encode(value: Any) -> Any:
    """A call argument as JSON; a colour or path as a tagged object that decodes to its equal."""
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind in (tuple, list):
        return {kind.__name__: [_encode(v) for v in value]}
    if kind is _PathRecorder:
        return {"path": value.number}
    if kind is Color:
        encoded: dict[str, Any] = {"rgb": [value.red, value.green, value.blue, value.alpha]}
    elif kind is CMYKColor:
        encoded = {
            "cmyk": [value.cyan, value.magenta, value.yellow, value.black, value.alpha],
            "spot": value.spotName,
            "density": value.density,
            "knockout": value.knockout,
        }
    else:
        raise NotRecordableError(f"cannot record a {kind.__name__}")
    if vars(_decode(encoded, 0)) != vars(value):  # an attribute the encoding would lose
        raise NotRecordableError(f"cannot record this {kind.__name__} exactly")
    return encoded


_PLAIN = frozenset({bool, int, float, str, type(None)})


def _number(value: Any) -> bool:
    return type(value) in (int, float)


class _PathRef:
    """A recorded path, by the order it was begun in: resolved when the calls are replayed."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


def _decode(value: Any, paths: int, *, top: bool = False) -> Any:
    """The argument `_encode` wrote; ValueError for anything it would not have written.

    `paths` is how many paths have been begun; a path may only be a call's own argument.
    """
    if type(value) in _PLAIN:
        return value
    if isinstance(value, dict) and len(value) == 1:
        ((tag, payload),) = value.items()
        if tag == "tuple" and isinstance(payload, list):
            return tuple(v if type(v) in _PLAIN else _decode(v, paths) for v in payload)
        if tag == "list" and isinstance(payload, list):
            return [v if type(v) in _PLAIN else _decode(v, paths) for v in payload]
        if tag == "path" and top and type(payload) is int and 0 <= payload < paths:
            return _PathRef(payload)
        if tag == "rgb" and isinstance(payload, list) and len(payload) == 4:
            if all(map(_number, payload)):
                return Color(*payload)
    elif isinstance(value, dict) and value.keys() == {"cmyk", "spot", "density", "knockout"}:
        cmyk, spot, density, knockout = (value[k] for k in ("cmyk", "spot", "density", "knockout"))
        if (
            isinstance(cmyk, list)
            and len(cmyk) == 5
            and all(map(_number, cmyk))
            and (spot is None or isinstance(spot, str))
            and _number(density)
            and (knockout is None or type(knockout) in (bool, int))
        ):
            *inks, alpha = cmyk
            return CMYKColor(*inks, spotName=spot, density=density, knockout=knockout, alpha=alpha)
    raise ValueError(f"not a recorded value: {value!r}")


class _PathRecorder:
    """Stands for the path object `canvas.beginPath()` returns, recording its calls."""

    def __init__(self, calls: list[list[Any]], number: int) -> None:
        self._calls = calls
        self.number = number

    def __getattr__(self, name: str) -> Any:
        if name not in PATH_CALLS:
            raise NotRecordableError(f"cannot record the path call {name}")

        def call(*args: Any, **kwargs: Any) -> None:
            self._calls.append([self.number, name, _encode(args), _encode_kwargs(kwargs)])

        return call


def _encode_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {key: _encode(value) for key, value in sorted(kwargs.items())}


class CanvasRecorder:
    """Stands for the canvas while ReportLab's renderer draws a drawing: records, draws nothing.

    The renderer reads the current font (`_fontname`, `_fontsize`), so the recorder keeps
    it as the canvas does, saved and restored with the graphics state.
    """

    def __init__(self, fontname: str, fontsize: float) -> None:
        self.calls: list[list[Any]] = []
        self._fontname = fontname
        self._fontsize = fontsize
        self._saved: list[tuple[str, float]] = []
        self._paths = 0

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SET_ATTRIBUTES:
            self.calls.append(["c", "=" + name, _encode((value,)), {}])
            return
        super().__setattr__(name, value)

    def __getattr__(self, name: str) -> Any:  # only for names not set in __init__
        if name not in CANVAS_CALLS:
            raise NotRecordableError(f"cannot record the canvas call {name}")

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(["c", name, _encode(args), _encode_kwargs(kwargs)])
            if name == "saveState":
                self._saved.append((self._fontname, self._fontsize))
            elif name == "restoreState":
                self._fontname, self._fontsize = self._saved.pop()
            elif name == "setFont":
                self._fontname, self._fontsize = args[0], args[1]
            elif name == "beginPath":
                self._paths += 1
                return _PathRecorder(self.calls, self._paths - 1)
            return None

        return call


# A call ready to replay: target ("c" or a path's index), name, arguments, keywords, and
# whether any argument is a path to resolve.
Call = tuple[Any, str, tuple[Any, ...], dict[str, Any], bool]


def replay(calls: list[Call], canvas: Any) -> None:
    """Make the decoded calls on `canvas`, in order."""
    paths: list[Any] = []
    for target, name, args, kwargs, refers in calls:
        if refers:
            args = tuple(paths[a.index] if type(a) is _PathRef else a for a in args)
            kwargs = {k: paths[v.index] if type(v) is _PathRef else v for k, v in kwargs.items()}
        if name[0] == "=":
            setattr(canvas, name[1:], *args)
            continue
        result = getattr(canvas if target == "c" else paths[target], name)(*args, **kwargs)
        if name == "beginPath":
            paths.append(result)


def decode_calls(calls: Any) -> list[Call]:
    """The recorded calls ready to replay, or ValueError if any is not one this module makes.

    Every call and value is checked (known names, colours, paths already begun) before a
    single one reaches a canvas, so an unusable file never draws half a picture.
    """
    if not isinstance(calls, list):
        raise ValueError("not a list of calls")
    decoded: list[Call] = []
    paths = 0
    for call in calls:
        if not (isinstance(call, list) and len(call) == 4):
            raise ValueError(f"not a call: {call!r}")
        target, name, args, kwargs = call
        if target == "c":
            known = name in CANVAS_CALLS or (name[:1] == "=" and name[1:] in _SET_ATTRIBUTES)
        else:
            known = type(target) is int and 0 <= target < paths and name in PATH_CALLS
        if not (known and isinstance(kwargs, dict) and isinstance(args, dict)):
            raise ValueError(f"not a call: {call!r}")
        if list(args) != ["tuple"] or not isinstance(args["tuple"], list):
            raise ValueError(f"not a call: {call!r}")
        raw = args["tuple"]
        if _PLAIN.issuperset(map(type, raw)):  # most calls: numbers only, checked at C speed
            values: tuple[Any, ...] = tuple(raw)
            refers = False
        else:
            values = tuple(_decode(v, paths, top=True) for v in raw)
            refers = any(type(v) is _PathRef for v in values)
        named = {str(k): _decode(v, paths, top=True) for k, v in kwargs.items()} if kwargs else {}
        refers = refers or any(type(v) is _PathRef for v in named.values())
        decoded.append((target, name, values, named, refers))
        paths += name == "beginPath"
    return decoded


def cache_folder() -> Path:
    """The user's cache folder for outreach: `$OUTREACH_CACHE_DIR`, else the XDG one."""
    chosen = os.environ.get("OUTREACH_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "outreach"


@cache
def _svglib_digest() -> str:
    """The source of svglib, hashed without importing it (its import is what the cache saves)."""
    spec = importlib.util.find_spec("svglib")
    digest = hashlib.sha256()
    if spec is not None and spec.submodule_search_locations:
        for path in sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(svg: bytes, decided: str, fontname: str, fontsize: float) -> str:
    """The SHA-256 of everything that decides the calls a drawing makes."""
    parts = [
        FORMAT,
        hashlib.sha256(svg).hexdigest(),
        decided,
        fontname,
        fontsize,
        reportlab.Version,
        _svglib_digest(),
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _entry_path(key: str) -> Path:
    return cache_folder() / "svg" / f"{key}.json.z"


def load(key: str) -> tuple[float, float, list[Call]] | None:
    """The drawing's size and calls kept under `key`, or None (a miss, or an unusable file)."""
    try:
        entry = json.loads(zlib.decompress(_entry_path(key).read_bytes()))
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        width, height = entry["size"]
        if not all(type(v) in (int, float) for v in (width, height)):
            return None
        return width, height, decode_calls(entry["calls"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, zlib.error):
        return None


def store(key: str, width: float, height: float, calls: list[list[Any]]) -> None:
    """Keep a drawing's calls under `key`; a cache that cannot be written is skipped."""
    entry = {"key": key, "size": [width, height], "calls": calls}
    data = zlib.compress(json.dumps(entry, separators=(",", ":"), allow_nan=False).encode(), 6)
    try:
        atomic_write(_entry_path(key), data)
    except (OSError, ValueError):
        return
