"""A model copy left by a service killed outright is removed by the next service; a live
service's copy, another host's or another user's never is."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from replylint.config import LinterConfig
from replylint.serve.snapshot import FOLDER_PREFIX, MODEL_COPY, OWNER_FILE, Snapshot, sweep_orphans

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process ids are asked on POSIX")


def a_dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def copy_folder(temp: Path, name: str, owner: object | None) -> Path:
    folder = temp / f"{FOLDER_PREFIX}{name}"
    (folder / MODEL_COPY).mkdir(parents=True)
    (folder / MODEL_COPY / "model.json").write_text("{}", encoding="utf-8")
    if owner is not None:
        (folder / OWNER_FILE).write_text(json.dumps(owner), encoding="utf-8")
    return folder


def test_only_copies_of_services_no_longer_running_here_are_removed(tmp_path: Path) -> None:
    host = platform.node()
    dead = copy_folder(tmp_path, "dead", {"pid": a_dead_pid(), "host": host})
    alive = copy_folder(tmp_path, "alive", {"pid": os.getppid(), "host": host})
    mine = copy_folder(tmp_path, "mine", {"pid": os.getpid(), "host": host})
    elsewhere = copy_folder(tmp_path, "elsewhere", {"pid": a_dead_pid(), "host": host + "-x"})
    unowned = copy_folder(tmp_path, "unowned", None)  # made before owners were written
    garbled = copy_folder(tmp_path, "garbled", None)
    (garbled / OWNER_FILE).write_text("{not json", encoding="utf-8")
    no_pid = copy_folder(tmp_path, "nopid", {"host": host})
    other_name = tmp_path / "someone-else-dead"
    other_name.mkdir()
    (other_name / OWNER_FILE).write_text(json.dumps({"pid": a_dead_pid(), "host": host}))

    assert sweep_orphans(tmp_path) == [dead]

    assert not dead.exists()
    for kept in (alive, mine, elsewhere, unowned, garbled, no_pid, other_name):
        assert kept.is_dir(), kept


def test_a_copy_left_by_a_killed_service_goes_when_the_next_one_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that takes a snapshot of a model directory and is killed with SIGKILL
    leaves its copy; the next snapshot taken removes it and leaves its own."""
    model = tmp_path / "ours"
    model.mkdir()
    (model / "model.json").write_text("{}", encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, tempfile, sys\n"
            f"tempfile.tempdir = {str(temp)!r}\n"
            "from replylint.config import LinterConfig\n"
            "from replylint.serve.snapshot import Snapshot\n"
            f"Snapshot.take(LinterConfig(model={str(model)!r}))\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n",
        ],
        check=False,
    )
    assert killed.returncode == -9
    (left,) = temp.glob(f"{FOLDER_PREFIX}*")
    assert (left / MODEL_COPY / "model.json").is_file()

    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    snapshot = Snapshot.take(LinterConfig(model=str(model)))
    try:
        assert not left.exists()
        assert snapshot.model is not None
        assert [Path(snapshot.model.folder)] == list(temp.glob(f"{FOLDER_PREFIX}*"))
        owner = json.loads((Path(snapshot.model.folder) / OWNER_FILE).read_text())
        assert owner == {"pid": os.getpid(), "host": platform.node()}
    finally:
        snapshot.discard()
    assert not list(temp.glob(f"{FOLDER_PREFIX}*"))
