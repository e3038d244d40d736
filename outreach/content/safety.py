"""Content safety rules: invisible characters and link targets.

Input: a string or URL from a content or kit file. Output: a problem description, or None.
Content may come from many hands; these rules keep hidden text and hostile links out of print.
"""

from __future__ import annotations

import unicodedata

import ada_url

from outreach.core.diagnostics import Diagnostics, Location

# Format characters the text engine needs: ZWNJ and ZWJ shape Persian and Indic words,
# ZWSP marks line-break opportunities in Khmer.
ALLOWED_FORMAT_CHARACTERS = frozenset({"\u200b", "\u200c", "\u200d"})
ALLOWED_CONTROL_CHARACTERS = frozenset({"\n"})
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15.1): characters
# a renderer draws as nothing. Most are format characters (Cf) and caught by category; these
# ranges also catch the letters and marks among them (issue 21): the Hangul fillers U+115F,
# U+1160, U+3164 and U+FFA0, the Khmer inherent vowels U+17B4 and U+17B5 (Unicode advises
# against their use), the combining grapheme joiner U+034F, and the variation selectors.
_DEFAULT_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
# Not ignorable by Unicode, but printed as a blank: a known way to fake an empty name.
BLANK_LOOKALIKES = frozenset({"\u2800"})  # BRAILLE PATTERN BLANK
INVISIBLE_CHARACTERS = (
    frozenset(
        chr(code) for first, last in _DEFAULT_IGNORABLE_RANGES for code in range(first, last + 1)
    )
    | BLANK_LOOKALIKES
) - ALLOWED_FORMAT_CHARACTERS


def find_invisible_character(text: str) -> tuple[int, str] | None:
    """The first character that would print as nothing or reorder text, with its index."""
    if text.isascii() and text.isprintable():  # U+0020-U+007E: none of them (most text)
        return None
    for index, char in enumerate(text):
        if char in ALLOWED_FORMAT_CHARACTERS or char in ALLOWED_CONTROL_CHARACTERS:
            continue
        if char in INVISIBLE_CHARACTERS:
            return index, char
        category = unicodedata.category(char)
        if char in BIDI_CONTROLS or category in ("Cf", "Cc", "Co", "Cs", "Cn"):
            return index, char
        if category in ("Zl", "Zp"):
            return index, char
    return None


def clean_text(text: str, key: str, location: Location, diags: Diagnostics) -> str | None:
    """The text in NFC, or None with a `content.invisible-character` error naming where."""
    found = find_invisible_character(text)
    if found is not None:
        index, char = found
        diags.error(
            "content.invisible-character",
            f"`{key}` contains the invisible character {describe_character(char)} "
            f"at position {index + 1}",
            location,
            hints=("delete it: hidden and direction-changing characters are not allowed",),
        )
        return None
    return unicodedata.normalize("NFC", text)


def describe_character(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)` for messages."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed character')})"


def parse_link(url: str) -> tuple[str, str] | None:
    r"""Host and path of an https URL as a browser reads it (WHATWG URL rules), or None.

    Python's `urlsplit` and a browser disagree on hostile URLs: for
    `https://x.co\\.humantraffickinghotline.org` a browser goes to `x.co`. ada, a WHATWG
    URL parser, reads backslashes, ports, percent-escapes and international names exactly
    as browsers and phone cameras do.
    """
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return None
    if parsed.protocol != "https:" or not parsed.hostname:
        return None
    return parsed.hostname.lower(), parsed.pathname


def check_url(url: str, allowed_hosts: tuple[str, ...]) -> str | None:
    """Why a URL may not be printed or encoded, or None if it is fine."""
    if any(c.isspace() for c in url):
        return f"link `{url}` contains whitespace"
    if "\\" in url:
        return f"link `{url}` contains a backslash, which browsers read as `/`"
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme != "https":
        return f"link `{url}` is not https (scheme `{scheme or 'none'}`)"
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return f"link `{url}` is not a valid URL"
    if not parsed.hostname:
        return f"link `{url}` has no host"
    if parsed.username or parsed.password:
        return f"link `{url}` carries a user name or password"
    if parsed.port:
        return f"link `{url}` names a port; first-party links use the standard one"
    host = parsed.hostname.lower()
    if not any(host == allowed or host.endswith("." + allowed) for allowed in allowed_hosts):
        return f"host `{host}` of link `{url}` is not in the pack's allowed_hosts"
    return None
