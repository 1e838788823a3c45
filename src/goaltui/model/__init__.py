"""The pure document model (no I/O, no textual)."""

from goaltui.model.document import (
    FUND_FIELDS,
    INDICATOR_FIELDS,
    SOURCE_FIELDS,
    Document,
    Funds,
    Indicator,
    Project,
    Signatures,
    Unit,
)

__all__ = [
    "FUND_FIELDS",
    "INDICATOR_FIELDS",
    "SOURCE_FIELDS",
    "Document",
    "Funds",
    "Indicator",
    "Project",
    "Signatures",
    "Unit",
]
