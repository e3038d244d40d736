"""Plan a kit's jobs under the command line's filters.

Input: a loaded `Kit` and `--material`, `--size`, `--lang`, `--profile`. Output: the jobs
to build, in kit order without repeats, or diagnostics for filters that name nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from outreach.core.diagnostics import (
    Diagnostics,
    Location,
    choice_hints,
)
from outreach.core.resources import display_path
from outreach.jobs.job import Job, Kit
from outreach.jobs.project import Project
from outreach.layout.spec import (
    available_materials,
    layout_file,
    layout_sizes,
)


def _job_languages(job: Job, requested: Sequence[str] | None) -> list[str]:
    """The languages a job is built in under `--lang`.

    A single-language job takes each requested language. A multilingual copy (`en+es`) is
    kept when it carries a requested language, or replaced by requested copies of the
    same size (`--lang en+fa`). A notice's languages come from its county, and the duplex
    alignment sheet has none: both are kept as they are.
    """
    if not requested or job.material == "notice" or (job.card and job.card.alignment_test):
        return [job.language]
    carried = job.language.split("+")
    if len(carried) == 1:
        return [tag for tag in requested if "+" not in tag]
    same_size = [tag for tag in requested if len(tag.split("+")) == len(carried)]
    if same_size:
        return same_size
    return [job.language] if set(carried) & set(requested) else []


def plan_jobs(
    kit: Kit,
    project: Project,
    *,
    materials: Sequence[str] | None,
    sizes: Sequence[str] | None,
    languages: Sequence[str] | None,
    profiles: Sequence[str] | None,
    diags: Diagnostics,
) -> list[Job]:
    """The kit's jobs narrowed or widened by the filters; unknown names are diagnostics."""
    jobs: list[Job] = []
    seen: set[Job] = set()  # a kit of thousands of languages plans in linear time
    for job in kit.jobs:
        if materials and job.material not in materials:
            continue
        job_sizes: Sequence[str | None] = sizes or [job.size]
        for language in _job_languages(job, languages):
            for profile in profiles or [job.profile]:
                for size in job_sizes:
                    candidate = replace(job, size=size, language=language, profile=profile)
                    if candidate not in seen:
                        seen.add(candidate)
                        jobs.append(candidate)
    if materials:
        known = set(available_materials(project.layouts_dir))
        for material in materials:
            if material not in known:
                diags.error(
                    "build.unknown-material",
                    f"material `{material}` has no layout",
                    Location(kit.path),
                    hints=choice_hints(material, known),
                )
            elif not any(job.material == material for job in kit.jobs):
                extra_sizes: Sequence[str | None] = sizes or [None]
                jobs.extend(
                    Job(material, size, language, profile)
                    for language in languages or ["en"]
                    for profile in profiles or ["office"]
                    for size in extra_sizes
                )
    if sizes:
        for material in {job.material for job in jobs}:
            offered = layout_sizes(layout_file(project.layouts_dir, material), project.root, diags)
            if offered is None:
                continue
            for size in sizes:
                if size not in offered[0]:
                    diags.error(
                        "build.unknown-size",
                        f"material `{material}` has no size `{size}`",
                        Location(
                            display_path(layout_file(project.layouts_dir, material), project.root)
                        ),
                        hints=choice_hints(size, offered[0]),
                    )
    return jobs
