"""Completions of 明细指标 under the cell being edited: names from the template library and the
table. It never takes the focus: the editor keeps it, ↓ ↑ choose, Enter takes the chosen one."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Region
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from goaltui.i18n import t
from goaltui.session.completion import Suggestion


class CompletionList(OptionList, can_focus=False):
    DEFAULT_CSS = """
    CompletionList {
        position: absolute;
        layer: overlay;
        display: none;
        width: 40;
        height: auto;
        max-height: 10;
        border: round $accent;
        background: $surface;
        padding: 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestions: list[Suggestion] = []

    def show(self, suggestions: list[Suggestion], under: Region, screen_width: int, screen_height: int) -> None:
        """List *suggestions* under the editor's region (above it when there is no room below);
        the one chosen stays chosen while it is listed."""
        chosen = self.chosen
        self.suggestions = suggestions
        self.clear_options()
        if not suggestions:
            self.display = False
            return
        width = min(screen_width, max(30, max(_width(s) for s in suggestions) + 4))
        height = len(suggestions) + 2
        x = max(0, min(under.x, screen_width - width))
        y = under.bottom if under.bottom + height <= screen_height else max(0, under.y - height)
        self.styles.width = width
        self.styles.offset = (x, y)
        self.add_options([Option(_label(suggestion)) for suggestion in suggestions])
        self.highlighted = suggestions.index(chosen) if chosen in suggestions else None
        self.display = True

    def hide(self) -> None:
        if self.display:
            self.display = False
        self.suggestions = []

    @property
    def visible_list(self) -> bool:
        return bool(self.display and self.suggestions)

    @property
    def chosen(self) -> Suggestion | None:
        index = self.highlighted
        return self.suggestions[index] if index is not None and 0 <= index < len(self.suggestions) else None

    def move(self, delta: int) -> None:
        """↓ ↑: the next/previous completion (↑ from the first: none, back to the typed text)."""
        index = self.highlighted
        if index is None:
            self.highlighted = 0 if delta > 0 else len(self.suggestions) - 1
        elif index + delta < 0:
            self.highlighted = None
        else:
            self.highlighted = min(index + delta, len(self.suggestions) - 1)


def _label(suggestion: Suggestion) -> Text:
    text = Text(suggestion.name)
    detail = "  " + (suggestion.value or "")
    source = suggestion.source or t("ui.complete.source.document")
    text.append(detail, style="dim")
    text.append(f"  〔{source}〕", style="dim italic")
    return text


def _width(suggestion: Suggestion) -> int:
    return _label(suggestion).cell_len
