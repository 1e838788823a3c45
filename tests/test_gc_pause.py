from __future__ import annotations

import gc

import pytest

from goaltui.gc_pause import no_collection
from goaltui.model import Document
from goaltui.rules import validate


def test_collection_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with no_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), no_collection():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(seed: Document) -> None:
    gc.disable()
    try:
        with no_collection():
            pass
        validate(seed)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_validation_leaves_the_collector_on(seed: Document) -> None:
    validate(seed)
    assert gc.isenabled()
