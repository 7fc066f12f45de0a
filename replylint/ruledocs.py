"""Rule documentation generated from the rules themselves: ``replylint explain`` and docs/rules.md.

Every rule already carries its service standard, rationale, examples, options and pipeline
needs, and each built-in rule's module docstring says how it decides. Writing that again
by hand in a docs page would drift from the code, so both the plain-text ``explain``
output and ``docs/rules.md`` are rendered from the same metadata. The Markdown is
deterministic (rules sorted by id, no timestamps, pack files named by file name rather
than by absolute path) so a test can compare the committed file with a fresh rendering
and fail when someone changes a rule without regenerating the docs.

Regenerate with ``python -m replylint.ruledocs``; ``--check`` only compares.
"""

from __future__ import annotations

import argparse
import enum
import inspect
import re
import sys
import textwrap
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from replylint.config import RuleNames, covers
from replylint.pack_lists import is_shipped
from replylint.pack_rule import PackRule
from replylint.packs import (
    NORMALIZE_PACK,
    PACK_SCHEMA,
    Example,
    Examples,
    Pack,
    PackRuleSpec,
    builtin_pack_paths,
    load_pack,
)
from replylint.report import CORE_CHECKS
from replylint.rule import PresenceRule, Rule
from replylint.scoring import weight_in_words
from replylint.suppression import (
    DIRECTIVE_CHECK,
    DIRECTIVE_FIXES,
    DIRECTIVE_RULES,
    DIRECTIVE_SEVERITY,
)
from replylint.wording import counted

#: Where ``main`` writes: docs/rules.md of the repository this package lives in.
DOCS_PATH = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
REGENERATE = "python -m replylint.ruledocs"


class UnknownRuleError(LookupError):
    """No rule has the id asked for; the message lists the valid ids on one line."""


@dataclass(frozen=True)
class _Option:
    """One option as the docs show it: everything already rendered as text."""

    name: str
    type: str
    default: str
    description: str


def find_rule(rules: Sequence[Rule], rule_id: str) -> Rule:
    """The rule with ``rule_id``, or :class:`UnknownRuleError` naming the valid ids.

    Meant for ``replylint explain RULE``: a typo should be answered with the choices,
    not a traceback.
    """
    for rule in rules:
        if rule.id == rule_id:
            return rule
    raise _unknown(rules, rule_id)


def explain_name(rules: Sequence[Rule], name: str) -> str:
    """What ``replylint explain NAME`` prints: the rule with that id, a finding about
    suppression directives (``suppression.malformed``), or every rule a prefix or check
    name covers (``tone``, ``suppression``), as ``--ignore`` reads the name; otherwise
    :class:`UnknownRuleError` with the nearest name."""
    texts = {rule.id: explain(rule) for rule in rules if covers([name], rule.id, rule.check_name)}
    texts |= {
        rule_id: explain_directive(rule_id)
        for rule_id in DIRECTIVE_RULES
        if covers([name], rule_id, DIRECTIVE_CHECK)
    }
    if name in texts:
        return texts[name]
    if not texts:
        raise _unknown(rules, name)
    ids = sorted(texts)
    head = f"{name} covers {counted(len(ids), 'rule')}: {', '.join(ids)}"
    return "\n".join([head, "", *(texts[rule_id] for rule_id in ids)])


def explain_directive(rule_id: str) -> str:
    """Plain text describing one of the findings about suppression directives, which come
    from no rule object: what it means, what to do, and what it costs in the score."""
    lines = [
        rule_id,
        "=" * len(rule_id),
        f"Check:            {DIRECTIVE_CHECK}",
        f"Default severity: {DIRECTIVE_SEVERITY.value}",
        "Standard:         none: a finding about a `replylint: disable` directive",
        "Score weight:     "
        + weight_in_words(DIRECTIVE_CHECK, 0, DIRECTIVE_SEVERITY, verdict=False),
        "",
        "What it means:",
        _wrapped(_clean(DIRECTIVE_RULES[rule_id])),
        "",
        "What to do:",
        _wrapped(DIRECTIVE_FIXES[rule_id]),
    ]
    return "\n".join(lines) + "\n"


def _unknown(rules: Sequence[Rule], name: str) -> UnknownRuleError:
    """The error for a name that is no rule: the nearest id, prefix or check name, and
    the valid ids."""
    ids = {rule.id for rule in rules} | set(DIRECTIVE_RULES)
    checks = {rule.check_name for rule in rules} | {DIRECTIVE_CHECK}
    close = RuleNames(rule_ids=frozenset(ids), checks=frozenset(checks)).closest(name)
    hint = f"did you mean {close!r}? " if close else ""
    return UnknownRuleError(
        f"unknown rule {name!r}; {hint}valid rule ids: {', '.join(sorted(ids))}"
    )


