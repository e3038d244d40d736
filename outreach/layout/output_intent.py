"""Choose a press file's PDF/X output intent: the profile's standard, the paper's region.

Input: a `Profile` and the Document's size name. Output: the `OutputIntent` (standard,
registered characterization, bundled ICC profile) or None for files that are not PDF/X.
ISO A sizes print on European presses to FOGRA39; US sizes (and cards, which this
project prints in the US) to CGATS21-2-CRPC6 (GRACoL 2013); a profile may name its own
(docs/print-production.md, "PDF/X").
"""

from __future__ import annotations

import re

from outreach.core.document import OutputIntent
from outreach.core.layout_specs import Profile

# Registered characterization -> (description, bundled ICC file in outreach/render/icc/).
CHARACTERIZATIONS: dict[str, tuple[str, str]] = {
    "CGATS21-2-CRPC6": (
        "CGATS.21-2 CRPC6 (GRACoL 2013), sheet-fed offset, premium coated paper",
        "CGATS21-CRPC6-outreach.icc",
    ),
    "FOGRA39": (
        "ISO 12647-2:2004/Amd 1, offset, paper type 1 or 2 (coated), FOGRA39",
        "FOGRA39-outreach.icc",
    ),
    "FOGRA51": (
        "ISO 12647-2:2013, offset, PC1 premium coated paper, FOGRA51",
        "FOGRA51-outreach.icc",
    ),
}
_ISO_A_SIZE = re.compile(r"a\d+")


def default_characterization(size: str) -> str:
    """The registered characterization for a paper size's region."""
    return "FOGRA39" if _ISO_A_SIZE.fullmatch(size.lower()) else "CGATS21-2-CRPC6"


def output_intent_for(profile: Profile, size: str) -> OutputIntent | None:
    """The PDF/X output intent of a file made with `profile` on paper `size`, if any."""
    if profile.pdf_x is None or profile.color_space != "cmyk":
        return None
    condition = profile.characterization or default_characterization(size)
    description, icc = CHARACTERIZATIONS[condition]
    return OutputIntent(
        standard=profile.pdf_x, condition=condition, description=description, profile=icc
    )
