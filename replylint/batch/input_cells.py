"""What a run's input holds that its verdicts depend on, by content: a digest of each
column's cells as read (the reply, channel, customer's message, agent, customer's name,
template flag), and the row count. A run record keeps them
(:mod:`replylint.batch.run_record`), so that ``--resume`` refuses an input changed since.

The results of the rows already written say only some of this: an id and an agent, and
the reply and customer message where JSONL output keeps the text. A re-export whose
customer-name, channel or template cells (or, in CSV output or with ``--no-text``,
replies) changed under the same ids was resumed without a word, and one results file
held rows judged on two readings of the same tickets. The ids are not digested (they
change no verdict, and the written ones are compared row by row), nor is any column no
option reads: a re-export whose ``Status`` or ``Updated at`` changed is the same input.

The digest covers every row, not only those written: a run killed at any row must be
comparable, and its record is written before the first row. So the input is read once
more before it is scored, which costs a fraction of scoring it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from replylint.batch.rows import RowIn

__all__ = ["ROLES", "cell_digests"]

#: Each digested column's role (as :class:`~replylint.batch.columns.ColumnMap` names
#: it), and how a refusal names its cells.
ROLES = {
    "text": "reply",
    "channel": "channel",
    "customer": "customer message",
    "agent": "agent",
    "customer_name": "customer-name",
    "template": "template",
}


def cell_digests(rows: Iterable[RowIn]) -> dict[str, Any]:
    """``{"rows": N, ROLE: SHA-256, ...}`` over ``rows``, a role's cells as read, in row
    order. A row that could not be read (not UTF-8) counts by why, as its reply."""
    digests = {role: hashlib.sha256() for role in ROLES}
    count = 0
    for row in rows:
        count += 1
        cells = {
            "text": row.text if row.problem is None else ["unreadable", row.problem],
            "channel": row.channel,
            "customer": row.customer_message or None,  # (an empty cell is none)
            "agent": row.agent,
            "customer_name": row.customer_name or None,
            "template": row.template,
        }
        for role, value in cells.items():
            # one JSON value a line: ASCII (a cell's lone surrogate escaped), unambiguous
            digests[role].update(json.dumps(value).encode("ascii") + b"\n")
    return {"rows": count, **{role: digest.hexdigest() for role, digest in digests.items()}}
