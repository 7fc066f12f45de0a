"""The lock-free cached property of a reply's analysis (replylint/cached.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from replylint.analysis import AnalyzedReply
from replylint.cached import cached_property


@dataclass(frozen=True, eq=False)
class _Counted:
    calls: list[int] = field(default_factory=list)

    @cached_property
    def value(self) -> int:
        self.calls.append(1)
        return len(self.calls) * 10


def test_computed_once_per_instance_and_kept_in_its_dict() -> None:
    first, second = _Counted(), _Counted()
    assert (first.value, first.value, second.value) == (10, 10, 10)
    assert first.calls == [1] and second.calls == [1]
    assert first.__dict__["value"] == 10
    del first.__dict__["value"]  # (dropped, it is computed again)
    assert first.value == 20


class _NoLock:
    def __enter__(self) -> None:
        raise AssertionError("the lock was taken")

    def __exit__(self, *exc: object) -> None:
        pass


def test_no_lock_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python 3.11's ``functools.cached_property`` takes its lock on every first read;
    this one never does."""
    prop = _Counted.__dict__["value"]
    monkeypatch.setattr(prop, "lock", _NoLock(), raising=False)
    assert _Counted().value == 10


def test_read_on_the_class_is_the_descriptor() -> None:
    assert isinstance(_Counted.value, cached_property)
    assert isinstance(AnalyzedReply.sentences, cached_property)
