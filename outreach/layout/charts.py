"""Draw figures with our own shapes and type: bar charts, waffle grids and a dot pattern.

Input: a `model.ChartSpec`, the box it fills and the page's `Context` (statistics, texts,
styles). Output: `RectItem`s and `TextItem`s, no raster images, so a chart prints sharp
at any size, its labels are real text in the page's font, and they translate with the
rest of the piece. Values come from pack.yaml statistics, never from layout files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from outreach.content.languages import is_rtl
from outreach.content.templating import format_statistic
from outreach.core.diagnostics import Diagnostics, Location, did_you_mean
from outreach.core.document import FigureItem, Item, Rect, RectItem, TextItem
from outreach.core.layout_specs import ChartSpec, LayoutSpec, SlotSpec
from outreach.core.model import ChartEntry, Piece, Statistic
from outreach.core.text_lines import Paint, TextLine
from outreach.core.values import value_methods
from outreach.fonts import FontBook
from outreach.layout.roles import Typeface, role_paragraph
from outreach.layout.text import Paragraph, SetText, set_paragraphs

WAFFLE_SIDE = 10  # a 10 x 10 grid: one dot per percent
ParagraphSource = Callable[[str, str, bool, SlotSpec], list[tuple[Paragraph, Location]] | None]


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Context:
    """What flows and charts need from the page layouter.

    Handed in by `layout/__init__.py` (rather than imported from it) so that paragraphs
    are built exactly as for every other slot, fonts and scripts included.
    """

    piece: Piece
    spec: LayoutSpec
    fonts: FontBook
    diags: Diagnostics
    paint: Callable[[str], Paint]  # palette colour -> the profile's paint
    black: Paint  # 100% K on press, for QR modules
    facts: Typeface  # numbers and links: Noto Sans, unless the pack names its own font
    paragraphs: ParagraphSource  # content key, role, bullets, slot -> paragraphs
    links: bool = True  # the profile's link annotations (none in press files, issue 20)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class _Label:
    """Paragraphs of a label set at one width, ready to place."""

    paragraphs: list[Paragraph]
    result: SetText
    source: Location
    key: str

    @property
    def lines(self) -> tuple[TextLine, ...]:
        """The label's lines, relative to its box."""
        return self.result.lines

    @property
    def height(self) -> float:
        """The label's height at the size it was set."""
        return self.result.height


def _aligned(paragraph: Paragraph, align: str | None = None) -> Paragraph:
    """A label paragraph, aligned as its place in the chart needs."""
    return replace(paragraph, align=align or paragraph.align)


