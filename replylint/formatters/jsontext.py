"""JSON text that is UTF-8 whatever an input's name holds.

A file name that is not UTF-8 (``r\\xe9ply.txt``, from an old Windows archive) reaches
Python as a string with a lone surrogate for each such byte (``r\\udce9ply.txt``), and
``json.dumps(..., ensure_ascii=False)`` leaves it in the text as it is: the output then
held the raw byte 0xE9, which is no UTF-8, so a JSON reader refused the whole document
(Python's ``json.loads``) or read the name as another (``jq``). Written as a ``\\udce9``
escape instead, the document is UTF-8, and ``json.loads`` gives back the name as Python
read it (``os.fsencode`` turns it into the file's own bytes again).
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["dumps"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: object, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)`` with every lone surrogate
    written as a ``\\uXXXX`` escape (one can only be inside a string there)."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
