"""The review screen: every table of a folder at a glance (``goaltui review DIR``, or 审阅文件夹 in the palette).

It draws :class:`~goaltui.review.listing.ReviewList` and routes keys to it.
The files are read in a thread worker by :func:`goaltui.review.loader.load_rows`
(a process pool when it pays); rows fill in as they arrive, the progress bar
moves, and closing the screen stops the reading. Enter opens the table under
the cursor in the editor (the app's :meth:`~goaltui.ui.app.GoalApp.edit_from_review`),
Ctrl+W or Ctrl+Q there comes back here, and that file's row is read again.
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, ProgressBar, Static
from textual.worker import Worker, get_current_worker

from goaltui.errors import GoaltuiError
from goaltui.i18n import t
from goaltui.review.folder import ReviewRow, review_file, scan_folder
from goaltui.review.listing import ReviewList
from goaltui.review.options import column_label
from goaltui.safe_text import display_text
from goaltui.ui.actions import Where, bindings
from goaltui.ui.widgets.review_table import ReviewTable, TotalsLine
from goaltui.ui.widgets.severity import SEVERITY_CLASSES, SeverityStyles

if TYPE_CHECKING:
    from goaltui.review.loader import Loaded, ReviewReader
    from goaltui.rules import RuleConfig
    from goaltui.session.opening import OpenedTable
    from goaltui.ui.app import GoalApp

POOL_FROM_MS = 1000.0
"""Estimated reading time (``goaltui.review.loader.estimated_ms``) from which the screen reads in a process
pool. ``python -m benchmarks --parts review_screen`` on 2 shared CPUs, the screen's first opening in a fresh
process (the pool's server starts then), every row / the first row: 100 typical files (est. 440 ms) one
process 0.99 s / 0.12 s, a pool 1.14 s / 0.43 s; 300 files (est. 1,570 ms) one process 3.9 s / 0.11 s, a
pool 2.9 s / 0.46 s. Below this, a pool delays the first rows and gains nothing."""
FLUSH_SECONDS = 0.1
"""Rows read are added to the list at most this often (a hundred rows arriving at once repaint once)."""
FILTER_SECONDS = 0.15
"""The name filter applies after this pause in typing."""


class _Line(SeverityStyles, Static):
    DEFAULT_CSS = """
    _Line {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", markup=False, id=id, classes=classes)


class _Stop(threading.Event):
    """Set when the screen closes, or when Textual cancels the worker (the app quitting while files are
    read): the pool stops within its polling interval instead of reading every file first."""

    def __init__(self, closed: threading.Event, worker: Worker[None]) -> None:
        super().__init__()
        self._closed = closed
        self._worker = worker

    def is_set(self) -> bool:
        return self._closed.is_set() or self._worker.is_cancelled


class FilterInput(Input):
    """The name filter: Esc clears it, Enter or ↓ goes back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.REVIEW_FILTER)


class ReviewScreen(Screen[None]):
    """The tables of *folder*, one line each, with a totals line; Enter opens one."""

    DEFAULT_CSS = """
    ReviewScreen {
        layout: vertical;
    }
    ReviewScreen #review-title {
        background: $panel;
        text-style: bold;
    }
    ReviewScreen #review-progress {
        height: 1;
        padding: 0 1;
    }
    ReviewScreen #review-progress Bar {
        width: 1fr;
    }
    ReviewScreen #review-detail {
        height: 2;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
    }
    ReviewScreen #review-filter {
        display: none;
    }
    ReviewScreen #review-filter.-visible {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.REVIEW_SCREEN)
    COMPONENT_CLASSES: ClassVar[set[str]] = set(SEVERITY_CLASSES)

    def __init__(
        self,
        folder: Path,
        *,
        recursive: bool = False,
        config: RuleConfig | None = None,
        workers: int | None = None,
        listing: ReviewList | None = None,
        paths: list[Path] | None = None,
        reader: ReviewReader | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.recursive = recursive
        self.config = config
        self.processes = workers
        """Processes to read the files with (None: as ``load_rows`` chooses)."""
        self.listing = listing or ReviewList()
        self._paths = paths
        """The files to read (None: scan the folder when the screen opens)."""
        self.reader = reader
        """What reads one file (None: :func:`~goaltui.review.folder.review_file`)."""
        self.total = 0
        self.done = 0
        self._arrived: list[ReviewRow] = []
        self._flush_timer: Timer | None = None
        self._filter_timer: Timer | None = None
        self._cancel = threading.Event()
        self._opening: Path | None = None
        self._shown_version = -1

    @property
    def goal(self) -> GoalApp:
        return cast("GoalApp", self.app)

    # --- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield _Line(id="review-title")
        yield ProgressBar(id="review-progress", show_eta=False, show_percentage=True)
        yield ReviewTable(id="review-table")
        yield TotalsLine(id="review-totals")
        yield Static("", id="review-detail", markup=False)
        yield FilterInput(id="review-filter", placeholder=t("ui.review.filter_placeholder"), compact=True)
        yield Footer(compact=True)

    @property
    def table(self) -> ReviewTable:
        return self.query_one(ReviewTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#review-filter", Input)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.table.focus()
        if self.listing.text:
            self.filter_input.value = self.listing.text
            self.filter_input.add_class("-visible")
        self.start_loading()

    def on_unmount(self) -> None:
        self.stop_loading()

    def on_resize(self) -> None:
        self._shown_version = -1
        self.redraw()

    def _theme_changed(self, _theme: object) -> None:
        self.table.forget([])  # the cells' colours come from the theme
        self._shown_version = -1
        self.redraw()

    # --- reading the folder ---------------------------------------------------------------------------

    def start_loading(self) -> None:
        """Read every table of the folder (again), rows filling in as they are read."""
        self.stop_loading()
        self._cancel = threading.Event()
        paths = self._paths
        self._paths = None
        if paths is None:
            try:
                paths = scan_folder(self.folder, recursive=self.recursive)
            except GoaltuiError as exc:
                self.app.notify(display_text(str(exc)), severity="error", markup=False, timeout=8)
                paths = []
        self.listing.clear()
        self.total, self.done = len(paths), 0
        bar = self.query_one(ProgressBar)
        bar.display = bool(paths)
        bar.update(total=max(1, len(paths)), progress=0)
        self.redraw()
        if paths:
            self._load(paths, self._cancel)

    def stop_loading(self) -> None:
        self._cancel.set()
        self.workers.cancel_group(self, "review-load")

    @work(thread=True, exclusive=True, group="review-load")
    def _load(self, paths: list[Path], cancel: threading.Event) -> None:
        from goaltui.review.loader import estimated_ms, load_rows

        worker = get_current_worker()
        reader = self.reader or review_file
        workers = self.processes
        if workers is None and estimated_ms(paths) < POOL_FROM_MS:
            workers = 1
        stop = _Stop(cancel, worker)
        rows = load_rows(paths, folder=self.folder, config=self.config, workers=workers, cancel=stop, reader=reader)
        try:
            for loaded in rows:
                if stop.is_set():
                    break
                self.app.call_from_thread(self._loaded, loaded, cancel)
        finally:
            if isinstance(rows, Generator):
                rows.close()  # stops the pool's pending files at once

    def _loaded(self, loaded: Loaded, cancel: threading.Event) -> None:
        if cancel.is_set() or not self.is_attached:
            return
        self._arrived.append(loaded.row)
        self.done = loaded.done
        self.query_one(ProgressBar).update(progress=loaded.done)
        if self._flush_timer is None:
            self._flush_timer = self.set_timer(FLUSH_SECONDS, self._flush)

    def _flush(self) -> None:
        self._flush_timer = None
        if self._arrived:
            self.listing.put_all(self._arrived)
            self._arrived = []
        if self.done >= self.total:
            self.query_one(ProgressBar).display = False
        self.redraw()

    @property
    def reading(self) -> bool:
        """Files are being read."""
        return self.done < self.total and not self._cancel.is_set()

    # --- drawing ---------------------------------------------------------------------------------------

    def redraw(self) -> None:
        listing = self.listing
        if listing.version != self._shown_version:
            self._shown_version = listing.version
            table = self.table
            table.forget(listing.rows)
            totals_line = table.show(listing.shown(), listing.totals(), (listing.sort_column, listing.descending))
            self.query_one(TotalsLine).update(totals_line)
        self._update_title()
        self.update_detail()

    def _update_title(self) -> None:
        """The folder, the filter and the order, then how many tables are ready (or the progress)."""
        listing = self.listing
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append(t("ui.review.title", folder=display_text(self.folder.name or str(self.folder))))
        state = []
        if listing.only_errors:
            state.append(t("ui.review.only_errors"))
        if listing.text.strip():
            state.append(t("ui.review.name_filter", text=display_text(listing.text.strip())))
        if listing.filtered:
            state.append(t("ui.review.shown", n=len(listing.shown()), total=len(listing)))
        if state:
            title.append("  " + " · ".join(state), style=self.table.severity_style("warning"))
        order = t("ui.review.descending" if listing.descending else "ui.review.ascending")
        title.append("  " + t("ui.review.sorted", column=column_label(listing.sort_column), order=order), style="dim")
        if self.reading:
            title.append("  " + t("review.progress", done=self.done, total=self.total))
        else:
            totals = listing.all_totals()
            title.append("  " + t("review.summary", files=totals.files, ready=totals.ready,
                                  with_errors=totals.with_errors, unreadable=totals.unreadable))  # fmt: skip
        self.query_one("#review-title", _Line).update(title)

    def update_detail(self) -> None:
        """Two lines about the row under the cursor: what the columns leave out."""
        row = self.table.current
        detail = self.query_one("#review-detail", Static)
        if row is None:
            detail.update(Text(t("ui.review.empty") if not self.reading and not len(self.listing) else ""))
            return
        first = Text(display_text(row.name), style="bold")
        if not row.readable:
            second = Text(display_text(row.reason or ""), style=self.table.severity_style("error"))
            detail.update(first + Text("\n") + second)
            return
        first.append("  " + display_text(row.department))
        first.append("  " + display_text(row.title), style="dim")
        from goaltui.io.markdown import amount_text
        from goaltui.model import FUND_FIELDS

        second = Text(t("ui.review.detail", units=row.units, projects=row.projects, indicators=row.indicators))
        funds = [f"{t(f'field.{name}')} {amount_text(row.funds.get(name))}" for name in FUND_FIELDS[1:]
                 if row.funds.get(name)]  # fmt: skip
        unit = display_text(row.money_unit.strip())
        if funds:
            second.append(" · " + t("ui.review.funds", funds=" ".join(funds), unit=unit))
        if not row.in_filed_unit:
            second.append("  " + t("review.other_unit", unit=unit), style="dim")
        second.append(" · " + t("ui.review.problems", errors=row.errors, warnings=row.warnings, infos=row.infos))
        detail.update(first + Text("\n") + second)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.update_detail()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.listing.sort_by(self.table.column_at(event.column_key))
        self.redraw()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # a click on the row under the cursor
        self.action_open_table()

    # --- sorting and filtering --------------------------------------------------------------------------

    def action_next_sort(self, step: int) -> None:
        self.listing.next_sort(self.table.shown_columns, step)
        self.redraw()

    def action_reverse_sort(self) -> None:
        self.listing.reverse()
        self.redraw()

    def action_toggle_errors(self) -> None:
        self.listing.set_filter(only_errors=not self.listing.only_errors)
        self.redraw()

    def action_filter_name(self) -> None:
        field = self.filter_input
        field.add_class("-visible")
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_SECONDS, self._apply_name_filter)

    def _apply_name_filter(self) -> None:
        self._filter_timer = None
        value = self.filter_input.value
        if value != self.listing.text:
            self.listing.set_filter(text=value)
            self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_filter_done()

    def action_filter_done(self) -> None:
        """Enter or ↓ in the name filter: back to the list, the filter kept."""
        self._apply_name_filter()
        if not self.filter_input.value:
            self.filter_input.remove_class("-visible")
        self.table.focus()

    def action_filter_clear(self) -> None:
        """Esc in the name filter: no name filter, back to the list."""
        self.filter_input.value = ""
        self._apply_name_filter()
        self.filter_input.remove_class("-visible")
        self.table.focus()

    def action_back(self) -> None:
        """Esc: clear the filter first; then back to the editor the review was opened from."""
        if self.listing.filtered:
            self.filter_input.value = ""
            self.filter_input.remove_class("-visible")
            self.listing.set_filter(only_errors=False, text="")
            self.redraw()
        elif len(self.app.screen_stack) > 1 and self.app.screen is self:
            self.dismiss(None)

    def action_reload(self) -> None:
        """F5: read the folder again (files added, removed or changed since)."""
        self.start_loading()

    # --- opening a table ---------------------------------------------------------------------------------

    def action_open_table(self) -> None:
        row = self.table.current
        if row is None:
            return
        if not row.readable:
            self.app.notify(display_text(row.reason or ""), severity="error", markup=False, timeout=6)
            return
        if self._opening is not None:
            return
        if self.goal.show_open_table(row.path):
            return
        self._opening = row.path
        self.app.notify(t("ui.review.opening", file=display_text(row.name)), markup=False, timeout=2)
        self._read(row.path)

    @work(thread=True, exclusive=True, group="review-open", exit_on_error=False)
    def _read(self, path: Path) -> None:
        from goaltui.session.opening import open_table

        try:
            opened = open_table(path)
        except GoaltuiError as exc:
            self.app.call_from_thread(self._read_failed, path, str(exc))
            return
        except Exception as exc:  # a reader's bug on a hostile file: one line, the review goes on
            self.app.call_from_thread(self._read_failed, path, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._read_done, path, opened)

    def _read_failed(self, path: Path, message: str) -> None:
        self._opening = None
        self.app.notify(display_text(message), severity="error", markup=False, timeout=8)
        self.refresh_rows([path])  # it changed since it was listed

    def _read_done(self, path: Path, opened: OpenedTable) -> None:
        self._opening = None
        if self.is_attached and self.app.screen is self:
            self.goal.edit_from_review(opened)

    def table_closed(self, opened: Path, saved: Path | None) -> None:
        """The editor opened from this list was closed: read its file again, and the file it was saved as
        when that is another one in this folder (it joins the list, under the cursor)."""
        paths = [opened]
        if saved is not None and saved.resolve() != opened.resolve():
            listed = self._as_listed(saved)
            if listed is not None:
                paths.append(listed)
        self.table.focus()
        self.refresh_rows(paths, select=paths[-1])

    def _as_listed(self, path: Path) -> Path | None:
        """*path* as the folder's scan names it (the folder joined with its relative path), when it is a
        table this review lists (in the folder; in a subfolder too for a recursive review)."""
        try:
            relative = path.resolve().relative_to(self.folder.resolve())
        except ValueError:
            return None
        if len(relative.parts) > 1 and not self.recursive:
            return None
        return self.folder / relative

    @work(thread=True, group="review-refresh", exit_on_error=False)
    def refresh_rows(self, paths: list[Path], select: Path | None = None) -> None:
        """Read *paths* again and replace (or add) their rows (a file deleted since says so in its row)."""
        rows = [review_file(path, folder=self.folder, config=self.config) for path in paths]
        self.app.call_from_thread(self._refreshed, rows, select)

    def _refreshed(self, rows: list[ReviewRow], select: Path | None) -> None:
        if not self.is_attached:
            return
        for row in rows:
            self.listing.put(row)
        self.redraw()
        if select is not None:
            self.table.select_path(select)
