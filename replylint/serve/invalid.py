"""What the API says about a reply that fails validation: each field's problem in our
words, and the one line of the refusal (``/v1/check``'s 422 ``error``, a
``/v1/check-many`` item's ``error``), so both endpoints say the same of the same reply.

pydantic's own words fall short in three places. A validator's message (an unknown channel,
with the names accepted) comes with "Value error, " in front. An unknown key is "Extra
inputs are not permitted", which says neither that the key is unknown nor what was meant,
and a misspelt ``rply`` also leaves ``reply`` missing, which is the error pydantic lists
first: the line said "reply: Field required" and not a word of the ``rply`` beside it.
An ``id`` of the wrong type was told "Input should be a valid string", when a whole
number is an id too. A key that is no valid text (a lone UTF-16 surrogate, ``"\\ud800"`` in
the JSON: a string cut between the two halves of an emoji, or decoded wrongly, before it
was sent) is one pydantic cannot read at all: it refused the whole object, about no field,
with "unable to parse raw data as a unicode string", and the client searched its reply
text for the fault.

A refusal lists the first :data:`MAX_LISTED` problems and counts the rest: a 1 MB body
of 60,000 unknown keys was answered with 16.8 MB (every key in the line, and again in
``errors`` with the names allowed), after two seconds of the HTTP process's time.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from replylint.errors import closest_name, validation_message
from replylint.reply_input import ReplyInput

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

#: What a field's problem is in the 422 body's ``errors`` (its value is never echoed:
#: it may be customer text).
Problem = dict[str, Any]
#: The most problems one refusal lists (in ``errors``, and in its line).
MAX_LISTED = 10
#: The longest name of an unknown field quoted whole; a longer one is cut to this.
MAX_NAME = 60
#: The fields of a reply, as an unknown one is told them.
REPLY_FIELDS = tuple(sorted(ReplyInput.model_fields))
#: What an ``id`` of the wrong type is told: pydantic's "Input should be a valid string"
#: hid that a whole number is an id too (``ReplyInput`` reads 7 and 7.0 as "7"), and a
#: client sending 1.5 or true was left to think only text is.
ID_ACCEPTED = "Input should be a string or a whole number (7 or 7.0, not 7.5 or true)"

#: What is wrong with a key that is no valid text.
BROKEN_NAME = (
    "its name is no valid text: it holds a lone surrogate (half of a UTF-16 pair, such as "
    "\\ud83d of an emoji), from a string cut or decoded wrongly before it was sent; "
    "encode the keys as UTF-8 text"
)

#: pydantic's error types for a reply that is no JSON object (a list, a string, null).
NOT_AN_OBJECT = frozenset({"model_attributes_type", "model_type"})
#: What ``/v1/check`` says of a body that is no object: a batch sent as a list, most
#: likely, or the reply's bare text.
WHOLE_BODY = (
    'Input should be one reply, a JSON object such as {"reply": "..."} (several replies '
    'go to /v1/check-many as {"items": [...]})'
)
#: What a check-many item that is no object is told.
ONE_ITEM = 'Input should be a JSON object such as {"reply": "..."}'


@dataclass(frozen=True)
class Found:
    """What validation found: the first problems (at most :data:`MAX_LISTED`), as
    pydantic wrote them, and how many there were in all."""

    errors: list[ErrorDetails]
    count: int


def reply_errors(data: Any, exc: ValidationError) -> Found:
    """The first problems of ``data``, which ``ReplyInput.model_validate`` refused with
    ``exc``, and their number. A key that is no valid text is an unknown field (no
    field's name is one), listed after the problems of the rest. pydantic writes out
    every error at a few µs each (a quarter of a second for 60,000 unknown keys): past
    :data:`MAX_LISTED`, the unknown keys beyond the first few are left out and the rest
    validated again, which finds the same first problems (pydantic lists the fields' own
    first, then the unknown keys in the order sent)."""
    broken = [key for key in data if not _is_text(key)] if isinstance(data, dict) else []
    if broken:
        return _with_broken_keys(data, broken)
    count = exc.error_count()
    if count > MAX_LISTED and isinstance(data, dict):
        fewer: dict[Any, Any] = {}
        unknown = 0
        for key, value in data.items():
            if key not in ReplyInput.model_fields:
                unknown += 1
                if unknown > MAX_LISTED:
                    continue
            fewer[key] = value
        try:
            ReplyInput.model_validate(fewer)
        except ValidationError as again:
            exc = again
    return Found(exc.errors()[:MAX_LISTED], count)


def _with_broken_keys(data: dict[Any, Any], broken: list[Any]) -> Found:
    """:func:`reply_errors` of an object with keys that are no valid text: pydantic stops
    at the first such key, so the rest is validated without them."""
    rest = {key: value for key, value in data.items() if _is_text(key)}
    try:
        ReplyInput.model_validate(rest)
        found = Found([], 0)
    except ValidationError as exc:
        found = reply_errors(rest, exc)
    unknown: list[ErrorDetails] = [
        {"type": "extra_forbidden", "loc": (key,), "msg": "Extra inputs are not permitted",
         "input": None}
        for key in broken[:MAX_LISTED]
    ]  # fmt: skip
    return Found((found.errors + unknown)[:MAX_LISTED], found.count + len(broken))


def _is_text(key: Any) -> bool:
    """Whether a key is text pydantic can read: no lone surrogate in it."""
    try:
        str(key).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def problems(
    errors: Sequence[ErrorDetails], fields: Collection[str] = REPLY_FIELDS
) -> list[Problem]:
    """The first :data:`MAX_LISTED` of pydantic's (or FastAPI's) errors as ``loc``,
    ``msg`` and ``type``; the ``body`` FastAPI puts in front of a location is left out.
    ``fields``: the names an unknown field is told are allowed."""
    return [
        {
            "loc": [_name(part) for part in error["loc"] if part != "body"],
            "msg": _message(error, fields),
            "type": error["type"],
        }
        for error in errors[:MAX_LISTED]
    ]


def summary(found: list[Problem], whole: str, count: int | None = None) -> str:
    """The refusal in one line: the first problem as "where: what", then every unknown
    field after it (a misspelt key is usually why a required field is missing), then
    how many problems ``count`` has that ``found`` does not list.
    ``whole`` names the place of a problem with no field (a body that is no object)."""
    shown = found[:1] + [p for p in found[1:] if p["type"] == "extra_forbidden"]
    line = "; ".join(
        f"{'.'.join(str(part) for part in p['loc']) or whole}: {p['msg']}" for p in shown
    )
    return line + more(found, count)


def more(found: list[Problem], count: int | None) -> str:
    """ "; and N more problems" for the problems not in ``found`` ("" when none)."""
    left = (count or 0) - len(found)
    return f"; and {left:,} more problem{'s' if left != 1 else ''}" if left > 0 else ""


def _name(part: int | str) -> int | str:
    """A location's part, a name longer than :data:`MAX_NAME` cut short (a key as long
    as the body would be written out twice in the answer)."""
    if isinstance(part, str) and len(part) > MAX_NAME:
        return part[: MAX_NAME - 3] + "..."
    return part


def _message(error: ErrorDetails, fields: Collection[str]) -> str:
    if error["type"] == "string_type" and _field(error) == "id":
        return ID_ACCEPTED
    if error["type"] in NOT_AN_OBJECT and not [p for p in error["loc"] if p != "body"]:
        # pydantic's "a valid dictionary or object to extract fields from" (or "instance
        # of ReplyInput") did not say what a reply looks like, nor where a batch goes
        return WHOLE_BODY if error["loc"] == ("body",) else ONE_ITEM
    if error["type"] != "extra_forbidden":
        return validation_message(error)
    name = str(error["loc"][-1])
    if name == "items" and name not in fields:  # a check-many body sent to /v1/check
        return 'unknown field (a list of replies goes to /v1/check-many as {"items": [...]})'
    close = closest_name(name, fields) if len(name) <= MAX_NAME else None
    hint = f"did you mean {close!r}?" if close else f"allowed: {', '.join(sorted(fields))}"
    what = "query parameter" if error["loc"][0] == "query" else "field"
    broken = "" if _is_text(name) else f"; {BROKEN_NAME}"
    return f"unknown {what} ({hint}){broken}"


def _field(error: ErrorDetails) -> int | str | None:
    """The reply's field an error is about (FastAPI's ``body`` in front left out), or
    None when it is about something within one, or no field at all."""
    loc = [part for part in error["loc"] if part != "body"]
    return loc[0] if len(loc) == 1 else None
