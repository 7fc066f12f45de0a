"""Rule documentation: docs/rules.md must match the rules, and ``explain`` must say enough.

The drift test is the point of generating the docs: a rule whose standard, rationale,
examples or options change without regenerating docs/rules.md fails here.
"""

from __future__ import annotations

import inspect
from functools import lru_cache

import pytest

from replylint.linter import Linter
from replylint.rule import Rule
from replylint.ruledocs import DOCS_PATH, UnknownRuleError, explain, find_rule, rules_markdown


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    """One Linter for the module: building it loads spaCy."""
    return Linter().rules


def test_docs_rules_md_is_up_to_date() -> None:
    expected = rules_markdown(_rules())
    actual = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.exists() else ""
    assert actual == expected, (
        "docs/rules.md is out of date with the rules' metadata; "
        "run `python -m replylint.ruledocs` and commit the result"
    )


def test_markdown_is_deterministic_and_sorted() -> None:
    rules = _rules()
    text = rules_markdown(rules)
    assert text == rules_markdown(tuple(reversed(rules)))
    ids = [rule.id for rule in rules]
    positions = [text.index(f"## `{rule_id}`") for rule_id in sorted(ids)]
    assert positions == sorted(positions)
    assert "python -m replylint.ruledocs" in text.splitlines()[2]


def test_explain_next_step() -> None:
    rule = find_rule(_rules(), "next_step")
    text = explain(rule)
    assert "Manage expectations" in text
    assert repr(rule.examples.fire[0].reply) in text
    assert repr(rule.examples.pass_[0].reply) in text
    module = inspect.getmodule(type(rule))
    assert module is not None and module.__doc__
    assert inspect.cleandoc(module.__doc__).splitlines()[0] in text
    assert "Fires on:" in text and "Does not fire on:" in text


def test_explain_readability_lists_options_with_defaults() -> None:
    text = explain(find_rule(_rules(), "readability"))
    assert "max-grade (float, default 14.0)" in text
    assert "min-words (int, default 30)" in text
    assert "Highest acceptable US grade level." in text


def test_explain_rule_without_options_says_none() -> None:
    text = explain(find_rule(_rules(), "greeting"))
    assert "Options:\n  none" in text


def test_explain_pack_rule_names_its_pack() -> None:
    text = explain(find_rule(_rules(), "tone.cold_phrases"))
    assert "tone.yaml" in text
    assert "/" not in text.split("How it decides:")[1].split("Fires on:")[0]


def test_explain_shows_customer_message() -> None:
    rule = find_rule(_rules(), "apology")
    example = next(e for e in rule.examples.fire if e.customer_message)
    assert repr(example.customer_message) in explain(rule)


def test_unknown_rule_lists_valid_ids() -> None:
    with pytest.raises(UnknownRuleError) as info:
        find_rule(_rules(), "no_such_rule")
    message = str(info.value)
    assert "\n" not in message
    assert "no_such_rule" in message
    assert all(rule.id in message for rule in _rules())
