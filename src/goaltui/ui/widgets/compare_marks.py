"""How "compare with…" marks look: a tint behind what differs from the other version, and a sign.

The main screen owns the component classes (``COMPARE_CLASSES``, coloured in
``styles/app.tcss`` with theme variables); a widget that draws marks mixes in
:class:`CompareStyles`. Only a background is taken from them, so a problem's
colour and underline stay visible on a marked cell, and the cursor (whose
background wins) still shows where it is.

Kinds of change are compared by their string values (``ChangeKind`` is a
``StrEnum``): this module does not import the diff, so the editor's first
frame does not pay for it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Final

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.dom import NoScreen

if TYPE_CHECKING:
    from textual.screen import Screen

ADDED: Final = "compare--added"
CHANGED: Final = "compare--changed"
MOVED: Final = "compare--moved"
COMPARE_CLASSES: Final = frozenset({ADDED, CHANGED, MOVED})

_MOVED_KINDS: Final = frozenset({"unit_moved", "project_moved", "project_reordered", "indicator_moved"})
_SIGNS: Final = {ADDED: "+", CHANGED: "~", MOVED: "~"}
_NO_STYLE: Final = Style()


def mark_class(kinds: Collection[str], added: str = "") -> str | None:
    """The look of a node or row with these kinds of change (None: unchanged); *added* is the kind that
    says the node itself is new (``project_added``: a project's kinds include those of its rows)."""
    if not kinds:
        return None
    if added in kinds:
        return ADDED
    if all(kind in _MOVED_KINDS for kind in kinds):
        return MOVED
    return CHANGED


class CompareStyles:
    """Mixed into a widget (before its Textual base class) that draws compare marks."""

    if TYPE_CHECKING:

        @property
        def screen(self) -> Screen[object]: ...

    def compare_style(self, name: str) -> Style:
        """The tint of *name* (a background only), blended with the screen's background."""
        try:
            screen = self.screen
        except NoScreen:
            return _NO_STYLE
        style = screen.get_component_rich_style(name, default=_NO_STYLE)
        return Style(bgcolor=style.bgcolor) if style.bgcolor is not None else _NO_STYLE

    def compare_sign(self, name: str) -> Text:
        """``+ `` or ``~ `` before a node's name in the tree, in its tint."""
        sign = Text()
        sign.append(_SIGNS[name], style=self.compare_style(name) + Style(bold=True))
        sign.append(" ")
        return sign

    def marked(self, text: Text, name: str, width: int = 0) -> Text:
        """*text* tinted (filled with spaces to *width* cells, so a short or empty cell shows its tint)."""
        marked = text.copy()
        missing = width - cell_len(marked.plain)
        if missing > 0:
            marked.append(" " * missing)
        marked.stylize_before(self.compare_style(name))
        return marked
