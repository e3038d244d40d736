"""Shaping and bidi order, judged against an independent engine (Pillow + libraqm).

Each line is set by outreach (our bidi, HarfBuzz runs, ReportLab drawing, pdfium raster)
and by Pillow with libraqm (FriBiDi + HarfBuzz) with the same font file; the inked pixels
must overlap (IoU > 0.9 after cropping and scaling). Unshaped or mis-ordered text scores
0.25-0.55 on this measure (docs/fonts-and-reportlab.md §8).
"""

from __future__ import annotations

import re

import pytest

from outreach.checks.document import drawn_left_to_right
from outreach.core.diagnostics import BuildError, Location
from outreach.core.document import Document, Metadata, Page, Rect, TextItem
from outreach.core.text_lines import Paint
from outreach.fonts import FontBook
from outreach.jobs.piece import build_material
from outreach.layout.text import Paragraph, parse_spans, set_paragraphs
from outreach.render.draw import render_pdf
from outreach.text import bidi, is_rtl
from outreach.text.bidi import embedding_levels
from tests import pdfread, textref

pytestmark = pytest.mark.skipif(not textref.raqm_available(), reason="Pillow without libraqm")

BLACK = Paint("rgb", (0.0, 0.0, 0.0))
SIZE = 30.0
DPI = 216  # 30 pt at 216 dpi = 90 px, the reference's size
LRM = "\u200e"

# (case, language, text, text given to the reference). The reference gets an LRM before
# the number, as a careful author would type it: plain UAX #9 (FriBiDi, browsers) shows
# "1-888-373-7888" after Arabic letters as "7888-373-888-1" (rule W2).
CASES = [
    ("fa", "fa", "اگر شما یا کسی که می\u200cشناسید قربانی قاچاق انسان است", None),
    ("prs", "prs", "اگر شما یا کسی را که می\u200cشناسید قربانی قاچاق انسان است", None),
    ("ar", "ar", "إذا كنت أنت أو أي شخص تعرفه ضحية للاتجار بالبشر", None),
    ("hi", "hi", "यदि आप या आपका कोई परिचित मानव तस्करी का शिकार हो रहा है", None),
    ("pa", "pa", "ਜੇ ਤੁਸੀਂ ਜਾਂ ਤੁਹਾਡਾ ਕੋਈ ਜਾਣਕਾਰ ਮਨੁੱਖੀ ਤਸਕਰੀ ਦਾ ਸ਼ਿਕਾਰ", None),
    (
        "km",
        "km",
        "ប្រសិនបើ\u200bអ្នក ឬ\u200bនរណាម្នាក់\u200bដែល\u200bអ្នក\u200bស្គាល់ កំពុង\u200bរងគ្រោះ",
        None,
    ),
    # Subscript consonants and vowel marks shifted one after the other (issue 6 review):
    # ReportLab's text rise lost the baseline here, raising the following letters.
    ("km-subscripts", "km", "ក្នុង ស្គាល់ ខ្លួន ឈ្នួល ក្នុង​តំបន់", None),
    (
        "fa-digits-hotline",
        "fa",
        "تماس بگیرید: ۱-۸۸۸-۳۷۳-۷۸۸۸ یا 1-888-373-7888",
        f"تماس بگیرید: {LRM}۱-۸۸۸-۳۷۳-۷۸۸۸ یا {LRM}1-888-373-7888",
    ),
    (
        "ar-hotline",
        "ar",
        "فاتصل بالخط الساخن الوطني: 1-888-373-7888",
        f"فاتصل بالخط الساخن الوطني: {LRM}1-888-373-7888",
    ),
]


def _set_line(text: str, language: str, fonts: FontBook) -> tuple[TextItem, str]:
    regular = fonts.font_for(language, "regular")
    paragraph = Paragraph(
        parse_spans(text),
        SIZE,
        SIZE,
        1.3,
        0.0,
        regular,
        fonts.font_for(language, "bold"),
        BLACK,
        language=language,
    )
    result = set_paragraphs([paragraph], 5000, 200, fonts)
    assert len(result.lines) == 1
    item = TextItem(
        "line",
        Rect(10, 10, 5000, 60),
        result.placed(10, 10),
        SIZE,
        SIZE,
        language,
        Location("test"),
    )
    return item, regular


