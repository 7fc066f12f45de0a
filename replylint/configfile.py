"""Configuration files: ``[tool.replylint]`` in ``pyproject.toml`` or a ``.replylint.toml``.

Found like ruff finds its settings: from the checked file's directory upwards, then the
current directory; ``--config PATH`` names one, ``--isolated`` ignores them all. Keys are
written in kebab-case (``min-confidence``) as in other Python tools' TOML; an unknown key
or a bad value is a one-line error naming the file, the key and what is allowed.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from replylint.channel_names import team_channel_names
from replylint.config import (
    BUNDLED_MODEL,
    RULES_ONLY,
    ChannelProfile,
    ConfigSource,
    Glossary,
    LinterConfig,
    RuleSettings,
    channel_profiles,
    rule_names_in,
    selects_something,
)
from replylint.config import ConfigError as ConfigError  # raised here, defined with the config
from replylint.errors import validation_problem_list
from replylint.report import Channel, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILES = (".replylint.toml", "replylint.toml", "pyproject.toml")
#: Names a team may give its settings in another format (YAML, as the rule packs are
#: written; JSON; an rc file; a .conf) or in TOML under a name replylint does not read
#: (``.replylint`` with no extension). None is read: the search refuses one it meets
#: before any configuration, where passing it by skipped its settings without a word.
#: (Not ``replylint`` with neither dot nor extension: a file of that name is a wrapper
#: script more often than settings.)
OTHER_FORMAT_FILES = (
    *(
        f"{dot}replylint{ext}"
        for dot in (".", "")
        for ext in (".yaml", ".yml", ".json", ".ini", ".cfg", ".conf", "rc", ".toml.txt")
    ),
    ".replylint",
)
#: The INI files shared by the tools that keep a section of their settings there
#: (flake8's ``[flake8]``, pytest's ``[tool:pytest]``): a ``[replylint]`` section in one
#: is refused as a file of another format is, not skipped.
SECTION_FILES = ("setup.cfg", "tox.ini")
#: A line opening a ``[replylint]`` section, or setup.cfg's ``[tool:replylint]``.
_SECTION_HEADER = re.compile(
    r"^[ \t]*\[[ \t]*((?:tool:)?replylint)[ \t]*\]", re.MULTILINE | re.IGNORECASE
)

#: A line opening ``[tool.replylint]`` or a table in it (``[tool.replylint.rules."x"]``),
#: spaced or quoted as TOML allows.
_TOOL_TABLE_HEADER = re.compile(
    r"""^[ \t]*\[[ \t]*(?:tool|"tool"|'tool')[ \t]*\.[ \t]*"""
    r"""(?:replylint|"replylint"|'replylint')[ \t]*[\].]""",
    re.MULTILINE,
)


#: How a UTF-16 file (as some Windows editors save one) starts, little- or big-endian.
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class FileSettings(BaseModel):
    """What a configuration file may set (the CLI flags of the same names override it)."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    rules: dict[str, RuleSettings] = Field(default_factory=dict)
    packs: list[Path] = Field(default_factory=list)
    glossary: Glossary = Field(default_factory=Glossary)
    # strict: a quoted "0.5" or "yes" is a mistake to point at, not a value to guess
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0, strict=True)
    max_reply_chars: int | None = Field(default=None, gt=0, strict=True)
    channels: dict[Channel, ChannelProfile] = Field(default_factory=dict)
    #: A team's own channel names (``[channel-names]``: "Phone callback" = "email").
    channel_names: dict[str, Channel] = Field(default_factory=dict)
    report_unused_suppressions: bool = Field(default=False, strict=True)
    #: Replies under this configuration are templates (a macro repository): placeholders
    #: are expected there. ``replylint check --template/--no-template`` overrides it.
    #: None when the file does not say: each surface then takes its own default.
    template: bool | None = Field(default=None, strict=True)
    model: str | None = None
    fail_on: Severity = Severity.warning
    #: Files under this configuration's folder that are no macros (a README.md, a
    #: CHANGELOG.md): left out wherever replylint picks the macros itself (see
    #: :meth:`excludes`).
    exclude: list[str] = Field(default_factory=list)
    #: The file these settings were read from; kept through ``model_copy`` so that the
    #: Linter's errors about rule names the file wrote can name it.
    _source: ConfigSource | None = PrivateAttr(default=None)

    @field_validator("select")
    @classmethod
    def _selects_something(cls, value: list[str] | None) -> list[str] | None:
        return selects_something(value)

    @field_validator("channels", mode="before")
    @classmethod
    def _channel_profiles(cls, value: object) -> object:
        return channel_profiles(value)

    @field_validator("channel_names", mode="before")
    @classmethod
    def _team_channel_names(cls, value: object) -> object:
        return team_channel_names(value)

    @field_validator("exclude")
    @classmethod
    def _relative_patterns(cls, value: list[str]) -> list[str]:
        return [exclude_pattern(pattern) for pattern in value]

    def excludes(self, path: Path, base: Path) -> bool:
        """Does ``exclude`` leave out ``path``, a file under ``base`` (the config file's
        folder)? A file outside ``base`` is not this configuration's to exclude.

        The patterns mean what they mean in ruff's ``exclude`` (and, for these cases, in
        a ``.gitignore``), which users of both already write: globs relative to the
        config's folder, where a pattern without a ``/`` (``README.md``, ``CHANGELOG*``,
        ``drafts``) is a file or folder name matched at any depth, a pattern with one
        (``docs/*.md``, ``./NOTES.md``) is anchored at the folder, ``*`` and ``?`` stay
        within one name while ``**`` spans folders, a trailing ``/`` matches folders only,
        and a matched folder leaves out everything under it. Names are matched case-
        sensitively, as git and ruff do. Not black's single regular expression: in one,
        ``README.md``'s dot matches any character and a folder needs escaped slashes.
        Plain :mod:`fnmatch` per path component, no dependency needed for that."""
        try:
            relative = path.resolve().relative_to(base.resolve())
        except ValueError:
            return False
        parts = relative.parts
        return any(_matches(parts, pattern) for pattern in self.exclude)

    def linter_config(self, base: Path) -> LinterConfig:
        """The linter configuration, with pack paths resolved against the file's folder."""
        values: dict[str, Any] = {
            "select": self.select, "ignore": self.ignore, "rules": self.rules,
            "packs": [_from(base, p) for p in self.packs],
            "glossary": self.glossary, "min_confidence": self.min_confidence,
            "channels": self.channels, "channel_names": self.channel_names,
            "report_unused_suppressions": self.report_unused_suppressions,
            "template": self.template, "source": self._source,
        }  # fmt: skip
        if self.max_reply_chars is not None:
            values["max_reply_chars"] = self.max_reply_chars
        if self.model is not None:
            values["model"] = _model_setting(self.model, base)
        return LinterConfig(**values)


