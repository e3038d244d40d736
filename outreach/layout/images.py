"""Place a pack's picture in an image slot: its rect, and how a press file prints its colours.

Input: an image `SlotSpec`, the pack, the layout and the profile. Output: an `ImageItem`
fitted into the slot's box (aspect ratio kept, aligned), or nothing when the slot asks for
the logo and the pack has none. On a press file, a raster that is not CMYK or grey gets the
output intent's ICC profile to be converted with, and an SVG the CMYK of every palette
colour, so that brand colours print as declared; what cannot be converted is refused here.
"""

from __future__ import annotations

from outreach.core.diagnostics import Diagnostics
from outreach.core.document import ImageItem, Rect
from outreach.core.model import ImageFile, LayoutSpec, Pack, Profile, SlotSpec
from outreach.layout.icons import ICON_PREFIX, ICONS, icon_file
from outreach.layout.output_intent import output_intent_for
from outreach.layout.paint import paint_for

LOGO = "logo"
PRESS_READY_MODES = ("CMYK", "L", "1")


def find_image(slot: SlotSpec, pack: Pack, diags: Diagnostics) -> ImageFile | None:
    """The picture an image slot names; the logo slot is empty for a pack without one."""
    if slot.image == LOGO:
        return pack.organization.logo
    if slot.image and slot.image.startswith(ICON_PREFIX):
        icon = icon_file(slot.image.removeprefix(ICON_PREFIX), slot.location)
        if icon is None:
            diags.error(
                "layout.unknown-image",
                f"slot `{slot.id}` shows `{slot.image}`, which is not a bundled icon",
                slot.location,
                hints=("bundled icons: " + ", ".join(ICON_PREFIX + name for name in ICONS),),
            )
        return icon
    image = pack.images.get(slot.image or "")
    if image is None:
        known = ", ".join(sorted(pack.images)) or "none"
        diags.error(
            "layout.unknown-image",
            f"slot `{slot.id}` shows image `{slot.image}`, which the pack does not have",
            slot.location,
            hints=(f"add it to `images:` in {pack.display_root}/pack.yaml (known: {known})",),
        )
    return image


def place_image(
    slot: SlotSpec, pack: Pack, spec: LayoutSpec, profile: Profile, diags: Diagnostics
) -> ImageItem | None:
    """The image item for a slot, fitted and aligned in its box; None when there is none."""
    image = find_image(slot, pack, diags)
    if image is None:
        return None
    box = slot.box
    scale = min(box.w / image.width, box.h / image.height)
    width, height = image.width * scale, image.height * scale
    x = box.x + {"left": 0.0, "center": (box.w - width) / 2, "right": box.w - width}[slot.align]
    y = box.y + {"top": 0.0, "middle": (box.h - height) / 2, "bottom": box.h - height}.get(
        slot.valign, (box.h - height) / 2
    )
    icc = None
    colors: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...] = ()
    if profile.color_space == "cmyk":
        intent = output_intent_for(profile, spec.size_name)
        icc = intent.profile if intent else "CGATS21-CRPC6-outreach.icc"
        if image.format == "svg":
            colors = tuple((color.rgb, color.cmyk) for color in spec.palette.values())
        elif image.mode in PRESS_READY_MODES and not image.transparent:
            icc = None
        if image.transparent and intent is not None and intent.standard != "PDF/X-4":
            diags.error(
                "image.cannot-convert",
                f"image `{image.key}` ({image.path.name}) is transparent, and a "
                f"{intent.standard} file allows no transparency",
                image.location,
                hints=(
                    "flatten the picture onto the colour it sits on, or give it as SVG",
                    "or print with PDF/X-4 (the bundled press profile)",
                ),
            )
            return None
    return ImageItem(
        slot.id,
        Rect(x, y, width, height),
        image.data,
        format=image.format,
        alt=image.alt,
        pixels=None if image.format == "svg" else (int(image.width), int(image.height)),
        icc=icc,
        colors=colors,
        source=image.location,
        name=image.path.name,
        transparent=image.transparent,
        tint=paint_for(spec, profile, slot.fill) if slot.fill and image.format == "svg" else None,
    )
