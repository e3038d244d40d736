#!/usr/bin/env python3
"""Rebuild the fonts bundled in ``outreach/fonts/files/`` from pinned PyPI wheels.

Why this script exists:

* ReportLab's ``TTFont`` rejects CFF-flavoured OpenType, so every bundled font must
  have TrueType (``glyf``) outlines. The only such Noto sources on PyPI are
  *variable* fonts, and ReportLab draws only their default instance. For the
  Noto Sans CJK variable fonts that default is Thin (wght 100), so each family is
  instanced to static Regular (400) and Bold (700) files here.
* ``updateFontNames=True`` gives every instance its own PostScript name (for
  example ``NotoSansSC-Regular`` / ``NotoSansSC-Bold``). ReportLab's
  ``registerFont`` silently aliases two files that share a PostScript name, so
  unique names are a correctness requirement, not cosmetics.
* The CJK fonts are subset to standard national character sets (GB2312, Big5,
  cp932, KS X 1001 + all Hangul) to keep the package around 30 MB instead of 62 MB.
* Every input is pinned by full sha256 and every output is saved without a new
  timestamp, so running the script twice (with the same fontTools version)
  produces byte-identical files that can be checked into the repository.

Usage::

    python tools/build_fonts.py                    # pip download into a cache dir
    python tools/build_fonts.py --wheels DIR       # use wheels already downloaded

The build needs ``fonttools`` (a build-time dependency only) and takes a few
minutes; it runs one worker process per CPU core.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "outreach" / "fonts" / "files"
DEFAULT_CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "outreach" / "font-wheels"
)

WEIGHTS: dict[str, int] = {"Regular": 400, "Bold": 700}


@dataclass(frozen=True)
class Wheel:
    """A pinned source wheel; the full sha256 guards against a changed upload."""

    project: str
    version: str
    filename: str
    sha256: str


@dataclass(frozen=True)
class FontSource:
    """One variable font inside a wheel and how to turn it into static files."""

    family: str  # output file stem, e.g. "NotoSansSC"
    display_family: str  # human-readable family name for FONTS.md
    wheel: Wheel
    member: str  # path of the variable font inside the wheel
    sha256: str  # full sha256 of that variable font
    charset: str | None  # key into CHARSETS, or None to keep the whole font
    licence_file: str  # licence text shipped next to the output


NOTO_SANS = Wheel(
    "fontpkg-noto-sans",
    "2.15",
    "fontpkg_noto_sans-2.15-py3-none-any.whl",
    "54016cb4dfbfdd8f0cae3d71a9401a73e786a473debd12f1d79067e349c9a4a3",
)
NOTO_ARABIC = Wheel(
    "fontpkg-noto-sans-arabic",
    "2.12",
    "fontpkg_noto_sans_arabic-2.12-py3-none-any.whl",
    "eeca37a7ad6854bf1b6aa42bbce1908a6a6dcd2252ed56d021c20b613f6d16fc",
)
NOTO_DEVANAGARI = Wheel(
    "fontpkg-noto-sans-devanagari",
    "2.7",
    "fontpkg_noto_sans_devanagari-2.7-py3-none-any.whl",
    "3f8859d4905238a95daecf45c508dff148936e5aa60bd2e30a89333041a64adf",
)
NOTO_KHMER = Wheel(
    "fontpkg-noto-sans-khmer",
    "2.4",
    "fontpkg_noto_sans_khmer-2.4-py3-none-any.whl",
    "81a3cc037bf40050429a85d79ef7d0e9efe299e1742b391a4a4fe84fdd78f6dd",
)
# The only glyf Noto Sans Gurmukhi found on PyPI (the fontpkg family has none).
MANIMGX = Wheel(
    "manimgx-fonts",
    "2026.9.26.post1",
    "manimgx_fonts-2026.9.26.post1-py3-none-any.whl",
    "e5e21178263ddec3eef9414d2b52a1c90ac01062d3e9067460f3359f854c3e17",
)
# Google Fonts' Noto Sans SC/TC/JP/KR glyf variable fonts. The wheel metadata says
# MIT, but each font directory carries OFL.txt: the fonts are OFL-1.1.
CJK = Wheel(
    "justmytype-intl-cjk",
    "0.1.0",
    "justmytype_intl_cjk-0.1.0-py3-none-any.whl",
    "06d9665542bfcad373716bb80583aa2d9bb2086a054fe11f706b9bd41e03f256",
)
WHEELS: tuple[Wheel, ...] = (
    NOTO_SANS,
    NOTO_ARABIC,
    NOTO_DEVANAGARI,
    NOTO_KHMER,
    MANIMGX,
    CJK,
)

NOTO_OFL = "OFL.txt"
CJK_OFL = "OFL-CJK.txt"
_CJK_DIR = "justmytype_intl_cjk/fonts/ofl"

SOURCES: tuple[FontSource, ...] = (
    FontSource(
        "NotoSans",
        "Noto Sans",
        NOTO_SANS,
        "fontpkg_noto_sans/files/NotoSans[wdth,wght].ttf",
        "bfb7bb691513f12e734dc346c03a03f784912432d7e3fa8e56efcf906fe86b3d",
        None,
        NOTO_OFL,
    ),
    FontSource(
        "NotoSansArabic",
        "Noto Sans Arabic",
        NOTO_ARABIC,
        "fontpkg_noto_sans_arabic/files/NotoSansArabic[wdth,wght].ttf",
        "63111b5b2e074dd48cc67692e0a2726d86ee94c1c37fe8598257b7b4e87e869e",
        None,
        NOTO_OFL,
    ),
    FontSource(
        "NotoSansDevanagari",
        "Noto Sans Devanagari",
        NOTO_DEVANAGARI,
        "fontpkg_noto_sans_devanagari/files/NotoSansDevanagari[wdth,wght].ttf",
        "14ec4af41f27482216d1c2229f417ff9b1425e1babb014e57d1d40d03229853e",
        None,
        NOTO_OFL,
    ),
    FontSource(
        "NotoSansGurmukhi",
        "Noto Sans Gurmukhi",
        MANIMGX,
        "manimgx_fonts/NotoSansGurmukhi[wght].ttf",
        "8a3096ee2166f6383501e2df7b368fce88cfa4068c8d75bcb6af07da353a00ea",
        None,
        NOTO_OFL,
    ),
    FontSource(
        "NotoSansKhmer",
        "Noto Sans Khmer",
        NOTO_KHMER,
        "fontpkg_noto_sans_khmer/files/NotoSansKhmer[wdth,wght].ttf",
        "f37a8431a0c5d5ed2f81a767417546aca576a81fb7eff9c924d46aecf828f2ca",
        None,
        NOTO_OFL,
    ),
    FontSource(
        "NotoSansSC",
        "Noto Sans SC",
        CJK,
        f"{_CJK_DIR}/notosanssc/NotoSansSC[wght].ttf",
        "a3041811a78c361b1de50f953c805e0244951c21c5bd412f7232ef0d899af0da",
        "gb2312",
        CJK_OFL,
    ),
    FontSource(
        "NotoSansTC",
        "Noto Sans TC",
        CJK,
        f"{_CJK_DIR}/notosanstc/NotoSansTC[wght].ttf",
        "864727d210d54f2537bbe23b3a839436c3992af72de9322af5270897246bd44f",
        "big5",
        CJK_OFL,
    ),
    FontSource(
        "NotoSansJP",
        "Noto Sans JP",
        CJK,
        f"{_CJK_DIR}/notosansjp/NotoSansJP[wght].ttf",
        "c2f3b4d463500a2ddcd3849cded1fceeb9fd6d1c32e6cbecd568453ba50fc68f",
        "cp932",
        CJK_OFL,
    ),
    FontSource(
        "NotoSansKR",
        "Noto Sans KR",
        CJK,
        f"{_CJK_DIR}/notosanskr/NotoSansKR[wght].ttf",
        "194018e6b2b293a7964f037b25c0249ce1418bc9ab3c971060a03aa57861e252",
        "ksx1001",
        CJK_OFL,
    ),
)

# Licence sources. All fontpkg LICENSE files share one OFL body and differ only in
# their first (copyright) line; the CJK OFL.txt files are identical to each other.
NOTO_LICENCE_MEMBERS: tuple[tuple[Wheel, str], ...] = (
    (NOTO_SANS, "fontpkg_noto_sans/LICENSE"),
    (NOTO_ARABIC, "fontpkg_noto_sans_arabic/LICENSE"),
    (NOTO_DEVANAGARI, "fontpkg_noto_sans_devanagari/LICENSE"),
    (NOTO_KHMER, "fontpkg_noto_sans_khmer/LICENSE"),
)
CJK_LICENCE_MEMBERS: tuple[str, ...] = tuple(
    f"{_CJK_DIR}/{d}/OFL.txt" for d in ("notosanssc", "notosanstc", "notosansjp", "notosanskr")
)


# --------------------------------------------------------------------------
# Character sets for the CJK subsets
# --------------------------------------------------------------------------

# Kept in every CJK subset so Latin text, punctuation, kana and full-width forms
# inside CJK runs never fall back to another font mid-word.
COMMON_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x30FF),  # CJK Symbols and Punctuation, Hiragana, Katakana
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)
HANGUL_SYLLABLES = (0xAC00, 0xD7A3)  # all 11,172 modern syllables
KSX1001_HANJA_LEAD_BYTES = range(0xCA, 0xFE)  # EUC-KR rows 42-93 hold the Hanja

CHARSET_DESCRIPTIONS: dict[str, str] = {
    "gb2312": "GB2312",
    "big5": "Big5 (cp950)",
    "cp932": "cp932 (JIS X 0208 + NEC/IBM extensions)",
    "ksx1001": "KS X 1001 without Hanja + all 11,172 Hangul syllables",
}
COMMON_DESCRIPTION = (
    "ASCII, U+00A0-024F, U+2000-206F, U+3000-30FF, U+FF00-FFEF; OpenType layout features kept"
)


def _double_byte_chars(
    codec: str,
    leads: Iterable[int],
    trails: Iterable[int],
) -> set[int]:
    """Return every code point that *codec* decodes from one lead+trail byte pair."""
    trail_list = list(trails)
    chars: set[int] = set()
    for lead in leads:
        for trail in trail_list:
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                chars.add(ord(text))
    return chars


def _gb2312() -> set[int]:
    return _double_byte_chars("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))


def _big5() -> set[int]:
    return _double_byte_chars("cp950", range(0x81, 0xFF), range(0x40, 0xFF))


def _cp932() -> set[int]:
    double = _double_byte_chars("cp932", range(0x81, 0xFD), range(0x40, 0xFD))
    # Half-width katakana are single bytes 0xA1-0xDF in cp932.
    single = {ord(bytes((b,)).decode("cp932")) for b in range(0xA1, 0xE0)}
    return double | single


def _ksx1001() -> set[int]:
    leads = [b for b in range(0xA1, 0xFF) if b not in KSX1001_HANJA_LEAD_BYTES]
    chars = _double_byte_chars("euc_kr", leads, range(0xA1, 0xFF))
    chars.update(range(HANGUL_SYLLABLES[0], HANGUL_SYLLABLES[1] + 1))
    return chars


CHARSETS: dict[str, Callable[[], set[int]]] = {
    "gb2312": _gb2312,
    "big5": _big5,
    "cp932": _cp932,
    "ksx1001": _ksx1001,
}


def subset_unicodes(charset: str) -> set[int]:
    """Return the code points to keep for *charset*, including the common ranges."""
    chars = CHARSETS[charset]()
    for first, last in COMMON_RANGES:
        chars.update(range(first, last + 1))
    return chars


# --------------------------------------------------------------------------
# Wheels: download and verification
# --------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download_wheels(cache: Path) -> None:
    """Fetch missing or mismatching wheels with ``pip download --no-deps``.

    pip is given the pinned hashes as well (``--require-hashes``), so a tampered
    or re-uploaded file is rejected before it is even written to the cache.
    """
    cache.mkdir(parents=True, exist_ok=True)
    missing = [
        w
        for w in WHEELS
        if not (cache / w.filename).is_file() or sha256_file(cache / w.filename) != w.sha256
    ]
    if not missing:
        return
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        requirements.write_text(
            "".join(f"{w.project}=={w.version} --hash=sha256:{w.sha256}\n" for w in missing),
            encoding="utf-8",
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--require-hashes",
                "--dest",
                str(cache),
                "--requirement",
                str(requirements),
            ],
            check=True,
        )


def verify_wheels(directory: Path) -> dict[Wheel, Path]:
    """Check every pinned wheel in *directory* against its full sha256."""
    paths: dict[Wheel, Path] = {}
    problems: list[str] = []
    for wheel in WHEELS:
        path = directory / wheel.filename
        if not path.is_file():
            problems.append(f"missing {path}")
            continue
        actual = sha256_file(path)
        if actual != wheel.sha256:
            problems.append(f"{path}: sha256 {actual}, expected {wheel.sha256}")
            continue
        paths[wheel] = path
    if problems:
        raise SystemExit("wheel verification failed:\n  " + "\n  ".join(problems))
    return paths


def read_member(wheel_path: Path, member: str) -> bytes:
    """Return the bytes of one file inside a wheel (a zip archive)."""
    with zipfile.ZipFile(wheel_path) as archive:
        return archive.read(member)


# --------------------------------------------------------------------------
# Font building (runs in worker processes)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One output file: a source font instanced at one weight."""

    source: FontSource
    style: str
    wheel_path: Path
    out_dir: Path

    @property
    def filename(self) -> str:
        """Return the output file name, e.g. ``NotoSansSC-Bold.ttf``."""
        return f"{self.source.family}-{self.style}.ttf"


