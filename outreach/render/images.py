"""Draw a picture: an SVG as vector paths (svglib), a raster as an image, CMYK on press.

Input: an `ImageItem` (layout decided its rect, its ICC profile and the CMYK of its SVG
colours) and the canvas. Output: drawing operators. An SVG becomes ReportLab shapes, so a
logo stays vector in the PDF; on a press file each of its RGB colours is replaced by the
palette colour's CMYK or, for any other colour, the ICC transform's. The canvas calls an
SVG makes are recorded once and replayed from the user's cache (`render/svg_ops.py`), so
svglib and ReportLab's graphics load only for an SVG not drawn before (issue 14). A raster
for a press file is converted from sRGB to the output intent's CMYK profile with Pillow's ImageCms
(perceptual intent) and keeps its transparency as a soft mask (PDF/X-4 allows it).
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PIL import Image
from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.utils import ImageReader

from outreach.core.document import ImageItem
from outreach.core.resources import PACKAGE_DIR
from outreach.render import svg_ops

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

ICC_DIR = PACKAGE_DIR / "render" / "icc"
_SAME = 1.5 / 255  # an SVG colour this close to a palette colour is that colour


@lru_cache(maxsize=4)
def _transform(icc: str) -> Any:
    """The transform from sRGB to the press profile's CMYK, perceptual intent."""
    from PIL import ImageCms  # littleCMS loads only for a press file's picture (issue 14)

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(str(ICC_DIR / icc)),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
    )


def _cmyk_of(rgb: tuple[float, float, float], item: ImageItem) -> CMYKColor:
    for known, cmyk in item.colors:
        if all(abs(a - b) <= _SAME for a, b in zip(known, rgb, strict=True)):
            return CMYKColor(*cmyk)
    assert item.icc is not None
    pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in rgb))
    from PIL import ImageCms

    converted = ImageCms.applyTransform(pixel, _transform(item.icc))
    assert converted is not None
    values = converted.getpixel((0, 0))
    assert isinstance(values, tuple)
    return CMYKColor(*(v / 255 for v in values))


def _recolour(node: Any, item: ImageItem) -> None:
    """Every fill and stroke of an SVG drawing in its tint, or RGB in the press file's CMYK."""
    for attribute in ("fillColor", "strokeColor"):
        color = getattr(node, attribute, None)
        if not isinstance(color, Color):
            continue
        if item.tint is not None:
            values = item.tint.values
            new = CMYKColor(*values) if item.tint.space == "cmyk" else Color(*values)
        elif isinstance(color, CMYKColor):
            continue
        else:
            new = _cmyk_of((color.red, color.green, color.blue), item)
        new.alpha = color.alpha
        setattr(node, attribute, new)
    from reportlab.graphics.shapes import Group  # loaded already: the drawing is made of them

    if isinstance(node, Group):
        for child in node.contents:
            _recolour(child, item)


def _svg_calls(item: ImageItem, fontname: str, fontsize: float) -> tuple[float, float, Any]:
    """An SVG's size and the canvas calls that draw it: from the cache, else recorded.

    The calls are None when the drawing uses one that cannot be recorded exactly; it is
    then drawn straight onto the canvas (`_draw_svg_directly`).
    """
    decided = repr((item.tint, item.icc, item.colors))
    key = svg_ops.cache_key(item.data, decided, fontname, fontsize)
    kept = svg_ops.load(key)
    if kept is not None:
        return kept
    drawing = _svg_drawing(item, fontname, fontsize)
    if drawing is None:
        svg_ops.store(key, 0, 0, [])
        return 0, 0, []
    from reportlab.graphics import renderPDF

    recorder = svg_ops.CanvasRecorder(fontname, fontsize)
    try:
        renderPDF.draw(drawing, recorder, 0, 0, showBoundary=False)
    except svg_ops.NotRecordableError:
        return drawing.width, drawing.height, None
    svg_ops.store(key, drawing.width, drawing.height, recorder.calls)
    return drawing.width, drawing.height, svg_ops.decode_calls(recorder.calls)


def _svg_drawing(item: ImageItem, fontname: str, fontsize: float) -> Drawing | None:
    """The SVG as svglib's drawing, recoloured; None if it has no size."""
    from svglib.svglib import svg2rlg  # only for an SVG not in the cache (issue 14)

    drawing: Drawing | None = svg2rlg(io.BytesIO(item.data))
    if drawing is None or not drawing.width or not drawing.height:
        return None
    if item.icc is not None or item.tint is not None:
        _recolour(drawing, item)
    # ReportLab's drawing renderer starts from Helvetica, which would be referenced
    # unembedded even though an SVG of outlines sets no text: start from our font.
    drawing.initialFontName = fontname
    drawing.initialFontSize = fontsize
    return drawing


def draw_image(canvas: Any, item: ImageItem, x: float, y: float) -> None:
    """Draw `item` with its bottom-left corner at (x, y) in PDF coordinates."""
    r = item.rect
    if item.format == "svg":
        width, height, calls = _svg_calls(item, canvas._fontname, canvas._fontsize)
        if not width or not height:
            return
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(r.w / width, r.h / height)
        if calls is not None:
            svg_ops.replay(calls, canvas)
        else:
            from reportlab.graphics import renderPDF

            drawing = _svg_drawing(item, canvas._fontname, canvas._fontsize)
            renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
        canvas.restoreState()
        return
    if item.icc is None:
        canvas.drawImage(ImageReader(io.BytesIO(item.data)), x, y, r.w, r.h, mask="auto")
        return
    with Image.open(io.BytesIO(item.data)) as source:
        picture = source.convert("RGBA")
    alpha = picture.getchannel("A")
    from PIL import ImageCms

    cmyk = ImageCms.applyTransform(picture.convert("RGB"), _transform(item.icc))
    assert cmyk is not None
    reader = ImageReader(cmyk)
    reader.getRGBData()
    if alpha.getextrema() != (255, 255):
        reader._dataA = ImageReader(alpha)  # a soft mask: ReportLab writes it as /SMask
    canvas.drawImage(reader, x, y, r.w, r.h, mask="auto")
