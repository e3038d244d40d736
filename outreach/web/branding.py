"""An organization's logo and brand colours from the form: an upload and colours in; YAML out.

Input: the uploaded logo's bytes (5 MB at most; PNG, JPEG or SVG judged by their content,
never by the name or type the browser sent), its alt text and licence, and up to three
brand colours (a palette name, `#rrggbb`, and CMYK percentages or none). Output: the logo's
file name in the pack (`images/logo.<ext>`), the YAML lines a person would write for
`organization.logo` and `brand.colors`, and the staged pack's pieces built as `outreach
build` builds them, so the library's own checks judge it: `content/images.py` refuses a
hostile SVG (`image.hostile`), and `checks/document.py` a colour whose text is too faint
(`check.contrast`, its hint naming the failing pair).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from outreach.core.diagnostics import Diagnostic, Diagnostics, Location
from outreach.core.model import Pack
from outreach.fonts import FontBook
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project

MAX_LOGO = 5 * 1024 * 1024  # bytes of an uploaded logo
MAX_COLORS = 3  # brand colour rows on the form
# The layouts' palette names a brand may replace, with what each paints (the bundled layouts).
BRAND_NAMES = {
    "teal": "main colour: the poster's band, headings, the hotline number, the card's back",
    "accent": "the poster's highlight",
    "gold": "the brochure's highlight",
    "deep": "the brochure's dark panels",
    "sea": "the brochure's charts",
}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# The pieces a staged pack is built into before it is saved: every bundled layout that
# paints a brand colour or places the logo, in English, for the office printer.
CHECKED_JOBS = (
    Job("poster", "letter", "en", "office"),
    Job("wallet-card", "cr80", "en", "office"),
    Job("brochure", "letter", "en", "office"),
)


@dataclass(frozen=True, slots=True)
class Logo:
    """An uploaded logo: its bytes, what it shows, and the right to print it."""

    data: bytes
    alt: str
    licence: str


@dataclass(frozen=True, slots=True)
class BrandColor:
    """One brand colour: the palette name it replaces, its screen RGB and its press CMYK."""

    name: str
    rgb: str
    cmyk: tuple[float, float, float, float]
    cmyk_given: bool  # False: derived from the RGB by the naive formula (said in the YAML)


def _error(diags: Diagnostics, code: str, key: str, message: str, hint: str) -> None:
    diags.error(code, message, Location("form", key=key), hints=(hint,))


def logo_kind(data: bytes) -> str | None:
    """The logo's file extension judged by its content: png, jpg or svg; None for other files."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"<svg" in data[:65536]:
        return "svg"  # then read by `content/images.py`, which refuses anything hostile
    return None


def check_logo(logo: Logo, diags: Diagnostics) -> str | None:
    """The logo's extension, or None with a located diagnostic for each problem."""
    ok = True
    if len(logo.data) > MAX_LOGO:
        _error(
            diags,
            "image.too-large",
            "logo",
            f"the logo is {len(logo.data) / 2**20:.1f} MB; at most {MAX_LOGO // 2**20} MB",
            "export it at the size it is printed: a logo is rarely above 1 MB",
        )
        ok = False
    kind = logo_kind(logo.data)
    if ok and kind is None:
        _error(
            diags,
            "image.unsupported-format",
            "logo",
            "the logo is not a PNG, JPEG or SVG file (judged by its content, not its name)",
            "export it as SVG (best for logos) or PNG",
        )
    if not logo.alt.strip():
        _error(
            diags,
            "image.missing-alt",
            "logo_alt",
            "the logo needs alt text",
            "say in a few words what it shows, e.g. `Oakland Clinic logo`",
        )
    if not logo.licence.strip():
        _error(
            diags,
            "content.bad-value",
            "logo_licence",
            "say by what right the logo is printed",
            "e.g. `our own logo` or `used with permission of ...`",
        )
    for key, value in (("logo_alt", logo.alt), ("logo_licence", logo.licence)):
        if len(value) > 200 or any(ord(c) < 32 for c in value):
            _error(diags, "content.bad-value", key, f"`{key}` is too long", "one short line")
    return kind if ok else None


