"""The garbage collector while a command starts up, and after it.

Importing spaCy and building a :class:`~replylint.linter.Linter` makes a few hundred
thousand objects that live as long as the process, and no garbage: yet CPython's
collector runs every 700 of them, twice walking the whole heap on the way, and every
later collection, the interpreter's last one at exit included, walks them again.
Measured on ``replylint check draft.txt``: 0.33 s of its 1.7 s of CPU went to those
collections. A command imports and builds inside :func:`start_up`; the objects alive
after it are frozen out of every later collection (``gc.freeze``) for the rest of the
command, and of the process when the command is the process's own command line (see
:func:`replylint.cli.main`, which thaws them for a caller that goes on).

For commands only, never inside the library: the collector's switch is the process's,
and a program that builds linters on several threads would have one thread turn it back
on under another's build, or leave it off after both.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collection inside the block; the collector is switched back on after it (if
    it was on), whether the block ends or raises. What the block made waits for the
    next collection (a batch run freezes it: :mod:`replylint.batch.heap`)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextmanager
def start_up() -> Iterator[None]:
    """:func:`paused`, then what is alive (spaCy, the linter) left out of every later
    collection (``gc.freeze``)."""
    with paused():
        yield
        gc.freeze()
