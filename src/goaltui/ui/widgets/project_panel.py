"""The project panel: name and the five amounts, 合计 checked against the sources."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.widget import Widget

from goaltui.i18n import t
from goaltui.model import FUND_FIELDS, Project
from goaltui.model.amounts import format_amount
from goaltui.ui.checker import severity_style
from goaltui.ui.messages import EditRequested, PanelCursorMoved
from goaltui.ui.widgets.type_to_edit import TypeAhead

PANEL_FIELDS: tuple[str, ...] = ("name", *FUND_FIELDS)
AMOUNT_WIDTH = 9
EMPTY = "－"


class ProjectPanel(Widget, can_focus=True):
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

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,shift+tab", "move(-1)", show=False),
        Binding("right,tab", "move(1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(5)", show=False),
        Binding("enter,f2", "edit", t("ui.key.edit")),
        Binding("down", "line(1)", show=False),
        Binding("up", "line(-1)", show=False),
        Binding("escape", "screen.focus_tree", t("ui.key.to_tree"), show=False),
        Binding("delete", "clear", t("ui.key.clear"), show=False),
        Binding("ctrl+f", "screen.apply_fix", t("ui.key.apply_fix"), show=False),
        Binding("u", "screen.undo", t("ui.key.undo"), show=False),
    ]

    cursor = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.type_ahead = TypeAhead(self, "panel")
        self.project: Project | None = None
        self.field_problems: dict[str, list[Any]] = {}
        self.project_problems: Sequence[Any] = ()
        self._regions: dict[str, Region] = {}
        self._lines: list[Text] = []
        self._layout_width = -1

    @property
    def field(self) -> str:
        return PANEL_FIELDS[self.cursor]

    def show(
        self, project: Project | None, field_problems: dict[str, list[Any]], project_problems: Sequence[Any]
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
        style = severity_style(problems[0]) if problems else ""
        if self.has_focus and PANEL_FIELDS[self.cursor] == field:
            style = (style + " reverse").strip()
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
            text = Text(first.message, style=severity_style(first))
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
            return Text(t("ui.panel.sum_ok") + " ", style="green")
        return Text(t("ui.panel.sum_mismatch", sum=format_amount(sources)) + " ", style="bold red")

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
        self.post_message(PanelCursorMoved())

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

    def action_edit(self) -> None:
        self.post_message(EditRequested("panel"))

    def action_clear(self) -> None:
        self.post_message(EditRequested("panel", initial=""))

    def on_key(self, event: Key) -> None:
        if not (event.is_printable and event.character):
            return
        if event.character not in (" ", "u") or self.type_ahead.pending:
            event.stop()
            event.prevent_default()
            self.type_ahead.feed(event.character)
