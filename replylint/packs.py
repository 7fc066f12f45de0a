"""Declarative rule packs: YAML files of phrase lists, spaCy token patterns and lexicons.

A pack is data, never code, and may come from someone else: it must not be able to run
code, exhaust memory or stall the linter. It is parsed with PyYAML's safe loader; before
anything is built, one pass over the YAML events refuses explicit tags
(``!!python/object``), aliases (no "billion laughs"), nesting deeper than
:data:`MAX_PACK_DEPTH` (the pure-Python loader would overflow the stack) and over-long
scalars; the file's size is bounded and only regular files are read. Its content is
validated by the pydantic models below, so a typo in a pack is an error naming the file
and the key instead of a silent no-op, and every ``REGEX`` in its token patterns must pass
:func:`replylint.regex_safety.check_regex` (no pattern that backtracks catastrophically).
Built-in checks read their vocabularies from the packs shipped in ``rules/``; users add
packs by path.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from replylint.encodings import conversion_advice
from replylint.errors import UserError, validation_problems
from replylint.parsed_packs import parsed
from replylint.regex_safety import UnsafeRegexError, check_regex, token_pattern_regexes
from replylint.report import Channel, Severity
from replylint.resources import data_dir
from replylint.swaps import swap_problem

MAX_PACK_BYTES = 1_000_000
#: Shipped packs nest 8 deep; the limit leaves room and keeps every loader off the stack.
MAX_PACK_DEPTH = 32
#: Longest string in a pack (shipped packs: under 400 characters).
MAX_SCALAR_CHARS = 10_000
#: A message or swap text is copied into every finding, so it is kept short.
MAX_MESSAGE_CHARS = 500
#: Rules per pack: each one reads every sentence of every reply.
MAX_RULES_PER_PACK = 200
PACK_SCHEMA = "replylint.pack/1"
#: Names a ``replylint: disable=`` directive gives a meaning of its own: ``all`` (every
#: rule) and ``suppression`` (the check of the directives' own findings,
#: :data:`replylint.suppression.DIRECTIVE_CHECK`). A pack rule of such an id or check
#: could not be named alone.
RESERVED_NAMES = ("all", "suppression")
#: The shipped pack of the normaliser's word lists (read by
#: :mod:`replylint.normalize.vocabulary`, never by rules).
NORMALIZE_PACK = "normalize.yaml"

TokenPattern = list[dict[str, Any]]


class PackError(UserError, ValueError):
    """A rule pack could not be loaded; the message names the file and what is wrong.

    ``path`` is the one pack file at fault (None when the error is about several, or
    none): a configuration file that named that pack is then named too, as the place to
    fix the path (:meth:`replylint.config.LinterConfig.located`)."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class Example(BaseModel):
    """A reply a rule must fire on (or must not fire on), with its context."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reply: str = Field(description="The reply, as an agent would send it.")
    customer_message: str | None = Field(
        default=None, description="The customer message it answers (apology and empathy)."
    )
    channel: Channel = Field(default="email", description="The channel the reply is sent on.")
    #: The customer's name as the ticket system knows it (the customer_name check).
    customer_name: str | None = Field(
        default=None, description="The customer's name as the ticket system knows it."
    )
    #: A template kept in a macro repository rather than a reply about to be sent.
    template: bool = Field(
        default=False, description="A template kept in a macro repository, not a sent reply."
    )
    #: The team glossary's banned terms the example is checked with (``[glossary]
    #: banned``, read by the banned_terms rule): configuration, not part of the reply,
    #: so whoever runs the example builds a linter with it.
    glossary_banned: dict[str, str] = Field(
        default_factory=dict,
        description="The glossary's banned terms the example is checked with (term: wording).",
    )


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    fire: list[Example] = Field(default_factory=list, description="Replies the rule must report.")
    pass_: list[Example] = Field(
        default_factory=list, alias="pass", description="Replies the rule must not report."
    )


#: What a rule id, a check name and a pack name may look like, and how an error says so.
RULE_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_-]+)*")
RULE_ID_SHAPE = (
    "lower-case letters, digits and '_', beginning with a letter, in parts joined by '.' "
    "(a part after the first may also hold '-'), such as 'acme.no_promises'"
)
CHECK_NAME = re.compile(r"[a-z][a-z0-9_]*")
CHECK_NAME_SHAPE = (
    "lower-case letters, digits and '_', beginning with a letter (no '.'), such as 'promises'"
)
PACK_NAME = re.compile(r"[a-z][a-z0-9_-]*")
PACK_NAME_SHAPE = (
    "lower-case letters, digits, '_' and '-', beginning with a letter, such as 'acme-tone'"
)


def _shaped(value: str, pattern: re.Pattern[str], what: str, shape: str) -> str:
    """``value``, if it has the shape of a ``what``; else an error saying what that shape
    is (pydantic's own said only "String should match pattern '^[a-z]...'"), with the
    name in lower case when that is all it lacks."""
    if pattern.fullmatch(value):
        return value
    lower = value.lower()
    hint = f"; write {lower!r}" if pattern.fullmatch(lower) else ""
    raise ValueError(f"{value!r} is not a {what}: a {what} is made of {shape}{hint}")


class PackRuleSpec(BaseModel):
    """A rule as written in a pack: it flags phrases or token patterns, optionally with a
    swap. The rule the Linter runs from it is a :class:`replylint.pack_rule.PackRule`.

    ``kind: existence`` reports each match; ``kind: substitution`` reports each key of
    ``swap`` and suggests its value.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(
        description="The rule's id, which `select`, `ignore`, `[rules.ID]` and `disable=` "
        f"name; made of {RULE_ID_SHAPE}."
    )
    kind: Literal["existence", "substitution"] = Field(
        description="`existence` reports every match; `substitution` reports each term of "
        "its `swap` and suggests the wording given for it."
    )
    check: str = Field(
        description="The check it reports under (several rules may share one); made of "
        f"{CHECK_NAME_SHAPE}."
    )
    severity: Severity = Field(
        default=Severity.warning,
        description="How serious its findings are (`[rules.ID] severity` overrides it).",
    )
    message: str = Field(
        max_length=MAX_MESSAGE_CHARS,
        description="What is wrong, one line; may use {match} for the matched words.",
    )
    suggestion: str | None = Field(
        default=None,
        max_length=MAX_MESSAGE_CHARS,
        description="For `existence`: the fix printed under each finding, one line; may use "
        "{match}. A substitution suggests its swap's wording instead.",
    )
    rationale: str = Field(description="Why the standard matters; `explain` shows it.")
    standard: str = Field(description="The service standard the rule enforces.")
    phrases: list[str] = Field(
        default_factory=list,
        description="Words to find, in any case, as agents write them (plurals, hyphens).",
    )
    patterns: list[TokenPattern] = Field(
        default_factory=list,
        description="spaCy Matcher token patterns, one token per entry, checked on load.",
    )
    swap: dict[str, str] = Field(
        default_factory=dict,
        description="For `substitution`: term: preferred wording ('' to suggest leaving it out).",
    )
    examples: Examples = Field(
        default_factory=Examples,
        description="Replies it must report (`fire`) and must not (`pass`), each a `reply` "
        "with optional `customer_message`, `channel`, `customer_name`, `template` and "
        "`glossary_banned`; `--check-examples` runs them.",
    )

    @field_validator("id")
    @classmethod
    def _rule_id(cls, value: str) -> str:
        return _shaped(value, RULE_ID, "rule id", RULE_ID_SHAPE)

    @field_validator("check")
    @classmethod
    def _check_name(cls, value: str) -> str:
        return _shaped(value, CHECK_NAME, "check name", CHECK_NAME_SHAPE)

    @field_validator("phrases")
    @classmethod
    def _one_space_phrases(cls, value: list[str]) -> list[str]:
        """ "sync   box" is read as "sync box": the text is matched word by word, so an
        extra space inside a phrase made it match nothing, silently."""
        return [" ".join(phrase.split()) for phrase in value if phrase.strip()]

    @field_validator("swap")
    @classmethod
    def _short_swaps(cls, value: dict[str, str]) -> dict[str, str]:
        for term, replacement in value.items():
            if len(replacement) > MAX_MESSAGE_CHARS:
                raise ValueError(
                    f"a replacement of {len(replacement)} characters is over the "
                    f"{MAX_MESSAGE_CHARS} limit"
                )
            single_line(replacement, f"the replacement for {term!r}")
            _not_itself(term, replacement)
        return {" ".join(term.split()): better for term, better in value.items() if term.strip()}

    @model_validator(mode="after")
    def _kind_and_id_fit(self) -> PackRuleSpec:
        """What a rule's fields say must agree: a substitution without ``swap`` has
        nothing to suggest, ``swap`` on an existence rule was read as a substitution all
        the same, and ``suppression.*`` ids are replylint's own findings about directives."""
        if self.kind == "substitution" and not self.swap:
            raise ValueError("kind: substitution needs a swap table (term: preferred wording)")
        if self.kind == "existence" and self.swap:
            raise ValueError(
                "swap is read only by kind: substitution; make the rule a substitution, or "
                "drop swap"
            )
        if self.kind == "substitution" and self.suggestion is not None:
            raise ValueError(
                "suggestion is read only by kind: existence (a substitution suggests the "
                "wording its swap gives); drop suggestion, or put the wording in swap"
            )
        if self.id.split(".")[0] == "suppression":
            raise ValueError("ids starting with 'suppression.' are replylint's own; name another")
        for key, name in (("id", self.id), ("check", self.check)):
            if name in RESERVED_NAMES:
                raise ValueError(
                    f"{key} {name!r} is what 'replylint: disable={name}' already means "
                    f"({_RESERVED_MEANING[name]}), so the rule could not be named alone; "
                    "name it another way"
                )
        return self

    @field_validator("message", "suggestion")
    @classmethod
    def _only_match_placeholder(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        single_line(value, f"the {info.field_name}")
        for name in re.findall(r"\{([^{}]*)\}", value):
            if name != "match":
                raise ValueError(f"unknown placeholder {{{name}}}; only {{match}} is allowed")
        return value


_RESERVED_MEANING = {
    "all": "every rule",
    "suppression": "the findings about the directives themselves",
}


def single_line(text: str, what: str) -> str:
    """``text``, if it is one line: a message or suggestion is printed in the one line
    of a ``file:line:col:`` finding, which a line break would split in two (and a
    reader or an editor's problem matcher would misread)."""
    if len(text.splitlines()) > 1:
        raise ValueError(
            f"{what} has a line break; write it on one line (in YAML, a quoted string or "
            "'>-' folds the lines into one)"
        )
    return text


def _not_itself(term: str, replacement: str) -> None:
    """A swap that would report every reply that took the advice is refused
    (:func:`replylint.swaps.swap_problem`), as a config's banned term is."""
    problem = swap_problem(term, replacement)
    if problem is not None:
        raise ValueError(f"{problem}; give the preferred wording, or '' to suggest leaving it out")


class Pack(BaseModel):
    """One YAML rule pack file."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: Literal["replylint.pack/1"] = Field(
        alias="schema", description="The format's version: `replylint.pack/1`."
    )
    name: str = Field(description=f"The pack's name, made of {PACK_NAME_SHAPE}.")
    description: str = Field(default="", description="What the pack is for, for its readers.")
    lexicons: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Word lists by name, each extending the list of that name a rule reads "
        "(the lists below); entries are words or phrases.",
    )
    patterns: dict[str, list[TokenPattern]] = Field(
        default_factory=dict,
        description="Token pattern lists by name, each extending the list of that name a "
        "rule reads (the lists below).",
    )
    rules: list[PackRuleSpec] = Field(
        default_factory=list,
        max_length=MAX_RULES_PER_PACK,
        description=f"Declarative rules (at most {MAX_RULES_PER_PACK}), with the keys below.",
    )

    @field_validator("name")
    @classmethod
    def _pack_name(cls, value: str) -> str:
        return _shaped(value, PACK_NAME, "pack name", PACK_NAME_SHAPE)

    @field_validator("lexicons")
    @classmethod
    def _one_space_entries(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        """ "zentrix  dock", " zentrix dock" or a tab between the words is read as
        "zentrix dock", as a rule's phrases are: the text is matched word by word, so
        such an entry matched nothing, silently. An entry of spaces alone names no word.
        A list with no entry adds nothing: most often its entries went under another key
        by their indentation, or were never written, so it is refused as a pack that
        changes nothing is."""
        cleaned = {
            name: [" ".join(entry.split()) for entry in entries if entry.strip()]
            for name, entries in value.items()
        }
        for name, entries in cleaned.items():
            if not entries:
                raise ValueError(
                    f"{name}: an empty list adds nothing; list its entries under it, or "
                    "remove the key"
                )
        return cleaned

    @field_validator("patterns")
    @classmethod
    def _patterns_given(cls, value: dict[str, list[TokenPattern]]) -> dict[str, list[TokenPattern]]:
        """A pattern list with no pattern adds nothing (see ``_one_space_entries``)."""
        for name, patterns in value.items():
            if not patterns:
                raise ValueError(
                    f"{name}: an empty list adds nothing; list its patterns under it, or "
                    "remove the key"
                )
        return value


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class DuplicateKeyError(yaml.YAMLError):
    """A key given twice in one mapping of a pack: PyYAML keeps the last silently (a
    second ``rules:`` replaced the first list), so it is refused, naming both lines."""


class _PackLoader(_BaseLoader):  # type: ignore[misc]
    """PyYAML's safe loader (no Python object tags), reading yes/no/on/off as words as
    YAML 1.2 does: packs are word lists, and "on" or "no" turning into booleans would be
    a trap. Aliases are refused separately (see ``_screen_events``), and so is a key
    given twice in one mapping (:meth:`construct_mapping`)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """The mapping, unless it gives a key twice: YAML says keys are unique, but
        PyYAML keeps the last one given, so a second ``severity:`` silently replaced
        the first and a second ``rules:`` dropped every rule above it."""
        first_lines: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, Hashable) and key in first_lines:
                raise DuplicateKeyError(
                    f"line {line}: the key {key!r} is given twice in one mapping (first "
                    f"on line {first_lines[key]}); keep one"
                )
            if isinstance(key, Hashable):
                first_lines[key] = line
        result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return result


_PackLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _screen_events(text: str) -> None:
    """Refuse what a pack never needs and a hostile one would use, on the event stream
    before anything is built: explicit tags (``!!python/name:``, ``!!binary``; the safe
    loader would refuse Python tags too, less clearly), aliases (exponential expansion,
    "billion laughs"), deep nesting and huge scalars."""
    depth = 0
    for event in yaml.parse(text, Loader=_PackLoader):
        problem = None
        if isinstance(event, yaml.AliasEvent):
            problem = "aliases are not allowed in rule packs"
        elif isinstance(event, yaml.NodeEvent) and _explicit_tag(event):
            problem = f"tags are not allowed in rule packs ({getattr(event, 'tag', '')})"
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_PACK_DEPTH:
                problem = f"nested deeper than {MAX_PACK_DEPTH} levels"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_SCALAR_CHARS:
            problem = (
                f"a string of {len(event.value):,} characters is over the "
                f"{MAX_SCALAR_CHARS:,} limit"
            )
        if problem is not None:
            mark: Any = event.start_mark
            raise yaml.constructor.ConstructorError(None, None, problem, mark)


def _explicit_tag(event: yaml.NodeEvent) -> bool:
    """Whether the node carries a tag written in the file ("!" alone, the non-specific
    tag, only says "a string" and is harmless)."""
    tag = getattr(event, "tag", None)
    return tag is not None and tag != "!"


def read_pack_text(path: Path) -> str:
    """The file's text, read only if it is a regular file of bounded size (a directory,
    FIFO or device such as /dev/zero is refused, not read forever)."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            kind = "a directory" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            raise PackError(f"rule pack {path}: {kind}; give the path of a .yaml file")
        size = status.st_size
        if size > MAX_PACK_BYTES:
            raise PackError(f"rule pack {path}: {size} bytes is over the {MAX_PACK_BYTES} limit")
        with path.open("rb") as handle:
            data = handle.read(MAX_PACK_BYTES + 1)
    except FileNotFoundError:
        raise PackError(f"rule pack {path}: no such file; give the path of a .yaml file") from None
    except OSError as exc:
        raise PackError(f"rule pack {path}: cannot read it ({exc.strerror})") from None
    if len(data) > MAX_PACK_BYTES:
        raise PackError(f"rule pack {path}: over the {MAX_PACK_BYTES} bytes limit")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackError(
            f"rule pack {path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); packs are UTF-8: save it as UTF-8, or "
            f"{conversion_advice(data)}"
        ) from None


def parse_pack_yaml(text: str) -> Any:
    """A pack's text as YAML data, screened first (:func:`_screen_events`). Raises
    PyYAML's errors (:class:`DuplicateKeyError` among them) and RecursionError."""
    _screen_events(text)
    return yaml.load(text, Loader=_PackLoader)


def load_pack(path: Path, text: str | None = None) -> Pack:
    """Read and validate one pack file, raising :class:`PackError` naming it on any problem.
    ``text``: the file's text as read before (a service's workers build from the packs read
    when it started), instead of reading ``path`` now. A text parsed before (a shipped
    pack, or one this process read) is not parsed again, only validated
    (:mod:`replylint.parsed_packs`)."""
    if text is None:
        text = read_pack_text(path)
    try:
        data = parsed(text, parse_pack_yaml)
    except DuplicateKeyError as exc:
        raise PackError(f"rule pack {path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise PackError(f"rule pack {path}: invalid YAML: {_one_line(str(exc))}") from None
    except RecursionError:  # belt and braces: the depth limit should have caught it
        raise PackError(f"rule pack {path}: nested too deeply") from None
    if not isinstance(data, dict):
        raise PackError(f"rule pack {path}: expected a mapping with 'schema: {PACK_SCHEMA}'")
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        raise PackError(f"rule pack {path}: {validation_problems(exc, Pack)}") from None
    _refuse_empty(path, pack)
    _check_regexes(path, pack)
    _refuse_match_all(path, pack)
    _check_token_values(path, pack)
    return pack


def _refuse_empty(path: Path, pack: Pack) -> None:
    """A pack holds rules, lexicons or token patterns; one with none of them (a
    ``rules:`` misplaced under ``description``, a file half written) changes nothing,
    which would pass for a pack that works."""
    if not (pack.rules or pack.lexicons or pack.patterns):
        raise PackError(
            f"rule pack {path}: it defines no rules, lexicons or patterns, so it changes "
            "nothing; add them under rules:, lexicons: or patterns:, or stop naming the pack"
        )


def _load_pack_at(path: Path, text: str | None) -> Pack:
    """:func:`load_pack`, its error carrying ``path`` (:attr:`PackError.path`)."""
    try:
        return load_pack(path, text)
    except PackError as exc:
        raise PackError(str(exc), path) from None


def _token_patterns(pack: Pack) -> list[tuple[str, TokenPattern]]:
    """Every token pattern of the pack, with where an error names it."""
    places: list[tuple[str, TokenPattern]] = [
        (f"patterns.{name}.{i}", pattern)
        for name, patterns in pack.patterns.items()
        for i, pattern in enumerate(patterns)
    ]
    places += [
        (f"rules.{r} ({rule.id}).patterns.{i}", pattern)
        for r, rule in enumerate(pack.rules)
        for i, pattern in enumerate(rule.patterns)
    ]
    return places


def _check_regexes(path: Path, pack: Pack) -> None:
    """Every REGEX of every token pattern must be safe to run on any token."""
    for where, pattern in _token_patterns(pack):
        for regex in token_pattern_regexes(pattern):
            try:
                check_regex(regex)
            except UnsafeRegexError as exc:
                shown = regex if len(regex) <= 60 else regex[:57] + "..."
                raise PackError(f"rule pack {path}: {where}: REGEX {shown!r}: {exc}") from None


def _refuse_match_all(path: Path, pack: Pack) -> None:
    """Refuse a token pattern none of whose tokens says what to match (``[{}]``, or only
    an ``OP``): ``{}`` is spaCy's token that matches any word, so a rule of such a
    pattern flagged every word of every reply. ``{}`` between tokens that do say (any one
    word between two) is what it is for."""
    places = [
        (f"patterns.{name}.{i}", p) for name, ps in pack.patterns.items() for i, p in enumerate(ps)
    ]
    places += [
        (f"rules.{r} ({rule.id}, check {rule.check}).patterns.{i}", p)
        for r, rule in enumerate(pack.rules)
        for i, p in enumerate(rule.patterns)
    ]
    for where, pattern in places:
        if any(_says_what(token) for token in pattern):
            continue
        written = _flow(pattern)
        raise PackError(
            f"rule pack {path}: {where}: {written} matches every word (a token written {{}} "
            "or with only an OP matches any word); say what each word is, e.g. "
            "[{LOWER: 'refund'}], and keep {} for any one word between such tokens "
            "([{LOWER: 'call'}, {}, {LOWER: 'back'}]), or list the words under phrases"
        )


def _says_what(token: object) -> bool:
    """Does a pattern's token compare anything (a key besides ``OP``)?"""
    return isinstance(token, dict) and any(
        not (isinstance(key, str) and key.upper() == "OP") for key in token
    )


def _flow(pattern: TokenPattern) -> str:
    """A pattern as written in a pack's YAML flow style (``[{}, {OP: '+'}]``), short."""
    tokens = ", ".join(
        "{" + ", ".join(f"{key}: {value!r}" for key, value in token.items()) + "}"
        for token in pattern
    )
    shown = f"[{tokens}]"
    return shown if len(shown) <= 60 else shown[:57] + "..."


#: Token attributes a pattern compares with the words themselves: no token holds a space.
_WORD_ATTRIBUTES = frozenset({"ORTH", "TEXT", "LOWER", "NORM"})
#: The set predicates whose lists hold such values (``{LOWER: {IN: [...]}}``).
_VALUE_LISTS = ("IN", "NOT_IN")


def _check_token_values(path: Path, pack: Pack) -> None:
    """Refuse a token pattern's word that no token can be: spaCy's Matcher takes
    ``{LOWER: Refund}`` (``LOWER`` is the word in lower case) or ``{ORTH: store credit}``
    (a token is one word) and finds nothing, on every reply, so the rule silently never
    fired."""
    for where, pattern in _token_patterns(pack):
        for t, token in enumerate(pattern):
            for key, value in token.items():
                attribute = key.upper() if isinstance(key, str) else ""
                if attribute not in _WORD_ATTRIBUTES:
                    continue
                for word in _pattern_words(value):
                    problem = _never_a_token(attribute, word)
                    if problem is not None:
                        raise PackError(f"rule pack {path}: {where}.{t}.{key}: {problem}")


def _pattern_words(value: object) -> list[str]:
    """The words a token attribute's value compares with: the value itself, or the
    lists of its ``IN`` and ``NOT_IN``."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        lists = [value.get(name, value.get(name.lower())) for name in _VALUE_LISTS]
        return [
            w for words in lists if isinstance(words, list) for w in words if isinstance(w, str)
        ]
    return []


def _never_a_token(attribute: str, word: str) -> str | None:
    """Why no token's ``attribute`` can be ``word``, or None."""
    if word.strip() and any(character.isspace() for character in word):
        first, *rest = word.split()
        return (
            f"{word!r} has a space, but a token is one word, so it never matches; give each "
            f"word its own token, [{{{attribute}: {first!r}}}, {{{attribute}: {rest[0]!r}}}], "
            "or list the words under phrases"
        )
    if attribute == "LOWER" and word != word.lower():
        return (
            f"{word!r} has a capital letter, but LOWER is the word in lower case, so it never "
            f"matches; write {word.lower()!r}"
        )
    return None


def _one_line(text: str) -> str:
    return " ".join(text.replace(' in "<unicode string>",', ",").split())


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
    #: The lexicons and pattern lists asked for so far (by the rules and analyses a
    #: linter built): a list a pack extends must be read by something
    #: (:mod:`replylint.pack_lists`).
    read: set[str] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def load(cls, paths: Iterable[Path], texts: Mapping[str, str] | None = None) -> PackSet:
        """Load each pack file once: the same file named twice (``--pack`` and the
        configuration's ``packs``, ``a.yaml`` and ``./a.yaml``) is one pack, not two
        defining every rule twice. Kept under the path first given, which errors name.
        ``texts``: packs' texts read before, by path as given, used instead of the files."""
        unique: dict[Path, Path] = {}
        for path in paths:
            unique.setdefault(path.resolve(), path)
        known = texts or {}
        packs = tuple((p, _load_pack_at(p, known.get(str(p)))) for p in unique.values())
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

    def lexicon(self, name: str, default: Iterable[str] | None = None) -> tuple[str, ...]:
        """The lexicon ``name``, its entries from every loaded pack that defines it.

        ``default``: the words a rule ships itself, which the packs' entries extend. A
        rule plugin has no pack among replylint's, so a plugin reading its own list
        (``words("acme.shouting_exceptions")``) made every command fail for every user
        until they loaded a pack defining it; given its own words, it works alone, and
        a team pack's lexicon of that name adds to them. Without ``default``, a name no
        loaded pack defines is an error saying what to do."""
        self.read.add(name)
        found = self.lexicons.get(name)
        if default is not None:
            own = [" ".join(entry.split()) for entry in _listed(name, default) if entry.strip()]
            return tuple(dict.fromkeys([*own, *(found or ())]))
        if found is None:
            raise PackError(_undefined("lexicon", name))
        return found

    def words(self, name: str, default: Iterable[str] | None = None) -> frozenset[str]:
        """A lexicon that code compares token by token, as lower-case single words;
        ``default`` as for :meth:`lexicon`.

        An entry of several words could never equal one token, so it would be silently
        dead: it is an error naming the pack that holds it instead."""
        entries = self.lexicon(name, default)
        for entry in entries:
            if len(entry.split()) > 1:
                where = next(
                    (
                        f"rule pack {path}"
                        for path, pack in self.packs
                        if entry in pack.lexicons.get(name, ())
                    ),
                    "the rule's own words (default)",
                )
                raise PackError(
                    f"{where}: lexicons.{name}: {entry!r} has several words, but this "
                    "lexicon is matched one word at a time; list single words"
                )
        return frozenset(entry.strip().lower() for entry in entries)

    def pattern_list(
        self, name: str, default: Iterable[TokenPattern] | None = None
    ) -> tuple[TokenPattern, ...]:
        """The token patterns ``name``, from every loaded pack that defines it;
        ``default`` as for :meth:`lexicon`: the rule's own patterns, which the packs'
        extend."""
        self.read.add(name)
        found = self.patterns.get(name)
        if default is not None:
            return (*default, *(found or ()))
        if found is None:
            raise PackError(_undefined("patterns", name))
        return found

    def rules(self) -> Iterable[tuple[Path, PackRuleSpec]]:
        for path, pack in self.packs:
            for rule in pack.rules:
                yield path, rule


def _undefined(kind: str, name: str) -> str:
    """The error for a list no loaded pack defines, read with no words of its own."""
    return (
        f"no rule pack loaded defines the {kind} {name!r}; load the pack that does "
        "(--pack PATH, or packs in the config file), or have the rule give its own "
        f"(default=[...] where it reads the {kind})"
    )


def _listed(name: str, default: Iterable[str]) -> Iterable[str]:
    """A rule's own words, refused when they are one string: iterated, it would be a
    lexicon of single letters."""
    if isinstance(default, str):
        raise TypeError(
            f"the default of the lexicon {name!r} is a list of words, not the string "
            f"{default!r:.40}; write default=[{default!r:.40}]"
        )
    return default
