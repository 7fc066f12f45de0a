"""Which linter checks a document: the one its repository's configuration describes.

The configuration is found as ``replylint check`` finds it (the nearest file of
:data:`replylint.configfile.CONFIG_FILES` from the document's folder upwards, a
``pyproject.toml`` only with ``[tool.replylint]``; ``--config`` names one, ``--isolated``
ignores them), so the editor and the pre-commit hook report the same findings. Building
a linter loads the language pipeline (seconds), so each configuration's linter is built
once and kept until its file, or a rule pack it names, changes on disk (a team edits its
pack beside its macros and expects the next check to use it); a few are kept, for a
workspace of several repositories.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from replylint.config import ConfigError, LinterConfig
from replylint.configfile import excluded_by, find_config, load_settings
from replylint.linter import Linter
from replylint.packs import PackError
from replylint.registry import PluginError

#: A file's identity: its path and, to notice edits, its modification time and size.
_Stamp = tuple[Path | None, int, int]
#: What a linter is built from: the configuration file's stamp (None for "no
#: configuration file") and those of the rule packs it names.
_Key = tuple[_Stamp, tuple[_Stamp, ...]]


class SetupError(Exception):
    """The configuration (or a pack or plugin it names) is unusable: the message names
    the file and what to change, as the CLI's one-line error would."""


def build_linter(config: LinterConfig) -> Linter:
    """A linter for ``config``, with the errors a user can cause (an unknown rule name, a
    broken pack or plugin, an unusable model) as :class:`SetupError`; the linter names
    the configuration file where the file wrote the bad name."""
    try:
        return Linter(config)
    except (ConfigError, PackError, PluginError) as exc:
        raise SetupError(str(exc)) from None


class LinterCache:
    """The linter for each configuration in use, built on first need."""

    def __init__(
        self,
        *,
        config: Path | None = None,
        isolated: bool = False,
        keep: int = 4,
        build: Callable[[LinterConfig], Linter] = build_linter,
    ) -> None:
        """``config`` and ``isolated`` are the server's ``--config`` and ``--isolated``;
        ``keep`` bounds the linters kept; ``build`` makes one (a stub in tests)."""
        self._config = config
        self._isolated = isolated
        self._keep = keep
        self._build = build
        self._linters: OrderedDict[_Key, Linter] = OrderedDict()
        self._lock = threading.Lock()

    def config_file(self, document: Path | None) -> Path | None:
        """The configuration file that applies to ``document`` (None: an unsaved buffer,
        searched from the current folder as ``replylint check -`` does)."""
        if self._isolated:
            return None
        if self._config is not None:
            return self._config
        try:
            return find_config(document if document is not None else Path.cwd())
        except ConfigError as exc:  # two config files in one folder
            raise SetupError(str(exc)) from None

    def excludes(self, document: Path | None) -> bool:
        """Does the configuration that applies to ``document`` leave it out with its
        ``exclude`` (a README.md beside the macros), as ``check DIR`` and the pre-commit
        hook do? An unusable configuration excludes nothing: the check reports it."""
        if document is None:
            return False
        try:
            return excluded_by(self.config_file(document), document)
        except (SetupError, ConfigError):
            return False

    def linter_for(self, document: Path | None) -> Linter:
        """The linter for ``document``; :class:`SetupError` when its configuration is
        unusable. Thread-safe: documents are checked off the protocol's thread."""
        path = self.config_file(document)
        config = _linter_config(path)  # (a small file, read again: its packs may be new)
        key = (_stamp(path), tuple(_pack_stamp(config, pack) for pack in config.packs))
        with self._lock:
            linter = self._linters.get(key)
            if linter is None:
                linter = self._build(config)
                self._linters[key] = linter
                # Drop the linter of the same file before its edit, then the oldest.
                for old in [k for k in self._linters if k[0][0] == path and k != key]:
                    del self._linters[old]
                while len(self._linters) > self._keep:
                    self._linters.popitem(last=False)
            self._linters.move_to_end(key)
            return linter


def template_mode(config: LinterConfig) -> bool:
    """Whether the editor checks documents as templates: yes unless the repository's
    configuration says ``template = false``. A macro repository holds templates, so an
    unset ``template`` means template mode here (as in the pre-commit hook), while a
    repository of finished replies can say so and get ``template_residue`` reported."""
    return config.template is not False


def _stamp(path: Path | None, role: str = "config") -> _Stamp:
    if path is None:
        return (None, 0, 0)
    try:
        stat = path.stat()
    except OSError as exc:
        raise SetupError(f"{role} {path}: cannot read it ({exc.strerror})") from None
    return (path, stat.st_mtime_ns, stat.st_size)


def _pack_stamp(config: LinterConfig, pack: Path) -> _Stamp:
    """:func:`_stamp` of a pack the configuration names; one that cannot be read is an
    error naming the configuration file and its ``packs`` key, as ``check`` says."""
    try:
        return _stamp(pack, role="pack")
    except SetupError as exc:
        message = config.located("packs", str(pack.resolve()), f"packs: {exc}")
        raise SetupError(message) from None


def _linter_config(path: Path | None) -> LinterConfig:
    """The linter configuration a file describes, with its relative paths (packs, model)
    read from the file's folder; the errors a user can cause become :class:`SetupError`."""
    try:
        if path is None:
            return LinterConfig()
        return load_settings(path).linter_config(path.parent)
    except (ConfigError, PackError, PluginError) as exc:
        raise SetupError(str(exc)) from None
