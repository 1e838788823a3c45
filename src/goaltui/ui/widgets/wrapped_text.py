"""Text wrapped where Chinese text may break, not only at spaces.

Rich wraps at whitespace only: a Chinese sentence has none, so Rich takes
``查找：所有项目的名称、单位和每个指标单元格；Enter 开始查找`` for one long word and folds it
at the column edge, through the middle of ``Enter`` ("Ente" / "r") or before a ``，``. This
renderable breaks lines at the line-break opportunities of the Unicode line breaking algorithm
(UAX #14, from ``uniseg``): between two Chinese characters, never inside a Latin word or a
number, never before closing punctuation (``，。；）”``) nor after an opening one (``（“``).
A unit wider than the whole line (a long path or URL) is folded by cells, as Rich does.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text


def break_units(plain: str) -> Iterator[str]:
    """*plain* cut where a line may end: each unit keeps the spaces after it."""
    # (imported on first use: importing uniseg looks up its own version in the installed
    # packages' metadata, ≈ 15 ms that the first frame does not need)
    from uniseg.linebreak import line_break_units

    yield from line_break_units(plain)


@lru_cache(maxsize=1024)
def wrap_offsets(plain: str, width: int) -> tuple[int, ...]:
    """Where to cut *plain* (one paragraph, no line break) into lines of at most *width* cells.

    Trailing spaces of a line do not count against the width (they are dropped when shown).
    The line breaking algorithm costs about 50 µs a character in pure Python, so it only runs
    for a paragraph that does not fit (a hint line under the grid usually does), and its
    answer is kept: a widget measures its height and then draws the same text.
    """
    width = max(width, 1)
    if cell_len(plain.rstrip()) <= width:
        return ()
    cuts: list[int] = []
    position = 0
    used = 0
    for unit in break_units(plain):
        unit_width = cell_len(unit.rstrip())
        if used and used + unit_width > width:
            cuts.append(position)
            used = 0
        if unit_width > width:  # wider than a line: fold it by cells
            pieces = chop_cells(unit, width)
            for piece in pieces[:-1]:
                position += len(piece)
                cuts.append(position)
            used = cell_len(pieces[-1])
            position += len(pieces[-1])
            continue
        used += cell_len(unit)
        position += len(unit)
    return tuple(cuts)


def wrap_lines(text: Text, width: int) -> list[Text]:
    """*text* as lines of at most *width* cells, styles kept, hard line breaks kept."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        for line in paragraph.divide(wrap_offsets(paragraph.plain, width)):
            line.rstrip()
            lines.append(line)
    return lines


class WrappedText:
    """A Rich renderable of *text*, wrapped by :func:`wrap_lines` to the width it is given."""

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap_lines(self.text, options.max_width):
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        widest_line = max((cell_len(line) for line in plain.split("\n")), default=0)
        return Measurement(min(_widest_unit(plain), options.max_width), min(widest_line, options.max_width))


@lru_cache(maxsize=1024)
def _widest_unit(plain: str) -> int:
    """The cells of the widest piece of *plain* that cannot be broken (a table's least column width)."""
    return max((cell_len(unit.rstrip()) for unit in break_units(plain)), default=0)