def _ours(item: TextItem, fonts: FontBook):  # type: ignore[no-untyped-def]
    page = Page("p", 5020, 80, 0, 0, (item,))
    document = Document(
        "test",
        "test",
        item.language,
        "office",
        "rgb",
        (page,),
        Metadata("t", "a", "s", item.language),
    )
    return pdfread.render(render_pdf(document, fonts), 0, DPI)


@pytest.mark.parametrize(
    ("case", "language", "text", "reference"), CASES, ids=[c[0] for c in CASES]
)
def test_shaped_line_matches_raqm_reference(
    case: str, language: str, text: str, reference: str | None
) -> None:
    fonts = FontBook()
    item, font = _set_line(text, language, fonts)
    ours = _ours(item, fonts)
    direction = "rtl" if is_rtl(language) else "ltr"
    expected = textref.render_reference(
        reference or text, fonts.font_path(font), 90, direction=direction, language=language
    )
    score = textref.iou(ours, expected)
    assert score > 0.9, f"{case}: IoU {score:.3f} against Pillow+raqm"
    if reference is not None:
        # The plain-UAX #9 rendering (reversed number groups) must score clearly lower,
        # which shows the comparison can tell the orders apart.
        plain = textref.render_reference(
            text, fonts.font_path(font), 90, direction=direction, language=language
        )
        assert textref.iou(ours, plain) < score - 0.1


def test_shaped_runs_carry_glyphs_and_source_text() -> None:
    fonts = FontBook()
    item, _ = _set_line("می\u200cشناسید ۱-۸۸۸-۳۷۳-۷۸۸۸", "fa", fonts)
    line = item.lines[0]
    assert all(run.shaped for run in line.runs)
    assert line.direction == "rtl"
    assert line.source_text == "می\u200cشناسید ۱-۸۸۸-۳۷۳-۷۸۸۸"
    number = next(run for run in line.runs if "۸" in run.text)
    assert number.text == "۱-۸۸۸-۳۷۳-۷۸۸۸"
    assert number.direction == "ltr"
    # Left to right glyphs of a left-to-right run: clusters never go backwards.
    clusters = [glyph.cluster for glyph in number.glyphs]
    assert clusters == sorted(clusters)
    # The number is drawn left of the word (RTL reading: word first, then number).
    word = next(run for run in line.runs if "ش" in run.text)
    assert number.x < word.x


@pytest.mark.parametrize("number", ["1-888-373-7888", "۱-۸۸۸-۳۷۳-۷۸۸۸", "+1 (888) 373-7888"])
def test_numbers_inside_rtl_text_stay_left_to_right(number: str) -> None:
    text = f"با خط تلفن ملی تماس بگیرید: {number} لطفا"
    levels = embedding_levels(text, True)
    start = text.index(number.lstrip("+("))
    digits = [levels[i] for i in range(start, start + len(number.lstrip("+(")))]
    assert all(level == 2 for level in digits), digits


def test_a_number_and_what_follows_it_keep_their_reading_order() -> None:
    """ "Hotline: 1-888-373-7888, 24 hours": the `24` after the number must not join the
    number's left-to-right run, which would draw it where the number is read (W7, N1)."""
    fonts = FontBook()
    item, _ = _set_line("خط تلفن ملی قاچاق انسان: 1-888-373-7888، 24 ساعت", "fa", fonts)
    runs = {run.text.strip(): run for run in item.lines[0].runs}
    number, hours = runs["1-888-373-7888"], runs["24"]
    # Right to left: the number comes first, so it is drawn right of the 24.
    assert number.x > hours.x
    levels = embedding_levels("انسان: 1-888-373-7888، 24 ساعت", True)
    assert levels[len("انسان: 1-888-373-7888")] == 1  # the comma belongs to the Persian text


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_a_number_spelled_in_letters_is_drawn_whole(language: str) -> None:
    """CAST's `1-888-KEY-2-FREE (1-888-539-2373)` in right-to-left text, drawn as one
    left-to-right number, brackets included: the letters split it into five pieces and
    put its closing bracket, mirrored, at its far end before."""
    number = "1-888-KEY-2-FREE (1-888-539-2373)"
    text = f"CAST (کالیفرنیا): {number}"
    levels = embedding_levels(text, True)
    start = text.index(number)
    assert all(level % 2 == 0 for level in levels[start : start + len(number)])
    item, _ = _set_line(text, language, FontBook())
    drawn = "".join(run.text for run in item.lines[0].runs if run.direction == "ltr")
    assert number in drawn  # its runs, left to right as drawn, spell it in order