def exclude_pattern(pattern: str) -> str:
    """``pattern``, if it can ever match: an ``exclude`` pattern, from the file or from
    ``check --exclude``/``--extend-exclude``. One that could not (an empty one, a path
    outside the folder, a gitignore negation) is a :class:`ValueError` saying what to
    write instead, rather than silently excluding nothing."""
    if not pattern.strip():
        raise ValueError("an empty pattern excludes nothing; remove it")
    if pattern.startswith("!"):
        raise ValueError(f"{pattern!r}: negation is not supported; list only what to leave out")
    if (
        Path(pattern).is_absolute()
        or pattern.startswith(("/", "\\"))
        or ".." in (pattern.replace("\\", "/").split("/"))
    ):
        raise ValueError(
            f"{pattern!r}: patterns are relative to the config file's folder, e.g. "
            "'README.md' (at any depth), './NOTES.md' (only beside the config), "
            "'docs/' or 'drafts/**/*.md'"
        )
    return pattern


def _matches(parts: tuple[str, ...], pattern: str) -> bool:
    """Does an ``exclude`` pattern match the relative path ``parts`` or a folder on it?"""
    pattern = pattern.replace("\\", "/")
    folders_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    steps = list(PurePosixPath(pattern).parts)  # "./NOTES.md" is NOTES.md, anchored
    if "/" not in pattern:
        steps = ["**", *steps]
    return _match_steps(parts, steps, folders_only)


