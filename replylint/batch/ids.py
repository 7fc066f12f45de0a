"""Ids used by more than one row, found in memory that does not grow with the input.

Results follow input rows by position (``--resume`` relies on nothing else), so a repeated
id loses no row; but it breaks joining results back to tickets by id, so the summary
warns about it. Remembering every id would make memory grow with the row count, so a
fixed-size Bloom filter flags the ids that may have been seen before; only those
candidates are kept, and a second pass over the written ids counts them exactly.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

_BITS = 1 << 26  # 8 MiB: about 1e-5 false candidates per id at a million rows
_HASHES = 4
MAX_CANDIDATES = 200_000
"""Candidates kept at most; past it (millions of repeats) the count is a lower bound."""


@dataclass(frozen=True)
class Repeated:
    """How many distinct ids occur on more than one row, and a few of them."""

    count: int = 0
    examples: tuple[str, ...] = ()
    complete: bool = True  # False when the candidate limit was reached


@dataclass
class RepeatedIds:
    """Feed every id with :meth:`add`, then :meth:`confirm` against the ids as written."""

    _bits: bytearray = field(default_factory=lambda: bytearray(_BITS // 8), repr=False)
    _candidates: set[str] = field(default_factory=set)
    _overflow: bool = False

    def add(self, row_id: str) -> None:
        positions = _positions(row_id)
        if all(self._bits[p >> 3] & (1 << (p & 7)) for p in positions):
            if len(self._candidates) < MAX_CANDIDATES:
                self._candidates.add(row_id)
            else:
                self._overflow = True
            return
        for p in positions:
            self._bits[p >> 3] |= 1 << (p & 7)

    def confirm(self, ids: Iterable[str]) -> Repeated:
        """Count the candidates among ``ids`` (the same ids again, e.g. read back from the
        output). Nothing is read when no id was flagged."""
        if not self._candidates:
            return Repeated()
        counts = Counter(i for i in ids if i in self._candidates)
        repeated = [i for i, n in counts.items() if n > 1]
        return Repeated(len(repeated), tuple(repeated[:3]), complete=not self._overflow)


def _positions(row_id: str) -> list[int]:
    digest = hashlib.blake2b(
        row_id.encode("utf-8", "surrogateescape"), digest_size=4 * _HASHES
    ).digest()
    return [int.from_bytes(digest[i : i + 4], "little") % _BITS for i in range(0, 4 * _HASHES, 4)]
