"""The worker pool on its own, with real worker processes: jobs go to whichever worker is
free, first come first served; a worker past the time limit is stopped and replaced; a
worker that dies under a job costs the job nothing (it is retried once elsewhere) unless
it dies twice; a full line is refused at once; a configuration the linter refuses stops
the start with the linter's own message.

One pool of two workers serves the module, from one event loop in a thread (a blocking
portal), as the HTTP process's loop would; each test leaves it at full strength."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path

import anyio
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal

from replylint import Linter
from replylint.config import ConfigError, LinterConfig
from replylint.configfile import load_linter_config
from replylint.linter import ReplyInput
from replylint.model.checks_model import bundled_model_dir
from replylint.serve.dispatch import Busy, CheckTimeout, Stopping, WorkerLost
from replylint.serve.jobs import Checked, CheckedMany, CheckMany, CheckOne, Job, Outcome
from replylint.serve.pool import PoolStartError, WorkerPool

pytest.importorskip("fastapi", reason="the serve extra is not installed")

REPLY = (
    "Hi Noor, thanks for the photos. The hinge cracked because of a faulty batch, so I "
    "have sent a new lid by post today; it arrives within 3 working days. Sorry about this!"
)
#: Many long replies: a job that keeps a worker busy for seconds (about 5 s here; ~25 ms
#: a reply once the worker is warm).
SLOW = CheckMany(tuple(ReplyInput(reply=REPLY * 60) for _ in range(200)))
#: A job of about 1.5 s.
BUSY = CheckMany(SLOW.items[:60])


@pytest.fixture(scope="module")
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as running:
        yield running


@pytest.fixture(scope="module")
def pool(portal: BlockingPortal) -> Iterator[WorkerPool]:
    workers = WorkerPool(LinterConfig(), 2, max_queue=1)
    assert not workers.ready
    workers.start()
    assert workers.ready and len(workers.pids()) == 2
    yield workers
    portal.call(workers.aclose)


def full_strength(pool: WorkerPool) -> list[int]:
    """The workers' pids once both are loaded (a lost one is replaced in the background)."""
    deadline = time.monotonic() + 90
    while len(pool.pids()) < pool.size or pool.checking():
        assert time.monotonic() < deadline, pool.pids()
        time.sleep(0.05)
    return pool.pids()


def soon(portal: BlockingPortal, pool: WorkerPool, job: Job, limit: float) -> Future[Outcome]:
    return portal.start_task_soon(pool.run, job, limit)


def wait_for(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.005)


def gone(pid: int) -> bool:
    """True once the process has exited and been reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _checked_at_once(portal: BlockingPortal, pool: WorkerPool, count: int) -> list[Outcome]:
    """``count`` checks of REPLY sent together (the queue made long enough for all)."""
    outcomes: list[Outcome] = []

    async def all_at_once() -> None:
        async def one() -> None:
            outcomes.append(await pool.run(CheckOne(ReplyInput(reply=REPLY)), 60))

        async with anyio.create_task_group() as group:
            for _ in range(count):
                group.start_soon(one)

    pool.max_queue = count
    try:
        portal.call(all_at_once)
    finally:
        pool.max_queue = 1
    return outcomes


def test_jobs_go_to_every_worker_and_answer_as_the_library(
    portal: BlockingPortal, pool: WorkerPool, linter: Linter
) -> None:
    full_strength(pool)
    pool.checked.clear()
    outcomes = _checked_at_once(portal, pool, 16)
    expected = Checked(linter.check(REPLY).model_dump_json())
    assert outcomes == [expected] * 16  # byte for byte the library's report
    assert sorted(pool.checked) == pool.pids()
    assert min(pool.checked.values()) >= 2, pool.checked  # 16 in line, both workers took turns


def test_checks_run_without_a_thread_per_check(
    portal: BlockingPortal, pool: WorkerPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The event loop itself waits for the workers' answers (replylint.serve.link): a
    thread per check cost the HTTP process two thread hand-offs per request."""
    full_strength(pool)

    def no_threads(*args: object, **kwargs: object) -> None:
        raise AssertionError("a check ran in a thread")

    monkeypatch.setattr(anyio.to_thread, "run_sync", no_threads)
    outcomes = _checked_at_once(portal, pool, 4)
    assert len(outcomes) == 4 and all(isinstance(o, Checked) for o in outcomes)


class Recorder:
    """A stand-in for a worker process: records each job it is sent, with its callback."""

    pid = 4242

    def __init__(self) -> None:
        self.sent: list[tuple[Job, Callable[[Outcome | EOFError], None]]] = []

    def send(self, job: Job, done: Callable[[Outcome | EOFError], None]) -> None:
        self.sent.append((job, done))