@dataclass(frozen=True)
class Result:
    """What a worker reports back for FONTS.md and the summary."""

    filename: str
    postscript_name: str
    size: int
    sha256: str
    seconds: float


def build_one(job: Job) -> Result:
    """Instance (and for CJK, subset) one font and write it atomically.

    Module-level so it can be pickled into a worker process.
    """
    started = time.monotonic()
    data = read_member(job.wheel_path, job.source.member)
    actual = hashlib.sha256(data).hexdigest()
    if actual != job.source.sha256:
        raise RuntimeError(f"{job.source.member}: sha256 {actual}, expected {job.source.sha256}")
    # recalcTimestamp=False keeps head.modified from the source, so the output
    # bytes do not depend on when the build ran.
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    location: dict[str, float] = {"wght": WEIGHTS[job.style]}
    if "wdth" in {axis.axisTag for axis in font["fvar"].axes}:
        location["wdth"] = 100
    static = instancer.instantiateVariableFont(font, location, updateFontNames=True)
    static.recalcTimestamp = False

    if job.source.charset is not None:
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        wanted = subset_unicodes(job.source.charset)
        subsetter.populate(unicodes=sorted(wanted & set(static.getBestCmap())))
        subsetter.subset(static)

    buffer = io.BytesIO()
    static.save(buffer)
    payload = buffer.getvalue()
    target = job.out_dir / job.filename
    temporary = target.with_suffix(".ttf.tmp")
    temporary.write_bytes(payload)
    temporary.replace(target)
    return Result(
        filename=job.filename,
        postscript_name=str(static["name"].getDebugName(6)),
        size=len(payload),
        sha256=hashlib.sha256(payload).hexdigest(),
        seconds=time.monotonic() - started,
    )


