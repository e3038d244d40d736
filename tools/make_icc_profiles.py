#!/usr/bin/env python3
"""Write the CMYK output profiles bundled in ``outreach/render/icc/`` (our own, MIT).

Why this script exists (docs/icc-profiles.md): a PDF/X-4 file embeds the ICC profile of
its output condition, and no CMYK profile of a registered characterization (FOGRA39,
FOGRA51, CGATS21-2-CRPC6) with a licence that lets us ship it is in Debian's main archive
or on PyPI. So each profile is computed here from the characterization's published aims
(ISO 12647-2 / CGATS.21-2: the Lab of the paper and of the four solids, the tone value
increase at 50%) with a simple print model, and the PDF names the registered
characterization in its OutputConditionIdentifier: a RIP or a preflight matches that
name against its own copy of the registered data. The profile is an approximation
for soft proofing, not the characterization data.

The model: Murray-Davies in CIE XYZ with multiplicative overprints (a Demichel-weighted
Neugebauer model whose primaries are products of the solids' transmittances), tone value
increase as a parabola through the aim at 50%. The separation (B2A0) picks, for each Lab
grid point, the nearest colour among candidates built with grey-component replacement
under a 300% total area coverage.

Usage::

    python tools/make_icc_profiles.py            # rewrite outreach/render/icc/*.icc
    python tools/make_icc_profiles.py --check    # exit 1 if a bundled file differs

Output is byte-identical on every run (fixed header date, no randomness).
"""

from __future__ import annotations

import argparse
import hashlib
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "outreach" / "render" / "icc"
D50 = np.array([0.9642, 1.0, 0.8249])
A2B_GRID = 7  # CMYK -> Lab: 7^4 points (small: every press file embeds it)
B2A_GRID = 11  # Lab -> CMYK: 11^3 points
TAC = 3.0  # total area coverage of the separation


@dataclass(frozen=True)
class Aim:
    """A registered characterization's published aims (Lab, D50, 2 degrees)."""

    file: str
    name: str
    paper: tuple[float, float, float]
    solids: tuple[tuple[float, float, float], ...]  # C, M, Y, K
    tvi: tuple[float, float, float, float]  # tone value increase at 50%, C M Y K


AIMS = (
    # ISO 12647-2:2004/Amd 1, paper type 1 (coated), TVI curves A (CMY) and B (K).
    Aim(
        "FOGRA39-outreach.icc",
        "FOGRA39",
        (95.0, 0.0, -2.0),
        ((55.0, -37.0, -50.0), (48.0, 74.0, -3.0), (89.0, -5.0, 93.0), (16.0, 0.0, 0.0)),
        (0.14, 0.14, 0.14, 0.17),
    ),
    # ISO 12647-2:2013, print condition 1 (PC1, premium coated, with optical brighteners).
    Aim(
        "FOGRA51-outreach.icc",
        "FOGRA51",
        (95.0, 1.0, -4.0),
        ((56.0, -36.0, -51.0), (48.0, 75.0, -4.0), (89.0, -4.0, 93.0), (16.0, 0.0, 0.0)),
        (0.16, 0.16, 0.16, 0.16),
    ),
    # CGATS.21-2, characterized reference printing condition 6 (GRACoL 2013, coated #1).
    Aim(
        "CGATS21-CRPC6-outreach.icc",
        "CGATS21-2-CRPC6",
        (95.0, 1.0, -4.0),
        ((56.0, -37.0, -50.0), (48.0, 75.0, -4.0), (89.0, -4.0, 93.0), (16.0, 0.0, 0.0)),
        (0.16, 0.16, 0.16, 0.19),
    ),
)


def lab_to_xyz(lab: np.ndarray) -> np.ndarray:
    """CIE Lab (D50) to XYZ, along the last axis."""
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    cube = f**3
    linear = (f - 16 / 116) * 3 * (6 / 29) ** 2
    return np.where(f > 6 / 29, cube, linear) * D50


def xyz_to_lab(xyz: np.ndarray) -> np.ndarray:
    """XYZ to CIE Lab (D50), along the last axis."""
    t = xyz / D50
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
        axis=-1,
    )


def forward(aim: Aim, cmyk: np.ndarray) -> np.ndarray:
    """Lab printed by tone values `cmyk` (0..1, last axis of 4) under the aim's model."""
    paper = lab_to_xyz(np.array(aim.paper))
    transmittance = lab_to_xyz(np.array(aim.solids)) / paper  # 4 x 3
    reflectance = np.ones((*cmyk.shape[:-1], 3))
    for ink in range(4):
        a = cmyk[..., ink]
        a = np.clip(a + aim.tvi[ink] * 4 * a * (1 - a), 0, 1)[..., None]
        reflectance = reflectance * (1 - a + a * transmittance[ink])
    return xyz_to_lab(reflectance * paper)


