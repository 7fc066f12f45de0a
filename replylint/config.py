"""Linter configuration: one validated pydantic object, used by the CLI and the library.

Unknown keys are errors (a misspelt ``ignroe`` must not silently do nothing), and so are
unknown rule names: a ``select = ["jargn"]`` would otherwise run nothing and pass every
reply. Which names exist is only known once rules and packs are loaded, so the
:class:`~replylint.Linter` checks them with :func:`check_rule_names` against the
:class:`RuleNames` it found.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from replylint.channel_names import channel_named, team_channel_names
from replylint.errors import UserError, closest_name, validation_problems
from replylint.report import CHANNELS, REPORTED_CHECKS, Channel, Severity
from replylint.swaps import swap_problem
from replylint.team_terms import same_term, term_key

DEFAULT_MAX_REPLY_CHARS = 100_000

#: ``model`` settings that are not directories: the model shipped in the wheel, and
#: the rules alone.
BUNDLED_MODEL = "bundled"
RULES_ONLY = "none"


class ConfigError(UserError, ValueError):
    """The configuration (a file, a ``LinterConfig`` or a mapping) is invalid; the message
    says where and why, one line for each problem found (all those of one stage: the
    file's keys and values, then its packs, then its rule names and options)."""


def settings_error(exc: ValidationError, model: type[BaseModel], where: str) -> ConfigError:
    """What pydantic found wrong in settings given in code (``model``'s fields, as
    Python spells them), as a :class:`ConfigError` saying ``where``: every problem, as a
    configuration file's are said (:func:`~replylint.errors.validation_problems`), and
    for a misspelt setting the one meant."""
    return ConfigError(f"{where}: {validation_problems(exc, model, suggest=True)}")


class _Settings(BaseModel):
    """A model of settings a caller builds in code (``LinterConfig(...)``,
    ``Glossary(...)``): a mistake is a :class:`ConfigError` naming the setting and the
    one meant. It was pydantic's ``ValidationError``, three lines ending in a link to
    pydantic's docs that named neither, and which ``except ConfigError`` (what
    ``Linter({...})`` and a configuration file raise) did not catch.

    Only the constructor is wrapped: ``model_validate`` stays pydantic's, and nested
    settings are validated by the model they are in (the marker below keeps pydantic
    from calling this ``__init__`` for them, which would raise from inside a
    configuration file's validation instead of adding to its list of problems)."""

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise settings_error(exc, type(self), type(self).__name__) from None

    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]


class Glossary(_Settings):
    """A team's vocabulary: terms its customers know, and terms to avoid."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    allowed: list[str] = Field(
        default_factory=list,
        description="Terms never reported as jargon (e.g. your product names).",
    )
    banned: dict[str, str] = Field(
        default_factory=dict,
        description='Terms always reported, mapped to the preferred wording ("" for none), '
        "by the banned_terms rule: ignoring jargon leaves them reported.",
    )

    @field_validator("allowed")
    @classmethod
    def _trimmed(cls, terms: list[str]) -> list[str]:
        """ "RMA " is RMA, "sync  box" is "sync box": a stray space would make the entry
        match nothing, silently."""
        return [" ".join(_a_term(term).split()) for term in terms]

    @field_validator("banned")
    @classmethod
    def _trimmed_keys(cls, terms: dict[str, str]) -> dict[str, str]:
        return {
            " ".join(_a_term(term).split()): _not_itself(term, better)
            for term, better in terms.items()
        }

    @model_validator(mode="after")
    def _banned_once(self) -> Glossary:
        """A term banned twice in two spellings ("unfortunately" and "Unfortunately")
        names one term, as the glossary matches in any case; with two wordings, which one
        is suggested depended on the order of the entries, silently."""
        first: dict[str, str] = {}
        for term, better in self.banned.items():
            other = first.setdefault(term_key(term), term)
            if other != term and self.banned[other] != better:
                raise ValueError(
                    f"{other!r} and {term!r} are one banned term (matched in any case) "
                    f"with two wordings ({self.banned[other]!r} and {better!r}); keep one entry"
                )
        return self

    @model_validator(mode="after")
    def _not_both(self) -> Glossary:
        """A term both allowed and banned says two things; which one wins would be a
        guess (it was banned, silently), so the team is asked to choose. Whatever the
        spelling of each: "tier 2" and "tier-2" name one term, as the glossary matches."""
        both = [
            term for term in self.allowed if any(same_term(term, banned) for banned in self.banned)
        ]
        if both:
            raise ValueError(
                f"{', '.join(repr(term) for term in both)} is both allowed and "
                "banned; keep it in one list"
            )
        return self


def _a_term(term: str) -> str:
    """``term``, unless it is empty (or only spaces): such an entry names no words, so
    it allowed or banned nothing, and was dropped without a word where the team meant
    to write a term (``banned = {"" = "because"}``)."""
    if not term.strip():
        raise ValueError("an empty term names no words; write the term, or remove the entry")
    return term


def _not_itself(term: str, better: str) -> str:
    """``better``, unless the swap would report every reply that took the advice
    (:func:`replylint.swaps.swap_problem`: the same words, or wording that holds them)."""
    problem = swap_problem(term, better)
    if problem is None:
        return better
    raise ValueError(f'{problem}; give the preferred wording, or "" to suggest leaving it out')


class RuleSettings(_Settings):
    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: Severity | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class ChannelProfile(_Settings):
    """What replies on one channel are expected to contain.

    The service standards ask for every element on every channel, so replylint ships no
    profile of its own; a team that answers on social media might decide a greeting and
    closing thanks are optional in 280 characters. An optional check keeps its verdict
    (the report still says whether the reply greets), but its absence is not reported and
    does not lower the score.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    optional: list[str] = Field(
        default_factory=list,
        description="Checks not required on this channel: any check a rule decides (any of "
        f"{', '.join(REPORTED_CHECKS)}, or a rule plugin's presence check).",
    )
    ignore: list[str] = Field(
        default_factory=list, description="Rule ids or prefixes not run on this channel."
    )


