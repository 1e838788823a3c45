"""F9: the document header and footer (title, year, department, notes, signatures).

Opened on a problem of the header (Enter in the problems list, ] / [), it starts on that
field; every field with a problem has its label marked, and the problems are listed under
the form. The fields show control, bidi and invisible characters as marks (the values stay
as they are); the issued project count is read by :func:`goaltui.session.fields.parse_project_count`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Final

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, Static, TextArea

from goaltui.i18n import t
from goaltui.model import Document
from goaltui.model.commands import SIGNATURE_FIELDS
from goaltui.session.fields import FieldError, parse_project_count
from goaltui.ui.actions import Where, bindings
from goaltui.ui.screens.dialogs import Dialog
from goaltui.ui.widgets.safe_input import SafeInput
from goaltui.ui.widgets.safe_text_area import SafeTextArea

if TYPE_CHECKING:
    from goaltui.rules import Problem

FIELD_IDS: Final = ("title", "department", "expected_project_count", "notes", "leader", "handler", "phone")
"""The form's fields (their widgets are ``#f-<field>``), as problems name them."""


class HeaderScreen(Dialog[dict[str, Any] | None]):
    """Edits a copy of the header fields; dismisses with the changed values (or ``None``).

    The main screen turns the result into one undoable command, so the form
    never touches the document.
    """

    DEFAULT_CSS = """
    HeaderScreen > VerticalScroll {
        width: 90; max-width: 100%; height: 100%; max-height: 34;
        border: round $accent; background: $surface; padding: 0 1;
    }
    HeaderScreen Grid { grid-size: 2; grid-columns: 16 1fr; grid-rows: auto; height: auto; grid-gutter: 0 1; }
    HeaderScreen Grid > Label { padding: 0 0; width: 100%; text-align: right; }
    HeaderScreen .help { width: 100%; text-align: left; }
    HeaderScreen Input { border: none; height: 1; padding: 0; background: $boost; }
    HeaderScreen Input:focus { border: none; background: $accent 30%; }
    HeaderScreen TextArea { height: 5; border: none; padding: 0; }
    HeaderScreen .error { color: $error; height: auto; }
    HeaderScreen Label.-error { color: $text-error; text-style: bold; }
    HeaderScreen Label.-warning { color: $text-warning; text-style: bold; }
    HeaderScreen #header-problems { height: auto; }
    HeaderScreen #header-problems Label.-error, HeaderScreen #header-problems Label.-warning { text-style: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.HEADER)

    def __init__(
        self, document: Document, *, focus: str | None = None, problems: list[Problem] | None = None
    ) -> None:
        super().__init__(t("ui.header.title"))
        self.document = document
        self.focus_field = focus if focus in FIELD_IDS else "title"
        self.problems = [p for p in problems or [] if p.field in FIELD_IDS]

    def compose(self) -> ComposeResult:
        doc = self.document
        with VerticalScroll() as scroll:
            scroll.border_title = self.title_text
            with Grid():
                yield Label(t("field.title"), id="l-title")
                yield SafeInput(doc.title, id="f-title")
                yield Label(t("field.year"))
                yield Static(Text(str(doc.year) if doc.year else t("ui.header.no_year"), style="dim"), id="f-year")
                yield Label(t("field.department"), id="l-department")
                yield SafeInput(doc.department, id="f-department")
                yield Label(t("field.expected_project_count"), id="l-expected_project_count")
                count = "" if doc.expected_project_count is None else str(doc.expected_project_count)
                yield SafeInput(count, id="f-expected_project_count")
                yield Label(t("field.notes"), id="l-notes")
                yield SafeTextArea(doc.notes, id="f-notes", soft_wrap=True)
                yield Label(t("field.leader"), id="l-leader")
                yield SafeInput(doc.signatures.leader, id="f-leader")
                yield Label(t("field.handler"), id="l-handler")
                yield SafeInput(doc.signatures.handler, id="f-handler")
                yield Label(t("field.phone"), id="l-phone")
                yield SafeInput(doc.signatures.phone, id="f-phone")
            yield Static("", id="header-error", classes="error")
            with Vertical(id="header-problems"):
                yield from self._problem_lines()
            yield Label(Text(t("ui.header.help"), style="dim"), classes="help")
        yield Footer()

    def on_mount(self) -> None:
        for field in FIELD_IDS:
            worst = self._worst(field)
            if worst is not None:
                self.query_one(f"#l-{field}", Label).add_class(f"-{worst}")
        self.query_one(f"#f-{self.focus_field}").focus()

    def _worst(self, field: str) -> str | None:
        severities = {p.severity.value for p in self.problems if p.field == field}
        return next((s for s in ("error", "warning", "info") if s in severities), None)

    def _problem_lines(self) -> ComposeResult:
        if not self.problems:
            return
        yield Label(Text(t("ui.header.problems"), style="bold"))
        for problem in self.problems:
            text = Text("• " + t(f"ui.hint.{problem.severity.value}") + " " + problem.message)
            if problem.hint:
                text.append(" — " + problem.hint, style="dim")
            yield Label(text, classes=f"-{problem.severity.value}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def values(self) -> dict[str, Any] | None:
        """The changed fields; ``None`` (with a message shown) when one is invalid."""
        doc = self.document
        changed: dict[str, Any] = {}
        for field in ("title", "department"):
            value = self.query_one(f"#f-{field}", Input).value
            if value != getattr(doc, field):
                changed[field] = value
        try:
            count = parse_project_count(self.query_one("#f-expected_project_count", Input).value)
        except FieldError as exc:
            self.query_one("#header-error", Static).update(Text(str(exc)))
            self.query_one("#f-expected_project_count", Input).focus()
            return None
        if count != doc.expected_project_count:
            changed["expected_project_count"] = count
        notes = self.query_one("#f-notes", TextArea).text
        if notes != doc.notes:
            changed["notes"] = notes
        for field in SIGNATURE_FIELDS:
            value = self.query_one(f"#f-{field}", Input).value
            if value != getattr(doc.signatures, field):
                changed[f"signatures.{field}"] = value
        return changed

    def action_keep(self) -> None:
        values = self.values()
        if values is not None:
            self.dismiss(values)
