"""Refuse regular expressions from rule packs that could make one reply take minutes.

A pack's spaCy token patterns may carry ``{"REGEX": ...}`` values, which spaCy runs with
Python's backtracking ``re`` engine on every token (``re.search``, so at every start
position), and a token can be as long as the reply: 100,000 characters of one "word" is
a legal input. A pattern is checked once, when its pack is loaded, by walking the parse
tree Python itself builds (``re._parser``; ``sre_parse`` before 3.11), not by regexes over
regexes. The rules are deliberately simple and conservative, so a refusal can say exactly
what to rewrite; each one closes a measured blow-up:

- length at most :data:`MAX_PATTERN_CHARS`, and it must compile;
- no back-references or conditionals (``\\1``, ``(?P=name)``, ``(?(1)...)``): they defeat
  every bound below;
- no nested quantifiers: a repeated group must not contain a variable-length repeat
  (``(a+)+``, ``(\\w*\\s?)*``): exponential;
- no repeated alternation whose branches can start with the same character or match
  nothing (``(a|a)*``, ``(a|ab)+``): exponential. Python already turns alternations of
  single characters, such as ``(\\w|\\d)+``, into one character class, which is safe;
- at most one unbounded repeat (``*``, ``+``, ``{n,}``, or an upper bound over
  :data:`LONG_REPEAT`), and unless it ends the pattern, the pattern must be anchored with
  ``^`` or ``\\A``: ``\\w+x`` searched over a 100,000-character token takes 12 s
  (quadratic), ``^\\w+x`` or ``x\\w+`` a millisecond;
- the bounded repeats together allow at most :data:`MAX_REPEAT_CHOICES` combinations
  (``\\w{0,99}\\w{0,99}\\w{0,99}`` is cubic even though each part is bounded).

Atomic groups ``(?>...)`` and possessive repeats ``a++`` never give back what they
matched, so repeats inside them do not count as nested in an enclosing repeat.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sre_constants as _constants
    import sre_parse as _parser
else:
    try:  # Python 3.11+: the parser moved into the re package
        from re import _constants, _parser
    except ImportError:  # Python 3.10
        import sre_constants as _constants
        import sre_parse as _parser

MAX_PATTERN_CHARS = 200
#: An upper repeat bound above this is treated as unbounded.
LONG_REPEAT = 100
MAX_REPEAT_CHOICES = 1_000

_Node = tuple[Any, Any]

_LITERAL = _constants.LITERAL
_NOT_LITERAL = _constants.NOT_LITERAL
_ANY = _constants.ANY
_IN = _constants.IN
_RANGE = _constants.RANGE
_NEGATE = _constants.NEGATE
_CATEGORY = _constants.CATEGORY
_BRANCH = _constants.BRANCH
_SUBPATTERN = _constants.SUBPATTERN
_AT = _constants.AT
_ASSERTS = (_constants.ASSERT, _constants.ASSERT_NOT)
_GROUPREFS = (_constants.GROUPREF, _constants.GROUPREF_EXISTS)
_GREEDY_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT)
_POSSESSIVE_REPEAT: Any = getattr(_constants, "POSSESSIVE_REPEAT", None)  # 3.11+
_ATOMIC_GROUP: Any = getattr(_constants, "ATOMIC_GROUP", None)  # 3.11+
_MAXREPEAT: int = _constants.MAXREPEAT

_CATEGORY_TESTS: dict[Any, Callable[[str], bool]] = {
    _constants.CATEGORY_DIGIT: lambda ch: ch.isdecimal(),
    _constants.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(),
    _constants.CATEGORY_SPACE: lambda ch: bool(re.match(r"\s", ch)),
    _constants.CATEGORY_NOT_SPACE: lambda ch: not re.match(r"\s", ch),
    _constants.CATEGORY_WORD: lambda ch: bool(re.match(r"\w", ch)),
    _constants.CATEGORY_NOT_WORD: lambda ch: not re.match(r"\w", ch),
}
#: Characters tried when asking whether two branches can start alike: Latin, common
#: spaces and a few letters and digits of other scripts, plus every character the
#: pattern names (added per pattern).
_PROBES = frozenset(
    [chr(c) for c in range(0x250)] + list("\u2028\u3000\u0436\u0416\u4e2d\u0663\u0e53\u212a")
)


class UnsafeRegexError(ValueError):
    """A pattern that could take super-linear time; the message says how to rewrite it."""


@dataclass(frozen=True)
class _Atom:
    """One character-consuming node with the flags in force where it stands."""

    op: Any
    av: Any
    flags: int


def check_regex(pattern: str) -> None:
    """Raise :class:`UnsafeRegexError` if ``pattern`` breaks one of the module's rules."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise UnsafeRegexError(
            f"{len(pattern)} characters is over the {MAX_PATTERN_CHARS} limit; "
            "split it into several token patterns"
        )
    try:
        parsed = _parser.parse(pattern)
    except re.error as exc:
        raise UnsafeRegexError(f"not a valid regular expression: {exc}") from None
    walker = _Walker()
    walker.walk(_items(parsed), parsed.state.flags, repeated=False)
    if walker.unbounded > 1:
        raise UnsafeRegexError(
            f"{walker.unbounded} unbounded repeats (*, +, {{n,}} or over {{,{LONG_REPEAT}}}) "
            "make matching a long token quadratic or worse; keep one and bound the others, "
            "e.g. \\w{1,30}"
        )
    top = _items(parsed)
    if walker.unbounded and not (_anchored(top, parsed.state.flags) or _ends_unbounded(top)):
        raise UnsafeRegexError(
            "an unbounded repeat (*, +, {n,}) followed by more pattern, in a pattern that "
            "is not anchored, is quadratic on a long token (it is retried at every "
            "position); start the pattern with ^ or bound the repeat, e.g. \\w{1,30}"
        )
    if walker.choices > MAX_REPEAT_CHOICES:
        raise UnsafeRegexError(
            f"the bounded repeats allow {walker.choices:,} combinations (limit "
            f"{MAX_REPEAT_CHOICES:,}), which a long token can all try; narrow the bounds"
        )


