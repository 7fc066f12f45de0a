"""The collector while a command starts up: off during it, its objects frozen after."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import pytest

from replylint.collector import start_up


@pytest.fixture(autouse=True)
def _unfrozen() -> None:
    yield
    gc.unfreeze()
    gc.enable()


def test_no_collection_runs_while_a_command_starts_up() -> None:
    collections: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        collections.append(phase)

    gc.callbacks.append(note)
    try:
        with start_up():
            assert not gc.isenabled()
            made = [[index] for index in range(50_000)]  # many times the young threshold
        assert collections == []
    finally:
        gc.callbacks.remove(note)
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)


def test_the_collector_comes_back_on_when_the_start_up_fails() -> None:
    with pytest.raises(RuntimeError), start_up():
        raise RuntimeError("a configuration that cannot be read")
    assert gc.isenabled()


def test_a_collector_the_program_turned_off_stays_off() -> None:
    gc.disable()
    with start_up():
        pass
    assert not gc.isenabled()


@pytest.mark.parametrize("command", ["check", "score"])
def test_the_commands_build_their_linter_with_the_collector_off(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import replylint.linter
    from replylint.cli import main

    seen: list[bool] = []
    build = replylint.linter.Linter.__init__

    def noting(self: replylint.linter.Linter, *args: Any, **kwargs: Any) -> None:
        seen.append(gc.isenabled())
        build(self, *args, **kwargs)

    monkeypatch.setattr(replylint.linter.Linter, "__init__", noting)
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Dana, your refund went out today. Thanks for waiting!", "utf-8")
    if command == "check":
        main(["check", str(draft), "--model", "none"])
    else:
        rows = tmp_path / "rows.csv"
        rows.write_text(f"id,reply\n1,{draft.read_text('utf-8')}\n", "utf-8")
        main(["score", str(rows), "--out", str(tmp_path / "out.jsonl"), "--model", "none"])
    assert seen == [False]
    assert gc.isenabled()


def test_a_caller_of_the_command_gets_its_heap_back(tmp_path: Path) -> None:
    """``main(argv)`` called in a program (a test, a script) returns to it: what the
    command froze while it started up is thawed, or the program's later garbage would
    be frozen with it for good."""
    from replylint.cli import main

    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Dana, your refund went out today. Thanks for waiting!", "utf-8")
    assert gc.get_freeze_count() == 0
    main(["check", str(draft), "--model", "none"])
    assert gc.get_freeze_count() == 0


def test_the_process_own_command_keeps_its_start_up_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``replylint check`` as the process's command line (``main()`` without arguments)
    ends with the process: what it froze stays frozen, so the interpreter's last
    collection does not walk spaCy and the linter."""
    from replylint.cli import main

    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Dana, your refund went out today. Thanks for waiting!", "utf-8")
    monkeypatch.setattr(sys, "argv", ["replylint", "check", str(draft), "--model", "none"])
    main()
    assert gc.get_freeze_count() > 0
