"""Which module reads and writes which file suffix.

Modules are imported only when their format is used, so that a headless
command pays only for what it touches.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goaltui.errors import UsageError
from goaltui.i18n import t
from goaltui.model import Document


@dataclass(frozen=True)
class Format:
    suffixes: tuple[str, ...]
    module: str
    readable: bool
    writable: bool


FORMATS: tuple[Format, ...] = (
    Format((".json",), "goaltui.io.native", readable=True, writable=True),
    Format((".txt", ".tsv"), "goaltui.io.text_table", readable=True, writable=False),
    Format((".xlsx", ".xlsm"), "goaltui.io.xlsx_export", readable=False, writable=True),
    Format((".xlsx", ".xlsm", ".xls", ".ods"), "goaltui.io.xlsx_import", readable=True, writable=False),
    Format((".md", ".markdown"), "goaltui.io.markdown", readable=False, writable=True),
)


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def readable_suffixes() -> list[str]:
    return sorted({s for f in FORMATS if f.readable for s in f.suffixes})


def writable_suffixes() -> list[str]:
    return sorted({s for f in FORMATS if f.writable for s in f.suffixes})


def _module_for(path: Path, *, reading: bool) -> Any:
    suffix = _suffix(path)
    for fmt in FORMATS:
        if suffix in fmt.suffixes and (fmt.readable if reading else fmt.writable):
            return importlib.import_module(fmt.module)
    if reading:
        raise UsageError(t("cli.unknown_input_format", file=path, formats=" ".join(readable_suffixes())))
    raise UsageError(t("cli.unknown_output_format", file=path, formats=" ".join(writable_suffixes())))


def check_readable(path: Path) -> None:
    _module_for(path, reading=True)


def check_writable(path: Path) -> None:
    _module_for(path, reading=False)


def read_document(path: Path, **options: Any) -> Document:
    """Read *path* in the format its suffix names. Raises InputError / UsageError."""
    module = _module_for(Path(path), reading=True)
    document: Document = module.read(Path(path), **options)
    return document


def write_document(document: Document, path: Path, **options: Any) -> None:
    """Write *document* to *path* (atomically) in the format its suffix names."""
    module = _module_for(Path(path), reading=False)
    module.write(document, Path(path), **options)