def token_pattern_regexes(value: object) -> Iterator[str]:
    """Every regex in a spaCy token pattern (or a token, or a list of patterns): the
    string under any ``REGEX`` key, including ``{"REGEX": {"IN": [...]}}`` and
    extension attributes (``{"_": {"attr": {"REGEX": ...}}}``)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and key.upper() == "REGEX":
                yield from _strings(item)
            else:
                yield from token_pattern_regexes(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from token_pattern_regexes(item)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


class _Walker:
    """Walks a parse tree, raising on nesting, ambiguity and back-references, and
    counting unbounded repeats and bounded-repeat combinations."""

    def __init__(self) -> None:
        self.unbounded = 0
        self.choices = 1

    def walk(self, items: list[_Node], flags: int, *, repeated: bool) -> None:
        """``repeated``: inside a repeat that can backtrack (max above 1)."""
        for op, av in items:
            if op in _GROUPREFS:
                raise UnsafeRegexError(
                    "back-references and conditionals (\\1, (?P=name), (?(1)...)) are not "
                    "allowed: they make matching time unbounded; match the text itself"
                )
            if op in _GREEDY_REPEATS or op is _POSSESSIVE_REPEAT:
                self._repeat(op, av, flags, repeated=repeated)
            elif op is _SUBPATTERN:
                _group, add, remove, body = av
                self.walk(_items(body), (flags | add) & ~remove, repeated=repeated)
            elif op is _ATOMIC_GROUP:
                self.walk(_items(av), flags, repeated=False)
            elif op is _BRANCH:
                if repeated:
                    _refuse_ambiguous(av[1], flags)
                for branch in av[1]:
                    self.walk(_items(branch), flags, repeated=repeated)
            elif op in _ASSERTS:
                self.walk(_items(av[1]), flags, repeated=repeated)

    def _repeat(self, op: Any, av: Any, flags: int, *, repeated: bool) -> None:
        low, high, body = av
        unbounded = high == _MAXREPEAT or high > LONG_REPEAT
        # A possessive repeat never gives back what it matched: a barrier, like (?>...).
        possessive = op is _POSSESSIVE_REPEAT
        if low != high:
            if repeated and not possessive:
                raise UnsafeRegexError(
                    "nested quantifiers: a repeated group contains another repeat (like "
                    "(a+)+ or (\\w*\\s?)*), which can backtrack exponentially; repeat one "
                    "character class instead: a+ for (a+)+, [\\w\\s]* for (\\w*\\s?)*"
                )
            if unbounded:
                self.unbounded += 1
            else:
                self.choices *= high - low + 1
        self.walk(_items(body), flags, repeated=not possessive and (repeated or high > 1))


def _refuse_ambiguous(branches: list[Any], flags: int) -> None:
    """A repeated alternation must choose its branch from the next character alone."""
    firsts: list[list[_Atom]] = []
    words: list[str | None] = []
    for number, branch in enumerate(branches, 1):
        atoms, nullable = _first(_items(branch), flags)
        if nullable:
            raise UnsafeRegexError(
                f"a repeated alternation has a branch (number {number}) that can match "
                "nothing (like (a|)* or (a|aa)*, which Python reads as a(|a)), so the repeat "
                "can split the text in many ways; make every branch consume a character and "
                "none a prefix of another, or list the words as separate patterns"
            )
        firsts.append(atoms)
        words.append(_literal_text(_items(branch), flags))
    probes = set(_PROBES)
    for atoms in firsts:
        probes.update(_named_chars(atoms))
    for i, left in enumerate(firsts):
        for j in range(i + 1, len(firsts)):
            a, b = words[i], words[j]
            if a is not None and b is not None:
                if a.startswith(b) or b.startswith(a):
                    short, long = sorted((a, b), key=len)
                    raise UnsafeRegexError(
                        f"a repeated alternation has a branch ({long!r}) that starts with "
                        f"another ({short!r}), so the repeat can split the text in many "
                        "ways; drop the shorter one or list the words as separate patterns"
                    )
                continue  # two words, neither a prefix of the other: one way to read text
            shared = next(
                (
                    ch
                    for ch in sorted(probes)
                    if _any_matches(left, ch) and _any_matches(firsts[j], ch)
                ),
                None,
            )
            if shared is not None:
                raise UnsafeRegexError(
                    f"a repeated alternation has branches ({i + 1} and {j + 1}) that can both "
                    f"start with {shared!r} (like (a|a)* or (\\w|\\d+)+), so the repeat can "
                    "match the same text in many ways; make the branches start differently "
                    "or use one character class, e.g. [\\w\\d]+"
                )


def _literal_text(items: list[_Node], flags: int) -> str | None:
    """The text a branch of plain characters matches (case-folded under IGNORECASE), or
    None when it has anything else."""
    if not all(op is _LITERAL for op, _ in items):
        return None
    text = "".join(chr(code) for _, code in items)
    return text.casefold() if flags & re.IGNORECASE else text


def _first(items: list[_Node], flags: int) -> tuple[list[_Atom], bool]:
    """The nodes that can consume the first character, and whether ``items`` can match
    the empty string."""
    atoms: list[_Atom] = []
    for op, av in items:
        if op in (_LITERAL, _NOT_LITERAL, _ANY, _IN):
            atoms.append(_Atom(op, av, flags))
            return atoms, False
        if op is _SUBPATTERN:
            found, nullable = _first(_items(av[3]), (flags | av[1]) & ~av[2])
        elif op is _ATOMIC_GROUP:
            found, nullable = _first(_items(av), flags)
        elif op in _GREEDY_REPEATS or op is _POSSESSIVE_REPEAT:
            found, nullable = _first(_items(av[2]), flags)
            nullable = nullable or av[0] == 0
        elif op is _BRANCH:
            found, nullable = [], False
            for branch in av[1]:
                branch_atoms, branch_nullable = _first(_items(branch), flags)
                found += branch_atoms
                nullable = nullable or branch_nullable
        else:  # anchors and lookarounds consume nothing
            continue
        atoms += found
        if not nullable:
            return atoms, False
    return atoms, True


def _any_matches(atoms: list[_Atom], ch: str) -> bool:
    return any(_atom_matches(atom, ch) for atom in atoms)


def _atom_matches(atom: _Atom, ch: str) -> bool:
    variants = {ch, ch.lower(), ch.upper()} if atom.flags & re.IGNORECASE else {ch}
    return any(_node_matches(atom.op, atom.av, c, atom.flags) for c in variants)


def _node_matches(op: Any, av: Any, ch: str, flags: int) -> bool:
    if op is _LITERAL:
        return bool(ord(ch) == av)
    if op is _NOT_LITERAL:
        return bool(ord(ch) != av)
    if op is _ANY:
        return bool(flags & re.DOTALL) or ch != "\n"
    if op is _RANGE:
        return bool(av[0] <= ord(ch) <= av[1])
    if op is _CATEGORY:
        test = _CATEGORY_TESTS.get(av)
        return True if test is None else bool(test(ch))
    if op is _IN:
        negate = any(item_op is _NEGATE for item_op, _ in av)
        hit = any(_node_matches(o, a, ch, flags) for o, a in av if o is not _NEGATE)
        return hit != negate
    return True  # unknown node: assume it can match (conservative)


def _named_chars(atoms: list[_Atom]) -> Iterator[str]:
    """Characters a pattern mentions (literals, range ends), and their case variants."""
    for atom in atoms:
        nodes = atom.av if atom.op is _IN else [(atom.op, atom.av)]
        for op, av in nodes:
            codes = [av] if op in (_LITERAL, _NOT_LITERAL) else list(av) if op is _RANGE else []
            for code in codes:
                for near in (code - 1, code, code + 1):
                    if 0 <= near <= 0x10FFFF:
                        ch = chr(near)
                        yield from {ch, ch.lower()[:1], ch.upper()[:1]}


def _anchored(items: list[_Node], flags: int) -> bool:
    """Whether every match must start at the start of the string (``^`` without
    MULTILINE, or ``\\A``), so ``search`` tries one position only."""
    for op, av in items:
        if op is _AT:
            if av is _constants.AT_BEGINNING_STRING:
                return True
            if av is _constants.AT_BEGINNING and not flags & re.MULTILINE:
                return True
            continue
        if op is _SUBPATTERN:
            return _anchored(_items(av[3]), (flags | av[1]) & ~av[2])
        if op is _ATOMIC_GROUP:
            return _anchored(_items(av), flags)
        if op is _BRANCH:
            return all(_anchored(_items(branch), flags) for branch in av[1])
        return False
    return False


def _ends_unbounded(items: list[_Node]) -> bool:
    """Whether the last node is an unbounded repeat: then a match attempt that reaches it
    succeeds at once (nothing after it can fail), so retrying every position is linear."""
    if not items:
        return False
    op, av = items[-1]
    if op in _GREEDY_REPEATS or op is _POSSESSIVE_REPEAT:
        return bool(av[1] == _MAXREPEAT or av[1] > LONG_REPEAT)
    return False


def _items(body: Any) -> list[_Node]:
    """A parse-tree body as a list of ``(op, argument)`` nodes (``SubPattern`` or list)."""
    data = getattr(body, "data", body)
    return list(data)
