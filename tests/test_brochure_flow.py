"""Flowing sections through panels, overflow, and mistakes in folded layouts (issue 4)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from outreach import build_material
from outreach.core.diagnostics import BuildError, Diagnostics
from outreach.core.document import Document, TextItem
from outreach.jobs.project import Project
from outreach.layout import layout_piece
from outreach.layout.spec import layout_file, load_layout

SENTENCE = (
    " Traffickers often promise a good job, a place to live or a better life, and then take"
    " away the person's papers, money or freedom to leave."
)


def edit(path: Path, change: Callable[[str], str]) -> None:
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the test's edit did not apply"
    path.write_text(after, encoding="utf-8")


def content(project: Path) -> Path:
    return project / "content" / "alameda-heart" / "content.yaml"


def layout(project: Path) -> Path:
    return project / "layouts" / "brochure.yaml"


def lengthen(key: str, times: int) -> Callable[[str], str]:
    """Append `times` sentences to the folded scalar `<key>:` (a `>-` block) of content.yaml."""

    def change(text: str) -> str:
        section, name = key.split(".")
        lines = text.split("\n")
        at = lines.index(f"{section}:")
        at = lines.index(f"  {name}: >-", at)
        end = at + 1
        while end < len(lines) and lines[end].startswith("    "):
            end += 1
        lines.insert(end, "    " + (SENTENCE * times).strip())
        return "\n".join(lines)

    return change


def lay_out(project: Path, size: str = "letter") -> tuple[Document | None, Diagnostics]:
    """Lay out the brochure and return the document even when there are errors."""
    diags = Diagnostics()
    proj = Project(project)
    pack = proj.pack("alameda-heart", diags)
    spec = load_layout(layout_file(proj.layouts_dir, "brochure"), proj.root, size, diags)
    if pack is None or spec is None:
        return None, diags
    piece = proj.piece(pack, "en", diags)
    assert piece is not None
    profile = proj.profiles(diags)["office"]
    return layout_piece(piece, spec, profile, proj.fonts, diags), diags


def story(document: Document) -> list[TextItem]:
    return [
        i
        for i in document.pages[1].text_items()
        if i.slot.startswith("story/") and "/chart" not in i.slot
    ]


def frame_of(item: TextItem) -> int:
    """Which inside panel (0, 1, 2) a text item is in, from its left edge."""
    return int(item.rect.x // (3.6875 * 72))


def check_flow_rules(document: Document) -> None:
    """No title ends a panel, and a split paragraph keeps two lines on each side."""
    items = story(document)
    titles = {
        "about.title",
        "red_flags.title",
        "csec.title",
        "risk_factors.title",
        "global_facts.title",
        "heart_team.title",
    }
    for index, item in enumerate(items):
        if item.keys[0] in titles:
            assert index + 1 < len(items), item.keys
            assert frame_of(items[index + 1]) == frame_of(item), item.keys
        pieces = [i for i in items if i.keys == item.keys and i.source == item.source]
        if len(pieces) > 1:
            assert all(len(p.lines) >= 2 for p in pieces), [p.text for p in pieces]


def pack_file(project: Path) -> Path:
    return project / "content" / "alameda-heart" / "pack.yaml"


def drop_sections(project: Path, first: str, until: str) -> None:
    """Remove the pack's sections `first` up to (not including) `until` (pack.yaml)."""

    def change(text: str) -> str:
        start = text.index(f"  - id: {first}\n")
        end = text.index(f"  - id: {until}\n")
        return text[:start] + text[end:]

    edit(pack_file(project), change)


@pytest.mark.parametrize("extra", [0, 2, 4, 6, 8])
def test_long_sections_flow_on_without_orphaned_titles(project_copy: Path, extra: int) -> None:
    """Grow the first section step by step: whatever moves, the rules hold."""
    if extra:
        edit(content(project_copy), lengthen("about.vulnerability", extra))
    document, diags = lay_out(project_copy)
    assert not diags.errors, [d.short() for d in diags.errors]
    assert document is not None
    check_flow_rules(document)


