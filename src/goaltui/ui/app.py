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

The file side — the lock, the recovery journal, the questions before a save,
inserting projects from files — is :mod:`goaltui.ui.file_actions`. Every
notification goes through :func:`goaltui.safe_text.terminal_safe` (it may quote
a cell or a file name).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.text import Text
from textual import events, work
from textual.actions import ActionParseResult
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Center, Middle
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, LoadingIndicator, Static

from goaltui.errors import GoaltuiError
from goaltui.i18n import t
from goaltui.io.formats import NO_WRITE_OPTIONS, WriteOptions
from goaltui.model import Document
from goaltui.resources import sample_path, styles_dir
from goaltui.safe_text import display_rich, terminal_safe
from goaltui.session import Session
from goaltui.session.document_file import DocumentFile, ReadOnlyError
from goaltui.session.opening import OpenedTable, open_table
from goaltui.ui.actions import Where, bindings
from goaltui.ui.file_actions import FileActions
from goaltui.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from goaltui.rules import RuleConfig
    from goaltui.ui.screens.review import ReviewScreen

NATIVE_SUFFIXES = (".json", ".xlsx")
"""Formats Save As writes (others are exported: F5, F6)."""

BACKGROUND_LOAD_BYTES = 512 * 1024
"""Files larger than this are read in a worker while a loading screen shows."""


def _goal_commands() -> type[Provider]:
    """The palette provider, imported when the palette first opens."""
    from goaltui.ui.commands_palette import GoalCommands

    return GoalCommands


def _goal_nodes() -> type[Provider]:
    """The table's projects and units in the palette (imported when it first opens)."""
    from goaltui.ui.commands_palette import GoalNodes

    return GoalNodes


