"""``replylint rules``: list every rule (built-in, plugin, the configuration's packs and
``--pack``) with its severity, the service standard it serves and its rationale.

The configuration file is read as ``check`` reads it, so the listing shows the severities
the findings will carry and the rules of the team's packs; a rule the file turns off is
listed all the same, marked with why. The last line names the file read."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from replylint.cli.configured_rules import (
    ConfiguredRules,
    configured_rules,
    leave_out,
    read_from,
)
from replylint.cli.options import EXIT_FINDINGS, EXIT_OK, add_config_options, add_pack_option
from replylint.errors import PluginError, PluginFailed
from replylint.wording import counted

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    rules = subparsers.add_parser("rules", help="list every rule with its rationale")
    add_pack_option(rules)
    rules.add_argument(
        "--check-examples",
        action="store_true",
        help="run every rule's own fire and pass examples (a team pack's too) and list "
        "those the rule does not follow; exit 1 if any",
    )
    add_config_options(rules, "the current folder")
    rules.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    configured = configured_rules(args)
    if args.check_examples:
        return _check_examples(configured)
    for rule in configured.linter.rules:
        off = configured.off_note(rule)
        marker = f"  [{off} by {configured.config_name}]" if off is not None else ""
        print(f"{rule.id:<22} {rule.severity.value:<8} {rule.standard}{marker}")
        print(f"{'':<22} {rule.rationale}")
    print(f"\n{read_from(args, configured.config)}")
    return EXIT_OK


def _check_examples(configured: ConfiguredRules) -> int:
    """Each example a rule does not follow, one line each, then the count: what a pack
    author runs after writing a rule (the built-in rules' examples are run by the tests).
    The rules are those the configuration runs: a plugin its ``ignore`` leaves out (one
    that raises on every reply) is not run on the other rules' examples either."""
    from replylint.rule_examples import ExampleLinters, example_outcomes

    config = configured.config
    linters = ExampleLinters(config.packs, select=config.select, ignore=config.ignore)
    try:
        outcomes = list(example_outcomes(linters))
    except PluginFailed as exc:
        raise PluginError(_failed_on_an_example(exc, configured)) from None
    wrong = [o for o in outcomes if not o.as_written]
    for outcome in wrong:
        said = "does not fire" if outcome.kind == "fire" else "fires"
        reply = " ".join(outcome.example.reply.split())
        quoted = reply if len(reply) <= 70 else reply[:69] + "…"
        print(f"{outcome.rule}: {outcome.kind} example {outcome.index} {said}: {quoted!r}")
    # every rule shows what it fires on and what it lets pass: one without either
    # example is checked on nothing, and `explain` has nothing to show of it
    unshown = [
        (rule.id, kind)
        for rule in linters.rules
        for kind, examples in (("fire", rule.examples.fire), ("pass", rule.examples.pass_))
        if not examples
    ]
    for rule_id, kind in unshown:
        print(f"{rule_id}: no {kind} example; write one (a reply it {_SAID[kind]})")
    rules = len({o.rule for o in outcomes})
    examples = f"{counted(len(outcomes), 'example')} of {counted(rules, 'rule')}"
    if wrong or unshown:
        print(
            f"{len(wrong)} of {examples} {'is' if len(wrong) == 1 else 'are'} not followed; "
            f"{counted(len(unshown), 'example')} missing"
        )
        return EXIT_FINDINGS
    one = len(outcomes) == 1
    print(f"{'the' if one else 'all'} {examples} {'is' if one else 'are'} followed")
    return EXIT_OK


def _failed_on_an_example(exc: PluginFailed, configured: ConfiguredRules) -> str:
    """What to do about a plugin that raised on an example: `rules` takes no
    ``--ignore`` (the advice a failure on a reply gives), the configuration's does."""
    return (
        f"{exc.plugin} failed on an example: {exc.detail}; fix the plugin or uninstall it, "
        f"or {leave_out(configured.config, exc.rule_id)}"
    )


#: What a rule's example of each kind shows.
_SAID = {"fire": "fires on", "pass": "lets pass"}
