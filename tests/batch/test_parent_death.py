"""Worker processes die with their parent: after `kill -9` of `replylint score`, no
worker lives on (orphaned, still scoring, holding the output open)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def children(parent: int) -> list[int]:
    """Live processes whose parent is ``parent``, from /proc/<pid>/stat."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None and int(stat[1]) == parent and stat[0] != "Z":
                found.append(int(entry.name))
    return found


def _stat(pid: int) -> list[str] | None:
    """State, parent pid, ... of a process (the fields after its command name)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"  # a zombie has exited


def kill_parent_once_workers_run(command: list[str], started: Path) -> list[int]:
    """Start ``command``, wait until it has two workers and ``started`` has content,
    ``kill -9`` it, and return its workers' pids."""
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not (started.exists() and started.stat().st_size > 0
                   and len(children(parent.pid)) >= 2):  # fmt: skip
            assert parent.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no workers started"
            time.sleep(0.05)
        return children(parent.pid)
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)


def assert_gone_soon(workers: list[int]) -> None:
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [pid for pid in workers if alive(pid)]
    for pid in survivors:  # do not leave them running after a failure
        os.kill(pid, signal.SIGKILL)
    assert survivors == [], "workers outlived their killed parent"


def test_workers_die_when_the_parent_is_killed(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    reply = "Hi Sam, sorry for the wait. Your refund was sent today. Thanks!"
    source.write_text(
        "".join(json.dumps({"id": f"r{i}", "reply": reply}) + "\n" for i in range(20_000)),
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "replylint", "score", str(source), "--out", str(out),
               "--jobs", "2", "--chunk-size", "8"]  # fmt: skip
    assert_gone_soon(kill_parent_once_workers_run(command, out))


# The parent scores an endless stream with two workers, printing as chunks come back;
# "poll" turns off PR_SET_PDEATHSIG so that the portable fallback (a thread polling the
# parent pid, as on macOS) is what must end the workers.
ENDLESS = """
import itertools, sys
from replylint.batch import runner
from replylint.batch.rows import RowIn
if sys.argv[1] == "poll":
    runner._kill_me_with_parent = lambda: False
rows = (RowIn(id=str(i), text="Hi Sam, thanks for waiting!") for i in itertools.count())
with open(sys.argv[2], "w") as progress:
    for chunk in runner.score_rows(rows, jobs=2, chunk_size=4):
        progress.write(chunk[0]["id"] + "\\n")
        progress.flush()
"""


@pytest.mark.parametrize("mechanism", ["prctl", "poll"])
def test_each_mechanism_ends_the_workers(tmp_path: Path, mechanism: str) -> None:
    progress = tmp_path / "progress.txt"
    command = [sys.executable, "-c", ENDLESS, mechanism, str(progress)]
    assert_gone_soon(kill_parent_once_workers_run(command, progress))
