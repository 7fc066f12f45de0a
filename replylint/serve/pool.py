"""The check worker processes of ``replylint serve``, and the queue in front of them.

The HTTP process (uvicorn, one process) parses, validates and answers; the checks run in
``size`` worker processes (:mod:`replylint.serve.worker`), each with its own linter.
A request takes the first free worker, or waits in one first-come-first-served line for
the next: so the CPU work spreads over every worker however the clients' keep-alive
connections arrived (with uvicorn's own ``--workers``, a burst of connections could all
be accepted by one worker process, which then did all the work on one core).

Owning the processes lets the pool keep the service's promises:

- a check past the time limit is stopped: its worker is killed and replaced;
- a worker that dies (killed, out of memory) is replaced; the job it was checking is
  retried once on another worker, then refused, never left hanging;
- at most ``max_queue`` requests wait; the next is refused at once (:class:`Busy`);
- ready only once every worker has loaded (:meth:`start` blocks until then), and a
  configuration the linter refuses is one clear error before anything is served;
- every worker, a replacement too, checks with the configuration and the packs and
  model the service started with (:mod:`replylint.serve.snapshot`): what changes on
  disk takes effect at the next start, and cannot keep a replacement from loading.

Everything but :meth:`start` and :meth:`close` runs on the HTTP process's event loop,
which also reads the workers' answers (:mod:`replylint.serve.link`): no thread per
check, no blocking call on the loop, and a worker that answers is given the next job in
line in the same turn of the loop that read its answer.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import anyio

from replylint.config import LinterConfig
from replylint.serve.dispatch import Busy, CheckTimeout, Stopping, WorkerLost
from replylint.serve.jobs import Job, Outcome
from replylint.serve.link import Done, Gone, Link
from replylint.serve.models import RuleInfo
from replylint.serve.snapshot import Snapshot, SnapshotError
from replylint.serve.worker import Loaded, LoadFailed, serve_jobs

LOG = logging.getLogger("replylint.serve")
#: A fresh interpreter per worker: the HTTP process has threads and an event loop, which
#: a forked child must not inherit.
CONTEXT = multiprocessing.get_context("spawn")
#: Longest wait for a worker to load its pipeline and models.
LOAD_SECONDS = 300.0
#: Longest wait for a worker to finish and exit once told to stop.
STOP_SECONDS = 10.0
#: Longest pause between two attempts to replace a worker that cannot start.
MAX_RETRY_SECONDS = 30.0


class PoolStartError(Exception):
    """A worker could not load its linter; the message says why (the linter's own)."""


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    #: Blocking: the handshake at start, and the request to stop (outside the loop).
    connection: Connection
    #: Told when the worker dies between two jobs (see :meth:`WorkerPool._died_idle`).
    gone: Gone | None = None
    #: The same pipe on the event loop (made there: by :meth:`watch`, or the first job).
    link: Link | None = None

    @property
    def pid(self) -> int:
        return self.process.pid or 0

    def watch(self) -> None:
        """Watch the worker's pipe from the running loop (once), for its answers and its
        death between two jobs."""
        if self.link is None:
            self.link = Link(self.connection, self.gone)

    def send(self, job: Job, done: Done) -> None:
        """Send the job; ``done`` gets the outcome (see :class:`Link`). On the loop."""
        self.watch()
        assert self.link is not None
        self.link.send(job, done)


@dataclass(eq=False)
class _Request:
    """One job, from its arrival to its outcome."""

    job: Job
    outcome: asyncio.Future[Outcome]
    #: The worker checking it now (None while it waits in line).
    worker: _Worker | None = None
    #: Workers that died under it.
    lost: int = 0


class WorkerPool:
    """``size`` check worker processes behind one bounded queue (see the module)."""

    def __init__(self, config: LinterConfig, size: int, *, max_queue: int) -> None:
        if size < 1:
            raise ValueError(f"a worker pool needs 1 worker or more, not {size}")
        self.size = size
        self.max_queue = max_queue
        self.model = config.model
        self._config = config
        #: What every worker builds its linter from, taken by :meth:`start`.
        self._snapshot: Snapshot | None = None
        self._rules: list[RuleInfo] = []
        self._idle: deque[_Worker] = deque()
        self._line: deque[_Request] = deque()
        self._out: set[_Request] = set()  # being checked by a worker
        self._loaded: set[_Worker] = set()  # idle or checking
        self._starting: set[BaseProcess] = set()
        self._replacing: set[asyncio.Task[None]] = set()
        self._started = False
        self._closed = False
        #: Every worker process started and not yet seen to exit (see :meth:`_launch`).
        self._processes: list[BaseProcess] = []
        self._exit_hook = False
        #: Checks answered, per worker pid (logged when the pool closes).
        self.checked: Counter[int] = Counter()

    @property
    def started(self) -> bool:
        return self._started

    @property
    def ready(self) -> bool:
        return self._started and not self._closed and bool(self._loaded)

    @property
    def replacing(self) -> bool:
        """Started, and every worker lost and not yet replaced (not ready meanwhile)."""
        return self._started and not self._closed and not self._loaded

    @property
    def rules(self) -> list[RuleInfo]:
        return self._rules

    def pids(self) -> list[int]:
        """The loaded workers' process ids (for tests and operators)."""
        return sorted(worker.pid for worker in list(self._loaded))  # a copy: read from any thread

    def checking(self) -> list[int]:
        """The process ids of the workers checking a job now."""
        idle = list(self._idle)
        return sorted(worker.pid for worker in list(self._loaded) if worker not in idle)

    @property
    def waiting(self) -> int:
        """Requests waiting for a free worker."""
        return len(self._line)

    # -- starting ------------------------------------------------------------------------

    def start(self) -> None:
        """Start every worker at once and wait until all have loaded (blocking). Raises
        :class:`PoolStartError`, with every worker stopped, if one cannot load."""
        if self._started:
            return
        try:
            self._snapshot = Snapshot.take(self._config)
        except SnapshotError as exc:
            raise PoolStartError(str(exc)) from None
        atexit.register(self._snapshot.discard)  # a pool left open: its model copy too
        try:
            launched = [self._launch() for _ in range(self.size)]
            for process, connection in launched:
                worker = self._await_loaded(process, connection)
                self._loaded.add(worker)
                self._idle.append(worker)
        except BaseException:
            self.close()
            raise
        self._started = True

    def _launch(self) -> tuple[BaseProcess, Connection]:
        assert self._snapshot is not None, "start() takes the snapshot first"
        ours, theirs = CONTEXT.Pipe(duplex=True)
        process = CONTEXT.Process(
            target=serve_jobs,
            args=(theirs, self._snapshot, os.getpid()),
            name="replylint-worker",
            daemon=True,
        )
        self._processes[:] = [p for p in self._processes if p.exitcode is None]
        self._processes.append(process)
        self._starting.add(process)
        process.start()
        if not self._exit_hook:
            # A pool left open is killed when the interpreter exits. multiprocessing's own
            # exit handler would send the workers SIGTERM, which they ignore, then wait for
            # them forever; registered after it (it comes with the first start), this one
            # runs before it.
            atexit.register(_kill_all, self._processes)
            self._exit_hook = True
        theirs.close()  # only the worker holds its end: its death closes our pipe
        return process, ours

    def _await_loaded(self, process: BaseProcess, connection: Connection) -> _Worker:
        """The worker once it has loaded (blocking); PoolStartError if it cannot."""
        try:
            if not connection.poll(LOAD_SECONDS):
                raise PoolStartError(
                    f"a check worker did not load its pipeline within {LOAD_SECONDS:g} s; "
                    "check the machine's memory and the model files"
                )
            message = connection.recv()
        except (EOFError, OSError):
            process.join(STOP_SECONDS)
            raise PoolStartError(
                f"a check worker process stopped while loading (exit code {process.exitcode}); "
                "the lines above say why"
            ) from None
        finally:
            self._starting.discard(process)
        if isinstance(message, LoadFailed):
            process.join(STOP_SECONDS)
            raise PoolStartError(message.error)
        assert isinstance(message, Loaded)
        self._rules = message.rules
        worker = _Worker(process, connection)
        worker.gone = partial(self._died_idle, worker)
        return worker

    def watch(self) -> None:
        """Watch every loaded worker from the running event loop (the application's
        start-up calls it), so that one that dies between two jobs is replaced at once
        (:meth:`_died_idle`) rather than found dead by the next job; a replacement is
        watched as it joins."""
        for worker in list(self._loaded):
            worker.watch()

    # -- running a job -------------------------------------------------------------------

    async def run(self, job: Job, limit: float) -> Outcome:
        """The job's outcome from the first free worker, within ``limit`` seconds from now
        (waiting included). Raises :class:`Busy`, :class:`CheckTimeout` or
        :class:`WorkerLost` (see :mod:`replylint.serve.dispatch`)."""
        if not self._idle and len(self._line) >= self.max_queue:
            raise Busy(len(self._line))
        loop = asyncio.get_running_loop()
        request = _Request(job, loop.create_future())
        self._line.append(request)
        self._dispatch()
        timer = loop.call_at(loop.time() + limit, self._expire, request)
        try:
            outcome = await request.outcome
        except asyncio.CancelledError:  # its answer, when it came, would be nobody's
            if request.worker is not None:
                # Being checked: its worker finishes it, and the answer is dropped; to
                # stop the worker would cost the start of another (seconds, and no other
                # worker at all under --workers 1). The timer still stops a runaway.
                raise
            self._give_up(request, "its request was cancelled")  # leaves the line
            timer.cancel()
            raise
        except BaseException:
            timer.cancel()
            raise
        timer.cancel()
        return outcome

    def _dispatch(self) -> None:
        """Free workers take the requests in line, first come first served."""
        while self._line and self._idle:
            request = self._line.popleft()
            worker = self._idle.popleft()
            request.worker = worker
            self._out.add(request)
            worker.send(request.job, partial(self._answered, worker, request))

    def _answered(self, worker: _Worker, request: _Request, answer: Outcome | EOFError) -> None:
        """The worker's answer, or EOFError when it died under the job (which then goes
        first in line for another worker, once; twice is :class:`WorkerLost`)."""
        request.worker = None
        self._out.discard(request)
        if isinstance(answer, EOFError):
            self._lose(worker, "it died while checking")
            request.lost += 1
            if self._closed:  # stopped by close(): no worker is left to try it again
                _settle(request, Stopping(checking=True))
            elif request.lost >= 2:
                _settle(request, WorkerLost())
            elif not request.outcome.done():
                self._line.appendleft(request)
                self._dispatch()
            return
        self.checked[worker.pid] += 1
        self._free(worker)  # its next job goes out before this answer is passed on
        _settle(request, answer)

    def _expire(self, request: _Request) -> None:
        """The time limit: a request still in line leaves it; a worker still checking
        is stopped (and replaced)."""
        queued = request.worker is None
        self._give_up(request, "it was still checking at the time limit")
        _settle(request, CheckTimeout(queued=queued))

    def _give_up(self, request: _Request, why: str) -> None:
        """Take the request out of the line, or stop the worker checking it: its answer
        would be nobody's."""
        if request in self._line:
            self._line.remove(request)
        if request.worker is not None:
            self._out.discard(request)
            self._lose(request.worker, why)
            request.worker = None

    def _free(self, worker: _Worker) -> None:
        """The worker is free: to the first request in line, else to the idle ones."""
        if self._closed:  # it exits between two jobs; close() has done the waiting
            _ask_to_stop(worker)
            return
        self._idle.append(worker)
        self._dispatch()

    # -- replacing -----------------------------------------------------------------------

    def _died_idle(self, worker: _Worker) -> None:
        """The worker's pipe closed while it had no job: it died between two (killed, out
        of memory). It leaves the idle ones and is replaced now. Left among them, it was
        found dead only by the next job sent to it: ``/readyz`` said ready meanwhile with
        no worker alive, and that request waited for the replacement to load."""
        if self._closed or worker not in self._loaded:  # stopping, or given up already
            return
        with contextlib.suppress(ValueError):
            self._idle.remove(worker)
        self._lose(worker, "it died between two checks")

    def _lose(self, worker: _Worker, why: str) -> None:
        """Kill the worker (it may be mid-check) and start another in its place."""
        self._loaded.discard(worker)
        worker.process.kill()
        if worker.link is not None:
            worker.link.close()  # the answer it owes, if any, is given up
        if self._closed:
            return
        LOG.warning("check worker %d stopped: %s; starting another", worker.pid, why)
        task = asyncio.get_running_loop().create_task(self._replace(worker))
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _replace(self, lost: _Worker) -> None:
        """Start a worker in the place of ``lost``, trying again (with a growing pause)
        for as long as it cannot load; the others serve meanwhile."""
        await anyio.to_thread.run_sync(lost.process.join, STOP_SECONDS)  # reap it
        pause = 1.0
        while not self._closed:
            try:
                worker = await anyio.to_thread.run_sync(self._start_one, abandon_on_cancel=True)
            except PoolStartError as exc:
                LOG.error("a check worker could not start: %s; trying again in %g s", exc, pause)
                await anyio.sleep(pause)
                pause = min(2 * pause, MAX_RETRY_SECONDS)
                continue
            if self._closed:
                self._stop([worker])
                return
            LOG.info("check worker %d ready", worker.pid)
            self._loaded.add(worker)
            worker.watch()
            self._free(worker)
            return

    def _start_one(self) -> _Worker:
        process, connection = self._launch()
        try:
            return self._await_loaded(process, connection)
        except PoolStartError:
            process.kill()
            raise

    # -- stopping ------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Refuse what still waits, stop replacing, stop the workers (after the HTTP
        server has let the requests it accepted finish). A check still running (only
        on a forced stop: a second Ctrl-C) is refused too, its worker killed: left to
        the end of the event loop, its request was cut off with a 500 and a traceback."""
        self._closed = True
        while self._line:  # only left when the drain timed out: answered 503, stopping
            _settle(self._line.popleft(), Stopping())
        for task in list(self._replacing):
            task.cancel()
        links = [worker.link for worker in self._loaded if worker.link is not None]
        await anyio.to_thread.run_sync(self.close)
        for link in links:  # on the loop they were made on, once the workers have stopped
            link.close()
        for request in [*self._out, *self._line]:  # their workers are gone
            _settle(request, Stopping(checking=True))
        self._out.clear()
        self._line.clear()

    def close(self) -> None:
        """Stop every worker: an idle one is asked to (it exits between two jobs), one
        still checking or loading is killed; waits for them (blocking). Idempotent."""
        self._closed = True
        idle, self._idle = list(self._idle), deque()
        busy = [worker for worker in self._loaded if worker not in idle]
        self._loaded.clear()
        for process in list(self._starting):
            process.kill()
        for worker in busy:
            worker.process.kill()
        self._stop([*idle, *busy])
        for process in list(self._starting):
            process.join(STOP_SECONDS)
        _kill_all(self._processes)  # none should be left; the exit handler has nothing to do
        self._processes.clear()
        if self._snapshot is not None:  # no worker is left to read the model's copy
            self._snapshot.discard()
            atexit.unregister(self._snapshot.discard)
        if self.checked:
            counts = ", ".join(f"{pid}: {n}" for pid, n in sorted(self.checked.items()))
            LOG.info("checks per worker process: %s", counts)
            self.checked.clear()

    def _stop(self, workers: Iterable[_Worker]) -> None:
        workers = list(workers)
        for worker in workers:
            _ask_to_stop(worker)
        for worker in workers:
            worker.process.join(STOP_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(STOP_SECONDS)
            worker.connection.close()


def _settle(request: _Request, outcome: Outcome | Exception) -> None:
    """Give the request its outcome (or the exception that says why it has none), unless
    it has one already (it timed out, or its caller gave up)."""
    if request.outcome.done():
        return
    if isinstance(outcome, Exception):
        request.outcome.set_exception(outcome)
    else:
        request.outcome.set_result(outcome)


def _ask_to_stop(worker: _Worker) -> None:
    """Tell the worker to exit once its job is done (nothing to do if it is gone)."""
    with contextlib.suppress(OSError):
        worker.connection.send(None)


def _kill_all(processes: list[BaseProcess]) -> None:
    """Kill the workers still running (a pool left open at exit)."""
    for process in processes:
        if process.pid is not None and process.exitcode is None:
            process.kill()
            process.join(STOP_SECONDS)
