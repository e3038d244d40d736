"""Phone numbers: what a printed number dials, and whether a dial form is a real number.

Input: phone text from a pack, a notice or a site list. Output: digits and E.164 forms, or
a description of what is wrong. The one home of the `phonenumbers` library.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers


def dial_digits(text: str) -> str:
    """The digits a printed number dials: vanity letters become keypad digits."""
    converted = phonenumbers.convert_alpha_characters_in_number(text)
    return "".join(c for c in converted if c.isdigit())


def dials(printed: str, e164_digits: str) -> bool:
    """Whether a printed form dials the number whose country code and digits are given.

    A vanity number may spell past its last digit: 1-888-KEY-2-FREE dials 1-888-539-2373
    and the phone ignores the extra letter.
    """
    digits = dial_digits(printed)
    if digits == e164_digits:
        return True
    return any(c.isalpha() for c in printed) and digits.startswith(e164_digits)


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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
