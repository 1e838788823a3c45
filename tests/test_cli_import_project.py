"""goaltui import-project TABLE.json FORM...: each form's project under its 实施单位, all or nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from goaltui.io import native
from goaltui.io.project_import import insert_projects
from goaltui.model import Document
from tests.io import form_fixtures


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "goaltui", "import-project", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def table(seed: Document, tmp_path: Path) -> Path:
    path = tmp_path / "table.json"
    native.write(seed, path)
    return path


@pytest.fixture
def forms(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "two": tmp_path / "two_sheets.xlsx",
        "no_level2": tmp_path / "sport.xlsx",
        "text": tmp_path / "upper.txt",
        "self_evaluation": tmp_path / "self.xlsx",
    }
    form_fixtures.write(paths["two"], form_fixtures.two_period_sheet, form_fixtures.upper_funds_sheet)
    form_fixtures.write(paths["no_level2"], form_fixtures.no_level2_sheet)
    text, _expected = form_fixtures.upper_funds_text()
    paths["text"].write_text(text.replace("某某区城市建设服务中心", "区人大办"), encoding="utf-8")
    form_fixtures.write(paths["self_evaluation"], form_fixtures.self_evaluation_sheet)
    return paths


def test_adds_each_project_under_its_unit(table: Path, forms: dict[str, Path]) -> None:
    result = _run(table, forms["two"], forms["no_level2"], forms["text"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("已加入：“社区养老服务中心运营补助” → 单位“某某区养老服务指导中心”（新建单位），7 条指标，合计 120")
    assert "“老旧小区改造技术服务” → 单位“某某区城市建设服务中心”（新建单位）" in lines[1]
    assert "上级资金 计入 一般公共预算" in lines[1]
    assert "“全民健身赛事活动经费” → 单位“某某区体育局”（新建单位），5 条指标，合计 30" in lines[2]
    assert "“老旧小区改造技术服务” → 单位“区人大办”，7 条指标" in lines[3]  # an existing unit: no （新建单位）
    assert lines[4] == "汇总表增加了“二级指标”列（导入的项目有二级指标）"
    assert len(lines) == 5
    assert "已写入" in result.stderr and "加入 4 个项目" in result.stderr
    document = native.read(table)
    assert document.has_level2
    assert [u.name for u in document.units] == ["区人大办", "某某区养老服务指导中心", "某某区城市建设服务中心", "某某区体育局"]
    assert document.units[0].projects[-1].name == "老旧小区改造技术服务"
    assert document.project_count() == 13
    assert document.department == "绍兴市柯桥区人民代表大会常务委员会办公室"  # a filled department stays


def test_refuses_everything_when_one_form_has_a_problem(table: Path, forms: dict[str, Path]) -> None:
    before = table.read_bytes()
    result = _run(table, forms["two"], forms["self_evaluation"], "--lang", "en")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert "self-evaluation table" in lines[0] and str(forms["self_evaluation"]) in lines[0]
    assert lines[-1] == f"{table} was not changed: 1 form(s) have problems (see above)"
    assert table.read_bytes() == before and not result.stdout


def test_refuses_a_project_imported_twice(table: Path, forms: dict[str, Path]) -> None:
    assert _run(table, forms["no_level2"]).returncode == 0
    before = table.read_bytes()
    result = _run(table, forms["no_level2"], "--lang", "en")
    assert result.returncode == 2
    assert "unit '某某区体育局' already has a project '全民健身赛事活动经费' (imported twice?)" in result.stderr
    assert table.read_bytes() == before


def test_table_must_be_json_and_exist_unless_created(tmp_path: Path, forms: dict[str, Path], seed_path: Path) -> None:
    missing = tmp_path / "new.json"
    result = _run(missing, forms["no_level2"], "--lang", "en")
    assert result.returncode == 2 and "does not exist (use --create" in result.stderr and not missing.exists()
    result = _run(missing, forms["no_level2"], "--create")
    assert result.returncode == 0, result.stderr
    created = native.read(missing)
    assert created.department == "某某区体育局"  # the new table takes the forms' 主管部门
    assert "汇总表的填报部门设为“某某区体育局”" in result.stdout
    result = _run(seed_path, forms["no_level2"], "--lang", "en")
    assert result.returncode == 2 and "updates a .json table only" in result.stderr
    summary = _run(missing, missing)
    assert summary.returncode == 2 and "cli.unknown_input_format" not in summary.stderr


def test_a_table_that_cannot_be_written_is_refused_before_the_forms_are_listed(
    tmp_path: Path, table: Path, forms: dict[str, Path]
) -> None:
    """It used to print "已加入：…" for each form (and "新建汇总表 …") and then fail to write: exit 2
    after claiming the projects were added. Now one line, nothing on standard output."""
    for missing_folder in (tmp_path / "no" / "new.json",):
        result = _run(missing_folder, forms["no_level2"], "--create")
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.splitlines() == [f"错误：无法新建 {missing_folder}：文件夹 {missing_folder.parent} 不存在"]
    before = table.read_bytes()
    table.chmod(0o444)
    result = _run(table, forms["no_level2"])
    assert result.returncode == 2 and result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert "只读" in result.stderr and table.read_bytes() == before
    assert _run(table, forms["no_level2"], "--dry-run").returncode == 0  # looking is still allowed


def test_a_refused_create_does_not_say_the_table_was_created(tmp_path: Path, forms: dict[str, Path]) -> None:
    new = tmp_path / "new.json"
    result = _run(new, forms["self_evaluation"], "--create")
    assert result.returncode == 2 and not new.exists()
    assert "新建汇总表" not in result.stderr


def test_a_summary_table_is_not_a_form(table: Path, seed_path: Path, tmp_path: Path) -> None:
    result = _run(table, seed_path, "--lang", "en")
    assert result.returncode == 2
    assert "is a performance-target table (汇总表), not a per-project form" in result.stderr


def test_dry_run_writes_nothing(table: Path, forms: dict[str, Path]) -> None:
    before = table.read_bytes()
    result = _run(table, forms["no_level2"], "--dry-run")
    assert result.returncode == 0 and "全民健身赛事活动经费" in result.stdout and "试运行" in result.stderr
    assert table.read_bytes() == before


def test_the_editor_gets_one_undoable_command(seed: Document, forms: dict[str, Path]) -> None:
    before = native.dumps(seed)
    plan = insert_projects(seed, [forms["two"], forms["text"]])
    assert plan.ok and len(plan.projects) == 3 and len(plan.lines) == 4
    assert plan.command.structure and plan.command.kind == "insert_projects"
    plan.command.apply(seed)
    assert seed.project_count() == 12 and seed.has_level2
    assert {p.key for p in plan.projects} <= plan.command.touched_projects
    plan.command.revert(seed)
    assert native.dumps(seed) == before
    plan.command.apply(seed)  # redo
    assert seed.project_count() == 12
    refused = insert_projects(seed, [forms["text"]])  # the same project again
    assert not refused.ok and refused.problems and not refused.command.commands
