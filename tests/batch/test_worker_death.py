"""A worker process that dies costs no row its result unless the row kills its worker
each time it is scored, alone too: then the row gets an `error`, never a gap."""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from replylint import Finding, Linter, Rule
from replylint.analysis import AnalyzedReply
from replylint.batch.rows import RowIn
from replylint.batch.runner import PART_KILLED_ITS_WORKER, ROW_KILLED_ITS_WORKER, score_rows
from replylint.packs import Example, Examples
from replylint.registry import discover_rule_classes


class FixtureRule(Rule):
    """The metadata every rule of these tests shares."""

    check_name = "test"
    standard = "none"
    rationale = "test only"


class CrashingRule(FixtureRule):
    """Kills its process on a marked reply, as a segfaulting extension would."""

    id = "test.crash"
    examples = Examples(fire=[Example(reply="CRASH")], pass_=[Example(reply="fine")])

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        if "CRASH" in reply.doc.text:
            os._exit(3)
        return iter(())


def test_only_the_row_that_kills_its_worker_gets_an_error() -> None:
    """A reply that kills its worker each time (a crash in an extension) cost every row
    of its chunk an error; the chunk, scored alone, is split to find the row."""
    linter = Linter(rule_classes=[*discover_rule_classes(), CrashingRule])
    rows = [RowIn(id=str(i), text="Hi Sam, please DM us. Thanks!") for i in range(40)]
    rows[13] = RowIn(id="13", text="Hi Sam, CRASH here.")
    undisturbed = [r for c in score_rows(rows[:13], jobs=1, linter=linter) for r in c]
    results = [r for chunk in score_rows(rows, jobs=2, chunk_size=5, linter=linter) for r in chunk]
    assert [r["id"] for r in results] == [str(i) for i in range(40)]
    assert {r["id"]: r["error"] for r in results if "error" in r} == {"13": ROW_KILLED_ITS_WORKER}
    assert results[:13] == undisturbed  # the other rows of its chunk (10-14) are scored


def test_two_rows_that_kill_their_worker_in_one_chunk() -> None:
    linter = Linter(rule_classes=[*discover_rule_classes(), CrashingRule])
    rows = [RowIn(id=str(i), text="Hi Sam, please DM us. Thanks!") for i in range(24)]
    for crash in (9, 14):
        rows[crash] = RowIn(id=str(crash), text="Hi Sam, CRASH here.")
    results = [r for chunk in score_rows(rows, jobs=2, chunk_size=8, linter=linter) for r in chunk]
    assert [r["id"] for r in results] == [str(i) for i in range(24)]
    assert [r["id"] for r in results if "error" in r] == ["9", "14"]


@pytest.mark.parametrize(("deaths", "why"), [(3, "chunk"), (16, "row")])
def test_the_search_for_the_rows_to_blame_is_bounded(
    monkeypatch: pytest.MonkeyPatch, deaths: int, why: str
) -> None:
    """A chunk whose every reply kills its worker: the halves of each part that dies
    alone are scored alone in turn, down to single rows, until the deaths allowed are
    spent; the parts that die after that are given up whole, and the run goes on."""
    from replylint.batch import runner

    monkeypatch.setattr(runner, "_SPLIT_DEATHS", deaths)
    linter = Linter(rule_classes=[*discover_rule_classes(), CrashingRule])
    rows = [RowIn(id=str(i), text=f"Hi Sam, CRASH {i} here.") for i in range(8)]
    rows += [RowIn(id=str(i), text="Hi Sam, please DM us. Thanks!") for i in range(8, 12)]
    results = [r for chunk in score_rows(rows, jobs=2, chunk_size=8, linter=linter) for r in chunk]
    assert [r["id"] for r in results] == [str(i) for i in range(12)]
    errors = [r.get("error") for r in results]
    # 8 rows alone, 2 x 4, 4 x 2 and 8 x 1: 15 deaths to blame each row
    expected = ROW_KILLED_ITS_WORKER if why == "row" else PART_KILLED_ITS_WORKER
    assert errors == [expected] * 8 + [None] * 4


