"""Every rule, in the order problems are listed within a row, a project or the document."""

from __future__ import annotations

from typing import Final

from goaltui.rules.base import Rule
from goaltui.rules.document_rules import DOCUMENT_RULES, STRUCTURE_RULES
from goaltui.rules.indicator_rules import INDICATOR_RULES
from goaltui.rules.project_rules import PROJECT_RULES
from goaltui.rules.safety_rules import SAFETY_RULES

__all__ = ["RULES", "RULES_BY_CODE"]

RULES: Final[tuple[Rule, ...]] = (*INDICATOR_RULES, *PROJECT_RULES, *STRUCTURE_RULES, *DOCUMENT_RULES, *SAFETY_RULES)
RULES_BY_CODE: Final[dict[str, Rule]] = {rule.code: rule for rule in RULES}

assert len(RULES_BY_CODE) == len(RULES), "rule codes must be unique"
