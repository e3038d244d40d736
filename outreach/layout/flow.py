"""Flow sections through a chain of panel frames.

Input: a flow slot (sections of text, charts and QR codes; frames in reading order) and
the page's `Context`. Output: positioned items, one text item per paragraph piece per
frame. Text breaks only between lines: a title stays with the first lines of its text,
a paragraph leaves at least two lines on each side of a break, and charts and QR codes
are never split. All type shrinks together in 0.5 pt steps down to the roles' minimum
sizes; if the sections still do not fit, `layout.overflow` names the first section that
runs out of room (and the longest section, when that one pushes it out), and the text is
placed below the last frame rather than clipped or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from outreach.content.languages import is_rtl
from outreach.core.diagnostics import Location
from outreach.core.document import Item, Rect, TextItem
from outreach.core.layout_specs import FlowBlock, SlotSpec
from outreach.core.text_lines import TextLine
from outreach.core.values import value_methods
from outreach.layout.charts import Context, draw_chart
from outreach.layout.flow_qr import QR_GAP, qr_block
from outreach.layout.text import (
    SIZE_STEP,
    SPACINGS,
    Paragraph,
    SetText,
    fitted_size,
    set_paragraphs,
    tightened,
    visual_align,
)

MIN_SPLIT = 2  # lines a paragraph keeps on each side of a frame break (no orphans or widows)
# Adapt, then shrink (issue 16): the space between paragraphs and sections is tried at
# the fractions of `SPACINGS` before any type gets smaller; leading never goes below
# FLOW_LEADING_FLOOR in running text (a line of Khmer at 9 pt needs 1.25).
FLOW_LEADING_FLOOR = 1.25


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class _Element:
    """A unit of a flow: a paragraph (lines that may split between frames) or a block."""

    section: int
    kind: str  # "text", "chart" or "qr"
    height: float  # of the whole element
    space_after: float
    keep_with_next: bool
    location: Location
    key: str = ""
    lines: tuple[TextLine, ...] = ()  # text: baselines from the element's top
    line_height: float = 0.0
    size: float = 0.0
    requested: float = 0.0
    block: FlowBlock | None = None
    starts_section: bool = False
    align: str = "left"

    def min_start(self) -> float:
        """The least of this element that may begin a frame's last stretch."""
        if self.kind != "text" or len(self.lines) < 2 * MIN_SPLIT:
            return self.height
        return MIN_SPLIT * self.line_height


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class _Placed:
    """A piece of an element in a frame: lines [start, stop) at `top` inside the frame."""

    element: _Element
    frame: int
    top: float
    start: int = 0
    stop: int = 0


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class _Pagination:
    placed: tuple[_Placed, ...]
    overflow: int | None  # index of the first section that does not fit
    excess: float  # how far the last frame is overfilled, in points