def explain(rule: Rule) -> str:
    """Plain text describing one rule, for ``replylint explain RULE``.

    Shows what a reviewer needs to decide whether a finding is right: the standard and
    why it matters, how the rule decides, examples it fires and does not fire on, and the
    options that tune it.
    """
    lines = [
        rule.id,
        "=" * len(rule.id),
        f"Check:            {rule.check_name}",
        f"Default severity: {rule.default_severity.value}{_lowered_note(rule)}",
        f"Standard:         {rule.standard}",
        f"Score weight:     {score_weight(rule)}",
        "",
        "Rationale:",
        textwrap.fill(
            _clean(rule.rationale), width=88, initial_indent="  ", subsequent_indent="  "
        ),
        "",
        "How it decides:",
        _indent(_how_it_decides(rule, markdown=False)),
        "",
        f"Fires on{_rules_alone(rule)}:",
        *_text_examples(rule.examples.fire),
        "",
        "Does not fire on:",
        *_text_examples(rule.examples.pass_),
        "",
        "Options:",
    ]
    options = _options(rule)
    if not options:
        lines.append("  none")
    for option in options:
        lines.append(f"  {option.name} ({option.type}, default {option.default})")
        if option.description:
            lines.append(f"      {option.description}")
    lines += _text_word_lists(rule)
    lines += ["", f"Pipeline needs: {_requires(rule)}"]
    return "\n".join(lines) + "\n"


def _text_word_lists(rule: Rule) -> list[str]:
    """The word lists of the rule's shipped pack, which a team pack extends by name: an
    installed user found ``greeting.salutations`` only by guessing, or in site-packages."""
    lists = word_lists(rule)
    if lists is None:
        return []
    pack, names = lists
    return [
        "",
        f"Word lists (in {pack}; a pack's lexicon or pattern list of the same name adds to one):",
        textwrap.fill(", ".join(names), width=88, initial_indent="  ", subsequent_indent="  ",
                      break_on_hyphens=False),
    ]  # fmt: skip


def word_lists(rule: Rule) -> tuple[str, list[str]] | None:
    """The file name of the shipped pack named after the rule's check
    (``greeting.yaml``) and the names of its lexicons and pattern lists, sorted; None for
    a rule without one (a pack's rule, a plugin's, readability)."""
    for path, pack in rule.context.packs.packs:
        if path.stem == rule.check_name and is_shipped(path):
            names = sorted({*pack.lexicons, *pack.patterns})
            return (path.name, names) if names else None
    return None


def rules_markdown(rules: Sequence[Rule]) -> str:
    """The whole of docs/rules.md: a summary table, then one section per rule.

    Sorted by rule id so the output does not depend on plugin discovery order.
    """
    ordered = sorted(rules, key=lambda rule: rule.id)
    out = [
        "# Rules",
        "",
        f"_Generated by `{REGENERATE}` from the rules' metadata; do not edit by hand._",
        "",
        "Every rule, then the [rule pack format](#rule-pack-format): the keys a pack takes "
        f"and the [word lists it may extend]({WORD_LISTS_ANCHOR}).",
        "",
        "| Rule | Check | Severity | Standard |",
        "| --- | --- | --- | --- |",
    ]
    for rule in ordered:
        cells = [
            _code_span(rule.id),
            _code_span(rule.check_name),
            rule.default_severity.value,
            rule.standard,
        ]
        out.append("| " + " | ".join(_table_cell(c) for c in cells) + " |")
    for rule in ordered:
        out += ["", *_markdown_section(rule)]
    out += ["", *pack_format_markdown()]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Write docs/rules.md from the default Linter's rules, or with ``--check`` verify it.

    ``--check`` exits 1 when the file is stale, so CI can catch forgotten regeneration.
    """
    parser = argparse.ArgumentParser(
        prog="python -m replylint.ruledocs",
        description="Generate docs/rules.md from the rules' metadata.",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if docs/rules.md is out of date"
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write the page to FILE, not docs/rules.md"
    )
    args = parser.parse_args(argv)
    target: Path = args.out or DOCS_PATH
    if args.out is None and not in_a_checkout():
        parser.exit(
            2,
            f"{parser.prog}: error: docs/rules.md is a file of a clone of replylint's "
            "repository, and this replylint is an installed package (it would write into "
            f"{DOCS_PATH.parent.parent}); run it in a clone, or pass --out FILE\n",
        )
    text = rules_markdown(shipped_rules())
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            print(f"{target} is out of date; run `{REGENERATE}`", file=sys.stderr)
            sys.exit(1)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")


def in_a_checkout() -> bool:
    """Whether this package is the source tree of a clone (``pyproject.toml`` beside the
    package), whose docs/rules.md the page is. Installed, the folder above the package is
    ``site-packages``, and a ``docs`` folder written there is one pip never removes."""
    return (DOCS_PATH.parent.parent / "pyproject.toml").is_file()


def shipped_rules() -> tuple[Rule, ...]:
    """The rules replylint itself ships, which docs/rules.md documents: its Python rules
    and its packs' rules, without the rule plugins installed beside it (the example
    plugin, a team's own), which ``replylint explain`` shows where they are installed
    but which are no part of replylint's documentation."""
    from replylint.linter import Linter  # heavy (spaCy); only needed when run
    from replylint.registry import discover_rule_classes

    own = [c for c in discover_rule_classes() if c.__module__.startswith("replylint.")]
    return Linter({"model": "none"}, rule_classes=own).rules


