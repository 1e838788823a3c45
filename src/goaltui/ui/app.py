"""The editor application: opening, saving, exporting, quitting.

``run_editor(path)`` is what ``goaltui [FILE]`` calls. The main screen does the
editing (:mod:`goaltui.ui.screens.main`); this module owns the
:class:`~goaltui.session.Session` (the document, its history, its problems) and
the files.

Two rules hold for every key and command:

* input on the main screen is handled in the app's own task, in order
  (:meth:`GoalApp.on_event`): a burst of keys that arrives in one write is
  applied exactly as if it had been typed slowly;
* any action that is not part of the cell edit first stores the open edit
  (:meth:`GoalApp.run_action`): saving, quitting, undoing, a dialog, the palette
  never see a document without what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, work
from textual.actions import ActionParseResult
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Center, Middle
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static

from goaltui.errors import GoaltuiError
from goaltui.i18n import t
from goaltui.io.formats import ReadOptions, read_document, write_document
from goaltui.model import Document
from goaltui.resources import sample_path, styles_dir
from goaltui.session import Session
from goaltui.ui.actions import Where, bindings
from goaltui.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from textual.command import Provider

NATIVE_SUFFIXES = (".json", ".xlsx")
"""Formats the editor saves to in place (others are imported: the first save asks where)."""

BACKGROUND_LOAD_BYTES = 512 * 1024
"""Files larger than this are read in a worker while a loading screen shows."""


def _goal_commands() -> type[Provider]:
    """The palette provider, imported when the palette first opens."""
    from goaltui.ui.commands_palette import GoalCommands

    return GoalCommands


class LoadingScreen(Screen[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(Text(t("ui.loading", file=self.path.name)))
            yield LoadingIndicator()
        yield Footer()


class GoalApp(App[int]):
    """The goaltui editor. Give it a *document* (already read) or a *load_path* to read in a worker."""

    CSS_PATH: ClassVar[list[str | Path]] = [styles_dir() / "app.tcss"]  # type: ignore[assignment]
    TITLE = "goaltui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {lambda: _goal_commands()}
    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.APP)

    def __init__(
        self,
        document: Document | None = None,
        path: Path | None = None,
        *,
        load_path: Path | None = None,
        sheet: str | None = None,
        min_indicators: int = 5,
    ) -> None:
        super().__init__()
        self.path = path
        """The file the document came from (None: new or the bundled sample)."""
        self.save_path: Path | None = None
        """Where Ctrl+S writes; None means ask (the sample, or an imported .txt/.xls)."""
        self.load_path = load_path
        self.sheet = sheet
        self.min_indicators = min_indicators
        self._session: Session | None = None
        if document is not None:
            self._install(document, path)

    # --- the document -------------------------------------------------------------------------

    def _install(self, document: Document, path: Path | None) -> None:
        self._session = Session(document, min_indicators=self.min_indicators)
        self.path = path
        is_sample = path is not None and path.resolve() == sample_path().resolve()
        if path is not None and not is_sample and path.suffix.lower() in NATIVE_SUFFIXES:
            self.save_path = path
        else:
            self.save_path = None

    @property
    def session(self) -> Session:
        assert self._session is not None, "no document loaded yet"
        return self._session

    @property
    def document(self) -> Document:
        return self.session.document

    @property
    def display_name(self) -> str:
        if self.save_path is not None:
            return self.save_path.name
        if self.path is not None and self.path.resolve() == sample_path().resolve():
            return t("ui.status.sample", file=self.path.name)
        if self.path is not None:
            return t("ui.status.imported", file=self.path.name)
        return t("ui.status.new")

    @property
    def needs_save_path(self) -> bool:
        return self.save_path is None and self.session.dirty

    def suggested_path(self, suffix: str) -> Path:
        base = self.save_path or self.path
        if base is None or (self.path is not None and self.path.resolve() == sample_path().resolve()):
            stem = self.path.stem if self.path is not None else "goaltui"
            return Path.cwd() / f"{stem}{suffix}"
        return base.with_suffix(suffix)

    @property
    def main(self) -> MainScreen:
        screen = self.screen
        if isinstance(screen, MainScreen):
            return screen
        for candidate in self.screen_stack:
            if isinstance(candidate, MainScreen):
                return candidate
        raise LookupError("the main screen is not open")

    # --- input in order, and the open edit stored before any other action ----------------------

    async def on_event(self, event: events.Event) -> None:
        # Keys and pastes on the main screen are handled here, in the app's task and in the
        # order they arrived: Textual would queue them on the focused widget, and a burst
        # (a paste, an input method, a fast typist over SSH) would reach the cell editor only
        # after the keys that follow it had gone elsewhere.
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            screen = self.screen
            if isinstance(screen, MainScreen) and screen.is_mounted:
                if isinstance(event, events.Key):
                    if not self.app_focus:
                        self.app_focus = True
                    if await self._check_bindings(event.key, priority=True):
                        return
                if await screen.route_input(event):
                    return
        await super().on_event(event)

    async def route_key(self, key: str) -> bool:
        """Run the binding of *key* on the focused widget and its ancestors, now (in order)."""
        return await self._check_bindings(key)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Run an action; anything but the cell edit's own keys stores the open edit first
        (and does not run when what was typed cannot be stored: the editor says why)."""
        main = self._main_screen()
        if main is not None and main.editing:
            target, _name, _params = self._parse_action(
                action, self if default_namespace is None else default_namespace, namespaces
            )
            if not main.edit_owns(target) and not main.settle_edit():
                return False
        return await super().run_action(action, default_namespace, namespaces)

    def _main_screen(self) -> MainScreen | None:
        try:
            return self.main
        except LookupError:
            return None

    # --- start-up ---------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        if self._session is not None:
            return MainScreen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self._session is None and self.load_path is not None:
            self.push_screen(LoadingScreen(self.load_path))
            self._load(self.load_path)

    @work(thread=True, exclusive=True, group="load")
    def _load(self, path: Path) -> None:
        try:
            document = read_document(path, ReadOptions(sheet=self.sheet))
        except GoaltuiError as exc:
            self.call_from_thread(self._load_failed, str(exc))
            return
        self.call_from_thread(self._loaded, document, path)

    def _loaded(self, document: Document, path: Path) -> None:
        self._install(document, path)
        self.switch_screen(MainScreen())

    def _load_failed(self, message: str) -> None:
        from goaltui.safe_text import terminal_safe  # the message may quote the file: one safe line

        self.exit(2, message=Text(terminal_safe(t("cli.error_prefix") + message, newlines=False)))

    # --- saving -------------------------------------------------------------------------------------------

    def action_save(self) -> None:
        self.save()

    def save(self, then: Callable[[], None] | None = None) -> None:
        if self.save_path is None:
            self.action_save_as(then)
            return
        self._write(self.save_path, saving=True, then=then)

    def action_save_as(self, then: Callable[[], None] | None = None) -> None:
        default = self.suggested_path(".json")

        def chosen(text: str | None) -> None:
            if not text or not text.strip():
                return
            path = Path(text.strip()).expanduser()
            if not path.suffix:
                path = path.with_suffix(".json")  # a bare name (“柯桥2021”) saves as the native file
            if path.suffix.lower() not in NATIVE_SUFFIXES:
                self.notify(t("ui.save.bad_suffix", file=path), severity="error", markup=False)
                return
            self._confirm_overwrite(path, lambda: self._save_to(path, then))

        from goaltui.ui.screens.dialogs import TextPrompt

        self.push_screen(TextPrompt(t("ui.prompt.save_as"), str(default), t("ui.prompt.save_as_help")), chosen)

    def _save_to(self, path: Path, then: Callable[[], None] | None) -> None:
        # The new path becomes the save target only once the write succeeded (see _written):
        # after a failed Save As, Ctrl+S must still go to the file the user had.
        self._write(path, saving=True, then=then)

    def _confirm_overwrite(self, path: Path, go: Callable[[], None]) -> None:
        if not path.exists() or path == self.save_path:
            go()
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                go()

        from goaltui.ui.screens.dialogs import confirm

        self.push_screen(confirm(t("ui.confirm.overwrite_title"), t("ui.confirm.overwrite", file=path)), answered)

    def _write(self, path: Path, *, saving: bool, then: Callable[[], None] | None = None) -> None:
        """Write the document to *path*: JSON at once, other formats in a worker with progress."""
        state = self.session.history.state
        if path.suffix.lower() == ".json":
            try:
                write_document(self.document, path)
            except GoaltuiError as exc:
                self.notify(str(exc), severity="error", markup=False, timeout=8)
                return
            self._written(path, saving, state, then)
            return
        snapshot = self.document.model_copy(deep=True)
        self.main.show_progress(0, None)
        self._write_in_worker(snapshot, path, saving, state, then)

    @work(thread=True, exclusive=True, group="write")
    def _write_in_worker(
        self, snapshot: Document, path: Path, saving: bool, state: int, then: Callable[[], None] | None
    ) -> None:
        def progress(done: int, total: int) -> None:
            self.call_from_thread(self.main.show_progress, done, total)

        try:
            write_document(snapshot, path, progress=progress)
        except Exception as exc:
            message = str(exc) if isinstance(exc, GoaltuiError) else t("ui.write_failed", file=path, reason=exc)
            self.call_from_thread(self._write_failed, message)
            return
        self.call_from_thread(self._written, path, saving, state, then)

    def _write_failed(self, message: str) -> None:
        self.main.show_progress(None)
        self.notify(message, severity="error", markup=False, timeout=8)

    def _written(self, path: Path, saving: bool, state: int, then: Callable[[], None] | None) -> None:
        self.main.show_progress(None)
        if saving:
            self.save_path = path
            self.session.history.mark_saved(state)
            self.notify(t("ui.saved", file=path), markup=False, timeout=3)
        else:
            self.notify(t("ui.exported", file=path), markup=False, timeout=4)
        self.main.update_status()
        if then is not None:
            then()

    def action_export(self, kind: str) -> None:
        suffix = {"xlsx": ".xlsx", "md": ".md"}.get(kind, ".xlsx")
        default = self.suggested_path(suffix)

        def chosen(text: str | None) -> None:
            if not text or not text.strip():
                return
            path = Path(text.strip()).expanduser()
            if path.suffix.lower() != suffix:
                path = path.with_suffix(suffix)
            self._confirm_overwrite(path, lambda: self._export_to(path))

        from goaltui.ui.screens.dialogs import TextPrompt

        title = t("ui.prompt.export_xlsx") if kind == "xlsx" else t("ui.prompt.export_md")
        self.push_screen(TextPrompt(title, str(default)), chosen)

    def _export_to(self, path: Path) -> None:
        snapshot = self.document.model_copy(deep=True)
        self.main.show_progress(0, None)
        self._write_in_worker(snapshot, path, False, self.session.history.state, None)

    # --- other actions ---------------------------------------------------------------------------------------

    def action_command_palette(self) -> None:
        """Ctrl+P: the palette, in the user's language."""
        from goaltui.ui.commands_palette import Palette

        if self.use_command_palette and not any(isinstance(screen, Palette) for screen in self.screen_stack):
            self.push_screen(Palette(id="--command-palette", placeholder=t("ui.palette.placeholder")))

    def action_change_theme(self) -> None:
        from textual.theme import ThemeProvider

        from goaltui.ui.commands_palette import Palette

        self.push_screen(Palette([ThemeProvider], placeholder=t("ui.palette.themes")))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette entries, in the user's language; its Quit and Keys are left out
        (the editor's 退出 asks about unsaved changes, F1 lists every key)."""
        yield SystemCommand(t("ui.cmd.theme"), t("ui.cmd.theme_help"), self.action_change_theme)
        yield SystemCommand(
            t("ui.cmd.screenshot"), t("ui.cmd.screenshot_help"), lambda: self.set_timer(0.1, self.screenshot)
        )

    def screenshot(self) -> None:
        """Save an SVG of the screen in the current folder, and say where (Textual's own says it in English)."""
        from goaltui.errors import describe_os_error

        try:
            path = self.save_screenshot(path=str(Path.cwd()))
        except OSError as exc:
            message = t("ui.write_failed", file=Path.cwd(), reason=describe_os_error(exc))
            self.notify(message, severity="error", markup=False)
            return
        self.notify(t("ui.screenshot_saved", file=path), markup=False, timeout=4)

    def action_help_quit(self) -> None:
        """Ctrl+C (a reflex over SSH): say how to quit, in the user's language."""
        self.notify(t("ui.quit_hint"), title=t("ui.confirm.quit_title"), markup=False, timeout=4)

    def action_help(self) -> None:
        from goaltui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if not self.session.dirty:
            self.exit(0)
            return

        from goaltui.ui.screens.dialogs import ChoiceScreen

        if any(screen.id == "quit-dialog" for screen in self.screen_stack):
            return  # Ctrl+Q again while it asks: one question is enough

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.save(then=lambda: self.exit(0))
            elif answer == "discard":
                self.exit(0)

        self.push_screen(
            ChoiceScreen(
                t("ui.confirm.quit_title"),
                t("ui.confirm.quit", file=self.display_name),
                [("save", t("ui.save")), ("discard", t("ui.discard")), ("cancel", t("ui.cancel"))],
                default="save",
                id="quit-dialog",
            ),
            answered,
        )


def run_editor(path: Path | None, sheet: str | None = None) -> int:
    """Open the editor on *path* (the bundled sample when None); the exit code."""
    source = path if path is not None else sample_path()
    if source.exists() and source.stat().st_size > BACKGROUND_LOAD_BYTES:
        app = GoalApp(None, source, load_path=source, sheet=sheet)
    else:
        app = GoalApp(read_document(source, ReadOptions(sheet=sheet)), source)
    result = app.run()
    if isinstance(result, int):
        return result
    return 2 if app.return_code else 0  # a crash (Textual's return_code 1) is a failure: exit 2
