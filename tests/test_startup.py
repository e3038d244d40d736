"""Pay only for the stages you use (issue 14): what a fresh interpreter loads, and when.

Each test starts a fresh Python and reads its `sys.modules`; nothing here is timed
(`benchmarks/bench_startup.py` measures the time, side by side with the ReportLab floor).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from outreach.render.xmp import escape, name_uuid
from tests.conftest import ROOT

HEAVY = {"numpy", "PIL", "babel", "pypdf", "pypdfium2", "zxingcpp", "pikepdf"}
PREFLIGHT_READERS = {"pypdf", "pypdfium2", "zxingcpp"}
FLOOR = "import reportlab.pdfgen.canvas, reportlab.pdfbase.ttfonts"
POSTER = "from outreach import build_material\nbuild_material('poster', size='letter', check=False)"


def _loaded(source: str) -> set[str]:
    """Every module a fresh interpreter has loaded after running `source`."""
    code = f"{source}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _packages(modules: set[str]) -> set[str]:
    return {name.split(".", 1)[0] for name in modules}


def test_import_outreach_loads_no_heavy_library() -> None:
    assert not _packages(_loaded("import outreach")) & HEAVY


def test_a_poster_without_the_preflight_loads_neither_its_readers_nor_numpy() -> None:
    loaded = _loaded(POSTER)
    assert not _packages(loaded) & (PREFLIGHT_READERS | {"numpy"})
    # ReportLab itself imports `PIL.Image` (reportlab.lib.utils), so every program that
    # writes a PDF with it loads that much of Pillow; a poster must load no more of it.
    floor = _loaded(FLOOR)
    pillow = {name for name in loaded if _packages({name}) == {"PIL"}}
    assert pillow <= floor, sorted(pillow - floor)


def test_the_preflight_loads_its_readers_when_a_pdf_is_checked() -> None:
    loaded = _loaded(POSTER.replace(", check=False", ""))
    assert PREFLIGHT_READERS - {"pypdf"} <= _packages(loaded)  # pypdf: press files only


def test_a_poster_whose_logo_was_drawn_before_loads_no_svg_library() -> None:
    # The first poster records the wordmark's canvas calls (render/svg_ops.py) in the cache
    # folder conftest.py sets; a fresh process after it replays them without svglib.
    _loaded(POSTER)
    loaded = _loaded(POSTER)
    assert not _packages(loaded) & {"svglib", "cssselect2", "tinycss2"}
    drawing = ("reportlab.graphics", "reportlab.platypus")
    assert not [name for name in loaded if name.startswith(drawing)]


@pytest.mark.parametrize(
    "text", ["", "plain", "a & b < c > d", "&amp; <x/> \"q\" 'q'", "نسخة & 中文"]
)
def test_the_xmp_escape_is_saxutils_escape(text: str) -> None:
    # render/xmp.py escapes for itself: xml.sax.saxutils imports urllib.request, ssl, email
    from xml.sax.saxutils import escape as saxutils_escape

    assert escape(text) == saxutils_escape(text)


@pytest.mark.parametrize(
    "key", ["", "poster-letter-en-office.pdf", "wallet-card/ü/中文", "x" * 300]
)
def test_the_xmp_document_id_is_uuid5(key: str) -> None:
    # render/xmp.py makes its version-5 UUIDs itself: `uuid` imports `platform` on Linux
    import uuid

    namespace = uuid.UUID("5f0c3d1e-2b7a-5d0e-9a41-6f7574726561")
    assert name_uuid(key) == str(uuid.uuid5(namespace, key))


def test_only_right_to_left_text_loads_the_bidi_algorithm() -> None:
    # text/bidi.py imports python-bidi when a paragraph has a right-to-left character
    assert "bidi" not in _packages(_loaded(POSTER))
    arabic = _loaded(POSTER.replace("size='letter'", "size='letter', language='ar'"))
    assert "bidi" in _packages(arabic)


def test_a_poster_loads_no_network_or_mail_library_nor_uniseg() -> None:
    # ReportLab itself loads `platform` and `urllib.parse`; a poster must load no more.
    beyond_floor = _loaded(POSTER) - _loaded(FLOOR)
    unwanted = {"urllib.request", "http.client", "ssl", "email", "uuid", "xml.sax.saxutils"}
    assert not beyond_floor & unwanted, sorted(beyond_floor & unwanted)
    assert "uniseg" not in _packages(beyond_floor)  # text/line_break.txt stands for it
