from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from goaltui.io.formats import read_document
from goaltui.resources import sample_path
from goaltui.ui.app import GoalApp

SIZE = (120, 36)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "table.json"
    shutil.copyfile(sample_path(), target)
    return target


@pytest.fixture
def make_app(sample_copy: Path) -> Callable[..., GoalApp]:
    def make(path: Path | None = None) -> GoalApp:
        source = path or sample_copy
        return GoalApp(read_document(source), source)

    return make
