"""A rule pack's YAML parsed once per text, not once per linter.

Why: parsing the YAML is about nine tenths of loading a pack (the 15 shipped packs:
about 100 ms of 110 on the project's machine), and every :class:`replylint.Linter`
loads them: ``replylint check`` once per run, a ``--jobs`` worker or a service worker
once each, the test suite some 700 times. What :func:`replylint.packs.load_pack`
makes of a text depends on the text alone, so the parsed data is kept by the text's
SHA-256, in two places:

- the shipped packs' parsed data, written beside them (:data:`SNAPSHOT`, rewritten by
  ``python rules/build_parsed_packs.py``): a cold start reads JSON instead of parsing
  YAML. An entry is used only for the very text it was made from (its hash), so a pack
  edited without the snapshot rewritten is parsed as before, never read stale
  (``tests/test_parsed_packs.py`` fails until the snapshot is rewritten);
- every other text parsed in this process, in a bounded cache
  (:data:`MAX_REMEMBERED` texts, the least recently used dropped first).

Only the parsing is skipped: the data is validated again on every load (the pack's
pydantic models and checks, about a tenth of the cost), so a pack, shipped or a user's,
gives the same pack or the same error as before. The data is kept as a JSON string, an
immutable value: each load gets objects of its own, so nothing one linter holds (or
changes) reaches another. A text whose parse fails is never kept (its error is raised
again on every load), nor is data that JSON would not give back exactly (a YAML date,
a number as a mapping's key).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from replylint.resources import data_dir

#: The shipped packs' parsed data, by file name: ``{"format": 1, "packs": {name:
#: {"sha256": ..., "data": ...}}}``.
SNAPSHOT = "parsed-packs.json"
SNAPSHOT_FORMAT = 1
#: Texts kept in this process beyond the shipped ones: every pack of a few
#: configurations (a test suite's, a service's), while a process that reads packs
#: without end (an editor's language server as a pack is typed) holds at most this many.
MAX_REMEMBERED = 64

_remembered: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()


def parsed(text: str, parse: Callable[[str], Any]) -> Any:
    """``parse(text)``, or the same data from a parse of this text before (fresh objects
    each call). ``parse``'s exceptions are raised as they are, every time."""
    key = _key(text)
    known = _shipped().get(key)
    if known is None:
        with _lock:
            known = _remembered.get(key)
            if known is not None:
                _remembered.move_to_end(key)
    if known is not None:
        return json.loads(known)
    data = parse(text)
    dumped = as_json(data)
    if dumped is not None:
        with _lock:
            _remembered[key] = dumped
            while len(_remembered) > MAX_REMEMBERED:
                _remembered.popitem(last=False)
    return data


def forget() -> None:
    """Drop the texts remembered in this process (the shipped snapshot stays)."""
    with _lock:
        _remembered.clear()


def as_json(data: Any) -> str | None:
    """``data`` as JSON, or None when JSON would not give it back exactly: a date, a
    non-string key, ``nan``; or ``1.0`` read back as ``1`` (``==`` alone would say so,
    and ``True == 1`` too)."""
    try:
        dumped = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return dumped if _same(json.loads(dumped), data) else None


def _same(a: Any, b: Any) -> bool:
    """Equal, of the same types and in the same order (a mapping's keys) all the way
    down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _shipped() -> Mapping[str, str]:
    """The snapshot's data as JSON strings, by the hash of the text each was parsed
    from; empty when there is no snapshot (or one of another format). Read once."""
    path = data_dir("rules") / SNAPSHOT
    try:
        snapshot = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return MappingProxyType({})
    if not isinstance(snapshot, dict) or snapshot.get("format") != SNAPSHOT_FORMAT:
        return MappingProxyType({})
    entries = snapshot.get("packs")
    if not isinstance(entries, dict):
        return MappingProxyType({})
    return MappingProxyType(
        {
            entry["sha256"]: json.dumps(entry["data"], ensure_ascii=False)
            for entry in entries.values()
            if isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
        }
    )


def snapshot_of(paths: list[Path], parse: Callable[[str], Any]) -> dict[str, Any]:
    """The snapshot of these pack files (their texts parsed with ``parse``)."""
    packs: dict[str, Any] = {}
    for path in sorted(paths):
        text = path.read_bytes().decode("utf-8")
        data = parse(text)
        if as_json(data) is None:
            continue  # (parsed at each start instead; no shipped pack is such)
        packs[path.name] = {"sha256": _key(text), "data": data}
    return {"format": SNAPSHOT_FORMAT, "packs": packs}


def write_snapshot() -> Path:
    """Write the shipped packs' snapshot beside them (after a pack is edited)."""
    from replylint.packs import builtin_pack_paths, parse_pack_yaml

    path = data_dir("rules") / SNAPSHOT
    snapshot = snapshot_of(builtin_pack_paths(), parse_pack_yaml)
    path.write_text(
        json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return path