# --- shared pieces ------------------------------------------------------------------------


def score_weight(rule: Rule) -> str:
    """How the rule moves the 0-100 score, in words: its verdict's weight (a rule that
    declares none is reported but not counted, a further service check counts only when
    it fails), or for a rule without a verdict what each finding costs, at the severity
    the rule runs with (a configuration's ``severity``: ``explain`` with a config that
    made a rule an info said its findings cost what its default's do)."""
    return weight_in_words(rule.check_name, rule.weight, rule.severity, verdict=gives_verdict(rule))


def gives_verdict(rule: Rule) -> bool:
    """Does the rule give its check a verdict? A :class:`PresenceRule` does, and so does a
    rule that writes its own ``run`` (template_residue, customer_name); a findings rule
    keeps :meth:`Rule.run`, which gives none."""
    return isinstance(rule, PresenceRule) or type(rule).run is not Rule.run


def _how_it_decides(rule: Rule, *, markdown: bool) -> str:
    """A Python rule's class docstring, else its module's; for a pack rule, the pack it
    comes from.

    Pack rules share one class, whose module docstring describes packs in general, so the
    pack file (by name: absolute paths differ between machines) is what identifies them.
    """
    if isinstance(rule, PackRule):
        name = _code_span(rule.source.name) if markdown else rule.source.name
        what = "every match of its phrases and token patterns"
        if rule.spec.swap:
            what += ", suggesting the replacement its swap list gives"
        return f"Declared in the rule pack {name} (kind: {rule.spec.kind}); it reports {what}."
    own = type(rule).__dict__.get("__doc__")  # (a class does not inherit its docstring)
    if own:  # a plugin module of several rules says what each does on its class
        return inspect.cleandoc(own)
    module = inspect.getmodule(type(rule))
    doc = module.__doc__ if module is not None else None
    return inspect.cleandoc(doc) if doc else "(no description)"


def _rules_alone(rule: Rule) -> str:
    """For a check the checks model judges, that the examples are the rules' own: with
    the model, a few are judged otherwise ("Contact us for support if needed." fires
    with ``--model none`` and passes with the model)."""
    if rule.check_name not in CORE_CHECKS:
        return ""
    return " (as the rules alone judge them, --model none)"


def _lowered_note(rule: Rule) -> str:
    """For a check the checks model judges: its "missing" findings may come one severity
    lower, where the model is unsure (``check`` says so on the finding). ``explain
    next_step`` said "error" while ``check --fail-on error`` passed such a reply."""
    if rule.check_name not in CORE_CHECKS or rule.id != rule.check_name:
        return ""
    return " (with the checks model, one lower where it is unsure it is missing)"


def _options(rule: Rule) -> list[_Option]:
    fields: dict[str, FieldInfo] = rule.Options.model_fields
    return [
        _Option(
            name=info.alias or name,  # as a config file spells it (kebab-case)
            type=_type_name(info.annotation),
            default=_default(info),
            description=info.description or "",
        )
        for name, info in fields.items()
    ]


def _type_name(annotation: object) -> str:
    """``float`` rather than ``<class 'float'>``; generics as written (``list[str]``)."""
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return annotation.__name__
    return re.sub(r"\btyping\.", "", str(annotation))


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    value = info.get_default(call_default_factory=True)
    return "none" if value is PydanticUndefined else repr(value)


