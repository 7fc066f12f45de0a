"""``replylint explain RULE``: one rule's standard, how it decides, its examples and its
options; a prefix or check name (``tone``) explains each rule it covers, and the findings
about suppression directives (``suppression.malformed``) are explained too.

The configuration file is read as ``check`` reads it: a rule of the team's pack is
explained, and what the file changes about the rule (severity, options, not run) follows
the rule's own text. So does the glossary a rule reads (``banned_terms``): its examples
are checked with an example glossary, which the user took for their own. The last line
names the configuration file read."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.cli.configured_rules import ConfiguredRules, configured_rules, read_from
from replylint.cli.options import EXIT_OK, UsageError, add_config_options, add_pack_option
from replylint.config import covers
from replylint.wording import counted

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "explain",
        help="explain a rule or check: standard, how it decides, examples",
    )
    command.add_argument("rule", metavar="RULE")
    add_pack_option(command)
    add_config_options(command, "the current folder")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from replylint.ruledocs import UnknownRuleError, explain_name

    configured = configured_rules(args)
    try:
        text = explain_name(configured.linter.rules, args.rule)
    except UnknownRuleError as exc:
        hint = (
            "; a pack's rules exist once the pack is loaded: `--pack PATH`, or `packs` in "
            "the config file"
        )
        raise UsageError(f"{exc}{hint}") from None
    print(text, end="")
    print(_configured(configured, args.rule), end="")
    print(_glossary(configured, args.rule), end="")
    print(f"\n{read_from(args, configured.config)}")
    return EXIT_OK


def _configured(configured: ConfiguredRules, name: str) -> str:
    """What the configuration file changes about the rules ``name`` covers ("" when it
    changes nothing), so the text explains the rule as ``check`` will run it."""
    source = configured.config.source
    lines = [
        f"  {rule.id}: {'; '.join(notes)}"
        for rule in sorted(configured.linter.rules, key=lambda rule: rule.id)
        if covers([name], rule.id, rule.check_name) and (notes := configured.notes(rule))
    ]
    if source is None or not lines:
        return ""
    return "\n".join(["", f"Configured in {source.path}:", *lines, ""])


def _glossary(configured: ConfiguredRules, name: str) -> str:
    """The glossary's banned terms, for the rules ``name`` covers that report them (a
    rule whose examples are checked with banned terms: ``banned_terms``), or "" for none:
    the examples' glossary is an example, and the rule reports the configured terms."""
    readers = sorted(
        rule.id
        for rule in configured.linter.rules
        if covers([name], rule.id, rule.check_name)
        and any(e.glossary_banned for e in (*rule.examples.fire, *rule.examples.pass_))
    )
    if not readers:
        return ""
    banned = configured.config.glossary.banned
    source = configured.config.source
    config = source.path if source is not None else None
    if not banned:
        return _nothing_banned(config, readers)
    table = _glossary_table(config)
    where = f"{config}, {table} banned" if config is not None else f"{table} banned"
    lines = [
        f"  {term!r} (say {better!r})" if better else f"  {term!r} (leave it out)"
        for term, better in banned.items()
    ]
    return "\n".join(
        ["", f"Your glossary ({where}) bans {counted(len(banned), 'term')}:", *lines, ""]
    )


def _nothing_banned(config: Path | None, readers: list[str]) -> str:
    """Why the rules that report banned terms report nothing here: the configuration file
    read bans none, or no file was read (it named a .replylint.toml that did not exist)."""
    report = f"{' and '.join(readers)} {'reports' if len(readers) == 1 else 'report'} nothing"
    if config is None:
        return (
            f"\nNo configuration file is read here, so no terms are banned and {report}; "
            "ban some under [glossary] banned in a .replylint.toml.\n"
        )
    table = _glossary_table(config)
    return f"\nYour configuration ({config}) bans no terms ({table} banned), so {report}.\n"


def _glossary_table(config: Path | None) -> str:
    """The glossary's table as the configuration file writes it."""
    in_pyproject = config is not None and config.name == "pyproject.toml"
    return "[tool.replylint.glossary]" if in_pyproject else "[glossary]"