@pytest.mark.parametrize("extra", range(0, 16, 3))
def test_with_room_to_spare_text_breaks_by_the_rules(project_copy: Path, extra: int) -> None:
    """With two sections fewer, long text must break across panels instead of shrinking."""
    drop_sections(project_copy, "risk_factors", "heart_team")
    if extra:
        edit(content(project_copy), lengthen("about.vulnerability", extra))
    document, diags = lay_out(project_copy)
    assert not diags.errors, [d.short() for d in diags.errors]
    assert document is not None
    check_flow_rules(document)
    sizes = {i.size == i.requested_size for i in story(document)}
    assert sizes == {True}  # nothing needed to shrink


def test_a_paragraph_breaks_between_lines_across_panels(project_copy: Path) -> None:
    drop_sections(project_copy, "risk_factors", "heart_team")
    edit(content(project_copy), lengthen("about.vulnerability", 14))
    document, diags = lay_out(project_copy)
    assert document is not None
    assert not diags.errors, [d.short() for d in diags.errors]
    pieces = [i for i in story(document) if i.keys == ("about.vulnerability",)]
    assert len(pieces) == 2
    first, second = pieces
    assert frame_of(first) == 0
    assert frame_of(second) == 1
    # The first piece ends near the foot of its panel; the second starts at the top.
    frame_height = 8.5 * 72 - 2 * 0.3125 * 72
    assert first.rect.bottom > 0.3125 * 72 + frame_height - 2 * first.size * 1.38
    assert second.rect.y == pytest.approx(min(i.rect.y for i in story(document)), abs=0.01)
    # Same size and measure on both sides, and the text reads on across the break.
    assert first.size == second.size
    joined = " ".join((first.text + " " + second.text).split())
    assert (SENTENCE * 14).strip() in joined


def test_more_text_adapts_before_body_text_shrinks(project_copy: Path) -> None:
    """Issue 16: spacing tightens, other roles shrink together, then an optional block goes
    and the rest is set again at the designed sizes; body text holds 9 pt throughout."""
    edit(content(project_copy), lengthen("global_facts.body", 9))
    document, diags = lay_out(project_copy)
    assert document is not None
    assert not diags.errors, [d.short() for d in diags.errors]
    items = story(document)
    assert {i.size for i in items if i.requested_size == 9.0} == {9.0}
    assert {round(i.size / i.requested_size, 2) for i in items} == {1.0}
    assert [d.code for d in diags.items] == ["layout.dropped-block"]
    assert "heart_team.body" in diags.items[0].message
    assert not any(i.keys == ("heart_team.body",) for i in items)


@pytest.mark.parametrize(
    ("key", "times"), [("global_facts.body", 30), ("csec.forms", 40), ("about.coercion", 30)]
)
def test_an_over_long_section_fails_with_overflow_naming_it(
    project_copy: Path, key: str, times: int
) -> None:
    section = key.split(".")[0]
    edit(content(project_copy), lengthen(key, times))
    with pytest.raises(BuildError) as caught:
        build_material("brochure", project_dir=project_copy)
    overflow = [d for d in caught.value.diagnostics if d.code == "layout.overflow"]
    assert len(overflow) == 1
    (found,) = overflow
    # Named as the section that runs out of room, or as the longest one pushing others out.
    assert (
        found.message.startswith(f"section `{section}` does not fit")
        or f"; the longest section is `{section}`" in found.message
    ), found.message
    assert "does not fit the panels of flow `story` (left, middle, right)" in found.message
    assert found.location.path == "content/alameda-heart/content.yaml"
    assert found.location.line is not None
    assert any(f"`{section}`" in hint for hint in found.hints)
    # The location is the first line of the section that ran out of room: its title.
    text = content(project_copy).read_text(encoding="utf-8").splitlines()
    assert text[found.location.line - 1].strip().startswith("title:")
    # Nothing is clipped or dropped: every word of the section is still laid out.
    document, _ = lay_out(project_copy)
    assert document is not None
    laid = " ".join(" ".join(i.text.split()) for i in story(document) if i.keys == (key,))
    assert laid.endswith(SENTENCE.strip())
    assert laid.count("Traffickers often promise") == times


