"""No regular expression replylint runs can backtrack catastrophically.

Two halves. The audit collects every regex the package can run, automatically, so a new
one cannot escape it: patterns held by the package's modules and classes (after importing
every module), literal patterns passed to ``re.*`` calls anywhere in the source (an AST
scan finds those inside functions), the patterns a built ``Linter`` holds (built from the
shipped packs at construction), and every ``REGEX`` in the shipped packs' token patterns.
Each is run over adversarial strings (long runs of the characters it repeats, then a
character that forces failure) and must finish within a CPU-time bound that a linear
pattern meets a hundred times over and a quadratic one misses. The other half checks the
static validation of user patterns in :mod:`replylint.regex_safety`.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import replylint
from replylint import Linter
from replylint.packs import builtin_pack_paths, load_pack
from replylint.regex_safety import (
    MAX_PATTERN_CHARS,
    UnsafeRegexError,
    check_regex,
    token_pattern_regexes,
)

PACKAGE = Path(replylint.__file__).parent
RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn"}
RE_FUNCTIONS |= {"split"}
#: Functions that compile a pattern built at run time. Their patterns come from packs,
#: so the audit takes them from a built Linter; a new one must be added here (and be
#: reachable from the Linter) or this audit fails.
DYNAMIC_BUILDERS = {
    ("problem.py", "phrase_regex"),
    ("problem.py", "request_frame_regex"),
    ("problem.py", "resolution_regex"),
    # the gate compiles each token pattern's REGEX value: the same strings
    # pack_regexes() collects from the packs below
    ("matchers.py", "_requirements"),
    # the glossary's terms, escaped word by word into one fixed shape: the audit takes
    # them from a Linter built with a glossary (GLOSSARY)
    ("team_terms.py", "__init__"),
    ("team_terms.py", "any_term_regex"),
    # a lexicon of the shipped normaliser pack as one scan: the audit finds the scans
    # where they are built, at module level (quoting._FOOTER_PHRASE_SCAN, ...)
    ("normalize/vocabulary.py", "substring_scan"),
}
#: A glossary whose terms have every shape team_terms.py builds: several words, a hyphen,
#: an apostrophe, a "y" plural, punctuation.
GLOSSARY = {
    "allowed": ["Tier 2 escalation queue", "SSL/TLS", "proxy", "C++", "e-mail"],
    "banned": {"can't": "cannot", "per our policy": "because", "U.S.": "the US"},
}

#: Run length of the adversarial strings, and the CPU time one search may take. A linear
#: pattern needs about a millisecond at this length; the cheapest quadratic one
#: (``\w+x`` on "aaa...") needs 0.5 s, an exponential one forever.
N = 20_000
BOUND_S = 0.25
HARD_STOP_S = 1.0  # wall clock: enough to know the bound is missed
TAILS = ("!", "\x00")
BASE_CHARS = [*"a \n{<.->_1@/\t:;,'\"*|=#&%", "é", "\u00a0", "\u4e2d", "\U0001f600"]


# --- collecting ------------------------------------------------------------------------


def _modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="replylint."):
        if info.name.endswith("__main__"):  # runs the CLI on import; the AST scan covers it
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # an optional extra (dask) is not installed: AST scan covers it
            continue


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value
    elif depth < 2 and isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


def module_patterns() -> dict[str, re.Pattern[str]]:
    """Patterns at module level and in class attributes, keyed by where they live."""
    found: dict[str, re.Pattern[str]] = {}
    for module in _modules():
        for name, value in vars(module).items():
            for pattern in _patterns_in(value):
                found[f"{module.__name__}.{name}"] = pattern
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attr, member in vars(value).items():
                    for pattern in _patterns_in(member):
                        found[f"{module.__name__}.{name}.{attr}"] = pattern
    return found


def _flags(node: ast.expr | None) -> int:
    """Evaluate ``re.I | re.M`` style flag arguments."""
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return int(getattr(re, node.attr))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    raise AssertionError(f"cannot evaluate regex flags {ast.unparse(node)}")


def _flag_argument(call: ast.Call, function: str) -> ast.expr | None:
    position = {"compile": 1, "sub": 4, "subn": 4, "split": 3}.get(function, 2)
    for keyword in call.keywords:
        if keyword.arg == "flags":
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def source_regex_calls() -> tuple[dict[str, re.Pattern[str]], list[str]]:
    """Literal patterns of ``re.*`` calls anywhere in the source; and the places that
    compile a non-literal pattern inside a function not listed in DYNAMIC_BUILDERS."""
    literal: dict[str, re.Pattern[str]] = {}
    unknown: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        relative = path.relative_to(PACKAGE).as_posix()
        for function, call in _re_calls(tree):
            name = call.func.attr  # type: ignore[attr-defined]
            where = f"{relative}:{call.lineno}"
            first = call.args[0] if call.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                literal[where] = re.compile(first.value, _flags(_flag_argument(call, name)))
            elif function is not None and (relative, function) not in DYNAMIC_BUILDERS:
                unknown.append(f"{where} in {function}(): re.{name}({ast.unparse(first)})")
    return literal, unknown


def _re_calls(tree: ast.AST) -> Iterator[tuple[str | None, ast.Call]]:
    """``re.<function>(...)`` calls with the name of the function they are in (None at
    module or class level, where importing the module builds them)."""

    def visit(node: ast.AST, function: str | None) -> Iterator[tuple[str | None, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            inner = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name
            elif isinstance(child, ast.Lambda):
                inner = function or "<lambda>"
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and isinstance(child.func.value, ast.Name)
                and child.func.value.id == "re"
                and child.func.attr in RE_FUNCTIONS
            ):
                yield function, child
            yield from visit(child, inner)

    yield from visit(tree, None)


def linter_patterns(linter: Linter) -> dict[str, re.Pattern[str]]:
    """Patterns held by a built Linter's rules and helpers (gates and phrase regexes
    compiled from the shipped packs), found by walking its objects."""
    found: dict[str, re.Pattern[str]] = {}
    seen: set[int] = set()

    def walk(value: object, where: str, depth: int) -> None:
        if id(value) in seen or depth > 4:
            return
        seen.add(id(value))
        if isinstance(value, re.Pattern):
            if isinstance(value.pattern, str):
                found[where] = value
            return
        if isinstance(value, list | tuple):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]", depth + 1)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}[{key!r}]", depth + 1)
        elif type(value).__module__.startswith("replylint") and hasattr(value, "__dict__"):
            for attr, item in vars(value).items():
                walk(item, f"{where}.{attr}", depth + 1)

    # The shared analysers first: rules reach them too (through their context), deeper
    # than the walk goes, and a visited object is not walked twice.
    walk(linter._analyses, "analyses", 0)
    walk(list(linter.rules), "rules", 0)
    return found


def pack_regexes() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in builtin_pack_paths():
        pack = load_pack(path)
        patterns = [(f"patterns.{n}", p) for n, ps in pack.patterns.items() for p in ps]
        patterns += [(f"rules.{r.id}", p) for r in pack.rules for p in r.patterns]
        for where, pattern in patterns:
            for index, regex in enumerate(token_pattern_regexes(pattern)):
                found[f"{path.name}:{where}:{index}"] = regex
    return found


# --- adversarial inputs ----------------------------------------------------------------


def _pattern_chars(pattern: re.Pattern[str]) -> list[str]:
    """Characters the pattern names (punctuation first: letters mostly behave like the
    "a" already tried), at most 12."""
    chars = set(re.findall(r"[^\\()\[\]{}?*+|^$]", pattern.pattern))
    return sorted(chars, key=lambda c: (c.isalnum(), c))[:12]


def adversarial_strings(pattern: re.Pattern[str]) -> Iterator[str]:
    chars = sorted(set(BASE_CHARS) | set(_pattern_chars(pattern)))
    for ch in chars:
        for tail in TAILS:
            yield ch * N + tail
    words = [w for w in re.findall(r"[A-Za-z:/.@<>{}-]{2,}", pattern.pattern)][:6]
    for word in words:
        yield word * (N // len(word)) + "!"
        yield (word + " ") * (N // (len(word) + 1)) + "\x00"
    for pair in ("a ", "a.", "a\n", " \n", "<a", "{{", "a-", "1.", "> ", "\n>", "a@", "A "):
        yield pair * (N // 2) + "!"
    yield ("a" * 50 + " ") * (N // 51) + "!"
    yield "Aa" * (N // 2) + "!"
    for prefix in DIRECTIVE_PREFIXES:  # a run of blanks after what a pattern starts with
        for ch in " \t\n":
            yield prefix + ch * N + "y"
    for prefix in (*DIRECTIVE_PREFIXES, "<!--"):  # starts never closed, one after another
        yield (prefix + " ") * (N // (len(prefix) + 1)) + "!"
        yield prefix * (N // len(prefix)) + "!"


#: Starts of text that patterns reading directives and comments match before what they
#: repeat: a lazy content before a run of blanks was quadratic on "replylint: disable=x"
#: and 50,000 tabs (75 s in HTML).
#: They are also repeated without a close ("<!-- replylint: disable=x " 3,000 times took
#: seconds, in the jargon candidates' counting, not in a regex: see
#: test_unclosed_directive_runs.py), so no pattern may be the next such step.
DIRECTIVE_PREFIXES = ("replylint: disable=x", "<!-- replylint: disable=x", "{{! replylint: disable")


def _cpu_seconds(pattern: re.Pattern[str], text: str) -> float:
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, HARD_STOP_S)
    start = time.process_time()
    try:
        pattern.findall(text)  # every start position, as finditer/sub do, without Python loops
    except TimeoutError:
        return HARD_STOP_S
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.process_time() - start


def slowest_input(pattern: re.Pattern[str]) -> tuple[float, str]:
    """The slowest adversarial input and its time, or the first one over the bound."""
    worst = (0.0, "")
    for text in adversarial_strings(pattern):
        seconds = _cpu_seconds(pattern, text)
        if seconds > BOUND_S:  # confirm: a noisy machine gets one more chance
            seconds = min(seconds, _cpu_seconds(pattern, text))
            if seconds > BOUND_S:
                return seconds, text
        worst = max(worst, (seconds, text))
    return worst


# --- the audit -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def audited(linter: Linter) -> dict[str, re.Pattern[str]]:
    literal, unknown = source_regex_calls()
    assert not unknown, "regexes built at run time that the audit cannot reach:\n" + "\n".join(
        unknown
    )
    glossary = {
        f"glossary.{k}": v for k, v in linter_patterns(Linter({"glossary": GLOSSARY})).items()
    }
    found = {**module_patterns(), **literal, **linter_patterns(linter), **glossary}
    found.update({k: re.compile(v) for k, v in pack_regexes().items()})
    return found


def test_audit_finds_every_kind_of_regex(audited: dict[str, re.Pattern[str]]) -> None:
    """The collectors work: each kind of source is represented (if one collector broke,
    the timing test below would pass vacuously)."""
    keys = list(audited)
    assert any(k.startswith("replylint.normalize.quoting._QUOTED_LINES") for k in keys)
    assert any(k.startswith("ruledocs.py:") for k in keys)  # re.sub literal in a function
    assert any(k.startswith("replylint.normalize.signoff._VALEDICTION_LINE") for k in keys)
    assert any(k.startswith("analyses.problems.") for k in keys)  # problem.phrase_regex
    assert any(k.startswith("next_step_timeframe.yaml:") for k in keys)  # a pack REGEX
    assert any(k.startswith("glossary.") and "_any" in k for k in keys)  # team_terms.py
    assert len({p.pattern for p in audited.values()}) >= 40


def test_no_regex_backtracks_catastrophically(audited: dict[str, re.Pattern[str]]) -> None:
    distinct: dict[tuple[str, int], str] = {}
    for where, pattern in audited.items():
        distinct.setdefault((pattern.pattern, pattern.flags), where)
    slow = []
    for (source, flags), where in distinct.items():
        seconds, text = slowest_input(re.compile(source, flags))
        if seconds > BOUND_S:
            sample = repr(text[:12]) + f"...({len(text)} chars)"
            slow.append(f"{where}: {source[:80]!r} took {seconds:.2f} s on {sample}")
    assert not slow, "\n".join(slow)


def test_the_timing_check_can_fail() -> None:
    """The bound catches a quadratic pattern and stops an exponential one."""
    assert _cpu_seconds(re.compile(r"\w+x"), "a" * 2 * N + "!") > BOUND_S
    assert _cpu_seconds(re.compile(r"^(a|a?)+$"), "a" * 40 + "!") > BOUND_S
    assert slowest_input(re.compile(r"\w{1,30}x"))[0] < BOUND_S


def test_shipped_pack_regexes_pass_the_user_pattern_rules() -> None:
    regexes = pack_regexes()
    assert regexes
    for where, regex in regexes.items():
        try:
            check_regex(regex)
        except UnsafeRegexError as exc:
            pytest.fail(f"{where}: {regex!r}: {exc}")


# --- static validation of user patterns -----------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a+)+", "nested quantifiers"),
        (r"^(\w*\s?)*$", "nested quantifiers"),
        (r"^(?:x\d{1,3})+$", "nested quantifiers"),
        (r"(a|a)*", "can match nothing"),
        (r"^(a|aa)+$", "can match nothing"),
        (r"^(?:\w|\d+)+$", "both start with"),
        (r"^(?:[a-z]+|x)+$", "both start with"),
        (r"^(?:[a-z]+|9)+$", "nested quantifiers"),
        (r"(?>a+)b", "not anchored"),
        (r"^(?:a|b|ab)+$", "starts with another"),
        (r"^(?i:Ab|ab)+$", "starts with another"),
        (r"(x)\1", "back-references"),
        (r"(?P<w>x)(?P=w)", "back-references"),
        (r"(x)?(?(1)a|b)", "back-references"),
        (r"\w+x", "not anchored"),
        (r"(?m)^\w+x", "not anchored"),
        (r"\d+$", "not anchored"),
        (r"^\d+\d+$", "2 unbounded"),
        (r"\w{0,99}\w{0,99}", "combinations"),
        ("a" * (MAX_PATTERN_CHARS + 1), "limit"),
        (r"[a-", "not a valid regular expression"),
    ],
)
def test_unsafe_patterns_are_refused(pattern: str, reason: str) -> None:
    with pytest.raises(UnsafeRegexError, match=reason):
        check_regex(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"^\d{1,2}(st|nd|rd|th)$",
        r"colou?r",
        r"\d+",
        r"x\w+",
        r"^\w+x",
        r"\A[A-Z][a-z]+ing\Z",
        r"^(?:foo|bar|baz)+$",
        r"^(?:\d{3}-)+\d{4}$",
        r"(\w|\d)+",  # Python compiles it to the character class [\w\d]: one way to match
        r"^(?:ab|cd)+$",
        r"(?i)^(?:re|fw):",
        r"\w{1,30}@\w{1,30}",
        r"^(?:ab|a\w)+$",  # Python reads it as a[b\w]: one way to match
        r"^\w{1,500}x",
        r"^(?>a+)b",
    ],
)
def test_safe_patterns_are_accepted(pattern: str) -> None:
    check_regex(pattern)


def test_accepted_patterns_are_fast_on_adversarial_tokens() -> None:
    """What the static rules accept, the timing audit agrees with."""
    for pattern in (r"^\w+x", r"x\w+", r"^(?:foo|bar|baz)+$", r"(\w|\d)+", r"\w{1,30}@\w{1,30}"):
        check_regex(pattern)
        assert slowest_input(re.compile(pattern))[0] < BOUND_S, pattern


def test_regexes_are_found_wherever_spacy_accepts_them() -> None:
    pattern = [
        {"TEXT": {"REGEX": "^a"}},
        {"LOWER": {"REGEX": {"IN": ["^b", "^c"]}}},
        {"_": {"custom": {"REGEX": "^d"}}},
        {"NORM": {"IN": ["REGEX"]}},  # a word, not a regex
    ]
    assert list(token_pattern_regexes(pattern)) == ["^a", "^b", "^c", "^d"]


def test_a_run_of_blanks_after_a_directive_is_adversarial() -> None:
    """The lazy pattern that took 75 s on 50,000 tabs in HTML is caught by the inputs."""
    old = re.compile(
        r"(?i)(?<![\w-])(?P<content>replylint[ \t]*:?[ \t_-]*(?:dis|en)able(?![a-z])[^<\n]*?)"
        r"[ \t]*(?=<|\r?$|\n)"
    )
    assert slowest_input(old)[0] > BOUND_S
