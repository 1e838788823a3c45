"""The template library as a list to choose from: typing filters it (by name, kind or pinyin
initials), ↑ ↓ choose, Enter takes the indicator (or a kind's whole set), Esc cancels."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from goaltui.i18n import t
from goaltui.session.find import fold
from goaltui.session.pinyin import initials
from goaltui.session.templates import Library, Template, TemplateKind, fill_pattern
from goaltui.ui.actions import Where, bindings
from goaltui.ui.screens.dialogs import Dialog


class TemplateChoice(NamedTuple):
    kind: TemplateKind
    template: Template | None
    """None: the kind's whole set."""

    @property
    def templates(self) -> list[Template]:
        return [self.template] if self.template is not None else list(self.kind.templates)


class _Entry(NamedTuple):
    choice: TemplateChoice
    label: Text
    keys: tuple[str, ...]
    """What the filter looks in (folded)."""


class TemplatePicker(Dialog[TemplateChoice | None]):
    DEFAULT_CSS = """
    TemplatePicker > .dialog--box { width: 90; }
    TemplatePicker OptionList { height: auto; max-height: 16; }
    TemplatePicker Input { margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.TEMPLATES)

    def __init__(self, library: Library, *, year: int | None, sets_only: bool, user_file: str) -> None:
        super().__init__(t("ui.templates.title_kinds" if sets_only else "ui.templates.title"))
        self.library = library
        self.year = year
        self.sets_only = sets_only
        self.user_file = user_file
        self._entries = self._all_entries()
        self._shown: list[_Entry] = []

    def _all_entries(self) -> list[_Entry]:
        entries: list[_Entry] = []
        for kind in self.library.kinds:
            kind_keys = (fold(kind.name), initials(kind.name), *(fold(word) for word in kind.keywords))
            label = Text(t("ui.templates.set", kind=kind.name, n=len(kind.templates)), style="bold")
            entries.append(_Entry(TemplateChoice(kind, None), label, kind_keys))
            if self.sets_only:
                continue
            for template in kind.templates:
                label = Text("  " + template.name)
                label.append("  " + fill_pattern(template.value, self.year), style="dim")
                label.append(f"  {template.level1}  〔{kind.name}〕", style="dim italic")
                keys = (fold(template.name), initials(template.name), *kind_keys)
                entries.append(_Entry(TemplateChoice(kind, template), label, keys))
        return entries

    def body(self) -> ComposeResult:
        yield Input(placeholder=t("ui.templates.filter"), id="template-filter")
        yield OptionList(id="template-list")
        yield Label(Text(t("ui.templates.help", file=self.user_file), style="dim"))

    def on_mount(self) -> None:
        self._filter("")
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._filter(event.value)

    def _filter(self, text: str) -> None:
        needle = fold(text.strip())
        self._shown = [entry for entry in self._entries if not needle or any(needle in key for key in entry.keys)]
        options = self.query_one(OptionList)
        options.clear_options()
        if not self._shown:
            options.add_option(Option(Text(t("ui.templates.none"), style="dim"), disabled=True))
            return
        options.add_options([Option(entry.label) for entry in self._shown])
        options.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if not self._shown:
            return
        index = options.highlighted if options.highlighted is not None else -delta
        options.highlighted = max(0, min(len(self._shown) - 1, index + delta))

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self._shown):
            self.dismiss(self._shown[index].choice)