def _requires(rule: Rule) -> str:
    return ", ".join(sorted(rule.requires)) or "none (tokenizer only)"


def _wrapped(text: str) -> str:
    """A paragraph indented by two spaces; a hyphenated name such as
    ``disable-next-line`` stays whole."""
    return textwrap.fill(
        text, width=88, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
    )


def _clean(text: str) -> str:
    """YAML folded strings and implicit concatenation leave stray whitespace; normalise."""
    return " ".join(text.split())


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line if line else "" for line in text.splitlines())


def _context(example: Example) -> list[str]:
    parts = []
    if example.customer_message is not None:
        parts.append(f"customer wrote: {example.customer_message!r}")
    if example.channel != "email":
        parts.append(f"channel: {example.channel}")
    if example.customer_name is not None:
        parts.append(f"customer name: {example.customer_name!r}")
    if example.template:
        parts.append("template")
    if example.glossary_banned:
        parts.append(_banned_in_words(example, repr))
    return parts


def _banned_in_words(example: Example, show: Callable[[str], str]) -> str:
    """The glossary an example is checked with, each term written by ``show``: an
    example's, not the team's (``replylint explain`` shows the configured one after it)."""
    banned = ", ".join(
        f"{show(term)} (say {show(better)})" if better else show(term)
        for term, better in example.glossary_banned.items()
    )
    return f"an example glossary bans: {banned}"


def _text_examples(examples: Sequence[Example]) -> list[str]:
    if not examples:
        return ["  (none)"]
    lines = []
    for example in examples:
        lines.append(f"  - {example.reply!r}")
        lines += [f"      ({part})" for part in _context(example)]
    return lines


# --- Markdown -----------------------------------------------------------------------------


def _markdown_section(rule: Rule) -> list[str]:
    out = [
        f"## {_code_span(rule.id)}",
        "",
        f"- **Check:** {_code_span(rule.check_name)}",
        f"- **Default severity:** {rule.default_severity.value}",
        f"- **Standard:** {rule.standard}",
        f"- **Score weight:** {score_weight(rule)}",
        f"- **Pipeline needs:** {_requires(rule)}",
        *_markdown_word_lists(rule),
        "",
        _clean(rule.rationale),
        "",
        "### How it decides",
        "",
        _how_it_decides(rule, markdown=True),
        "",
        "### Fires on",
        "",
        *_markdown_examples(rule.examples.fire),
        "",
        "### Does not fire on",
        "",
        *_markdown_examples(rule.examples.pass_),
        "",
        "### Options",
        "",
    ]
    options = _options(rule)
    if not options:
        out.append("None.")
    else:
        out += ["| Option | Type | Default | Description |", "| --- | --- | --- | --- |"]
        for option in options:
            cells = [
                _code_span(option.name),
                _code_span(option.type),
                _code_span(option.default),
                option.description,
            ]
            out.append("| " + " | ".join(_table_cell(c) for c in cells) + " |")
    return out


def _markdown_word_lists(rule: Rule) -> list[str]:
    lists = word_lists(rule)
    if lists is None:
        return []
    pack, names = lists
    return [
        f"- **Word lists:** {counted(len(names), 'list')} in {_code_span(pack)}, which a pack "
        f"extends by name ([the lists]({WORD_LISTS_ANCHOR}))"
    ]


