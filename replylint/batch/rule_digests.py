"""What the rules of a Dask run are made of, by content: a digest of each rule pack, of
each rule module's source and of a checks model directory.

The client and the workers compare replylint's version and each rule plugin's
(:mod:`replylint.batch.cluster`), but versions do not say everything: a team's pack
edited on the client (or copied to one worker only), a plugin installed in editable mode
and changed since, or replylint run from a source tree, give the same versions and other
findings, and each worker scored with what it had, without a word. So both sides also
compare these digests, each named as an error names it. A run record keeps them too
(:mod:`replylint.batch.run_record`), so that ``--resume`` refuses rules or a model that
changed since the results it completes were written.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

from replylint.config import BUNDLED_MODEL, RULES_ONLY, LinterConfig
from replylint.packs import builtin_pack_paths
from replylint.rule import Rule

__all__ = ["Digests", "digest_differences", "rules_digests"]

#: (what, SHA-256 of its content), in a fixed order: the packs, the rule modules, then a
#: checks model directory.
Digests = tuple[tuple[str, str], ...]


def rules_digests(config: LinterConfig, classes: Sequence[type[Rule]]) -> Digests:
    """The digest of each rule pack ``config`` loads (the shipped ones by name, since
    replylint may be installed elsewhere on each machine; a team's by its path, which
    every worker reads), of the source file of each module that defines one of
    ``classes``, and of the checks model directory ``config`` names, if any
    (:func:`_model_digest`)."""
    shipped = builtin_pack_paths()
    found = [(f"the shipped pack rules/{path.name}", _file_digest(path)) for path in shipped]
    found += [(f"the rule pack {path}", _file_digest(path)) for path in config.packs]
    for name in sorted({rule.__module__ for rule in classes}):
        source = getattr(sys.modules.get(name), "__file__", None)
        found.append(
            (f"the rule module {name}", _file_digest(Path(source)) if source else "no source")
        )
    if config.model not in (BUNDLED_MODEL, RULES_ONLY):
        found.append((f"the checks model {config.model}", _model_digest(Path(config.model))))
    return tuple(found)


def _model_digest(folder: Path) -> str:
    """The digest of a model directory written by ``replylint train``: of each file in
    it (hidden ones aside: a file manager's ``.DS_Store`` changes no verdict), by its
    path in the folder and its content. The setting names only the folder, and ``train
    --out DIR --force`` puts another model there under the same name: a run resumed
    after that judged its last rows by the new model and its first by the old one. (The
    bundled model comes with replylint's version, which the record keeps.)"""
    digest = hashlib.sha256()
    try:
        files = sorted(
            (path.relative_to(folder), path) for path in folder.rglob("*") if path.is_file()
        )
        for name, path in files:
            if not any(part.startswith(".") for part in name.parts):
                digest.update(name.as_posix().encode("utf-8") + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError as exc:  # (the linter's own error names it, where it loads the model)
        return f"unreadable ({exc.strerror})"
    return digest.hexdigest()


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
