"""What every check worker builds its linter from: the configuration the service started
with, and the files it names, read once, when the service starts.

A worker started later (one replaced after a check past the time limit, or a crash) must
check as its siblings do. Built from the configuration alone, it read the rule packs and
the model directory from disk again: a pack edited since gave it other rules than the
workers started before it, and a pack broken since kept it from starting at all, try
after try (with ``--workers 1`` the service then answered 503 "still loading" for good).

So :meth:`Snapshot.take` reads them once, before the first worker starts:

- the text of each pack the configuration names (``packs``, ``--pack``) is kept here and
  travels to every worker, which builds its linter from it and not from the files
  (:meth:`Snapshot.pack_texts`); the paths, and every message naming them, stay as written;
- a model directory of the team's own (``model = "models/ours"``, ``--model``) is copied
  into a private temporary folder, which every worker loads (``replylint train --force``
  into the directory of a running service replaces it on disk); a load error names the
  directory the configuration gave, not the copy. The bundled model and the built-in
  packs come with the installed code, which a worker imports as it starts.

The cost: a pack's text per worker process, and one copy of a model directory (a few MB)
while the service runs. The copy is removed at exit; a service killed outright (``kill
-9``, the machine's out-of-memory killer) cannot remove it, so each copy's folder names
its owner (:data:`OWNER_FILE`) and the next service started on the machine removes the
copies of services no longer running (:func:`sweep_orphans`). A change to a pack or model
on disk takes effect when the service is restarted. Nothing here imports spaCy or
FastAPI: the HTTP process takes the snapshot, the workers read it.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from replylint import packs
from replylint.config import BUNDLED_MODEL, RULES_ONLY, ConfigSource, LinterConfig

#: The name of the model directory's copy in the snapshot's folder.
MODEL_COPY = "model"
#: The prefix of a snapshot's folder in the temporary directory.
FOLDER_PREFIX = "replylint-serve-"
#: The file in a snapshot's folder naming the service that made it: its process id and
#: host (two containers sharing a temporary directory have separate process ids).
OWNER_FILE = "owner.json"


class SnapshotError(Exception):
    """A file the configuration names could not be kept for the workers; says why."""


@dataclass(frozen=True)
class PackText:
    """One pack as read when the service started: its text, or None when it could not
    be read (the workers then read it and fail with the error, as they would have)."""

    path: str
    text: str | None


@dataclass(frozen=True)
class ModelCopy:
    """The private copy of the configuration's model directory."""

    #: The ``model`` setting the configuration gave (the directory copied).
    original: str
    #: The temporary folder holding the copy (removed by :meth:`Snapshot.discard`).
    folder: str

    @property
    def copy(self) -> str:
        return str(Path(self.folder) / MODEL_COPY)


@dataclass(frozen=True)
class Snapshot:
    """The configuration, as JSON for the workers, and the packs' and model's contents
    at the service's start (pickled to each worker as it is started)."""

    #: The configuration every worker builds its linter from (its ``model``: the copy).
    config_json: str
    packs: tuple[PackText, ...] = ()
    model: ModelCopy | None = None

    @classmethod
    def take(cls, config: LinterConfig) -> Snapshot:
        """Read the configuration's packs and copy its model directory, now. Raises
        :class:`SnapshotError` when the model directory cannot be copied."""
        texts = tuple(_pack_text(path) for path in dict.fromkeys(config.packs))
        model = _copy_model(config.model)
        if model is not None:
            config = config.model_copy(
                update={"model": model.copy, "source": _renamed(config.source, model)}
            )
        return cls(config.model_dump_json(), texts, model)

    def pack_texts(self) -> dict[str, str]:
        """The packs' texts by path as the configuration gives it, for the workers'
        :class:`~replylint.Linter` (``pack_texts``), which reads them instead of the
        files. A pack that could not be read at the start is left out: the worker reads it
        and fails with that error, as the first worker did, so the service never starts
        on it."""
        return {pack.path: pack.text for pack in self.packs if pack.text is not None}

    def spoken(self, message: str) -> str:
        """``message`` (a worker's load error) naming the model directory the
        configuration gave rather than its copy."""
        if self.model is None:
            return message
        return message.replace(self.model.copy, self.model.original)

    def discard(self) -> None:
        """Remove the model's copy (once no worker is left to read it). Idempotent."""
        if self.model is not None:
            shutil.rmtree(self.model.folder, ignore_errors=True)


