"""The review's rows: scanning a folder, reading each table into a row, sorting, filtering, totals."""

from __future__ import annotations

import itertools
import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from goaltui.errors import InputError
from goaltui.i18n import set_language
from goaltui.model import FUND_FIELDS
from goaltui.review.folder import (
    COLUMNS,
    Column,
    ReviewRow,
    column_label,
    filter_rows,
    natural_key,
    review_file,
    review_totals,
    scan_folder,
    sort_rows,
)
from goaltui.review.loader import choose_workers, estimated_ms, load_rows
from tests.review.conftest import ReviewFolder


def _rows(folder: ReviewFolder) -> list[ReviewRow]:
    return [review_file(path, folder=folder.path) for path in scan_folder(folder.path)]


def test_scan_lists_tables_in_natural_order_and_passes_over_the_rest(review_folder: ReviewFolder) -> None:
    names = [path.name for path in scan_folder(review_folder.path)]
    assert names == review_folder.names
    recursive = [
        path.relative_to(review_folder.path).as_posix() for path in scan_folder(review_folder.path, recursive=True)
    ]
    assert recursive == sorted([*review_folder.names, review_folder.in_subfolder], key=natural_key)


def test_natural_order() -> None:
    names = ["部门10.json", "部门2.json", "Ａ.json", "b.json", "部门1.json"]
    assert sorted(names, key=natural_key) == ["Ａ.json", "b.json", "部门1.json", "部门2.json", "部门10.json"]


def test_a_folder_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件或目录不存在"):
        scan_folder(tmp_path / "nope")
    file = tmp_path / "a.json"
    file.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="不是一个文件夹"):
        scan_folder(file)
    if os.geteuid() != 0:  # root reads any folder
        locked = tmp_path / "locked"
        locked.mkdir(mode=0)
        try:
            with pytest.raises(InputError, match="没有权限"):
                scan_folder(locked)
        finally:
            locked.chmod(0o755)


def test_every_row_field_by_field(review_folder: ReviewFolder) -> None:
    rows = {row.name: row for row in _rows(review_folder)}
    assert sorted(rows) == review_folder.names
    for name, expected in review_folder.readable.items():
        row = rows[name]
        assert row.readable and row.reason is None, name
        assert (row.department, row.units, row.projects, row.indicators) == (
            expected.department,
            expected.units,
            expected.projects,
            expected.indicators,
        ), name
        assert dict(row.funds) == expected.funds, name
        assert (row.errors, row.warnings, row.infos) == (expected.errors, expected.warnings, expected.infos), name
        assert row.ready is expected.ready, name
        assert row.money_unit == expected.money_unit
        assert row.path == review_folder.path / name
    for name, reason in review_folder.unreadable.items():
        row = rows[name]
        assert not row.readable and not row.ready
        assert row.reason is not None and reason in row.reason and "\n" not in row.reason
        # Named by its file name, not the folder's path (the row already says where).
        assert row.reason.startswith(name) and str(review_folder.path) not in row.reason
        assert (row.units, row.projects, row.errors, dict(row.funds)) == (0, 0, 0, {})


