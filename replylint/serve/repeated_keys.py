"""Request bodies read as JSON with every key of an object given once.

``json.loads`` (as FastAPI reads a body) and pydantic's own reader keep the last value of
a key given twice and drop the others without a word: ``{"reply": "Hi", "reply": "Your
RMA"}`` was checked as "Your RMA", and a client whose serializer wrote both never knew.
The service refuses such a body, naming the key and where it is.

The check is ``json.loads``'s own ``object_pairs_hook``, which sees each object's pairs
before they become a dict: one call per object. Reading with ``json.loads`` costs 7 to 19
µs more a ``/v1/check`` body than pydantic's reader did (docs/serve.md, "What the HTTP
process costs"). Only a body that repeats a key is read a second time, to say where.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

#: Where a value is in a body: the keys and list indices from the top (pydantic's ``loc``).
Location = tuple[int | str, ...]


class RepeatedKey(Exception):
    """An object of the body gives a key more than once: ``loc`` is the key's location
    (its last part the key), ``times`` how often it is given there."""

    def __init__(self, loc: Location, times: int) -> None:
        super().__init__(f"{'.'.join(map(str, loc))}: given {times} times")
        self.loc = loc
        self.times = times


def loads(body: bytes | str) -> Any:
    """``json.loads(body)``, or :class:`RepeatedKey` for the first key an object repeats
    (an outer object's before those within its values, then in the order written). Any
    other error is ``json.loads``'s: ``ValueError`` (a ``JSONDecodeError`` for text that
    is not JSON) or ``RecursionError``."""
    try:
        return json.loads(body, object_pairs_hook=_unique)
    except _Repeated:
        pass
    # read again keeping every pair, to say where: a body that goes on to be invalid JSON
    # after the object that repeats a key fails here, as it would have without the check
    found = _first_repeated(json.loads(body, object_pairs_hook=_Pairs))
    assert found is not None, "a key was repeated on the first reading"
    raise RepeatedKey(*found)


class _Repeated(Exception):
    """Raised through ``json.loads`` when an object repeats a key (where is not known
    there: the hook sees one object's pairs, not its place)."""


class _Pairs(list[tuple[str, Any]]):
    """An object's pairs as written, repeated keys and all (so no list of the body is
    taken for an object)."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        raise _Repeated
    return result


def _first_repeated(data: Any) -> tuple[Location, int] | None:
    """The location of the first repeated key in ``data`` (read with :class:`_Pairs`)
    and how often it is given; None when there is none. Walked with a stack of its own,
    not by recursion: ``json.loads`` reads nesting as deep as the interpreter's limit,
    which a recursive walk from inside a request would pass."""
    stack: list[tuple[Location, Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, _Pairs):
            for key, times in Counter(key for key, _ in value).items():
                if times > 1:
                    return (*loc, key), times
            stack.extend(((*loc, key), item) for key, item in reversed(value))
        elif isinstance(value, list):
            stack.extend(((*loc, index), item) for index, item in reversed(list(enumerate(value))))
    return None
