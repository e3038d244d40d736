"""Check a Document's pictures: effective resolution of every raster as it is printed.

Input: a `Document`. Output: `image.low-resolution` warnings, located at the picture in
pack.yaml and naming the slot and page: below 300 ppi on a press file, 150 ppi on an
office file (docs/print-production.md). An SVG has no resolution: it is drawn as vectors.
"""

from __future__ import annotations

from collections.abc import Iterator

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document, GroupItem, ImageItem, Item

MIN_PPI = {"cmyk": 300.0, "rgb": 150.0}


def _images(items: tuple[Item, ...]) -> Iterator[ImageItem]:
    for item in items:
        if isinstance(item, ImageItem):
            yield item
        elif isinstance(item, GroupItem):
            yield from _images(item.items)


def effective_ppi(item: ImageItem) -> float | None:
    """Pixels per inch as printed (the lower of the two directions); None for vectors."""
    if item.pixels is None or item.rect.w <= 0 or item.rect.h <= 0:
        return None
    return min(item.pixels[0] / (item.rect.w / 72), item.pixels[1] / (item.rect.h / 72))


def check_images(document: Document, diags: Diagnostics) -> None:
    """Warn about each raster printed below the profile's resolution."""
    minimum = MIN_PPI.get(document.color_space, 150.0)
    pages = [(index + 1, page.items) for index, page in enumerate(document.pages)]
    pages += [(0, form.items) for form in document.forms]
    seen: set[tuple[str, str]] = set()
    for number, items in pages:
        for item in _images(items):
            ppi = effective_ppi(item)
            if ppi is None or ppi >= minimum - 0.5 or (item.slot, item.name) in seen:
                continue
            seen.add((item.slot, item.name))
            where = f"on page {number}" if number else "on every card"
            diags.warning(
                "image.low-resolution",
                f"image `{item.name}` in slot `{item.slot}` {where} prints at {ppi:.0f} ppi; "
                f"a {document.profile} file needs {minimum:.0f} ppi",
                item.source or Location(item.name),
                hints=(
                    f"give a file of at least {item.rect.w / 72 * minimum:.0f} x "
                    f"{item.rect.h / 72 * minimum:.0f} px, or an SVG",
                ),
            )