def separation_candidates(steps: int = 33) -> np.ndarray:
    """CMYK tone values with grey-component replacement, at most `TAC` in total."""
    axis = np.linspace(0.0, 1.0, steps)
    c, m, y = (v.ravel() for v in np.meshgrid(axis, axis, axis, indexing="ij"))
    grey = np.minimum(np.minimum(c, m), y)
    k = np.clip((grey - 0.25) / 0.75, 0, 1) ** 1.2
    cmy = np.stack([c, m, y], axis=-1) - (0.6 * k)[:, None]
    cmyk = np.concatenate([np.clip(cmy, 0, 1), k[:, None]], axis=-1)
    extra_k = np.linspace(0.0, 1.0, steps)  # pure greys down to the solid black
    cmyk = np.concatenate([cmyk, np.stack([0 * extra_k, 0 * extra_k, 0 * extra_k, extra_k], -1)])
    total = cmyk.sum(axis=-1)
    over = total > TAC
    cmyk[over, :3] *= ((TAC - cmyk[over, 3]) / cmyk[over, :3].sum(axis=-1))[:, None]
    return cmyk


def encode_lab(lab: np.ndarray) -> np.ndarray:
    """ICC v2 16-bit Lab (lut16Type): L 0..100 -> 0..0xFF00, a and b (+128) x 256."""
    scaled = np.stack([lab[..., 0] * 652.80, (lab[..., 1] + 128) * 256, (lab[..., 2] + 128) * 256])
    return np.clip(np.rint(np.moveaxis(scaled, 0, -1)), 0, 65535).astype(">u2")


def decode_lab_grid(steps: int) -> np.ndarray:
    """The Lab values at the grid points of a lut16Type table whose input is Lab."""
    v = np.linspace(0.0, 65535.0, steps)
    grid = np.stack(np.meshgrid(v, v, v, indexing="ij"), axis=-1).reshape(-1, 3)
    return np.stack([grid[:, 0] / 652.80, grid[:, 1] / 256 - 128, grid[:, 2] / 256 - 128], -1)


def lut16(inputs: int, outputs: int, grid: int, clut: np.ndarray) -> bytes:
    """An lut16Type ('mft2') with identity curves and an identity matrix."""
    identity = [65536, 0, 0, 0, 65536, 0, 0, 0, 65536]
    head = b"mft2" + bytes(4) + struct.pack(">BBBB", inputs, outputs, grid, 0)
    head += struct.pack(">9i", *identity) + struct.pack(">HH", 2, 2)
    curves = struct.pack(">HH", 0, 65535)
    return head + curves * inputs + clut.astype(">u2").tobytes() + curves * outputs


def text_description(text: str) -> bytes:
    """A textDescriptionType ('desc'), ASCII only."""
    ascii_text = text.encode("ascii") + b"\0"
    return (
        b"desc"
        + bytes(4)
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + struct.pack(">II", 0, 0)
        + struct.pack(">HB", 0, 0)
        + bytes(67)
    )


def s15(value: float) -> bytes:
    """An s15Fixed16Number."""
    return struct.pack(">i", round(value * 65536))


def profile(aim: Aim) -> bytes:
    """The whole ICC v2.4 output profile for one aim."""
    axis = np.linspace(0.0, 1.0, A2B_GRID)
    cmyk = np.stack(np.meshgrid(axis, axis, axis, axis, indexing="ij"), axis=-1).reshape(-1, 4)
    a2b = encode_lab(forward(aim, cmyk))

    candidates = separation_candidates()
    candidate_lab = forward(aim, candidates)
    targets = decode_lab_grid(B2A_GRID)
    distance = ((targets[:, None, :] - candidate_lab[None, :, :]) ** 2).sum(axis=-1)
    nearest = distance.argmin(axis=1)
    b2a = np.clip(np.rint(candidates[nearest] * 65535), 0, 65535)
    out_of_gamut = np.sqrt(distance[np.arange(len(targets)), nearest]) > 3.0
    gamut = np.where(out_of_gamut, 65535, 0)[:, None]

    white = lab_to_xyz(np.array(aim.paper))
    description = f"{aim.name} (approximation by outreach, not the characterization data)"
    tags = [
        (b"desc", text_description(description)),
        (b"cprt", b"text" + bytes(4) + b"No copyright, MIT licence (outreach project)\0"),
        (b"wtpt", b"XYZ " + bytes(4) + b"".join(s15(v) for v in white)),
        (b"A2B0", lut16(4, 3, A2B_GRID, a2b)),
        (b"B2A0", lut16(3, 4, B2A_GRID, b2a)),
        (b"gamt", lut16(3, 1, B2A_GRID, gamut)),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = struct.pack(">I", len(tags)), b""
    for signature, body in tags:
        while (offset + len(data)) % 4:
            data += b"\0"
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    while len(data) % 4:
        data += b"\0"
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"  # preferred CMM
        + struct.pack(">I", 0x02400000)
        + b"prtrCMYKLab "
        + struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
        + b"acsp"
        + bytes(4)  # platform
        + struct.pack(">I", 0)  # flags
        + bytes(8)  # manufacturer, model
        + bytes(8)  # attributes
        + struct.pack(">I", 0)  # perceptual
        + b"".join(s15(v) for v in D50)
        + b"outr"
        + bytes(44)
    )
    assert len(header) == 128
    return header + table + data


def main() -> int:
    """Write (or check) every bundled profile."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    status = 0
    for aim in AIMS:
        data = profile(aim)
        path = OUT / aim.file
        digest = hashlib.sha256(data).hexdigest()
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                sys.stderr.write(f"{path.name}: differs from what this script writes\n")
                status = 1
            continue
        path.write_bytes(data)
        sys.stdout.write(f"{path.name} {len(data)} bytes sha256 {digest}\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
