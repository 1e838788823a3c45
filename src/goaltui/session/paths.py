"""File paths typed on one line (the editor's "insert projects from files"): quoted or not, ``~``, wildcards.

Headless: :func:`split_paths` turns the line into the files it names, or a :class:`FieldError`
saying what is wrong with it (an unclosed quote, a pattern that matches nothing).
"""

from __future__ import annotations

import glob
import os
import shlex
from pathlib import Path

from goaltui.i18n import t
from goaltui.safe_text import display_text
from goaltui.session.fields import FieldError

__all__ = ["split_paths"]

_WILDCARDS = frozenset("*?[")


def split_paths(line: str, cwd: Path | None = None) -> list[Path]:
    """The files *line* names, in order, each once.

    Separated by spaces; a name with spaces in quotes (``"项目 A.xlsx"``) or with a backslash
    before the space, as a shell takes it; ``~`` is the home folder; ``*``, ``?`` and ``[…]``
    match files (sorted by name). A relative path is taken from *cwd* (the current folder).
    """
    base = Path.cwd() if cwd is None else Path(cwd)
    try:
        words = shlex.split(line)
    except ValueError as exc:  # "No closing quotation"
        raise FieldError(t("paths.bad_line", reason=str(exc))) from None
    paths: list[Path] = []
    for word in words:
        expanded = os.path.expanduser(word)
        if not os.path.isabs(expanded):
            expanded = str(base / expanded)
        if _WILDCARDS & set(word):
            matches = sorted(glob.glob(expanded))
            if not matches:
                raise FieldError(t("paths.no_match", pattern=display_text(word)))
            paths.extend(Path(match) for match in matches)
        else:
            paths.append(Path(expanded))
    unique = list(dict.fromkeys(paths))
    if not unique:
        raise FieldError(t("paths.none"))
    return unique