class _ScriptedPool:
    """A stand-in for a process pool that scores in this process. A pool of several
    workers follows the next of ``plans``, ``(scored, begun)``: it scores its first
    ``scored`` chunks; its workers begin the next ``begun`` and die, which breaks the
    pool, failing them (or cancelling them, with ``lose_as``); and it refuses the chunks
    given to it after that, as a broken pool does. A pool of one worker (a chunk scored
    alone), and one left without a plan, scores every chunk."""

    plans: list[tuple[int, int]]
    made: list[_ScriptedPool]
    lose_as = "broken"

    def __init__(self, *, max_workers: int, initargs: tuple[Any, ...], **kwargs: object) -> None:
        self.workers = max_workers
        self.started = initargs[2]  # the run's flags of begun chunks
        plans = type(self).plans
        self.plan = plans.pop(0) if max_workers > 1 and plans else None
        self.chunks: list[list[str]] = []  # the ids of each chunk given to it
        type(self).made.append(self)

    def submit(self, fn: Any, slot: int, rows: list[RowIn], *args: Any) -> Future[Any]:
        self.chunks.append([row.id for row in rows])
        future: Future[Any] = Future()
        if self.plan is None or len(self.chunks) <= self.plan[0]:
            future.set_result(fn(slot, rows, *args))
            return future
        if len(self.chunks) > sum(self.plan):
            raise BrokenProcessPool("A child process terminated abruptly")
        self.started[slot] = 1  # its worker began it, and died
        if type(self).lose_as == "cancelled":
            future.cancel()
        else:
            future.set_exception(BrokenProcessPool("A process in the process pool was ..."))
        return future

    def shutdown(self, **kwargs: object) -> None:
        pass


def _scripted(
    monkeypatch: pytest.MonkeyPatch,
    plans: list[tuple[int, int]],
    lose_as: str = "broken",
    on_worker_death: Callable[[], None] = lambda: None,
) -> tuple[list[dict[str, Any]], list[_ScriptedPool]]:
    """The results of 12 rows in chunks of one, on 2 workers (8 chunks in flight), pools
    failing as ``plans`` say (each told to ``on_worker_death``); and the pools made."""
    from replylint.batch import runner

    monkeypatch.setattr(runner, "ProcessPoolExecutor", _ScriptedPool)
    monkeypatch.setattr(_ScriptedPool, "plans", list(plans), raising=False)
    monkeypatch.setattr(_ScriptedPool, "made", [], raising=False)
    monkeypatch.setattr(_ScriptedPool, "lose_as", lose_as)
    rows = [RowIn(id=str(i), text=f"Hi Sam, order {i} ships today. Thanks!") for i in range(12)]
    linter = Linter({"model": "none"})
    chunks = score_rows(rows, jobs=2, chunk_size=1, linter=linter, on_worker_death=on_worker_death)
    results = [r for chunk in chunks for r in chunk]
    assert [r["id"] for r in results] == [str(i) for i in range(12)]
    return results, _ScriptedPool.made


def _alone(pools: list[_ScriptedPool]) -> list[str]:
    """The chunks scored alone, by their first id."""
    return [chunk[0] for pool in pools if pool.workers == 1 for chunk in pool.chunks]


@pytest.mark.parametrize("lose_as", ["broken", "cancelled"])
def test_one_worker_death_scores_its_pools_chunks_again_in_a_new_pool(
    monkeypatch: pytest.MonkeyPatch, lose_as: str
) -> None:
    """One worker dies: the chunks its pool held, failed or (once the pool is shut down:
    a race with its manager thread) cancelled, are scored again in the pool that
    replaced it, and so are those the broken pool refused meanwhile (that stopped the
    run with a traceback); no chunk is scored alone, none is given up."""
    results, pools = _scripted(monkeypatch, [(2, 1)], lose_as)
    assert not [r for r in results if "error" in r]
    assert [pool.workers for pool in pools] == [2, 2]
    assert pools[1].chunks == [[str(i)] for i in range(2, 12)]


