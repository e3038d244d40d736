"""Sections in the pack (issue 15): layouts place roles, a pack declares what it says.

The Riverbend test project (`tests/fixtures/riverbend/`) is another organization: five
sections of its own, none of the Alameda pack's content keys, national numbers only. Its
kit builds posters, cards, a card sheet and brochures that pass the preflight; variants
with three short sections and eight long ones show the brochure folding or refusing with
a located error; each mistake in `sections:` is a located diagnostic.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from outreach import BuildError, build, build_material
from outreach.core.diagnostics import Diagnostics
from outreach.jobs.project import Project
from outreach.layout.spec import available_materials, layout_file, load_layout
from tests.conftest import ROOT
from tests.pdfread import decode_qr_codes, render, text

FIXTURE = Path(__file__).parent / "fixtures" / "riverbend"
SENTENCE = (
    "Traffickers often promise a good job, a place to live or a better life, and then use "
    "debts, threats and isolation to keep people from leaving. "
)


@pytest.fixture
def riverbend(tmp_path: Path) -> Path:
    """A copy of the Riverbend project, to edit."""
    project = tmp_path / "riverbend"
    shutil.copytree(FIXTURE, project)
    return project


def pack_yaml(project: Path) -> Path:
    return project / "content" / "riverbend" / "pack.yaml"


def content_yaml(project: Path) -> Path:
    return project / "content" / "riverbend" / "content.yaml"


def replace_sections(project: Path, sections: str, content: str = "") -> None:
    """Give the pack other sections (YAML text of the list) and more English text."""
    path = pack_yaml(project)
    text_ = path.read_text(encoding="utf-8")
    start = text_.index("sections:\n")
    path.write_text(text_[:start] + "sections:\n" + sections, encoding="utf-8")
    if content:
        with content_yaml(project).open("a", encoding="utf-8") as handle:
            handle.write("\n" + content)


def edit(path: Path, old: str, new: str) -> None:
    before = path.read_text(encoding="utf-8")
    assert old in before, old
    path.write_text(before.replace(old, new, 1), encoding="utf-8")


def alameda_texts() -> set[str]:
    """The Alameda pack's content keys (its sections, and every other)."""
    content = (ROOT / "content" / "alameda-heart" / "content.yaml").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([a-z_]+):$", content, re.M)}


# --- another organization's project ---------------------------------------------------------


def test_the_riverbend_kit_builds_every_material_and_passes_the_preflight(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = build(FIXTURE / "kits" / "riverbend.toml", out_dir=out, workers=1, check=True)
    names = {path.name for path in report.outputs}
    for name in (
        "poster-letter-en-press.pdf",
        "wallet-card-cr80-en-press.pdf",
        "wallet-card-discreet-cr80-en-office.pdf",
        "wallet-card-sheet-letter-en-press.pdf",
        "brochure-letter-en-press.pdf",
        "brochure-a4-en-office.pdf",
    ):
        assert name in names
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["files"] if e["file"] == "brochure-letter-en-office.pdf")
    assert set(entry["qr_payloads"]) >= {
        "tel:+18883737888",
        "https://humantraffickinghotline.org",
        "https://polarisproject.org",
    }
    pdf = (out / "brochure-letter-en-office.pdf").read_bytes()
    outside, inside = text(pdf)
    assert "Riverbend Community Health Coalition" in outside
    assert "Where to get help" in outside  # the pack's resources, on the flap
    flat = " ".join(inside.split())
    titles = [
        "Understanding trafficking",
        "Signs to look for",
        "Forced labour around the world",
        "Our promise",
    ]
    places = [flat.find(title) for title in titles]
    assert -1 not in places, places
    assert places == sorted(places), places  # in the pack's order
    assert "27.6 million" in flat
    assert "63%" in flat
    assert "Source: ILO, Walk Free and IOM, 2022" in flat  # the statistic's source
    for alameda in ("SafetyNet", "H.E.A.R.T.", "CAST", "Alameda", "1-866-347-2423"):
        assert alameda not in outside + inside
    # The flap's codes scan to the pack's links.
    codes = set(decode_qr_codes(render(pdf, 0, dpi=150)))
    assert {"https://humantraffickinghotline.org", "https://polarisproject.org"} <= codes


