"""One `score` run at a time per output file.

Two runs given the same ``--out`` (two cron entries, a cron job and a manual run) each
wrote the file from its start: both exited 0 with clean summaries, and the file held one
run's rows, or a splice of both, with a run record vouching for it (and with ``--force``,
a torn line). A run now holds an exclusive lock on a hidden file beside its output for
as long as it writes, and a second run is refused before it touches anything.

The lock is the kernel's (``flock``): it is let go when its process ends however it
ends, so a run killed with ``kill -9`` blocks no later run (its lock file, empty but for
a process id, is reused). Where there is no ``flock`` (Windows), or the output is no
regular file (``/dev/stdout``, a pipe), nothing is locked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from replylint.batch.writers import OutputError

try:
    import fcntl
except ImportError:  # (Windows)
    fcntl = None  # type: ignore[assignment]


def lock_path(output: Path) -> Path:
    """The hidden lock file of ``output``: ``.scores.jsonl.replylint-lock`` beside it."""
    return output.parent / f".{output.name}.replylint-lock"


@contextmanager
def output_locked(output: Path) -> Iterator[None]:
    """Hold ``output``'s lock inside the block, or raise :class:`OutputError` naming the
    run that holds it. The lock file is removed when the block ends."""
    if fcntl is None or (output.exists() and not output.is_file()):
        yield
        return
    path = lock_path(output)
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:  # (a folder it cannot write to: the output's own write says so)
        yield
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(_held(output, handle)) from None
        if not _still_named(path, handle):  # (its run ended and removed it just now)
            raise OutputError(
                f"{output} was being written by another replylint run a moment ago; "
                "run the command again"
            )
        os.ftruncate(handle, 0)
        os.write(handle, str(os.getpid()).encode())
        try:
            yield
        finally:
            with suppress(OSError):
                path.unlink()
    finally:
        os.close(handle)


def _held(output: Path, handle: int) -> str:
    holder = os.pread(handle, 20, 0).decode("ascii", "replace").strip()
    who = f" (process {holder})" if holder.isdigit() else ""
    return (
        f"{output} is being written by another replylint score run{who}; wait for it to "
        "end, or write to another file: two runs writing one file mix their rows"
    )


def _still_named(path: Path, handle: int) -> bool:
    """Whether ``path`` still names the file ``handle`` locked (a run that ended may
    have removed it between this run's open and its lock)."""
    try:
        return os.stat(path).st_ino == os.fstat(handle).st_ino
    except FileNotFoundError:
        return False