def test_a_worker_that_answers_has_its_next_job_at_once() -> None:
    """The next job in line goes out in the same turn of the event loop that read the
    answer: waiting for the loop to resume the waiting request left the worker idle
    about 0.7 ms per job (of 5 to 7) under load."""
    pool = WorkerPool(LinterConfig(), 1, max_queue=8)
    worker = Recorder()
    pool._idle.append(worker)  # type: ignore[arg-type]
    pool._loaded.add(worker)  # type: ignore[arg-type]
    pool._started = True
    jobs = [CheckOne(ReplyInput(reply=f"Reply {n}")) for n in range(3)]

    async def three() -> list[Outcome]:
        running = [asyncio.ensure_future(pool.run(job, 30)) for job in jobs]
        await asyncio.sleep(0)  # all three have arrived: one is checked, two wait
        assert [job for job, _ in worker.sent] == jobs[:1] and pool.waiting == 2
        for n in range(3):
            _, done = worker.sent[n]
            done(Checked(f"report {n}"))  # as the link reports an answer
            assert len(worker.sent) == min(n + 2, 3)  # the next job is out already
        return list(await asyncio.gather(*running))

    assert asyncio.run(three()) == [Checked(f"report {n}") for n in range(3)]
    assert [job for job, _ in worker.sent] == jobs


def test_the_time_limit_stops_the_worker_and_another_takes_its_place(
    portal: BlockingPortal, pool: WorkerPool
) -> None:
    before = full_strength(pool)
    started = time.monotonic()
    with pytest.raises(CheckTimeout) as stopped:
        portal.call(pool.run, SLOW, 0.5)
    assert not stopped.value.queued
    assert time.monotonic() - started < 3  # the job alone takes far longer
    (killed,) = set(before) - set(pool.pids())
    wait_for(lambda: gone(killed), "the stopped worker is reaped")
    after = full_strength(pool)
    assert killed not in after
    assert isinstance(portal.call(pool.run, CheckOne(ReplyInput(reply=REPLY)), 30), Checked)


def test_a_worker_killed_under_a_job_costs_the_job_nothing(
    portal: BlockingPortal, pool: WorkerPool
) -> None:
    full_strength(pool)
    job = BUSY
    answer = soon(portal, pool, job, 120)
    wait_for(pool.checking, "a worker takes the job")
    (victim,) = pool.checking()
    os.kill(victim, signal.SIGKILL)
    outcome = answer.result(timeout=120)  # checked again, by the other worker
    assert isinstance(outcome, CheckedMany) and len(outcome.results) == len(job.items)
    assert victim not in full_strength(pool)


def test_a_job_that_outlives_two_workers_is_refused(
    portal: BlockingPortal, pool: WorkerPool
) -> None:
    full_strength(pool)
    answer = soon(portal, pool, SLOW, 120)
    killed: list[int] = []
    for _ in range(2):
        wait_for(lambda: [p for p in pool.checking() if p not in killed], "a worker takes it")
        (victim,) = pool.checking()
        killed.append(victim)
        os.kill(victim, signal.SIGKILL)
    with pytest.raises(WorkerLost):
        answer.result(timeout=120)
    assert not set(killed) & set(full_strength(pool))


def test_a_full_line_is_refused_at_once(portal: BlockingPortal, pool: WorkerPool) -> None:
    full_strength(pool)
    job = BUSY
    busy = [soon(portal, pool, job, 120) for _ in range(2)]
    wait_for(lambda: len(pool.checking()) == 2, "both workers busy")
    queued = soon(portal, pool, job, 120)
    wait_for(lambda: pool.waiting == 1, "one request in line")
    started = time.monotonic()
    with pytest.raises(Busy) as refused:
        portal.call(pool.run, CheckOne(ReplyInput(reply=REPLY)), 120)
    assert refused.value.waiting == 1 and time.monotonic() - started < 1
    for answer in [*busy, queued]:
        assert isinstance(answer.result(timeout=120), CheckedMany)


def test_waiting_past_the_time_limit_is_a_queued_timeout(
    portal: BlockingPortal, pool: WorkerPool
) -> None:
    full_strength(pool)
    job = BUSY
    busy = [soon(portal, pool, job, 120) for _ in range(2)]
    wait_for(lambda: len(pool.checking()) == 2, "both workers busy")
    with pytest.raises(CheckTimeout) as late:
        portal.call(pool.run, CheckOne(ReplyInput(reply=REPLY)), 0.2)
    assert late.value.queued and pool.waiting == 0
    for answer in busy:  # the workers were not touched
        assert isinstance(answer.result(timeout=120), CheckedMany)


