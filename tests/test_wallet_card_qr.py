"""The QR encoder behind every card (issue 3): standard matrices, lowest-penalty masks.

The reference penalty below is written from ISO/IEC 18004:2015, 7.8.3.1, as plainly as
possible; `qrcode` serves as the reference for everything but the choice of mask.
"""

from __future__ import annotations

import random
import string

import numpy as np
import pytest
import qrcode
import qrcode.constants
import zxingcpp
from PIL import Image

from outreach.layout.qr import QUIET_ZONE, penalty, qr_matrices, qr_matrix, qr_version

LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


def payloads() -> list[str]:
    rng = random.Random(7)
    found = [
        "tel:+18883737888",
        "TEL:+18883737888",
        "SMSTO:233733:HELP",
        "911",
        "https://humantraffickinghotline.org",
        "Ünïcode 汉字 payload",
    ]
    found += [
        f"https://humantraffickinghotline.org/?src=site-{rng.randrange(10**6)}" for _ in range(12)
    ]
    found += [
        "".join(rng.choices(string.ascii_letters + string.digits + "/:.?=&-", k=n))
        for n in (1, 17, 60, 140, 300)
    ]
    return found


def reference_matrix(data: str, level: str, mask: int) -> np.ndarray:
    code = qrcode.QRCode(error_correction=LEVELS[level], border=0, mask_pattern=mask)
    code.add_data(data, optimize=0)
    code.make(fit=True)
    return np.array(code.get_matrix(), dtype=bool)


def reference_penalty(symbol: np.ndarray) -> int:
    """N1 + N2 + N3 + N4, with the quiet zone counted as light for N3."""
    rows = [list(map(bool, r)) for r in symbol]
    size = len(rows)
    score = 0
    for line in rows + [list(c) for c in zip(*rows, strict=True)]:
        run = 1
        for i in range(1, size + 1):
            if i < size and line[i] == line[i - 1]:
                run += 1
            else:
                score += 3 + (run - 5) if run >= 5 else 0
                run = 1
        text = "0000" + "".join("1" if v else "0" for v in line) + "0000"
        for i in range(len(text) - 10):
            score += 40 * (text[i : i + 11] in ("10111010000", "00001011101"))
    for r in range(size - 1):
        for c in range(size - 1):
            score += 3 * (rows[r][c] == rows[r + 1][c] == rows[r][c + 1] == rows[r + 1][c + 1])
    dark = sum(map(sum, rows))
    return score + 10 * (abs(dark * 20 - size * size * 10) // (size * size))


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
def test_matrices_are_standard_and_use_the_lowest_penalty_mask(level: str) -> None:
    for data, matrix in zip(payloads(), qr_matrices(payloads(), level), strict=True):
        for border in (
            matrix[:QUIET_ZONE],
            matrix[-QUIET_ZONE:],
            matrix[:, :QUIET_ZONE],
            matrix[:, -QUIET_ZONE:],
        ):
            assert not border.any()
        symbol = matrix[QUIET_ZONE:-QUIET_ZONE, QUIET_ZONE:-QUIET_ZONE]
        candidates = [reference_matrix(data, level, mask) for mask in range(8)]
        same = [
            m for m, c in enumerate(candidates) if c.shape == symbol.shape and (c == symbol).all()
        ]
        assert len(same) == 1, data  # identical to qrcode's symbol for one of the masks
        if len(data) <= 60:  # the pure-Python reference is slow on big symbols
            scores = [reference_penalty(c) for c in candidates]
            assert same[0] == scores.index(min(scores)), (data, scores)


def test_packed_scoring_matches_the_reference() -> None:
    rng = np.random.default_rng(3)
    for size in (21, 33, 57, 61):  # 57 and 61 are scored on unpacked rows
        symbols = rng.random((4, size, size)) < 0.5
        assert penalty(symbols).tolist() == [reference_penalty(s) for s in symbols]


def test_every_code_decodes() -> None:
    for data, matrix in zip(payloads(), qr_matrices(payloads()), strict=True):
        image = Image.fromarray(np.where(np.kron(matrix, np.ones((4, 4))), 0, 255).astype(np.uint8))
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [data]


def test_single_code_api() -> None:
    matrix = qr_matrix("tel:+18883737888", "M")
    assert isinstance(matrix, tuple)
    assert all(isinstance(row, tuple) and isinstance(row[0], bool) for row in matrix)
    assert len(matrix) == 4 * qr_version("tel:+18883737888", "M") + 17 + 2 * QUIET_ZONE
    assert np.array_equal(np.array(matrix), qr_matrices(["tel:+18883737888"])[0])


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
def test_single_code_encoder_matches_the_batch_encoder(level: str) -> None:
    """A poster's codes come from the plain-Python encoder, a run's from numpy (issue 14)."""
    texts = [*payloads(), "", "0", "1" * 500, "HELLO WORLD " * 40]
    for data, batch in zip(texts, qr_matrices(texts, level), strict=True):
        assert np.array_equal(np.array(qr_matrix.__wrapped__(data, level)), batch), data


def test_the_standards_tables_are_the_qrcode_packages() -> None:
    """`qr_tables.py` writes out what the encoder once read from `qrcode` (issue 14)."""
    import qrcode.base
    import qrcode.util

    from outreach.layout import qr_tables

    assert qr_tables.EXP == tuple(qrcode.base.EXP_TABLE[:255] * 2)
    assert qr_tables.LOG == tuple(qrcode.base.LOG_TABLE)
    for version in range(1, 41):
        for level in LEVELS.values():
            assert qr_tables.rs_blocks(version, level) == [
                (block.data_count, block.total_count)
                for block in qrcode.base.rs_blocks(version, level)
            ]
        centres = qr_tables.ALIGNMENT_CENTRES[version - 1]
        assert list(centres) == list(qrcode.util.pattern_position(version))
        assert qr_tables.version_bits(version) == qrcode.util.BCH_type_number(version)
    for level_and_mask in range(32):
        assert qr_tables.format_bits(level_and_mask) == qrcode.util.BCH_type_info(level_and_mask)
