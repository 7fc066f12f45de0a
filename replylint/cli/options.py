"""What several subcommands share: exit codes, :class:`UsageError`, the rule options
(``--select``, ``--ignore``, ``--pack``, ``--min-confidence``) and the config options
(``--config``, ``--isolated``), and how those options become settings."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

from replylint.channel_names import team_channel_names, with_team_names
from replylint.config import BUNDLED_MODEL, RULES_ONLY
from replylint.configfile import CONFIG_FILES, FileSettings, find_config, settings_from
from replylint.errors import UserError
from replylint.report import Channel

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: A bug in replylint: apart from 1, so a gate does not read a crash as findings.
EXIT_INTERNAL = 3

if TYPE_CHECKING:
    #: The ``add_subparsers()`` object each subcommand module adds its parser to (a
    #: generic only to type checkers, hence only defined for them).
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


class UsageError(UserError):
    """Bad command-line input: reported on one line, exit 2."""


def add_rule_options(command: argparse.ArgumentParser) -> None:
    """Which rules run and which findings count: the same flags for check and score."""
    command.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        metavar="X",
        help="drop findings whose confidence is below X (0-1)",
    )
    command.add_argument(
        "--select",
        action="extend",
        type=rule_names,
        metavar="RULE[,RULE]",
        help="only run these rule ids, prefixes or check names (comma-separated, repeatable)",
    )
    command.add_argument(
        "--ignore",
        action="extend",
        type=rule_names,
        default=[],
        metavar="RULE[,RULE]",
        help="skip these rule ids, prefixes or check names (comma-separated, repeatable)",
    )
    command.add_argument(
        "--model",
        metavar="DIR",
        help="the checks model: 'bundled' (default), 'none' for the rules alone "
        "(fastest), or a directory written by `replylint train`",
    )
    add_pack_option(command)


def rule_names(value: str) -> list[str]:
    """One ``--select``/``--ignore`` value: a name, or several separated by commas.

    Commas are accepted, not only repeating the flag, because the directives in replies
    list names that way (``disable=jargon,greeting``) and so do other linters' flags
    (ruff's ``--select E,F``): ``--select jargon,greeting`` read as one name was an
    unknown rule with a baffling "did you mean 'greeting'?". No rule id holds a comma
    (pack ids are letters, digits, ``_``, ``-`` and ``.``), so nothing is misread.
    """
    names = [name.strip() for name in value.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError(
            f"{value!r} names no rule; give a rule id, prefix or check name, e.g. jargon"
        )
    return names


def add_gold_arguments(command: argparse.ArgumentParser) -> None:
    """The gold files ``eval`` and ``train`` read, ``--pass-mark`` for graded scorecards
    and ``--id-col`` for a scorecard's ids under a name of its own ("Ticket #"), as
    ``score`` takes it."""
    command.add_argument(
        "gold",
        nargs="+",
        type=Path,
        metavar="GOLD",
        help='labelled replies: .jsonl (the README\'s "Gold files") or a .csv scorecard',
    )
    command.add_argument(
        "--pass-mark",
        type=pass_mark,
        metavar="N",
        help="a graded scorecard: a check's cell of N points (or N%%: 80 or 80%%) or more "
        "counts as met, less as not met; N is more than 0 (default: cells are yes/no)",
    )
    command.add_argument(
        "--id-col",
        metavar="NAME",
        help="a CSV scorecard's column of ticket ids, e.g. --id-col 'Ticket #' (default: "
        "id, reply_id, message_id, ticket_id, comment_id; else each row is named by its "
        "file and line)",
    )


def pass_mark(value: str) -> float:
    """``--pass-mark``: points (``2``, ``1.5``) or a percentage, with or without its sign
    (``80``, ``80%``): the help says "N%", and ``80%`` was refused as "invalid float
    value" without saying what to write."""
    try:
        return float(value.strip().removesuffix("%").strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a pass mark; give the points from which a check is met "
            "(--pass-mark 2) or the percentage (--pass-mark 80 or 80%)"
        ) from None


def add_channel_name_option(command: argparse.ArgumentParser, *, config: bool) -> None:
    """``--channel-name NAME=CHANNEL`` (repeatable): a team's own name for a channel, for
    the commands that read a channel from a file (``score``, ``eval``, ``train``).
    ``config``: the command also reads the configuration's ``channel-names``."""
    over = " (over the configuration's channel-names)" if config else ""
    command.add_argument(
        "--channel-name",
        action="append",
        type=channel_name,
        default=[],
        metavar="NAME=CHANNEL",
        help="read your help desk's channel NAME as CHANNEL (email, chat or social), e.g. "
        f"--channel-name 'Phone callback=email' (repeatable){over}",
    )


def channel_name(value: str) -> tuple[str, str]:
    """One ``--channel-name``: ``NAME=CHANNEL``, the channel one of replylint's three."""
    name, equals, channel = value.rpartition("=")
    if not equals:
        raise argparse.ArgumentTypeError(
            f"{value!r}: write NAME=CHANNEL, e.g. 'Phone callback=email' (the channel is "
            "email, chat or social)"
        )
    try:
        team_channel_names({name.strip(): channel.strip()})
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return name.strip(), channel.strip()


def channel_names_given(
    args: argparse.Namespace, settings: FileSettings | None = None
) -> dict[str, Channel]:
    """The team's channel names: the configuration's (``settings``, if the command reads
    one) with ``--channel-name``'s on top. Two flags naming one name (in any spelling)
    with different channels are a :class:`UsageError`, not the last one silently kept."""
    given: dict[str, str] = {}
    for name, channel in args.channel_name:
        if given.get(name, channel) != channel:
            raise UsageError(
                f"--channel-name: {name!r} is given as {given[name]} and as {channel}; give it once"
            )
        given[name] = channel
        try:
            team_channel_names(given)
        except ValueError as exc:
            raise UsageError(f"--channel-name: {exc}") from None
    own = settings.channel_names if settings is not None else {}
    return with_team_names(own, cast("dict[str, Channel]", given))


def add_config_options(command: argparse.ArgumentParser, start: str) -> None:
    """``--config`` and ``--isolated``; ``start`` names where the search for a config
    file begins, for the help text. The two exclude each other: given together,
    ``--isolated`` won without a word, and the file the user had just named (its
    ignores, its glossary, its ``fail-on``) was not applied."""
    choice = command.add_mutually_exclusive_group()
    choice.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help=f"use this config file (default: the nearest {_searched()}, from {start} upwards)",
    )
    choice.add_argument(
        "--isolated", action="store_true", help="ignore all config files (not with --config)"
    )


