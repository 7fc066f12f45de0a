"""Declarative rule packs: YAML files of phrase lists, spaCy token patterns and lexicons.

A pack is data, never code. It is parsed with PyYAML's safe loader (no Python object
tags), aliases are refused (no "billion laughs"), its size is bounded, and its content is
validated by the pydantic models below, so a typo in a pack is an error naming the file
and the key instead of a silent no-op. Built-in checks read their vocabularies from the
packs shipped in ``rules/``; users add packs by path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from replylint.report import Channel, Severity
from replylint.resources import data_dir

MAX_PACK_BYTES = 1_000_000
PACK_SCHEMA = "replylint.pack/1"

TokenPattern = list[dict[str, Any]]


class PackError(ValueError):
    """A rule pack could not be loaded; the message names the file and what is wrong."""


class Example(BaseModel):
    """A reply a rule must fire on (or must not fire on), with its context."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reply: str
    customer_message: str | None = None
    channel: Channel = "email"


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    fire: list[Example] = Field(default_factory=list)
    pass_: list[Example] = Field(default_factory=list, alias="pass")


class PackRule(BaseModel):
    """A rule written in a pack: it flags phrases or token patterns, optionally with a swap.

    ``kind: existence`` reports each match; ``kind: substitution`` reports each key of
    ``swap`` and suggests its value.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)*$")
    kind: Literal["existence", "substitution"]
    check: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    severity: Severity = Severity.warning
    message: str = Field(description="May use {match} for the matched words.")
    rationale: str
    standard: str = Field(description="The service standard the rule enforces.")
    phrases: list[str] = Field(default_factory=list)
    patterns: list[TokenPattern] = Field(default_factory=list)
    swap: dict[str, str] = Field(default_factory=dict)
    examples: Examples = Field(default_factory=Examples)

    @field_validator("message")
    @classmethod
    def _only_match_placeholder(cls, value: str) -> str:
        for name in re.findall(r"\{([^{}]*)\}", value):
            if name != "match":
                raise ValueError(f"unknown placeholder {{{name}}}; only {{match}} is allowed")
        return value


class Pack(BaseModel):
    """One YAML rule pack file."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: Literal["replylint.pack/1"] = Field(alias="schema")
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    description: str = ""
    lexicons: dict[str, list[str]] = Field(default_factory=dict)
    patterns: dict[str, list[TokenPattern]] = Field(default_factory=dict)
    rules: list[PackRule] = Field(default_factory=list)


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _PackLoader(_BaseLoader):  # type: ignore[misc]
    """PyYAML's safe loader (no Python object tags), reading yes/no/on/off as words as
    YAML 1.2 does: packs are word lists, and "on" or "no" turning into booleans would be
    a trap. Aliases are refused separately (see ``_refuse_aliases``)."""


_PackLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _refuse_aliases(text: str) -> None:
    """Anchors and aliases allow exponential expansion ("billion laughs"); packs never
    need them. Checked on the event stream before anything is built."""
    for event in yaml.parse(text, Loader=_PackLoader):
        if isinstance(event, yaml.AliasEvent):
            mark: Any = event.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, "aliases are not allowed in rule packs", mark
            )


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file, raising :class:`PackError` naming it on any problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackError(f"rule pack {path}: cannot read it ({exc.strerror})") from None
    if size > MAX_PACK_BYTES:
        raise PackError(f"rule pack {path}: {size} bytes is over the {MAX_PACK_BYTES} limit")
    try:
        text = path.read_text(encoding="utf-8")
        _refuse_aliases(text)
        data = yaml.load(text, Loader=_PackLoader)
    except UnicodeDecodeError:
        raise PackError(f"rule pack {path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        raise PackError(f"rule pack {path}: invalid YAML: {_one_line(str(exc))}") from None
    if not isinstance(data, dict):
        raise PackError(f"rule pack {path}: expected a mapping with 'schema: {PACK_SCHEMA}'")
    try:
        return Pack.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise PackError(f"rule pack {path}: {where}: {first['msg']}") from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def builtin_pack_paths() -> list[Path]:
    """The packs shipped with replylint."""
    return sorted(data_dir("rules").glob("*.yaml"))


@dataclass(frozen=True)
class PackSet:
    """All loaded packs, with lexicons and patterns of the same name merged across packs.

    Merging lets a team pack extend a built-in vocabulary (say, ``jargon.allowed``) without
    copying it.
    """

    packs: tuple[tuple[Path, Pack], ...]
    lexicons: Mapping[str, tuple[str, ...]]
    patterns: Mapping[str, tuple[TokenPattern, ...]]

    @classmethod
    def load(cls, paths: Iterable[Path]) -> PackSet:
        packs = tuple((p, load_pack(p)) for p in paths)
        seen: dict[str, Path] = {}
        for path, pack in packs:
            for rule in pack.rules:
                if rule.id in seen:
                    raise PackError(
                        f"rule pack {path}: rule id {rule.id!r} is defined twice "
                        f"(also in {seen[rule.id]}); rename one"
                    )
                seen[rule.id] = path
        lexicons: dict[str, list[str]] = {}
        patterns: dict[str, list[TokenPattern]] = {}
        for _, pack in packs:
            for name, words in pack.lexicons.items():
                lexicons.setdefault(name, []).extend(words)
            for name, pats in pack.patterns.items():
                patterns.setdefault(name, []).extend(pats)
        return cls(
            packs=packs,
            lexicons={k: tuple(dict.fromkeys(v)) for k, v in lexicons.items()},
            patterns={k: tuple(v) for k, v in patterns.items()},
        )

    def lexicon(self, name: str) -> tuple[str, ...]:
        try:
            return self.lexicons[name]
        except KeyError:
            raise PackError(
                f"no rule pack defines the lexicon {name!r}; is a built-in pack missing?"
            ) from None

    def pattern_list(self, name: str) -> tuple[TokenPattern, ...]:
        try:
            return self.patterns[name]
        except KeyError:
            raise PackError(
                f"no rule pack defines the patterns {name!r}; is a built-in pack missing?"
            ) from None

    def rules(self) -> Iterable[tuple[Path, PackRule]]:
        for path, pack in self.packs:
            for rule in pack.rules:
                yield path, rule
