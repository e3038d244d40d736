"""Turn a language tag into its bundled font family; name every bundled family and font.

Input: a BCP 47 language tag. Output: the bundled family for it (`fa` -> `NotoSansArabic`),
the fallback order of every bundled family, and the PostScript names of the bundled fonts.
"""

from __future__ import annotations

WEIGHTS = {"regular": "Regular", "bold": "Bold"}
FALLBACK_FAMILY = "NotoSans"

# Every bundled family, in the order fallback tries them after the language's own font
# and Noto Sans (docs/fonts-and-reportlab.md §6).
BUNDLED_FAMILIES = (
    "NotoSans",
    "NotoSansArabic",
    "NotoSansDevanagari",
    "NotoSansGurmukhi",
    "NotoSansKhmer",
    "NotoSansSC",
    "NotoSansTC",
    "NotoSansJP",
    "NotoSansKR",
)

# BCP 47 tag -> bundled family: the script the language is written in decides.
LANGUAGE_FAMILIES = {
    "zh-Hans": "NotoSansSC",
    "zh-CN": "NotoSansSC",
    "zh-SG": "NotoSansSC",
    "zh": "NotoSansSC",
    "zh-Hant": "NotoSansTC",
    "zh-TW": "NotoSansTC",
    "zh-HK": "NotoSansTC",
    "zh-MO": "NotoSansTC",
    "ja": "NotoSansJP",
    "ko": "NotoSansKR",
    "fa": "NotoSansArabic",
    "prs": "NotoSansArabic",
    "ps": "NotoSansArabic",
    "ar": "NotoSansArabic",
    "ur": "NotoSansArabic",
    "hi": "NotoSansDevanagari",
    "mr": "NotoSansDevanagari",
    "ne": "NotoSansDevanagari",
    "pa": "NotoSansGurmukhi",
    "km": "NotoSansKhmer",
}


def family_for(language: str) -> str:
    """The bundled family a language is set in: `fa` -> `NotoSansArabic`, `es` -> `NotoSans`.

    Tags are matched exactly first, then by script subtag (`zh-Hant-TW`), then by the
    primary language subtag; anything unknown is set in Noto Sans.
    """
    if language in LANGUAGE_FAMILIES:
        return LANGUAGE_FAMILIES[language]
    parts = language.split("-")
    for size in range(len(parts) - 1, 0, -1):
        prefix = "-".join(parts[:size])
        if prefix in LANGUAGE_FAMILIES:
            if prefix == "zh" and any(p in ("Hant", "TW", "HK", "MO") for p in parts[1:]):
                return "NotoSansTC"
            return LANGUAGE_FAMILIES[prefix]
    return FALLBACK_FAMILY


def bundled_font_names() -> frozenset[str]:
    """PostScript names of every bundled font (user fonts may not reuse them)."""
    return frozenset(
        f"{family}-{weight}" for family in BUNDLED_FAMILIES for weight in WEIGHTS.values()
    )
