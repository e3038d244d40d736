"""QR matrices: payload text in, a module matrix with its quiet zone out.

Input: a payload (`tel:+18883737888`, `SMSTO:233733:HELP`, an https URL) and an error
correction level. Output: a square tuple of rows of booleans, 4-module quiet zone included
(`qr_matrix`), or, for print runs, many codes at once as numpy arrays (`qr_matrices`).

The encoder follows ISO/IEC 18004:2015 and picks the lowest-penalty mask, as the standard
asks. It is our own because mask selection in the `qrcode` package is pure Python and
costs about 5 ms a code, which dominates a 10,000-card run (issue 3). It comes in two
forms that give the same matrices: `qr_symbol.py` encodes one code in plain Python (a
poster's two codes do not pay numpy's import, issue 14), and `qr_batch.py` scores the
eight masks of a whole batch at once with numpy, loaded on the first batch. The standard's
tables (block structure, alignment positions, BCH codes) are in `qr_tables.py`, checked
against the `qrcode` package's, and tests check every matrix against `qrcode`'s own for
the same mask.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from outreach.layout.qr_symbol import LEVELS, QUIET_ZONE, QrCapacityError, codewords, encode_symbol

if TYPE_CHECKING:
    from outreach.layout.qr_batch import Bool2D, Scores

__all__ = ["QUIET_ZONE", "QrCapacityError", "penalty", "qr_matrices", "qr_matrix", "qr_version"]


@lru_cache(maxsize=4096)
def qr_matrix(data: str, error_correction: str = "M") -> tuple[tuple[bool, ...], ...]:
    """Encode `data`; the result includes the quiet zone (`QUIET_ZONE` modules each side).

    Raises:
        QrCapacityError: the payload does not fit version 40 at this level.
    """
    symbol = encode_symbol(data, LEVELS[error_correction])
    margin = (False,) * QUIET_ZONE
    light = (False,) * (len(symbol) + 2 * QUIET_ZONE)
    rows = tuple((*margin, *row, *margin) for row in symbol)
    return (light,) * QUIET_ZONE + rows + (light,) * QUIET_ZONE


def qr_matrices(payloads: Sequence[str], error_correction: str = "M") -> list[Bool2D]:
    """Encode many payloads at once; each matrix includes the quiet zone.

    Payloads are grouped by QR version so that the Reed-Solomon codes, the placement and
    the scoring of all eight masks run as whole-array operations (numpy, loaded here).

    Raises:
        QrCapacityError: a payload does not fit version 40 at this level.
    """
    from outreach.layout.qr_batch import qr_matrices as encode_batch

    return encode_batch(payloads, error_correction)


def qr_version(data: str, error_correction: str = "M") -> int:
    """The smallest version (1-40) that holds `data`, without encoding it."""
    return codewords(data, LEVELS[error_correction])[0]


def penalty(symbols: Bool2D) -> Scores:
    """Penalty score of each symbol in `symbols` (..., n, n), without quiet zone."""
    from outreach.layout.qr_batch import penalty as score

    return score(symbols)
