"""What the API says about a reply that fails validation: each field's problem in our
words, and the one line of the refusal (``/v1/check``'s 422 ``error``, a
``/v1/check-many`` item's ``error``), so both endpoints say the same of the same reply.

pydantic's own words fall short in two places. A validator's message (an unknown channel,
with the names accepted) comes with "Value error, " in front. An unknown key is "Extra
inputs are not permitted", which says neither that the key is unknown nor what was meant,
and a misspelt ``rply`` also leaves ``reply`` missing, which is the error pydantic lists
first: the line said "reply: Field required" and not a word of the ``rply`` beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from replylint.errors import closest_name, validation_message
from replylint.reply_input import ReplyInput

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
            "msg": _message(error),
            "type": error["type"],
        }
        for error in errors
    ]


def summary(found: list[Problem], whole: str) -> str:
    """The refusal in one line: the first problem as "where: what", then every unknown
    field after it (a misspelt key is usually why a required field is missing).
    ``whole`` names the place of a problem with no field (a body that is no object)."""
    shown = found[:1] + [p for p in found[1:] if p["type"] == "extra_forbidden"]
    return "; ".join(
        f"{'.'.join(str(part) for part in p['loc']) or whole}: {p['msg']}" for p in shown
    )


def _message(error: ErrorDetails) -> str:
    if error["type"] != "extra_forbidden":
        return validation_message(error)
    fields = sorted(ReplyInput.model_fields)
    close = closest_name(str(error["loc"][-1]), fields)
    hint = f"did you mean {close!r}?" if close else f"allowed: {', '.join(fields)}"
    return f"unknown field ({hint})"