@pytest.mark.parametrize("number", ["80%", "2.5%", "۸۰٪"])
def test_a_percentage_keeps_its_sign(number: str) -> None:
    """`80%` in Persian text: the sign was drawn apart, past the next word (issue 5 review)."""
    text = f"از میان جوانان SafetyNet، {number} سابقهٔ بازداشت دارند"
    item, _ = _set_line(text, "fa", FontBook())
    assert number in drawn_left_to_right(item.lines[0])


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("تیم H.E.A.R.T.", "H.E.A.R.T."),  # the last full stop is the abbreviation's
        (
            "تیم H.E.A.R.T. (Alameda County District Attorney's Office) با گروه‌های محلی",
            "H.E.A.R.T. (Alameda County District Attorney's Office)",  # brackets as rule N0
        ),
    ],
)
def test_latin_text_keeps_its_punctuation_in_persian_text(text: str, whole: str) -> None:
    """A script reader saw `.H.E.A.R.T` and `(Attorney's Office` in the fa brochure."""
    item, _ = _set_line(text, "fa", FontBook())
    assert whole in drawn_left_to_right(item.lines[0])


def test_a_number_after_latin_text_is_read_after_it() -> None:
    """`از میان جوانان SafetyNet، 80% سابقهٔ`: the number stands alone, as an isolate
    would, so SafetyNet is read first (drawn right of 80%); as one left-to-right group,
    a reader met `80%` first (a script reader's review of the fa brochure)."""
    item, _ = _set_line("از میان جوانان SafetyNet، 80% سابقهٔ بازداشت", "fa", FontBook())
    runs = {run.text.strip(" ،"): run for run in item.lines[0].runs}
    assert runs["SafetyNet"].x > runs["80%"].x
    # A line with no right-to-left letter stays one left-to-right group, as UAX #9 has it.
    item, _ = _set_line("TTY: 711", "fa", FontBook())
    assert [run.text for run in item.lines[0].runs] == ["TTY: 711"]


def test_a_number_drawn_out_of_order_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """The preflight proves every number in right-to-left text is drawn whole: with the
    engine's old number pattern (no letters), the fa brochure's CAST line fails."""
    old = re.compile(r"[+(]?\d+(?:(?:[-\u2010\u2011./:,\u066b\u066c]|\)?[ \u00a0]\(?|\))\d+)*\)?")
    monkeypatch.setattr(bidi, "NUMBER", old)
    with pytest.raises(BuildError) as raised:
        build_material("brochure", language="fa", check=False)
    found = [d for d in raised.value.diagnostics if d.code == "check.number-order"]
    assert found
    # (the line breaks before the bracketed number since Persian is drawn at its optical size)
    assert "`1-888-KEY-2-FREE` in slot `help/resources`" in found[0].message


def test_latin_names_and_urls_in_rtl_text_stay_whole() -> None:
    fonts = FontBook()
    item, _ = _set_line(
        "به https://humantraffickinghotline.org و Polaris Project مراجعه کنید", "fa", fonts
    )
    texts = [run.text for run in item.lines[0].runs]
    assert "https://humantraffickinghotline.org" in texts
    assert "Polaris Project" in texts


def test_latin_and_cjk_runs_are_not_shaped() -> None:
    fonts = FontBook()
    for language, text in (
        ("en", "Call 1-888-373-7888 now"),
        ("zh-Hans", "请拨打热线：1-888"),
        ("ko", "전국 인신매매 핫라인"),
        ("vi", "Đường dây nóng"),
    ):
        item, _ = _set_line(text, language, fonts)
        line = item.lines[0]
        assert not any(run.shaped for run in line.runs)
        assert line.source_text is None
        assert line.text == text
