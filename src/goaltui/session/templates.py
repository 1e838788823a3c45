"""The library of indicator templates: the one shipped in the package, and the user's own.

The shipped library is data (``goaltui/data/indicator_templates.toml``): kinds of
project (会议, 调研/视察, 宣传/信息, 设备购置 …), each with its indicators
(一级指标, 二级指标, 明细指标, a value pattern such as ``≥{n}人``, 指标描述). A user adds
kinds or indicators in ``templates.toml`` in their configuration folder
(:func:`user_library_path`, through platformdirs: ``~/.config/goaltui/templates.toml``
on Linux), in the same form; a kind of the same name gets the user's indicators first.

A user's file is read with care: a file that cannot be read or parsed is left out, an
entry that is not right is skipped, and each such thing is one line in
:attr:`Library.problems` for the editor to show. The editor goes on with the rest.

The library is read when it is first needed (a completion, the template list), never
at start-up.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final, NamedTuple

from goaltui.i18n import t
from goaltui.model import Indicator
from goaltui.model.level1 import normalize_level1

USER_FILE_NAME: Final = "templates.toml"
USER_FILE_LIMIT: Final = 1024 * 1024
"""A user's library larger than this is not read (it is a list of indicators, not data)."""

PLACEHOLDER: Final = "**"
"""What ``{n}`` shows as in a cell: the templates' own mark for "fill in the number" (the
checks report a value that still holds it)."""

_FIELD: Final = re.compile(r"\{([a-z_]*)\}")
_TEXT_KEYS: Final = ("level1", "level2", "name", "value", "description")


class Template(NamedTuple):
    """One indicator of the library."""

    kind: str
    level1: str
    level2: str
    name: str
    value: str
    """The pattern: ``{n}`` for the number to fill in, ``{year}``/``{next_year}`` for the table's years."""
    description: str

    def indicator(self, year: int | None) -> Indicator:
        """The row this template makes, for a table of *year*."""
        return Indicator(
            level1=self.level1,
            level2=self.level2,
            name=self.name,
            value=fill_pattern(self.value, year),
            description=self.description,
        )


class TemplateKind(NamedTuple):
    name: str
    keywords: tuple[str, ...]
    templates: tuple[Template, ...]


class Library(NamedTuple):
    kinds: tuple[TemplateKind, ...]
    problems: tuple[str, ...] = ()
    """What was wrong with the user's file (one line each, in the user's language)."""

    @property
    def templates(self) -> list[Template]:
        return [template for kind in self.kinds for template in kind.templates]

    def kind(self, name: str) -> TemplateKind | None:
        return next((kind for kind in self.kinds if kind.name == name), None)

    def kind_for(self, project_name: str) -> TemplateKind | None:
        """The kind whose keyword the project's name contains (the longest keyword wins)."""
        best: tuple[int, TemplateKind] | None = None
        for kind in self.kinds:
            for keyword in kind.keywords:
                if keyword and keyword in project_name and (best is None or len(keyword) > best[0]):
                    best = (len(keyword), kind)
        return best[1] if best else None


def fill_pattern(pattern: str, year: int | None) -> str:
    """A value pattern as a cell shows it: ``{year}`` and ``{next_year}`` the table's years, anything
    else to fill in (``{n}``, or a year the table does not have) as ``**``."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "year" and year is not None:
            return str(year)
        if name == "next_year" and year is not None:
            return str(year + 1)
        return PLACEHOLDER

    return _FIELD.sub(replace, pattern)


def user_library_path() -> Path:
    """Where a user's own templates are: ``templates.toml`` in goaltui's configuration folder."""
    from platformdirs import user_config_path

    return user_config_path("goaltui") / USER_FILE_NAME


def shipped_library_text() -> str:
    from importlib import resources

    return resources.files("goaltui").joinpath("data", "indicator_templates.toml").read_text(encoding="utf-8")


def load_library(user_file: Path | None = None) -> Library:
    """The shipped library with the user's own added (*user_file*: default :func:`user_library_path`)."""
    import tomllib

    shipped, problems = _kinds(tomllib.loads(shipped_library_text()), "goaltui")
    assert not problems, problems  # the shipped library is checked by the tests
    path = user_file if user_file is not None else user_library_path()
    own, problems = _read_user_file(path)
    return Library(_merge(own, shipped), tuple(problems))


def _read_user_file(path: Path) -> tuple[list[TemplateKind], list[str]]:
    try:
        if not path.is_file():
            return [], []
        if path.stat().st_size > USER_FILE_LIMIT:
            return [], [t("templates.too_big", file=path, limit=USER_FILE_LIMIT // 1024)]
        raw = path.read_bytes()
    except OSError as exc:
        from goaltui.errors import describe_os_error

        return [], [t("templates.unreadable", file=path, reason=describe_os_error(exc))]
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return [], [t("templates.not_utf8", file=path)]
    except tomllib.TOMLDecodeError as exc:
        return [], [t("templates.bad_toml", file=path, reason=str(exc))]
    return _kinds(data, str(path))


def _kinds(data: dict[str, Any], source: str) -> tuple[list[TemplateKind], list[str]]:
    problems: list[str] = []
    entries = data.get("kind", [])
    if not isinstance(entries, list):
        return [], [t("templates.no_kinds", file=source)]
    kinds: list[TemplateKind] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(t("templates.bad_kind", file=source, n=number))
            continue
        name = entry["name"].strip()
        keywords = entry.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(word, str) for word in keywords):
            problems.append(t("templates.bad_keywords", file=source, kind=name))
            keywords = []
        templates: list[Template] = []
        indicators = entry.get("indicator", [])
        if not isinstance(indicators, list):
            indicators = []
            reason = t("templates.reason.list")
            problems.append(t("templates.bad_indicator", file=source, kind=name, n=1, reason=reason))
        for index, item in enumerate(indicators, start=1):
            template, reason = _template(name, item)
            if template is None:
                problems.append(t("templates.bad_indicator", file=source, kind=name, n=index, reason=reason))
            else:
                templates.append(template)
        kinds.append(TemplateKind(name, tuple(word.strip() for word in keywords if word.strip()), tuple(templates)))
    return kinds, problems


def _template(kind: str, item: object) -> tuple[Template | None, str]:
    if not isinstance(item, dict):
        return None, t("templates.reason.table")
    values: dict[str, str] = {}
    for key in _TEXT_KEYS:
        value = item.get(key, "")
        if not isinstance(value, str):
            return None, t("templates.reason.text", field=t(f"field.{key}"))
        values[key] = value.strip()
    if not values["name"]:
        return None, t("templates.reason.no_name")
    if normalize_level1(values["level1"]) is None:
        return None, t("templates.reason.level1", text=values["level1"])
    return Template(kind, **values), ""


def _merge(own: list[TemplateKind], shipped: list[TemplateKind]) -> tuple[TemplateKind, ...]:
    """The user's kinds first; a shipped kind of the same name takes the user's indicators and keywords too."""
    merged: list[TemplateKind] = []
    by_name = {kind.name: kind for kind in shipped}
    for kind in own:
        base = by_name.pop(kind.name, None)
        if base is None:
            merged.append(kind)
        else:
            merged.append(TemplateKind(kind.name, (*kind.keywords, *base.keywords), kind.templates + base.templates))
    merged += [kind for kind in shipped if kind.name in by_name]
    return tuple(merged)
