"""An SVG drawn from its recorded canvas calls (issue 14): the same bytes, without svglib.

`render/svg_ops.py` keeps the calls ReportLab's drawing renderer makes for an SVG in the
user's cache, keyed by the SVG's bytes and everything else that decides them. These tests
build real posters and compare the PDFs byte for byte: drawn through svglib, recorded and
replayed, replayed from the cache, from a damaged cache, and with no cache at all.
"""

from __future__ import annotations

import io
import json
import zlib
from pathlib import Path

import pikepdf
import pytest

from outreach import build_material
from outreach.render import svg_ops
from tests.conftest import PACK, copy_project


def _poster(profile: str = "office", project: Path | None = None) -> bytes:
    built = build_material(
        "poster", size="letter", profile=profile, project_dir=project, check=False
    )
    assert isinstance(built.pdf, bytes)
    return built.pdf


def _operators(pdf_bytes: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return [str(i.operator) for i in pikepdf.parse_content_stream(pdf.pages[0])]


def _colours(pdf_bytes: bytes) -> set[tuple[float, ...]]:
    """Every RGB fill colour the first page sets (`r g b rg`)."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return {
            tuple(float(v) for v in i.operands)
            for i in pikepdf.parse_content_stream(pdf.pages[0])
            if str(i.operator) == "rg"
        }


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "svg").glob("*.json.z"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("OUTREACH_CACHE_DIR", str(folder))
    return folder


def _direct(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ignore the cache and make every recording fail: svglib draws straight onto the canvas."""

    def refuse(*_: object) -> None:
        raise svg_ops.NotRecordableError("test")

    monkeypatch.setattr(svg_ops, "load", lambda _: None)
    monkeypatch.setattr(svg_ops.CanvasRecorder, "__getattr__", refuse)


@pytest.mark.parametrize("profile", ["office", "press"])
def test_replayed_calls_write_the_bytes_svglib_writes(
    cache: Path, monkeypatch: pytest.MonkeyPatch, profile: str
) -> None:
    recorded = _poster(profile)  # recorded, stored and replayed
    assert len(_entries(cache)) == 2  # the wordmark and the emergency box's icon
    replayed = _poster(profile)  # read back from the cache
    with monkeypatch.context() as patch:
        _direct(patch)
        direct = _poster(profile)
    assert recorded == replayed == direct
    assert _operators(direct).count("c") > 100  # the wordmark's outlines, as curves


def test_an_svg_that_cannot_be_recorded_is_drawn_directly_and_not_kept(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _direct(monkeypatch)
    _poster()
    assert _entries(cache) == []


def test_a_changed_svg_is_recorded_again(cache: Path, tmp_path: Path) -> None:
    first = _poster()
    project = copy_project(tmp_path / "project")
    svg = project / "content" / PACK / "images" / "wordmark.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace("#e9c46a", "#ff0000"), encoding="utf-8")
    changed = _poster(project=project)
    assert len(_entries(cache)) == 3  # the icon's entry is shared
    assert changed != first
    assert (1.0, 0.0, 0.0) in _colours(changed)
    assert (1.0, 0.0, 0.0) not in _colours(first)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"RAW:not zlib",
        b"{not json",
        b'{"key": "another", "size": [1, 1], "calls": []}',
        b'KEYED_CALLS:[["c", "drawInlineImage", {"tuple": []}, {}]]',
        b'KEYED_CALLS:[[0, "moveTo", {"tuple": [1, 2]}, {}]]',
        b'KEYED_CALLS:[["c", "setFillColor", {"tuple": [{"rgb": ["red", 0, 0, 1]}]}, {}]]',
        b'KEYED_CALLS:[["c", "=__class__", {"tuple": [1]}, {}]]',
    ],
)
def test_a_damaged_cache_file_is_a_miss(cache: Path, damage: bytes) -> None:
    good = _poster()
    entries = _entries(cache)
    assert len(entries) == 2  # the wordmark and the icon: both damaged alike
    keys = []
    for entry in entries:
        key = entry.name.removesuffix(".json.z")
        written = damage
        if written.startswith(b"KEYED_CALLS:"):
            calls = json.loads(written.removeprefix(b"KEYED_CALLS:"))
            written = json.dumps({"key": key, "size": [363, 92], "calls": calls}).encode()
        if written.startswith(b"RAW:"):
            written = written.removeprefix(b"RAW:")  # not even zlib
        elif written:
            written = zlib.compress(written)
        entry.write_bytes(written)
        assert svg_ops.load(key) is None
        keys.append(key)
    assert _poster() == good
    assert all(svg_ops.load(key) is not None for key in keys)  # recorded again, whole


def test_an_unwritable_cache_folder_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_bytes(b"")
    monkeypatch.setenv("OUTREACH_CACHE_DIR", str(blocked))
    with monkeypatch.context() as patch:
        _direct(patch)
        direct = _poster()
    assert _poster() == direct


def test_the_key_names_everything_that_decides_the_calls() -> None:
    base = svg_ops.cache_key(b"<svg/>", "(None, None, ())", "NotoSans", 12)
    assert base == svg_ops.cache_key(b"<svg/>", "(None, None, ())", "NotoSans", 12)
    others = {
        svg_ops.cache_key(b"<svg />", "(None, None, ())", "NotoSans", 12),
        svg_ops.cache_key(b"<svg/>", "(None, 'x.icc', ())", "NotoSans", 12),
        svg_ops.cache_key(b"<svg/>", "(None, None, ())", "NotoSans-Bold", 12),
        svg_ops.cache_key(b"<svg/>", "(None, None, ())", "NotoSans", 12.5),
    }
    assert base not in others
    assert len(others) == 4
