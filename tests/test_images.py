"""Pictures in packs (issue 15): logos as vectors, raster resolution and colour, hostile files."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from outreach import BuildError, build_material
from outreach.core.diagnostics import Diagnostic
from tests.conftest import PACK, copy_project

LOGO_LINE = '  team: "H.E.A.R.T. Team"\n'


def _with_logo(project: Path, file: str, data: bytes | None = None) -> Path:
    """Point the copied pack's logo at `images/<file>`, written from `data` if given."""
    pack = project / "content" / PACK
    if data is not None:
        (pack / "images" / file).write_bytes(data)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace("file: images/wordmark.svg", f"file: images/{file}")
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    return project


def _png(width: int, height: int, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height), (200, 40, 40) if mode == "RGB" else None).save(buffer, "PNG")
    return buffer.getvalue()


def _errors(project: Path, material: str = "poster", profile: str = "office") -> list[Diagnostic]:
    with pytest.raises(BuildError) as raised:
        build_material(material, profile=profile, project_dir=project, check=False)
    return [d for d in raised.value.diagnostics if d.severity.name == "ERROR"]


def _operators(pdf: pikepdf.Pdf, page: int = 0) -> list[str]:
    ops = []
    for instruction in pikepdf.parse_content_stream(pdf.pages[page]):
        ops.append(str(instruction.operator))
    return ops


def test_the_svg_logo_is_drawn_as_paths_not_an_image() -> None:
    built = build_material("poster", check=False)
    logo = built.document.pages[0].item("logo")
    assert logo.format == "svg"  # type: ignore[union-attr]
    pdf = pikepdf.open(io.BytesIO(built.pdf))
    assert not list(pdf.pages[0].get_images().keys())
    ops = _operators(pdf)
    # the wordmark's glyph outlines: curves (svglib writes quadratic curves as `c`) and fills
    assert ops.count("c") > 100
    assert "Do" not in ops


def test_a_press_file_holds_no_rgb_image(tmp_path: Path) -> None:
    project = _with_logo(copy_project(tmp_path), "logo.png", _png(1200, 300))
    built = build_material("poster", profile="press", project_dir=project, check=False)
    pdf = pikepdf.open(io.BytesIO(built.pdf))
    spaces = [str(image.get("/ColorSpace")) for image in pdf.pages[0].get_images().values()]
    assert spaces == ["/DeviceCMYK"]
    office = build_material("poster", project_dir=project, check=False)
    office_pdf = pikepdf.open(io.BytesIO(office.pdf))
    assert [str(i.get("/ColorSpace")) for i in office_pdf.pages[0].get_images().values()] == [
        "/DeviceRGB"
    ]


def test_a_transparent_png_keeps_a_soft_mask_in_cmyk(tmp_path: Path) -> None:
    image = Image.new("RGBA", (1200, 300), (15, 76, 92, 0))
    image.paste((15, 76, 92, 255), (0, 0, 600, 300))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    project = _with_logo(copy_project(tmp_path), "logo.png", buffer.getvalue())
    built = build_material("poster", profile="press", project_dir=project, check=False)
    pdf = pikepdf.open(io.BytesIO(built.pdf))
    (xobject,) = pdf.pages[0].get_images().values()
    assert str(xobject.ColorSpace) == "/DeviceCMYK"
    assert str(xobject.SMask.ColorSpace) == "/DeviceGray"


def test_a_png_logo_s_effective_resolution_is_checked(tmp_path: Path) -> None:
    project = _with_logo(copy_project(tmp_path), "logo.png", _png(120, 30))
    built = build_material("poster", project_dir=project, check=False)
    del built
    from outreach.checks.images import check_images
    from outreach.core.diagnostics import Diagnostics

    for profile, needed in (("office", "150"), ("press", "300")):
        piece = build_material("poster", profile=profile, project_dir=project, check=False)
        diags = Diagnostics()
        check_images(piece.document, diags)
        (warning,) = diags.warnings
        assert warning.code == "image.low-resolution"
        assert f"needs {needed} ppi" in warning.message
        assert "slot `logo`" in warning.message
        assert warning.location.path.endswith("pack.yaml")
        assert warning.location.line > 0
    sharp = _with_logo(copy_project(tmp_path / "sharp"), "logo.png", _png(2400, 600))
    diags = Diagnostics()
    check_images(build_material("poster", project_dir=sharp, check=False).document, diags)
    assert not diags.warnings


def _bomb(width: int = 40_000, height: int = 40_000) -> bytes:
    """A 1-bit PNG of 40,000 x 40,000 black pixels: 200 MB unpacked, a few KB on disk."""
    row = b"\x00" + b"\x00" * (width // 8)
    raw = zlib.compress(row * height, 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _large() -> bytes:
    """A 20,000 x 20,000 px PNG: 400 megapixels, refused before it is decoded."""
    return _bomb(20_000, 20_000)


HOSTILE = {
    "bomb.png": (_bomb, "image.too-large"),
    "large.png": (_large, "image.too-large"),
    "truncated.png": (lambda: _png(600, 150)[:-200], "image.unreadable"),
    "external.svg": (
        lambda: (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            b' viewBox="0 0 10 10"><image xlink:href="file:///etc/passwd"'
            b' width="10" height="10"/></svg>'
        ),
        "image.hostile",
    ),
    "script.svg": (
        lambda: (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
        ),
        "image.hostile",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_give_a_located_diagnostic_and_no_pdf(tmp_path: Path, name: str) -> None:
    make, code = HOSTILE[name]
    project = _with_logo(copy_project(tmp_path, catalogs=False), name, make())
    errors = _errors(project)
    assert [e.code for e in errors] == [code]
    (error,) = errors
    assert error.location.path.endswith("pack.yaml")
    assert error.location.line > 0
    assert name in error.message


def test_an_image_outside_the_pack_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path, catalogs=False)
    (tmp_path / "secret.png").write_bytes(_png(100, 100))
    (project / "content" / PACK / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    _with_logo(project, "link.png")
    assert [e.code for e in _errors(project)] == ["image.outside-pack"]


def test_a_brand_colour_that_fails_contrast_names_the_pair(tmp_path: Path) -> None:
    project = copy_project(tmp_path, catalogs=False)
    pack = project / "content" / PACK / "pack.yaml"
    text = pack.read_text(encoding="utf-8")
    pack.write_text(
        text + '\nbrand:\n  colors:\n    teal: {rgb: "#9fc5cf", cmyk: [30, 5, 10, 0]}\n',
        encoding="utf-8",
    )
    errors = _errors(project)
    contrast = [e for e in errors if e.code == "check.contrast"]
    assert contrast
    hints = " ".join(h for e in contrast for h in e.hints)
    assert "`paper` on `teal`" in hints or "`teal` on `paper`" in hints
    assert "pack.yaml" in hints


def test_a_pack_without_a_logo_leaves_the_slot_empty(tmp_path: Path) -> None:
    project = copy_project(tmp_path, catalogs=False)
    pack = project / "content" / PACK / "pack.yaml"
    text = pack.read_text(encoding="utf-8")
    start = text.index("  # A wordmark drawn")
    end = text.index("contacts:")
    pack.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    document = build_material("poster", project_dir=project, check=False).document
    with pytest.raises(KeyError):
        document.pages[0].item("logo")
