"""The native file format (``.json``).

UTF-8 with Chinese as is, stable key order, two-space indent and a trailing
newline, so a table diffs well in git. Loading a file this module wrote and
saving it again gives the same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from goaltui.errors import InputError, describe_os_error
from goaltui.gc_pause import no_collection
from goaltui.i18n import t
from goaltui.model import Document

SCHEMA_VERSION = 1
"""Version written by this release. Bump it when the layout changes."""

FORMAT_NAME = "goaltui"

_OWN_HEAD = re.compile(r'\{\s*"format"\s*:\s*"goaltui"\s*,\s*"schema_version"\s*:\s*([1-9][0-9]{0,8})\s*,')
"""How every file this module writes begins (see :func:`dumps`): the header keys first."""


def dumps(document: Document) -> str:
    """The file text of *document*."""
    payload: dict[str, Any] = {"format": FORMAT_NAME, "schema_version": SCHEMA_VERSION}
    payload.update(document.model_dump(mode="json"))
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def loads(text: str, source: str = "<text>") -> Document:
    """Parse the file text; every failure is an :class:`InputError` naming *source*.

    A file that begins as this module writes it is validated straight from its
    text (pydantic parses the JSON itself: no dictionaries are built first, and
    each node is built once). Anything else, and anything that fails there, takes
    the general path below, which gives every error its message.
    """
    head = _OWN_HEAD.match(text)
    if head is not None and int(head.group(1)) <= SCHEMA_VERSION:
        try:
            with no_collection():
                return Document.model_validate_json("{" + text[head.end() :])
        except ValidationError:
            pass  # the general path says what is wrong
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(t("native.bad_json", file=source, line=exc.lineno, reason=exc.msg)) from exc
    if not isinstance(payload, dict) or payload.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise InputError(t("native.not_goaltui", file=source))
    version = payload.pop("schema_version", None)
    payload.pop("format", None)
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(t("native.no_version", file=source))
    if version > SCHEMA_VERSION:
        raise InputError(t("native.newer_version", file=source, version=version, supported=SCHEMA_VERSION))
    if version < 1:
        raise InputError(t("native.bad_version", file=source, version=version))
    try:
        return Document.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(t("native.invalid", file=source, where=where, reason=first["msg"])) from exc


def read(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(t("io.cannot_open", file=path, reason=describe_os_error(exc))) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(t("io.not_utf8", file=path)) from exc
    return loads(text, str(path))


def write(document: Document, path: Path) -> None:
    from goaltui.io.safe_write import write_bytes_atomic

    write_bytes_atomic(path, dumps(document).encode("utf-8"))
