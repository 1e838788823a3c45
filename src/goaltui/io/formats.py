"""Which reader and writer each file suffix has, and the options each one takes.

The registry is typed: a reader is a :class:`Reader`, a writer a :class:`Writer`
(Protocols that mypy checks each entry against), and each entry says which
options it takes. An option a format does not take (``--sheet`` on a ``.json``
file, ``--with-problems`` on an ``.xlsx`` output) is refused with one line
(:class:`~goaltui.errors.UsageError`) before anything is read or written.

Modules are imported only when their format is used, so that a headless
command pays only for what it touches.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final, NamedTuple, Protocol, TypeVar

from goaltui.errors import UsageError
from goaltui.i18n import t
from goaltui.model import Document

Progress = Callable[[int, int], None]
"""Called with (done, total) while a slow writer works (the editor shows a progress bar)."""


Notices = Callable[[str], None]
"""Receives one line a reader wants the user to see (e.g. which sheet of several was read)."""


class ReadOptions(NamedTuple):
    sheet: str | None = None
    """The worksheet to read (workbooks only)."""
    notices: Notices | None = None
    """Where a reader says something worth knowing that is not an error. Not a user option:
    every reader accepts it, and one with nothing to say ignores it."""


class WriteOptions(NamedTuple):
    with_problems: bool = False
    """Add the check result per project (Markdown only)."""


NO_READ_OPTIONS: Final = ReadOptions()
NO_WRITE_OPTIONS: Final = WriteOptions()

OPTION_FLAGS: Final = {"sheet": "--sheet", "with_problems": "--with-problems"}
"""How each option is spelled on the command line (the messages name it so)."""


class Reader(Protocol):
    def __call__(self, path: Path, options: ReadOptions, /) -> Document: ...


class Writer(Protocol):
    def __call__(self, document: Document, path: Path, options: WriteOptions, progress: Progress | None, /) -> None: ...


class ReadFormat(NamedTuple):
    name: str
    suffixes: tuple[str, ...]
    read: Reader
    options: frozenset[str] = frozenset()
    """The ReadOptions fields it takes."""


class WriteFormat(NamedTuple):
    name: str
    suffixes: tuple[str, ...]
    write: Writer
    options: frozenset[str] = frozenset()
    """The WriteOptions fields it takes."""


# --- the readers and writers (each imports its module when used) ---------------------------------


def _read_native(path: Path, options: ReadOptions, /) -> Document:
    from goaltui.io import native

    return native.read(path)


def _read_text(path: Path, options: ReadOptions, /) -> Document:
    from goaltui.io import text_table

    return text_table.read(path)


def _read_workbook(path: Path, options: ReadOptions, /) -> Document:
    from goaltui.io import xlsx_import

    return xlsx_import.read(path, sheet=options.sheet, notices=options.notices)


def _write_native(document: Document, path: Path, options: WriteOptions, progress: Progress | None, /) -> None:
    from goaltui.io import native

    native.write(document, path)


def _write_workbook(document: Document, path: Path, options: WriteOptions, progress: Progress | None, /) -> None:
    from goaltui.io import xlsx_export

    xlsx_export.write(document, path, progress=progress)


def _write_markdown(document: Document, path: Path, options: WriteOptions, progress: Progress | None, /) -> None:
    from goaltui.io import markdown

    markdown.write(document, path, with_problems=options.with_problems)


FormatT = TypeVar("FormatT", ReadFormat, WriteFormat)

READERS: Final[tuple[ReadFormat, ...]] = (
    ReadFormat("native", (".json",), _read_native),
    ReadFormat("text", (".txt", ".tsv"), _read_text),
    ReadFormat("workbook", (".xlsx", ".xlsm", ".xls", ".ods"), _read_workbook, frozenset({"sheet"})),
)
WRITERS: Final[tuple[WriteFormat, ...]] = (
    WriteFormat("native", (".json",), _write_native),
    WriteFormat("workbook", (".xlsx", ".xlsm"), _write_workbook),
    WriteFormat("markdown", (".md", ".markdown"), _write_markdown, frozenset({"with_problems"})),
)


def readable_suffixes() -> list[str]:
    return sorted({s for f in READERS for s in f.suffixes})


def writable_suffixes() -> list[str]:
    return sorted({s for f in WRITERS for s in f.suffixes})


def reader_for(path: Path) -> ReadFormat:
    """The reader of *path*'s suffix; UsageError when there is none."""
    found = _by_suffix(READERS, path)
    if found is None:
        raise UsageError(t("cli.unknown_input_format", file=path, formats=" ".join(readable_suffixes())))
    return found


def writer_for(path: Path) -> WriteFormat:
    """The writer of *path*'s suffix; UsageError when there is none."""
    found = _by_suffix(WRITERS, path)
    if found is None:
        raise UsageError(t("cli.unknown_output_format", file=path, formats=" ".join(writable_suffixes())))
    return found


def _by_suffix(registry: tuple[FormatT, ...], path: Path) -> FormatT | None:
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt in registry if suffix in fmt.suffixes), None)


def _check_options(
    path: Path, given: ReadOptions | WriteOptions, takes: frozenset[str], registry: tuple[ReadFormat | WriteFormat, ...]
) -> None:
    for name in given._fields:
        if name not in OPTION_FLAGS or name in takes or getattr(given, name) in (None, False):
            continue
        formats = " ".join(sorted({s for f in registry if name in f.options for s in f.suffixes}))
        applies = t(f"io.option_applies.{name}", formats=formats)
        raise UsageError(t("io.option_not_taken", option=OPTION_FLAGS[name], applies=applies, file=path))


def check_read(path: Path, options: ReadOptions = NO_READ_OPTIONS) -> ReadFormat:
    """The reader of *path*, when it takes *options* (else UsageError, one line)."""
    fmt = reader_for(path)
    _check_options(path, options, fmt.options, READERS)
    return fmt


def check_write(path: Path, options: WriteOptions = NO_WRITE_OPTIONS) -> WriteFormat:
    """The writer of *path*, when it takes *options* (else UsageError, one line)."""
    fmt = writer_for(path)
    _check_options(path, options, fmt.options, WRITERS)
    return fmt


def read_document(path: Path, options: ReadOptions = NO_READ_OPTIONS) -> Document:
    """Read *path* in the format its suffix names. Raises InputError / UsageError."""
    return check_read(Path(path), options).read(Path(path), options)


def write_document(
    document: Document, path: Path, options: WriteOptions = NO_WRITE_OPTIONS, progress: Progress | None = None
) -> None:
    """Write *document* to *path* (atomically) in the format its suffix names."""
    check_write(Path(path), options).write(document, Path(path), options, progress)
