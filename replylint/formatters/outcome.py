"""What each formatter is given for one input: its report, or why it was not checked.

``replylint check`` over a folder reads many files; one that is empty, not UTF-8 or
too long must neither hide the other files' findings nor vanish from the output (a CI
job would then upload a log that says nothing of it). So every input has an outcome, in
input order, and each format reports an :class:`Unchecked` one in its own way, where
that input's report would be (as ``check_many`` yields a ``ReplyError``: one result per
input, never a gap).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from replylint.report import Report

__all__ = [
    "Checked",
    "Outcome",
    "Unchecked",
    "hidden_note",
    "name_of",
    "partition",
    "suppressed_note",
]


@dataclass(frozen=True)
class Unchecked:
    """An input that could not be checked; ``error`` says why and what to do."""

    #: The input's name as the reports give it: the path as typed, or ``<stdin>``.
    name: str
    #: One line, e.g. ``reply macros/b.txt: is empty``.
    error: str


#: A checked input: its name, the text as read (for line and column) and its report.
Checked: TypeAlias = tuple[str, str, Report]

#: One input's outcome.
Outcome: TypeAlias = Checked | Unchecked


def name_of(outcome: Outcome) -> str:
    """The input's name, whether it was checked or not."""
    return outcome.name if isinstance(outcome, Unchecked) else outcome[0]


def partition(
    named: Sequence[Outcome],
) -> tuple[list[tuple[int, Checked]], list[tuple[int, Unchecked]]]:
    """The checked and the unchecked inputs, each with its position among all inputs (a
    format that lists every input, as SARIF's artifacts, points at it by that index)."""
    checked: list[tuple[int, Checked]] = []
    unchecked: list[tuple[int, Unchecked]] = []
    for index, outcome in enumerate(named):
        if isinstance(outcome, Unchecked):
            unchecked.append((index, outcome))
        else:
            checked.append((index, outcome))
    return checked, unchecked


def hidden_note(hidden: int) -> str:
    """What every format says of a report's findings ``min_confidence`` left out: without
    it, a threshold that hid them all read as a clean reply. (The serve page's
    ``hiddenNote`` in ``replylint/serve/static/page.js`` says the same;
    tests/serve/test_page.py holds them together.)"""
    return (
        f"{hidden} finding{'s' if hidden > 1 else ''} below min-confidence "
        f"{'are' if hidden > 1 else 'is'} not shown (still scored; lower min-confidence "
        "to see them)"
    )


def suppressed_note(suppressed: int) -> str:
    """What a format without the text output's summary line (``| 2 suppressed``) says of
    a report's findings that ``replylint: disable`` directives silenced: without it, a
    file whose every finding was silenced read as one the linter found nothing in. (As
    the serve page's ``suppressedNote`` does.)"""
    if suppressed == 1:
        return "1 finding silenced by a replylint: disable directive is not shown"
    return f"{suppressed} findings silenced by replylint: disable directives are not shown"
