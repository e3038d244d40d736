"""Many QR symbols at once with numpy: the encoder behind a print run's thousands of codes.

Input: payloads and an error correction level. Output: one matrix per payload, quiet zone
included, as numpy arrays. Payloads are grouped by version, so the Reed-Solomon codes, the
placement and the scoring of all eight masks run as whole-array operations (issue 3). The
standard's parts come from `qr_symbol.py`, which encodes a single code the same way
without numpy; this module is loaded only for a batch (issue 14).

Penalty rules as implemented (7.8.3.1), on the whole symbol with its format and version
information for the candidate mask: N1 runs of five or more same-coloured modules in a
row or column score 3 + (run - 5); N2 each 2x2 block of one colour scores 3; N3 each
1:1:3:1:1 finder-like pattern with four light modules on one side scores 40, counting the
quiet zone as light; N4 scores 10 per full 5% that dark modules depart from 50%. Ties go to
the lowest mask number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from outreach.core.values import value_methods
from outreach.layout.qr_symbol import (
    LEVELS,
    QUIET_ZONE,
    codewords,
    generator,
    remainder,
    structure,
)
from outreach.layout.qr_tables import EXP, LOG

_PACKED_LIMIT = 56  # symbol width that still fits a 64-bit row with 4 light modules each side
_BATCH = 512  # codes scored at once (8 masks each); bounds memory, not speed
_EXP = np.array(EXP, dtype=np.int32)
_LOG = np.array(LOG, dtype=np.int32)

Bool2D = npt.NDArray[np.bool_]
Scores = npt.NDArray[np.int64]


def qr_matrices(payloads: Sequence[str], error_correction: str = "M") -> list[Bool2D]:
    """Encode many payloads at once; each matrix includes the quiet zone.

    Raises:
        QrCapacityError: a payload does not fit version 40 at this level.
    """
    level = LEVELS[error_correction]
    encoded = [codewords(text, level) for text in payloads]
    result: list[Bool2D | None] = [None] * len(payloads)
    groups: dict[int, list[int]] = {}
    for index, (version, _) in enumerate(encoded):
        groups.setdefault(version, []).append(index)
    for version, indices in sorted(groups.items()):
        for start in range(0, len(indices), _BATCH):
            chunk = indices[start : start + _BATCH]
            data = np.frombuffer(b"".join(encoded[i][1] for i in chunk), dtype=np.uint8)
            data = data.reshape(len(chunk), -1)
            symbols = _encode_version(version, level, data)
            size = symbols.shape[-1] + 2 * QUIET_ZONE
            framed = np.zeros((len(chunk), size, size), dtype=bool)
            framed[:, QUIET_ZONE:-QUIET_ZONE, QUIET_ZONE:-QUIET_ZONE] = symbols
            for position, index in enumerate(chunk):
                result[index] = framed[position]
    return [m for m in result if m is not None]


@cache
def _rs_table(data_count: int, ec_count: int) -> npt.NDArray[np.uint8]:
    """table[i, v] = the error correction bytes that data byte v at position i contributes.

    Reed-Solomon remainders are linear in the data, so a block's error correction bytes
    are the XOR of one table row per data byte: one gather and one reduction per batch.
    """
    poly = generator(ec_count)
    table = np.zeros((data_count, 256, ec_count), dtype=np.uint8)
    logs = _LOG[1:]
    for position in range(data_count):
        unit = [0] * data_count
        unit[position] = 1
        for column, coefficient in enumerate(remainder(unit, poly)):
            if coefficient:
                table[position, 1:, column] = _EXP[(logs + int(_LOG[coefficient])) % 255]
    return table


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class _Arrays:
    """A version and level's `Structure` as numpy arrays."""

    size: int
    template: Bool2D
    rows: npt.NDArray[np.intp]
    cols: npt.NDArray[np.intp]
    blocks: tuple[tuple[int, int, int], ...]
    order: npt.NDArray[np.intp]
    masks: npt.NDArray[np.bool_]  # (8, size, size)