def _match_steps(parts: tuple[str, ...], steps: list[str], folders_only: bool) -> bool:
    if not steps:  # the pattern named a folder on the path (or, unless `/`, the file)
        return bool(parts) or not folders_only
    if steps[0] == "**":
        return any(_match_steps(parts[i:], steps[1:], folders_only) for i in range(len(parts)))
    return (
        bool(parts)
        and fnmatchcase(parts[0], steps[0])
        and _match_steps(parts[1:], steps[1:], folders_only)
    )


def _model_setting(model: str, base: Path) -> str:
    """``bundled`` and ``none`` as written; a relative directory read from ``base``."""
    if model in (BUNDLED_MODEL, RULES_ONLY):
        return model
    return str(_from(base, Path(model)))


def _from(base: Path, path: Path) -> Path:
    """A path the file names, as a shell would read it: ``~`` is the home folder
    (``model = "~/models/ours"`` was read as ``<config folder>/~/models/ours``), and a
    relative path is read from the configuration file's folder."""
    path = path.expanduser()
    return path if path.is_absolute() else base / path


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest configuration file from ``start`` (a file or folder) upwards.

    A folder holds at most one: two there (a ``.replylint.toml`` beside a pyproject.toml
    with ``[tool.replylint]``) is a :class:`ConfigError` naming both, rather than one of
    them silently ignored. ``start`` may be given as a string."""
    start = Path(start)
    folder = start if start.is_dir() else start.parent
    for directory in [folder.resolve(), *folder.resolve().parents]:
        found = [
            directory / name
            for name in CONFIG_FILES
            if (directory / name).is_file()
            and (name != "pyproject.toml" or has_tool_table(directory / name))
        ]
        if len(found) > 1:
            names = " and ".join(_described(p) for p in found)
            raise ConfigError(
                f"{directory}: both {names} configure replylint; keep one "
                "(or name one with --config)"
            )
        if found:
            return found[0]
        _refuse_other_formats(directory)
    return None


#: Where a team's settings go, as the errors about settings written elsewhere say.
_WHERE_SETTINGS_GO = (
    "its settings go in .replylint.toml (TOML), or [tool.replylint] in pyproject.toml: "
    "write them there (the keys are the same)"
)


def _refuse_other_formats(directory: Path) -> None:
    """Raise :class:`ConfigError` for settings in ``directory`` that replylint does not
    read: a file of :data:`OTHER_FORMAT_FILES`, or a ``[replylint]`` section in one of
    :data:`SECTION_FILES`. Each is refused the same way, saying where the settings go,
    where some were refused and others (a ``.replylint``, a setup.cfg section) skipped
    without a word, so the checks ran on the defaults."""
    other = next((directory / n for n in OTHER_FORMAT_FILES if (directory / n).is_file()), None)
    if other is not None:
        raise ConfigError(
            f"{other}: replylint does not read this file; {_WHERE_SETTINGS_GO}, or remove the file"
        )
    for name in SECTION_FILES:
        section = _replylint_section(directory / name)
        if section is not None:
            raise ConfigError(
                f"{directory / name}: [{section}]: replylint does not read a section of "
                f"{name}; {_WHERE_SETTINGS_GO}, with TOML's quoted values (fail-on = "
                '"error"), or remove the section'
            )


def _replylint_section(path: Path) -> str | None:
    """The name of the ``[replylint]`` (or ``[tool:replylint]``) section of the INI file
    ``path``, as written; None when it has none or is no file. Found by a plain text
    search: a file that configparser cannot read is still the team's to fix, and
    another tool's sections say nothing to replylint."""
    try:
        data = path.read_bytes() if path.is_file() else b""
    except OSError:
        return None
    found = _SECTION_HEADER.search(_lenient_text(data))
    return found.group(1) if found is not None else None


def _described(config: Path) -> str:
    """How the error about two configuration files in one folder names ``config``: a
    pyproject.toml by what makes it replylint's."""
    if config.name != "pyproject.toml":
        return config.name
    data = _parsed(_lenient_text(config.read_bytes()))
    if data is not None and "replylint" not in _table(data, "tool") and _misplaced(data):
        return "pyproject.toml (replylint's tables outside [tool.replylint])"
    return "pyproject.toml ([tool.replylint])"


