"""Scoring rows on all cores, in input order, with bounded memory.

Rows are cut into chunks; with ``jobs > 1`` a process pool scores chunks while the
caller consumes finished ones strictly in order. At most ``jobs * 4`` chunks are in
flight, so memory does not grow with the input. Each worker builds its linter once
(inherited through ``fork`` where the platform has it, else built by the initializer).
A worker that dies takes only its chunk with it: the chunk is retried once in a fresh
pool, then its rows get an ``error`` result, never a gap. A parent that dies, even by
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
from typing import Any, NamedTuple

from replylint.batch.heap import batch_collection, settle_for_batch
from replylint.batch.rows import RowIn, result_for_error, score_chunk
from replylint.config import LinterConfig
from replylint.linter import Linter
from replylint.report import Channel

Result = dict[str, Any]
_worker_linter: Linter | None = None  # one per worker process, set before any chunk
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_PARENT_POLL_SECONDS = 0.5
#: How long a stopping run waits for a worker to end after SIGTERM, then after SIGKILL.
_WORKER_END_SECONDS = 2.0
#: How long it then waits for the pool's manager thread, which the interpreter's exit
#: would otherwise wait for without end.
_MANAGER_END_SECONDS = 5.0
#: The signals that stop a run: while it stops, a second one must not cut the stop short.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _init_worker(config_json: str, parent: int) -> None:
    global _worker_linter
    _die_with_parent(parent)
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


def _score_chunk(chunk: list[RowIn], default_channel: Channel, keep_text: bool) -> list[Result]:
    assert _worker_linter is not None, "worker started without a linter"
    return score_chunk(_worker_linter, chunk, default_channel, keep_text)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def score_rows(
    rows: Iterable[RowIn],
    *,
    config: LinterConfig | None = None,
    jobs: int = 1,
    chunk_size: int = 256,
    default_channel: Channel = "email",
    keep_text: bool = False,
    linter: Linter | None = None,
) -> Iterator[list[Result]]:
    """Yield results chunk by chunk, in input order, one result per row."""
    config = config or LinterConfig()
    chunks = _chunks(rows, chunk_size)
    if jobs <= 1:
        single = linter or Linter(config)
        with batch_collection():
            for chunk in chunks:
                yield score_chunk(single, chunk, default_channel, keep_text)
        return
    yield from _score_in_pool(chunks, config, jobs, default_channel, keep_text, linter)


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
) -> Iterator[list[Result]]:
    global _worker_linter
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        _worker_linter = linter or Linter(config)  # children inherit it: no reload per worker
    config_json = config.model_dump_json()

    # every pool made: a stop can arrive inside _collect once it has replaced a broken
    # pool and before it returns the new one, and that pool's workers must end too
    pools: list[ProcessPoolExecutor] = []

    def new_pool() -> ProcessPoolExecutor:
        pools.append(ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_init_worker,
            initargs=(config_json, os.getpid()),
        ))  # fmt: skip
        return pools[-1]

    # the parent holds the linter too (and forks it into the workers): its collections
    # would walk it as well (replylint.batch.heap)
    with batch_collection():
        pool = new_pool()
        # each chunk with its future and the pool it was given to (a pool that broke since
        # has been replaced: its chunks run again in the current one)
        pending: deque[_Submitted] = deque()
        try:
            for chunk in chunks:
                try:
                    future = _submit(pool, chunk, default_channel, keep_text)
                except BrokenProcessPool:
                    # a worker died since the last chunk was collected (killed, out of
                    # memory): the pool refuses new chunks, which stopped the run with a
                    # traceback. Replace it; its chunks run again as they are collected.
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    future = _submit(pool, chunk, default_channel, keep_text)
                pending.append(_Submitted(chunk, future, pool))
                while len(pending) >= jobs * 4:
                    results, pool = _collect(pending.popleft(), pool, new_pool, default_channel,
                                             keep_text)  # fmt: skip
                    yield results
            while pending:
                results, pool = _collect(pending.popleft(), pool, new_pool, default_channel,
                                         keep_text)  # fmt: skip
                yield results
        except BaseException:  # stopped, interrupted, or the reader gave up on us
            for made in reversed(pools):  # the newest, whose workers may be busy, first
                _stop_pool(made)
            raise
        else:
            # the workers are idle: wait for them to exit, or the interpreter's exit may
            # find the pool's wake-up pipe closed ("Exception ignored ... Bad file
            # descriptor" after a run that went well)
            pool.shutdown(wait=True)
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
    pool: ProcessPoolExecutor, chunk: list[RowIn], default_channel: Channel, keep_text: bool
) -> Future[list[Result]]:
    """``pool.submit`` of a chunk, with the stop signals held while it may fork the
    pool's workers (:func:`stop_signals_deferred`)."""
    with stop_signals_deferred():
        return pool.submit(_score_chunk, chunk, default_channel, keep_text)


class _Submitted(NamedTuple):
    chunk: list[RowIn]
    future: Future[list[Result]]
    pool: ProcessPoolExecutor


def _collect(
    submitted: _Submitted,
    pool: ProcessPoolExecutor,
    new_pool: Callable[[], ProcessPoolExecutor],
    default_channel: Channel,
    keep_text: bool,
) -> tuple[list[Result], ProcessPoolExecutor]:
    """The chunk's results, and the pool to go on with. A worker that dies breaks its
    pool, failing (or, once the pool is shut down, cancelling) every chunk given to it: the
    pool is replaced once, and each such chunk runs again in the current pool. A chunk
    that breaks a pool again is the one that kills its worker: its rows get errors."""
    chunk = submitted.chunk
    try:
        return submitted.future.result(), pool
    except (BrokenProcessPool, CancelledError):
        pass
    if submitted.pool is pool:  # the current pool broke: replace it
        pool.shutdown(wait=False, cancel_futures=True)
        pool = new_pool()
    try:
        return _submit(pool, chunk, default_channel, keep_text).result(), pool
    except (BrokenProcessPool, CancelledError):
        pool.shutdown(wait=False, cancel_futures=True)
        message = "worker process died while scoring this row's chunk"
        return [result_for_error(row, message, keep_text=keep_text) for row in chunk], new_pool()
