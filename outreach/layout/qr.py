"""QR matrices: payload text in, a module matrix with its quiet zone out.

Input: a payload (`tel:+18883737888`, `SMSTO:233733:HELP`, an https URL) and an error
correction level. Output: a square tuple of rows of booleans, 4-module quiet zone included
(`qr_matrix`), or, for print runs, many codes at once as numpy arrays (`qr_matrices`).

The encoder follows ISO/IEC 18004:2015 and picks the lowest-penalty mask, as the standard
asks. It is our own because mask selection in the `qrcode` package is pure Python and
costs about 5 ms a code, which dominates a 10,000-card run (issue 3). Here the eight masks
of a whole batch are scored at once on bit-packed rows with numpy. The standard's tables
(block structure, alignment positions, BCH codes) are read from `qrcode`, and tests check
every matrix against `qrcode`'s own for the same mask.

Penalty rules as implemented (7.8.3.1), on the whole symbol with its format and version
information for the candidate mask: N1 runs of five or more same-coloured modules in a
row or column score 3 + (run - 5); N2 each 2x2 block of one colour scores 3; N3 each
1:1:3:1:1 finder-like pattern with four light modules on one side scores 40, counting the
quiet zone as light; N4 scores 10 per full 5% that dark modules depart from 50%. Ties go to
the lowest mask number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt
import qrcode.base
import qrcode.constants
import qrcode.util

QUIET_ZONE = 4  # modules; ISO/IEC 18004 asks for 4 on every side
_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_ALPHA_VALUE = {c: i for i, c in enumerate(_ALPHANUMERIC)}
_MODE_NUMERIC, _MODE_ALPHANUMERIC, _MODE_BYTE = 1, 2, 4
_PACKED_LIMIT = 56  # symbol width that still fits a 64-bit row with 4 light modules each side
_BATCH = 512  # codes scored at once (8 masks each); bounds memory, not speed

Bool2D = npt.NDArray[np.bool_]


class QrCapacityError(ValueError):
    """The payload does not fit a QR code at this error correction level."""


@lru_cache(maxsize=4096)
def qr_matrix(data: str, error_correction: str = "M") -> tuple[tuple[bool, ...], ...]:
    """Encode `data`; the result includes the quiet zone (`QUIET_ZONE` modules each side)."""
    (matrix,) = qr_matrices([data], error_correction)
    return tuple(tuple(row) for row in matrix.tolist())


def qr_matrices(payloads: Sequence[str], error_correction: str = "M") -> list[Bool2D]:
    """Encode many payloads at once; each matrix includes the quiet zone.

    Payloads are grouped by QR version so that the Reed-Solomon codes, the placement and
    the scoring of all eight masks run as whole-array operations.
    """
    level = _LEVELS[error_correction]
    encoded = [_codewords(text, level) for text in payloads]
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


def qr_version(data: str, error_correction: str = "M") -> int:
    """The smallest version (1-40) that holds `data`, without encoding it."""
    return _codewords(data, _LEVELS[error_correction])[0]


# --- data codewords -----------------------------------------------------------------------


def _mode(text: str) -> int:
    if text.isdigit() and text.isascii():
        return _MODE_NUMERIC
    if all(c in _ALPHA_VALUE for c in text):
        return _MODE_ALPHANUMERIC
    return _MODE_BYTE


def _count_bits(mode: int, version: int) -> int:
    band = 0 if version < 10 else 1 if version < 27 else 2
    return {_MODE_NUMERIC: (10, 12, 14), _MODE_ALPHANUMERIC: (9, 11, 13), _MODE_BYTE: (8, 16, 16)}[
        mode
    ][band]


def _payload_bits(text: str, mode: int) -> tuple[int, int, int]:
    """(value, bit length, character count) of the data part of a single segment."""
    value, length = 0, 0
    if mode == _MODE_NUMERIC:
        for start in range(0, len(text), 3):
            group = text[start : start + 3]
            bits = {3: 10, 2: 7, 1: 4}[len(group)]
            value, length = (value << bits) | int(group), length + bits
        return value, length, len(text)
    if mode == _MODE_ALPHANUMERIC:
        for start in range(0, len(text), 2):
            pair = text[start : start + 2]
            if len(pair) == 2:
                value = (value << 11) | (_ALPHA_VALUE[pair[0]] * 45 + _ALPHA_VALUE[pair[1]])
                length += 11
            else:
                value, length = (value << 6) | _ALPHA_VALUE[pair], length + 6
        return value, length, len(text)
    raw = text.encode("utf-8")
    return int.from_bytes(raw, "big") if raw else 0, 8 * len(raw), len(raw)


@cache
def _capacity(version: int, level: int) -> int:
    """Data codewords of a version at an error correction level."""
    return sum(block.data_count for block in qrcode.base.rs_blocks(version, level))


def _codewords(text: str, level: int) -> tuple[int, bytes]:
    """Pick the smallest version and build its data codewords (terminator and padding in)."""
    mode = _mode(text)
    value, length, count = _payload_bits(text, mode)
    for version in range(1, 41):
        count_bits = _count_bits(mode, version)
        needed = 4 + count_bits + length
        capacity = 8 * _capacity(version, level)
        if needed <= capacity and count < (1 << count_bits):
            break
    else:
        raise QrCapacityError(f"{len(text)} characters do not fit a QR code at this level")
    bits = (((mode << count_bits) | count) << length) | value
    terminator = min(4, capacity - needed)
    bits <<= terminator
    used = needed + terminator
    pad_to_byte = -used % 8
    bits <<= pad_to_byte
    used += pad_to_byte
    data = bits.to_bytes(used // 8, "big") if used else b""
    size = capacity // 8
    filler = bytes((0xEC, 0x11)) * (size // 2 + 1)  # the standard's pad codewords
    return version, data + filler[: size - len(data)]


# --- Reed-Solomon -------------------------------------------------------------------------

_EXP = np.array(qrcode.base.EXP_TABLE[:255] * 2, dtype=np.int32)
_LOG = np.array(qrcode.base.LOG_TABLE, dtype=np.int32)


def _gf_mul(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return int(_EXP[(int(_LOG[a]) + int(_LOG[b])) % 255])


def _generator(ec_count: int) -> list[int]:
    """The generator polynomial, highest degree first: (x - a^0)(x - a^1)...(x - a^(ec-1))."""
    generator = [1]
    for i in range(ec_count):
        root = int(_EXP[i])
        product = [0] * (len(generator) + 1)
        for j, coefficient in enumerate(generator):
            product[j] ^= coefficient
            product[j + 1] ^= _gf_mul(coefficient, root)
        generator = product
    return generator


def _remainder(message: Sequence[int], generator: Sequence[int]) -> list[int]:
    """Reed-Solomon error correction bytes of one block (a plain LFSR division)."""
    remainder = [0] * (len(generator) - 1)
    for byte in message:
        factor = byte ^ remainder[0]
        remainder = [*remainder[1:], 0]
        if factor:
            remainder = [
                r ^ _gf_mul(g, factor) for r, g in zip(remainder, generator[1:], strict=True)
            ]
    return remainder


@cache
def _rs_table(data_count: int, ec_count: int) -> npt.NDArray[np.uint8]:
    """table[i, v] = the error correction bytes that data byte v at position i contributes.

    Reed-Solomon remainders are linear in the data, so a block's error correction bytes
    are the XOR of one table row per data byte: one gather and one reduction per batch.
    """
    generator = _generator(ec_count)
    table = np.zeros((data_count, 256, ec_count), dtype=np.uint8)
    logs = _LOG[1:]
    for position in range(data_count):
        unit = [0] * data_count
        unit[position] = 1
        for column, coefficient in enumerate(_remainder(unit, generator)):
            if coefficient:
                table[position, 1:, column] = _EXP[(logs + int(_LOG[coefficient])) % 255]
    return table


# --- symbol structure ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Structure:
    """Everything about a version and level that does not depend on the payload."""

    size: int
    template: Bool2D  # function patterns; format and version areas light
    is_data: Bool2D  # modules that carry codewords (and are masked)
    rows: npt.NDArray[np.intp]  # placement order of codeword bits
    cols: npt.NDArray[np.intp]
    blocks: tuple[tuple[int, int, int], ...]  # (start in data, data count, ec count)
    order: npt.NDArray[np.intp]  # interleaving: final codeword i = concat[order[i]]
    masks: npt.NDArray[np.bool_]  # (8, size, size): mask pattern & is_data, format info in


def _finder(matrix: Bool2D, reserved: Bool2D, row: int, col: int) -> None:
    size = matrix.shape[0]
    for r in range(-1, 8):
        for c in range(-1, 8):
            rr, cc = row + r, col + c
            if not (0 <= rr < size and 0 <= cc < size):
                continue
            reserved[rr, cc] = True
            matrix[rr, cc] = (
                (0 <= r <= 6 and c in (0, 6))
                or (0 <= c <= 6 and r in (0, 6))
                or (2 <= r <= 4 and 2 <= c <= 4)
            )


def _format_positions(size: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """For format bit i (0 = least significant): its two module positions, as in `qrcode`."""
    positions = []
    for i in range(15):
        vertical = (i, 8) if i < 6 else (i + 1, 8) if i < 8 else (size - 15 + i, 8)
        horizontal = (8, size - i - 1) if i < 8 else (8, 15 - i) if i < 9 else (8, 14 - i)
        positions.append((vertical, horizontal))
    return positions


_Grid = npt.NDArray[np.int_]
_MASK_FUNCTIONS: tuple[Callable[[_Grid, _Grid], Bool2D], ...] = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i * j) % 3 + (i + j) % 2) % 2 == 0,
)


@cache
def _structure(version: int, level: int) -> _Structure:
    size = 4 * version + 17
    matrix = np.zeros((size, size), dtype=bool)
    reserved = np.zeros((size, size), dtype=bool)
    for row, col in ((0, 0), (size - 7, 0), (0, size - 7)):
        _finder(matrix, reserved, row, col)
    centres = qrcode.util.pattern_position(version)
    for r in centres:
        for c in centres:
            if reserved[r, c]:
                continue
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    reserved[r + dr, c + dc] = True
                    matrix[r + dr, c + dc] = max(abs(dr), abs(dc)) != 1
    for i in range(8, size - 8):
        if not reserved[6, i]:
            matrix[6, i] = i % 2 == 0
            reserved[6, i] = True
        if not reserved[i, 6]:
            matrix[i, 6] = i % 2 == 0
            reserved[i, 6] = True
    for vertical, horizontal in _format_positions(size):
        reserved[vertical] = reserved[horizontal] = True
    matrix[size - 8, 8] = reserved[size - 8, 8] = True  # the dark module
    if version >= 7:
        bits = qrcode.util.BCH_type_number(version)
        for i in range(18):
            dark = bool((bits >> i) & 1)
            near, far = i // 3, i % 3 + size - 11
            matrix[near, far] = matrix[far, near] = dark
            reserved[near, far] = reserved[far, near] = True
    rows, cols = [], []
    row, step = size - 1, -1
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1
        while True:
            for c in (right, right - 1):
                if not reserved[row, c]:
                    rows.append(row)
                    cols.append(c)
            row += step
            if row < 0 or row >= size:
                row -= step
                step = -step
                break
    is_data = ~reserved
    blocks_spec = qrcode.base.rs_blocks(version, level)
    blocks, start = [], 0
    for block in blocks_spec:
        blocks.append((start, block.data_count, block.total_count - block.data_count))
        start += block.data_count
    data_total = start
    data_order: list[int] = []
    for i in range(max(b[1] for b in blocks)):
        data_order.extend(b[0] + i for b in blocks if i < b[1])
    ec_order: list[int] = []
    ec_starts, ec_start = [], data_total
    for b in blocks:
        ec_starts.append(ec_start)
        ec_start += b[2]
    for i in range(max(b[2] for b in blocks)):
        ec_order.extend(ec_starts[n] + i for n, b in enumerate(blocks) if i < b[2])
    ii, jj = np.indices((size, size))
    masks = np.zeros((8, size, size), dtype=bool)
    for number, function in enumerate(_MASK_FUNCTIONS):
        masks[number] = function(ii, jj) & is_data
        bits = qrcode.util.BCH_type_info((level << 3) | number)
        for i, (vertical, horizontal) in enumerate(_format_positions(size)):
            masks[number][vertical] = masks[number][horizontal] = bool((bits >> i) & 1)
    return _Structure(
        size=size,
        template=matrix,
        is_data=is_data,
        rows=np.array(rows),
        cols=np.array(cols),
        blocks=tuple(blocks),
        order=np.array(data_order + ec_order),
        masks=masks,
    )


def _encode_version(version: int, level: int, data: npt.NDArray[np.uint8]) -> Bool2D:
    """Encode a batch of data codeword rows of one version; returns (batch, size, size)."""
    structure = _structure(version, level)
    parts = [data]
    for start, count, ec_count in structure.blocks:
        table = _rs_table(count, ec_count)
        gathered = table[np.arange(count), data[:, start : start + count]]  # (batch, k, ec)
        parts.append(np.bitwise_xor.reduce(gathered, axis=1))
    codewords = np.concatenate(parts, axis=1)[:, structure.order]
    bits = np.unpackbits(codewords, axis=1).astype(bool)
    batch = data.shape[0]
    base = np.broadcast_to(structure.template, (batch, structure.size, structure.size)).copy()
    count = min(bits.shape[1], structure.rows.size)
    base[:, structure.rows[:count], structure.cols[:count]] = bits[:, :count]
    if structure.size > _PACKED_LIMIT:
        scores = _penalty_plain(base[:, None, :, :] ^ structure.masks[None, :, :, :])
    else:
        # Packing is linear over XOR: pack each symbol once, and each mask once per version.
        mask_rows, mask_cols = _packed_masks(version, level)
        rows = _pack(base)[:, None, :] ^ mask_rows[None]
        cols = _pack(np.swapaxes(base, -1, -2))[:, None, :] ^ mask_cols[None]
        scores = _penalty_from_packed(rows, cols, structure.size)
    chosen = np.argmin(scores, axis=1)
    return np.asarray(base ^ structure.masks[chosen], dtype=bool)


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
    masks = _structure(version, level).masks
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