def _pack_text(path: Path) -> PackText:
    try:
        return PackText(str(path), packs.read_pack_text(path))
    except packs.PackError:
        return PackText(str(path), None)


def _copy_model(setting: str) -> ModelCopy | None:
    """A copy of the model directory ``setting`` names, or None for the bundled model,
    the rules alone, or a directory that is not there (the worker then says so, naming
    it as the configuration did)."""
    if setting in (BUNDLED_MODEL, RULES_ONLY) or not Path(setting).is_dir():
        return None
    sweep_orphans()
    folder = tempfile.mkdtemp(prefix=FOLDER_PREFIX)
    try:
        _owner_path(Path(folder)).write_text(json.dumps(_owner()), encoding="utf-8")
        shutil.copytree(setting, Path(folder) / MODEL_COPY, symlinks=False)
    except (OSError, shutil.Error) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise SnapshotError(
            f"model: {setting}: cannot copy it for the check workers ({_why(exc)}); every "
            "worker loads one copy, taken at start, so that all check with the same model"
        ) from None
    return ModelCopy(setting, folder)


def sweep_orphans(temp_dir: Path | None = None) -> list[Path]:
    """Remove the model copies left in ``temp_dir`` (the temporary directory) by services
    that are no longer running on this host, and return them. A folder whose owner is
    still running, is on another host, cannot be read, or belongs to another user is
    left alone: a live service's copy must never go (its next replaced worker loads it)."""
    removed = []
    for folder in _snapshot_folders(temp_dir or Path(tempfile.gettempdir())):
        owner = _read_owner(folder)
        if owner is None or owner.get("host") != _host() or _running(owner.get("pid")):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed


def _snapshot_folders(temp_dir: Path) -> Iterator[Path]:
    try:
        candidates = list(temp_dir.glob(f"{FOLDER_PREFIX}*"))
    except OSError:
        return
    for folder in candidates:
        try:
            if folder.is_dir() and not folder.is_symlink() and _is_ours(folder):
                yield folder
        except OSError:
            continue


def _is_ours(folder: Path) -> bool:
    getuid = getattr(os, "getuid", None)  # not on Windows
    return getuid is None or folder.stat().st_uid == getuid()


def _owner() -> dict[str, object]:
    return {"pid": os.getpid(), "host": _host()}


def _owner_path(folder: Path) -> Path:
    return folder / OWNER_FILE


def _read_owner(folder: Path) -> dict[str, object] | None:
    try:
        owner = json.loads(_owner_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return owner if isinstance(owner, dict) else None


def _host() -> str:
    return platform.node()


def _running(pid: object) -> bool:
    """Whether process ``pid`` is running (or may be: one that cannot be asked about
    counts as running, so its folder stays). Only asked on POSIX: on Windows
    ``os.kill`` ends the process it is given."""
    if os.name != "posix":
        return True
    if isinstance(pid, bool) or not isinstance(pid, int) or pid <= 0:
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _why(exc: OSError | shutil.Error) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    first = exc.args[0][0] if exc.args and exc.args[0] else None  # (src, dst, why) each
    return str(first[2]) if first else str(exc)


def _renamed(source: ConfigSource | None, model: ModelCopy) -> ConfigSource | None:
    """``source`` with the model it wrote renamed to the copy: an error about the model
    still names the configuration file that chose it."""
    if source is None:
        return None
    names = frozenset(
        (key, model.copy if (key, name) == ("model", model.original) else name)
        for key, name in source.names
    )
    return source.model_copy(update={"names": names})
