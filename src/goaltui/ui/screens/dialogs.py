"""Modal dialogs: one base class carries the look; each dialog adds only its difference.

Confirm, choose, a line of text (a name, a path), the multi-line editor of 指标描述, the
一级指标 picker. The help and the header form are dialogs too (their own modules).

A dialog may quote a cell or a file name: every text is drawn through
:mod:`goaltui.safe_text` (control, bidi and invisible characters as marks), and the
text fields are :mod:`goaltui.ui.widgets.safe_input`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from goaltui.i18n import t
from goaltui.safe_text import display_rich
from goaltui.ui.actions import Where, bindings
from goaltui.ui.widgets.safe_input import SafeInput
from goaltui.ui.widgets.safe_text_area import SafeTextArea
from goaltui.ui.widgets.wrapped_text import WrappedText

if TYPE_CHECKING:
    from goaltui.session.edit import EditEnd
    from goaltui.ui.widgets.cell_editor import EditorOwner

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A box in the middle of a dimmed screen: a title line, the dialog's body, the footer."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    Dialog > .dialog--box {
        width: 70;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog--title {
        text-style: bold;
        width: 1fr;
        margin-bottom: 1;
    }
    Dialog .dialog--buttons {
        height: auto;
        align-horizontal: right;
    }
    Dialog Button {
        margin-left: 1;
        min-width: 10;
    }
    Dialog .dialog--message {
        height: auto;
        max-height: 50vh;
    }
    """

    def __init__(self, title: str, *, id: str | None = None, name: str | None = None) -> None:
        super().__init__(id=id, name=name)
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog--box"):
            yield Static(display_rich(self.title_text), classes="dialog--title")
            yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        """The dialog's own widgets, under the title."""
        yield from ()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class _MessageScroll(VerticalScroll, can_focus=False):
    """A long message scrolls (the mouse wheel); the keys stay with the buttons."""


class ChoiceScreen(Dialog[str | None]):
    """A question with a few buttons; dismisses with the chosen id (Esc → ``None``).

    The button Enter presses is the one with the focus: it alone is highlighted and says
    so (“保存（Enter）”); ← → move the focus, and the mark with it.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.CHOICE)

    def __init__(
        self,
        title: str,
        message: str,
        choices: list[tuple[str, str]],
        default: str | None = None,
        *,
        id: str | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(title, id=id, name=name)
        self.message = message
        self.choices = choices
        self.default = default or choices[0][0]

    def body(self) -> ComposeResult:
        with _MessageScroll(classes="dialog--message"):
            yield Static(WrappedText(display_rich(self.message, newlines=True)))
        with Horizontal(classes="dialog--buttons"):
            for choice_id, label in self.choices:
                yield Button(
                    display_rich(label),
                    id=f"choice-{choice_id}",
                    variant="primary" if choice_id == self.default else "default",
                )

    def on_mount(self) -> None:
        for choice_id, label in self.choices:  # room for the mark on every button: it moves
            button = self.query_one(f"#choice-{choice_id}", Button)
            button.styles.min_width = cell_len(t("ui.dialog.enter", label=label)) + 4
        self.query_one(f"#choice-{self.default}", Button).focus()
        self._mark(self.default)

    def on_descendant_focus(self) -> None:
        focused = self.focused
        if isinstance(focused, Button) and focused.id:
            self._mark(focused.id.removeprefix("choice-"))

    def _mark(self, chosen: str) -> None:
        for choice_id, label in self.choices:
            button = self.query_one(f"#choice-{choice_id}", Button)
            here = choice_id == chosen
            button.label = Text(t("ui.dialog.enter", label=label) if here else label)
            button.variant = "primary" if here else "default"

    def action_scroll_message(self, lines: int) -> None:
        """↑ ↓ PgUp PgDn scroll a message longer than the box (the buttons keep the focus)."""
        self.query_one(_MessageScroll).scroll_relative(y=lines, animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))


def confirm(title: str, message: str, yes: str | None = None) -> ChoiceScreen:
    """A yes/no question; dismisses with ``"yes"``, ``"no"`` or ``None``."""
    return ChoiceScreen(title, message, [("yes", yes or t("ui.yes")), ("no", t("ui.no"))], default="no")


class TextPrompt(Dialog[str | None]):
    """Ask for one line of text (a name, a file path)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.PROMPT)

    def __init__(self, title: str, value: str = "", help_text: str = "") -> None:
        super().__init__(title)
        self.value = value
        self.help_text = help_text

    def body(self) -> ComposeResult:
        yield SafeInput(self.value, id="prompt-input", select_on_focus=False)
        help_text = display_rich(self.help_text or t("ui.prompt.save_as_help"), newlines=True)
        help_text.style = "dim"
        yield Label(help_text)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(self.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)


class LongTextScreen(Dialog[None]):
    """The multi-line editor of 指标描述: Ctrl+S or F2 keeps, Esc cancels.

    It is the view of an open cell edit: it reports its text and its keys to the screen's
    edit glue, which closes it when the edit ends (by these keys or by a command that
    stores the edit first, such as quitting)."""

    DEFAULT_CSS = """
    LongTextScreen TextArea { height: 10; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.LONG_TEXT)

    def __init__(self, title: str, value: str, owner: EditorOwner) -> None:
        super().__init__(title)
        self.value = value
        self.owner = owner

    def body(self) -> ComposeResult:
        yield SafeTextArea(self.value, id="long-text", soft_wrap=True, show_line_numbers=False)
        yield Label(Text(t("ui.long_text.help"), style="dim"))

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text if self.is_mounted else self.value

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.owner.editor_text_changed(event.text_area.text)

    def _finish(self, end: EditEnd) -> None:
        self.owner.editor_finish(end)

    def action_keep(self) -> None:
        from goaltui.session.edit import EditEnd

        self._finish(EditEnd.KEEP)

    def action_cancel(self) -> None:
        from goaltui.session.edit import EditEnd

        self._finish(EditEnd.CANCEL)


class PickScreen(Dialog[str | None]):
    """Choose one of a few values (一级指标)."""

    DEFAULT_CSS = """
    PickScreen > .dialog--box { width: 36; }
    PickScreen OptionList { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.PICK)

    def __init__(self, title: str, values: list[str], current: str) -> None:
        super().__init__(title)
        self.values = values
        self.current = current

    def body(self) -> ComposeResult:
        yield OptionList(*[Option(display_rich(value), id=str(index)) for index, value in enumerate(self.values)])

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.current in self.values:
            options.highlighted = self.values.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.values[event.option_index])
