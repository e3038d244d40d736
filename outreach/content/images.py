"""Read a pack's pictures safely: `organization.logo` and `images:` entries -> `model.ImageFile`.

Input: a pack's image entries (`{file, alt, licence, credit}`) and its folder. Output:
checked `ImageFile`s, or a located diagnostic per problem: a file outside the pack
(symlinks resolved), missing, unreadable or truncated, too large (a decompression bomb:
Pillow's pixel limit is set here and its error caught), or an SVG that could reach outside
the pack (external references, scripts, entities, style sheets). Nothing is fetched from a
network and no file other than the named one is opened. Pillow and lxml read here.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import replace
from pathlib import Path

from lxml import etree
from PIL import Image

from outreach.content.pack_fields import _string
from outreach.content.yamlfile import Node, check_keys
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.model import ImageFile

# 64 megapixels: an 8,000 x 8,000 photograph, 300 ppi across 26 inches. A larger image is
# refused before it is decoded; Pillow raises its own error at twice its limit.
MAX_PIXELS = 64_000_000
MAX_BYTES = 40 * 1024 * 1024  # a file larger than this is not read at all
MAX_SVG_ELEMENTS = 20_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

_PX = 0.75  # one CSS pixel in points
_UNITS = {"": _PX, "px": _PX, "pt": 1.0, "pc": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|in|cm|mm)?\s*$")
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|jpg);base64,", re.IGNORECASE)
_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
_HREF = ("href", "{http://www.w3.org/1999/xlink}href")
FORBIDDEN_SVG_ELEMENTS = ("script", "foreignObject", "iframe", "embed", "object", "handler")


def read_image(
    node: Node, key: str, pack_dir: Path, diags: Diagnostics, *, credit_allowed: bool = True
) -> ImageFile | None:
    """One image entry: `{file, alt, licence[, credit]}`, its file read and checked."""
    optional = ("credit",) if credit_allowed else ()
    if not check_keys(
        node, diags, required=("file", "alt", "licence"), optional=optional, what=f"image `{key}`"
    ):
        return None
    file_node, alt_node = node.get("file"), node.get("alt")
    licence_node, credit_node = node.get("licence"), node.get("credit")
    assert file_node is not None and alt_node is not None and licence_node is not None
    name = _string(file_node, diags, "a path to a PNG, JPEG or SVG file in the pack folder")
    alt = _string(alt_node, diags, "what the picture shows, for readers who cannot see it")
    licence = _string(licence_node, diags, "the picture's licence or who granted its use")
    credit = _string(credit_node, diags, "a credit line") if credit_node else None
    if alt is not None and not alt.strip():
        diags.error(
            "image.missing-alt",
            f"image `{key}` has an empty `alt`",
            alt_node.location,
            hints=('say in a few words what the picture shows, e.g. `alt: "Our logo"`',),
        )
        return None
    if name is None or alt is None or licence is None:
        return None
    path = (pack_dir / name).resolve()
    where = file_node.location
    if not path.is_relative_to(pack_dir.resolve()):
        diags.error(
            "image.outside-pack",
            f"image file `{name}` is outside the pack folder",
            where,
            hints=("copy the picture into the pack, e.g. into `images/`",),
        )
        return None
    if not path.is_file():
        diags.error(
            "image.missing-file",
            f"image file `{name}` does not exist",
            where,
            hints=(f"put the file at {path.as_posix()} or correct the path",),
        )
        return None
    size = path.stat().st_size
    if size > MAX_BYTES:
        diags.error(
            "image.too-large",
            f"image file `{name}` is {size / 1e6:.0f} MB; at most {MAX_BYTES // 2**20} MB is read",
            where,
            hints=("export it at the size it is printed (300 ppi for press)",),
        )
        return None
    data = path.read_bytes()
    blank = ImageFile(key, path, "", data, 0.0, 0.0, alt, licence, where, credit)
    if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
        return _raster(name, blank, diags)
    if path.suffix.lower() == ".svg":
        dims = _svg_size(name, data, where, diags)
        if dims is None:
            return None
        return replace(blank, format="svg", width=dims[0], height=dims[1])
    diags.error(
        "image.unsupported-format",
        f"image file `{name}` is not a PNG, JPEG or SVG file",
        where,
        hints=("export it as PNG or JPEG (photographs) or SVG (logos, drawings)",),
    )
    return None


def _raster(name: str, blank: ImageFile, diags: Diagnostics) -> ImageFile | None:
    data, where = blank.data, blank.location
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=("PNG", "JPEG")) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError(f"{width} x {height} pixels")
                image.load()  # decodes every pixel: a truncated file fails here
                mode = image.mode
                transparent = mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
                    "transparency" in image.info
                )
                kind = (image.format or "").lower()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        diags.error(
            "image.too-large",
            f"image file `{name}` is too large to decode ({error}); at most "
            f"{MAX_PIXELS // 1_000_000} megapixels are read, so a decompression bomb "
            f"({len(data):,} bytes that would unpack to gigabytes) is refused",
            where,
            hints=("export it at the size it is printed (300 ppi for press)",),
        )
        return None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        diags.error(
            "image.unreadable",
            f"image file `{name}` cannot be read: {error}",
            where,
            hints=("the file is damaged or cut short: export it again",),
        )
        return None
    return replace(
        blank,
        format="jpeg" if kind == "jpeg" else "png",
        width=float(width),
        height=float(height),
        mode=mode,
        transparent=transparent,
    )


def _hostile(name: str, why: str, where: Location, diags: Diagnostics) -> None:
    diags.error(
        "image.hostile",
        f"SVG file `{name}` is refused: {why}",
        where,
        hints=(
            "an SVG must be self-contained: no scripts, no references to other files or "
            "the network (only `#fragment` links and embedded `data:image/png` pictures)",
        ),
    )


def svg_problem(data: bytes) -> tuple[etree._Element | None, str | None]:
    """Parse an SVG without entities, DTDs or network; (root, None) or (None, the problem)."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None, "it declares a DOCTYPE or entities"
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return None, f"it is not well-formed XML ({error})"
    if etree.QName(root).localname != "svg":
        return None, "its root element is not <svg>"
    count = 0
    for element in root.iter():
        count += 1
        if count > MAX_SVG_ELEMENTS:
            return None, f"it has more than {MAX_SVG_ELEMENTS:,} elements"
        if not isinstance(element.tag, str):
            if isinstance(element, etree._ProcessingInstruction):
                return None, "it has a processing instruction (an external style sheet)"
            continue
        local = etree.QName(element).localname
        if local in FORBIDDEN_SVG_ELEMENTS:
            return None, f"it contains a <{local}> element"
        if local == "style" and ("@import" in (element.text or "") or _external_url(element.text)):
            return None, "its style sheet imports or references another file"
        for attribute, value in element.attrib.items():
            attr = etree.QName(attribute).localname
            if attr.lower().startswith("on"):
                return None, f"<{local}> has a script in its `{attr}` attribute"
            if attribute in _HREF and not (value.startswith("#") or _DATA_IMAGE.match(value)):
                return None, f"<{local}> references `{value[:60]}` outside the file"
            if _external_url(value):
                return None, f"<{local}> references `{value[:60]}` outside the file"
    return root, None


def _external_url(text: str | None) -> bool:
    return any(not url.strip().startswith("#") for url in _URL.findall(text or ""))


def _svg_size(
    name: str, data: bytes, where: Location, diags: Diagnostics
) -> tuple[float, float] | None:
    root, problem = svg_problem(data)
    if root is None:
        _hostile(name, problem or "it cannot be read", where, diags)
        return None
    sizes = [_length(root.get(attr)) for attr in ("width", "height")]
    view = (root.get("viewBox") or "").replace(",", " ").split()
    if (sizes[0] is None or sizes[1] is None) and len(view) == 4:
        try:
            sizes = [float(view[2]) * _PX, float(view[3]) * _PX]
        except ValueError:
            pass
    width, height = sizes
    if width is None or height is None or width <= 0 or height <= 0:
        diags.error(
            "image.unreadable",
            f"SVG file `{name}` has no size",
            where,
            hints=('give the <svg> element a `viewBox="0 0 W H"`',),
        )
        return None
    return width, height


def _length(text: str | None) -> float | None:
    match = _LENGTH.match(text or "")
    return float(match.group(1)) * _UNITS[match.group(2) or ""] if match else None
