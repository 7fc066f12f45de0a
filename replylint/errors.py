"""The one base class of every error a user can cause and fix.

Bad input, a bad option, configuration, pack, plug-in, gold file or output path: each
module raises its own subclass (so a library caller can catch exactly what it expects),
and every command line turns any of them into one line on stderr and exit code 2
(DESIGN.md). The command line catches this base alone, so it need not import a
subcommand's modules (training, batch readers, evaluation) just to name their errors:
each subcommand imports what it needs when it runs, which keeps ``replylint check``'s
start-up short.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

__all__ = ["UserError", "closest_name", "validation_message"]


class UserError(Exception):
    """A mistake in what the user gave replylint; the message says what to do."""


def validation_message(error: ErrorDetails) -> str:
    """What pydantic found wrong, for a one-line error: our validators' own messages as
    written (pydantic puts "Value error, " in front of them), its own otherwise."""
    context = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in context:
        return str(context["error"])
    return error["msg"]


def closest_name(name: str, known: Collection[str], *, cutoff: float = 0.6) -> str | None:
    """The known name nearest to a misspelt one, for a "did you mean" hint: one that
    differs only in case first ("JARGON"; difflib counts case), else difflib's nearest
    one with a ratio of at least ``cutoff``, if any."""
    pool = sorted(known)
    same_letters = [k for k in pool if k.casefold() == name.casefold()]
    if same_letters:
        return same_letters[0]
    found = difflib.get_close_matches(name, pool, n=1, cutoff=cutoff)
    return found[0] if found else None
