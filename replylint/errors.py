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

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

__all__ = ["UserError", "validation_message"]


class UserError(Exception):
    """A mistake in what the user gave replylint; the message says what to do."""


def validation_message(error: ErrorDetails) -> str:
    """What pydantic found wrong, for a one-line error: our validators' own messages as
    written (pydantic puts "Value error, " in front of them), its own otherwise."""
    context = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in context:
        return str(context["error"])
    return error["msg"]