class ConfigSource(BaseModel):
    """The file a configuration was read from, and the rule names (and the ``model`` and
    ``packs``) the file itself wrote.

    Errors about a name then point at the file only when the file wrote it: the command
    line may add names (``--select``) to the same configuration, choose the model
    (``--model``) or add packs (``--pack``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: Path
    names: frozenset[tuple[str, str]] = Field(
        default=frozenset(),
        description="(key, name) pairs, as :func:`rule_names_in` lists them, "
        "('model', the model setting) when the file chose the model, and "
        "('packs', the pack's resolved path) for each pack the file names.",
    )


def channel_profiles(value: object) -> object:
    """``channels``, unless a key is no channel: pydantic said only "channels.sms.[key]:
    Input should be 'email', 'chat' or 'social'", and a help desk's name for a channel
    ("sms", "Live chat"), which a reply's ``channel`` takes, seemed to be refused by
    mistake. A profile is keyed by the channel's own name, so the error names it."""
    if not isinstance(value, Mapping):
        return value  # pydantic's own error: not a table
    for key in value:
        if key in CHANNELS:
            continue
        meant = channel_named(key) if isinstance(key, str) else None
        hint = (
            f" ({key!r} replies are read as {meant}: write channels.{meant})"
            if meant is not None
            else ""
        )
        raise ValueError(f"{key!r} is no channel; a profile is for email, chat or social{hint}")
    return value


def selects_something(value: list[str] | None) -> list[str] | None:
    """``select = []`` ran no rule and passed every reply with 100/100: an error, in a
    config file and in the library alike."""
    if value == []:
        raise ValueError(
            "an empty select selects no rule; remove the key to run every rule, "
            "or name the rules to run"
        )
    return value