def test_a_reader_crash_is_a_row_not_a_stop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.json"
    path.write_text("{}", encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("goaltui.review.folder.read_document", broken)
    row = review_file(path, folder=tmp_path)
    assert row.reason == "读取 a.json 时出错（RecursionError: maximum recursion depth exceeded）"


def test_reasons_follow_the_language(review_folder: ReviewFolder) -> None:
    set_language("en")
    row = review_file(review_folder.path / "12_空.tsv", folder=review_folder.path)
    assert row.reason == "12_空.tsv is empty"


def test_totals(review_folder: ReviewFolder) -> None:
    totals = review_totals(_rows(review_folder))
    readable = review_folder.readable.values()
    assert (totals.files, totals.readable, totals.unreadable) == (13, 8, 5)
    assert totals.ready == sum(1 for e in readable if e.ready) == 5
    assert totals.with_errors == 3
    assert totals.units == sum(e.units for e in readable)
    assert totals.projects == sum(e.projects for e in readable)
    assert totals.indicators == sum(e.indicators for e in readable)
    assert (totals.errors, totals.warnings, totals.infos) == (
        sum(e.errors for e in readable),
        sum(e.warnings for e in readable),
        sum(e.infos for e in readable),
    )
    # The file in 元 is left out of the 万元 totals, and counted as left out.
    assert totals.excluded_from_funds == 1
    for field in FUND_FIELDS:
        assert totals.funds[field] == sum((e.funds[field] for e in readable if e.money_unit == "万元"), Decimal(0))


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_any_column(review_folder: ReviewFolder, column: Column, descending: bool) -> None:
    rows = _rows(review_folder)
    ordered = sort_rows(reversed(rows), column, descending=descending)
    assert sorted(row.name for row in ordered) == sorted(row.name for row in rows)
    with_value = [row for row in ordered if row.readable or column in (Column.FILE, Column.READY)]
    # Unreadable files have no value in the other columns: last, whatever the direction.
    assert ordered[: len(with_value)] == with_value
    assert all(not row.readable for row in ordered[len(with_value) :])

    def value(row: ReviewRow) -> object:
        if column is Column.FILE:
            return natural_key(row.name)
        if column is Column.DEPARTMENT:
            return natural_key(row.department)
        if column is Column.READY:
            return (0 if row.ready else 1 if row.readable else 2,)
        if column.value in FUND_FIELDS:
            return row.funds[column.value]
        return getattr(row, column.value)

    values = [value(row) for row in with_value]
    assert values == sorted(values, reverse=descending)  # type: ignore[type-var]
    # Ties keep the file-name order, whichever the direction.
    for first, second in itertools.pairwise(with_value):
        if value(first) == value(second):
            assert natural_key(first.name) < natural_key(second.name)


def test_sort_by_column_name_and_unknown_column(review_folder: ReviewFolder) -> None:
    rows = _rows(review_folder)
    assert sort_rows(rows, "errors", descending=True)[0].errors == max(row.errors for row in rows)
    with pytest.raises(ValueError):
        sort_rows(rows, "colour")


def test_filter(review_folder: ReviewFolder) -> None:
    rows = _rows(review_folder)
    not_ready = filter_rows(rows, only_errors=True)
    assert {row.name for row in not_ready} == {n for n, e in review_folder.readable.items() if not e.ready} | set(
        review_folder.unreadable
    )
    assert [row.name for row in filter_rows(rows, text="教育")] == ["01_区教育局.xlsx"]
    assert [row.name for row in filter_rows(rows, text="  ＸＬＳＸ ")] == [
        "01_区教育局.xlsx",
        "05_区交通运输局.xlsx",
        "09_损坏.xlsx",
    ]
    # By department as well as by file name.
    assert [row.name for row in filter_rows(rows, text="绍兴市柯桥区卫生")] == ["02_区卫生健康局.json"]
    assert [row.name for row in filter_rows(rows, only_errors=True, text="json")] == [
        "06_区农业农村局.json",
        "11_坏.json",
    ]
    assert filter_rows(rows) == rows


def test_column_labels() -> None:
    assert [column_label(c) for c in COLUMNS] == [
        "文件", "填报部门", "单位数", "项目数", "指标数", "合计", "一般公共预算", "政府性基金", "专户资金", "其他资金",
        "错误", "警告", "就绪",
    ]  # fmt: skip


# --- loading -------------------------------------------------------------------------------------------


def test_choose_workers_by_the_estimated_work(tmp_path: Path) -> None:
    def files(count: int, suffix: str, size: int) -> list[Path]:
        paths = [tmp_path / f"{suffix[1:]}{count}-{n}{suffix}" for n in range(count)]
        for path in paths:
            path.write_bytes(b"x" * size)
        return paths

    small = files(100, ".json", 20_000)  # 100 small .json files: 190 ms of work, one process
    assert estimated_ms(small) == pytest.approx(100 * (0.5 + 20 * 0.07))
    assert choose_workers(small, cpus=8) == 1
    workbooks = files(40, ".xlsx", 50_000)  # 40 workbooks of 50 KB: 1060 ms, a worker per 200 ms
    assert choose_workers(workbooks, cpus=8) == 5
    assert choose_workers(workbooks, cpus=2) == 2
    assert choose_workers(workbooks, cpus=1) == 1
    assert choose_workers(workbooks * 20, cpus=64) == 8
    assert choose_workers(files(2, ".xlsx", 2_000_000), cpus=8) == 2  # never more workers than files
    assert choose_workers([], cpus=8) == 1
    assert choose_workers([tmp_path / "gone.xlsx"], cpus=8) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_load_streams_every_row_with_progress(review_folder: ReviewFolder, workers: int) -> None:
    paths = scan_folder(review_folder.path)
    loaded = list(load_rows(paths, folder=review_folder.path, workers=workers))
    assert [item.done for item in loaded] == list(range(1, len(paths) + 1))
    assert {item.total for item in loaded} == {len(paths)}
    assert sorted(loaded_rows := [item.row for item in loaded], key=lambda row: natural_key(row.name)) == _rows(
        review_folder
    )
    assert len(loaded_rows) == 13


def test_load_in_a_threaded_process_uses_the_forkserver(review_folder: ReviewFolder) -> None:
    """As in the Textual app: another thread runs, so the workers are not forked from this process."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        set_language("en")
        paths = scan_folder(review_folder.path)
        rows = {item.row.name: item.row for item in load_rows(paths, folder=review_folder.path, workers=2)}
    finally:
        stop.set()
    assert rows["12_空.tsv"].reason == "12_空.tsv is empty"  # the workers speak the caller's language
    assert rows["01_区教育局.xlsx"].ready


def test_load_can_be_stopped(review_folder: ReviewFolder) -> None:
    paths = scan_folder(review_folder.path)
    cancel = threading.Event()
    seen = []
    for item in load_rows(paths, folder=review_folder.path, workers=1, cancel=cancel):
        seen.append(item)
        cancel.set()
    assert len(seen) == 1
    pooled = load_rows(paths, folder=review_folder.path, workers=2)
    assert next(pooled).done == 1
    pooled.close()  # closing the iterator shuts the pool down without waiting for the rest


def test_a_file_that_kills_its_worker_gets_the_blame_alone(review_folder: ReviewFolder) -> None:
    paths = scan_folder(review_folder.path)
    loaded = list(load_rows(paths, folder=review_folder.path, workers=2, reader=crashing_reader))
    rows = {item.row.name: item.row for item in loaded}
    assert [item.done for item in loaded] == list(range(1, len(paths) + 1))
    assert rows["03_区民政局.txt"].reason == "读取 03_区民政局.txt 时工作进程意外退出（文件可能过大或已损坏）"
    assert all(
        row.reason is None for name, row in rows.items() if name in review_folder.readable and name != "03_区民政局.txt"
    )


def crashing_reader(path: Path, **options: object) -> ReviewRow:
    """Dies like a worker killed for using too much memory, on one file; reads the others."""
    if path.name == "03_区民政局.txt":
        os._exit(9)
    return review_file(path, **options)  # type: ignore[arg-type]
