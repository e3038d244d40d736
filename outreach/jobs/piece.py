"""Build one job: lay out, check and render one material in one language and size.

Input: a `Project`, a pack name and a `Job`. Output: a `BuiltPiece` that passed every
Document check and the PDF preflight, or None with diagnostics. `build_material` is the
one obvious call for scripts.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from outreach.checks.collisions import check_collisions
from outreach.checks.contacts import check_printed_contacts
from outreach.checks.crossings import check_crossings
from outreach.checks.document import check_document, check_reading_level
from outreach.checks.images import check_images
from outreach.checks.inks import check_inks
from outreach.checks.marks import check_marks
from outreach.core.diagnostics import (
    BuildError,
    Diagnostics,
    Location,
    choice_hints,
)
from outreach.core.document import Document, TextItem
from outreach.core.model import Pack
from outreach.core.resources import bundled_root, display_path
from outreach.jobs.coverage import check_translated
from outreach.jobs.job import Job
from outreach.jobs.project import DEFAULT_PACK, BuiltPiece, Project
from outreach.layout import layout_piece
from outreach.layout.paint import branded
from outreach.layout.spec import available_materials, folders_of, layout_file, load_layout
from outreach.layout.spec.sheets import has_card_section
from outreach.render.pdf_data import discard


def build_job(project: Project, pack_name: str, job: Job, diags: Diagnostics) -> BuiltPiece | None:
    """Lay out, check and render one job; None (with diagnostics) if anything is wrong.

    The Document checks (type size, contrast, small text in one ink) run on every job; an
    error among them stops the build like any other.
    """
    built = _make_piece(project, pack_name, job, diags)
    if built is None:
        return None
    before = diags.error_count
    check_document(built.document, diags)
    check_marks(built.document, diags)
    profile = project.profiles(diags).get(built.document.profile)
    check_inks(built.document, diags, profile.ink_limit if profile else 300.0)
    check_images(built.document, diags)
    check_collisions(built.document, project.fonts, diags)
    check_crossings(built.document, project.fonts, diags)
    pack = project.pack(pack_name, diags)
    if pack is not None:
        check_printed_contacts(built.document, project.directory(pack), diags)
    if project.check_pdf:
        # The preflight's readers (pdfium, zxing-cpp, Pillow's filters, pypdf) load only
        # when a PDF is checked: `check=False` does not pay for them (issue 14).
        from outreach.checks.preflight import check_built_pdf

        check_built_pdf(
            built.pdf, built.document, built.file_name, diags, run_payloads=built.run_payloads
        )
    if pack is not None:
        built = _review_status(project, pack, built, diags)
    if built.document.language == "en":
        piece = project.piece(pack, "en", diags) if pack else None
        sections = VICTIM_FACING.get(job.material, ())
        if piece is not None and sections:
            check_reading_level(
                {
                    key: (text.text, text.location)
                    for key, text in piece.texts.items()
                    if key.split(".", 1)[0] in sections
                },
                diags,
            )
    if diags.error_count > before:
        discard(built.pdf)
        return None
    return built


def printed_entries(document: Document) -> dict[str, list[str]]:
    """The content keys a Document prints, per language: its text items' `keys`.

    Card forms are included; list keys stay as named (`Piece.printed_keys` expands them).
    """
    found: dict[str, dict[str, None]] = {}
    items = [item for _, item in document.text_items()]
    for form in document.forms:
        items.extend(item for item in form.items if isinstance(item, TextItem))
    for item in items:
        keys = [key for key in item.keys if key]
        if keys:
            found.setdefault(item.language, {}).update(dict.fromkeys(keys))
    return {language: list(keys) for language, keys in found.items()}


def _review_status(
    project: Project, pack: Pack, built: BuiltPiece, diags: Diagnostics
) -> BuiltPiece:
    """Count the reviewed entries this piece prints, per language, for the manifest.

    With `--require-reviewed`, a piece that prints a draft is an error; a piece whose own
    entries are all reviewed passes while other entries of its language are drafts.
    """
    review: dict[str, dict[str, int]] = {}
    for language, keys in printed_entries(built.document).items():
        if language == pack.source_language:
            continue
        piece = project.piece(pack, language, diags)
        if piece is None:
            continue
        entries = piece.printed_keys(keys)
        drafts = piece.drafts_among(keys)
        review[language] = {"entries": len(entries), "reviewed": len(entries) - len(drafts)}
        if drafts and project.require_reviewed:
            diags.error(
                "i18n.needs-review",
                f"{built.file_name} prints {len(drafts)} {language} drafts that no reviewer "
                f"has checked, among them `{drafts[0]}`",
                Location(f"{pack.display_root}/locale/{language}.po", key=drafts[0]),
                hints=(f"review them: `outreach i18n review --lang {language}`",),
            )
    if not review:
        return built
    return replace(built, details={**built.details, "review": review})


# Content sections a material prints to the people it is for (read at grade 5-6).
VICTIM_FACING = {
    "poster": ("poster",),
    "wallet-card": ("card",),
    "wallet-card-discreet": ("card_discreet",),
}


def _make_piece(
    project: Project, pack_name: str, job: Job, diags: Diagnostics
) -> BuiltPiece | None:
    # Material-specific builders load on first use: a poster never imports card code.
    if job.material == "notice":
        from outreach.jobs.notice import build_notice

        return build_notice(project, pack_name, job, diags)
    materials = available_materials(project.layouts_dir)
    if job.material not in materials:
        diags.error(
            "build.unknown-material",
            f"material `{job.material}` has no layout",
            Location(display_path(folders_of(project.layouts_dir)[0], project.root)),
            hints=choice_hints(job.material, materials),
        )
        return None
    if job.card is not None or has_card_section(layout_file(project.layouts_dir, job.material)):
        from outreach.jobs.cards import build_card_job

        return build_card_job(project, pack_name, job, diags)
    profile = project.profile(job.profile, diags)
    if profile is None:
        return None
    pack = project.pack(pack_name, diags)
    spec = load_layout(
        layout_file(project.layouts_dir, job.material), project.root, job.size, diags
    )
    if pack is None or spec is None:
        return None
    spec = branded(spec, pack)
    languages = job.language.split("+")
    if len(languages) != spec.languages:
        diags.error(
            "build.language-count",
            f"material `{job.material}` carries {spec.languages} language(s) per copy, "
            f"but the job names {len(languages)} (`{job.language}`)",
            Location(spec.path),
            hints=(
                'write the languages joined by "+", e.g. `languages = ["en+fa"]`'
                if spec.languages > 1
                else "give one language per job; bilingual pieces have their own layouts",
            ),
        )
        return None
    pieces = [project.piece(pack, language, diags) for language in languages]
    if any(p is None for p in pieces):
        return None
    piece, *others = (p for p in pieces if p is not None)
    if not check_translated(spec, (piece, *others), diags):
        return None
    before = diags.error_count
    document = layout_piece(piece, spec, profile, project.fonts, diags, tuple(others))
    if diags.error_count > before:
        return None
    resolved = replace(job, size=spec.size_name)
    name = resolved.file_name(spec.size_name)
    return BuiltPiece(resolved, spec.size_name, name, document, project.render(document, name))


def build_material(
    material: str = "poster",
    *,
    language: str = "en",
    size: str | None = None,
    profile: str = "office",
    pack: str = DEFAULT_PACK,
    project_dir: Path | None = None,
    check: bool = True,
) -> BuiltPiece:
    """Build one material to bytes: the one obvious call for scripts.

    Raises:
        BuildError: with every diagnostic, if the content or layout has errors.
    """
    project = Project(project_dir or bundled_root(), check_pdf=check)
    diags = Diagnostics()
    built = build_job(project, pack, Job(material, size, language, profile), diags)
    if built is None or diags.has_errors():
        raise BuildError(diags.items)
    return built
