"""Which input column holds what: explicit options, else the usual export names."""

from __future__ import annotations

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


class ColumnError(UserError, ValueError):
    """A requested column is missing; the message lists the available ones."""


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
        """Explicit names must exist; otherwise the first default name present is used.
        Only the text column is required (ids default to the row number)."""
        chosen = {"text": text, "id": id, "channel": channel, "customer": customer,
                  "agent": agent, "customer_name": customer_name,
                  "template": template}  # fmt: skip
        names = list(available)
        resolved: dict[str, str | None] = {}
        for role, explicit in chosen.items():
            if explicit is not None:
                if explicit not in names:
                    raise ColumnError(
                        f"no column {explicit!r} for --{role.replace('_', '-')}-col; the "
                        "input has: " + ", ".join(names)
                    )
                resolved[role] = explicit
            else:
                resolved[role] = next((c for c in DEFAULTS[role] if c in names), None)
        if resolved["text"] is None:
            raise ColumnError(
                "cannot tell which column holds the reply text; pass --text-col. "
                "The input has: " + ", ".join(names)
            )
        return cls(
            text=str(resolved["text"]), id=resolved["id"], channel=resolved["channel"],
            customer=resolved["customer"], agent=resolved["agent"],
            customer_name=resolved["customer_name"], template=resolved["template"],
        )  # fmt: skip
