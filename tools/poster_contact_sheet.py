"""Write `docs/poster-contact-sheet.png`: the letter poster in all 14 languages on one sheet.

Why: issue 16 asks for the set to be looked at side by side before it is called done (sizes
that drift across languages, a headline that touches the next line, a call to action off
its grid show at a glance). Input: the default pack and layouts of this checkout. Output:
one PNG, 7 x 2 office posters (no crop marks), each labelled with its language's own
name. Pages are rendered with pypdfium2 and tiled with Pillow, as `outreach preview` does.

Usage::

    python tools/poster_contact_sheet.py [--out docs/poster-contact-sheet.png] [--dpi 40]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outreach.content.languages import native_name  # noqa: E402
from outreach.jobs.piece import build_material  # noqa: E402
from outreach.jobs.preview import render_pages  # noqa: E402

LANGUAGES = (
    "en", "es", "zh-Hant", "zh-Hans", "vi", "tl", "ko",
    "fa", "prs", "ar", "hi", "pa", "km", "ru",
)  # fmt: skip
COLUMNS = 7
GAP, LABEL = 16, 30


def contact_sheet(out: Path, dpi: int) -> Path:
    """Build the 14 letter posters, render each page 1 and tile them; returns `out`."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    from outreach.core.resources import FONT_DIR

    thumbs = []
    for language in LANGUAGES:
        built = build_material("poster", size="letter", language=language, profile="office")
        (png,) = render_pages(bytes(built.pdf), dpi=dpi, only=0)
        with Image.open(io.BytesIO(png)) as image:
            thumbs.append((language, image.convert("RGB")))
    width = max(t.width for _, t in thumbs)
    height = max(t.height for _, t in thumbs)
    rows = -(-len(thumbs) // COLUMNS)
    sheet = Image.new(
        "RGB",
        (COLUMNS * (width + GAP) + GAP, rows * (height + LABEL + GAP) + GAP),
        "#e9eef0",
    )
    draw = ImageDraw.Draw(sheet)
    # Noto Sans has Latin, Cyrillic and Greek: the label names each language in English
    # with its tag; the poster itself shows the script.
    font = ImageFont.truetype(str(FONT_DIR / "NotoSans-Regular.ttf"), 14)
    for index, (language, thumb) in enumerate(thumbs):
        x = GAP + (index % COLUMNS) * (width + GAP)
        y = GAP + (index // COLUMNS) * (height + LABEL + GAP)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline="#9aa9ad")
        name = native_name(language) if language in ("en", "es", "vi", "tl", "ru") else ""
        label = f"{language}  {name}".strip()
        draw.text((x, y + height + 6), label, fill="#1b1b1b", font=font)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, optimize=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "poster-contact-sheet.png")
    parser.add_argument("--dpi", type=int, default=40)
    args = parser.parse_args()
    print(contact_sheet(args.out, args.dpi))


if __name__ == "__main__":
    main()