def _markdown_examples(examples: Sequence[Example]) -> list[str]:
    """One bullet per example; multi-line replies (sign-offs) keep their lines in a block."""
    if not examples:
        return ["None."]
    out = []
    for example in examples:
        if "\n" in example.reply:
            fence = "`" * max(3, _longest_backtick_run(example.reply) + 1)
            out.append("- reply:")
            out += ["", f"  {fence}text", _indent(example.reply), f"  {fence}", ""]
        else:
            out.append(f"- {_code_span(example.reply)}")
        if example.customer_message is not None:
            out.append(f"  (customer wrote: {_code_span(_clean(example.customer_message))})")
        if example.channel != "email":
            out.append(f"  (channel: {example.channel})")
        if example.customer_name is not None:
            out.append(f"  (customer name: {_code_span(example.customer_name)})")
        if example.template:
            out.append("  (template)")
        if example.glossary_banned:
            out.append(f"  ({_banned_in_words(example, _code_span)})")
    while out and out[-1] == "":
        out.pop()
    return out


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def _code_span(text: str) -> str:
    """A code span that survives backticks in the text (CommonMark: use a longer fence)."""
    fence = "`" * (_longest_backtick_run(text) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _table_cell(text: str) -> str:
    """Pipes end a cell even inside code spans in GFM tables, so they are escaped."""
    return _clean(text).replace("|", "\\|")


# --- the pack format ------------------------------------------------------------------------

#: Where docs/rules.md lists the word lists a pack may extend.
WORD_LISTS_ANCHOR = "#word-lists-a-pack-may-extend"


def pack_format_markdown() -> list[str]:
    """The reference of the rule pack format: the keys a pack, its rules and their
    examples take, from the models that validate them, and the lists a pack may extend,
    from the shipped packs; generated, so it says what a pack loads with."""
    return [
        "# Rule pack format",
        "",
        f"A rule pack is a YAML file beginning `schema: {PACK_SCHEMA}`, loaded with "
        "`--pack PATH` or `packs = [...]` in the configuration file. It is data: it holds "
        "declarative rules and extends the word lists the rules read, and can never run "
        "code. A key not listed here is an error naming the keys allowed there.",
        "",
        "## Top-level keys",
        "",
        *_keys_table(Pack),
        "",
        "## Rule keys",
        "",
        "Each entry of `rules`:",
        "",
        *_keys_table(PackRuleSpec),
        "",
        "## Example keys",
        "",
        "Each entry of a rule's `examples.fire` and `examples.pass` (`examples` itself takes "
        "`fire` and `pass`):",
        "",
        *_keys_table(Example),
        "",
        "## Word lists a pack may extend",
        "",
        "A pack's `lexicons` (or `patterns`) entry named as one of these adds its entries to "
        "that list (`greeting.salutations: [servus, moin]`); a name that is none of them is "
        "an error naming the nearest one, unless a rule plugin installed here reads it. "
        f"The normaliser's lists ({_code_span(NORMALIZE_PACK)}) cut the same text from "
        "every reply for every team and cannot be extended. Each list's entries are in the "
        "shipped file named: `rules/` in a clone of the repository, `replylint/_data/rules/` "
        "in an installed package.",
        "",
        "| File | Lexicons | Pattern lists |",
        "| --- | --- | --- |",
        *_word_list_rows(),
    ]


def _keys_table(model: type[BaseModel]) -> list[str]:
    """One row per key of ``model``, as a pack writes it, with its type, its default and
    its description."""
    rows = ["| Key | Type | Default | Description |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        cells = [
            _code_span(info.alias or name),
            _key_type(info.annotation),
            _code_span(_yaml_default(info)) if not info.is_required() else "required",
            info.description or "",
        ]
        rows.append("| " + " | ".join(_table_cell(c) for c in cells) + " |")
    return rows


def _key_type(annotation: object) -> str:
    """A key's type as a pack author reads it, in Markdown: a choice as its values
    (`existence` or `substitution`), and the models' own names (a rule, a token pattern,
    a severity) rather than Python's."""
    if typing.get_origin(annotation) is typing.Literal:
        return " or ".join(_code_span(str(value)) for value in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return " or ".join(_code_span(str(member.value)) for member in annotation)
    shown = _type_name(annotation)
    # (longest first: "Examples" before "Example"; plain replaces, no regex built here)
    for model, name in ((Examples, "examples"), (Example, "example"), (PackRuleSpec, "rule")):
        shown = shown.replace(f"replylint.packs.{model.__name__}", name)
        shown = shown.replace(model.__name__, name)
    return _code_span(shown.replace("list[dict[str, Any]]", "token pattern"))


def _yaml_default(info: FieldInfo) -> str:
    """A key's default as YAML writes it (``false``, ``[]``, ``warning``), not Python."""
    value = info.get_default(call_default_factory=True)
    if value is None or isinstance(value, bool):
        return "none" if value is None else str(value).lower()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, str):
        return value or "''"
    if isinstance(value, BaseModel):
        return "{}"
    return repr(value)


def _word_list_rows() -> list[str]:
    """Each shipped rule pack's lexicons and pattern lists, by file, in file order."""
    rows = []
    for path in builtin_pack_paths():
        if path.name == NORMALIZE_PACK:
            continue
        pack = load_pack(path)
        if not (pack.lexicons or pack.patterns):
            continue
        lexicons = ", ".join(_code_span(name) for name in sorted(pack.lexicons)) or "none"
        patterns = ", ".join(_code_span(name) for name in sorted(pack.patterns)) or "none"
        cells = [_code_span(path.name), lexicons, patterns]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return rows


if __name__ == "__main__":
    main()