@cache
def _arrays(version: int, level: int) -> _Arrays:
    shape = structure(version, level)
    return _Arrays(
        size=shape.size,
        template=np.array(shape.template, dtype=bool),
        rows=np.array(shape.rows),
        cols=np.array(shape.cols),
        blocks=shape.blocks,
        order=np.array(shape.order),
        masks=np.array(shape.masks, dtype=bool),
    )


def _encode_version(version: int, level: int, data: npt.NDArray[np.uint8]) -> Bool2D:
    """Encode a batch of data codeword rows of one version; returns (batch, size, size)."""
    arrays = _arrays(version, level)
    parts = [data]
    for start, count, ec_count in arrays.blocks:
        table = _rs_table(count, ec_count)
        gathered = table[np.arange(count), data[:, start : start + count]]  # (batch, k, ec)
        parts.append(np.bitwise_xor.reduce(gathered, axis=1))
    codes = np.concatenate(parts, axis=1)[:, arrays.order]
    bits = np.unpackbits(codes, axis=1).astype(bool)
    batch = data.shape[0]
    base = np.broadcast_to(arrays.template, (batch, arrays.size, arrays.size)).copy()
    count = min(bits.shape[1], arrays.rows.size)
    base[:, arrays.rows[:count], arrays.cols[:count]] = bits[:, :count]
    if arrays.size > _PACKED_LIMIT:
        scores = _penalty_plain(base[:, None, :, :] ^ arrays.masks[None, :, :, :])
    else:
        # Packing is linear over XOR: pack each symbol once, and each mask once per version.
        mask_rows, mask_cols = _packed_masks(version, level)
        rows = _pack(base)[:, None, :] ^ mask_rows[None]
        cols = _pack(np.swapaxes(base, -1, -2))[:, None, :] ^ mask_cols[None]
        scores = _penalty_from_packed(rows, cols, arrays.size)
    chosen = np.argmin(scores, axis=1)
    return np.asarray(base ^ arrays.masks[chosen], dtype=bool)


# --- mask scoring -------------------------------------------------------------------------