def test_the_riverbend_pack_shares_no_content_key_with_alameda() -> None:
    diags = Diagnostics()
    pack = Project(FIXTURE).pack("riverbend", diags)
    assert pack is not None, [d.short() for d in diags.errors]
    assert len(pack.sections) == 5
    assert [s.kind for s in pack.sections] == [
        "paragraphs",
        "list",
        "statistics",
        "callout",
        "resources",
    ]
    generic = {"poster", "card", "card_discreet", "brochure"}
    families = {key.split(".")[0] for key in pack.texts}
    assert not (families - generic) & alameda_texts(), families & alameda_texts()


def test_three_short_sections_fold_into_the_first_panels(riverbend: Path) -> None:
    replace_sections(
        riverbend,
        """  - {id: short_a, kind: paragraphs, title: short.a_title, text: [short.a]}
  - {id: short_b, kind: list, title: short.b_title, items: short.b}
  - id: get_help
    kind: resources
    title: get_help.title
    text: [get_help.hotline]
    codes: [{link: hotline_site, caption: get_help.hotline_site}]
""",
        """short:
  a_title: "Help is here"
  a: "You are not alone."
  b_title: "You can"
  b: ["call", "text"]
""",
    )
    built = build_material("brochure", pack="riverbend", project_dir=riverbend)
    inside = built.document.pages[1]
    story = [item for item in inside.text_items() if item.slot.startswith("story/")]
    assert {item.slot for item in story} == {"story/short_a", "story/short_b"}
    # All of it in the first panel it reaches, at the size the layout asks for.
    assert len({round(item.rect.x) for item in story}) == 1
    assert all(item.size == item.requested_size for item in story)
    flap = [i for i in built.document.pages[0].text_items() if i.slot.startswith("help/")]
    assert [i.text for i in flap][:1] == ["Where to get help"]


LONG_SECTIONS = (
    "".join(
        f"""  - id: long_{n}
    kind: paragraphs
    title: long.title_{n}
    text: [long.body_{n}, long.more_{n}]
"""
        for n in range(7)
    )
    + """  - id: get_help
    kind: resources
    title: get_help.title
    text: [get_help.hotline, get_help.text, get_help.emergency]
    codes: [{link: hotline_site, caption: get_help.hotline_site}]
"""
)
LONG_CONTENT = "long:\n" + "".join(
    f'  title_{n}: "Part {"ABCDEFG"[n]}"\n'
    f'  body_{n}: "{SENTENCE * 4}"\n'
    f'  more_{n}: "{SENTENCE * 3}"\n'
    for n in range(7)
)


def test_eight_long_sections_overflow_with_a_located_error_that_says_what_to_drop(
    riverbend: Path,
) -> None:
    replace_sections(riverbend, LONG_SECTIONS, LONG_CONTENT)
    with pytest.raises(BuildError) as caught:
        build_material("brochure", pack="riverbend", project_dir=riverbend)
    (found,) = [d for d in caught.value.diagnostics if d.code == "layout.overflow"]
    assert found.location.path == "content/riverbend/content.yaml"
    assert found.location.line is not None
    assert "does not fit the panels of flow `story`" in found.message
    assert any("shorten the longest sections" in hint for hint in found.hints)
    assert any(
        "remove it from `sections:` in content/riverbend/pack.yaml" in hint
        and "`optional: true`" in hint
        for hint in found.hints
    ), found.hints


def test_long_sections_marked_optional_are_left_out_with_a_warning(riverbend: Path) -> None:
    sections = LONG_SECTIONS.replace(
        "  - id: long_5\n", "  - id: long_5\n    optional: true\n"
    ).replace("  - id: long_6\n", "  - id: long_6\n    optional: true\n")
    replace_sections(riverbend, sections, LONG_CONTENT)
    built = build_material("brochure", pack="riverbend", project_dir=riverbend)
    slots = {item.slot for item in built.document.pages[1].text_items()}
    assert "story/long_0" in slots
    assert "story/long_6" not in slots


# --- mistakes in `sections:` ---------------------------------------------------------------


MISTAKES = [
    pytest.param("kind: callout", "kind: sidebar", "content.unknown-kind", id="unknown-kind"),
    pytest.param(
        "text: [our_promise.body]",
        "text: [our_promise.bdy]",
        "content.unknown-text",
        id="missing-content-key",
    ),
    pytest.param(
        "{stat: state_imposed,",
        "{stat: state_imposd,",
        "content.unknown-statistic",
        id="unknown-statistic",
    ),
    pytest.param(
        "{link: polaris, caption",
        "{link: polaris_site, caption",
        "content.unknown-link",
        id="unknown-link",
    ),
    pytest.param(
        "    text: [understand.what, understand.anyone]\n",
        "    text: []\n",
        "content.empty-section",
        id="empty-text",
    ),
    pytest.param(
        "    items: warning_signs.items\n",
        "    items: warning_signs.intro\n",
        "content.type",
        id="items-not-a-list",
    ),
    pytest.param("  - id: world\n", "  - id: understand\n", "content.duplicate-section", id="dup"),
    pytest.param("    title: our_promise.title\n", "", "content.missing-key", id="missing-title"),
]


