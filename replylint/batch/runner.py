"""Scoring rows on all cores, in input order, with bounded memory.

Rows are cut into chunks; with ``jobs > 1`` a process pool scores chunks while the
caller consumes finished ones strictly in order. At most ``jobs * 4`` chunks are in
flight, so memory does not grow with the input. Each worker builds its linter once
(inherited through ``fork`` where the platform has it, else built by the initializer).
A worker that dies (killed, out of memory, a crash) is replaced and the chunks its pool
held are scored again; a chunk lost so more than once is scored alone, in a pool of one
worker, and only the rows whose worker dies even then get an ``error`` result, never a
gap (see :class:`_Scoring`); the caller is told of each death, to say how many there
were. A parent that dies, even by
``kill -9``, takes its workers with it (see :func:`_die_with_parent`); a run that is
stopped (Ctrl-C, SIGTERM, a consumer that gives up) ends its workers before it goes on
stopping, however often Ctrl-C is pressed meanwhile (see :func:`_stop_pool`).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from types import FrameType
from typing import Any

from replylint.batch.heap import batch_collection, settle_for_batch
from replylint.batch.rows import RowIn, result_for_error, score_chunk
from replylint.config import LinterConfig
from replylint.linter import Linter
from replylint.report import Channel

Result = dict[str, Any]
_worker_linter: Linter | None = None  # one per worker process, set before any chunk
#: The run's flags of the chunks in flight, shared with the workers (set by
#: :func:`_init_worker`): a worker sets a chunk's flag as it begins scoring it, so once a
#: pool breaks the parent knows which of its chunks were under way (:class:`_Scoring`).
_worker_started: Any = None
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_PARENT_POLL_SECONDS = 0.5
#: How long a stopping run waits for a worker to end after SIGTERM, then after SIGKILL.
_WORKER_END_SECONDS = 2.0
#: How long it then waits for the pool's manager thread, which the interpreter's exit
#: would otherwise wait for without end.
_MANAGER_END_SECONDS = 5.0
#: The signals that stop a run: while it stops, a second one must not cut the stop short.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _init_worker(config_json: str, parent: int, started: Any) -> None:
    global _worker_linter, _worker_started
    _die_with_parent(parent)
    _worker_started = started
    # A forked worker inherits the parent's SIGTERM handler (a clean stop of the run);
    # a worker has nothing to clean up, so SIGTERM simply ends it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Ctrl-C reaches every process of the terminal's group. The parent alone decides
    # what it means, and ends its workers (_stop_pool): a worker interrupted inside the
    # pool's queue would leave its lock held, and the pool could never be joined.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _worker_linter is None:
        _worker_linter = Linter(LinterConfig.model_validate_json(config_json))
    settle_for_batch()  # a worker's whole life is one batch run


def _die_with_parent(parent: int) -> None:
    """End this worker when ``parent`` (the process that started the pool) ends, however
    it ends: an orphan would go on scoring into the void and hold the output open.

    On Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``; it is
    tied to the thread that started the pool, which is the one iterating the results
    until the pool is shut down). Elsewhere, or if ``prctl`` fails, a daemon thread polls
    the parent pid. A parent that died before either was in place is caught by checking,
    afterwards, that the parent is still the original one."""
    if not _kill_me_with_parent():
        watcher = threading.Thread(
            target=_watch_parent, args=(parent,), name="replylint-parent-watch", daemon=True
        )
        watcher.start()
    if os.getppid() != parent:
        os._exit(1)


def _kill_me_with_parent() -> bool:
    """Ask Linux for SIGKILL on the parent's death; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL_SECONDS)
    os._exit(1)


def _score_chunk(
    slot: int, chunk: list[RowIn], default_channel: Channel, keep_text: bool
) -> list[Result]:
    """Score ``chunk`` in a worker, first flagging it begun (its ``slot`` in
    :data:`_worker_started`; -1: a chunk scored alone, whose pool has one worker)."""
    assert _worker_linter is not None, "worker started without a linter"
    if slot >= 0 and _worker_started is not None:
        _worker_started[slot] = 1
    return score_chunk(_worker_linter, chunk, default_channel, keep_text)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _unheeded() -> None:
    """The ``on_worker_death`` of a caller that does not count the deaths."""


def score_rows(
    rows: Iterable[RowIn],
    *,
    config: LinterConfig | None = None,
    jobs: int = 1,
    chunk_size: int = 256,
    default_channel: Channel = "email",
    keep_text: bool = False,
    linter: Linter | None = None,
    on_worker_death: Callable[[], None] = _unheeded,
) -> Iterator[list[Result]]:
    """Yield results chunk by chunk, in input order, one result per row.
    ``on_worker_death`` is called each time a worker process dies (its pool breaks and
    is replaced, and the rows it held are scored again): no row is lost to it, but a
    run whose workers were killed (by the out-of-memory killer, for one) must say so."""
    config = config or LinterConfig()
    chunks = _chunks(rows, chunk_size)
    if jobs <= 1:
        single = linter or Linter(config)
        with batch_collection():
            for chunk in chunks:
                yield score_chunk(single, chunk, default_channel, keep_text)
        return
    yield from _score_in_pool(
        chunks, config, jobs, default_channel, keep_text, linter, on_worker_death
    )