def _parsed(text: str) -> dict[str, Any] | None:
    """``text`` read as TOML, or None when it is no valid TOML."""
    try:
        return tomllib.loads(_without_bom(text))
    except tomllib.TOMLDecodeError:
        return None


def has_tool_table(path: Path) -> bool:
    """Is ``path`` (a pyproject.toml) meant for replylint (:func:`has_tool_table_text`)?

    Read leniently: one that is not UTF-8 (UTF-16, as some Windows editors save it) but
    holds ``[tool.replylint]`` is replylint's, and :func:`load_settings` then says how
    to save it, where skipping it ignored the team's settings without a word."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return has_tool_table_text(_lenient_text(data))


def _lenient_text(data: bytes) -> str:
    """``data`` as text for a search only: UTF-16 when it opens with that encoding's
    byte-order mark, else UTF-8, with undecodable bytes replaced rather than refused."""
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8", errors="replace")


def has_tool_table_text(text: str) -> bool:
    """Is ``text`` (a pyproject.toml's) meant for replylint: a ``[tool.replylint]`` table,
    or a misspelt one (``[tool.replylnt]``), or replylint's own tables written outside
    it (:func:`_misplaced`), which :func:`load_settings` then reports rather than the
    search skipping the file and a typo silently switching the settings off. So is one
    that is no valid TOML but has a line opening ``[tool.replylint]`` (or
    a table in it), found by a plain text search: :func:`load_settings` then reports
    where the TOML is wrong, where the search skipped the file and its settings were
    ignored without a word. One without that line may be any other tool's. A leading
    byte-order mark (Windows Notepad writes one) is read as nothing, as it is when the
    settings are loaded: it hid a ``[tool.replylint]`` on the first line."""
    data = _parsed(text)
    if data is None:
        return _TOOL_TABLE_HEADER.search(_without_bom(text)) is not None
    return "replylint" in _table(data, "tool") or bool(_near_misses(data) or _misplaced(data))


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _near_misses(data: dict[str, Any]) -> list[str]:
    """Tables in a pyproject.toml whose name is close to ``tool.replylint`` without being
    it: ``[tool.replylnt]``, ``[tool.reply-lint]``, ``[tools.replylint]``, ``[replylint]``.
    Close means difflib's ratio of 0.85 or more (``tool.pylint``, at 0.8, is not)."""
    found = []
    for prefix, table in (
        ("", data),
        ("tool.", _table(data, "tool")),
        ("tools.", _table(data, "tools")),
    ):
        for key, value in table.items():
            name = prefix + key
            if (
                isinstance(value, dict)
                and name != "tool.replylint"
                and difflib.SequenceMatcher(None, key.lower(), "replylint").ratio() >= 0.85
            ):
                found.append(name)
    return found


#: replylint's tables, as ``[tool.replylint]`` holds them in a pyproject.toml (named as
#: the file writes them): the README's block pasted under a ``[tool.replylint]`` header
#: puts its keys there, but its own headers (``[glossary]``, ``[rules.greeting]``) open
#: tables at the file's top level.
_OWN_TABLES = ("glossary", "rules", "channels", "channel-names")


def _misplaced(data: dict[str, Any]) -> list[str]:
    """replylint's tables written at a pyproject.toml's top level, outside
    ``[tool.replylint]``, where nothing reads them (``[glossary]``, ``[rules.X]``,
    ``[channels.X]``, ``[channel-names]``): names of :data:`_OWN_TABLES`, in that order.

    Which such tables are replylint's: a pyproject.toml's top level is not any tool's
    (PEP 518 leaves it to the packaging standards; tools write under ``[tool]``), but
    these names are generic enough that a tool not following that rule could use one.
    So, in a file that has ``[tool.replylint]``, and so configures replylint, the name
    is enough: such a table is the pasted one, even with a misspelt key inside it, which
    a stricter test would let through silently. In a file without ``[tool.replylint]``
    the name alone is not: the table must also be one replylint would take as the
    setting of that name (a ``[glossary]`` of ``allowed`` and ``banned``, ``[rules.X]``
    tables of ``severity`` and ``options``, channel profiles, channel names), and not
    empty. A team whose other tool owns such a table can keep replylint's settings in a
    .replylint.toml instead, where that table is never looked at."""
    configures = "replylint" in _table(data, "tool")
    return [
        name
        for name in _OWN_TABLES
        if isinstance(data.get(name), dict) and (configures or _reads_as_ours(name, data[name]))
    ]


def _reads_as_ours(name: str, table: dict[str, Any]) -> bool:
    """Is ``table``, non-empty, a valid value of replylint's setting ``name``?"""
    if not table:
        return False
    try:
        FileSettings.model_validate({name: table})
    except ValidationError:
        return False
    return True


#: A table header line, ``[rules."tone.blame"]``: what is between the brackets.
_HEADER = re.compile(r"^[ \t]*\[(?!\[)([^\]\n]+)\][ \t]*(?:#.*)?$", re.MULTILINE)


def _misplaced_error(path: Path, tables: list[str]) -> ConfigError:
    """The error for replylint's tables outside ``[tool.replylint]`` (:func:`_misplaced`),
    naming each header as the file writes it and the header to write instead."""
    text = _without_bom(_lenient_text(path.read_bytes()))
    headers = [
        inner.strip()
        for inner in _HEADER.findall(text)
        if inner.split(".")[0].strip().strip("\"'") in tables
    ] or tables  # written as dotted keys or inline: the table's name, then
    shown = headers[:_HEADERS_SHOWN]
    more = f" and {len(headers) - len(shown)} more" if len(headers) > len(shown) else ""
    written = ", ".join(f"[{h}]" for h in shown) + more
    fixed = ", ".join(f"[tool.replylint.{h}]" for h in shown) + (", ..." if more else "")
    one = len(headers) == 1
    return ConfigError(
        f"{path}: {written} {'is' if one else 'are'} outside [tool.replylint], so replylint "
        f"would not read {'it' if one else 'them'}; in pyproject.toml replylint's tables go "
        f"under [tool.replylint]: write {fixed}"
    )


#: How many misplaced headers the error lists before "and N more".
_HEADERS_SHOWN = 6


def _without_bom(text: str) -> str:
    """``text`` without a leading UTF-8 byte-order mark, which Windows Notepad writes
    and :mod:`tomllib` refuses (``Invalid statement (at line 1, column 1)``): it says
    nothing about the settings, so it is read as nothing."""
    return text.removeprefix("\ufeff")


def _config_text(path: Path) -> str:
    """The configuration file's text: UTF-8, as TOML requires, a byte-order mark read
    as nothing. Another encoding is a :class:`ConfigError` saying how to save the file,
    not a ``UnicodeDecodeError`` traceback."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        return _without_bom(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        found = " but UTF-16" if data.startswith(_UTF16_BOMS) else ""
        raise ConfigError(
            f"{path}: not UTF-8 text{found} (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); TOML files are UTF-8: save it as UTF-8 (in Notepad: File, "
            "Save as, Encoding: UTF-8)"
        ) from None


#: Settings files of other formats, by suffix, that a configuration may be named as
#: (``--config .replylint.yaml``): what to call them when they are no TOML.
_OTHER_FORMATS = {".yaml": "YAML", ".yml": "YAML", ".json": "JSON", ".ini": "INI", ".cfg": "INI"}


def _read_toml(path: Path) -> dict[str, Any]:
    text = _config_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        kind = _OTHER_FORMATS.get(path.suffix.lower())
        if kind is not None:  # "fix the file" said to fix valid YAML into what?
            pack = (
                "; a rule pack is loaded with packs = [...] in the configuration or --pack PATH"
                if "replylint.pack" in text
                else ""
            )
            raise ConfigError(
                f"{path}: not TOML (a {kind} file): replylint reads its settings from TOML "
                "alone; its settings go in .replylint.toml (TOML), or [tool.replylint] in "
                f"pyproject.toml (the keys are the same){pack}"
            ) from None
        raise ConfigError(
            f"{path}: invalid TOML: {exc}; fix the file: until it is valid TOML, replylint "
            "cannot read its settings"
        ) from None


def load_settings(path: Path, base: Path | None = None) -> FileSettings:
    """The settings in the file ``path``, checked. ``base`` is the folder its relative
    ``packs`` and ``model`` are read from (default: the file's folder, as given), as the
    caller will read them: the names the file wrote are recorded as read from there, so
    an error about one names the file."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        misplaced = _misplaced(data)
        if misplaced:
            raise _misplaced_error(path, misplaced)
        if "replylint" not in _table(data, "tool"):
            misses = _near_misses(data)
            hint = f" (found [{misses[0]}]: did you mean [tool.replylint]?)" if misses else ""
            raise ConfigError(f"{path}: no [tool.replylint] table{hint}")
        data = data["tool"]["replylint"]
    elif "replylint" in _table(data, "tool"):
        raise ConfigError(
            f"{path}: [tool.replylint]: {path.name} holds the settings at the top level; "
            "drop the [tool.replylint] header (that header is for pyproject.toml)"
        )
    dotted = _dotted_rule_ids(data.get("rules"))
    if dotted:
        header = "tool.replylint.rules" if path.name == "pyproject.toml" else "rules"
        raise ConfigError(
            f'{path}: rules.{dotted[0]}: write the rule id in quotes, [{header}."{dotted[0]}"]; '
            "unquoted, TOML reads its dots as tables inside tables"
        )
    try:
        settings = FileSettings.model_validate(data)
    except ValidationError as exc:  # each on a line of its own, naming the file
        problems = validation_problem_list(exc, FileSettings, _kebab, suggest=True)
        raise ConfigError("\n".join(f"{path}: {problem}" for problem in problems)) from None
    config = settings.linter_config(path.parent if base is None else base)
    written = set(rule_names_in(config))
    if settings.model is not None:  # a model directory it cannot use is its error too
        written.add(("model", config.model))
    written.update(("packs", str(pack.resolve())) for pack in config.packs)  # and its packs
    settings._source = ConfigSource(path=path, names=frozenset(written))
    return settings


def _dotted_rule_ids(rules: object, prefix: str = "") -> list[str]:
    """Rule ids written unquoted with their dots, ``[rules.tone.blame]``, which TOML
    reads as a table ``blame`` inside a table ``tone``: the keys joined again.

    A rule's table holds only ``severity`` and ``options``, so another key holding a
    table is the rest of a dotted id (unless it is a misspelt setting, ``[rules.x.option]``,
    left to validation's list of what is allowed). Found before validation, which would
    only say that ``blame`` is not one of ``options, severity``; which ids exist is not
    known yet (pack rules are loaded later), so it goes by the shape alone."""
    if not isinstance(rules, dict):
        return []
    found = []
    for key, value in rules.items():
        if not isinstance(value, dict):
            continue
        tables = [
            name
            for name, inner in value.items()
            if isinstance(inner, dict)
            and not difflib.get_close_matches(name, list(RuleSettings.model_fields), cutoff=0.75)
        ]
        if prefix and not tables:
            found.append(prefix + key)
        for name in tables:
            found += _dotted_rule_ids({name: value[name]}, f"{prefix}{key}.")
    return found


def settings_from(config: Path | None) -> tuple[FileSettings, Path]:
    """The settings in ``config`` and the folder their relative paths start from. No
    configuration (None: ``--isolated``, or none found) is the defaults, read from the
    current folder."""
    if config is None:
        return FileSettings(), Path.cwd()
    return load_settings(config), config.parent


def excluded_by(config: Path | None, path: Path) -> bool:
    """Does the configuration file ``config`` (None: no configuration) leave ``path``
    out with its ``exclude``? Read afresh: the language server asks as the file changes."""
    return config is not None and load_settings(config).excludes(path, config.parent)


def load_linter_config(path: str | os.PathLike[str]) -> LinterConfig:
    """The library's way in: ``Linter(load_linter_config(Path("pyproject.toml")))``; the
    path may be given as a string too. Relative ``packs`` and ``model`` are read from the
    file's resolved folder, so they stay right if the process changes folder later."""
    path = Path(path)
    base = path.resolve().parent
    return load_settings(path, base).linter_config(base)
