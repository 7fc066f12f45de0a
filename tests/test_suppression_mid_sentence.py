"""A ``disable-next-line`` directive placed mid-sentence, inside the words a finding
flags, covers that finding: its words run onto the line the directive names, though it
starts on the line above. It was reported anyway, and the directive called unused
("nothing on the next line is reported") with the flagged words right there. A finding
wholly on the line above, or on the directive's own line, is still not covered."""

from __future__ import annotations

import pytest

from replylint import Linter, LinterConfig

DIRECTIVE = "{# replylint: disable-next-line=tone #}"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(LinterConfig(model="none", select=["tone"], report_unused_suppressions=True))


def found(linter: Linter, reply: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in linter.check(reply, template=True).findings]


def test_a_finding_that_runs_onto_the_named_line_is_covered(linter: Linter) -> None:
    reply = f"Hi Dana, the order is late and per our\n{DIRECTIVE}\npolicy it ships Monday.\n"
    report = linter.check(reply, template=True)
    assert found(linter, reply) == []
    assert report.suppressed == 1


def test_a_finding_wholly_on_the_line_above_is_not_covered(linter: Linter) -> None:
    reply = f"Hi Dana, the order is late, per our policy\n{DIRECTIVE}\nit ships Monday.\n"
    assert found(linter, reply) == [
        ("tone.cold_phrases", "per our policy"),
        ("suppression.unused", DIRECTIVE),
    ]


def test_a_finding_on_the_named_line_is_covered_as_before(linter: Linter) -> None:
    reply = f"Hi Dana, the order is late.\n{DIRECTIVE}\nPer our policy it ships Monday.\n"
    assert found(linter, reply) == []


def test_the_line_after_the_named_one_is_not_covered(linter: Linter) -> None:
    reply = (
        f"Hi Dana, the order is late.\n{DIRECTIVE}\nIt ships Monday.\n"
        "Per our policy it cannot ship sooner.\n"
    )
    assert found(linter, reply) == [
        ("suppression.unused", DIRECTIVE),
        ("tone.cold_phrases", "Per our policy"),
    ]