# --- mistakes in the layout file -------------------------------------------------------------


LAYOUT_MISTAKES = [
    pytest.param(
        "panels: {left: wide, middle: wide, right: narrow}",
        "panels: {left: narrow, middle: wide, right: wide}",
        (
            "layouts/brochure.yaml:",
            "error[layout.bad-panels]: panel `left` (92.07 mm) is printed behind panel "
            "`front` (93.66 mm); the sides would not fold together",
        ),
        id="inside-panels-do-not-mirror-the-outside",
    ),
    pytest.param(
        "letter: {wide: 3.6875in",
        "letter: {wide: 3.5in",
        ("error[layout.bad-panels]", "add up to"),
        id="panels-do-not-fill-the-page",
    ),
    pytest.param(
        "frames: [left, middle, right]",
        "frames: [left, midle, right]",
        ("error[layout.unknown-panel]: unknown panel `midle`",),
        id="unknown-panel-with-a-suggestion",
    ),
    pytest.param(
        "{id: back-number, kind: text, panel: back, box: [8.5%, 18%, 83%, 6.5%],",
        "{id: back-number, kind: text, panel: back, box: [70%, 18%, 83%, 6.5%],",
        ("error[layout.crosses-fold]: slot `back-number` on page `outside`",),
        id="slot-across-a-fold",
    ),
    pytest.param(
        "duplex: long-edge",
        "duplex: long-edges",
        ("error[layout.bad-value]: duplex `long-edges`",),
        id="unknown-duplex-mode",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), LAYOUT_MISTAKES)
def test_layout_mistake_is_refused(
    project_copy: Path, old: str, new: str, expected: tuple[str, ...]
) -> None:
    edit(layout(project_copy), lambda text: text.replace(old, new, 1))
    with pytest.raises(BuildError) as caught:
        build_material("brochure", project_dir=project_copy)
    errors = [d.short() for d in caught.value.diagnostics]
    assert any(all(part in e for part in expected) for e in errors), errors


def test_a_chart_of_a_million_figure_is_refused(project_copy: Path) -> None:
    """The pack's statistics section draws bars of percentages only."""
    edit(
        pack_file(project_copy),
        lambda t: t.replace(
            "{stat: mental_health, label: risk_factors.mental_health}",
            "{stat: global_victims, label: risk_factors.mental_health}",
        ),
    )
    with pytest.raises(BuildError) as caught:
        build_material("brochure", project_dir=project_copy)
    errors = [d.short() for d in caught.value.diagnostics]
    assert any(
        "error[layout.bad-chart]: statistic `global_victims` is a million figure" in e
        for e in errors
    ), errors


def test_a_chart_without_its_source_is_refused(project_copy: Path) -> None:
    edit(
        content(project_copy),
        lambda t: t.replace(
            'source_safetynet: "Source: {{ stats.runaway_history.source }}"',
            'source_safetynet: "Source: us"',
        ),
    )
    with pytest.raises(BuildError) as caught:
        build_material("brochure", project_dir=project_copy)
    assert any(
        d.code == "layout.missing-source" and "Alameda County DA, SafetyNet" in d.message
        for d in caught.value.diagnostics
    )


def test_short_edge_duplex_keeps_both_sides_upright(project_copy: Path) -> None:
    edit(layout(project_copy), lambda t: t.replace("duplex: long-edge", "duplex: short-edge", 1))
    built = build_material("brochure", project_dir=project_copy)
    assert [page.rotation for page in built.document.pages] == [0, 0]
    assert "flip on short edge" in built.document.metadata.subject


def test_an_unbreakable_word_is_reported_once(project_copy: Path) -> None:
    edit(
        content(project_copy),
        lambda t: t.replace('title: "Red flags"', 'title: "Red flags: ' + "W" * 60 + '"', 1),
    )
    with pytest.raises(BuildError) as caught:
        build_material("brochure", project_dir=project_copy)
    found = [d for d in caught.value.diagnostics if d.code == "layout.overflow"]
    assert len(found) == 1, [d.short() for d in found]
    assert "cannot be broken" in found[0].message
    assert found[0].location.path == "content/alameda-heart/content.yaml"
