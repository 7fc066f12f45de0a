"""Reading what the command line is given: reply files, standard input, and the reply
files under a folder (a macro repository).

The CLI turns :class:`InputFileError` into one line on stderr and exit 2; ``check``
given several files reports each unreadable one that way and still checks the others.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from replylint.configfile import (
    CONFIG_FILES,
    FileSettings,
    find_config,
    has_tool_table,
    has_tool_table_text,
    load_settings,
    settings_from,
)
from replylint.documents import document_kind
from replylint.encodings import conversion_advice
from replylint.errors import UserError
from replylint.saved_emails import NotReadable, email_text

#: Files of a macro repository that hold replies or templates. The pre-commit hook in
#: ``.pre-commit-hooks.yaml`` uses the same pattern (a test keeps the two equal), so the
#: case is ignored with an inline ``(?i)`` rather than a flag the hook would not see:
#: ``REFUND.TXT`` from a Windows export is as much a macro as ``refund.txt``.
MACRO_FILES = re.compile(
    r"(?i)\.(txt|md|markdown|html?|liquid|hbs|handlebars|mustache|j2|jinja2?|twig|tpl|ftlh?"
    r"|amp(?:script)?)$"
)
#: Files that may be rule packs a configuration loads (``packs = ["packs/team.yaml"]``).
PACK_FILES = re.compile(r"(?i)\.ya?ml$")
#: What the pre-commit hook is run on (its ``files:``, a test keeps the two equal): the
#: macro files, the YAML files (a rule pack's change can change any macro's verdict as
#: the configuration's can; a YAML file no configuration loads stands for nothing), and
#: the configuration files (by their exact names) (:func:`expand_configs`).
HOOK_FILES = re.compile(
    MACRO_FILES.pattern
    + r"|\.ya?ml$"
    + r"|(^|/)(?-i:"
    + "|".join(re.escape(name) for name in CONFIG_FILES)
    + ")$"
)
#: What the pre-commit hook leaves out of what it is run on (its ``exclude:``, a test
#: keeps the two equal): a hidden file or anything in a hidden folder (``.github/``), as
#: ``check DIR`` skips them (:func:`is_hidden`), but for a ``.replylint.toml`` that is
#: in no hidden folder (a configuration, hidden by its name alone). pre-commit matches
#: it against the path from the repository's top.
HOOK_EXCLUDE = re.compile(
    r"(^|/)\.(?!("
    + "|".join(re.escape(name[1:]) for name in CONFIG_FILES if name.startswith("."))
    + ")$)"
)


class InputFileError(UserError, ValueError):
    """A reply file or folder cannot be read; the message names it and says why."""


class Exclusions:
    """Which files their configuration's ``exclude`` leaves out, each file judged by the
    configuration that governs it (``config_for``: the nearest one, ``--config``'s, or
    None with ``--isolated``), as the language server judges a document: the editor,
    ``check DIR`` and the pre-commit hook then agree on what is a macro. ``overrides``
    is what the command line changes in each configuration's settings (``check
    --exclude`` and ``--extend-exclude``), so a pattern given there means what it would
    in the file. Each folder's configuration and each configuration's settings are read
    once a run."""

    def __init__(
        self,
        config_for: Callable[[Path], Path | None],
        overrides: Callable[[FileSettings], FileSettings],
    ) -> None:
        self._config_for = config_for
        self._overrides = overrides
        self._configs: dict[Path, Path | None] = {}
        self._settings: dict[Path | None, tuple[FileSettings, Path]] = {}

    def __call__(self, path: Path) -> bool:
        folder = path.parent
        if folder not in self._configs:
            self._configs[folder] = self._config_for(folder)
        config = self._configs[folder]
        if config not in self._settings:
            settings, base = settings_from(config)
            self._settings[config] = self._overrides(settings), base
        settings, base = self._settings[config]
        return settings.excludes(path, base)


def _nothing_excluded(path: Path) -> bool:
    return False


def repository_top(path: Path) -> Path | None:
    """The top folder of the git repository holding ``path`` (the nearest folder above it
    with a ``.git``, a folder or, in a worktree or submodule, a file), where pre-commit
    runs the hook; None outside a repository."""
    for folder in Path(os.path.abspath(path)).parents:
        if (folder / ".git").exists():
            return folder
    return None


def is_hidden(path: Path, fallback: Path | None = None) -> bool:
    """Is ``path`` a hidden file, or in a hidden folder, as ``check DIR`` and the
    pre-commit hook judge it: a name starting with ``.`` on its way from the top of its
    repository (:func:`repository_top`: pre-commit passes paths from there, and a
    ``.github/PULL_REQUEST_TEMPLATE.md`` is no macro), or, outside a repository, from
    ``fallback`` when that holds it (the current folder for the command line, the
    workspace folder for the editor); else its name alone is judged. The folders above
    the top do not count: a repository may live in ``~/.work/``."""
    absolute = Path(os.path.abspath(path))
    top = repository_top(absolute)
    if top is None and fallback is not None:
        fallback = Path(os.path.abspath(fallback))
        top = fallback if absolute.is_relative_to(fallback) else None
    parts = absolute.relative_to(top).parts if top is not None else (absolute.name,)
    return any(part.startswith(".") for part in parts)


def expand_folders(
    paths: Iterable[Path | None], excluded: Callable[[Path], bool] = _nothing_excluded
) -> list[Path | None]:
    """Each folder replaced by the macro files under it (sorted, hidden files and folders
    such as ``.git`` skipped, and those ``excluded`` leaves out: the configuration's
    ``exclude``), so ``replylint check macros/`` checks a whole repository as the
    pre-commit hook would. ``None`` (standard input) and files pass through: a file named
    on the command line is checked, as ruff checks one its ``exclude`` names."""
    expanded: list[Path | None] = []
    for path in paths:
        if path is None or not path.is_dir():
            expanded.append(path)
            continue
        found = sorted(p for p in _macro_files(path) if not excluded(p))
        if not found:
            saved = next(path.glob("*.[eE][mM][lL]"), None)
            raise InputFileError(
                f"folder {path}: holds no reply files "
                "(.txt, .md, .html, .liquid, .hbs, .mustache, .j2, .twig and similar) "
                "that the config's `exclude` and --exclude/--extend-exclude leave in"
                + (
                    f"; saved e-mails are checked when named: `replylint check {path}/*.eml`"
                    if saved is not None
                    else ""
                )
            )
        expanded.extend(found)
    return expanded


def expand_configs(
    paths: Iterable[Path | None],
    excluded: Callable[[Path], bool] = _nothing_excluded,
    packs: Iterable[Path] = (),
) -> list[Path | None]:
    """Each configuration file (``.replylint.toml``, ``pyproject.toml``: a name in
    :data:`~replylint.configfile.CONFIG_FILES`) replaced by the macro files git tracks in
    its folder and below (hidden ones skipped), each path kept once. A rule pack (a YAML
    file) stands for the configurations that load it (:func:`_configs_loading`), or, when
    it is one of ``packs`` (``--pack``), for every macro git tracks under the current
    folder; any other YAML file, for nothing. A pack is the configuration's as much as
    its ``glossary``: a banned phrase added there changes verdicts, and a pack with a
    mistake in it let the commit through and failed the next one, on an unrelated macro.

    pre-commit passes a configuration file when a commit changes it, and a changed config
    (a rule ignored, a glossary term added, ``template``) can change the verdict on every
    macro it governs, not only on the files the commit touched. Tracked files, not every
    file under the folder: an untracked draft or a ``node_modules`` is no part of the
    commit. Outside a git repository, the folder's macro files as :func:`expand_folders`
    finds them. A configuration path that is no file is kept, for the reader's error.
    A pyproject.toml that configures nothing before or after the change is dropped
    (:func:`_changes_the_config`).

    The files ``excluded`` leaves out (the configuration's ``exclude``) are dropped,
    those listed here and those named among ``paths`` alike: the hook's own ``exclude:``
    only filters what pre-commit passes, never what this listing adds, and pre-commit
    passes a changed README.md the team never asked to check (ruff's pre-commit hook
    passes ``--force-exclude`` for the same reason). So are the hidden files and the
    files in hidden folders among ``paths`` (:func:`is_hidden`, from the current folder
    outside a repository), as ``check DIR`` skips them: the hook's ``exclude:`` leaves
    them out, but a repository that sets its own ``exclude:`` replaces the hook's. A
    configuration in a hidden folder governs hidden macros only: nothing to re-check."""
    expanded: dict[Path | None, None] = {}
    here = Path.cwd()
    named_packs = {Path(os.path.abspath(pack)) for pack in packs}

    def governed_by(folder: Path) -> None:
        found = (p for p in _tracked_macro_files(folder) if not excluded(p))
        expanded.update(dict.fromkeys(sorted(found)))

    for path in paths:
        # a path that is no file stays as given, to be reported as unreadable (a missing
        # config stood for nothing and passed the run with exit 0)
        if path is not None and path.name in CONFIG_FILES and path.is_file():
            if not is_hidden(path.parent, here) and _changes_the_config(path):
                governed_by(path.parent)
        elif path is not None and PACK_FILES.search(path.name) and path.is_file():
            if Path(os.path.abspath(path)) in named_packs:
                governed_by(here)
            for config in _configs_loading(path):
                if not is_hidden(config.parent, here):
                    governed_by(config.parent)
        elif path is None or not path.is_file() or not (is_hidden(path, here) or excluded(path)):
            expanded[path] = None
    return list(expanded)


def _changes_the_config(path: Path) -> bool:
    """Can a change to the configuration file ``path`` change a verdict? A pyproject.toml
    is every Python tool's: an edit to its ``[tool.black]`` must not re-check (and maybe
    fail the commit on) every old macro under it. It is replylint's configuration when it
    holds ``[tool.replylint]`` (:func:`~replylint.configfile.has_tool_table`), or
    when the last commit's version did: removing the table changes the config too. The
    file as it is is the staged one (pre-commit stashes what is not staged)."""
    if path.name != "pyproject.toml" or has_tool_table(path):
        return True
    committed = _committed_text(path)
    return committed is not None and has_tool_table_text(committed)


def _committed_text(path: Path) -> str | None:
    """``path`` as the last commit holds it; None outside a git repository, before the
    first commit, or when the file is new."""
    try:
        shown = subprocess.run(
            ["git", "show", f"HEAD:./{path.name}"],
            cwd=path.parent, capture_output=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    return shown.decode("utf-8", errors="replace")


def _configs_loading(pack: Path) -> list[Path]:
    """The configuration files whose ``packs`` name ``pack``: among those git tracks in
    its repository (a config in ``support/`` may load ``packs/team.yaml``), or, outside
    one, the nearest from its folder upwards. A configuration that cannot be read loads
    nothing here: its own commit reports it."""
    top = repository_top(pack)
    names = _tracked_names(top) if top is not None else None
    if top is None or names is None:
        try:
            nearest = find_config(pack.parent)
        except UserError:
            return []
        candidates = [nearest] if nearest is not None else []
    else:
        candidates = [
            top / name
            for name in names
            if name.rsplit("/", 1)[-1] in CONFIG_FILES and (top / name).is_file()
        ]
    target = pack.resolve()
    loading = []
    for config in candidates:
        if config.name == "pyproject.toml" and not has_tool_table(config):
            continue
        try:
            settings = load_settings(config)
        except UserError:
            continue
        if any((config.parent / p).resolve() == target for p in settings.packs):
            loading.append(_from_here(config))
    return loading


def _from_here(path: Path) -> Path:
    """``path`` from the current folder when it is under it, as pre-commit names files
    (and so the reports name them), else as it is."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _tracked_names(folder: Path) -> list[str] | None:
    """The files git tracks in ``folder`` and below, relative to it; None without git or
    outside a repository."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=folder, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):  # no git, or not a repository
        return None
    return [os.fsdecode(name) for name in listed.split(b"\0") if name]


def _tracked_macro_files(folder: Path) -> Iterable[Path]:
    names = _tracked_names(folder)
    if names is None:
        return _macro_files(folder)
    return (
        folder / name
        for name in names
        if not any(part.startswith(".") for part in name.split("/"))
        and MACRO_FILES.search(name)
        and (folder / name).is_file()
    )


def _macro_files(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and MACRO_FILES.search(name):
                path = Path(root) / name
                if not _special_file(path):
                    yield path


def _special_file(path: Path) -> bool:
    """A named pipe, socket or device under a folder, skipped as git skips it: reading
    ``macros/pipe.txt`` waited for a writer for ever, and no macro was checked. (A broken
    link is kept: reading it says what is wrong.)"""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def read_text(path: Path | None, what: str) -> str:
    """Read a file (or stdin for None) as text, with a one-line error on failure.

    UTF-8 (with or without a BOM) is the format; a UTF-16 or UTF-32 byte-order mark is
    honoured too, because Windows editors ("Unicode" in Notepad) and PowerShell
    redirection write those, and the mark says the encoding without guessing. Anything
    else that is not UTF-8 is refused rather than guessed at: a mis-decoded reply
    would be checked as gibberish without a word of warning. At most `limit` bytes are
    read, so ``/dev/zero`` or an endless pipe is refused instead of filling memory. A
    saved e-mail (``.eml``) is read as the text its reader sees, without its headers
    (:mod:`replylint.saved_emails`); a document (RTF, Word, PDF, Outlook's ``.msg``) is
    refused for what it is, with how to save its text (:mod:`replylint.documents`).
    """
    limit = 16_000_000  # 4 bytes a character (UTF-32) for 4x spaCy's 1,000,000 per text
    try:
        if path is None:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputFileError(f"{what} {path}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{what} {path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputFileError(f"{what} {path}: cannot read it ({exc.strerror})") from None
    name = "standard input" if path is None else str(path)
    if len(data) > limit:
        raise InputFileError(f"{what} {name}: over {limit:,} bytes; check one reply at a time")
    suffix = path.suffix.lower() if path is not None else ""
    document = document_kind(data, suffix)
    if document is not None:
        raise InputFileError(f"{what} {name}: {document}")
    if path is not None and what == "reply":
        _refuse_what_is_no_reply(path, name)
    text = _email_text(data, what, name) if suffix == ".eml" else None
    if text is None:
        text = _decoded(data, what, name)
    if "\x00" in text:
        raise _binary(what, name)
    if not text.strip():
        leave_out = (
            "leave the file out (in a folder or the pre-commit hook: `exclude` in the "
            "configuration)"
            if what == "reply"
            else "leave the option out"
        )
        raise InputFileError(f"{what} {name}: is empty; write the {what} in it, or {leave_out}")
    return text


#: What an export of many replies is called by its suffix: ``score`` reads those.
_EXPORT_SUFFIXES = {".csv": "CSV", ".tsv": "TSV", ".jsonl": "JSONL", ".ndjson": "JSONL",
                    ".json": "JSON", ".parquet": "Parquet"}  # fmt: skip
#: Configuration files' suffixes: replylint reads its own, a reply is none of them.
_CONFIG_SUFFIXES = frozenset({".toml", ".cfg", ".ini", ".yaml", ".yml"})


def _refuse_what_is_no_reply(path: Path, name: str) -> None:
    """A file named as a reply that is none: an export of many replies (checked as one
    reply, its header read as jargon and its rows as one text) or a configuration file
    (``check pyproject.toml``, a natural way to try a configuration, scored its keys
    0/100 and passed). Each is refused with what to do instead."""
    suffix = path.suffix.lower()
    export = _EXPORT_SUFFIXES.get(suffix)
    if export is not None:
        raise InputFileError(
            f"reply {name}: is a {export} file, which holds many replies rather than one; "
            f"score it with `replylint score {name} --out results.jsonl`"
        )
    if suffix in _CONFIG_SUFFIXES:
        raise InputFileError(
            f"reply {name}: is a configuration file, not a reply; replylint reads its "
            "configuration by itself (or from --config FILE), and says what is wrong in it "
            "when you check a reply"
        )


def _email_text(data: bytes, what: str, name: str) -> str | None:
    """A saved e-mail's text (:mod:`replylint.saved_emails`), None if it has no headers."""
    try:
        return email_text(data, subject=what == "customer message")
    except NotReadable as exc:
        raise InputFileError(f"{what} {name}: {exc}") from None


def _binary(what: str, name: str) -> InputFileError:
    return InputFileError(
        f"{what} {name}: looks like a binary file (contains NUL bytes); "
        "UTF-16 or UTF-32 text needs a byte-order mark"
    )


def _decoded(data: bytes, what: str, name: str) -> str:
    """``data`` as text: UTF-8, or UTF-16 / UTF-32 by its byte-order mark."""
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    boms = (
        (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
    )  # fmt: skip
    encoding = next((enc for bom, enc in boms if data.startswith(bom)), "utf-8-sig")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8-sig" and b"\x00" in data:
            raise _binary(what, name) from None
        label = "UTF-8" if encoding == "utf-8-sig" else f"{encoding.upper()} (it has a BOM)"
        raise InputFileError(
            f"{what} {name}: not {label} text (bad byte at offset {exc.start}); "
            f"{conversion_advice(data, read_as_utf8=encoding == 'utf-8-sig')}"
        ) from None
