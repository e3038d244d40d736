"""The bundled icons an image slot may show (`image: icon:phone`): phone, text, emergency, QR.

Input: an icon's name from a layout. Output: an `ImageFile` of the bundled SVG, drawn as
vector paths like a pack's SVG logo (render/images.py) in the slot's `fill` colour, and
never read aloud: the text beside each icon says the same (issue 16), so render draws it
as an artifact. The SVGs are Tabler Icons 3.54.0 (MIT, `icons/LICENSE`), outline style,
taken from the npm package `@tabler/icons` with `currentColor` set to black (the slot's
`fill` recolours them) and the invisible bounding path removed; no other change.
"""

from __future__ import annotations

from functools import cache

from outreach.core.diagnostics import Location
from outreach.core.model import ImageFile
from outreach.core.resources import PACKAGE_DIR

ICON_PREFIX = "icon:"
ICON_DIR = PACKAGE_DIR / "layout" / "icons"
# What each icon stands for; the layouts place each beside text that says it in words.
ICONS = {
    "phone": "call",
    "message": "send a text message",
    "urgent": "emergency",
    "qrcode": "scan the code",
}
ICON_SIZE = 24.0  # the viewBox of every Tabler icon
LICENCE = "MIT (Tabler Icons, outreach/layout/icons/LICENSE)"


@cache
def icon_file(name: str, location: Location) -> ImageFile | None:
    """The bundled icon `name` (without the `icon:` prefix), or None if there is none."""
    if name not in ICONS:
        return None
    path = ICON_DIR / f"{name}.svg"
    return ImageFile(
        key=f"{ICON_PREFIX}{name}",
        path=path,
        format="svg",
        data=path.read_bytes(),
        width=ICON_SIZE,
        height=ICON_SIZE,
        alt="",
        licence=LICENCE,
        location=location,
    )
