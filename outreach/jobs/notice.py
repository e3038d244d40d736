"""Build a Civil Code 52.6 notice job: choose the languages and the paper, or refuse.

Input: a project, a pack and a notice `Job` (county and extra languages). Output: a
`BuiltPiece` with the PDF and a compliance summary written beside it, or diagnostics.
"""

from __future__ import annotations

import json
from dataclasses import replace

from outreach.content.languages import native_name
from outreach.content.notices import NoticeText, load_notice, unknown_county
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document
from outreach.core.layout_specs import LayoutSpec
from outreach.core.units import to_mm
from outreach.jobs.job import Job
from outreach.jobs.project import BuiltPiece, Project
from outreach.layout.notice import STATUTE_MIN_SIZE, NoticeFit, does_not_fit, layout_notice
from outreach.layout.paint import branded
from outreach.layout.spec import layout_file, layout_sizes, load_layout

MIN_TRIM = (8.5 * 72, 11 * 72)  # the statute's smallest posting


def build_notice(
    project: Project, pack_name: str, job: Job, diags: Diagnostics
) -> BuiltPiece | None:
    """Lay out the notice on the job's paper (or the smallest that fits) and render it."""
    pack = project.pack(pack_name, diags)
    profile = project.profile(job.profile, diags)
    if pack is None or profile is None:
        return None
    notice = load_notice(pack, project.root, diags)
    if notice is None:
        return None
    where = Location(notice.path, key="counties")
    if job.county is not None and job.county not in notice.counties:
        unknown_county(notice, job.county, where, diags)
        return None
    if job.county is None and not job.extra_languages:
        diags.error(
            "notice.no-county",
            "a notice job needs `county` (for its third language) or "
            "an explicit third language in `languages`",
            where,
            hints=('add `county = "alameda"` to the notice job in the kit',),
        )
        return None
    languages = notice.languages_for(job.county, job.extra_languages)
    missing = [language for language in languages if language not in notice.texts]
    for language in missing:
        diags.error(
            "notice.missing-language",
            f"the notice has no `{language}` text",
            Location(notice.path, key="texts"),
            hints=(
                f"add the {language} text (the Attorney General's official one if it "
                "exists) to the notice file",
            ),
        )
    if missing:
        return None
    # The publisher's own line, when pack.yaml names one (organization.local_contact).
    local = None
    if pack.organization.local_contact:
        contact = pack.contacts[pack.organization.local_contact]
        local = f"Local help: **{contact.name}**, {contact.display}"

    def lay_out(spec: LayoutSpec, report: Diagnostics) -> tuple[Document | None, NoticeFit]:
        """This job's notice on one size of paper."""
        return layout_notice(
            notice,
            languages,
            branded(spec, pack),
            profile,
            project.fonts,
            report,
            organization=pack.organization.name,
            local_contact=local,
            font_overrides=pack.fonts,
            pack=pack,
        )

    file = layout_file(project.layouts_dir, "notice")
    offered = layout_sizes(file, project.root, diags)
    if offered is None:
        return None
    sizes = [job.size] if job.size else offered[0]
    first_fit = None
    for size in sizes:
        spec = load_layout(file, project.root, size, diags)
        if spec is None:
            return None
        if spec.width < MIN_TRIM[0] - 0.5 or spec.height < MIN_TRIM[1] - 0.5:
            diags.error(
                "notice.too-small",
                f"size `{size}` is smaller than the 8.5 x 11 in the statute requires",
                Location(spec.path),
                hints=("use letter or larger",),
            )
            return None
        document, fit = lay_out(spec, diags)
        if document is not None:
            resolved = replace(job, size=spec.size_name, language="+".join(languages))
            name = resolved.file_name(spec.size_name)
            summary = _compliance(document, spec.size_name, languages, notice.texts, fit.size)
            return BuiltPiece(
                resolved,
                spec.size_name,
                name,
                document,
                project.render(document, name),
                ((name.removesuffix(".pdf") + ".compliance.json", summary),),
            )
        if first_fit is None:
            first_fit = fit
    # Name the smallest paper that works; with no size asked for, every size was just tried.
    smallest = None
    for candidate in offered[0] if job.size else ():
        if candidate == job.size:
            continue
        spec = load_layout(file, project.root, candidate, Diagnostics())
        if spec is None:
            continue
        document, _ = lay_out(spec, Diagnostics())
        if document is not None:
            smallest = candidate
            break
    assert first_fit is not None
    does_not_fit(sizes[0], first_fit, smallest, languages, Location(notice.path), diags)
    return None


# The coordinator's note for a draft translation: it belongs in the compliance record, not
# on the posting the public reads (issue 16).
BEFORE_POSTING = (
    "unofficial translation: verify it against the Attorney General's published notice "
    "before posting, and replace it with the official text when there is one"
)


def _compliance(
    document: Document,
    size: str,
    languages: tuple[str, ...],
    texts: dict[str, NoticeText],
    chosen_size: float,
) -> bytes:
    page = document.pages[0]
    notice_sizes = [
        run.size
        for item in page.text_items()
        if item.slot.startswith("notice-")
        for line in item.lines
        for run in line.runs
    ]
    report = {
        "statute": "California Civil Code section 52.6",
        "paper": size,
        "trim_in": [round(page.width / 72, 3), round(page.height / 72, 3)],
        "checks": [
            {
                "check": "trim at least 8.5 x 11 in",
                "page": 1,
                "ok": page.width >= MIN_TRIM[0] - 0.5 and page.height >= MIN_TRIM[1] - 0.5,
                "measured_mm": [round(to_mm(page.width), 1), round(to_mm(page.height), 1)],
            },
            {
                "check": "notice text at least 16 pt",
                "page": 1,
                "ok": min(notice_sizes) >= STATUTE_MIN_SIZE,
                "smallest_pt": min(notice_sizes),
                "body_pt": chosen_size,
            },
            {
                "check": "required languages present",
                "page": 1,
                "ok": True,
                "languages": [
                    {
                        "tag": tag,
                        "name": native_name(tag),
                        "official": bool(texts[tag].official),
                        **({"source": texts[tag].source} if texts[tag].source else {}),
                        **({} if texts[tag].official else {"before_posting": BEFORE_POSTING}),
                    }
                    for tag in languages
                ],
            },
        ],
    }
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