class ChartDrawer:
    """Draws one chart into a box; reports unknown facts and labels that do not fit."""

    def __init__(self, chart: ChartSpec, rect: Rect, ctx: Context, slot: SlotSpec, name: str):
        self.chart = chart
        self.rect = rect
        self.ctx = ctx
        self.slot = slot
        self.name = name
        self.items: list[Item] = []
        # Right-to-left languages read a chart from the right: bars grow leftwards, values
        # end the line on the left, and the first figure stands at the right.
        self.rtl = is_rtl(ctx.piece.language)

    # --- facts and text ---------------------------------------------------------------------

    def _statistic(self, entry: ChartEntry, *, percent: bool) -> Statistic | None:
        stats = self.ctx.piece.pack.statistics
        stat = stats.get(entry.stat)
        if stat is None:
            near = did_you_mean(entry.stat, stats)
            self.ctx.diags.error(
                "layout.unknown-fact",
                f"chart in slot `{self.slot.id}` names unknown statistic `{entry.stat}`",
                entry.location,
                hints=((f"did you mean `{near}`?",) if near else ())
                + (f"statistics are defined in {self.ctx.piece.pack.display_root}/pack.yaml",),
            )
            return None
        if percent and stat.unit != "percent":
            self.ctx.diags.error(
                "layout.bad-chart",
                f"statistic `{stat.key}` is a {stat.unit} figure; a `{self.chart.type}` chart "
                "draws percentages",
                entry.location,
                hints=("chart percentages only, or show this figure as the `headline`",),
            )
            return None
        return stat

    def _label(self, key: str, role: str, width: float, align: str | None = None) -> _Label | None:
        found = self.ctx.paragraphs(key, role, False, self.slot)
        if found is None:
            return None
        paragraphs = [_aligned(p, align) for p, _ in found]
        return self._set(paragraphs, width, found[0][1], key)

    def _figure(self, stat: Statistic, role_name: str, width: float, align: str) -> _Label:
        """A statistic as printed in the piece's language: a fact, not a content string.

        `align` is logical, as for any paragraph: `left` is the start of the line, on the
        right in right-to-left languages.
        """
        role = self.ctx.spec.roles[role_name]
        paragraph = role_paragraph(
            format_statistic(stat, self.ctx.piece.language),
            role,
            self.ctx.facts,
            self.ctx.paint(role.color),
            language=self.ctx.piece.language,  # `40.3 میلیون` reads right to left
            min_size=role.size,
            space_after=0.0,
            align=align,
        )
        return self._set([paragraph], width, self.chart.location, role_name)

    def _set(self, paragraphs: list[Paragraph], width: float, source: Location, key: str) -> _Label:
        # Labels wrap freely; only a word too long for its column shrinks the label, down
        # to the role's minimum (a long compound in Russian or German, say).
        # Set at the type size (no optical size or ink leading): the chart's rows are
        # spaced from the type size, and its labels were drawn to fit them.
        result = set_paragraphs(paragraphs, width, float("inf"), self.ctx.fonts, adapt=False)
        if result.too_wide is not None:
            self.ctx.diags.error(
                "layout.overflow",
                f"`{result.too_wide}` is wider than its place in the chart of slot "
                f"`{self.slot.id}` and cannot be broken",
                source,
                hints=("use a shorter word, or give the chart more width",),
            )
        return _Label(paragraphs, result, source, key)

    def _text(self, label: _Label, x: float, y: float, part: str) -> TextItem:
        first = label.paragraphs[0]
        source = Location(
            label.source.path,
            label.source.line,
            label.source.column,
            f"{label.key} -> {self.ctx.spec.path} chart in slot `{self.slot.id}`",
        )
        return TextItem(
            f"{self.name}-{part}",
            Rect(
                x, y, max((line.x + line.width for line in label.lines), default=0.0), label.height
            ),
            label.result.placed(x, y),
            first.size,
            first.size,
            self.ctx.piece.language,
            source,
            (label.key,),
        )

    def _rect(self, part: str, rect: Rect, color: str, radius: float = 0.0) -> None:
        self.items.append(
            RectItem(
                f"{self.name}-{part}", rect, self.ctx.paint(color), radius, self.chart.location
            )
        )

    def _source_line(self) -> _Label | None:
        """The line naming where the figures come from; it must name every source drawn."""
        if self.chart.source_key is None:
            return None
        label = self._label(self.chart.source_key, self.chart.source_role, self.rect.w)
        if label is None:
            return None
        text = " ".join(line.text for line in label.lines)
        pack = self.ctx.piece.pack
        entries = [*self.chart.entries, *([self.chart.headline] if self.chart.headline else [])]
        for entry in entries:
            stat = pack.statistics.get(entry.stat)
            source = pack.sources.get(stat.source) if stat else None
            if source is not None and source.short not in text:
                self.ctx.diags.error(
                    "layout.missing-source",
                    f"the chart in slot `{self.slot.id}` shows `{entry.stat}` but its source line "
                    f"does not name `{source.short}`",
                    label.source,
                    hints=(f"print `{{{{ stats.{entry.stat}.source }}}}` in `{label.key}`",),
                )
        return label

    def _fits(self, needed: float) -> None:
        if needed > self.rect.h + 0.01:
            self.ctx.diags.error(
                "layout.overflow",
                f"the `{self.chart.type}` chart in slot `{self.slot.id}` needs {needed:.0f}pt of "
                f"height, has {self.rect.h:.0f}pt",
                self.chart.location,
                hints=(
                    f"give the chart more `height` in {self.ctx.spec.path}, or shorten its labels",
                ),
            )

    # --- chart types --------------------------------------------------------------------------

    def bars(self) -> None:
        """One row per entry: its label and value above a bar on a 0-100% track."""
        rect = self.rect
        source = self._source_line()
        rows = []
        for entry in self.chart.entries:
            stat = self._statistic(entry, percent=True)
            if stat is None:
                continue
            value = self._figure(stat, self.chart.value_role, rect.w, "right")  # the line's end
            value_width = max((line.width for line in value.lines), default=0.0)
            label = self._label(entry.label_key, self.chart.label_role, rect.w - value_width - 6)
            if label is not None:
                rows.append((stat, label, value, value_width + 6))
        if not rows:
            return
        role = self.ctx.spec.roles[self.chart.label_role]
        bar = max(5.0, 0.95 * role.size)
        gap = 0.25 * role.size
        row_heights = [max(row[1].height, row[2].height) + gap + bar for row in rows]
        source_height = source.height + 0.5 * role.size if source else 0.0
        needed = sum(row_heights) + source_height
        self._fits(needed)
        spare = max(0.0, rect.h - needed) / max(1, len(rows))
        y = rect.y
        for index, (row, height) in enumerate(zip(rows, row_heights, strict=True)):
            stat, label, value, room = row
            label_x = rect.x + room if self.rtl else rect.x
            self.items.append(self._text(label, label_x, y, f"label-{index}"))
            self.items.append(self._text(value, rect.x, y, f"value-{index}"))
            # Spare room goes first between the label and its bar, up to 0.2 em: Khmer
            # subscripts reached 0.3 pt into the bar at 0.25 em (issue 16, checks/crossings.py).
            bar_y = y + height - bar + min(spare, 0.2 * role.size)
            self._rect(
                f"track-{index}", Rect(rect.x, bar_y, rect.w, bar), self.chart.track, bar / 2
            )
            filled = max(rect.w * min(max(stat.value, 0.0), 100.0) / 100.0, bar)
            if stat.value > 0:
                bar_x = rect.right - filled if self.rtl else rect.x
                self._rect(
                    f"bar-{index}", Rect(bar_x, bar_y, filled, bar), self.chart.color, bar / 2
                )
            y += height + spare
        if source is not None:
            self.items.append(self._text(source, rect.x, rect.bottom - source.height, "source"))

    def waffles(self) -> None:
        """An optional headline figure, then a 10 x 10 grid of cells per percentage."""
        rect = self.rect
        source = self._source_line()
        role = self.ctx.spec.roles[self.chart.label_role]
        y = rect.y
        if self.chart.headline is not None:
            stat = self._statistic(self.chart.headline, percent=False)
            if stat is not None:
                number = self._figure(stat, self.chart.number_role, rect.w, "left")  # its start
                label = self._label(self.chart.headline.label_key, self.chart.label_role, rect.w)
                self.items.append(self._text(number, rect.x, y, "headline"))
                # Room for a script's marks above the label (Devanagari) and the figure's
                # descenders below it: 0.45 em let them come within 1.3 pt (issue 16).
                y += number.height + 0.8 * role.size
                if label is not None:
                    self.items.append(self._text(label, rect.x, y, "headline-label"))
                    y += label.height
                y += 0.8 * role.size
        columns = []
        count = len(self.chart.entries)
        gutter = 0.9 * role.size
        column_width = (rect.w - gutter * (count - 1)) / max(1, count)
        for entry in self.chart.entries:
            stat = self._statistic(entry, percent=True)
            if stat is None:
                continue
            value = self._figure(stat, self.chart.value_role, column_width, "center")
            label = self._label(entry.label_key, self.chart.label_role, column_width, "center")
            if label is not None:
                columns.append((stat, value, label))
        if not columns:
            return
        text_height = max(value.height + label.height for _, value, label in columns)
        source_height = source.height + 0.5 * role.size if source else 0.0
        room = rect.bottom - y - source_height - text_height - 0.4 * role.size
        side = min(column_width * 0.86, room)
        self._fits(
            (y - rect.y)
            + max(side, 4.0 * WAFFLE_SIDE)
            + 0.4 * role.size
            + text_height
            + source_height
        )
        side = max(side, 4.0 * WAFFLE_SIDE)
        pitch = side / WAFFLE_SIDE
        # Square cells, as waffle charts are drawn: a rounded cell costs six times the path
        # data, and three grids make 300 of them.
        dot = pitch * 0.8
        for index, (stat, value, label) in enumerate(columns):
            place = len(columns) - 1 - index if self.rtl else index
            left = rect.x + place * (column_width + gutter)
            grid_x = left + (column_width - side) / 2
            filled = round(min(max(stat.value, 0.0), 100.0))
            for cell in range(WAFFLE_SIDE * WAFFLE_SIDE):
                row, column = divmod(cell, WAFFLE_SIDE)
                if self.rtl:
                    column = WAFFLE_SIDE - 1 - column
                color = self.chart.color if cell < filled else self.chart.track
                self._rect(
                    f"dot-{index}-{cell}",
                    Rect(grid_x + column * pitch, y + row * pitch, dot, dot),
                    color,
                )
            text_y = y + side + 0.4 * role.size
            self.items.append(self._text(value, left, text_y, f"value-{index}"))
            self.items.append(self._text(label, left, text_y + value.height, f"label-{index}"))
        if source is not None:
            self.items.append(self._text(source, rect.x, rect.bottom - source.height, "source"))

    def pattern(self) -> None:
        """A calm field of dots in the palette's tones, one of them in the accent colour.

        Shapes and colour only: no pictures of people, chains or injuries (docs/print-production.md,
        "Safe, respectful design"). The arrangement is fixed, so output is deterministic.
        """
        chart, rect = self.chart, self.rect
        pitch = min(rect.w / chart.columns, rect.h / chart.rows)
        x0 = rect.x + (rect.w - pitch * chart.columns) / 2
        y0 = rect.y + (rect.h - pitch * chart.rows) / 2
        accent_cell = (chart.rows // 2, chart.columns - 2)
        for row in range(chart.rows):
            for column in range(chart.columns):
                # A fixed, irregular-looking choice of tone and size for each cell.
                mix = (row * 5 + column * 3 + (row * row + column * column * 2) % 7) % 11
                color = chart.colors[mix % len(chart.colors)]
                scale = 0.56 + 0.05 * (mix % 5)
                if chart.accent and (row, column) == accent_cell:
                    color, scale = chart.accent, 0.82
                size = pitch * scale
                offset = (pitch - size) / 2
                self._rect(
                    f"dot-{row}-{column}",
                    Rect(x0 + column * pitch + offset, y0 + row * pitch + offset, size, size),
                    color,
                    size / 2,
                )


def draw_chart(chart: ChartSpec, rect: Rect, ctx: Context, slot: SlotSpec, name: str) -> list[Item]:
    """Draw a chart into `rect`; problems become diagnostics, and what can be drawn is."""
    drawer = ChartDrawer(chart, rect, ctx, slot, name)
    {"bars": drawer.bars, "waffles": drawer.waffles, "pattern": drawer.pattern}[chart.type]()
    alt = chart_alt(chart, ctx.piece)
    if not alt or not drawer.items:
        return drawer.items  # a pattern of dots says nothing: its shapes are decoration
    return [FigureItem(name, rect, alt, ctx.piece.language), *drawer.items]


def chart_alt(chart: ChartSpec, piece: Piece) -> str:
    """What a chart shows, for a screen reader: every value with its label, then the source.

    In the piece's language, from the same texts and statistics the chart prints ("Runaway
    history: 64%; ... Source: Alameda County DA, SafetyNet"; a waffle chart's labels go on
    from their number: "81% are trapped in forced labor"); empty for a chart of no data.
    """
    pack, texts = piece.pack, piece.texts
    parts = []
    for entry in ([chart.headline] if chart.headline else []) + list(chart.entries):
        stat = pack.statistics.get(entry.stat)
        label = texts.get(entry.label_key)
        if stat is None:
            continue
        value = format_statistic(stat, piece.language)
        words = " ".join(label.text.replace("**", "").split()).rstrip(":") if label else ""
        if not words:
            parts.append(value)
        elif chart.type == "waffles":  # its labels go on from the number: "81% are ..."
            parts.append(f"{value} {words}")
        else:
            parts.append(f"{words}: {value}")
    if not parts:
        return ""
    source = texts.get(chart.source_key or "")
    tail = " ".join(source.text.replace("**", "").split()) if source else ""
    separator = "\u061b " if is_rtl(piece.language) else "; "  # Arabic semicolon
    return separator.join(parts) + (f". {tail}" if tail else "")
