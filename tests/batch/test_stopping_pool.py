"""A stopped run ends its workers, however the stop comes: Ctrl-C pressed twice, SIGTERM
twice, or a consumer that gives up. Two quick Ctrl-C used to cut the pool's shutdown
short and hang `replylint score --jobs 2` with both workers alive."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import count
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from replylint.batch import runner
from replylint.batch.rows import RowIn

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

REPLY = "Hi Sam, sorry for the wait. Your refund was sent today. Thanks!"


def varied_reply(i: int) -> str:
    """A reply as long as a real one, that no cache has seen before."""
    return (
        f"Hi {NAMES[i % len(NAMES)]}, I'm sorry about the trouble with order {i}. I have "
        f"asked our billing team to refund you, and you will get an email within {i % 47} "
        "hours. Let me know if there is anything else. Thanks for your patience!"
    )


NAMES = ("Sam", "Renée", "Priya", "Jonas", "Ama", "Luis", "Mei")


def endless_rows() -> Iterator[RowIn]:
    return (RowIn(id=str(i), text=REPLY) for i in count())


def test_closing_the_results_ends_the_workers_at_once() -> None:
    """A consumer that gives up (or is interrupted) closes the generator: the workers
    are ended then, not left to score chunks nobody will read."""
    results = runner.score_rows(endless_rows(), jobs=2, chunk_size=64)
    next(results)
    workers = multiprocessing.active_children()
    assert len(workers) >= 2
    results.close()
    survivors = [worker.pid for worker in workers if worker.is_alive()]
    assert survivors == [], "workers outlived the stopped run"


def test_a_second_ctrl_c_does_not_cut_the_stop_short(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C lands while the pool shuts down: the stop goes on to its end, and the
    handler is back afterwards."""
    shutdown = ProcessPoolExecutor.shutdown

    def interrupted_shutdown(self: ProcessPoolExecutor, *args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # delivered here, before the shutdown
        shutdown(self, *args, **kwargs)  # type: ignore[arg-type]

    results = runner.score_rows(endless_rows(), jobs=2, chunk_size=4)
    next(results)
    workers = multiprocessing.active_children()
    handler = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", interrupted_shutdown)
    try:
        results.close()
    except KeyboardInterrupt:
        pytest.fail("the second Ctrl-C cut the stop short")
    assert [worker.pid for worker in workers if worker.is_alive()] == []
    assert signal.getsignal(signal.SIGINT) is handler


def test_a_worker_ignores_ctrl_c_which_its_parent_handles() -> None:
    """Ctrl-C reaches the whole process group; a worker interrupted inside the pool's
    queue would leave its lock held. The run goes on, the parent decides."""
    results = runner.score_rows(endless_rows(), jobs=2, chunk_size=4)
    try:
        first = next(results)
        workers = multiprocessing.active_children()
        for worker in workers:
            assert worker.pid is not None
            os.kill(worker.pid, signal.SIGINT)
        try:
            later = [next(results) for _ in range(40)]  # well past the chunks in flight
        except KeyboardInterrupt:  # a worker's, sent back as its chunk's result
            pytest.fail("a worker was interrupted by Ctrl-C")
        rows = [result for chunk in later for result in chunk]
        assert [row["id"] for row in rows] == [str(i) for i in range(len(first), 41 * 4)]
        assert [row["error"] for row in rows if row.get("error")] == []  # none died
        assert all(worker.is_alive() for worker in workers)
    finally:
        results.close()


def children(parent: int) -> list[int]:
    """Live processes whose parent is ``parent``."""
    return [int(entry.name) for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and _state(int(entry.name))[1:] == (parent,)]  # fmt: skip


def alive(pid: int) -> bool:
    return _state(pid)[0] not in ("", "Z")  # a zombie has exited


def _state(pid: int) -> tuple[str] | tuple[str, int]:
    """The process's state letter and live parent ("" when it is gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ("",)
    state, parent = text[text.rindex(")") + 2 :].split()[:2]
    return (state, int(parent)) if state != "Z" else (state,)


def _ctrl_c_enabled() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_sent_twice_ends_the_run_and_its_workers(
    tmp_path: Path, sig: signal.Signals
) -> None:
    """As a terminal sends Ctrl-C: to the whole process group, twice in quick succession.
    The run ends (no hang: a generous timeout), its workers with it, and the output is
    whole rows in input order."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"r{i}", "reply": varied_reply(i)}) + "\n"
                for i in range(20_000)),
        encoding="utf-8",
    )  # fmt: skip
    # chunks long enough that the workers are busy when the second signal comes
    command = [sys.executable, "-m", "replylint", "score", str(source), "--out", str(out),
               "--jobs", "2", "--chunk-size", "256"]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=_ctrl_c_enabled,
    )  # fmt: skip
    try:
        workers = _workers_once_scoring(process, out)
        os.killpg(process.pid, sig)
        time.sleep(0.3)
        with contextlib.suppress(ProcessLookupError):  # ended already
            os.killpg(process.pid, sig)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # the stop message, then the exit code; or the signal's own death when the second
    # one arrives as the interpreter exits, after everything was written and said
    expected = 130 if sig == signal.SIGINT else 143
    assert process.returncode in (expected, -sig)
    assert b"--resume" in process.stderr.read()  # type: ignore[union-attr]
    assert [pid for pid in workers if alive(pid)] == [], "workers outlived the run"
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"r{i}" for i in range(len(ids))]


