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
while the service runs. A change to a pack or model on disk takes effect when the service
is restarted. Nothing here imports spaCy or FastAPI: the HTTP process takes the snapshot,
the workers read it.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from replylint import packs
from replylint.config import BUNDLED_MODEL, RULES_ONLY, ConfigSource, LinterConfig

#: The name of the model directory's copy in the snapshot's folder.
MODEL_COPY = "model"


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
    folder = tempfile.mkdtemp(prefix="replylint-serve-")
    try:
        shutil.copytree(setting, Path(folder) / MODEL_COPY, symlinks=False)
    except (OSError, shutil.Error) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise SnapshotError(
            f"model: {setting}: cannot copy it for the check workers ({_why(exc)}); every "
            "worker loads one copy, taken at start, so that all check with the same model"
        ) from None
    return ModelCopy(setting, folder)


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
