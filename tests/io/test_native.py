from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from goaltui.errors import InputError
from goaltui.io import native
from goaltui.model import Document
from goaltui.resources import sample_path
from tests.strategies import documents


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_json_model_json_is_identity(document: Document) -> None:
    text = native.dumps(document)
    again = native.loads(text)
    assert again.model_dump() == document.model_dump()
    assert native.dumps(again) == text


def test_load_then_save_is_byte_identical(tmp_path: Path) -> None:
    original = sample_path().read_bytes()
    copy = tmp_path / "copy.json"
    native.write(native.read(sample_path()), copy)
    assert copy.read_bytes() == original


def test_file_is_readable_utf8_with_stable_order(seed: Document) -> None:
    text = native.dumps(seed)
    assert "区人大一届四次会议经费" in text  # Chinese as is, no \u escapes
    assert "\\u" not in text
    assert text.endswith("\n")
    keys = list(json.loads(text))
    assert keys[:3] == ["format", "schema_version", "title"]
    assert '\n  "units": [\n' in text  # indented, one key per line


def test_amounts_are_strings_so_no_float_creeps_in(seed: Document) -> None:
    payload = json.loads(native.dumps(seed))
    funds = payload["units"][0]["projects"][4]["funds"]
    assert funds["total"] == "97.2"
    assert funds["gov_fund"] is None


def test_bundled_sample_is_the_seed(seed: Document) -> None:
    assert native.read(sample_path()).model_dump() == seed.model_dump()


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        native.loads(text, "t.json")
    return str(info.value)


def test_newer_schema_version_is_refused_clearly(seed: Document) -> None:
    payload = json.loads(native.dumps(seed))
    payload["schema_version"] = native.SCHEMA_VERSION + 1
    message = _error(json.dumps(payload))
    assert "更新版本" in message and str(native.SCHEMA_VERSION + 1) in message


@pytest.mark.parametrize("version", ["1", None, 0, -3, True, 1.5])
def test_bad_schema_versions(seed: Document, version: object) -> None:
    payload = json.loads(native.dumps(seed))
    payload["schema_version"] = version
    assert "schema_version" in _error(json.dumps(payload))


def test_missing_schema_version(seed: Document) -> None:
    payload = json.loads(native.dumps(seed))
    del payload["schema_version"]
    assert "schema_version" in _error(json.dumps(payload))


def test_not_json() -> None:
    message = _error('{"title": ')
    assert "t.json" in message and "第 1 行" in message


def test_json_of_something_else() -> None:
    assert "不是 goaltui 文件" in _error('{"format": "other", "schema_version": 1}')
    assert "不是 goaltui 文件" in _error("[1, 2, 3]")


def test_invalid_field_names_the_place(seed: Document) -> None:
    payload = json.loads(native.dumps(seed))
    payload["units"][0]["projects"][1]["funds"]["total"] = "十万"
    message = _error(json.dumps(payload, ensure_ascii=False))
    assert "units.0.projects.1.funds.total" in message


def test_float_amounts_from_a_hand_edited_file_stay_exact(seed: Document) -> None:
    payload = json.loads(native.dumps(seed))
    payload["units"][0]["projects"][0]["funds"]["total"] = 0.1
    document = native.loads(json.dumps(payload))
    assert str(document.units[0].projects[0].funds.total) == "0.1"


def test_binary_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b"\xff\xfe\x00\x00garbage\x80")
    with pytest.raises(InputError, match="UTF-8"):
        native.read(path)
    with pytest.raises(InputError, match="无法打开"):
        native.read(tmp_path / "missing.json")


# --- the fast path: a file as this module writes it is validated straight from its text ---------


def _general(text: str) -> Document:
    """What the general path (json.loads, checks, model_validate) makes of *text*."""
    payload = json.loads(text)
    del payload["format"], payload["schema_version"]
    return Document.model_validate(payload)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_fast_path_gives_what_the_general_path_gives(document: Document) -> None:
    text = native.dumps(document)
    assert native._OWN_HEAD.match(text)
    assert native.loads(text).model_dump() == _general(text).model_dump()


def test_loading_builds_each_node_once(seed: Document) -> None:
    text = native.dumps(seed)
    nodes = 2 + sum(1 + sum(2 + len(p.indicators) for p in u.projects) for u in seed.units)  # doc, signatures
    before = Document().key  # (a Document() builds its Signatures, then itself)
    native.loads(text)
    assert Document().key - before - 2 == nodes  # one key per node built: nothing built twice


def test_hand_edited_numbers_and_layout_take_the_general_path(seed: Document) -> None:
    payload = json.loads(native.dumps(seed))
    payload["units"][0]["projects"][0]["funds"]["total"] = 97.2
    compact = json.dumps(payload, ensure_ascii=False)  # one line, as another tool writes it
    assert native._OWN_HEAD.match(compact)
    assert str(native.loads(compact).units[0].projects[0].funds.total) == "97.2"
    reordered = json.dumps({"title": "2020年表", "schema_version": 1, "format": "goaltui"})
    assert native.loads(reordered).title == "2020年表"


def test_errors_after_a_good_head_keep_their_messages(seed: Document) -> None:
    text = native.dumps(seed)
    broken = text[: len(text) // 2]  # a truncated file
    message = _error(broken)
    assert "t.json" in message and "第" in message and "行" in message
    duplicate = text.replace('"title":', '"schema_version": 9,\n  "title":', 1)
    assert "更新版本" in _error(duplicate)  # the last schema_version counts, as json.loads reads it
    assert "不是 goaltui 文件" in _error(text.replace('"title":', '"format": "x",\n  "title":', 1))


def test_garbage_collection_is_back_on_after_loading(seed: Document) -> None:
    import gc

    native.loads(native.dumps(seed))
    assert gc.isenabled()
    with pytest.raises(InputError):
        native.loads(native.dumps(seed).replace('"10"', '"十"', 1), "t.json")
    assert gc.isenabled()