# --------------------------------------------------------------------------
# Licences and FONTS.md
# --------------------------------------------------------------------------


def _split_copyright(text: str) -> tuple[str, str]:
    """Split a fontpkg LICENSE into its copyright line and the OFL body."""
    first, _, rest = text.partition("\n")
    return first.strip(), rest


def write_licences(wheels: dict[Wheel, Path], out_dir: Path) -> None:
    """Write OFL.txt (Noto Project fonts) and OFL-CJK.txt (Adobe / Noto CJK).

    The Noto licence combines the copyright lines of every non-CJK source with
    their shared OFL body. The Gurmukhi wheel's LICENSE is a multi-font summary,
    so its copyright line is taken from the font's own name table (nameID 0).
    """
    copyrights: list[str] = []
    bodies: set[str] = set()
    for wheel, member in NOTO_LICENCE_MEMBERS:
        line, body = _split_copyright(read_member(wheels[wheel], member).decode())
        copyrights.append(line)
        bodies.add(body)
    if len(bodies) != 1:
        raise RuntimeError("the fontpkg LICENSE files no longer share one OFL body")
    gurmukhi = next(s for s in SOURCES if s.family == "NotoSansGurmukhi")
    font = TTFont(io.BytesIO(read_member(wheels[MANIMGX], gurmukhi.member)))
    copyrights.append(str(font["name"].getDebugName(0)).strip())
    noto_text = "\n".join(copyrights) + "\n" + bodies.pop()
    (out_dir / NOTO_OFL).write_text(noto_text, encoding="utf-8")

    cjk_texts = {read_member(wheels[CJK], m) for m in CJK_LICENCE_MEMBERS}
    if len(cjk_texts) != 1:
        raise RuntimeError("the CJK OFL.txt files are no longer identical")
    (out_dir / CJK_OFL).write_bytes(cjk_texts.pop())


