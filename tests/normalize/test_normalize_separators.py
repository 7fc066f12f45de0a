"""Separator lines (``---`` and its variants ``***``, ``___``, ``===``, ``- - -``,
``———``) are read the same way wherever they stand: front-matter fences at the very top,
the signature separator under the sign-off, and elsewhere a rule, never a word of a
sentence."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.normalize import normalize
from replylint.normalize.separators import is_separator_line

VARIANTS = ["---", "***", "___", "===", "- - -", "* * *", "———", "–––", "═══"]


@pytest.mark.parametrize("line", [*VARIANTS, "  ----------  ", "_ _ _ _", "—— —"])
def test_separator_lines(line: str) -> None:
    assert is_separator_line(line)


@pytest.mark.parametrize(
    "line", ["--", "-- ", "-*-", "~~~", "```", "+++", "—", "## ##", "--- a", "a ---", ""]
)
def test_not_separator_lines(line: str) -> None:
    """Two dashes are the e-mail signature delimiter (read elsewhere), ``~~~`` and three
    backticks open a Markdown code block, ``+++`` is TOML, not a rule."""
    assert not is_separator_line(line)


@pytest.mark.parametrize("fence", VARIANTS)
def test_a_rule_line_never_joins_the_sentence_under_it(fence: str) -> None:
    """A line going on in lower case continues the sentence above it, unless that line is a
    rule: "--- if it does not arrive" read the rule as the sentence's first word."""
    raw = f"I have reset your password.\n{fence}\nif it has not arrived, check your spam."
    assert normalize(raw).text == raw


@pytest.mark.parametrize("fence", VARIANTS)
def test_front_matter_between_any_rule_lines_is_cut(fence: str) -> None:
    """A macro's header of ``key: value`` lines between two like rules at the very top is
    its front matter, as between ``---`` lines: left, "*** title: Reset" was the opening."""
    raw = f"{fence}\ntitle: Password reset\ntags: [account]\n{fence}\nHi {{{{name}}}},\n\nDone."
    result = normalize(raw)
    assert result.text == "Hi Name,\n\nDone."
    markup = [raw[r.start : r.end] for r in result.removed if r.kind == "markup"]
    assert markup[0] == f"{fence}\ntitle: Password reset\ntags: [account]\n{fence}\n"


@pytest.mark.parametrize(
    "raw",
    [
        "***\ntitle: Password reset\n---\nHi Dana,\n\nDone.",  # two kinds of rule: no fence
        "===\nHi Dana, your order shipped.\n===\nBye",  # prose between rules, not YAML
    ],
)
def test_front_matter_lookalikes_are_kept(raw: str) -> None:
    assert normalize(raw).text.startswith(raw.split("\n")[0])


@pytest.mark.parametrize("fence", VARIANTS)
def test_a_rule_under_the_sign_off_starts_the_signature(fence: str) -> None:
    """A rule between the sign-off and the company's lines under it separates the signature
    as ``--`` does: left, the sign-off was not found and the closing thanks went unseen."""
    raw = (
        f"Hi Dana,\n\nYour new password works now.\n\nThanks,\nSam\n{fence}\n"
        "Acme Support | acme.example\nMon-Fri 9-5"
    )
    result = normalize(raw)
    assert result.text == "Hi Dana,\n\nYour new password works now.\n\nThanks,\nSam"
    [cut] = [r for r in result.removed if r.kind == "signature"]
    assert raw[cut.start : cut.end] == f"{fence}\nAcme Support | acme.example\nMon-Fri 9-5"


@pytest.mark.parametrize(
    "raw",
    [
        # a rule above the closing is no signature separator: nobody has signed yet
        "Hi Dana,\n\nYour new password works now.\n\n***\nThanks,\nSam",
        # under the sign-off, a sentence of the reply: a P.S. the customer is meant to read
        "Hi Dana,\n\nIt works now.\n\nThanks,\nSam\n***\nP.S. You can now reset it in the app too.",
        # a rule ending the reply: nothing under it
        "Hi Dana,\n\nYour new password works now.\n\nThanks,\nSam\n***",
    ],
)
def test_a_rule_that_separates_no_signature_is_kept(raw: str) -> None:
    assert normalize(raw).text == raw


@pytest.mark.parametrize("fence", ["---", "***", "==="])
def test_the_closing_thanks_above_a_rule_and_the_company_lines_counts(
    rules_only: Linter, fence: str
) -> None:
    linter = rules_only
    raw = f"Hi Dana,\n\nYour new password works now.\n\nThanks,\nSam\n{fence}\nAcme Support"
    assert linter.check(raw).checks["closing_thanks"].present
