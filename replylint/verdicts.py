"""The values a pure test holds for, remembered from one reply to the next (bounded).

Some tests on the hot path ask the same question of every distinct word of every reply
(does a gate's regular expression find this word? is it an ordinary word, never a
jargon candidate?), and most words recur from one reply to the next. Where the answer
depends on the value alone, it is kept: a reply's values are split into those known to
hold, those known not to, and the few new ones, by set operations that take no Python
step per value; only the new ones are tested.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class Verdicts(Generic[T]):
    """What one test said of the values met so far, at most ``limit`` of them (all are
    dropped when more are known, then gathered again).

    Shared by threads: every step reads the sets as they are when it runs, so another
    thread that adds to them or drops them meanwhile costs a test run again, never a
    wrong answer."""

    __slots__ = ("_fails", "_holds", "_limit")

    def __init__(self, limit: int) -> None:
        self._holds: set[T] = set()
        self._fails: set[T] = set()
        self._limit = limit

    def __len__(self) -> int:
        return len(self._holds) + len(self._fails)

    def holding(self, values: frozenset[T], test: Callable[[T], bool]) -> frozenset[T]:
        """The ``values`` that ``test`` holds for. ``test`` must be the same test at
        every call (its answer depends on the value alone)."""
        if len(self) > self._limit:
            self._holds.clear()
            self._fails.clear()
        held = values & self._holds
        unknown = values - held - self._fails
        if not unknown:
            return held
        new = {value for value in unknown if test(value)}
        self._holds.update(new)
        self._fails.update(unknown - new)
        return held | new

    def known(self, value: T) -> bool | None:
        """What the test said of ``value``, if it is remembered (for tests)."""
        if value in self._holds:
            return True
        return False if value in self._fails else None