def test_a_chunk_lost_twice_under_way_is_scored_alone_not_given_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The audit's two kills a few seconds apart: chunks begun in a pool that broke are
    begun again in the next, which breaks too. Either may be the one killing its
    worker, so each is scored alone next, where they are scored: no row is given up.
    The chunks that were only waiting are scored again in the shared pool."""
    results, pools = _scripted(monkeypatch, [(2, 2), (0, 2)])
    assert not [r for r in results if "error" in r]
    assert [pool.workers for pool in pools] == [2, 2, 2, 1, 1]
    assert _alone(pools) == ["2", "3"]
    assert pools[2].chunks == [[str(i)] for i in range(4, 12)]


@pytest.mark.parametrize(("plans", "deaths"), [([], 0), ([(2, 1)], 1), ([(2, 2), (0, 2)], 2)])
def test_each_broken_pool_is_told_once(
    monkeypatch: pytest.MonkeyPatch, plans: list[tuple[int, int]], deaths: int
) -> None:
    """A pool that breaks fails every chunk it held, and each of them finds it broken:
    the death is told once, not per chunk, and a run where none died is told none."""
    told: list[None] = []
    _scripted(monkeypatch, plans, on_worker_death=lambda: told.append(None))
    assert len(told) == deaths


def test_a_chunk_lost_three_times_waiting_is_scored_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Workers that go on dying (memory short for the whole machine): a chunk is given
    to a shared pool three times at most, then scored alone, so the run ends."""
    results, pools = _scripted(monkeypatch, [(0, 1), (0, 0), (0, 0)])
    assert not [r for r in results if "error" in r]
    assert [pool.workers for pool in pools][:4] == [2, 2, 2, 2]
    # chunk 0 was begun once, then refused twice; every chunk after it waited three times
    assert _alone(pools) == [str(i) for i in range(8)]


class HoldingRule(FixtureRule):
    """Holds a reply marked HOLD until the test lets it go (a file in
    ``$REPLYLINT_TEST_HOLD``), saying which process holds it: so a test knows which worker
    scores that chunk, and can kill another one meanwhile."""

    id = "test.hold"
    examples = Examples(fire=[Example(reply="HOLD")], pass_=[Example(reply="fine")])

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        if "HOLD" in reply.doc.text:
            folder = Path(os.environ["REPLYLINT_TEST_HOLD"])
            (folder / f"hold-{os.getpid()}").touch()
            deadline = time.monotonic() + 60
            while not (folder / "release").exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        return iter(())


def _holders(folder: Path) -> list[int]:
    return [int(path.name.removeprefix("hold-")) for path in folder.glob("hold-*")]


def _wait_for_holder(folder: Path, other_than: set[int]) -> int:
    deadline = time.monotonic() + 60
    while not (new := [pid for pid in _holders(folder) if pid not in other_than]):
        assert time.monotonic() < deadline, "no worker took the held chunk"
        time.sleep(0.01)
    return new[0]


def _workers() -> list[int]:
    """This process's live children that are forks of it: its pool's workers."""
    me = Path("/proc/self/cmdline").read_bytes()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            same = (entry / "cmdline").read_bytes() == me
        except (OSError, ValueError):
            continue
        state, parent = stat[stat.rindex(")") + 2 :].split()[:2]
        if same and int(parent) == os.getpid() and state != "Z":
            found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2 :].split()[0] == "Z"


def _kill_workers(folder: Path, kills: int) -> None:
    """The audit's `kill -9` of workers a few seconds apart, made exact: the worker
    scoring the held chunk; then, with ``kills=2``, while the chunk is scored again, a
    worker of the new pool that is not scoring it. Only then is the held reply let go."""
    first = _wait_for_holder(folder, set())
    os.kill(first, signal.SIGKILL)
    if kills == 2:
        second = _wait_for_holder(folder, {first})
        for pid in _workers():
            if pid not in (first, second):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while not _gone(second):  # its pool broke: ended by the pool, its chunk lost again
            assert time.monotonic() < deadline, "the pool did not end the chunk's worker"
            time.sleep(0.01)
    (folder / "release").touch()


