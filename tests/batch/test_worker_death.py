"""A worker process that dies costs its chunk's rows an `error`, never a gap."""

from __future__ import annotations

import os
from collections.abc import Iterator

from replylint import Finding, Linter, Rule
from replylint.analysis import AnalyzedReply
from replylint.batch.rows import RowIn
from replylint.batch.runner import score_rows
from replylint.packs import Example, Examples
from replylint.registry import discover_rule_classes


class CrashingRule(Rule):
    """Kills its process on a marked reply, as a segfaulting extension would."""

    id = "test.crash"
    check_name = "test"
    standard = "none"
    rationale = "test only"
    examples = Examples(fire=[Example(reply="CRASH")], pass_=[Example(reply="fine")])

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        if "CRASH" in reply.doc.text:
            os._exit(3)
        return iter(())


def test_dead_worker_rows_get_errors_and_order_is_kept() -> None:
    linter = Linter(rule_classes=[*discover_rule_classes(), CrashingRule])
    rows = [RowIn(id=str(i), text="Hi Sam, please DM us. Thanks!") for i in range(40)]
    rows[13] = RowIn(id="13", text="Hi Sam, CRASH here.")
    results = [r for chunk in score_rows(rows, jobs=2, chunk_size=5, linter=linter) for r in chunk]
    assert [r["id"] for r in results] == [str(i) for i in range(40)]
    failed = {r["id"] for r in results if "error" in r}
    assert failed == {"10", "11", "12", "13", "14"}  # the dead worker's chunk
    assert all("worker process died" in r["error"] for r in results if "error" in r)
