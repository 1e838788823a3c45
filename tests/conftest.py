from __future__ import annotations

from pathlib import Path

import pytest

from goaltui.i18n import set_language
from goaltui.io import text_table
from goaltui.model import Document

DATA = Path(__file__).parent / "data"
SEED = DATA / "keqiao_renda_2020.txt"


@pytest.fixture(autouse=True)
def _chinese_by_default() -> None:
    set_language("zh")


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed() -> Document:
    """A fresh copy of the seed table for each test (tests may mutate it)."""
    return text_table.read(SEED)


@pytest.fixture(autouse=True)
def _private_state_directory(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Recovery journals, locks and backups of every test go to a directory of its own (never the
    user's ~/.local/state), for subprocesses too."""
    monkeypatch.setenv("GOALTUI_STATE_DIR", str(tmp_path_factory.mktemp("state")))
