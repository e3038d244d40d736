"""Line breaking: UAX #14, kinsoku, unbreakable numbers and URLs, Korean, Khmer, NFC."""

from __future__ import annotations

import itertools
import sys
import unicodedata

import pytest
from uniseg.linebreak import line_break as uniseg_line_break
from uniseg.linebreak import line_break_breakables

from outreach.core.diagnostics import Location
from outreach.core.document import Document, Metadata, Page, Rect, TextItem
from outreach.core.text_lines import Paint
from outreach.fonts import FontBook
from outreach.jobs.specimen import load_specimen
from outreach.layout.text import Paragraph, SetText, parse_spans, set_paragraphs
from outreach.render.draw import render_pdf
from outreach.text.linebreak import find_breaks, line_break, uax14
from tests import pdfread

BLACK = Paint("rgb", (0.0, 0.0, 0.0))
HOTLINE = "1-888-373-7888"
URL = "https://humantraffickinghotline.org"
CLOSING = "。，、）」』】〕〉》．，：；？！ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ"
OPENING = "（「『【〔〈《"


def _set(text: str, language: str, width: float, size: float = 12.0) -> SetText:
    fonts = FontBook()
    paragraph = Paragraph(
        parse_spans(text),
        size,
        size,
        1.3,
        0.0,
        fonts.font_for(language, "regular"),
        fonts.font_for(language, "bold"),
        BLACK,
        language=language,
    )
    return set_paragraphs([paragraph], width, 10_000, fonts)


def test_uax14_matches_uniseg_on_every_sample_text() -> None:
    specimen = load_specimen()
    texts = [t.sentence for t in specimen.texts.values()]
    texts += [
        "Call 1-888-373-7888 or text HELP to 233733 (24/7). Visit https://a.org/x now!",
        "well-known «quoted» “curly” [brackets] 10% $5 — dash – en",
        "（全天候）「你好」、ー、ぁ。请拨打：400-123-4567。",
    ]
    for text in texts:
        ours = [1 if b else 0 for b in uax14(text)]
        reference = [1 if b else 0 for b in line_break_breakables(text)]
        ours[0] = reference[0] = 0
        assert ours == reference, text


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant", "ja"])
def test_cjk_kinsoku_and_whole_numbers_at_every_width(language: str) -> None:
    sentence = load_specimen().texts[language].sentence
    text = f"{sentence}。（全天候）「热线」{URL}、{sentence}，233733。"
    for width in range(60, 400, 7):
        lines = [line.text for line in _set(text, language, float(width)).lines]
        joined = "".join(lines)
        assert joined == text.replace(" ", ""), width
        for previous, line in itertools.pairwise(lines):
            assert line[0] not in CLOSING, (width, previous, line)
            assert previous[-1] not in OPENING, (width, previous, line)
        for whole in (HOTLINE, URL, "233733"):
            assert any(whole in line for line in lines), (width, whole, lines)


@pytest.mark.parametrize("language", ["en", "es", "vi", "hi", "fa", "ar", "km", "ko", "pa"])
def test_hotline_url_and_code_never_split(language: str) -> None:
    sentence = load_specimen().texts[language].sentence
    text = f"{sentence} {URL} 233733 {sentence}"
    for width in range(240, 520, 11):
        lines = [line.text for line in _set(text, language, float(width), 11).lines]
        for whole in (URL, "233733"):
            assert any(whole in line for line in lines), (width, whole, lines)
        number = "۱-۸۸۸-۳۷۳-۷۸۸۸" if language == "fa" else HOTLINE
        assert sum(line.count(number) for line in lines) == 2, (width, lines)


@pytest.mark.parametrize("language", ["en", "es", "zh-Hant"])
def test_vanity_numbers_never_split(language: str) -> None:
    """The 52.6 notice prints CAST as 1-888-KEY-2-FRE(EDOM): one number, never two lines."""
    text = (
        "Llame a CAST al 1-888-KEY-2-FRE(EDOM) o al 1-888-539-2373, o al "
        "1-888-KEY-2-FREE, para obtener ayuda y servicios."
    )
    for width in range(120, 420, 7):
        lines = [line.text for line in _set(text, language, float(width), 11).lines]
        for whole in ("1-888-KEY-2-FRE(EDOM)", "1-888-KEY-2-FREE", "1-888-539-2373"):
            assert any(whole in line for line in lines), (width, whole, lines)


def test_korean_breaks_between_words() -> None:
    text = load_specimen().texts["ko"].sentence
    words = set(text.split(" "))
    for width in range(90, 400, 13):
        for line in _set(text, "ko", float(width)).lines:
            assert set(line.text.split(" ")) <= words, (width, line.text)


def test_korean_word_wider_than_line_breaks_between_syllables() -> None:
    result = _set("인신매매를당하고있다면전국인신매매핫라인", "ko", 60.0)
    assert result.too_wide is None
    assert len(result.lines) > 1


def test_khmer_breaks_only_at_zero_width_spaces_and_spaces() -> None:
    text = load_specimen().texts["km"].sentence
    breaks = find_breaks(text, "km").normal
    for index in range(1, len(text)):
        if breaks[index]:
            assert text[index - 1] in "\u200b ", (index, text[index - 1 : index + 1])
    lines = _set(text, "km", 150.0).lines
    assert len(lines) > 3

    # The zero-width space at a line end is dropped; inside a line it draws nothing.
    def bare(value: str) -> str:
        return value.replace("\u200b", "").replace(" ", "")

    assert bare("".join(line.text for line in lines)) == bare(text)


def test_unbreakable_piece_wider_than_box_is_reported() -> None:
    result = _set(f"Visit {URL} today", "en", 80.0)
    assert result.too_wide == URL
    assert not result.fits


def test_vietnamese_nfd_prints_as_nfc() -> None:
    nfc = load_specimen().texts["vi"].sentence
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    set_nfc, set_nfd = _set(nfc, "vi", 260.0), _set(nfd, "vi", 260.0)
    assert [line.text for line in set_nfd.lines] == [line.text for line in set_nfc.lines]
    fonts = FontBook()
    images = []
    for result in (set_nfc, set_nfd):
        item = TextItem(
            "t", Rect(10, 10, 260, 200), result.placed(10, 10), 12, 12, "vi", Location("test")
        )
        document = Document(
            "t",
            "t",
            "vi",
            "office",
            "rgb",
            (Page("p", 280, 220, 0, 0, (item,)),),
            Metadata("t", "a", "s", "vi"),
        )
        images.append(pdfread.render(render_pdf(document, fonts), 0, 100).tobytes())
    assert images[0] == images[1]


def test_the_line_break_file_is_uniseg_for_every_code_point() -> None:
    # text/line_break.txt stands for uniseg at run time (issue 14: importing uniseg loads
    # importlib.metadata and email); `python tools/line_break_table.py` rewrites it.
    differ = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if line_break(chr(code)) != str(uniseg_line_break(chr(code)))
    ]
    assert not differ, f"{len(differ)} code points differ, first {differ[:5]}"
