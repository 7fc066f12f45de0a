"""Who runs the checks for the HTTP process, and the ways a check can fail to be run.

``replylint serve`` runs them in a :class:`~replylint.serve.pool.WorkerPool` of
processes; an application built on a given linter (embedding, tests) runs them in a
thread of its own process (:class:`InProcess`). Both take the same jobs, give the same
outcomes and raise the same three exceptions, which the application turns into 503s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import anyio

from replylint.serve.jobs import Job, Outcome, rule_infos, run_job
from replylint.serve.models import RuleInfo

if TYPE_CHECKING:
    from replylint.linter import Linter


class Busy(Exception):
    """Too many requests already wait for a free worker: this one is refused at once, so
    a burst is told to come back instead of piling up behind a queue it cannot see."""

    def __init__(self, waiting: int) -> None:
        super().__init__(f"{waiting} requests wait for a worker")
        self.waiting = waiting


class CheckTimeout(Exception):
    """The time limit passed: while the request waited for a worker (``queued``), or
    while a worker checked it (that worker, when it is a process, has been stopped)."""

    def __init__(self, *, queued: bool) -> None:
        super().__init__("waiting for a worker" if queued else "checking")
        self.queued = queued


class Stopping(Exception):
    """The service stopped before a worker was free for this request (the drain after a
    stop signal ran out while it waited in line): it was never checked. Told apart from
    "busy", which says to retry the same service in a moment. ``checking``: it was
    stopped while a worker checked it (a forced stop: a second Ctrl-C), its check lost."""

    def __init__(self, *, checking: bool = False) -> None:
        super().__init__("stopped while checking" if checking else "stopped in line")
        self.checking = checking


class WorkerLost(Exception):
    """The worker process died while checking, twice (the job was retried once on
    another worker): the reply itself may be what kills them, so it is not tried again."""


class Checker(Protocol):
    """What the application needs of whatever runs its checks."""

    @property
    def ready(self) -> bool:
        """True once a linter is loaded and can take a job."""
        ...

    @property
    def rules(self) -> list[RuleInfo]: ...

    @property
    def model(self) -> str:
        """The checks model the linter uses (``LinterConfig.model``)."""
        ...

    async def run(self, job: Job, limit: float) -> Outcome:
        """The job's outcome within ``limit`` seconds (waiting included); raises
        :class:`Busy`, :class:`CheckTimeout` or :class:`WorkerLost`."""
        ...

    async def aclose(self) -> None:
        """Stop taking jobs and release the workers (the application is shutting down)."""
        ...


class InProcess:
    """Checks in threads of this process, on one linter (it is thread-safe).

    Checking is CPU work under the GIL, so at most ``concurrent`` run at once; the rest
    wait in line (at most ``max_queue``), which keeps each request's latency short instead
    of slowing every one down together. A check past the limit is abandoned, not stopped
    (a thread cannot be killed): its thread finishes on its own. That is why the service
    itself runs its checks in processes."""

    def __init__(self, linter: Linter, *, max_queue: int, concurrent: int = 2) -> None:
        self.linter = linter
        self.max_queue = max_queue
        self.concurrent = concurrent
        self._rules = rule_infos(linter)
        self._limiter: anyio.CapacityLimiter | None = None

    @property
    def ready(self) -> bool:
        return True

    @property
    def rules(self) -> list[RuleInfo]:
        return self._rules

    @property
    def model(self) -> str:
        return self.linter.config.model

    async def run(self, job: Job, limit: float) -> Outcome:
        if self._limiter is None:  # made inside the event loop that uses it
            self._limiter = anyio.CapacityLimiter(self.concurrent)
        limiter = self._limiter
        waiting = limiter.statistics().tasks_waiting
        if waiting >= self.max_queue and not limiter.available_tokens:
            raise Busy(waiting)
        queued = not limiter.available_tokens  # else it runs at once: nothing to wait for
        try:
            with anyio.fail_after(limit):
                async with limiter:
                    queued = False
                    return await anyio.to_thread.run_sync(
                        run_job, self.linter, job, abandon_on_cancel=True
                    )
        except TimeoutError:
            raise CheckTimeout(queued=queued) from None

    async def aclose(self) -> None:
        return None