def _workers_once_scoring(process: subprocess.Popen[bytes], out: Path) -> list[int]:
    deadline = time.monotonic() + 120
    while not (out.exists() and out.stat().st_size > 0 and len(children(process.pid)) >= 2):
        assert process.poll() is None, "the run ended before it could be stopped"
        assert time.monotonic() < deadline, "no workers started"
        time.sleep(0.05)
    return children(process.pid)


def test_a_stop_inside_a_pool_replacement_ends_the_new_pool_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker that dies breaks its pool, and a new pool is made to score its chunks
    again (or a pool of one worker, for a chunk scored alone). A Ctrl-C or SIGTERM
    arriving before the new pool is in use stopped only the broken pool: the new one's
    workers went on scoring, and the run's exit waited for them."""
    next_results = runner._Scoring.next_results

    def stopped_after_replacing(scoring: runner._Scoring) -> list[dict[str, object]]:
        replacement = scoring.new_pool(2)
        runner._submit(replacement, -1, scoring.pending[0].rows, "email", False).result()
        raise KeyboardInterrupt  # its workers forked, and never used

    results = runner.score_rows(endless_rows(), jobs=2, chunk_size=4)
    next(results)
    monkeypatch.setattr(runner._Scoring, "next_results", stopped_after_replacing)
    with pytest.raises(KeyboardInterrupt):
        next(results)
    monkeypatch.setattr(runner._Scoring, "next_results", next_results)
    survivors = [worker.pid for worker in multiprocessing.active_children()]
    assert survivors == [], "the replacement pool's workers outlived the stopped run"


#: The pool's results pipe, as a forked worker inherits it (see the test below).
_results_pipe: Connection | None = None


def _send_half_a_result_and_die() -> None:
    """What a worker ended mid-send leaves behind: a message's length and a few of its
    bytes in the results pipe, and no worker to send the rest."""
    assert _results_pipe is not None
    os.write(_results_pipe.fileno(), struct.pack("!i", 200_000) + b"partial")
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_worker_ended_mid_send_does_not_leave_the_pool_waiting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pool's manager thread read half a message and waited for the rest for ever
    (the parent holds the pipe's writing end too), and the interpreter's exit waited for
    the thread: `score --jobs 2` stopped by SIGTERM twice hung so, now and then."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    results_pipe = pool._result_queue._writer
    monkeypatch.setattr(sys.modules[__name__], "_results_pipe", results_pipe)
    try:
        pool.submit(_send_half_a_result_and_die)
        manager = pool._executor_manager_thread
        assert manager is not None
        manager.join(1.0)
        assert manager.is_alive(), "the manager should wait for the rest of the message"
        runner._stop_pool(pool)
        assert not manager.is_alive(), "the manager thread outlived the stopped pool"
    finally:
        results_pipe.close()  # whatever happened, the test run itself must not hang
        pool.shutdown(wait=True)
