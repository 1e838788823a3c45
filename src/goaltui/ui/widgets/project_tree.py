"""The tree on the left: department → units → projects, with problem counts (and compare marks)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from goaltui.i18n import t
from goaltui.model import Document, Project, Unit
from goaltui.safe_text import display_rich
from goaltui.session.operations import NodeRef
from goaltui.session.problems import Counts, ProblemIndex
from goaltui.ui.actions import Where, bindings
from goaltui.ui.widgets.compare_marks import CompareStyles, mark_class
from goaltui.ui.widgets.severity import SeverityStyles

if TYPE_CHECKING:
    from goaltui.review.diff import CompareMarks


def _name(name: str, placeholder_key: str) -> Text:
    if name.strip():
        return display_rich(name)  # a name is someone else's text: nothing in it drives the terminal
    return Text(t(placeholder_key), style="italic dim")


class ProjectTree(CompareStyles, SeverityStyles, Tree[NodeRef]):
    """Shows the document's structure; user text always as plain ``Text``."""

    DEFAULT_CSS = """
    ProjectTree {
        width: 28%;
        min-width: 18;
        max-width: 40;
        overflow-x: hidden;
        border-right: vkey $panel-lighten-2;
        padding: 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.TREE)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), data=("doc", 0), id=id)
        self.show_root = True
        self.guide_depth = 2
        self._ref_nodes: dict[NodeRef, TreeNode[NodeRef]] = {}
        self._labels: dict[NodeRef, Text] = {}
        self._source: tuple[Document, ProblemIndex] | None = None
        self.marks: frozenset[NodeRef] = frozenset()
        """Nodes a search found something in (their names are marked)."""
        self.compare_marks: CompareMarks | None = None
        """What differs from the version compared with (None: not comparing)."""

    def set_compare_marks(self, marks: CompareMarks | None) -> None:
        """Show ``+``/``~`` before the nodes that differ from the other version."""
        self.compare_marks = marks
        if self._source is not None:
            self.refresh_counts(*self._source)

    def rebuild(self, document: Document, problems: ProblemIndex) -> None:
        """Build every node again (after a structural change).

        The cursor stays on its node; when that node is gone (deleted), it goes to
        the next node of the same kind under the same parent, else the previous
        one, else the parent, so the tree selects what the screen shows next.
        """
        current = self.current_ref()
        fallbacks = self._fallbacks(current)
        self.clear()
        self._ref_nodes = {("doc", 0): self.root}
        self._labels = {}
        for unit in document.units:
            unit_node = self.root.add(Text(""), data=("unit", unit.key), expand=True)
            self._ref_nodes[("unit", unit.key)] = unit_node
            for project in unit.projects:
                node = unit_node.add_leaf(Text(""), data=("project", project.key))
                self._ref_nodes[("project", project.key)] = node
        self.root.expand()
        self.refresh_counts(document, problems)
        for ref in ([current] if current is not None else []) + fallbacks:
            if ref in self._ref_nodes:
                self.move_to(ref)
                break

    def _fallbacks(self, ref: NodeRef | None) -> list[NodeRef]:
        """Where the cursor goes if *ref* disappears: next sibling, previous siblings, parent."""
        node = self._ref_nodes.get(ref) if ref is not None else None
        if node is None or node.parent is None:
            return []
        siblings = [child.data for child in node.parent.children if child.data is not None]
        index = siblings.index(ref) if ref in siblings else 0
        after, before = siblings[index + 1 :], siblings[:index][::-1]
        parent = node.parent.data
        return after[:1] + before + after[1:] + ([parent] if parent is not None else [])

    def refresh_counts(
        self, document: Document, problems: ProblemIndex, changed: Iterable[tuple[Unit, Project]] | None = None
    ) -> None:
        """Update labels whose counts or names changed (one line each).

        A unit shows its projects' problems plus its own (an empty unit, no name); the
        department shows every problem of the document, like the status line. Both are
        kept by the problem index. Given the projects an edit *changed* (with their
        units), only their lines, their units' and the department's are looked at:
        the work is proportional to the edit, not to the document.
        """
        self._source = (document, problems)
        if changed is None:
            for unit in document.units:
                for project in unit.projects:
                    self._set_project(project, problems)
                self._set_unit(unit, problems)
        else:
            units: dict[int, Unit] = {}
            for unit, project in changed:
                self._set_project(project, problems)
                units[unit.key] = unit
            for unit in units.values():
                self._set_unit(unit, problems)
        department = display_rich(document.department or t("ui.tree.document"))
        department.style = "bold"
        marks = self.compare_marks
        if marks is not None and marks.document_fields:
            department = self._signed(department, ("header",))
        self._set(("doc", 0), department, problems.counts(), indent=2)

    def _set_project(self, project: Project, problems: ProblemIndex) -> None:
        name = _name(project.name, "ui.tree.unnamed_project")
        marks = self.compare_marks
        if marks is not None:
            name = self._signed(name, marks.projects.get(project.key, ()), "project_added")
        self._set(("project", project.key), name, problems.project_counts(project.key), indent=4)

    def _set_unit(self, unit: Unit, problems: ProblemIndex) -> None:
        name = _name(unit.name, "ui.tree.unnamed_unit")
        marks = self.compare_marks
        if marks is not None:
            name = self._signed(name, marks.units.get(unit.key, ()), "unit_added")
        self._set(("unit", unit.key), name, problems.unit_counts(unit.key), indent=4)

    def _signed(self, name: Text, kinds: Collection[str], added: str = "") -> Text:
        mark = mark_class(kinds, added)
        if mark is None:
            return name
        signed = self.compare_sign(mark)
        signed.append_text(self.marked(name, mark))
        return signed

    def set_marks(self, marks: frozenset[NodeRef]) -> None:
        """Mark the units and projects a search found something in (one line each that changed)."""
        if marks == self.marks:
            return
        self.marks = marks
        if self._source is not None:
            self.refresh_counts(*self._source)

    def on_resize(self) -> None:
        if self._source is not None:
            self._labels = {}
            self.refresh_counts(*self._source)

    def _counts_text(self, counts: Counts) -> Text:
        text = Text()
        if counts.errors:
            text.append(" " + t("ui.tree.errors", n=counts.errors), style=self.severity_style("error"))
        if counts.warnings:
            text.append(" " + t("ui.tree.warnings", n=counts.warnings), style=self.severity_style("warning"))
        return text

    def _set(self, ref: NodeRef, name: Text, problem_counts: Counts, *, indent: int) -> None:
        node = self._ref_nodes.get(ref)
        if node is None:
            return
        counts = self._counts_text(problem_counts)
        if ref in self.marks:
            name = name.copy()
            name.stylize(self.palette_style("find--match"))
        width = self.scrollable_content_region.width
        if width:
            # Keep the counts visible: shorten the name, not the counts.
            name = name.copy()
            room = max(2, width - indent - cell_len(counts.plain))
            name.truncate(room, overflow="ellipsis")
            if counts.plain:
                # Counts right-aligned in one column, so they can be scanned down the tree.
                name.append(" " * max(0, room - cell_len(name.plain)))
        label = name + counts
        old = self._labels.get(ref)
        if old is not None and old.plain == label.plain and old.spans == label.spans:
            return
        self._labels[ref] = label
        if old is None or node.line < 0:
            node.set_label(label)
            return
        # TreeNode.set_label repaints the node and every line below it; one line is enough.
        node._label = self.process_label(label)
        node._updates += 1
        self._refresh_line(node.line)

    def current_ref(self) -> NodeRef | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def move_to(self, ref: NodeRef) -> None:
        node = self._ref_nodes.get(ref)
        if node is None:
            return
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        if node.line < 0:
            self._build()  # lines are built lazily; the cursor needs the node's line now
        self.move_cursor(node, animate=False)

    def has(self, ref: NodeRef) -> bool:
        return ref in self._ref_nodes
