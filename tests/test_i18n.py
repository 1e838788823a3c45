from __future__ import annotations

import string

import pytest

from goaltui import i18n


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, (zh, en) in i18n.CATALOG.items():
        assert zh.strip() and en.strip(), key
        assert _fields(zh) == _fields(en), key


def test_sections_do_not_redefine_keys() -> None:
    # Every table of the catalog (_CORE, _IO, … and those each area appends), found by name.
    sections = [value for name, value in vars(i18n).items() if name.startswith("_") and name[1:].isupper()]
    sections = [section for section in sections if isinstance(section, dict)]
    assert len(sections) >= 5
    assert sum(len(s) for s in sections) == len(i18n.CATALOG)


def test_language_switch() -> None:
    assert i18n.t("field.total") == "合计"
    i18n.set_language("en")
    assert i18n.t("field.total") == "Total"
    assert i18n.t("field.total", lang="zh") == "合计"
    with pytest.raises(ValueError):
        i18n.set_language("fr")