def write_fonts_md(results: dict[str, Result], out_dir: Path) -> None:
    """Write FONTS.md: provenance, licence and subset of every bundled file.

    Nothing time-dependent goes in, so the file is as reproducible as the fonts.
    """
    lines = [
        "# Bundled fonts",
        "",
        "Generated by `tools/build_fonts.py`; do not edit by hand. Every file is a",
        "static TrueType (glyf) instance of a Noto variable font, made with",
        "`fontTools.varLib.instancer` (wght 400 = Regular, 700 = Bold; wdth 100",
        "where the font has that axis). The CJK files are additionally subset with",
        "`fontTools.subset` to the character set listed. All fonts are licensed",
        "under the SIL Open Font License 1.1; the texts are in",
        f"[`{NOTO_OFL}`]({NOTO_OFL}) (Noto Project Authors) and",
        f"[`{CJK_OFL}`]({CJK_OFL}) (Adobe, Reserved Font Name 'Source').",
        "",
        f"Built with fontTools {fontTools.version}. A different fontTools version",
        "may produce different (but equivalent) bytes.",
        "",
        "| File | Family | Weight | PostScript name | Size (bytes) | sha256 | "
        "Source wheel | Licence | Subset |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for source in SOURCES:
        if source.charset is None:
            subset_text = "none (whole font)"
        else:
            subset_text = f"{CHARSET_DESCRIPTIONS[source.charset]}; {COMMON_DESCRIPTION}"
        for style, weight in WEIGHTS.items():
            result = results[f"{source.family}-{style}.ttf"]
            wheel = source.wheel
            lines.append(
                f"| `{result.filename}` | {source.display_family} | "
                f"{style} ({weight}) | `{result.postscript_name}` | "
                f"{result.size} | `{result.sha256}` | "
                f"`{wheel.project}` {wheel.version} (`{wheel.filename}`, "
                f"sha256 `{wheel.sha256}`), member `{source.member}` | "
                f"OFL-1.1 ([`{source.licence_file}`]({source.licence_file})) | "
                f"{subset_text} |"
            )
    lines += [
        "",
        "Notes:",
        "",
        "* The `justmytype-intl-cjk` wheel metadata says MIT, but the fonts inside",
        f"  ship with OFL.txt and are OFL-1.1 (copied here as `{CJK_OFL}`). The only",
        "  Reserved Font Name is 'Source', so the subset files may keep the Noto",
        "  names.",
        "* PostScript names are unique across the set; ReportLab's `registerFont`",
        "  silently aliases two files that share one.",
        "",
    ]
    (out_dir / "FONTS.md").write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--wheels",
        type=Path,
        help="directory that already holds the pinned wheels (skips pip download)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help=f"download directory for the wheels (default: {DEFAULT_CACHE})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"output directory (default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: number of CPUs)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Download/verify the wheels, build all fonts in parallel, write metadata."""
    args = parse_args(argv)
    started = time.monotonic()
    wheel_dir: Path = args.wheels if args.wheels is not None else args.cache
    if args.wheels is None:
        download_wheels(wheel_dir)
    wheels = verify_wheels(wheel_dir)
    out_dir: Path = args.out
    out_dir.mkdir(parents=True, exist_ok=True)

    jobs = [
        Job(source, style, wheels[source.wheel], out_dir) for source in SOURCES for style in WEIGHTS
    ]
    # Largest sources first, so the long CJK jobs do not end up last on one core.
    sizes: dict[str, int] = {}
    for source in SOURCES:
        with zipfile.ZipFile(wheels[source.wheel]) as archive:
            sizes[source.member] = archive.getinfo(source.member).file_size
    jobs.sort(key=lambda job: sizes[job.source.member], reverse=True)

    results: dict[str, Result] = {}
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for result in pool.map(build_one, jobs):
            results[result.filename] = result
            print(
                f"{result.filename:28} {result.size:>10,} B  "
                f"{result.postscript_name:24} {result.seconds:6.1f} s",
                flush=True,
            )

    names = [r.postscript_name for r in results.values()]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SystemExit(f"duplicate PostScript names: {', '.join(duplicates)}")

    write_licences(wheels, out_dir)
    write_fonts_md(results, out_dir)
    total = sum(r.size for r in results.values())
    print(f"{len(results)} fonts, {total:,} bytes, {time.monotonic() - started:.1f} s -> {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
