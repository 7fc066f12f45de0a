"""What hovering over a finding shows: its rule's ``replylint explain`` text.

The text is the command's own (one source for the terminal and the editor), kept in a
fenced block for clients that render Markdown, because its layout (aligned fields,
indented examples) is part of how it reads. The findings about suppression directives
come from no rule object; their description is the one SARIF uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from replylint.rule import Rule
from replylint.ruledocs import explain, explain_directive
from replylint.suppression import DIRECTIVE_RULES


def hover_text(rules: Sequence[Rule], rule_ids: Sequence[str], *, markdown: bool) -> str | None:
    """The explanation of each rule in ``rule_ids`` (in order), or None when none is
    known (nothing to show)."""
    by_id = {rule.id: rule for rule in rules}
    parts = []
    for rule_id in rule_ids:
        if rule_id in by_id:
            parts.append(explain(by_id[rule_id]))
        elif rule_id in DIRECTIVE_RULES:
            parts.append(explain_directive(rule_id))
    if not parts:
        return None
    if not markdown:
        return "\n".join(parts)
    return "\n\n---\n\n".join(_fenced(part) for part in parts)


def _fenced(text: str) -> str:
    """``text`` in a code fence longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"
