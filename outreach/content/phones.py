"""Phone numbers: what a printed number dials, and whether a dial form is a real number.

Input: phone text from a pack, a notice or a site list. Output: digits and E.164 forms, or
a description of what is wrong. The one home of the `phonenumbers` library.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from outreach.core.values import value_methods


def dial_digits(text: str) -> str:
    """The digits a printed number dials: vanity letters become keypad digits."""
    converted = phonenumbers.convert_alpha_characters_in_number(text)
    return "".join(c for c in converted if c.isdigit())


# A printed phone number: digits, keypad letters, and the separators people print.
_PRINTED_FORM = re.compile(r"\(?\+?[0-9A-Z]+(?:[ \-.()]+[0-9A-Z]+)*\)?")


def dials(printed: str, e164_digits: str) -> bool:
    """Whether a printed form dials exactly the number whose country code and digits are given.

    A vanity number may spell past its last digit: 1-888-KEY-2-FREE dials 1-888-539-2373
    and the phone ignores the extra letter. Only letters may run past the number: the
    printed form is one number (no words, no second number), and every digit in it is dialled.
    """
    if not _PRINTED_FORM.fullmatch(printed.strip()):
        return False
    digits = dial_digits(printed)
    if digits == e164_digits:
        return True
    if not any(c.isalpha() for c in printed) or not digits.startswith(e164_digits):
        return False
    # What is dialled past the number must come from letters only, never from a digit.
    counted = 0
    for char in printed:
        if char.isdigit() or char.isalpha():
            counted += 1
            if counted > len(e164_digits) and char.isdigit():
                return False
    return True


def is_premium_rate(e164: str) -> bool:
    """Whether a number costs the caller more than a call (US 900 and 976, other countries' own)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(number)
    premium = kind in (phonenumbers.PhoneNumberType.PREMIUM_RATE,)
    return premium or (number.country_code == 1 and str(number.national_number)[3:6] == "976")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Parsed:
    """A dial form checked by libphonenumber: its digits (country code first), or why not."""

    digits: str | None
    national: str | None
    problem: str | None


def parse_dial_form(dial: str) -> Parsed:
    """Parse an E.164 dial form such as `+18883737888`."""
    try:
        number = phonenumbers.parse(dial, None)
    except phonenumbers.NumberParseException as exc:
        return Parsed(None, None, f"does not parse: {exc}")
    if not phonenumbers.is_valid_number(number):
        return Parsed(None, None, "is not a valid number")
    return Parsed(
        f"{number.country_code}{number.national_number}", str(number.national_number), None
    )


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class FoundNumbers:
    """Phone numbers found in a line of text: how many, and the E.164 forms of valid ones."""

    raw: tuple[str, ...]
    valid_e164: tuple[str, ...]


def find_numbers(text: str, region: str) -> FoundNumbers:
    """Every phone number written in `text`, read as a number of `region` (e.g. `US`)."""
    matches = list(
        phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE)
    )
    valid = tuple(
        str(phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164))
        for m in matches
        if phonenumbers.is_valid_number(m.number)
    )
    return FoundNumbers(tuple(m.raw_string for m in matches), valid)


def ascii_digits(text: str) -> str:
    """The text with every decimal digit of any script written as 0-9, same length.

    A translator may type Persian, Arabic-Indic, Devanagari or full-width digits; the
    phone dials them all the same, so every check reads them as Western digits.
    """
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class PhoneMention:
    """A phone number written in a text: as printed, where, and what it dials."""

    raw: str
    start: int
    end: int
    digits: str  # country code and national number, or the dialled digits of a vanity form


# A number spelled with keypad letters: optional 1, an area code, then groups with a capital.
# Only Latin letters and digits bound it: Chinese or Persian text may touch it directly.
_VANITY = re.compile(
    r"(?<![0-9A-Za-z+])(?:\+?1[ .\-]?)?\(?[2-9][0-9]{2}\)?[ .\-]?"
    r"(?=[0-9A-Z.\-]*[A-Z])[0-9A-Z]+(?:[.\-][0-9A-Z]+)*(?:\([A-Z]+\))?"
)


def find_phone_numbers(text: str, region: str) -> list[PhoneMention]:
    """Every phone number written in `text` (read as a number of `region`), vanity forms too.

    libphonenumber's matcher finds numbers however they are grouped or bracketed; keypad
    spellings (1-888-KEY-2-FREE, 1-900-CALL-NOW) are found by their shape and dialled.
    """
    folded = ascii_digits(text)
    found: list[PhoneMention] = []
    for match in phonenumbers.PhoneNumberMatcher(
        folded, region, leniency=phonenumbers.Leniency.POSSIBLE
    ):
        number = match.number
        digits = f"{number.country_code}{number.national_number}"
        found.append(PhoneMention(match.raw_string, match.start, match.end, digits))
    for spelled in _VANITY.finditer(folded):
        alnum = sum(1 for c in spelled.group() if c.isalnum())
        if alnum < 10 or any(m.start <= spelled.start() < m.end for m in found):
            continue
        found.append(
            PhoneMention(
                spelled.group(), spelled.start(), spelled.end(), dial_digits(spelled.group())
            )
        )
    return sorted(found, key=lambda m: m.start)


def region_of(e164: str) -> str | None:
    """The region (`US`) a number belongs to, for reading numbers written without a country."""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return None
