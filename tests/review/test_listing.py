"""The review screen's list without a screen: rows by file, the order and the filter."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from goaltui.review.folder import ReviewRow, sort_rows
from goaltui.review.listing import ReviewList
from goaltui.review.options import Column


def row(name: str, *, errors: int = 0, projects: int = 1, department: str = "", total: str = "0") -> ReviewRow:
    return ReviewRow(
        Path(name), name, department=department, money_unit="万元", projects=projects, errors=errors,
        funds={"total": Decimal(total)},
    )


def unreadable(name: str) -> ReviewRow:
    return ReviewRow(Path(name), name, reason=f"{name} 已损坏")


ROWS = [
    row("部门10.json", errors=2, projects=5, department="区财政局", total="10"),
    row("部门2.json", projects=9, department="区教育局", total="300"),
    unreadable("部门3.xlsx"),
    row("部门1.tsv", errors=1, projects=1, department="区水利局", total="20"),
]


def names(rows: list[ReviewRow]) -> list[str]:
    return [r.name for r in rows]


def test_rows_are_replaced_by_file_and_listed_in_order() -> None:
    listing = ReviewList()
    listing.put_all(ROWS)
    assert names(listing.shown()) == ["部门1.tsv", "部门2.json", "部门3.xlsx", "部门10.json"]  # natural order
    listing.put(row("部门2.json", errors=4))  # read again after an edit
    assert len(listing) == 4
    assert listing.get(Path("部门2.json")).errors == 4  # type: ignore[union-attr]


def test_sorting_by_a_column_then_again_reverses_it() -> None:
    listing = ReviewList()
    listing.put_all(ROWS)
    listing.sort_by(Column.ERRORS)  # counts: largest first
    assert (listing.sort_column, listing.descending) == (Column.ERRORS, True)
    assert names(listing.shown()) == ["部门10.json", "部门1.tsv", "部门2.json", "部门3.xlsx"]  # unreadable last
    listing.sort_by(Column.ERRORS)
    assert names(listing.shown()) == ["部门2.json", "部门1.tsv", "部门10.json", "部门3.xlsx"]
    listing.sort_by(Column.DEPARTMENT)  # text: A to Z
    assert listing.descending is False
    assert listing.shown() == sort_rows(ROWS, Column.DEPARTMENT)
    listing.sort_by(Column.READY)  # not ready first: unreadable, then with errors, then ready
    assert names(listing.shown()) == ["部门3.xlsx", "部门1.tsv", "部门10.json", "部门2.json"]
    listing.reverse()
    assert names(listing.shown())[0] == "部门2.json"


def test_the_sort_key_cycles_through_the_columns_on_screen() -> None:
    listing = ReviewList()
    shown = [Column.FILE, Column.PROJECTS, Column.TOTAL]
    listing.next_sort(shown)
    assert (listing.sort_column, listing.descending) == (Column.PROJECTS, True)
    listing.next_sort(shown)
    listing.next_sort(shown)
    assert listing.sort_column is Column.FILE
    listing.next_sort(shown, -1)
    assert listing.sort_column is Column.TOTAL
    listing.sort_column = Column.OTHER  # a column no longer on screen (the terminal narrowed)
    listing.next_sort(shown)
    assert listing.sort_column is Column.FILE


def test_filters_and_the_totals_of_what_is_listed() -> None:
    listing = ReviewList()
    listing.put_all(ROWS)
    listing.set_filter(only_errors=True)
    assert names(listing.shown()) == ["部门1.tsv", "部门3.xlsx", "部门10.json"]
    assert listing.filtered
    listing.set_filter(text="ＪＳＯＮ")  # full width, any case
    assert names(listing.shown()) == ["部门10.json"]
    totals = listing.totals()
    assert (totals.files, totals.errors, totals.funds["total"]) == (1, 2, Decimal(10))
    assert listing.all_totals().files == 4
    listing.set_filter(only_errors=False, text="教育")  # by department too
    assert names(listing.shown()) == ["部门2.json"]
    listing.set_filter(text="")
    assert not listing.filtered and len(listing.shown()) == 4


def test_shown_is_computed_once_per_change() -> None:
    listing = ReviewList()
    listing.put_all(ROWS)
    first = listing.shown()
    assert listing.shown() is first
    listing.put(row("部门4.json"))
    assert listing.shown() is not first and len(listing.shown()) == 5
