"""F3: the document header and footer (title, year, department, notes, signatures)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, VerticalScroll
from textual.widgets import Footer, Input, Label, Static, TextArea

from goaltui.i18n import t
from goaltui.model import Document
from goaltui.model.commands import SIGNATURE_FIELDS
from goaltui.ui.actions import Where, bindings
from goaltui.ui.screens.dialogs import Dialog


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
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.HEADER)

    def __init__(self, document: Document) -> None:
        super().__init__(t("ui.header.title"))
        self.document = document

    def compose(self) -> ComposeResult:
        doc = self.document
        with VerticalScroll() as scroll:
            scroll.border_title = self.title_text
            with Grid():
                yield Label(t("field.title"))
                yield Input(doc.title, id="f-title")
                yield Label(t("field.year"))
                yield Static(Text(str(doc.year) if doc.year else t("ui.header.no_year"), style="dim"), id="f-year")
                yield Label(t("field.department"))
                yield Input(doc.department, id="f-department")
                yield Label(t("field.expected_project_count"))
                count = "" if doc.expected_project_count is None else str(doc.expected_project_count)
                yield Input(count, id="f-expected_project_count")
                yield Label(t("field.notes"))
                yield TextArea(doc.notes, id="f-notes", soft_wrap=True)
                yield Label(t("field.leader"))
                yield Input(doc.signatures.leader, id="f-leader")
                yield Label(t("field.handler"))
                yield Input(doc.signatures.handler, id="f-handler")
                yield Label(t("field.phone"))
                yield Input(doc.signatures.phone, id="f-phone")
            yield Static("", id="header-error", classes="error")
            yield Label(Text(t("ui.header.help"), style="dim"), classes="help")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#f-title", Input).focus()

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
        raw = self.query_one("#f-expected_project_count", Input).value.strip()
        if raw and not raw.isdigit():
            error = t("ui.header.bad_count", text=raw)
            self.query_one("#header-error", Static).update(Text(error))
            return None
        count = int(raw) if raw else None
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
