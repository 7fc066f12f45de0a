"""A worker process that dies costs its chunk's rows an `error`, never a gap."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest

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


class _Pool:
    """A stand-in for the current pool: runs nothing, answers with a set result."""

    def __init__(self, results: list[dict[str, str]]) -> None:
        self.results = results
        self.submitted = 0

    def submit(self, *args: object) -> Future[list[dict[str, str]]]:
        self.submitted += 1
        future: Future[list[dict[str, str]]] = Future()
        future.set_result(self.results)
        return future

    def shutdown(self, **kwargs: object) -> None:  # pragma: no cover - not reached here
        raise AssertionError("the current pool is not broken: it must be kept")


@pytest.mark.parametrize("how", ["cancelled", "broken"])
def test_a_chunk_of_a_replaced_pool_runs_again_in_the_current_one(how: str) -> None:
    """When one worker dies, the chunks given to its pool are failed or, once that pool is
    shut down, cancelled (a race with its manager thread): each runs again in the pool
    that replaced it. A cancelled one stopped the whole run with a traceback."""
    from replylint.batch.runner import _collect, _Submitted

    chunk = [RowIn(id="1", text="Hi Sam, please DM us. Thanks!")]
    future: Future[list[dict[str, str]]] = Future()
    if how == "cancelled":
        future.cancel()
    else:
        future.set_exception(BrokenProcessPool("a worker died"))
    old, current = object(), _Pool([{"id": "1", "score": "90"}])

    def no_new_pool() -> Any:  # pragma: no cover - not reached here
        raise AssertionError("the current pool is not broken: no new one is needed")

    submitted = _Submitted(chunk, future, old)  # type: ignore[arg-type]
    results, pool = _collect(submitted, current, no_new_pool, "email", False)  # type: ignore[arg-type]
    assert results == [{"id": "1", "score": "90"}]
    assert pool is current and current.submitted == 1


class _BreakingPool:
    """The first pool made: scores its first chunk, loses the worker holding its second
    (its future fails), then refuses new chunks as a broken pool does. Later pools
    score every chunk they are given, in this process."""

    made = 0

    def __init__(self, **kwargs: object) -> None:
        type(self).made += 1
        self.breaks = type(self).made == 1
        self.submitted = 0

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        if self.breaks and self.submitted == 3:
            raise BrokenProcessPool("a child process terminated abruptly")
        if self.breaks and self.submitted == 2:
            future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        else:
            future.set_result(fn(*args))
        return future

    def shutdown(self, **kwargs: object) -> None:
        pass


def test_a_worker_that_dies_between_chunks_is_replaced_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker killed while the run was handing out chunks (the OOM killer, a `kill`)
    broke the pool, and the next chunk handed to it stopped the run with an internal
    error (BrokenProcessPool), although README says a dead worker is replaced."""
    from replylint.batch import runner

    monkeypatch.setattr(runner, "ProcessPoolExecutor", _BreakingPool)
    rows = [RowIn(id=str(i), text="Hi Sam, your refund was sent today. Thanks!") for i in range(12)]
    linter = Linter({"model": "none"})
    chunks = score_rows(rows, jobs=2, chunk_size=2, linter=linter)
    results = [r for chunk in chunks for r in chunk]
    assert [r["id"] for r in results] == [str(i) for i in range(12)]
    assert not [r for r in results if "error" in r]
    assert _BreakingPool.made == 2
