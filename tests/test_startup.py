"""Pay only for the stages you use (issue 14): what a fresh interpreter loads, and when.

Each test starts a fresh Python and reads its `sys.modules`; nothing here is timed
(`benchmarks/bench_startup.py` measures the time, side by side with the ReportLab floor).
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = {"numpy", "PIL", "babel", "pypdf", "pypdfium2", "zxingcpp"}
PREFLIGHT_READERS = {"pypdf", "pypdfium2", "zxingcpp"}
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
    floor = _loaded("import reportlab.pdfgen.canvas, reportlab.pdfbase.ttfonts")
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
