"""Wrapping Chinese text where a line may break (UAX #14), not only at spaces as Rich does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from goaltui.ui.widgets.wrapped_text import WrappedText, wrap_lines

HELP_LINE = "查找：所有项目的名称、单位和每个指标单元格；Enter 开始查找，找到处标出"
CLOSING = "，。；：、）》”’！？"


def _plain(text: Text, width: int) -> list[str]:
    return [line.plain for line in wrap_lines(text, width)]


def test_a_latin_word_is_never_cut_and_closing_punctuation_never_starts_a_line() -> None:
    for width in range(8, 60):
        lines = _plain(Text(HELP_LINE), width)
        assert all(cell_len(line) <= width for line in lines), width
        assert "".join(lines).replace(" ", "") == HELP_LINE.replace(" ", "")
        assert all("Enter" in line for line in lines if "Ent" in line or line.startswith("er")), (width, lines)
        assert not any(line[:1] in CLOSING for line in lines), (width, lines)


def test_rich_alone_cuts_the_word_this_avoids() -> None:
    """The defect seen in F1 at 80×24: Rich folds the sentence through "Enter"."""
    rich_lines = [line.plain for line in Text(HELP_LINE).wrap(Console(width=80), 48)]
    assert rich_lines[0].endswith("Ente") and rich_lines[1].startswith("r ")
    assert _plain(Text(HELP_LINE), 48) == ["查找：所有项目的名称、单位和每个指标单元格；", "Enter 开始查找，找到处标出"]


def test_styles_and_hard_line_breaks_are_kept() -> None:
    text = Text("第一段很长很长的说明文字\n")
    text.append("错误", style="bold red")
    text.append("：合计与来源合计不一致")
    lines = wrap_lines(text, 10)
    assert [line.plain for line in lines] == ["第一段很长", "很长的说明", "文字", "错误：合计", "与来源合计", "不一致"]
    assert lines[3].spans and lines[3].spans[0].style == "bold red" and lines[3].spans[0].end == 2


def test_a_unit_wider_than_the_line_is_folded_by_cells() -> None:
    path = "/home/finance/2021/报表/keqiao_renda_2020_revised_final.json"
    lines = _plain(Text(f"已写入 {path}"), 20)
    assert all(cell_len(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == f"已写入{path}"


def test_in_a_table_column_the_text_stays_in_its_column() -> None:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=10)
    table.add_column(ratio=1)
    table.add_row(WrappedText("Ctrl+F 或 /"), WrappedText(HELP_LINE))
    console = Console(width=50, record=True, color_system=None)
    console.print(table)
    shown = console.export_text().splitlines()
    assert shown[0].startswith("Ctrl+F      查找：") and shown[1].startswith("或 /")  # no break before "/"
    assert all(cell_len(line.rstrip()) <= 50 for line in shown)
    assert "Ente" not in "".join(line[-6:] for line in shown if not line.rstrip().endswith("Enter"))


@given(
    st.text(alphabet=st.sampled_from(list("指标值满意度，。；（）“”Enter 90% ≥2021年ab")), max_size=120),
    st.integers(min_value=1, max_value=40),
)
def test_lines_fit_and_lose_no_character_but_spaces(plain: str, width: int) -> None:
    lines = _plain(Text(plain), width)
    assert all(cell_len(line) <= max(width, 2) for line in lines)
    assert "".join(lines).replace(" ", "") == plain.replace(" ", "")


def test_the_editor_does_not_import_the_line_breaker_before_it_needs_it() -> None:
    """Importing uniseg reads installed packages' metadata (≈ 15 ms): not on the way to the first frame."""
    import subprocess
    import sys

    code = "import sys, goaltui.ui.app; print('uniseg' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