def _searched() -> str:
    """The files the search for a configuration reads, as ``--help`` names them: from
    :data:`CONFIG_FILES`, which the search reads (the help left out replylint.toml)."""
    names = [
        f"{name} with [tool.replylint]" if name == "pyproject.toml" else name
        for name in CONFIG_FILES
    ]
    return ", ".join(names[:-1]) + " or " + names[-1]


def config_path(args: argparse.Namespace, first: Path | None) -> Path | None:
    """--config, else the nearest config file from ``first`` upwards (None: --isolated)."""
    if args.isolated:
        return None
    if args.config is not None:
        return named_config(args.config)
    return find_config(first if first is not None else Path.cwd())


def shown_config(config: Path | None) -> str | None:
    """How the outputs name a configuration file (None: none): its path from the current
    folder when it is under it (``billing/.replylint.toml``), as the inputs' paths are
    typed, else its absolute path (one found in a folder above)."""
    if config is None:
        return None
    found = config.resolve()
    try:
        return str(found.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(found)


def named_config(config: Path) -> Path:
    """``--config``'s file, or a usage error saying what to pass instead: a folder is
    not searched (``--config`` names the one file every input is checked with), so the
    error names the configuration file in it, if it holds one."""
    if config.is_dir():
        inside = [config / name for name in CONFIG_FILES if (config / name).is_file()]
        example = inside[0] if inside else config / CONFIG_FILES[0]
        raise UsageError(
            f"config {config}: is a folder; name the configuration file, e.g. "
            f"--config {example}, or leave --config out to use the nearest one "
            "from each checked file's folder upwards"
        )
    if not config.is_file():
        raise UsageError(f"config {config}: no such file")
    return Path(config)


def file_settings(args: argparse.Namespace, first: Path | None) -> tuple[FileSettings, Path]:
    """The configuration file's settings and the folder its relative paths start from."""
    return settings_from(config_path(args, first))


def settings_with_rule_options(
    args: argparse.Namespace, first: Path | None
) -> tuple[FileSettings, Path]:
    """Settings from --config, else the nearest config file (unless --isolated), with
    the command line's rule flags (--select, --ignore, --pack, --min-confidence) applied
    on top; and the folder the config's relative paths start from."""
    return with_rule_options(args, *file_settings(args, first))


def with_rule_options(
    args: argparse.Namespace, settings: FileSettings, base: Path
) -> tuple[FileSettings, Path]:
    """``settings`` (a configuration file's, whose relative paths start from ``base``)
    with the command line's rule flags applied on top. Pack paths are made absolute
    here, the file's from ``base`` and ``--pack``'s from the current folder:
    ``linter_config`` joins a relative one to ``base`` again, which read
    ``c/rules.yaml`` of ``--config c/.replylint.toml`` as ``c/c/rules.yaml``, and a
    ``--pack`` as under each configuration's folder.
    A name both the file and ``--ignore`` give is ignored once: listed twice, it read
    as two names in the errors that quote the list."""
    overrides: dict[str, object] = {
        "ignore": list(dict.fromkeys([*settings.ignore, *args.ignore])),
        "packs": [Path(os.path.abspath(base / p)) for p in settings.packs]
        + [Path(os.path.abspath(p)) for p in args.pack],
    }
    if args.select:
        overrides["select"] = args.select
    if args.model is not None:
        overrides["model"] = model_argument(args.model)
    if args.min_confidence is not None:
        if not 0.0 <= args.min_confidence <= 1.0:
            hint = ""
            if 2.0 <= args.min_confidence <= 100.0:  # a percentage: 80 for 0.8
                hint = f" (for {args.min_confidence:g}%, give {args.min_confidence / 100:g})"
            raise UsageError(f"--min-confidence must be between 0 and 1{hint}")
        overrides["min_confidence"] = args.min_confidence
    return settings.model_copy(update=overrides), base


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: by inode when both exist (a symbolic or hard
    link to the input is the input), else by their resolved paths. A path of ``-``
    (standard input) is no file."""
    if "-" in (str(first), str(second)):
        return False
    if first.exists() and second.exists():
        return first.samefile(second)
    return first.resolve() == second.resolve()


def model_argument(value: str) -> str:
    """``--model``: 'bundled' and 'none' as given, a directory made absolute (it is read
    from the current folder, not from the configuration file's)."""
    if value in (BUNDLED_MODEL, RULES_ONLY):
        return value
    return str(Path(value).resolve())


def add_pack_option(command: argparse.ArgumentParser) -> None:
    """``--pack PATH`` (repeatable): the rule packs a command loads besides the
    configuration's (``check``, ``score``, ``rules``, ``explain``, ...)."""
    command.add_argument(
        "--pack",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="load an extra YAML rule pack (repeatable)",
    )
