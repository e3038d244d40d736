"""One QR symbol in plain Python: payload text in, the masked module matrix out.

Input: a payload and an error correction level. Output: the symbol's rows of booleans,
without its quiet zone (`encode_symbol`); also the parts of the standard that a batch of
codes shares with a single one (`codewords`, `structure`, the Reed-Solomon arithmetic),
which `qr_batch.py` turns into numpy arrays. The standard's tables are in `qr_tables.py`.

A poster or a brochure has one or two codes: numpy's 0.1 s import costs more than encoding
them here (issue 14). Each candidate mask is scored on whole-symbol integers: every row
(and, for the columns, every column) gets a lane of `size + 8` bits, 4 light modules on
each side, so one bitwise operation applies a penalty rule to all lines at once. The rules
and their reading are those of `qr_batch.py` (ISO/IEC 18004:2015, 7.8.3.1); tests check
that both encoders give the same matrix for every payload.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from outreach.core.values import value_methods
from outreach.layout.qr_tables import (
    ALIGNMENT_CENTRES,
    ERROR_CORRECT_H,
    ERROR_CORRECT_L,
    ERROR_CORRECT_M,
    ERROR_CORRECT_Q,
    EXP,
    LOG,
    format_bits,
    rs_blocks,
    version_bits,
)

QUIET_ZONE = 4  # modules; ISO/IEC 18004 asks for 4 on every side
LEVELS = {
    "L": ERROR_CORRECT_L,
    "M": ERROR_CORRECT_M,
    "Q": ERROR_CORRECT_Q,
    "H": ERROR_CORRECT_H,
}
_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_ALPHA_VALUE = {c: i for i, c in enumerate(_ALPHANUMERIC)}
_MODE_NUMERIC, _MODE_ALPHANUMERIC, _MODE_BYTE = 1, 2, 4
_FINDER_LIKE = (0b10111010000, 0b00001011101)  # N3, light modules on either side

Rows = tuple[tuple[bool, ...], ...]


class QrCapacityError(ValueError):
    """The payload does not fit a QR code at this error correction level."""


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
    return sum(data for data, _ in rs_blocks(version, level))


def codewords(text: str, level: int) -> tuple[int, bytes]:
    """Pick the smallest version and build its data codewords (terminator and padding in).

    Raises:
        QrCapacityError: the text does not fit version 40 at this level.
    """
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


def _gf_mul(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return EXP[(LOG[a] + LOG[b]) % 255]


@cache
def generator(ec_count: int) -> tuple[int, ...]:
    """The generator polynomial, highest degree first: (x - a^0)(x - a^1)...(x - a^(ec-1))."""
    poly = [1]
    for i in range(ec_count):
        root = EXP[i]
        product = [0] * (len(poly) + 1)
        for j, coefficient in enumerate(poly):
            product[j] ^= coefficient
            product[j + 1] ^= _gf_mul(coefficient, root)
        poly = product
    return tuple(poly)


def remainder(message: Sequence[int], poly: Sequence[int]) -> list[int]:
    """Reed-Solomon error correction bytes of one block (a plain LFSR division)."""
    result = [0] * (len(poly) - 1)
    for byte in message:
        factor = byte ^ result[0]
        result = [*result[1:], 0]
        if factor:
            result = [r ^ _gf_mul(g, factor) for r, g in zip(result, poly[1:], strict=True)]
    return result


# --- symbol structure ---------------------------------------------------------------------


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Structure:
    """Everything about a version and level that does not depend on the payload."""

    size: int
    template: Rows  # function patterns; format and version areas light
    reserved: Rows  # modules that do not carry codewords (and are not masked)
    rows: tuple[int, ...]  # placement order of codeword bits
    cols: tuple[int, ...]
    blocks: tuple[tuple[int, int, int], ...]  # (start in data, data count, ec count)
    order: tuple[int, ...]  # interleaving: final codeword i = concat[order[i]]
    masks: tuple[Rows, ...]  # 8 x (size, size): mask pattern & data modules, format info in


def _finder(matrix: list[list[bool]], reserved: list[list[bool]], row: int, col: int) -> None:
    size = len(matrix)
    for r in range(-1, 8):
        for c in range(-1, 8):
            rr, cc = row + r, col + c
            if not (0 <= rr < size and 0 <= cc < size):
                continue
            reserved[rr][cc] = True
            matrix[rr][cc] = (
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


_MASK_FUNCTIONS: tuple[Callable[[int, int], bool], ...] = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i * j) % 3 + (i + j) % 2) % 2 == 0,
)


def _frozen(grid: list[list[bool]]) -> Rows:
    return tuple(tuple(row) for row in grid)


@cache
def structure(version: int, level: int) -> Structure:
    """Function patterns, placement order, interleaving and masks of a version and level."""
    size = 4 * version + 17
    matrix = [[False] * size for _ in range(size)]
    reserved = [[False] * size for _ in range(size)]
    for row, col in ((0, 0), (size - 7, 0), (0, size - 7)):
        _finder(matrix, reserved, row, col)
    centres = ALIGNMENT_CENTRES[version - 1]
    for r in centres:
        for c in centres:
            if reserved[r][c]:
                continue
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    reserved[r + dr][c + dc] = True
                    matrix[r + dr][c + dc] = max(abs(dr), abs(dc)) != 1
    for i in range(8, size - 8):
        if not reserved[6][i]:
            matrix[6][i] = i % 2 == 0
            reserved[6][i] = True
        if not reserved[i][6]:
            matrix[i][6] = i % 2 == 0
            reserved[i][6] = True
    for (vr, vc), (hr, hc) in _format_positions(size):
        reserved[vr][vc] = reserved[hr][hc] = True
    matrix[size - 8][8] = reserved[size - 8][8] = True  # the dark module
    if version >= 7:
        bits = version_bits(version)
        for i in range(18):
            dark = bool((bits >> i) & 1)
            near, far = i // 3, i % 3 + size - 11
            matrix[near][far] = matrix[far][near] = dark
            reserved[near][far] = reserved[far][near] = True
    rows, cols = [], []
    row, step = size - 1, -1
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1
        while True:
            for c in (right, right - 1):
                if not reserved[row][c]:
                    rows.append(row)
                    cols.append(c)
            row += step
            if row < 0 or row >= size:
                row -= step
                step = -step
                break
    blocks, start = [], 0
    for data_count, total_count in rs_blocks(version, level):
        blocks.append((start, data_count, total_count - data_count))
        start += data_count
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
    masks = []
    for number, function in enumerate(_MASK_FUNCTIONS):
        mask = [[function(i, j) and not reserved[i][j] for j in range(size)] for i in range(size)]
        bits = format_bits((level << 3) | number)
        for i, ((vr, vc), (hr, hc)) in enumerate(_format_positions(size)):
            mask[vr][vc] = mask[hr][hc] = bool((bits >> i) & 1)
        masks.append(_frozen(mask))
    return Structure(
        size=size,
        template=_frozen(matrix),
        reserved=_frozen(reserved),
        rows=tuple(rows),
        cols=tuple(cols),
        blocks=tuple(blocks),
        order=tuple(data_order + ec_order),
        masks=tuple(masks),
    )


# --- one symbol ---------------------------------------------------------------------------


def encode_symbol(data: str, level: int) -> Rows:
    """The symbol for `data` with its lowest-penalty mask (ties: lowest number), no quiet zone.

    Raises:
        QrCapacityError: the text does not fit version 40 at this level.
    """
    version, data_codewords = codewords(data, level)
    shape = structure(version, level)
    final = list(data_codewords)
    for start, count, ec_count in shape.blocks:
        final += remainder(data_codewords[start : start + count], generator(ec_count))
    interleaved = [final[i] for i in shape.order]
    base = [list(row) for row in shape.template]
    count = min(8 * len(interleaved), len(shape.rows))
    for k in range(count):
        base[shape.rows[k]][shape.cols[k]] = bool((interleaved[k >> 3] >> (7 - (k & 7))) & 1)
    lanes = _lanes(shape.size)
    rows, cols = _pack(base), _pack([list(col) for col in zip(*base, strict=True)])
    scores = [
        _penalty(rows ^ mask_rows, cols ^ mask_cols, lanes)
        for mask_rows, mask_cols in _packed_masks(version, level)
    ]
    chosen = shape.masks[scores.index(min(scores))]
    return tuple(
        tuple(b != m for b, m in zip(row, mask_row, strict=True))
        for row, mask_row in zip(base, chosen, strict=True)
    )


def _pack(grid: Sequence[Sequence[bool]]) -> int:
    """Line i in bits [i*w, (i+1)*w), w = size + 8: column c at bit 4 + size - 1 - c."""
    light = "0000"
    return int(
        "".join(light + "".join("1" if v else "0" for v in line) + light for line in grid[::-1]),
        2,
    )


@cache
def _packed_masks(version: int, level: int) -> tuple[tuple[int, int], ...]:
    """(rows, columns) of each mask, packed as `_pack` does."""
    return tuple(
        (_pack(mask), _pack([list(col) for col in zip(*mask, strict=True)]))
        for mask in structure(version, level).masks
    )


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class _Lanes:
    size: int
    width: int  # bits per line: the symbol and 4 light modules each side
    pairs: int  # bit b of each line: modules at bits b and b+1 both in the symbol
    windows: int  # bit b of each line: an 11-module window b..b+10 within the light margins
    block_pairs: int  # `pairs`, but not on the last line (it has no line below)


@cache
def _lanes(size: int) -> _Lanes:
    width = size + 8
    pair = ((1 << (size - 1)) - 1) << 4
    window = (1 << (size - 2)) - 1
    pairs = sum(pair << (i * width) for i in range(size))
    windows = sum(window << (i * width) for i in range(size))
    return _Lanes(size, width, pairs, windows, pairs & ~(pair << ((size - 1) * width)))


def _penalty(rows: int, cols: int, lanes: _Lanes) -> int:
    """N1 + N2 + N3 + N4 of a symbol packed by rows and by columns."""
    score = 0
    for lines in (rows, cols):
        # N1: a run of length L >= 5 has L - 4 windows of five; its first scores 3, others 1.
        same = ~(lines ^ (lines >> 1)) & lanes.pairs
        window = same & (same >> 1) & (same >> 2) & (same >> 3)
        starts = window & ~(same << 1)
        score += 2 * starts.bit_count() + window.bit_count()
        # N3: 1011101 with four light modules after it or before it.
        for pattern in _FINDER_LIKE:
            match = lanes.windows
            for k in range(11):
                part = lines >> k
                match &= part if (pattern >> k) & 1 else ~part
            score += 40 * match.bit_count()
    # N2: each 2x2 block of one colour; the line below is the next lane down.
    below = rows >> lanes.width
    same = ~(rows ^ below) & ~(rows ^ (rows >> 1)) & ~(below ^ (below >> 1))
    score += 3 * (same & lanes.block_pairs).bit_count()
    total = lanes.size * lanes.size
    dark = rows.bit_count()
    return score + 10 * (abs(dark * 20 - total * 10) // total)