def penalty(symbols: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Penalty score of each symbol in `symbols` (..., n, n), without quiet zone."""
    size = symbols.shape[-1]
    if size > _PACKED_LIMIT:
        return _penalty_plain(symbols)
    return _penalty_from_packed(_pack(symbols), _pack(np.swapaxes(symbols, -1, -2)), size)


@cache
def _packed_masks(
    version: int, level: int
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    masks = _arrays(version, level).masks
    return _pack(masks), _pack(np.swapaxes(masks, -1, -2))


def _penalty_from_packed(
    rows: npt.NDArray[np.uint64], cols: npt.NDArray[np.uint64], size: int
) -> npt.NDArray[np.int64]:
    dark = _popcount(rows).sum(axis=-1)
    total = size * size
    balance = 10 * (np.abs(dark * 20 - total * 10) // total)
    total = (
        _penalty_lines_packed(rows, size)
        + _penalty_lines_packed(cols, size)
        + _penalty_blocks_packed(rows, size)
        + balance
    )
    return np.asarray(total, dtype=np.int64)


def _pack(symbols: npt.NDArray[np.bool_]) -> npt.NDArray[np.uint64]:
    """Rows as 64-bit integers: column c is bit (59 - c), leaving 4 light bits each side."""
    packed = np.packbits(symbols, axis=-1)
    buffer = np.zeros((*packed.shape[:-1], 8), dtype=np.uint8)
    buffer[..., : packed.shape[-1]] = packed
    return buffer.view(">u8")[..., 0].astype(np.uint64) >> np.uint64(4)


def _popcount(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
    return np.bitwise_count(values).astype(np.int64)


def _ones(low: int, count: int) -> np.uint64:
    return np.uint64(((1 << count) - 1) << low)


def _penalty_lines_packed(lines: npt.NDArray[np.uint64], size: int) -> npt.NDArray[np.int64]:
    """N1 and N3 along each packed line, summed over the lines of every symbol."""
    one = np.uint64(1)
    low = 60 - size  # bit of the last column
    # N1: bit b of `same` says columns at bits b and b+1 have one colour.
    same = ~(lines ^ (lines >> one)) & _ones(low, size - 1)
    window = same & (same >> one) & (same >> np.uint64(2)) & (same >> np.uint64(3))
    # a run of length L >= 5 has L - 4 windows; the first one is not preceded by `same`
    starts = window & ~(same << np.uint64(1))
    n1 = 3 * _popcount(starts) + _popcount(window) - _popcount(starts)
    # N3: 1011101 with 0000 after (or before); bits outside the symbol are light, and
    # only windows within the symbol plus 4 light modules each side count.
    window_mask = _ones(low - 4, size + 8 - 10)
    n3 = np.zeros(lines.shape, dtype=np.int64)
    part = np.empty_like(lines)
    match = np.empty_like(lines)
    for pattern in (0b10111010000, 0b00001011101):
        match.fill(window_mask)
        for k in range(11):  # in place: fresh temporaries of this size cost page faults
            np.right_shift(lines, np.uint64(k), out=part)
            if not (pattern >> k) & 1:
                np.invert(part, out=part)
            np.bitwise_and(match, part, out=match)
        n3 += 40 * _popcount(match)
    return np.asarray((n1 + n3).sum(axis=-1), dtype=np.int64)


def _penalty_blocks_packed(rows: npt.NDArray[np.uint64], size: int) -> npt.NDArray[np.int64]:
    """N2: 3 points for every 2x2 block of one colour."""
    one = np.uint64(1)
    low = 60 - size
    top, bottom = rows[..., :-1], rows[..., 1:]
    same = ~(top ^ bottom) & ~(top ^ (top >> one)) & ~(bottom ^ (bottom >> one))
    return np.asarray(3 * _popcount(same & _ones(low, size - 1)).sum(axis=-1), dtype=np.int64)


def _penalty_balance(symbols: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """N4: 10 points per full 5% that dark modules depart from half."""
    total = symbols.shape[-1] * symbols.shape[-2]
    dark = symbols.sum(axis=(-1, -2), dtype=np.int64)
    return np.asarray(10 * (np.abs(dark * 20 - total * 10) // total), dtype=np.int64)


def _penalty_plain(symbols: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """The same rules on unpacked booleans, for symbols wider than a 64-bit row."""
    total = np.zeros(symbols.shape[:-2], dtype=np.int64)
    for lines in (symbols, np.swapaxes(symbols, -1, -2)):
        same = lines[..., 1:] == lines[..., :-1]
        window = same[..., :-3] & same[..., 1:-2] & same[..., 2:-1] & same[..., 3:]
        starts = window.copy()
        starts[..., 1:] &= ~same[..., :-4]
        total += (window.sum(axis=(-1, -2)) + 2 * starts.sum(axis=(-1, -2))).astype(np.int64)
        padded = np.zeros((*lines.shape[:-1], lines.shape[-1] + 8), dtype=bool)
        padded[..., 4:-4] = lines
        width = padded.shape[-1] - 10
        for pattern in ("10111010000", "00001011101"):
            match = np.ones((*lines.shape[:-1], width), dtype=bool)
            for k, bit in enumerate(pattern):
                part = padded[..., k : k + width]
                match &= part if bit == "1" else ~part
            total += 40 * match.sum(axis=(-1, -2))
    block = (
        (symbols[..., :-1, :-1] == symbols[..., 1:, :-1])
        & (symbols[..., :-1, :-1] == symbols[..., :-1, 1:])
        & (symbols[..., :-1, :-1] == symbols[..., 1:, 1:])
    )
    total += 3 * block.sum(axis=(-1, -2))
    return np.asarray(total + _penalty_balance(symbols), dtype=np.int64)
