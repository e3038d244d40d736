"""QR matrices: payload text in, a module matrix with its quiet zone out.

Input: a payload (`tel:+18883737888`, `SMSTO:233733:HELP`, an https URL) and an error
correction level. Output: a square tuple of rows of booleans, 4-module quiet zone included.
Encoding uses the `qrcode` package (the standard's lowest-penalty mask).
"""

from __future__ import annotations

from functools import lru_cache

import qrcode
import qrcode.constants

QUIET_ZONE = 4  # modules; ISO/IEC 18004 asks for 4 on every side
_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


@lru_cache(maxsize=4096)
def qr_matrix(data: str, error_correction: str = "M") -> tuple[tuple[bool, ...], ...]:
    """Encode `data`; the result includes the quiet zone (`QUIET_ZONE` modules each side)."""
    code = qrcode.QRCode(error_correction=_LEVELS[error_correction], border=QUIET_ZONE, box_size=1)
    code.add_data(data, optimize=0)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