class LinterConfig(_Settings):
    """Everything a :class:`~replylint.Linter` can be told."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    select: list[str] | None = Field(
        default=None, description="Rule ids or id prefixes to run (default: all)."
    )
    ignore: list[str] = Field(default_factory=list, description="Rule ids or prefixes to skip.")
    rules: dict[str, RuleSettings] = Field(
        default_factory=dict, description="Per-rule severity and options, keyed by rule id."
    )
    packs: list[Path] = Field(default_factory=list, description="Extra YAML rule packs.")
    glossary: Glossary = Field(default_factory=Glossary)
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0, strict=True)
    max_reply_chars: int = Field(default=DEFAULT_MAX_REPLY_CHARS, gt=0, strict=True)
    channels: dict[Channel, ChannelProfile] = Field(
        default_factory=dict,
        description="Per-channel expectations (optional checks, rules not run).",
    )
    channel_names: dict[str, Channel] = Field(
        default_factory=dict,
        description="A team's own names for a channel, as its help desk's export writes "
        "them, each mapped to email, chat or social (compared as the built-in names are: "
        "case, spaces, hyphens and underscores do not count; read before them). Read wherever "
        "a channel is: `replylint score`'s channel column, `replylint eval`'s gold files, "
        "`replylint serve`'s requests and `Linter.check` (and `Linter.reply_input`).",
    )
    model: str = Field(
        default=BUNDLED_MODEL,
        description="The trained checks model: 'bundled' (the one shipped with replylint), "
        "'none' (the rules alone, fastest), or a directory written by `replylint train`. "
        "A relative directory in a configuration file is read from the file's folder.",
    )
    report_unused_suppressions: bool = Field(
        default=False,
        strict=True,
        description="Report `replylint: disable` directives that silence nothing.",
    )
    template: bool | None = Field(
        default=None,
        strict=True,
        description="Read every reply as a template kept in a macro repository (placeholders "
        "expected: template_residue then fails only on a drafting mark such as TODO, a "
        "conditional never closed, a closing tag that closes none or an else outside its "
        "block) rather "
        "than a reply about to be sent. "
        "None (unset) leaves it to the caller's default: the library and `replylint check` "
        "read sent replies, the language server and the pre-commit hook templates. "
        "`Linter.check(template=...)` overrides it per reply.",
    )
    source: ConfigSource | None = Field(
        default=None,
        description="The configuration file these settings came from (set when loaded "
        "from one), named by errors about what it wrote.",
    )

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

    @field_validator("model", mode="before")
    @classmethod
    def _model_path(cls, value: object) -> object:
        """A directory may be given as a path, as ``packs`` are (``Path("models/ours")``)."""
        return os.fspath(value) if isinstance(value, os.PathLike) else value

    def selects(self, rule_id: str, check_name: str | None = None) -> bool:
        """Does the configuration run this rule? A name selects by rule id, id prefix or
        check name, as everywhere else."""
        if self.select is not None and not covers(self.select, rule_id, check_name):
            return False
        return not covers(self.ignore, rule_id, check_name)

    def wrote(self, key: str, name: str) -> bool:
        """Did the configuration file (if any) write ``name`` under ``key``?"""
        return self.source is not None and (key, name) in self.source.names

    def located(self, key: str, name: str, message: str) -> str:
        """``message`` about ``name`` under ``key``, prefixed with the configuration
        file's path when that file wrote the name."""
        if self.source is not None and self.wrote(key, name):
            return f"{self.source.path}: {message}"
        return message


def matches_any(rule_id: str, prefixes: Collection[str]) -> bool:
    """Is ``rule_id`` one of ``prefixes`` or below one (``tone`` covers ``tone.blame``)?"""
    return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in prefixes)


def covers(names: Collection[str], rule_id: str, check_name: str | None = None) -> bool:
    """Does one of ``names`` name this rule, by id, id prefix or check name?"""
    return check_name in names or matches_any(rule_id, names)


@dataclass(frozen=True)
class RuleNames:
    """Every name a configuration, a ``disable=`` or a suppression may use: rule ids, a
    prefix of one (``tone`` covers ``tone.blame``) and check names (``jargon``)."""

    rule_ids: frozenset[str]
    checks: frozenset[str]
    #: The checks a presence rule decides, a plugin's too (see :meth:`can_be_optional`).
    verdicts: frozenset[str] = frozenset()

    def can_be_optional(self, check: str) -> bool:
        """May a channel profile make ``check`` optional? A built-in check (a report
        always carries its verdict) or one a presence rule decides: a plugin's counts in
        the score by its weight, as a built-in one does."""
        return check in REPORTED_CHECKS or check in self.verdicts

    def knows(self, name: str) -> bool:
        return name in self.checks or any(matches_any(i, [name]) for i in self.rule_ids)

    def closest(self, name: str, candidates: Collection[str] | None = None) -> str | None:
        """The known name nearest to a misspelt one (difflib's ratio), if any is close."""
        return closest_name(name, candidates if candidates is not None else self._all_names())

    def not_optional(self, key: str, name: str) -> str:
        """The one-line error for an ``optional`` name that is no check a rule decides."""
        further = sorted(self.verdicts - set(REPORTED_CHECKS))
        close = self.closest(name, [*REPORTED_CHECKS, *further])
        hint = (
            f"did you mean {close!r}?"
            if close
            else f"choose from {', '.join(REPORTED_CHECKS + tuple(further))} (a rule "
            "plugin's check is one once its package is installed here)"
        )
        return f"{key}: {name!r} is not a check that can be optional; {hint}"

    def unknown(self, key: str, name: str) -> str:
        """The one-line error for a name that is no rule or check. Names joined by commas
        in one string ("jargon,next_step", as the command line takes them) are a list
        written as one name: the hint was the one name nearest the whole string."""
        parts = [p.strip() for p in name.split(",") if p.strip()]
        if len(parts) > 1:
            listed = ", ".join(f'"{p}"' for p in parts)
            return (
                f"{key}: unknown rule or check {name!r}; give the names as a list, "
                f"[{listed}], not one string joined by commas"
            )
        close = self.closest(name)
        hint = (
            f"did you mean {close!r}?"
            if close
            else f"`replylint rules` lists the rule ids ({_NOT_YET_LOADED})"
        )
        return f"{key}: unknown rule or check {name!r}; {hint}"

    def _all_names(self) -> set[str]:
        prefixes = {i.rsplit(".", n)[0] for i in self.rule_ids for n in range(i.count(".") + 1)}
        return prefixes | self.checks