@pytest.mark.parametrize(("old", "new", "code"), MISTAKES)
def test_a_mistake_in_sections_is_located_in_pack_yaml(
    riverbend: Path, old: str, new: str, code: str
) -> None:
    edit(pack_yaml(riverbend), old, new)
    with pytest.raises(BuildError) as caught:
        build_material("poster", pack="riverbend", project_dir=riverbend)
    found = [d for d in caught.value.diagnostics if d.code == code]
    assert found, [d.short() for d in caught.value.diagnostics]
    lines = pack_yaml(riverbend).read_text(encoding="utf-8").splitlines()
    location = found[0].location
    assert location.path == "content/riverbend/pack.yaml"
    assert location.line is not None
    # At the entry itself, or at its section when the entry is what is missing.
    assert (new and new.strip().split(":")[0].strip("{- ") in lines[location.line - 1]) or lines[
        location.line - 1
    ].startswith("  - id: "), lines[location.line - 1]
    assert found[0].hints


def test_an_empty_list_in_content_is_refused(riverbend: Path) -> None:
    edit(
        content_yaml(riverbend),
        'intro: "Someone may need help if they:"',
        'intro: "Someone may need help if they:"\n  none: []',
    )
    edit(pack_yaml(riverbend), "items: warning_signs.items", "items: warning_signs.none")
    with pytest.raises(BuildError) as caught:
        build_material("poster", pack="riverbend", project_dir=riverbend)
    (found,) = [d for d in caught.value.diagnostics if d.code == "content.empty-section"]
    assert "`warning_signs.none` is empty" in found.message


def test_a_pack_without_sections_builds_a_poster_but_no_brochure(riverbend: Path) -> None:
    path = pack_yaml(riverbend)
    text_ = path.read_text(encoding="utf-8")
    path.write_text(text_[: text_.index("# Five sections")], encoding="utf-8")
    assert build_material("poster", pack="riverbend", project_dir=riverbend).pdf
    with pytest.raises(BuildError) as caught:
        build_material("brochure", pack="riverbend", project_dir=riverbend)
    found = [d for d in caught.value.diagnostics if d.code == "layout.no-sections"]
    assert len(found) == 2  # the inside's sections and the flap's resources
    assert all(d.location.path == "content/riverbend/pack.yaml" for d in found)
    assert all("`sections:`" in d.hints[0] for d in found)


# --- bundled layouts name roles and generic keys only ----------------------------------------

GENERIC = (
    "poster.",
    "poster_signs.",
    "card.",
    "card_discreet.",
    "brochure.",
    "language.",
    "link.",
    "site.",
)
FACTS = ("organization.name", "organization.local_contact")  # a pack's own facts


def test_bundled_layouts_print_generic_keys_only() -> None:
    """No bundled layout names a key of one pack's sections (`about.`, `csec.`...)."""
    diags = Diagnostics()
    project = Project(ROOT)
    for material in available_materials(project.layouts_dir):
        if material == "notice":  # the statute's texts, from notice-52-6.yaml
            continue
        spec = load_layout(layout_file(project.layouts_dir, material), ROOT, None, diags)
        assert spec is not None, [d.short() for d in diags.errors]
        for index in range(spec.languages):
            for key in spec.content_keys(index):
                assert key.startswith(GENERIC) or key in FACTS, (material, key)
        for page in spec.pages:
            for slot in page.slots:
                if slot.kind == "flow":
                    assert slot.pack_sections in ("pack", "resources"), (material, slot.id)


def test_a_resources_code_may_call_or_text_a_contact(riverbend: Path) -> None:
    """`{contact: K}` encodes `tel:`, or `SMSTO:` for a text line, without `scheme`."""
    edit(
        pack_yaml(riverbend),
        "      - {link: polaris, caption: get_help.polaris}\n",
        "      - {contact: hotline_text, caption: get_help.text}\n",
    )
    built = build_material("brochure", pack="riverbend", project_dir=riverbend)
    codes = set(decode_qr_codes(render(built.pdf, 0, dpi=150)))
    assert "SMSTO:233733:HELP" in codes
    assert "https://humantraffickinghotline.org" in codes