def test_a_request_still_in_line_when_the_service_stops_is_told_so(
    portal: BlockingPortal,
) -> None:
    """Left in line when the drain after a stop signal ran out, it was told "busy; retry in
    a moment", which sends a client back to a service that is going away."""
    one = WorkerPool(LinterConfig(model="none"), 1, max_queue=1)
    one.start()
    try:
        running = soon(portal, one, BUSY, 120)
        wait_for(lambda: len(one.checking()) == 1, "the worker busy")
        waiting = soon(portal, one, CheckOne(ReplyInput(reply=REPLY)), 120)
        wait_for(lambda: one.waiting == 1, "one request in line")
    finally:
        portal.call(one.aclose)
        running.cancel()  # (its worker was stopped; the HTTP server has closed its request)
    with pytest.raises(Stopping):
        waiting.result(timeout=60)


def test_a_config_the_linter_refuses_stops_the_start() -> None:
    before = set(multiprocessing.active_children())
    refused = WorkerPool(LinterConfig(select=["no_such_rule"]), 2, max_queue=1)
    with pytest.raises(PoolStartError, match="no_such_rule"):
        refused.start()
    assert not refused.ready
    assert set(multiprocessing.active_children()) <= before  # no worker left behind


def test_a_fresh_worker_answers_its_first_check_at_speed_and_close_stops_it(
    portal: BlockingPortal,
) -> None:
    """A worker checks once before it says it is ready: a linter's first check takes
    about 0.4 s here, the next ones a few ms (without that, the first request after a
    start or a replacement waited, and in a burst the other worker took all the rest)."""
    one = WorkerPool(LinterConfig(), 1, max_queue=1)
    one.start()
    (pid,) = one.pids()
    started = time.monotonic()
    assert isinstance(portal.call(one.run, CheckOne(ReplyInput(reply=REPLY)), 30), Checked)
    took = time.monotonic() - started
    assert took < 0.15, took
    portal.call(one.aclose)
    assert not one.ready and gone(pid)
    with pytest.raises(CheckTimeout):  # closed: nothing takes the job
        portal.call(one.run, CheckOne(ReplyInput(reply=REPLY)), 0.2)


