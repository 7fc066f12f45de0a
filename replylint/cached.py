"""A cached property without Python 3.11's lock.

``functools.cached_property`` in Python 3.11 takes one lock per property, shared by
every instance, on each first read: 12 of the properties of a reply's analysis
(:class:`replylint.analysis.AnalyzedReply`) are read once per reply each, and taking and
releasing the lock was a measurable part of scoring a short reply (1.6% of a ``score``
run's samples, for no work). Python 3.12 dropped the lock (it was undocumented, and per
property, not per instance); this is 3.12's behaviour on every version. An analysis is
read by the one thread that checks its reply, so the lock guarded nothing there.
"""

from __future__ import annotations

from functools import cached_property as _locked_cached_property
from typing import Any, TypeVar, overload

T = TypeVar("T")

_MISSING = object()


class cached_property(_locked_cached_property[T]):
    """``functools.cached_property``: computed on the first read, then kept in the
    instance's ``__dict__`` (where later reads find it without calling this), minus the
    lock. Two threads reading it first at once may both compute it; the first value
    stored is then replaced by the second, equal one."""

    @overload
    def __get__(self, instance: None, owner: type[Any] | None = None) -> cached_property[T]: ...
    @overload
    def __get__(self, instance: object, owner: type[Any] | None = None) -> T: ...
    def __get__(self, instance: object, owner: type[Any] | None = None) -> cached_property[T] | T:
        if instance is None:
            return self
        name = self.attrname
        if name is None:  # (functools' own check)
            raise TypeError(
                "Cannot use cached_property instance without calling __set_name__ on it."
            )
        cache = instance.__dict__
        value = cache.get(name, _MISSING)
        if value is _MISSING:
            value = self.func(instance)
            cache[name] = value
        return value  # type: ignore[no-any-return]
