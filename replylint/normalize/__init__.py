"""Turn a raw support reply into the text the checks analyse.

`normalize` renders HTML, cuts quoted history, signatures, footers and leading
@handles, replaces template placeholders by stand-in words, tidies whitespace
and marks the agent's sign-off, while keeping an exact map from every
character of the result back to the raw input (`OffsetMap.to_original`), so a
finding can be shown where the agent typed it.
"""

from replylint.normalize.model import (
    NormalizedReply,
    Region,
    RegionKind,
    Removed,
    RemovedKind,
)
from replylint.normalize.offsets import OffsetMap
from replylint.normalize.pipeline import InputFormat, normalize

__all__ = [
    "InputFormat",
    "NormalizedReply",
    "OffsetMap",
    "Region",
    "RegionKind",
    "Removed",
    "RemovedKind",
    "normalize",
]