def _held_rows() -> list[RowIn]:
    rows = [RowIn(id=str(i), text=f"Hi Sam, order {i} ships today. Thanks!") for i in range(24)]
    rows[5] = RowIn(id="5", text="Hi Sam, HOLD order 5 ships today. Thanks!")
    return rows


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
@pytest.mark.parametrize("kills", [1, 2])
def test_workers_killed_a_few_seconds_apart_cost_no_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kills: int
) -> None:
    """Two workers killed a few seconds apart (the OOM killer, an operator): the second
    broke the pool in which the first one's chunk was being scored again, and that chunk
    got "worker process died" on each of its rows, though none of them had done anything
    wrong; --resume kept them. Only a row whose own worker dies each time is given up.
    With one kill, as with two, the results are those of an undisturbed run."""
    monkeypatch.setenv("REPLYLINT_TEST_HOLD", str(tmp_path))
    linter = Linter(rule_classes=[*discover_rule_classes(), HoldingRule])
    (tmp_path / "release").touch()
    undisturbed = [r for c in score_rows(_held_rows(), jobs=2, chunk_size=4, linter=linter)
                   for r in c]  # fmt: skip
    for path in tmp_path.iterdir():
        path.unlink()
    killer = threading.Thread(target=_kill_workers, args=(tmp_path, kills))
    killer.start()
    try:
        chunks = score_rows(_held_rows(), jobs=2, chunk_size=4, linter=linter)
        results = [r for chunk in chunks for r in chunk]
    finally:
        (tmp_path / "release").touch()
        killer.join(60)
    assert [r.get("error") for r in results if "error" in r] == []
    assert len(_holders(tmp_path)) == kills + 1, "the held chunk was not scored again"
    assert json.dumps(results) == json.dumps(undisturbed)


#: A rule plugin that kills its process on a reply that says CRASH, as one calling a
#: library that segfaults would; installed as `pip install` leaves a package.
CRASHING_PLUGIN = """
import os

from replylint import Rule


class Crash(Rule):
    id = "acme.crash"
    standard = "none"
    rationale = "test only"

    def check(self, reply):
        if "CRASH" in reply.original:
            os._exit(3)
        return iter(())
"""


#: A rule plugin whose process is killed (SIGKILL, as the out-of-memory killer sends it)
#: the first time a reply says DIE, and never again: the file ``$REPLYLINT_TEST_DIED``
#: says it happened. The row is scored again, so nothing but the death tells.
DYING_ONCE_PLUGIN = """
import os
import signal

from replylint import Rule


class DieOnce(Rule):
    id = "acme.die_once"
    standard = "none"
    rationale = "test only"

    def check(self, reply):
        if "DIE" in reply.original:
            try:
                os.close(os.open(os.environ["REPLYLINT_TEST_DIED"], os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return iter(())
            os.kill(os.getpid(), signal.SIGKILL)
        return iter(())
"""


def _plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, source: str, rule: str
) -> Iterator[None]:
    """``source`` installed as the package ``module`` whose rule class is ``rule``."""
    site = tmp_path / "site"
    dist = site / f"{module}-1.0.dist-info"
    dist.mkdir(parents=True)
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    name = module.replace("_", "-")
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        f"[replylint.rules]\nacme = {module}:{rule}\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    yield
    sys.modules.pop(module, None)


@pytest.fixture()
def crashing_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from _plugin(tmp_path, monkeypatch, "acme_crash", CRASHING_PLUGIN, "Crash")


@pytest.fixture()
def dying_once_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("REPLYLINT_TEST_DIED", str(tmp_path / "died"))
    yield from _plugin(tmp_path, monkeypatch, "acme_die_once", DYING_ONCE_PLUGIN, "DieOnce")


