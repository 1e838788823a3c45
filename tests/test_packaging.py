"""The wheel ships the styles and the sample, and a non-editable install finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("goaltui-*.whl")
    return path


def test_wheel_contains_styles_sample_and_entry_point(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "goaltui/sample_data/keqiao_renda_2020.json" in names
    assert "goaltui/data/indicator_templates.toml" in names  # the template library
    assert any(n.startswith("goaltui/styles/") and n.endswith(".tcss") for n in names)
    assert "goaltui/__main__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "goaltui = goaltui.cli:run" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_finds_its_data_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import goaltui, goaltui.resources as r; "
        "print(goaltui.__file__); print(r.sample_path()); print(r.styles_dir()); "
        "from goaltui.session.templates import shipped_library_text as t; print(len(t()) > 1000)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    module, sample, styles, library = result.stdout.splitlines()
    assert library == "True"
    assert module.startswith(str(site))
    assert sample.startswith(str(site)) and Path(sample).is_file()
    assert styles.startswith(str(site)) and Path(styles).is_dir()
