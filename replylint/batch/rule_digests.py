"""What the rules of a Dask run are made of, by content: a digest of each rule pack and
of each rule module's source.

The client and the workers compare replylint's version and each rule plugin's
(:mod:`replylint.batch.cluster`), but versions do not say everything: a team's pack
edited on the client (or copied to one worker only), a plugin installed in editable mode
and changed since, or replylint run from a source tree, give the same versions and other
findings, and each worker scored with what it had, without a word. So both sides also
compare these digests, each named as an error names it.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

from replylint.config import LinterConfig
from replylint.packs import builtin_pack_paths
from replylint.rule import Rule

__all__ = ["Digests", "digest_differences", "rules_digests"]

#: (what, SHA-256 of its content), in a fixed order: the packs, then the rule modules.
Digests = tuple[tuple[str, str], ...]


def rules_digests(config: LinterConfig, classes: Sequence[type[Rule]]) -> Digests:
    """The digest of each rule pack ``config`` loads (the shipped ones by name, since
    replylint may be installed elsewhere on each machine; a team's by its path, which
    every worker reads) and of the source file of each module that defines one of
    ``classes``."""
    shipped = builtin_pack_paths()
    found = [(f"the shipped pack rules/{path.name}", _file_digest(path)) for path in shipped]
    found += [(f"the rule pack {path}", _file_digest(path)) for path in config.packs]
    for name in sorted({rule.__module__ for rule in classes}):
        source = getattr(sys.modules.get(name), "__file__", None)
        found.append(
            (f"the rule module {name}", _file_digest(Path(source)) if source else "no source")
        )
    return tuple(found)


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:  # (the linter's own error names it, where it loads the file)
        return f"unreadable ({exc.strerror})"


def digest_differences(ours: Digests, theirs: Sequence[Digests]) -> list[str]:
    """What differs between ``ours`` and any of ``theirs``, as named in ``ours`` (or in
    theirs, for what one side has and the other has not), in order."""
    mine = dict(ours)
    names = [*mine, *(name for other in theirs for name in dict(other) if name not in mine)]
    return [
        name
        for name in dict.fromkeys(names)
        if any(dict(other).get(name) != mine.get(name) for other in theirs)
    ]