def rule_names_in(config: LinterConfig) -> Iterator[tuple[str, str]]:
    """Every (key, name) pair where ``config`` names rules or checks: ``select``,
    ``ignore``, the keys of ``rules``, and each channel profile's ``ignore`` and
    ``optional`` (checked once the rules are loaded: a plugin's check may be optional)."""
    for name in config.select or ():
        yield "select", name
    for name in config.ignore:
        yield "ignore", name
    for rule_id in config.rules:
        yield "rules", rule_id
    for channel, profile in config.channels.items():
        for name in profile.ignore:
            yield f"channels.{channel}.ignore", name
        for name in profile.optional:
            yield f"channels.{channel}.optional", name


#: Where the rules missing from a run may be: a pack's exist once it is loaded (a file's
#: ``select = ["team"]`` for a pack given only with ``--pack`` is refused on a run
#: without the flag, and the error spoke of plugins alone), a plugin's once installed.
_NOT_YET_LOADED = (
    "a rule pack's once it is loaded: `packs` in the config file or --pack PATH; a rule "
    "plugin's once its package is installed here; for the pre-commit hook: under "
    "additional_dependencies"
)


#: How many rules a prefix's error names.
_LISTED = 5


def check_rule_names(config: LinterConfig, names: RuleNames, settable: Collection[str]) -> None:
    """Raise :class:`ConfigError` naming every name ``config`` uses that no rule has
    (:func:`rule_name_problems`), each on a line of its own."""
    problems = rule_name_problems(config, names, settable)
    if problems:
        raise ConfigError("\n".join(problems))


def rule_name_problems(
    config: LinterConfig, names: RuleNames, settable: Collection[str]
) -> list[str]:
    """What is wrong with each name ``config`` uses that no rule has, in the order the
    configuration gives them, each message naming the file that wrote it: all of them,
    so that the file is fixed in one run rather than one run per name.

    ``settable`` are the ids ``[rules.ID]`` may configure (exact ids: settings apply to
    one rule, not to a prefix or a check)."""
    problems = []
    for key, name in rule_names_in(config):
        message = _name_problem(key, name, names, settable)
        if message is not None:
            problems.append(config.located(key, name, message))
    return list(dict.fromkeys(problems))  # a name listed twice is one mistake


def _name_problem(key: str, name: str, names: RuleNames, settable: Collection[str]) -> str | None:
    """What is wrong with ``name``, written under ``key``, or None when a rule has it."""
    if key == "rules":
        covered = sorted(i for i in settable if matches_any(i, [name]))
        if name not in settable and covered:  # a prefix or a check: several rules
            listed = ", ".join(covered[:_LISTED]) + (" ..." if len(covered) > _LISTED else "")
            return (
                f"rules.{name}: [rules.ID] sets one rule, and {name!r} covers "
                f"{len(covered)} ({listed}); write the rule's id in quotes, "
                f'[rules."{covered[0]}"], for each rule to set'
            )
        if name not in settable:
            close = names.closest(name, settable)
            hint = (
                f"did you mean {close!r}?"
                if close
                else f"`replylint rules` lists them ({_NOT_YET_LOADED})"
            )
            return f"rules.{name}: no rule has this id; {hint}"
        return None
    if key.endswith(".optional"):
        return None if names.can_be_optional(name) else names.not_optional(key, name)
    return None if names.knows(name) else names.unknown(key, name)
