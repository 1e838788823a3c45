"""The project panel: name and the five amounts, 合计 checked against the sources."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from goaltui.i18n import t
from goaltui.model import FUND_FIELDS, Project
from goaltui.model.amounts import format_amount
from goaltui.session.fields import PROJECT_FIELDS
from goaltui.ui.actions import Where, bindings
from goaltui.ui.widgets.severity import SeverityStyles

if TYPE_CHECKING:
    from goaltui.rules import Problem

PANEL_FIELDS: Final[tuple[str, ...]] = tuple(PROJECT_FIELDS)
AMOUNT_WIDTH = 9
EMPTY = "－"


class ProjectPanel(SeverityStyles, Widget, can_focus=True):
    """Renders itself line by line so it knows where each field sits (for the editor)."""

    DEFAULT_CSS = """
    ProjectPanel {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    ProjectPanel:focus {
        background: $boost 200%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.PANEL)

    class CursorMoved(Message):
        """The field cursor moved."""

    cursor = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.project: Project | None = None
        self.field_problems: dict[str, list[Problem]] = {}
        self.project_problems: Sequence[Problem] = ()
        self._regions: dict[str, Region] = {}
        self._lines: list[Text] = []
        self._layout_width = -1

    @property
    def field(self) -> str:
        return PANEL_FIELDS[self.cursor]

    def show(
        self, project: Project | None, field_problems: dict[str, list[Problem]], project_problems: Sequence[Problem]
    ) -> None:
        self.project = project
        self.field_problems = field_problems
        self.project_problems = project_problems
        old_lines = [(line.plain, line.spans) for line in self._lines]
        self._layout_width = -1
        self._build(self.content_region.width if self.content_region.width else 60)
        if len(self._lines) != len(old_lines):
            self.refresh(layout=True)
        elif [(line.plain, line.spans) for line in self._lines] != old_lines:
            self.refresh()

    # layout

    def _chunk(self, field: str, label: str, value: Text) -> Text:
        problems = self.field_problems.get(field, [])
        chunk = Text(label + " ", style="dim")
        style = self.problem_style(problems[0]) if problems else Style()
        if self.has_focus and PANEL_FIELDS[self.cursor] == field:
            style += Style(reverse=True)
        value = value.copy()
        value.stylize(style)
        chunk.append_text(value)
        return chunk

    def _build(self, width: int) -> None:
        if width == self._layout_width:
            return
        self._layout_width = width
        width = max(width, 20)
        lines: list[Text] = []
        regions: dict[str, Region] = {}
        project = self.project
        if project is None:
            self._lines = [Text(t("ui.panel.no_project"), style="dim italic")]
            self._regions = {}
            return
        label = t("field.project")
        name = Text(project.name) if project.name.strip() else Text(t("ui.tree.unnamed_project"), style="italic dim")
        name.truncate(max(4, width - cell_len(label) - 1), overflow="ellipsis")
        lines.append(self._chunk("name", label, name))
        regions["name"] = Region(cell_len(label) + 1, 0, max(4, width - cell_len(label) - 1), 1)
        line = Text()
        x = 0
        funds = project.funds
        for field in FUND_FIELDS:
            amount = funds.get(field)
            shown = format_amount(amount) if amount is not None else EMPTY
            value = Text(shown + " " * max(0, AMOUNT_WIDTH - cell_len(shown)))
            label = t(f"field.{field}")
            chunk = self._chunk(field, label, value)
            if field == "total":
                chunk.append_text(self._sum_check())
            if x and x + cell_len(chunk.plain) > width:
                lines.append(line)
                line = Text()
                x = 0
            regions[field] = Region(x + cell_len(label) + 1, len(lines), max(AMOUNT_WIDTH, cell_len(shown)), 1)
            line.append_text(chunk)
            line.append("  ")
            x += cell_len(chunk.plain) + 2
        lines.append(line)
        if self.project_problems:
            first = self.project_problems[0]
            text = Text(first.message, style=self.problem_style(first))
            if len(self.project_problems) > 1:
                text.append(" " + t("ui.more", n=len(self.project_problems) - 1), style="dim")
            text.truncate(width, overflow="ellipsis")
            lines.append(text)
        self._lines = lines
        self._regions = regions

    def _sum_check(self) -> Text:
        assert self.project is not None
        funds = self.project.funds
        sources = funds.sources_sum()
        total = funds.total
        if total is None and sources == Decimal(0):
            return Text("")
        if total is not None and total == sources:
            return Text(t("ui.panel.sum_ok") + " ", style=self.severity_style("ok"))
        return Text(t("ui.panel.sum_mismatch", sum=format_amount(sources)) + " ", style=self.severity_style("error"))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._build(width)
        return len(self._lines)

    def render_line_text(self, y: int) -> Text:
        return self._lines[y] if y < len(self._lines) else Text("")

    def render(self) -> Text:
        self._build(self.content_region.width or self.size.width)
        return Text("\n").join(self._lines)

    def field_region(self, field: str) -> Region | None:
        """Where *field*'s value is, in screen coordinates."""
        region = self._regions.get(field)
        if region is None:
            return None
        return region.translate(self.content_region.offset)

    # keys

    def watch_cursor(self) -> None:
        self._layout_width = -1
        self.refresh()
        self.post_message(self.CursorMoved())

    def on_focus(self) -> None:
        self._layout_width = -1
        self.refresh()

    def on_blur(self) -> None:
        self._layout_width = -1
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.cursor = (self.cursor + delta) % len(PANEL_FIELDS)

    def action_line(self, delta: int) -> None:
        """↑/↓ move to the field on the line above/below (the amounts wrap onto several lines);
        ↓ from the last line goes down into the indicator grid."""
        here = self._regions.get(self.field)
        if here is None:
            if delta > 0:
                self._to_grid()
            return
        candidates = [(field, region) for field, region in self._regions.items() if region.y == here.y + delta]
        if candidates:
            field = min(candidates, key=lambda item: abs(item[1].x - here.x))[0]
            self.cursor = PANEL_FIELDS.index(field)
        elif delta > 0:
            self._to_grid()

    def _to_grid(self) -> None:
        focus_grid = getattr(self.screen, "action_focus_grid", None)
        if callable(focus_grid):
            focus_grid()

    def action_move_to(self, index: int) -> None:
        self.cursor = index

    def select(self, field: str) -> None:
        """Put the cursor on *field* (``name``, ``project`` or a fund)."""
        self.cursor = 0 if field in ("name", "project") else PANEL_FIELDS.index(field)
