"""Small modal dialogs: confirm, choose, text/path prompt, long-text editor, 一级指标 picker."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from goaltui.i18n import t

_DIALOG_CSS = """
{name} {{
    align: center middle;
    background: $background 60%;
}}
{name} > Vertical {{
    width: 70;
    max-width: 95%;
    height: auto;
    max-height: 90%;
    border: round $accent;
    background: $surface;
    padding: 0 1;
}}
{name} .title {{
    text-style: bold;
    width: 1fr;
    margin-bottom: 1;
}}
{name} Horizontal {{
    height: auto;
    align-horizontal: right;
}}
{name} Button {{
    margin-left: 1;
    min-width: 10;
}}
"""


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few buttons; dismisses with the chosen id (Esc → ``None``)."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="ChoiceScreen")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", t("ui.key.cancel")),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        choices: list[tuple[str, str]],
        default: str | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.title_text = title
        self.message = message
        self.choices = choices
        self.default = default or choices[0][0]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield Static(Text(self.message))
            with Horizontal():
                for choice_id, label in self.choices:
                    yield Button(
                        Text(label),
                        id=f"choice-{choice_id}",
                        variant="primary" if choice_id == self.default else "default",
                    )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def confirm(title: str, message: str, yes: str | None = None) -> ChoiceScreen:
    """A yes/no question; dismisses with ``"yes"``, ``"no"`` or ``None``."""
    return ChoiceScreen(title, message, [("yes", yes or t("ui.yes")), ("no", t("ui.no"))], default="no")


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text (a name, a file path)."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="TextPrompt")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", t("ui.key.cancel"))]

    def __init__(self, title: str, value: str = "", help_text: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.help_text = help_text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield Input(self.value, id="prompt-input", select_on_focus=False)
            if self.help_text:
                yield Label(Text(self.help_text, style="dim"))
        yield Footer()

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(self.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class LongTextScreen(ModalScreen[str | None]):
    """A multi-line editor for 指标描述 and 备注. Ctrl+S or F2 keeps, Esc cancels."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="LongTextScreen") + """
    LongTextScreen TextArea { height: 10; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,f2", "keep", t("ui.key.commit"), priority=True),
        Binding("escape", "dismiss_none", t("ui.key.cancel"), priority=True),
    ]

    def __init__(self, title: str, value: str) -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield TextArea(self.value, id="long-text", soft_wrap=True, show_line_numbers=False)
            yield Label(Text(t("ui.long_text.help"), style="dim"))
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class PickScreen(ModalScreen[str | None]):
    """Choose one of a few values (一级指标)."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="PickScreen") + """
    PickScreen > Vertical { width: 36; }
    PickScreen OptionList { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", t("ui.key.cancel"))]

    def __init__(self, title: str, values: list[str], current: str) -> None:
        super().__init__()
        self.title_text = title
        self.values = values
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield OptionList(*[Option(Text(value), id=str(index)) for index, value in enumerate(self.values)])
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.current in self.values:
            options.highlighted = self.values.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.values[event.option_index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
