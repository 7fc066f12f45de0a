"""What the API says about a reply that fails validation: each field's problem in our
words, and the one line of the refusal (``/v1/check``'s 422 ``error``, a
``/v1/check-many`` item's ``error``), so both endpoints say the same of the same reply.

pydantic's own words fall short: a validator's message (an unknown channel, with the
names accepted) comes with "Value error, " in front.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from replylint.errors import validation_message

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

#: What a field's problem is in the 422 body's ``errors`` (its value is never echoed:
#: it may be customer text).
Problem = dict[str, Any]


def problems(errors: Iterable[ErrorDetails]) -> list[Problem]:
    """Each of pydantic's (or FastAPI's) errors as ``loc``, ``msg`` and ``type``; the
    ``body`` FastAPI puts in front of a location is left out."""
    return [
        {
            "loc": [part for part in error["loc"] if part != "body"],
            "msg": validation_message(error),
            "type": error["type"],
        }
        for error in errors
    ]


def summary(found: list[Problem], whole: str) -> str:
    """The refusal in one line: the first problem as "where: what". ``whole`` names the
    place of a problem with no field (a body that is no object)."""
    first = found[0]
    return f"{'.'.join(str(part) for part in first['loc']) or whole}: {first['msg']}"