def _chunks(rows: Iterable[RowIn], size: int) -> Iterator[list[RowIn]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _score_in_pool(
    chunks: Iterator[list[RowIn]],
    config: LinterConfig,
    jobs: int,
    default_channel: Channel,
    keep_text: bool,
    linter: Linter | None,
    on_worker_death: Callable[[], None],
) -> Iterator[list[Result]]:
    global _worker_linter
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        _worker_linter = linter or Linter(config)  # children inherit it: no reload per worker
    # the parent holds the linter too (and forks it into the workers): its collections
    # would walk it as well (replylint.batch.heap)
    with batch_collection():
        scoring = _Scoring(
            context, jobs, config.model_dump_json(), default_channel, keep_text, on_worker_death
        )
        try:
            for chunk in chunks:
                scoring.add(chunk)
                while len(scoring.pending) >= scoring.window:
                    yield scoring.next_results()
            while scoring.pending:
                yield scoring.next_results()
        except BaseException:  # stopped, interrupted, or the reader gave up on us
            for made in reversed(scoring.pools):  # the newest, whose workers may be busy, first
                _stop_pool(made)
            raise
        else:
            # the workers are idle: wait for them to exit, or the interpreter's exit may
            # find the pool's wake-up pipe closed ("Exception ignored ... Bad file
            # descriptor" after a run that went well)
            scoring.pool.shutdown(wait=True)
        finally:
            _worker_linter = None


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """End ``pool`` now, workers and all, for a run that stops. Merely asking the pool
    to shut down leaves its workers finishing their chunks, whose results nobody will
    write, and the interpreter's exit waiting for them: a second Ctrl-C in that wait
    hung the run with its workers alive. So Ctrl-C and SIGTERM are ignored while the
    pool ends (the run is stopping already), and the workers are terminated, then
    killed if they linger; the rows written so far are unaffected.

    A worker ended while it sends a chunk's results leaves half a message in the
    results pipe, and the pool's manager thread waits for the rest: for ever, as the
    parent holds the pipe's writing end too, and the interpreter's exit joins that
    thread (a run stopped by SIGTERM twice hung so, about one time in fifty under load).
    Once the workers are gone nobody writes there, so the parent closes its end: the
    manager reads what is left, then the end of the pipe, and returns."""
    with stop_signals_ignored():
        workers: list[multiprocessing.process.BaseProcess] = list(
            (getattr(pool, "_processes", None) or {}).values()
        )
        manager: threading.Thread | None = getattr(pool, "_executor_manager_thread", None)
        results_queue = getattr(pool, "_result_queue", None)  # gone after the shutdown
        pool.shutdown(wait=False, cancel_futures=True)
        _end_processes(workers)
        if results_queue is not None and not any(worker.is_alive() for worker in workers):
            results_queue._writer.close()
        if manager is not None:  # it notices its dead workers and returns
            manager.join(_MANAGER_END_SECONDS)


def _end_processes(workers: list[multiprocessing.process.BaseProcess]) -> None:
    """Terminate ``workers``, and kill any that has not ended soon after."""
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(_WORKER_END_SECONDS)
        if worker.is_alive():
            worker.kill()
            worker.join(_WORKER_END_SECONDS)


@contextmanager
def stop_signals_ignored() -> Iterator[None]:
    """Inside, Ctrl-C and SIGTERM are ignored (one pending is dropped too); the handlers
    found are restored on the way out."""
    with _stop_signals_to(signal.SIG_IGN):
        yield


@contextmanager
def stop_signals_deferred() -> Iterator[None]:
    """Inside, Ctrl-C and SIGTERM are held, and raised once it is left, for the
    handlers found then. Python runs a signal's handler wherever the main thread is,
    and while a worker is forked that is inside an at-fork hook (``concurrent.futures``
    registers a lock's ``acquire``), where an exception is printed ("Exception ignored
    in: <built-in method acquire ...>") and dropped: a ``kill`` of the run arriving then
    was lost, and the run went on to its end."""
    arrived: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        arrived.append(signum)

    try:
        with _stop_signals_to(hold):
            yield
    finally:
        for held in dict.fromkeys(arrived):
            signal.raise_signal(held)


@contextmanager
def _stop_signals_to(
    handler: signal.Handlers | Callable[[int, FrameType | None], None],
) -> Iterator[None]:
    """Inside, Ctrl-C and SIGTERM go to ``handler``; the handlers found are restored on
    the way out. Only the main thread can set handlers: elsewhere this does nothing, and
    no signal is raised in that thread anyway."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, handler) for number in _STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler_found in previous.items():
            if handler_found is not None:  # None: installed outside Python, cannot be put back
                signal.signal(number, handler_found)


def _submit(
    pool: ProcessPoolExecutor,
    slot: int,
    chunk: list[RowIn],
    default_channel: Channel,
    keep_text: bool,
) -> Future[list[Result]]:
    """``pool.submit`` of a chunk, with the stop signals held while it may fork the
    pool's workers (:func:`stop_signals_deferred`). A pool that has broken (a worker
    died since the last chunk was collected: killed, out of memory) refuses new chunks:
    the chunk's future is then failed as those of the chunks it held are, and it is
    scored again with them (it stopped the run with a traceback)."""
    try:
        with stop_signals_deferred():
            return pool.submit(_score_chunk, slot, chunk, default_channel, keep_text)
    except BrokenProcessPool as exc:
        refused: Future[list[Result]] = Future()
        refused.set_exception(exc)
        return refused


#: Chunks in flight per worker: enough to keep every worker busy, few enough that memory
#: does not grow with the input.
_IN_FLIGHT_PER_WORKER = 4
#: A chunk whose worker was scoring it when its pool broke, this many times, is scored
#: alone next (:meth:`_Scoring.alone`): it may be the one that kills its worker.
_UNDER_WAY_BEFORE_ALONE = 2
#: A chunk lost with a broken pool this many times, scoring or waiting, is scored alone
#: next: however often workers die, each chunk is tried a bounded number of times.
_LOST_BEFORE_ALONE = 3
#: Deaths of the worker scoring a chunk alone that the search for its rows that kill
#: the worker may cost (each half of a part that killed it is scored alone in turn):
#: one such row costs about log2(chunk size) + 1, 9 in a chunk of 256.
_SPLIT_DEATHS = 16
#: The ``error`` of a row whose worker died each time it was scored: alone in its pool,
#: then as the only row there (:meth:`_Scoring.alone`). Both start with the words that
#: name every such row (``replylint.batch.summary.WORKER_DIED``).
ROW_KILLED_ITS_WORKER = (
    "worker process died each time it scored this row, alone too (a crash on this reply, "
    "in replylint or a rule plugin, or the process was killed)"
)
#: The ``error`` of the rows of a part of a chunk whose worker died each time it was
#: scored alone, once :data:`_SPLIT_DEATHS` were spent looking for the rows to blame.
PART_KILLED_ITS_WORKER = (
    "worker process died each time it scored this row's chunk, alone too (a crash on one "
    "of its replies, in replylint or a rule plugin, or the process was killed)"
)


class _Chunk:
    """A chunk of rows in flight, with its latest run (the future and the pool it was
    given to) and what became of its runs that a broken pool ended."""

    __slots__ = ("alone", "future", "lost", "pool", "rows", "slot", "under_way")

    def __init__(self, rows: list[RowIn], slot: int) -> None:
        self.rows = rows
        #: Its flag in the run's array of started chunks (:data:`_worker_started`).
        self.slot = slot
        self.future: Future[list[Result]] | None = None
        self.pool: ProcessPoolExecutor | None = None
        #: Runs lost with a broken pool, and those of them its worker had begun.
        self.lost = 0
        self.under_way = 0
        #: To be scored alone when its turn comes (:meth:`_Scoring.alone`).
        self.alone = False


class _Scoring:
    """The chunks in flight, in input order, and the pools that score them.

    A worker that dies (killed, out of memory, a crash) breaks its pool, and every chunk
    the pool held fails with it, the one that killed the worker (if any) and the others
    alike. The pool is replaced and each of them is scored again in the new one. Which
    chunk's worker died the pool does not say, but each worker flags the chunk it starts
    (:data:`_worker_started`), so the chunks under way tell from those still waiting. A
    chunk under way in two pools that broke, or lost with three, is scored alone, in a
    pool of its own one worker (:meth:`alone`), where a death can only be its own. Only
    then are rows given up, and only those that kill their worker alone: another
    worker's death, however close in time (the audit's two `kill -9` four seconds
    apart), never costs a chunk its rows. Each pool that breaks, shared or alone, is
    reported to ``on_death``: a death costs no row, but the run says how many there
    were, since workers the out-of-memory killer ends call for fewer of them."""

    def __init__(
        self,
        context: multiprocessing.context.BaseContext,
        jobs: int,
        config_json: str,
        default_channel: Channel,
        keep_text: bool,
        on_death: Callable[[], None],
    ) -> None:
        self.context = context
        self.jobs = jobs
        self.config_json = config_json
        self.default_channel = default_channel
        self.keep_text = keep_text
        self.on_death = on_death
        #: The most chunks in flight; they are consecutive, so each has a slot of its own.
        self.window = jobs * _IN_FLIGHT_PER_WORKER
        self.started = context.Array("b", self.window, lock=False)
        self.added = 0
        #: Every pool made: a stop can arrive once a broken pool has been replaced and
        #: before the new one is used, and that pool's workers must end too.
        self.pools: list[ProcessPoolExecutor] = []
        self.pending: deque[_Chunk] = deque()
        self.pool = self.new_pool(jobs)

    def new_pool(self, workers: int) -> ProcessPoolExecutor:
        self.pools.append(ProcessPoolExecutor(
            max_workers=workers, mp_context=self.context, initializer=_init_worker,
            initargs=(self.config_json, os.getpid(), self.started),
        ))  # fmt: skip
        return self.pools[-1]

    def add(self, rows: list[RowIn]) -> None:
        """Give a chunk to the pool, after those in flight."""
        chunk = _Chunk(rows, self.added % self.window)
        self.added += 1
        self.pending.append(chunk)
        self._run(chunk)

    def _run(self, chunk: _Chunk) -> None:
        self.started[chunk.slot] = 0
        chunk.pool = self.pool
        chunk.future = _submit(self.pool, chunk.slot, chunk.rows, *self._options())

    def _options(self) -> tuple[Channel, bool]:
        return self.default_channel, self.keep_text

    def next_results(self) -> list[Result]:
        """The results of the first chunk in flight, once it is scored."""
        chunk = self.pending[0]
        while not chunk.alone:
            assert chunk.future is not None and chunk.pool is not None
            try:
                results = chunk.future.result()
                break
            except (BrokenProcessPool, CancelledError):  # (cancelled: the pool shut down)
                self._recover(chunk.pool)
        else:
            results = self.alone(chunk.rows)
        self.pending.popleft()
        return results

    def _recover(self, broken: ProcessPoolExecutor) -> None:
        """A worker of ``broken`` died: replace the pool, and give each chunk that the
        pool failed to the new one, or mark it to be scored alone (see the class)."""
        if broken is self.pool:  # (once per pool: its other chunks are given to the new one)
            self.on_death()
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = self.new_pool(self.jobs)
        for chunk in self.pending:
            if chunk.pool is not broken or chunk.alone or chunk.future is None:
                continue
            if not _lost(chunk.future):  # scored before the pool broke, or failed otherwise
                continue
            chunk.lost += 1
            chunk.under_way += self.started[chunk.slot] != 0
            chunk.alone = (
                chunk.under_way >= _UNDER_WAY_BEFORE_ALONE or chunk.lost >= _LOST_BEFORE_ALONE
            )
            if not chunk.alone:
                self._run(chunk)

    def alone(self, rows: list[RowIn]) -> list[Result]:
        """The results of ``rows`` scored in a pool of one worker, where a death can only
        be theirs. A part whose worker dies there is split in two halves, each scored
        alone in turn, down to the rows that kill their worker alone: they are given up
        (:data:`ROW_KILLED_ITS_WORKER`), and their chunk's other rows are scored. Once
        :data:`_SPLIT_DEATHS` deaths are spent, a part whose worker dies is given up
        whole (:data:`PART_KILLED_ITS_WORKER`)."""
        results: list[Result] = []
        parts = [rows]  # the next part last: parts are scored in input order
        deaths = 0
        pool: ProcessPoolExecutor | None = None
        while parts:
            part = parts.pop()
            pool = pool or self.new_pool(1)
            try:
                results += _submit(pool, -1, part, *self._options()).result()
                continue
            except (BrokenProcessPool, CancelledError):
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
            deaths += 1
            self.on_death()
            if len(part) > 1 and deaths < _SPLIT_DEATHS:
                parts += [part[len(part) // 2 :], part[: len(part) // 2]]
                continue
            why = ROW_KILLED_ITS_WORKER if len(part) == 1 else PART_KILLED_ITS_WORKER
            results += [result_for_error(row, why, keep_text=self.keep_text) for row in part]
        if pool is not None:
            pool.shutdown(wait=True)
        return results


def _lost(future: Future[list[Result]]) -> bool:
    """Whether ``future`` failed because its pool broke, or was cancelled as the broken
    pool shut down, once it is either (a broken pool fails or cancels every chunk it
    held at once). Not ``concurrent.futures.wait``: a future cancelled by a pool's
    shutdown is never marked as notified, and ``wait`` would wait for it for ever."""
    try:
        return isinstance(future.exception(), BrokenProcessPool)
    except CancelledError:
        return True
