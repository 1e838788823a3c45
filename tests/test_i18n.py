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
    sections = [i18n._CORE, i18n._IO, i18n._RULES, i18n._UI, i18n._SESSION]
    assert sum(len(s) for s in sections) == len(i18n.CATALOG)


def test_language_switch() -> None:
    assert i18n.t("field.total") == "合计"
    i18n.set_language("en")
    assert i18n.t("field.total") == "Total"
    assert i18n.t("field.total", lang="zh") == "合计"
    with pytest.raises(ValueError):
        i18n.set_language("fr")
