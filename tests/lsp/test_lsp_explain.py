"""Hover text: the rule's `replylint explain` text, laid out as the terminal shows it."""

from __future__ import annotations

from replylint import Linter
from replylint.lsp.explain import _fenced, hover_text
from replylint.ruledocs import explain, find_rule
from replylint.suppression import UNKNOWN_RULE


def test_hover_is_the_explain_text(linter: Linter) -> None:
    text = explain(find_rule(linter.rules, "jargon"))
    assert hover_text(linter.rules, ["jargon"], markdown=False) == text
    fenced = hover_text(linter.rules, ["jargon"], markdown=True)
    assert fenced == f"```text\n{text.rstrip()}\n```"


def test_directive_findings_and_unknown_ids(linter: Linter) -> None:
    text = hover_text(linter.rules, [UNKNOWN_RULE, "no.such.rule"], markdown=False)
    assert text is not None and text.startswith(UNKNOWN_RULE) and "typo" in text
    assert hover_text(linter.rules, ["no.such.rule"], markdown=True) is None


def test_a_fence_outlasts_backticks_in_the_text() -> None:
    assert _fenced("use ```` here\n") == "`````text\nuse ```` here\n`````"
    assert _fenced("plain") == "```text\nplain\n```"


def test_several_rules_are_separated(linter: Linter) -> None:
    text = hover_text(linter.rules, ["greeting", "jargon"], markdown=True)
    assert text is not None
    first, second = text.split("\n\n---\n\n")
    assert first.startswith("```text\ngreeting\n") and second.startswith("```text\njargon\n")
