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

from goaltui.errors import InputError
from goaltui.gc_pause import no_collection
from goaltui.i18n import t
from goaltui.io import limits
from goaltui.model import Document
from goaltui.model.amounts import AmountError

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

    Hostile text is refused before or while it is parsed (see io.limits): nesting
    deeper than a document can be, integers of thousands of digits, counts and
    cells over the limits, lone surrogates, amounts like ``1E+999999999``.

    A file that begins as this module writes it is validated straight from its
    text (pydantic parses the JSON itself: no dictionaries are built first, and
    each node is built once), when nothing in the text needs the limits' closer
    look (see :func:`_fast`). Anything else, and anything that fails there, takes
    the general path below, which gives every error and every limit its message.
    """
    document = _fast(text)
    if document is not None:
        return document
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(t("native.bad_json", file=source, line=exc.lineno, reason=exc.msg)) from exc
    except ValueError:  # an integer over Python's 4,300 digits
        raise limits.LimitError(t("limits.json_number", file=source)) from None
    except RecursionError:  # nesting: the C parser guards its own stack
        raise limits.LimitError(t("limits.json_too_deep", file=source, limit=limits.LIMITS.json_depth)) from None
    limits.check_json_payload(payload, text, source)
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
        error = first.get("ctx", {}).get("error")
        reason = t("limits.amount_bounds", text=error) if isinstance(error, AmountError) else first["msg"]
        raise InputError(t("native.invalid", file=source, where=where, reason=_one_line(reason))) from None


def _fast(text: str) -> Document | None:
    """The document of a plain file of our own, validated from its text; None: take the general path.

    It answers only where the general path gives the same values: the text has at
    most as many objects (``{``) as a document within the row limit can have, no
    string that may be longer than a cell and no lone surrogate (io.limits); numbers
    of thousands of digits and deep nesting fail validation here; a document over
    the row or project-count limit goes the general way, which refuses it in its words.
    """
    head = _OWN_HEAD.match(text)
    if head is None or int(head.group(1)) > SCHEMA_VERSION:
        return None
    if text.count("{") > 2 * limits.LIMITS.rows + 2 or any(limits.json_text_suspects(text)):
        return None
    try:
        with no_collection():
            document = Document.model_validate_json("{" + text[head.end() :])
    except ValidationError:
        return None  # the general path says what is wrong
    most = limits.LIMITS.rows
    count = document.expected_project_count
    rows = len(document.units) + document.project_count() + document.indicator_count()
    if rows > most or (count is not None and not 0 <= count <= most):
        return None
    return document


def _one_line(reason: object) -> str:
    text = " ".join(str(reason).split())
    return text if len(text) <= 160 else text[:159] + "…"


def read(path: Path) -> Document:
    raw = limits.read_input(path, limits.LIMITS.json_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(t("io.not_utf8", file=path)) from exc
    return loads(text, str(path))


def write(document: Document, path: Path) -> None:
    from goaltui.io.safe_write import write_bytes_atomic

    write_bytes_atomic(path, dumps(document).encode("utf-8"))
