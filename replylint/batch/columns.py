"""Which input column holds what: explicit options, else the usual export names.

Exports spell the same column many ways (``Reply``, `` reply ``, ``Ticket ID``,
``ticket-id``), so names are compared by a normalised key: case, surrounding spaces and
the separators ``_ - . space`` do not count. A name that matches nothing is not a silent
default either: an explicit name must exist, and a column that two headers could be
(``reply`` twice, or ``Reply`` and ``reply``) is an error, because reading it would keep
one of them and drop the other without a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from replylint.errors import UserError

DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("reply", "text", "body", "message", "content", "response", "answer"),
    "id": ("id", "reply_id", "message_id", "ticket_id", "comment_id"),
    "channel": ("channel", "via", "source_channel"),
    "customer": ("customer_message", "customer", "question", "request", "inbound"),
    "agent": ("agent", "agent_id", "agent_name", "assignee", "author"),
    "customer_name": ("customer_name", "requester_name", "customer_first_name"),
    # Never guessed: an export's "template" column often names the macro used, which
    # says nothing about whether the row still is one. Only --template-col picks it.
    "template": (),
}

_SEPARATORS = re.compile(r"[\s_.\-]+")


class ColumnError(UserError, ValueError):
    """A requested column is missing or ambiguous; the message lists the available ones."""


def column_key(name: str) -> str:
    """How a column name is compared: ``Ticket ID``, ``ticket_id`` and `` ticket-id ``
    are the same column."""
    return _SEPARATORS.sub("_", name.strip().casefold()).strip("_")


@dataclass(frozen=True)
class ColumnMap:
    text: str
    id: str | None
    channel: str | None
    customer: str | None
    agent: str | None
    #: The customer's name as the ticket system knows it (read by customer_name).
    customer_name: str | None = None
    #: A true/false column: the row is a template (placeholders expected), not a sent reply.
    template: str | None = None

    @classmethod
    def resolve(
        cls,
        available: Sequence[str],
        *,
        text: str | None = None,
        id: str | None = None,
        channel: str | None = None,
        customer: str | None = None,
        agent: str | None = None,
        customer_name: str | None = None,
        template: str | None = None,
    ) -> ColumnMap:
        """Explicit names must exist (exactly, else by their normalised key); otherwise
        the first default name present (by key) is used. Only the text column is
        required (ids default to the row number). ``available`` is the header as read,
        repeats included: a chosen column named twice is a :class:`ColumnError`."""
        chosen = {"text": text, "id": id, "channel": channel, "customer": customer,
                  "agent": agent, "customer_name": customer_name,
                  "template": template}  # fmt: skip
        names = list(available)
        resolved: dict[str, str | None] = {}
        for role, explicit in chosen.items():
            option = f"--{role.replace('_', '-')}-col"
            if explicit is not None:
                found = _find(names, explicit, option)
                if found is None:
                    raise ColumnError(
                        f"no column {explicit!r} for {option}; the input has: " + _listed(names)
                    )
                resolved[role] = found
            else:
                resolved[role] = next(
                    (f for c in DEFAULTS[role] if (f := _find(names, c, option)) is not None),
                    None,
                )
        if resolved["text"] is None:
            raise ColumnError(
                "cannot tell which column holds the reply text; pass --text-col. "
                "The input has: " + _listed(names)
            )
        return cls(
            text=str(resolved["text"]), id=resolved["id"], channel=resolved["channel"],
            customer=resolved["customer"], agent=resolved["agent"],
            customer_name=resolved["customer_name"], template=resolved["template"],
        )  # fmt: skip


def _find(names: list[str], wanted: str, option: str) -> str | None:
    """The one column called ``wanted``: spelled exactly, else by key. None when there
    is none; a :class:`ColumnError` when two columns could be it."""
    exact = [n for n in names if n == wanted]
    if len(exact) > 1:
        raise ColumnError(
            f"the input names the column {wanted!r} {len(exact)} times, so its cells cannot "
            "be told apart; rename the repeats in the header"
        )
    if exact:
        return exact[0]
    similar = [n for n in names if column_key(n) == column_key(wanted)]
    if len(similar) > 1:
        raise ColumnError(
            "columns " + " and ".join(repr(n) for n in similar) + f" could both be {wanted!r}; "
            f"name one exactly with {option}, or rename the other in the header"
        )
    return similar[0] if similar else None


def _listed(names: list[str]) -> str:
    return ", ".join(repr(n) if n != n.strip() or not n else n for n in names)
