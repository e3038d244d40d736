"""Layout snapshots: the laid-out Document as diffable text, reviewed like code.

One file per layout x language in tests/golden/ (`<material>.<language>.txt`): every item's
slot, box in mm, type size (and the size it asked for) and lines. A change in wrapping,
shrinking or placement shows as a plain diff. `pytest --update-golden` rewrites them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach.core.diagnostics import Diagnostics
from outreach.core.document import Document, LineItem, QrItem, RectItem, TextItem
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project

GOLDEN = Path(__file__).parent / "golden"
MM = 72 / 25.4


def dump_document(document: Document) -> str:
    """A deterministic text picture of a Document (lengths in mm from the trim's corner)."""
    out = []
    for number, page in enumerate(document.pages, start=1):
        out.append(
            f"page {number} {page.name}  trim {page.width / MM:.1f}x{page.height / MM:.1f}mm"
            f"  bleed {page.bleed / MM:.1f}mm"
        )
        for item in page.items:
            if isinstance(item, LineItem):
                continue  # marks and rules: covered by the geometry tests
            rect = item.rect
            where = (
                f"x={rect.x / MM:6.1f} y={rect.y / MM:6.1f} "
                f"w={rect.w / MM:5.1f} h={rect.h / MM:5.1f}"
            )
            if isinstance(item, TextItem):
                sizes = f"{item.size:g}pt" + (
                    f" (from {item.requested_size:g}pt)" if item.size != item.requested_size else ""
                )
                out.append(f"  text  {item.slot:18} {where}  {sizes}  lines={len(item.lines)}")
                out.extend(f"        | {line.text}" for line in item.lines)
            elif isinstance(item, QrItem):
                out.append(
                    f"  qr    {item.slot:18} {where}  modules={item.modules}  data={item.data}"
                )
            elif isinstance(item, RectItem):
                out.append(f"  rect  {item.slot:18} {where}")
    return "\n".join(out) + "\n"


CASES = [("poster", "letter", "en"), ("poster", "letter", "es"), ("wallet-card", "cr80", "en")]


@pytest.mark.parametrize(
    ("material", "size", "language"), CASES, ids=[f"{m}.{lang}" for m, _, lang in CASES]
)
def test_layout_matches_snapshot(
    project: Project, material: str, size: str, language: str, update_golden: bool
) -> None:
    diags = Diagnostics()
    built = build_job(project, "alameda-heart", Job(material, size, language, "office"), diags)
    assert built is not None, [d.short() for d in diags.errors]
    actual = dump_document(built.document)
    target = GOLDEN / f"{material}.{language}.txt"
    if update_golden or not target.exists():
        target.write_text(actual, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote a new snapshot {target.name}: review it, then run again")
        return
    assert actual == target.read_text(encoding="utf-8"), (
        f"the layout changed; if that is intended, run `pytest --update-golden` and review "
        f"the diff of {target.name}"
    )
