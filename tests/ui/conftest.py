from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from goaltui.io.formats import read_document
from goaltui.resources import sample_path
from goaltui.ui.app import GoalApp
from tests.review.conftest import ReviewFolder, build_review_folder

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


@pytest.fixture(scope="session")
def inbox_template(tmp_path_factory: pytest.TempPathFactory) -> ReviewFolder:
    """The review tests' folder (tests/review/conftest.py): good tables, tables with errors, files that
    cannot be read; under a fixed name (the review screen shows it)."""
    return build_review_folder(tmp_path_factory.mktemp("ui-review") / "收件箱")


@pytest.fixture
def inbox(inbox_template: ReviewFolder, tmp_path: Path) -> ReviewFolder:
    """A copy of the folder that a test may change (open, edit and save its tables)."""
    folder = tmp_path / "收件箱"
    shutil.copytree(inbox_template.path, folder)
    return dataclasses.replace(inbox_template, path=folder)
