"""The model's verdict on a check does not depend on which other checks run.

The checks model reads every core rule's verdict as a feature (``__r_greeting_yes__``),
as it was trained. With ``select``, ``ignore`` or a channel profile leaving some rules
out, it read nothing for them and judged the checks that did run differently: a reply
whose next step the default linter found missing (P 0.32) was found to have one (0.90)
with ``select = ["greeting", "next_step"]``, without a word.
"""

from __future__ import annotations

from typing import Any

import pytest

from replylint import Linter

REPLIES = [
    "The invoice has been corrected and re-sent to your billing address.\n\n"
    "Let me know if anything else comes up.",
    "Hi Dana,\n\nThanks for your patience. The refund went out this morning.\n\nBest,\nSam",
    "Sorry about that! Try clearing the cache and signing in again.",
    "Hello,\n\nWe have passed your feedback on to the product team.\n\nKind regards,\nLee",
]


@pytest.fixture(scope="module")
def everything() -> Linter:
    return Linter({"model": "bundled"})


def _verdicts(linter: Linter, check: str) -> list[tuple[bool, float]]:
    return [
        (linter.check(r).checks[check].present, round(linter.check(r).checks[check].confidence, 6))
        for r in REPLIES
    ]


@pytest.mark.parametrize(
    "config",
    [
        {"select": ["greeting", "next_step"]},
        {"select": ["next_step"]},
        {"ignore": ["empathy", "closing_thanks", "apology"]},
        {"channels": {"email": {"ignore": ["greeting", "closing_thanks"]}}},
    ],
)
def test_next_step_is_judged_alike_whatever_else_runs(
    everything: Linter, config: dict[str, Any]
) -> None:
    selected = Linter({"model": "bundled", **config})
    assert _verdicts(selected, "next_step") == _verdicts(everything, "next_step")


def test_checks_left_out_are_still_not_reported(everything: Linter) -> None:
    """Reading the other rules for the model reports none of them."""
    selected = Linter({"model": "bundled", "select": ["next_step"]})
    report = selected.check(REPLIES[0])
    enabled = {name for name, check in report.checks.items() if check.reason != "rule not enabled"}
    assert enabled == {"next_step"}
    assert {f.rule for f in report.findings} <= {"next_step"}
    assert everything.check(REPLIES[0]).checks["greeting"].reason != "rule not enabled"