class FlowLayouter:
    """Sets and places one flow slot."""

    def __init__(self, slot: SlotSpec, ctx: Context) -> None:
        self.slot = slot
        self.ctx = ctx
        self.frames = [Rect(b.x, b.y, b.w, b.h) for b in slot.frames]
        # For a right-to-left language the page mirrors the frames, so reading them in
        # their listed order already goes from right to left.
        self.frame_names = list(slot.frame_names)
        self.rtl = is_rtl(ctx.piece.language)
        # One measure for every frame, so lines move between frames without being broken
        # again; the fold-in panel is only 1/16 in narrower.
        self.measure = min(frame.w for frame in self.frames)
        self.failed = False
        self.spacing = 1.0  # the spacing step of the current attempt (`SPACINGS`)
        self.adapt = True  # optical sizes and ink leading (`set_paragraphs`) in this attempt
        self.dropped: list[FlowBlock] = []  # optional blocks left out so that the rest fits
        self.too_wide: dict[str, Location] = {}  # unbreakable words of the current attempt

    # --- setting ------------------------------------------------------------------------

    def _roles(self) -> list[str]:
        names = [self.slot.title_role]
        for section in self.slot.sections:
            names.extend(b.text.role for b in section.blocks if b.text is not None)
        return names

    def _paragraphs(self, key: str, role: str, bullets: bool) -> list[tuple[Paragraph, Location]]:
        found = self.ctx.paragraphs(key, role, bullets, self.slot)
        if found is None:
            self.failed = True
            return []
        return found

    def _text_elements(
        self,
        index: int,
        key: str,
        role: str,
        bullets: bool,
        keep: bool,
        scale: float,
        spacing: float = 1.0,
    ) -> list[_Element]:
        found = self._paragraphs(key, role, bullets)
        elements = []
        for position, (paragraph, location) in enumerate(found):
            size = fitted_size(paragraph, scale)
            fixed = replace(
                tightened(paragraph, spacing, FLOW_LEADING_FLOOR), size=size, min_size=size
            )
            result = set_paragraphs(
                [fixed], self.measure, float("inf"), self.ctx.fonts, adapt=self.adapt
            )
            if result.too_wide is not None:
                self.too_wide.setdefault(result.too_wide, location)
            last = position == len(found) - 1
            elements.append(
                _Element(
                    section=index,
                    kind="text",
                    height=result.height,
                    space_after=fixed.space_after * size,
                    keep_with_next=keep and last,
                    location=location,
                    key=key,
                    lines=result.lines,
                    # the leading the text engine chose (more than the role's for shaped
                    # text whose ink needs it: issue 16); one paragraph, lines evenly spaced
                    line_height=result.height / max(1, result.line_count),
                    size=size,
                    requested=paragraph.size,
                    align=fixed.align,
                )
            )
        return elements

    def _elements(self, scale: float, spacing: float = 1.0) -> list[_Element]:
        elements: list[_Element] = []
        for index, section in enumerate(self.slot.sections):
            first = len(elements)
            if section.blocks and all(block in self.dropped for block in section.blocks):
                continue  # a title alone says nothing
            if section.title:
                elements.extend(
                    self._text_elements(
                        index, section.title, self.slot.title_role, False, True, scale, spacing
                    )
                )
            for block in section.blocks:
                if block in self.dropped:
                    continue
                if block.text is not None:
                    elements.extend(
                        self._text_elements(
                            index,
                            block.text.key,
                            block.text.role,
                            block.text.bullets,
                            block.keep_with_next,
                            scale,
                            spacing,
                        )
                    )
                elif block.chart is not None:
                    # As much space after a chart as after the source line it ends with.
                    role = self.ctx.spec.roles.get(block.chart.source_role)
                    space = role.size * role.space_after if role else 0.0
                    elements.append(
                        _Element(
                            index,
                            "chart",
                            block.chart.height,
                            space,
                            False,
                            block.location,
                            block=block,
                        )
                    )
                else:
                    count = len(block.qrs)
                    height = count * block.qr_size + (count - 1) * QR_GAP
                    elements.append(
                        _Element(index, "qr", height, 0.0, False, block.location, block=block)
                    )
            if len(elements) > first:
                elements[first] = replace(elements[first], starts_section=True)
        return elements

    # --- placing ------------------------------------------------------------------------

    def _gap_before(self, elements: list[_Element], index: int) -> float:
        if index == 0:
            return 0.0
        gap = elements[index - 1].space_after
        if elements[index].starts_section:
            gap += self.slot.section_gap * self.spacing
        return gap

    def _need(self, elements: list[_Element], index: int) -> float:
        """Height that must fit for element `index` to start here (titles bring company)."""
        element = elements[index]
        if not element.keep_with_next or index + 1 >= len(elements):
            return element.min_start()
        return (
            element.height + self._gap_before(elements, index + 1) + self._need(elements, index + 1)
        )

    def _paginate(self, elements: list[_Element]) -> _Pagination:
        placed: list[_Placed] = []
        frame, y = 0, 0.0
        overflow: int | None = None
        last = len(self.frames) - 1
        index, start = 0, 0
        while index < len(elements):
            element = elements[index]
            section = self.slot.sections[element.section]
            height = self.frames[frame].h if overflow is None else float("inf")
            gap = self._gap_before(elements, index) if start == 0 and y > 0 else 0.0
            at_top = y == 0.0
            breaks = start == 0 and not at_top and overflow is None
            if breaks and element.starts_section and section.break_before:
                frame, y, overflow = self._next(frame, last, y, overflow, element.section)
                continue
            if breaks and y + gap + self._need(elements, index) > height + 0.01:
                frame, y, overflow = self._next(frame, last, y, overflow, element.section)
                continue
            y += gap
            if element.kind != "text":
                placed.append(_Placed(element, frame, y))
                y += element.height
                index += 1
                continue
            count = len(element.lines)
            room = (
                int((height - y + 0.01) // element.line_height) if height != float("inf") else count
            )
            if room >= count - start:
                placed.append(_Placed(element, frame, y, start, count))
                y += (count - start) * element.line_height
                index, start = index + 1, 0
                continue
            take = min(room, count - start - MIN_SPLIT)
            if take < MIN_SPLIT and not at_top:
                frame, y, overflow = self._next(frame, last, y, overflow, element.section)
                continue
            take = max(take, 1)  # a frame shorter than two lines: still make progress
            placed.append(_Placed(element, frame, y, start, start + take))
            start += take
            frame, y, overflow = self._next(
                frame, last, y + take * element.line_height, overflow, element.section
            )
        excess = 0.0
        if overflow is not None:
            excess = max(0.0, y - self.frames[last].h)
        return _Pagination(tuple(placed), overflow, excess)

    def _next(
        self, frame: int, last: int, y: float, overflow: int | None, section: int
    ) -> tuple[int, float, int | None]:
        """Move to the next frame; past the last one, keep going below it and remember why."""
        if overflow is not None:
            return frame, y, overflow
        if frame < last:
            return frame + 1, 0.0, None
        return frame, y, section

    # --- items ----------------------------------------------------------------------------

    def layout(self) -> list[Item]:
        """Set the sections at the largest common scale that fits, and place them.

        Adapt, then shrink (issue 16): at each type size the spacing is tightened first
        (space between paragraphs and sections, then leading, never below
        `FLOW_LEADING_FLOOR`), and only when the tightest spacing does not fit does the type
        get smaller, each role down to its own `min_size`. If the flow still does not
        fit, its `optional` blocks are left out, the last listed first, each with a
        `layout.dropped-block` warning; what then still does not fit is an overflow.
        """
        optional = [b for s in self.slot.sections for b in s.blocks if b.optional][::-1]
        while True:
            result, elements = self._fit()
            if self.failed:
                return []
            if result.overflow is None or not optional:
                break
            self.dropped.append(optional.pop(0))
        if result.overflow is not None:
            self.dropped = []  # nothing was gained: report the flow as it is written
            result, elements = self._fit()
        for block in self.dropped:
            assert block.text is not None
            self.ctx.diags.warning(
                "layout.dropped-block",
                f"optional block `{block.text.key}` of flow `{self.slot.id}` is left out "
                f"in `{self.ctx.piece.language}`: the flow does not fit with it, even at "
                "the smallest type sizes",
                block.location,
                hints=(
                    f"shorten the `{self.ctx.piece.language}` text of the flow's longest "
                    "sections to keep it",
                ),
            )
        for word, location in self.too_wide.items():
            self.ctx.diags.error(
                "layout.overflow",
                f"`{word}` is wider than the frames of flow `{self.slot.id}` even at the "
                "smallest type sizes, and cannot be broken",
                location,
                hints=("use a shorter word, or a smaller `min_size` for this role",),
            )
        if result.overflow is not None:
            self._report_overflow(result, elements)
        items: list[Item] = []
        for piece in result.placed:
            items.extend(self._items(piece))
        return items

    def _fit(self) -> tuple[_Pagination, list[_Element]]:
        """The largest common scale, then the loosest spacing, at which the flow fits."""
        roles = [self.ctx.spec.roles[name] for name in self._roles()]
        largest = max(role.size for role in roles)
        scale = 1.0
        # Optical sizes and leading from the ink (issue 16) only where the flow fits with
        # them at full size; otherwise the flow is set at the type size and adapts as before.
        self.adapt = True
        while True:
            self.too_wide = {}
            for spacing in SPACINGS:
                self.spacing = spacing
                elements = self._elements(scale, spacing)
                if self.failed:
                    return _Pagination((), None, 0.0), []
                result = self._paginate(elements)
                if result.overflow is None:
                    break
            if self.adapt and (result.overflow is not None or self.too_wide):
                self.adapt = False
                continue
            at_minimum = all(role.size * scale <= role.min_size + 1e-6 for role in roles)
            if (result.overflow is None and not self.too_wide) or at_minimum:
                break
            scale = max(0.0, (largest * scale - SIZE_STEP) / largest)
        return result, elements

    def _items(self, piece: _Placed) -> list[Item]:
        element = piece.element
        frame = self.frames[piece.frame]
        section = self.slot.sections[element.section]
        name = f"{self.slot.id}/{section.id}"
        if element.kind == "text":
            lines = element.lines[piece.start : piece.stop]
            offset = piece.start * element.line_height
            # Lines were aligned within the common measure; align them in this frame.
            moved = tuple(
                replace(
                    line,
                    x=line.x + self._frame_shift(line, element.align, frame.w),
                    baseline=line.baseline - offset,
                )
                for line in lines
            )
            source = Location(
                element.location.path,
                element.location.line,
                element.location.column,
                f"{element.key} -> {self.ctx.spec.path} flow `{self.slot.id}` "
                f"section `{section.id}`",
            )
            height = len(lines) * element.line_height
            piece_text = SetText(moved, height, 1.0, True, len(moved))
            return [
                TextItem(
                    name,
                    Rect(frame.x, frame.y + piece.top, frame.w, height),
                    piece_text.placed(frame.x, frame.y + piece.top),
                    element.size,
                    element.requested,
                    self.ctx.piece.language,
                    source,
                    (element.key,),
                    continued=piece.start > 0,  # the rest of a paragraph split between frames
                )
            ]
        block = element.block
        assert block is not None
        rect = Rect(frame.x, frame.y + piece.top, frame.w, element.height)
        if block.chart is not None:
            return draw_chart(block.chart, rect, self.ctx, self.slot, f"{name}/chart")
        return qr_block(block, rect, name, self.ctx, rtl=self.rtl, find_paragraphs=self._paragraphs)

    def _frame_shift(self, line: TextLine, align: str, width: float) -> float:
        """How far a line set in the common measure moves to keep its alignment in a frame.

        Alignment is logical: in a right-to-left paragraph `left` is the line's start, at
        the right edge.
        """
        align = visual_align(align, rtl=line.direction == "rtl")
        extra = width - self.measure
        return {"center": extra / 2, "right": extra}.get(align, 0.0)

    def _report_overflow(self, result: _Pagination, elements: list[_Element]) -> None:
        assert result.overflow is not None
        section = self.slot.sections[result.overflow]
        heights: dict[int, float] = {}
        for element in elements:
            heights[element.section] = heights.get(element.section, 0.0) + element.height
        longest = sorted(heights, key=lambda i: (-heights[i], i))[:2]
        first = next(e for e in elements if e.section == result.overflow)
        frames = ", ".join(self.frame_names)
        message = (
            f"section `{section.id}` does not fit the panels of flow `{self.slot.id}` "
            f"({frames}): about {result.excess:.0f}pt more room is needed at the smallest "
            "type sizes"
        )
        if longest[0] != result.overflow:
            # A long section earlier in the flow is the usual cause: name it too.
            culprit = self.slot.sections[longest[0]]
            message += f"; the longest section is `{culprit.id}` ({heights[longest[0]]:.0f}pt)"
        self.ctx.diags.error(
            "layout.overflow",
            message,
            Location(
                first.location.path,
                first.location.line,
                first.location.column,
                f"{first.key} -> {self.ctx.spec.path} flow `{self.slot.id}` section `{section.id}`",
            ),
            hints=(
                "shorten the longest sections: "
                + ", ".join(f"`{self.slot.sections[i].id}` ({heights[i]:.0f}pt)" for i in longest),
                self._leave_out_hint(),
            ),
        )

    def _leave_out_hint(self) -> str:
        """What else makes room: a pack's sections are chosen in pack.yaml, others here."""
        pack_file = f"{self.ctx.piece.pack.display_root}/pack.yaml"
        if any(section.location.path == pack_file for section in self.slot.sections):
            return (
                f"or leave a section out: remove it from `sections:` in {pack_file}, or mark "
                "it `optional: true` (dropped with a warning when it does not fit)"
            )
        return f"or move a section to another panel in {self.ctx.spec.path}"


def layout_flow(slot: SlotSpec, ctx: Context) -> list[Item]:
    """Lay out a flow slot: its sections through its frames, in reading order."""
    return FlowLayouter(slot, ctx).layout()