def test_a_run_that_gives_rows_up_says_so_and_how_to_score_them(
    crashing_plugin: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows given up because their worker died each time were counted among the
    reasons, with no advice, and the run said nothing on stderr: it read as a run that
    went well. Now stderr, the summary, its JSON and the report say how many rows, why,
    and how to score them again; the exit code stays that of a run with error rows."""
    from replylint.batch.html_report import write_html_report
    from replylint.batch.writers import iter_results
    from replylint.cli import main

    source, out = tmp_path / "export.jsonl", tmp_path / "scores.jsonl"
    replies = [f"Hi Sam, order {i} ships today. Thanks!" for i in range(12)]
    replies[7] = "Hi Sam, CRASH order 7 ships today. Thanks!"
    source.write_text(
        "".join(json.dumps({"id": f"r{i}", "reply": r}) + "\n" for i, r in enumerate(replies)),
        encoding="utf-8",
    )
    summary_json = tmp_path / "summary.json"
    argv = ["score", str(source), "--out", str(out), "--jobs", "2", "--isolated"]
    assert main([*argv, "--model", "none", "--summary-json", str(summary_json)]) == 0
    printed = capsys.readouterr()
    results = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [(r["id"], r["error"]) for r in results if "error" in r] == [
        ("r7", ROW_KILLED_ITS_WORKER)
    ]
    assert printed.out.splitlines()[0].startswith("rows 12, scored 11,")
    advice = "note: rows whose worker process died each time it scored them are not scored"
    assert advice in printed.out and "--force" in printed.out.partition(advice)[2]
    assert printed.err.startswith(
        "replylint: warning: 1 row not scored: the worker process died each time it scored "
        "it; if processes were killed from outside (out of memory, an operator), score the "
        "input again with --force"
    )
    # its worker died several times, alone too: said once, with the row it died on
    deaths = [line for line in printed.err.splitlines() if "during this run" in line]
    assert len(deaths) == 1 and "the rows they died on each time were given up" in deaths[0]
    assert any(
        advice.removeprefix("note: ") in n for n in json.loads(summary_json.read_text())["notes"]
    )
    page = tmp_path / "report.html"
    write_html_report(iter_results(out), page)
    assert advice.removeprefix("note: ") in page.read_text("utf-8")


@pytest.mark.parametrize("dies", [True, False])
def test_a_run_whose_worker_died_says_so_once_with_what_to_do(
    dying_once_plugin: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], dies: bool
) -> None:
    """A worker killed from outside (the out-of-memory killer's SIGKILL) was replaced and
    its rows scored again without a word: the run read as one that went well, and
    nobody thought of fewer --jobs. Now one warning on stderr, and a note under the
    summary (so in --summary-json's notes and on report's page), say how often workers
    died, that no row was lost, and what to do; a run where none died says nothing."""
    from replylint.cli import main

    if not dies:
        (tmp_path / "died").touch()  # as if it had died already: the plugin kills none
    source, out = tmp_path / "export.jsonl", tmp_path / "scores.jsonl"
    replies = [f"Hi Sam, order {i} ships today. Thanks!" for i in range(12)]
    replies[7] = "Hi Sam, DIE order 7 ships today. Thanks!"
    source.write_text(
        "".join(json.dumps({"id": f"r{i}", "reply": r}) + "\n" for i, r in enumerate(replies)),
        encoding="utf-8",
    )
    summary_json, page = tmp_path / "summary.json", tmp_path / "report.html"
    argv = ["score", str(source), "--out", str(out), "--jobs", "2", "--chunk-size", "4"]
    assert main([*argv, "--isolated", "--model", "none", "--summary-json", str(summary_json)]) == 0
    printed = capsys.readouterr()
    assert main(["report", str(out), "--html", str(page)]) == 0
    results = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in results if "error" not in r] == [f"r{i}" for i in range(12)]
    notes = json.loads(summary_json.read_text("utf-8"))["notes"]
    shown = page.read_text("utf-8")
    if not dies:
        assert "worker process" not in printed.err + printed.out + shown
        assert not [note for note in notes if "worker process" in note]
        return
    warnings = [line for line in printed.err.splitlines() if "worker process" in line]
    assert len(warnings) == 1, "one warning, however many died"
    note = warnings[0].removeprefix("replylint: warning: ")
    assert note.startswith(
        "a worker process died once during this run (killed from outside, e.g. by the "
        "out-of-memory killer, or a crash) and was replaced; every row it held was scored "
        "again, so no row was lost; if memory ran short"
    )
    assert "fewer --jobs" in note and "--chunk-size" in note
    assert f"note: {note}" in printed.out.splitlines()
    assert note in notes
    assert html.escape(f"note: {note}") in shown
