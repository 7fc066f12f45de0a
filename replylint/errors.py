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

__all__ = ["UserError"]


class UserError(Exception):
    """A mistake in what the user gave replylint; the message says what to do."""