def naive_cmyk(rgb: str) -> tuple[float, float, float, float]:
    """CMYK percentages from `#rrggbb` by the naive formula (a print shop may refine them)."""
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (1, 3, 5))
    black = 1 - max(red, green, blue)
    if black >= 1:
        return 0.0, 0.0, 0.0, 100.0
    return tuple(  # type: ignore[return-value]
        round(100 * value, 1)
        for value in (
            (1 - red - black) / (1 - black),
            (1 - green - black) / (1 - black),
            (1 - blue - black) / (1 - black),
            black,
        )
    )


def read_colors(rows: list[tuple[str, str, str]], diags: Diagnostics) -> list[BrandColor]:
    """The form's colour rows (name, `#rrggbb`, `c, m, y, k` or empty); blank rows skipped."""
    colors: list[BrandColor] = []
    for index, (name, rgb, cmyk_text) in enumerate(rows, start=1):
        if not rgb.strip() and not cmyk_text.strip():
            continue
        key = f"color{index}"
        if name not in BRAND_NAMES or name in {c.name for c in colors}:
            _error(
                diags,
                "content.bad-color",
                f"{key}_name",
                f"colour {index} must replace one of {', '.join(BRAND_NAMES)}, each once",
                "pick the palette colour this one replaces",
            )
            continue
        if not _HEX.match(rgb.strip()):
            _error(
                diags,
                "content.bad-color",
                f"{key}_rgb",
                f"colour `{name}`: `{rgb[:20]}` is not a hex colour like `#1d3557`",
                "write # and six hex digits",
            )
            continue
        given = bool(cmyk_text.strip())
        cmyk = naive_cmyk(rgb.strip()) if not given else _cmyk(cmyk_text)
        if cmyk is None:
            _error(
                diags,
                "content.bad-color",
                f"{key}_cmyk",
                f"colour `{name}`: `{cmyk_text[:30]}` is not four percentages `c, m, y, k`",
                "write e.g. `90, 45, 35, 35`, or leave it empty to derive it from the RGB",
            )
            continue
        colors.append(BrandColor(name, rgb.strip().lower(), cmyk, given))
    return colors


def _cmyk(text: str) -> tuple[float, float, float, float] | None:
    parts = [part.strip() for part in text.replace("%", "").split(",")]
    try:
        values = [float(part) for part in parts]
    except ValueError:
        return None
    if len(values) != 4 or not all(0 <= value <= 100 for value in values):
        return None
    c, m, y, k = values
    return c, m, y, k


def _number(value: float) -> str:
    return f"{value:g}"


def logo_yaml(file_name: str, logo: Logo) -> list[str]:
    """`organization.logo`, as a person would write it."""
    return [
        "  logo:",
        f"    file: {file_name}",
        f"    alt: {json.dumps(logo.alt.strip(), ensure_ascii=False)}",
        f"    licence: {json.dumps(logo.licence.strip(), ensure_ascii=False)}",
    ]


def brand_yaml(colors: list[BrandColor]) -> list[str]:
    """`brand.colors`, as a person would write it; derived CMYK is said to be derived."""
    if not colors:
        return []
    lines = [
        "",
        "# The organization's colours: each replaces the layouts' colour of that name.",
        "brand:",
        "  colors:",
    ]
    for color in colors:
        cmyk = ", ".join(_number(v) for v in color.cmyk)
        note = "" if color.cmyk_given else "  # CMYK derived from the RGB; ask your print shop"
        lines.append(f'    {color.name}: {{rgb: "{color.rgb}", cmyk: [{cmyk}]}}{note}')
    return lines


def check_pieces(
    root_project: Project, fonts: FontBook, name: str, pack: Pack
) -> tuple[Diagnostic, ...]:
    """Build the staged pack's pieces as `outreach build` does; their errors and image warnings.

    Nothing is written: the PDFs stay in memory and are dropped.
    """
    project = Project(root_project.root, check_pdf=False, fonts=fonts)
    project.use_pack(name, pack)
    found: list[Diagnostic] = []
    for job in CHECKED_JOBS:
        diags = Diagnostics()
        build_job(project, name, job, diags)
        found += [
            d
            for d in diags.items
            if d.severity.value == "error" or d.code.startswith(("image.", "check.contrast"))
        ]
    return tuple(dict.fromkeys(found))
