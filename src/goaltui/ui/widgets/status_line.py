"""The one-line status bar: file, unsaved mark, counts, document total.

A fixed-size Static (never the Header title): updating it repaints one line.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from goaltui.i18n import t
from goaltui.safe_text import display_text
from goaltui.session.problems import Counts
from goaltui.ui.widgets.severity import SeverityStyles


class StatusLine(SeverityStyles, Static):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._last: tuple[object, ...] | None = None

    def show(
        self,
        *,
        file_name: str,
        dirty: bool,
        projects: int,
        indicators: int,
        counts: Counts,
        total: str,
        money_unit: str,
        read_only: bool = False,
    ) -> None:
        state = (file_name, dirty, projects, indicators, counts, total, money_unit, read_only)
        if state == self._last:
            return
        self._last = state
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(display_text(file_name), style="bold")
        if read_only:
            text.append(" " + t("ui.status.read_only"), style=self.severity_style("warning"))
        if dirty:
            modified = self.palette_style("status--modified")
            text.append(" " + t("ui.status.modified"), style=modified)
        text.append("  ")
        text.append(t("ui.status.counts", projects=projects, indicators=indicators))
        text.append("  ")
        errors_style = self.severity_style("error" if counts.errors else "ok")
        text.append(t("ui.status.errors", n=counts.errors), style=errors_style)
        text.append(" ")
        warnings_style = self.severity_style("warning" if counts.warnings else "ok")
        text.append(t("ui.status.warnings", n=counts.warnings), style=warnings_style)
        text.append("  ")
        text.append(t("ui.status.total", total=total, unit=money_unit))
        self.update(text, layout=False)  # (one line, sized by the screen: a layout would repaint the scroll bars)
