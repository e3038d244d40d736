"""Reference rendering for shaped text: Pillow with libraqm (HarfBuzz + FriBiDi).

Used by the text engine's tests to judge our shaping and ordering against an independent
engine: the same line, the same font file, rendered both ways, compared by the overlap
(intersection over union) of their inked pixels after cropping to the ink and scaling to a
common size (docs/fonts-and-reportlab.md §8).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, features


def raqm_available() -> bool:
    """True if this Pillow was built with libraqm (the PyPI wheels are)."""
    return bool(features.check("raqm"))


def render_reference(
    text: str, font_path: Path, size_px: int, *, direction: str, language: str | None = None
) -> Image.Image:
    """The text drawn by Pillow + libraqm, black on white, in grey levels."""
    font = ImageFont.truetype(str(font_path), size_px, layout_engine=ImageFont.Layout.RAQM)
    left, top, right, bottom = font.getbbox(text, direction=direction, language=language)
    image = Image.new("L", (right - left + 20, bottom - top + 20), 255)
    ImageDraw.Draw(image).text(
        (10 - left, 10 - top), text, font=font, fill=0, direction=direction, language=language
    )
    return image


def ink_mask(image: Image.Image, size: tuple[int, int] = (600, 60), dilate: int = 5) -> Image.Image:
    """Crop to the ink, scale to `size`, dilate a little: a 1-bit image of inked pixels."""
    inked = image.convert("L").point(lambda v: 255 if v < 160 else 0)
    box = inked.getbbox()
    if box is None:
        return Image.new("1", size, 0)
    cropped = inked.crop(box).resize(size, Image.Resampling.BILINEAR)
    if dilate:
        cropped = cropped.filter(ImageFilter.MaxFilter(dilate))
    return cropped.point(lambda v: 255 if v > 127 else 0).convert("1")


def _count(mask: Image.Image) -> int:
    return mask.convert("L").histogram()[255]


def iou(a: Image.Image, b: Image.Image) -> float:
    """Intersection over union of the inked pixels of two renderings of one line."""
    mask_a, mask_b = ink_mask(a), ink_mask(b)
    union = _count(ImageChops.logical_or(mask_a, mask_b))
    return _count(ImageChops.logical_and(mask_a, mask_b)) / union if union else 0.0
