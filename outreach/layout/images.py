"""Place a pack's picture in an image slot: its rect, and how a press file prints its colours.

Input: an image `SlotSpec`, the pack, the layout and the profile. Output: an `ImageItem`
fitted into the slot's box (aspect ratio kept, aligned), or nothing when the slot asks for
the logo and the pack has none. On a press file, a raster that is not CMYK or grey gets the
output intent's ICC profile to be converted with, and an SVG the CMYK of every palette
colour, so that brand colours print as declared; what cannot be converted is refused here.
A picture with a `credit` gets it printed small under it, as text a reader reads (issue 15).
"""

from __future__ import annotations

from dataclasses import replace

from outreach.core.diagnostics import Diagnostics
from outreach.core.document import ImageItem, Item, Rect, TextItem
from outreach.core.layout_specs import LayoutSpec, Profile, SlotSpec, TypeRole
from outreach.core.model import ImageFile, Pack, Piece
from outreach.fonts import FontBook
from outreach.layout.icons import ICON_PREFIX, ICONS, icon_file
from outreach.layout.output_intent import output_intent_for
from outreach.layout.paint import paint_for
from outreach.layout.roles import role_paragraph, typeface_for
from outreach.layout.text import fitted_size, set_paragraphs

LOGO = "logo"
PRESS_READY_MODES = ("CMYK", "L", "1")
CREDIT_GAP = 2.0  # points between a picture and its credit line
CREDIT_ROLE = "credit"  # the layout's role for credit lines; else its smallest role


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
        language=pack.source_language,  # the pack writes `alt` once, in its source language
    )


def place_picture(
    slot: SlotSpec,
    piece: Piece,
    spec: LayoutSpec,
    profile: Profile,
    fonts: FontBook,
    diags: Diagnostics,
) -> list[Item]:
    """An image slot's items: the picture and, when it has a `credit`, the credit line.

    The credit is set under the picture, inside the slot's box, in the layout's `credit`
    role (or its smallest role, so it never prints below the material's minimum size), and
    is text in the tag tree like any other.
    """
    pack = piece.pack
    image = None if slot.image == LOGO else pack.images.get(slot.image or "")
    if image is None or not image.credit:
        item = place_image(slot, pack, spec, profile, diags)
        return [item] if item is not None else []
    role = _credit_role(spec)
    paragraph = role_paragraph(
        image.credit,
        role,
        typeface_for(fonts, piece),
        paint_for(spec, profile, role.color),
        language=piece.language,
        align=slot.align,
    )
    box = slot.box
    credit = set_paragraphs([paragraph], box.w, box.h / 3, fonts, max_lines=2)
    room = replace(box, h=max(0.0, box.h - credit.height - CREDIT_GAP))
    item = place_image(replace(slot, box=room), pack, spec, profile, diags)
    if item is None:
        return []
    top = item.rect.y + item.rect.h + CREDIT_GAP
    text = TextItem(
        f"{slot.id}/credit",
        Rect(box.x, top, box.w, credit.height),
        credit.placed(box.x, top),
        fitted_size(paragraph, credit.scale),
        paragraph.size,
        piece.language,
        image.location,
    )
    return [item, text]


def _credit_role(spec: LayoutSpec) -> TypeRole:
    if CREDIT_ROLE in spec.roles:
        return spec.roles[CREDIT_ROLE]
    return min(spec.roles.values(), key=lambda role: (role.size, role.name))