def test_a_pool_left_open_does_not_keep_its_interpreter_alive() -> None:
    """The workers ignore SIGTERM (see replylint.serve.worker); multiprocessing's exit
    handler would send them just that and then wait for them forever."""
    code = (
        "from replylint.config import LinterConfig; from replylint.serve.pool import WorkerPool;"
        "pool = WorkerPool(LinterConfig(), 1, max_queue=1); pool.start(); print(pool.pids()[0])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    worker = int(done.stdout)
    wait_for(lambda: gone(worker), "the worker is killed with its interpreter")


#: A team's pack; ``{phrase}`` is the phrase its rule fires on.
PACK = """\
schema: replylint.pack/1
name: acme
rules:
  - id: acme.banned
    kind: existence
    check: acme
    severity: warning
    message: '"{{match}}" is a phrase the team does not send.'
    rationale: The team agreed not to write it.
    standard: Use plain language
    phrases: [{phrase}]
    examples:
      fire: [{{reply: "Hi Dana, {phrase} we cannot refund you. Thanks!"}}]
      pass: [{{reply: "Hi Dana, your refund is on its way. Thanks!"}}]
"""
OLD_PHRASE, NEW_PHRASE = "per our policy", "as a rule"


def replaced(portal: BlockingPortal, pool: WorkerPool) -> int:
    """Have the pool's one worker stopped at the time limit, as a check past it is, and
    return its replacement's pid once that has loaded (it must: within a minute)."""
    (before,) = pool.pids()
    with pytest.raises(CheckTimeout):
        portal.call(pool.run, SLOW, 0.3)
    deadline = time.monotonic() + 60
    while len(pool.pids()) < 1 or before in pool.pids():
        assert time.monotonic() < deadline, "the replacement worker never loaded"
        time.sleep(0.05)
    (after,) = pool.pids()
    return after


def fired(portal: BlockingPortal, pool: WorkerPool, phrase: str) -> bool:
    """Does the team's rule fire on a reply with ``phrase``?"""
    reply = f"Hi Dana, {phrase} we cannot refund you. Thanks!"
    outcome = portal.call(pool.run, CheckOne(ReplyInput(reply=reply)), 30)
    assert isinstance(outcome, Checked)
    return "acme.banned" in {f["rule"] for f in json.loads(outcome.report)["findings"]}


def test_a_replaced_worker_checks_with_the_packs_the_service_started_with(
    portal: BlockingPortal, tmp_path: Path
) -> None:
    """A worker started in the place of one stopped read the packs from disk again: a
    pack edited since gave it other rules than its siblings, and one broken since kept
    it from loading, try after try (a pool of one then refused every request). Every
    worker reads them as they were when the pool started."""
    pack = tmp_path / "team.yaml"
    pack.write_text(PACK.format(phrase=OLD_PHRASE), encoding="utf-8")
    one = WorkerPool(LinterConfig(packs=[pack], model="none"), 1, max_queue=1)
    one.start()
    try:
        assert fired(portal, one, OLD_PHRASE) and not fired(portal, one, NEW_PHRASE)
        pack.write_text(PACK.format(phrase=NEW_PHRASE), encoding="utf-8")  # edited
        replaced(portal, one)
        assert fired(portal, one, OLD_PHRASE) and not fired(portal, one, NEW_PHRASE)
        pack.write_text("schema: [", encoding="utf-8")  # broken
        replaced(portal, one)
        assert fired(portal, one, OLD_PHRASE)
        pack.unlink()  # gone
        replaced(portal, one)
        assert fired(portal, one, OLD_PHRASE)
    finally:
        portal.call(one.aclose)


def test_a_replaced_worker_loads_the_model_the_service_started_with(
    portal: BlockingPortal, tmp_path: Path
) -> None:
    """A team's model directory is copied when the pool starts, and every worker loads
    the copy: ``replylint train --force`` into it (here: a directory left broken)
    changes nothing for a running service. The copy goes when the pool closes."""
    model = tmp_path / "ours"
    shutil.copytree(bundled_model_dir(), model)
    one = WorkerPool(LinterConfig(model=str(model)), 1, max_queue=1)
    one.start()
    try:
        assert one.model == str(model)  # what /readyz shows: the directory configured
        before = portal.call(one.run, CheckOne(ReplyInput(reply=REPLY)), 30)
        assert isinstance(before, Checked)
        shutil.rmtree(model)
        model.mkdir()
        (model / "model.json").write_text("{}", encoding="utf-8")
        replaced(portal, one)
        assert portal.call(one.run, CheckOne(ReplyInput(reply=REPLY)), 30) == before
        assert one._snapshot is not None and one._snapshot.model is not None
        copy = Path(one._snapshot.model.folder)
        assert copy.is_dir() and not copy.is_relative_to(tmp_path)
    finally:
        portal.call(one.aclose)
    assert not copy.exists()


def test_an_unusable_model_is_named_as_the_configuration_gave_it(tmp_path: Path) -> None:
    """The workers load a copy of the model directory; the error still names the
    configuration file and the directory it gave, as the library's own does."""
    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / "model.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".replylint.toml").write_text('model = "ours"\n', encoding="utf-8")
    config = load_linter_config(tmp_path / ".replylint.toml")
    with pytest.raises(ConfigError) as direct:
        Linter(config)
    with pytest.raises(PoolStartError) as refused:
        WorkerPool(config, 1, max_queue=1).start()
    assert str(refused.value) == str(direct.value)
    assert str(refused.value).startswith(f"{tmp_path / '.replylint.toml'}: model: ")


def test_a_request_given_up_leaves_the_line_and_a_running_check_finishes(
    portal: BlockingPortal, pool: WorkerPool
) -> None:
    """A request given up (its client closed the connection: replylint.serve.gone) leaves
    the line unchecked; one a worker is checking is finished and its answer dropped, as
    stopping the worker would cost the start of another (seconds, with no other worker
    under --workers 1). The time limit still stops a check that runs past it."""
    pids = full_strength(pool)
    checked = sum(pool.checked.values())
    busy = [soon(portal, pool, BUSY, 120) for _ in range(2)]
    wait_for(lambda: len(pool.checking()) == 2, "both workers busy")
    queued = soon(portal, pool, BUSY, 120)
    wait_for(lambda: pool.waiting == 1, "one request in line")
    queued.cancel()
    wait_for(lambda: pool.waiting == 0, "the line empty")
    busy[0].cancel()
    assert isinstance(busy[1].result(timeout=120), CheckedMany)
    wait_for(lambda: not pool.checking(), "both checks finished")
    assert pool.pids() == pids  # no worker stopped
    assert sum(pool.checked.values()) == checked + 2  # the request in line was never checked
    # given up, a check past the time limit is still stopped
    runaway = soon(portal, pool, SLOW, 1.0)
    wait_for(lambda: len(pool.checking()) == 1, "one worker busy")
    (stopped,) = pool.checking()
    runaway.cancel()
    wait_for(lambda: stopped not in pool.pids(), "the runaway's worker stopped")
    full_strength(pool)
