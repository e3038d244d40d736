"""Turn a flow's block of QR codes into code, link and caption items, stacked down a frame.

Input: a `FlowBlock` of QR specs, the rectangle the flow gave it, and the page's `Context`.
Output: the codes' `QrItem`s and `LinkItem`s, and caption `TextItem`s that print each
code's link beside it; `layout.overflow` when a caption does not fit beside its code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from outreach.core.diagnostics import Location
from outreach.core.document import Item, LinkItem, QrItem, Rect, TextItem
from outreach.core.layout_specs import FlowBlock, QrSpec
from outreach.layout.charts import Context
from outreach.layout.qr import QUIET_ZONE, qr_matrix
from outreach.layout.qr_target import (
    check_module_size,
    find_qr_target,
    report_unknown_target,
    spec_target,
)
from outreach.layout.roles import role_paragraph
from outreach.layout.text import Paragraph, set_paragraphs

# How a flow finds the paragraphs of a content key (its `_paragraphs`).
Paragraphs = Callable[[str, str, bool], list[tuple[Paragraph, Location]]]
QR_GAP = 8.0  # points between the codes of a QR block, and between a code and its caption


def qr_block(
    block: FlowBlock, rect: Rect, name: str, ctx: Context, *, rtl: bool, find_paragraphs: Paragraphs
) -> list[Item]:
    """Codes stacked down the frame, each with its caption and printed link beside it.

    The code starts the line: at the left, or at the right in a right-to-left language.
    """
    items: list[Item] = []
    x = rect.right - block.qr_size if rtl else rect.x
    for index, spec in enumerate(block.qrs):
        top = rect.y + index * (block.qr_size + QR_GAP)
        items.extend(
            _qr(
                spec,
                Rect(x, top, block.qr_size, block.qr_size),
                rect.w - block.qr_size - QR_GAP,
                f"{name}/qr-{index}",
                block,
                ctx,
                rtl=rtl,
                find_paragraphs=find_paragraphs,
            )
        )
    return items


def _qr(
    spec: QrSpec,
    square: Rect,
    caption_width: float,
    name: str,
    block: FlowBlock,
    ctx: Context,
    *,
    rtl: bool,
    find_paragraphs: Paragraphs,
) -> list[Item]:
    pack = ctx.piece.pack
    scheme, key = spec_target(spec)
    target = find_qr_target(pack, scheme, key)
    if target is None:
        report_unknown_target(
            pack,
            scheme,
            key,
            ctx.diags,
            subject=f"QR code `{name}`",
            location=block.location,
        )
        return []
    matrix = qr_matrix(target.data, spec.error_correction)
    check_module_size(
        square.w,
        len(matrix),
        ctx.spec,
        ctx.diags,
        subject=f"QR code `{name}`",
        location=block.location,
        hints=(f"make the codes' `size` larger in {ctx.spec.path}",),
    )
    items: list[Item] = [
        QrItem(
            name,
            square,
            target.data,
            matrix,
            QUIET_ZONE,
            ctx.black,
            block.location,
            spec.error_correction,
            alt=target.printed,
            language=ctx.piece.language,
        ),
    ]
    if ctx.links:  # press files have none (PDF/X, issue 20)
        items.append(LinkItem(name + "-link", square, target.url, language=ctx.piece.language))
    paragraphs: list[Paragraph] = []
    source = block.location
    if spec.caption_key:
        found = find_paragraphs(spec.caption_key, spec.caption_role, False)
        paragraphs.extend(replace(p, min_size=p.size, space_after=0.15) for p, _ in found)
        if found:
            source = found[0][1]
    role = ctx.spec.roles[spec.caption_role]
    # The link is printed beside its code: a watched phone may not be safe to scan with.
    # It is set in the piece's language so that it lines up with its caption.
    paragraphs.append(
        role_paragraph(
            target.printed,
            role,
            ctx.facts,
            ctx.paint(role.color),
            language=ctx.piece.language,
            bold=True,
            min_size=role.size,
            space_after=0.0,
        )
    )
    result = set_paragraphs(paragraphs, caption_width, square.h, ctx.fonts)
    if result.too_wide is not None or result.height > square.h + 0.01:
        ctx.diags.error(
            "layout.overflow",
            f"the caption of QR code `{name}` does not fit beside it "
            f"(needs {result.height:.0f}pt, has {square.h:.0f}pt)",
            source,
            hints=("shorten the caption, or make the codes' `size` larger",),
        )
    x = square.x - QR_GAP - caption_width if rtl else square.right + QR_GAP
    y = square.y + max(0.0, (square.h - result.height) / 2)
    items.append(
        TextItem(
            name + "-caption",
            Rect(x, square.y, caption_width, square.h),
            result.placed(x, y),
            paragraphs[0].size,
            paragraphs[0].size,
            ctx.piece.language,
            Location(source.path, source.line, source.column, f"{spec.caption_key} -> {name}"),
            (spec.caption_key or "",),
        )
    )
    return items
