"""Review: a folder of departments' tables at a glance, and what changed between two versions.

Headless (never imports textual): the review screen, the editor's "compare
with…" and the ``review`` / ``diff`` commands are all built on it.

- :mod:`goaltui.review.folder`: one :class:`~goaltui.review.folder.ReviewRow` per
  table, sorting, filtering and the totals row;
- :mod:`goaltui.review.loader`: reading many tables in parallel, rows streamed as
  they finish;
- :mod:`goaltui.review.diff`: :func:`~goaltui.review.diff.diff` of two documents;
- :mod:`goaltui.review.folder_output`, :mod:`goaltui.review.diff_output`: the
  command-line renderings (text, JSON, CSV, Markdown).
"""
