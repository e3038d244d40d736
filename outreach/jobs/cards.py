"""Build a wallet-card job: single cards, an imposed sheet or print run, or the alignment test.

Input: a project, a pack and a card `Job` (sheet, sites, QR choice). Output: a `BuiltPiece`
whose manifest details list the sheets and, for a print run, every site and its codes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from outreach.checks.collisions import collision_checked_pages
from outreach.checks.contacts import checked_pages, directory_of
from outreach.checks.crossings import crossing_checked_pages
from outreach.checks.marks import marks_checked
from outreach.content.sites import load_sites
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.model import Contact
from outreach.core.units import to_mm
from outreach.jobs.coverage import check_translated
from outreach.jobs.job import CardOptions, Job
from outreach.jobs.project import BuiltPiece, Project
from outreach.layout.card import CardLayouter
from outreach.layout.card_codes import QrChoice
from outreach.layout.imposition import CardRun, alignment_document
from outreach.layout.paint import branded
from outreach.layout.sheet_plan import plan_sheet
from outreach.layout.spec import layout_file, layout_sizes, load_layout
from outreach.layout.spec.sheets import load_card_spec


def _qr_choice(options: CardOptions) -> QrChoice | None:
    if options.qr is None:
        return None
    scheme, key = options.qr.split(":", 1)
    return QrChoice("https" if scheme == "link" else scheme, key, options.tracking)


def build_card_job(
    project: Project, pack_name: str, job: Job, diags: Diagnostics
) -> BuiltPiece | None:
    """Build a wallet-card job: single cards, an imposed sheet or run, or the alignment test.

    A print run for a site list is checked site by site before anything is drawn, then
    its sheets are streamed into the PDF (issue 3).
    """
    options = job.card or CardOptions()
    profile = project.profile(job.profile, diags)
    if profile is None:
        return None
    file = layout_file(project.layouts_dir, job.material)
    pack = project.pack(pack_name, diags)
    spec = load_layout(file, project.root, job.size, diags)
    card_spec = load_card_spec(file, project.root, diags)
    sites = load_sites(Path(options.sites), project.root, diags) if options.sites else None
    if pack is None or spec is None or card_spec is None or (options.sites and sites is None):
        return None
    spec = branded(spec, pack)
    languages = job.language.split("+")
    if len(languages) > 2:
        diags.error(
            "build.language-count",
            f"a wallet card has two sides, so at most two languages (`{job.language}`)",
            Location(spec.path),
            hints=('write e.g. `languages = ["en+es"]`: front in English, back in Spanish',),
        )
        return None
    piece = project.piece(pack, languages[0], diags)
    back_piece = project.piece(pack, languages[1], diags) if len(languages) == 2 else None
    if piece is None or (len(languages) == 2 and back_piece is None):
        return None
    # A two-language card: each side's language is asked for the card's entries.
    sides = [
        check_translated(spec, [p], diags, sites=sites is not None)
        for p in (piece, back_piece)
        if p is not None
    ]
    if not all(sides):
        return None
    before = diags.error_count
    qr = _qr_choice(options)
    varying = bool(sites and qr and qr.tracking and any(s.campaign for s in sites.sites))
    layouter = CardLayouter(
        piece,
        spec,
        card_spec,
        profile,
        project.fonts,
        diags,
        qr=qr,
        varying_qr=varying,
        cut_guide=options.cut_guide,
        back_piece=back_piece,
        organization=options.organization,
    )
    resolved = replace(job, size=spec.size_name)
    offered = layout_sizes(file, project.root, diags)
    name = resolved.file_name(spec.size_name, offered[1] if offered else None)
    if options.sheet is None:
        document = layouter.document()
        if diags.error_count > before:
            return None
        return BuiltPiece(resolved, spec.size_name, name, document, project.render(document, name))
    plan = plan_sheet(
        card_spec,
        spec,
        profile,
        sheet=options.sheet,
        imposition=options.imposition,
        duplex=options.duplex,
        order=options.order,
        diags=diags,
    )
    if plan is None:
        return None
    sheet_info: dict[str, object] = {
        "card_size": spec.size_name,
        "card_trim_mm": [round(to_mm(spec.width), 2), round(to_mm(spec.height), 2)],
        "card_bleed_mm": round(to_mm(plan.bleed), 2),
        "sheet_mm": [round(to_mm(plan.width), 2), round(to_mm(plan.height), 2)],
        "imposition": plan.imposition.name,
        "cards_per_sheet": plan.per_sheet,
        "duplex": plan.duplex,
    }
    if options.alignment_test:
        document = alignment_document(
            plan,
            profile,
            project.fonts,
            job=name.removesuffix(".pdf"),
            material=spec.material,
            size=spec.size_name,
        )
        return BuiltPiece(
            resolved,
            spec.size_name,
            name,
            document,
            project.render(document, name),
            details=sheet_info,
        )
    run = CardRun(layouter, plan, sites, job=name.removesuffix(".pdf"), diags=diags)
    if diags.error_count > before:
        return None
    local_lines = tuple(
        Contact(
            f"site {site.id}",
            site.name,
            "voice",
            site.local_contact,
            site.local_dial,
            site.location,
        )
        for site in (sites.sites if sites else ())
        if site.local_contact and site.local_dial
    )
    directory = directory_of(pack, local_lines)
    pages = crossing_checked_pages(
        collision_checked_pages(
            marks_checked(run.pages(), run.document, diags), run.document, project.fonts, diags
        ),
        run.document,
        project.fonts,
        diags,
    )
    pdf = project.render(run.document, name, checked_pages(pages, run.document, directory, diags))
    shared = list(run.shared_payloads)
    payloads = sorted(set(shared) | {p for s in run.sites for p in s.payloads})
    sheet_info.update(
        {
            "trim_mm": sheet_info["sheet_mm"],  # the file's pages are whole sheets, cut later
            "bleed_mm": 0.0,
            "order": plan.order,
            "sheets": run.sheets,
            "pages": 2 * run.sheets,
            "cards": run.total,
            "qr_payloads": payloads,
        }
    )
    if sites is not None:
        sheet_info["site_list"] = sites.path
        sheet_info["sites"] = [
            {
                "id": entry.site.id,
                "name": entry.site.name,
                "cards": entry.site.quantity,
                "first_card": entry.first + 1,
                "local_contact": entry.site.local_contact,
                "qr_payloads": sorted(set(shared) | set(entry.payloads)),
            }
            for entry in run.sites
        ]
    return BuiltPiece(
        resolved,
        spec.size_name,
        name,
        run.document,
        pdf,
        details=sheet_info,
        run_payloads=tuple(payloads),
    )
