"""Configuration files: ``[tool.replylint]`` in ``pyproject.toml`` or a ``.replylint.toml``.

Found like ruff finds its settings: from the checked file's directory upwards, then the
current directory; ``--config PATH`` names one, ``--isolated`` ignores them all. Keys are
written in kebab-case (``min-confidence``) as in other Python tools' TOML; an unknown key
or a bad value is a one-line error naming the file, the key and what is allowed.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from replylint.config import (
    BUNDLED_MODEL,
    RULES_ONLY,
    ChannelProfile,
    ConfigSource,
    Glossary,
    LinterConfig,
    RuleSettings,
    rule_names_in,
    selects_something,
)
from replylint.config import ConfigError as ConfigError  # raised here, defined with the config
from replylint.errors import validation_problems
from replylint.report import Channel, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILES = (".replylint.toml", "replylint.toml", "pyproject.toml")


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
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    max_reply_chars: int | None = Field(default=None, gt=0)
    channels: dict[Channel, ChannelProfile] = Field(default_factory=dict)
    report_unused_suppressions: bool = False
    #: Replies under this configuration are templates (a macro repository): placeholders
    #: are expected there. ``replylint check --template/--no-template`` overrides it.
    #: None when the file does not say: each surface then takes its own default.
    template: bool | None = None
    model: str | None = None
    fail_on: Severity = Severity.warning
    #: The file these settings were read from; kept through ``model_copy`` so that the
    #: Linter's errors about rule names the file wrote can name it.
    _source: ConfigSource | None = PrivateAttr(default=None)

    @field_validator("select")
    @classmethod
    def _selects_something(cls, value: list[str] | None) -> list[str] | None:
        return selects_something(value)

    def linter_config(self, base: Path) -> LinterConfig:
        """The linter configuration, with pack paths resolved against the file's folder."""
        values: dict[str, Any] = {
            "select": self.select, "ignore": self.ignore, "rules": self.rules,
            "packs": [p if p.is_absolute() else base / p for p in self.packs],
            "glossary": self.glossary, "min_confidence": self.min_confidence,
            "channels": self.channels,
            "report_unused_suppressions": self.report_unused_suppressions,
            "template": self.template, "source": self._source,
        }  # fmt: skip
        if self.max_reply_chars is not None:
            values["max_reply_chars"] = self.max_reply_chars
        if self.model is not None:
            values["model"] = _model_setting(self.model, base)
        return LinterConfig(**values)


def _model_setting(model: str, base: Path) -> str:
    """``bundled`` and ``none`` as written; a relative directory read from ``base``."""
    if model in (BUNDLED_MODEL, RULES_ONLY) or Path(model).is_absolute():
        return model
    return str(base / model)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file from ``start`` (a file or folder) upwards.

    A folder holds at most one: two there (a ``.replylint.toml`` beside a pyproject.toml
    with ``[tool.replylint]``) is a :class:`ConfigError` naming both, rather than one of
    them silently ignored."""
    folder = start if start.is_dir() else start.parent
    for directory in [folder.resolve(), *folder.resolve().parents]:
        found = [
            directory / name
            for name in CONFIG_FILES
            if (directory / name).is_file()
            and (name != "pyproject.toml" or _has_tool_table(directory / name))
        ]
        if len(found) > 1:
            names = " and ".join(
                f"{p.name} ([tool.replylint])" if p.name == "pyproject.toml" else p.name
                for p in found
            )
            raise ConfigError(
                f"{directory}: both {names} configure replylint; keep one "
                "(or name one with --config)"
            )
        if found:
            return found[0]
    return None


def _has_tool_table(path: Path) -> bool:
    """Is ``path`` (a pyproject.toml) meant for replylint: a ``[tool.replylint]`` table, or
    a misspelt one (``[tool.replylnt]``), which :func:`load_settings` then reports rather
    than the search skipping the file and a typo silently switching the settings off."""
    try:
        data = _read_toml(path)
    except ConfigError:
        return False
    return "replylint" in _table(data, "tool") or bool(_near_misses(data))


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


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def load_settings(path: Path) -> FileSettings:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
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
    except ValidationError as exc:
        raise ConfigError(f"{path}: {validation_problems(exc, FileSettings, _kebab)}") from None
    written = frozenset(rule_names_in(settings.linter_config(path.parent)))
    settings._source = ConfigSource(path=path, names=written)
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


def load_linter_config(path: Path) -> LinterConfig:
    """The library's way in: ``Linter(load_linter_config(Path("pyproject.toml")))``."""
    return load_settings(path).linter_config(path.resolve().parent)
