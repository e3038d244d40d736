"""Hostile inputs too big or too odd for a find/replace: each is refused quickly and located.

Issue 21: billion-laughs aliases, deep nesting, huge files and entries, truncated fonts and
bytes that are not UTF-8 must each give a diagnostic (exit 1, nothing written) within 10 s
and well under 500 MB, never a traceback. Each build runs in its own process, so that its
peak memory can be measured and a regression cannot take the test run down with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from outreach.content.catalogs import update_catalog
from outreach.content.pack import load_pack
from outreach.content.sites import load_sites
from outreach.core.diagnostics import BuildError, Diagnostics
from outreach.fonts import FONT_DIR
from tests.conftest import PACK, ROOT, copy_project, job_kit, write_kit

MAX_SECONDS = 10.0
MAX_MEGABYTES = 500
# Run one build under an address-space cap (so a regression fails fast instead of swapping)
# and report its exit status, wall time and peak resident memory.
_RUNNER = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
sys.path.insert(0, sys.argv[1])
from outreach import cli
start = time.monotonic()
status = cli.main(sys.argv[2:])
elapsed = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"status": status, "seconds": elapsed, "megabytes": peak}))
"""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a build in a child process did."""

    status: int | None
    seconds: float
    megabytes: float
    err: str


def _build(project: Path, kit: Path) -> Outcome:
    out = project / "out"
    argv = ["build", str(kit), "--out", str(out), "--diagnostic-format", "short", "--jobs", "1"]
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUNNER, str(ROOT), *argv],
            capture_output=True,
            text=True,
            timeout=3 * MAX_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Outcome(None, 3 * MAX_SECONDS, 0.0, "timed out")
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return Outcome(None, 0.0, 0.0, done.stderr[-3000:])
    report = json.loads(lines[-1])
    assert not out.exists(), "a refused build wrote files"
    return Outcome(report["status"], report["seconds"], report["megabytes"], done.stderr)


def _pack(project: Path) -> Path:
    return project / "content" / PACK


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\n" + text)


def _laughs(key: str) -> str:
    """The billion-laughs document: nine levels of ten aliases, 10**9 strings if expanded."""
    lines = [f"{key}:", '  - &l0 "lol"']
    for level in range(1, 10):
        aliases = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"  - &l{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def _laughs_in_content(project: Path) -> None:
    _append(_pack(project) / "content.yaml", _laughs("laughs"))


def _laughs_in_layout(project: Path) -> None:
    _append(project / "layouts" / "poster.yaml", _laughs("notes_laughs"))


def _laughs_in_sites(project: Path) -> None:
    (project / "kits" / "sites.yaml").write_text(
        _laughs("laughs").replace("laughs:", "sites:", 1), encoding="utf-8"
    )


def _deep_nesting(project: Path) -> None:
    _append(_pack(project) / "content.yaml", "deep: " + "[" * 500 + "]" * 500 + "\n")


def _many_values(project: Path) -> None:
    """A flat list of 2.4 million numbers, just under the size limit."""
    _append(_pack(project) / "content.yaml", "many: [" + "0," * 2_400_000 + "0]\n")


def _long_text(project: Path) -> None:
    """A 4.5 MB headline: 21 s and 750 MB of paragraph setting before it was refused."""
    path = _pack(project) / "content.yaml"
    _replace_in(path, 'headline: "Are you', 'headline: "' + "word " * 900_000 + "Are you")


def _big_yaml(project: Path) -> None:
    _append(_pack(project) / "content.yaml", "# " + "x" * (6 * 1024 * 1024) + "\n")


def _not_utf8_yaml(project: Path) -> None:
    path = _pack(project) / "content.yaml"
    text = path.read_bytes()
    # Latin-1 "é" on the third line, in the ninth column.
    lines = text.split(b"\n")
    lines[2] = lines[2][:8] + b"\xe9" + lines[2][8:]
    path.write_bytes(b"\n".join(lines))


def _replace_in(path: Path, find: str, replace: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert find in text, "the case no longer applies to the default project"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")


_DIGITS_5000 = "1" + "0" * 4999


def _huge_integer_statistic(project: Path) -> None:
    find = "global_victims: {value: 40.3,"
    _replace_in(_pack(project) / "pack.yaml", find, f"global_victims: {{value: {_DIGITS_5000},")


def _huge_integer_year(project: Path) -> None:
    _replace_in(_pack(project) / "pack.yaml", "    year: null", f"    year: {_DIGITS_5000}")


def _huge_page_length(project: Path) -> None:
    path = project / "layouts" / "poster.yaml"
    _replace_in(path, "letter: [8.5in, 11in]", f"letter: [{_DIGITS_5000}in, 11in]")


def _po_garbage_line(project: Path) -> None:
    path = _pack(project) / "locale" / "es.po"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(29, "this is not a PO line")
    path.write_text("\n".join(lines), encoding="utf-8")


def _po_huge_entry(project: Path) -> None:
    path = _pack(project) / "locale" / "es.po"
    text = path.read_text(encoding="utf-8")
    start = text.index('msgstr "', text.index("poster.headline"))
    huge = 'msgstr "' + "a" * 1_000_000 + '"\n"' + "a" * 1_000_000 + '"'
    path.write_text(text[:start] + huge + text[start + len('msgstr "') :], encoding="utf-8")


def _po_big_file(project: Path) -> None:
    _append(_pack(project) / "locale" / "es.po", "# " + "x" * (6 * 1024 * 1024) + "\n")


def _po_not_utf8(project: Path) -> None:
    path = _pack(project) / "locale" / "es.po"
    lines = path.read_bytes().split(b"\n")
    lines[29] = lines[29][:12] + b"\xe9" + lines[29][12:]  # Latin-1 in a translation
    path.write_bytes(b"\n".join(lines))


# The `fonts:` entry appended after the bundled pack.yaml's last line and a blank one.
_FONT_LINE = len((ROOT / "content" / PACK / "pack.yaml").read_text("utf-8").splitlines()) + 3


def _truncated_font(project: Path) -> None:
    fonts = _pack(project) / "fonts"
    fonts.mkdir()
    data = (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()
    (fonts / "Cut.ttf").write_bytes(data[:3000])
    _append(_pack(project) / "pack.yaml", "fonts:\n  en: fonts/Cut.ttf\n")


def _garbage_font(project: Path) -> None:
    fonts = _pack(project) / "fonts"
    fonts.mkdir()
    (fonts / "Junk.ttf").write_bytes(b"\x00\x01\x00\x00" + bytes(range(256)) * 40)
    _append(_pack(project) / "pack.yaml", "fonts:\n  en: fonts/Junk.ttf\n")


_SITE_HEADER = "id,name,quantity\n"


def _sites_many_rows(project: Path) -> None:
    rows = "".join(f"s{n},Site {n},1\n" for n in range(20_000))
    (project / "kits" / "sites.csv").write_text(_SITE_HEADER + rows + "bad,,x\n", "utf-8")


def _sites_million_rows(project: Path) -> None:
    rows = "".join(f"s{n},Site {n},1\n" for n in range(1_000_000))
    (project / "kits" / "sites.csv").write_text(_SITE_HEADER + rows + "bad,,x\n", "utf-8")


def _sites_not_utf8(project: Path) -> None:
    data = _SITE_HEADER.encode() + b"a,Alpha,1\nb,Caf\xe9 Beta,2\n"
    (project / "kits" / "sites.csv").write_bytes(data)


@dataclass(frozen=True, slots=True)
class Case:
    """A way to break a copy of the default project, and the diagnostic it must give."""

    id: str
    change: Callable[[Path], None]
    expect: str
    absent: str | None = None  # a code that must not appear (no cascade)
    kit: str = "poster"


_SPANISH = "poster-es"  # a poster job in Spanish, which reads `locale/es.po`
_CARDS = "cards"  # a wallet-card job that reads `kits/sites.csv` or `kits/sites.yaml`

CASES = [
    Case("billion-laughs-content", _laughs_in_content, "error[yaml.alias]"),
    Case("billion-laughs-layout", _laughs_in_layout, "error[yaml.alias]"),
    Case("billion-laughs-sites", _laughs_in_sites, "error[yaml.alias]", kit="cards-yaml"),
    Case("deep-nesting", _deep_nesting, "error[yaml.too-deep]"),
    Case("yaml-too-large", _big_yaml, "error[file.too-large]"),
    Case("yaml-long-text", _long_text, "content.yaml:107:13: error[yaml.too-long]"),
    Case("yaml-many-values", _many_values, "content.yaml:198:399528: error[yaml.too-large]"),
    Case("yaml-not-utf8", _not_utf8_yaml, "content.yaml:3:9: error[file.not-utf8]"),
    Case(
        "statistic-5000-digits",
        _huge_integer_statistic,
        "error[content.bad-value]: value inf of statistic `global_victims` is not a finite number",
    ),
    Case("year-5000-digits", _huge_integer_year, "error[content.bad-value]: year inf of source"),
    Case("page-5000-digits", _huge_page_length, "poster.yaml:6:12: error[layout.bad-length]"),
    Case(
        "po-garbage-line",
        _po_garbage_line,
        "es.po:30:1: error[i18n.syntax]",
        absent="i18n.missing",
        kit=_SPANISH,
    ),
    Case("po-huge-entry", _po_huge_entry, "es.po:293:1: error[i18n.too-long]", kit=_SPANISH),
    Case("po-too-large", _po_big_file, "error[file.too-large]", kit=_SPANISH),
    Case("po-not-utf8", _po_not_utf8, "es.po:30:13: error[file.not-utf8]", "error[i18n", _SPANISH),
    Case("truncated-font", _truncated_font, f"pack.yaml:{_FONT_LINE}:7: error[font.bad-file]"),
    Case("garbage-font", _garbage_font, f"pack.yaml:{_FONT_LINE}:7: error[font.bad-file]"),
    Case("sites-row-cap", _sites_many_rows, "sites.csv:10002: error[sites.too-many]", kit=_CARDS),
    Case("sites-million-rows", _sites_million_rows, "error[file.too-large]", kit=_CARDS),
    Case("sites-not-utf8", _sites_not_utf8, "sites.csv:3:6: error[file.not-utf8]", kit=_CARDS),
]


def _kit(project: Path, kind: str) -> Path:
    if kind.startswith("poster"):
        language = "es" if kind == _SPANISH else "en"
        return write_kit(
            project, job_kit(material="poster", sizes=["letter"], languages=[language])
        )
    sites = "sites.yaml" if kind == "cards-yaml" else "sites.csv"
    text = job_kit(material="wallet-card", sheets=["letter"], profiles=["office"], sites=sites)
    return write_kit(project, text)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_is_refused_quickly_and_located(case: Case, tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    kit = _kit(project, case.kit)
    case.change(project)
    outcome = _build(project, kit)
    assert outcome.status == 1, outcome.err
    assert "Traceback" not in outcome.err
    assert case.expect in outcome.err, outcome.err[-2000:]
    if case.absent:
        # A file that does not parse reports its syntax error only, not every entry.
        assert case.absent not in outcome.err, outcome.err[-2000:]
    assert outcome.seconds < MAX_SECONDS, outcome
    assert outcome.megabytes < MAX_MEGABYTES, outcome


@pytest.mark.parametrize("char", ["\u3164", "\u115f", "\uffa0", "\u034f", "\ufe0f", "\u17b4"])
def test_invisible_character_in_a_site_contact_is_located(char: str, tmp_path: Path) -> None:
    sites = tmp_path / "sites.csv"
    sites.write_text(
        f"{_SITE_HEADER.strip()},local_contact\na,Alpha,1,Alpha{char} (510) 555-0123\n",
        encoding="utf-8",
    )
    diags = Diagnostics()
    assert load_sites(sites, tmp_path, diags) is None
    (error,) = diags.errors
    assert error.short().startswith(
        f"sites.csv:2: error[sites.invisible-character]: `local_contact` contains the "
        f"invisible character U+{ord(char):04X}"
    )


def test_i18n_update_leaves_a_malformed_po_file_alone(tmp_path: Path) -> None:
    """Rewriting a PO file with a bad line would drop it; the line is reported instead."""
    project = copy_project(tmp_path)
    _po_garbage_line(project)
    po = _pack(project) / "locale" / "es.po"
    before = po.read_bytes()
    pack = load_pack(_pack(project), project, Diagnostics())
    assert pack is not None
    with pytest.raises(BuildError) as refused:
        update_catalog(pack, "es")
    (error,) = refused.value.diagnostics
    assert error.short().startswith(f"{po.as_posix()}:30:1: error[i18n.syntax]")
    assert po.read_bytes() == before
