"""Counts in words: "1 rule", "2 rules".

Messages that count what they speak of ("explain tone" covers 2 rules, 1 of 3 workers
has another version) wrote the noun in the plural whatever the count, so a pack of one
rule was "covers 1 rules". Each such message says its count with :func:`counted`.
"""

from __future__ import annotations

__all__ = ["counted"]


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, in the plural unless the count is one ("1 rule", "0
    rules", "1,200 rows"); ``plural`` for a noun not made plural by an "s" ("reply",
    "replies")."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
