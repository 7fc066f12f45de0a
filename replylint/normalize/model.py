"""The value types `normalize` returns.

They live in their own module so every step of the pipeline can name them
without importing the pipeline itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from replylint.normalize.offsets import OffsetMap

RegionKind = Literal["signoff", "placeholder"]
RemovedKind = Literal["markup", "quote", "signature", "footer", "handle"]


@dataclass(frozen=True, slots=True)
class Region:
    """A span of the *normalised* text that a check may want to treat specially.

    The text stays in place (a check reading "Many thanks" needs the words), the
    region only says what it is: the agent's sign-off, or a template placeholder
    that was replaced by a stand-in word.
    """

    kind: RegionKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Removed:
    """A span of the *original* input that is not part of the agent's reply.

    Kept so that a caller can explain why text it sees in the raw message was
    not analysed (quoted history, a legal footer, markup, a leading @handle).
    """

    kind: RemovedKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NormalizedReply:
    """A raw reply and the text the checks read, with a way back to the raw input."""

    original: str
    text: str
    offsets: OffsetMap
    regions: tuple[Region, ...]
    removed: tuple[Removed, ...]
    is_html: bool