class LoadingScreen(Screen[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(display_rich(t("ui.loading", file=self.path.name)))
            yield LoadingIndicator()
        yield Footer()


class _Opened(NamedTuple):
    """The editor's table, kept while a table opened from the review list is edited over it."""

    session: Session | None
    path: Path | None
    save_path: Path | None
    file: DocumentFile | None
    opened: OpenedTable | None
    discarded: bool
    is_new: bool


class GoalApp(FileActions, App[int]):
    """The goaltui editor. Give it a table already read (*opened*, or a *document* and its *path*),
    or a *load_path* to read in a worker; or *start* (the screen to start on: the review of a
    folder) and no table."""

    CSS_PATH: ClassVar[list[str | Path]] = [styles_dir() / "app.tcss"]  # type: ignore[assignment]
    TITLE = "goaltui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {lambda: _goal_commands(), lambda: _goal_nodes()}
    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.APP)

    def __init__(
        self,
        document: Document | None = None,
        path: Path | None = None,
        *,
        load_path: Path | None = None,
        sheet: str | None = None,
        min_indicators: int = 5,
        opened: OpenedTable | None = None,
        new_table: bool = False,
        start: Callable[[], Screen[None]] | None = None,
    ) -> None:
        super().__init__()
        self.start = start
        self._under: list[_Opened] = []
        """The documents of the editors under the one open now (a table opened from the review list)."""
        self.is_new = new_table
        """A new table: its file is written on the first save (the header form asks the department first)."""
        self.markdown_with_problems = True
        """F6 appends the check result (the choice is remembered while the editor runs)."""
        self.path = path
        """The file the document came from (None: a new table)."""
        self.save_path: Path | None = None
        """Where Ctrl+S writes; None means ask (the sample, an imported .txt/.xls, a workbook with other sheets)."""
        self.load_path = load_path
        self.sheet = sheet
        """The sheet asked for on the command line (then no choice is offered)."""
        self.min_indicators = min_indicators
        self._session: Session | None = None
        self.file: DocumentFile | None = None
        """The lock, the version on disk, the recovery journal (see goaltui.session.document_file)."""
        self.opened: OpenedTable | None = None
        self._discarded = False
        """The user chose to quit without saving: the journal goes too."""
        self._journal_ticking = False
        self._exit_signal: int | None = None
        self._event_loop: asyncio.AbstractEventLoop | None = None
        if opened is None and document is not None:
            opened = OpenedTable(path, document)
        if opened is not None:
            self._install(opened)

    # --- the document -------------------------------------------------------------------------

    def _install(self, opened: OpenedTable) -> None:
        self._session = Session(opened.document, min_indicators=self.min_indicators)
        self._session.listeners.append(self.document_changed)
        self.opened = opened
        path = self.path = opened.path
        is_sample = path is not None and path.resolve() == sample_path().resolve()
        self.save_path = path if path is not None and not is_sample and opened.saves_in_place else None
        self.file = DocumentFile(path, self.save_path, lock_source=not is_sample, opened_version=opened.version)

    @property
    def session(self) -> Session:
        assert self._session is not None, "no document loaded yet"
        return self._session

    @property
    def document(self) -> Document:
        return self.session.document

    @property
    def display_name(self) -> str:
        if self.save_path is not None and self.is_new:
            return t("ui.status.new_file", file=self.save_path.name)
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
        """The editor of the document being edited (the topmost: a table opened from the review list is
        edited over the editor the review was opened from)."""
        screen = self.screen
        if isinstance(screen, MainScreen):
            return screen
        for candidate in reversed(self.screen_stack):
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
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except ReadOnlyError as error:  # (any action that would change a table open read-only)
            self.refuse_read_only(error)
            return True

    def _main_screen(self) -> MainScreen | None:
        try:
            return self.main
        except LookupError:
            return None

    # --- start-up ---------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        if self._session is not None:
            return MainScreen()
        if self.start is not None:
            return self.start()
        return super().get_default_screen()

    def on_mount(self) -> None:
        self._event_loop = asyncio.get_running_loop()  # (a signal handler schedules the exit on it)
        if self._session is None and self.load_path is not None:
            self.push_screen(LoadingScreen(self.load_path))
            self._load(self.load_path)
        elif self._session is not None:
            self.call_after_refresh(self.start_file)

    @work(thread=True, exclusive=True, group="load")
    def _load(self, path: Path) -> None:
        try:
            opened = open_table(path, self.sheet)
        except GoaltuiError as exc:
            self.call_from_thread(self._load_failed, str(exc))
            return
        self.call_from_thread(self._loaded, opened)

    def _loaded(self, opened: OpenedTable) -> None:
        self._install(opened)
        self.switch_screen(MainScreen())
        self.call_after_refresh(self.start_file)

    def _load_failed(self, message: str) -> None:
        # the message may quote the file: one safe line
        self.exit(2, message=Text(terminal_safe(t("cli.error_prefix") + message, newlines=False)))

    def on_unmount(self) -> None:
        self.close_file()

    # --- what the user is told ---------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notification, with nothing in it that drives the terminal (it may quote a cell,
        a file name, the holder of a lock)."""
        super().notify(
            terminal_safe(message), title=terminal_safe(title), severity=severity, timeout=timeout, markup=markup
        )

    def refuse_read_only(self, error: ReadOnlyError) -> None:
        """A change refused because the table is open read-only: say why and what is possible."""
        self.notify(str(error), severity="warning", timeout=8, markup=False)

    # --- saving -------------------------------------------------------------------------------------------

    def action_save(self) -> None:
        self.save()

    def save(self, then: Callable[[], None] | None = None) -> None:
        if self.save_path is None:
            self.action_save_as(then)
            return
        self.save_checked(self.save_path, then)

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
            # The new path becomes the save target only once the write succeeded (see _written):
            # after a failed Save As, Ctrl+S must still go to the file the user had.
            self._confirm_overwrite(path, lambda: self.save_checked(path, then))

        from goaltui.ui.screens.dialogs import TextPrompt

        self.push_screen(TextPrompt(t("ui.prompt.save_as"), str(default), t("ui.prompt.save_as_help")), chosen)

    def _confirm_overwrite(self, path: Path, go: Callable[[], None]) -> None:
        if not path.exists() or path == self.save_path:
            go()
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                go()

        from goaltui.ui.screens.dialogs import confirm

        self.push_screen(confirm(t("ui.confirm.overwrite_title"), t("ui.confirm.overwrite", file=path)), answered)

    def action_export(self, kind: str) -> None:
        suffix = {"xlsx": ".xlsx", "md": ".md"}.get(kind, ".xlsx")
        default = self.suggested_path(suffix)

        def chosen(text: str | None, options: WriteOptions = NO_WRITE_OPTIONS) -> None:
            if not text or not text.strip():
                return
            path = Path(text.strip()).expanduser()
            if path.suffix.lower() != suffix:
                path = path.with_suffix(suffix)
            if self.file is not None and self.file.is_target(path):
                self.save_checked(path, None)  # the file being edited, in its own format: a save (checked first)
                return
            self._confirm_overwrite(path, lambda: self._export_to(path, options))

        if kind == "md":  # with the check result or without (as goaltui convert --with-problems)
            from goaltui.ui.screens.export_dialog import MarkdownExportPrompt

            def chosen_md(result: tuple[str, bool] | None) -> None:
                if result is not None:
                    self.markdown_with_problems = result[1]
                    chosen(result[0], WriteOptions(with_problems=result[1]))

            prompt = MarkdownExportPrompt(t("ui.prompt.export_md"), str(default), self.markdown_with_problems)
            self.push_screen(prompt, chosen_md)
            return

        from goaltui.ui.screens.dialogs import TextPrompt

        self.push_screen(TextPrompt(t("ui.prompt.export_xlsx"), str(default)), chosen)

    def _export_to(self, path: Path, options: WriteOptions = NO_WRITE_OPTIONS) -> None:
        snapshot = self.document.model_copy(deep=True)
        self.main.show_progress(0, None)
        self._write_in_worker(snapshot, path, False, self.session.history.state, None, False, options)

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

    def action_new_table(self) -> None:
        """The palette's 新建表格: ask where, then an empty table there (see ui/new_table.py)."""
        from goaltui.ui.new_table import ask_new_table

        ask_new_table(self)

    def action_help_quit(self) -> None:
        """Ctrl+C (a reflex over SSH): say how to quit, in the user's language."""
        self.notify(t("ui.quit_hint"), title=t("ui.confirm.quit_title"), markup=False, timeout=4)

    def action_help(self) -> None:
        from goaltui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if self._review_under(self._top_screen()) is not None:
            self.action_close_table()  # the editor of a table opened from the review: back to the list
            return
        if self._session is None or not self.session.dirty:
            self.exit(0)
            return
        self._save_first(t("ui.confirm.quit_title"), t("ui.confirm.quit", file=self.display_name), lambda: self.exit(0))

    def _save_first(self, title: str, question: str, go: Callable[[], None]) -> None:
        """Ask whether to save the unsaved changes, then *go* (save, don't save, or cancel)."""
        from goaltui.ui.screens.dialogs import ChoiceScreen

        if any(screen.id == "quit-dialog" for screen in self.screen_stack):
            return  # Ctrl+Q again while it asks: one question is enough

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.save(then=go)
            elif answer == "discard":
                self._discarded = True  # (the journal of the changes thrown away goes too)
                go()

        self.push_screen(
            ChoiceScreen(
                title,
                question,
                [("save", t("ui.save")), ("discard", t("ui.discard")), ("cancel", t("ui.cancel"))],
                default="save",
                id="quit-dialog",
            ),
            answered,
        )

    # --- the review of a folder, and the tables opened from it ----------------------------------------

    def _top_screen(self) -> Screen[Any]:
        """The screen the user is on, under any dialog or palette."""
        stack: list[Screen[Any]] = self.screen_stack
        return next((screen for screen in reversed(stack) if not isinstance(screen, ModalScreen)), stack[-1])

    def _review_under(self, screen: Screen[Any]) -> ReviewScreen | None:
        """The review list *screen* (an editor) was opened from, if it was."""
        from goaltui.ui.screens.review import ReviewScreen

        if not isinstance(screen, MainScreen) or screen not in self.screen_stack:
            return None
        for below in reversed(self.screen_stack[: self.screen_stack.index(screen)]):
            if isinstance(below, ReviewScreen):
                return below
            if isinstance(below, MainScreen):
                return None
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving needs an editor on screen; closing a table, one opened from the review list; a review,
        none open yet."""
        if action in ("save", "save_as", "export"):
            return isinstance(self._top_screen(), MainScreen)
        if action == "close_table":
            return self._review_under(self._top_screen()) is not None
        if action == "review_folder":
            from goaltui.ui.screens.review import ReviewScreen

            return not any(isinstance(screen, ReviewScreen) for screen in self.screen_stack)
        return True

    def action_review_folder(self) -> None:
        """审阅文件夹…: ask for a folder (the current file's by default) and list its tables."""
        from goaltui.ui.screens.dialogs import TextPrompt

        default = self.suggested_path(".json").parent  # the file's folder (the current one for the sample)

        def chosen(text: str | None) -> None:
            if text and text.strip():
                self.review(Path(text.strip()).expanduser())

        self.push_screen(TextPrompt(t("ui.prompt.review_folder"), str(default)), chosen)

    def review(self, folder: Path) -> None:
        """Open the review of *folder* over the editor."""
        from goaltui.errors import GoaltuiError
        from goaltui.review.folder import scan_folder
        from goaltui.safe_text import display_text
        from goaltui.ui.screens.review import ReviewScreen

        try:
            paths = scan_folder(folder)
        except GoaltuiError as exc:
            self.notify(display_text(str(exc)), severity="error", markup=False, timeout=8)
            return
        config = self.rule_config()
        self.push_screen(ReviewScreen(folder, config=config, paths=paths))

    def rule_config(self) -> RuleConfig:
        from goaltui.rules import RuleConfig

        return RuleConfig(min_indicators=self.min_indicators)

    def show_open_table(self, path: Path) -> bool:
        """When *path* is being edited under the review list already: back to that editor (True)."""
        if self._session is None or self.path is None:
            return False
        target = path.resolve()
        if target not in {p.resolve() for p in (self.path, self.save_path) if p is not None}:
            return False
        from goaltui.ui.screens.review import ReviewScreen

        review = self.screen
        if isinstance(review, ReviewScreen):
            self.notify(t("ui.review.already_open", file=path.name), markup=False, timeout=4)
            review.dismiss(None)
        return True

    def edit_from_review(self, opened: OpenedTable) -> None:
        """Edit *opened* (chosen in the review list) in an editor over the list: its own lock,
        journal and questions before a save, as for a table opened from the command line."""
        self._under.append(
            _Opened(self._session, self.path, self.save_path, self.file, self.opened, self._discarded, self.is_new)
        )
        self._discarded = False
        self.is_new = False
        self._install(opened)
        self.push_screen(MainScreen())
        self.call_after_refresh(self.start_file)

    def action_close_table(self) -> None:
        """Ctrl+W (and Ctrl+Q) in a table opened from the review list: back to the list, asking first
        when there are unsaved changes (as quitting does)."""
        main = self._top_screen()
        if not isinstance(main, MainScreen) or self._review_under(main) is None:
            return
        if not self.session.dirty:
            self._close_table(main)
            return
        question = t("ui.confirm.close", file=self.display_name)
        self._save_first(t("ui.confirm.close_title"), question, lambda: self._close_table(main))

    def _close_table(self, main: MainScreen) -> None:
        if self.screen is not main or not self._under:
            return  # (a save that ended after the user went elsewhere)
        opened, saved = self.path, self.save_path
        self.close_file()  # its lock goes; its journal too unless changes were kept unsaved
        self.pop_screen()
        under = self._under.pop()
        self._session, self.path, self.save_path, self.file, self.opened = under[:5]
        self._discarded, self.is_new = under.discarded, under.is_new
        from goaltui.ui.screens.review import ReviewScreen

        review = self.screen
        if isinstance(review, ReviewScreen) and opened is not None:
            review.table_closed(opened, saved)


def run_editor(path: Path | None, sheet: str | None = None, *, new: bool = False) -> int:
    """Open the editor on *path* (the bundled sample when None; *new*: an empty table to be
    written there on the first save); the exit code.

    A dropped SSH session (SIGHUP) or a ``kill`` (SIGTERM) first writes the recovery journal, then
    ends the editor normally (exit code 128 + the signal); a crash exits with 2 (its unsaved
    changes are in the journal for the next opening).
    """
    from goaltui.io.recovery import install_flush_on_signals

    source = path if path is not None else sample_path()
    if new and path is not None:
        from goaltui.session.new_table import new_document

        app = GoalApp(new_document(), path, new_table=True)
    elif source.exists() and source.stat().st_size > BACKGROUND_LOAD_BYTES:
        app = GoalApp(None, source, load_path=source, sheet=sheet)
    else:
        app = GoalApp(opened=open_table(source, sheet), sheet=sheet)
    signals = [s for s in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if s is not None]
    before = {number: signal.signal(number, app.exit_on_signal) for number in signals}
    uninstall = install_flush_on_signals(app.flush_journal, signals)
    try:
        result = app.run()
    finally:
        uninstall()
        for number, handler in before.items():
            signal.signal(number, handler)
    if isinstance(result, int):
        return result
    return 2 if app.return_code else 0  # a crash (Textual's return_code 1) is a failure: exit 2


def run_review(
    folder: Path,
    paths: list[Path],
    *,
    recursive: bool = False,
    min_indicators: int | None = None,
    workers: int | None = None,
    sort: str = "file",
    descending: bool = False,
    only_errors: bool = False,
    name: str = "",
) -> int:
    """The review screen on *folder* (its tables *paths*, already listed); the exit code."""
    from goaltui.review.listing import ReviewList
    from goaltui.review.options import Column
    from goaltui.rules import RuleConfig
    from goaltui.ui.screens.review import ReviewScreen

    config = RuleConfig(min_indicators=min_indicators) if min_indicators is not None else None
    listing = ReviewList(sort=Column(sort), descending=descending, only_errors=only_errors, text=name)

    def start() -> Screen[None]:
        return ReviewScreen(folder, recursive=recursive, config=config, workers=workers, listing=listing, paths=paths)

    app = GoalApp(None, None, start=start, min_indicators=config.min_indicators if config else 5)
    result = app.run()
    if isinstance(result, int):
        return result
    return 2 if app.return_code else 0
