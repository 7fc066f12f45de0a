"""The rules a project's configuration gives, for ``replylint rules`` and ``explain``.

Those commands read the configuration file as ``check`` does (the nearest one from the
current folder, ``--config``, ``--isolated``): a team's pack rules exist only through the
file's ``packs``, and its ``[rules.ID]`` severities are the ones its findings carry. The
file's ``select`` and ``ignore`` do not hide a rule from the listing (a rule looked up and
not found reads as a rule that does not exist); each rule they turn off is marked instead,
except a rule plugin that fails when it is set up, which they leave out as ``check`` does.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from replylint.cli.options import file_settings, shown_config
from replylint.config import RULES_ONLY, LinterConfig, covers
from replylint.errors import PluginError, PluginSetupFailed

if TYPE_CHECKING:
    from replylint.linter import Linter
    from replylint.rule import Rule


@dataclass(frozen=True)
class ConfiguredRules:
    """Every rule (none left out by ``select``/``ignore``) with the configuration that
    would run them."""

    linter: Linter
    config: LinterConfig

    @property
    def config_name(self) -> str:
        """The configuration file's name, as the listing's marks name it."""
        return self.config.source.path.name if self.config.source is not None else "the config"

    def off_note(self, rule: Rule) -> str | None:
        """Why the configuration does not run ``rule`` (everywhere or on some channels),
        or None when it runs everywhere."""
        if self.config.select is not None and not covers(
            self.config.select, rule.id, rule.check_name
        ):
            return "not run: not selected"
        if covers(self.config.ignore, rule.id, rule.check_name):
            return "not run: ignored"
        channels = [
            channel
            for channel, profile in self.config.channels.items()
            if covers(profile.ignore, rule.id, rule.check_name)
        ]
        if channels:
            return f"not run on {', '.join(channels)}: ignored there"
        return None

    def notes(self, rule: Rule) -> list[str]:
        """What the configuration changes about ``rule``: its severity, its options, and
        whether it runs."""
        notes = []
        if rule.severity != rule.default_severity:
            notes.append(f"severity {rule.severity.value} (default {rule.default_severity.value})")
        settings = self.config.rules.get(rule.id)
        if settings is not None and settings.options:
            written = ", ".join(f"{key} = {value!r}" for key, value in settings.options.items())
            notes.append(f"options {written}")
        off = self.off_note(rule)
        if off is not None:
            notes.append(off)
        return notes


def configured_rules(args: argparse.Namespace) -> ConfiguredRules:
    """The rules of the configuration file (unless ``--isolated``) and ``--pack``.

    Every name in the file that no rule has (in ``select`` and ``ignore`` too, which do
    not filter the listing) and every wrong rule option are the error ``check`` gives,
    all together as there: the rules are first built without the settings that name
    rules, to learn the names, then with them. Built without the checks model, which
    neither command needs."""
    # here: spaCy, which `replylint serve` never needs
    from replylint.linter import Linter, checked_rule_settings

    settings, base = file_settings(args, None)
    config = settings.linter_config(base)
    config = config.model_copy(update={"packs": [*config.packs, *args.pack]})
    everything = config.model_copy(update={"select": None, "ignore": [], "model": RULES_ONLY})
    bare = everything.model_copy(update={"rules": {}, "channels": {}})
    linter, left_out = _built(bare, config)
    checked_rule_settings(config, linter.rule_names, linter.settable)
    if everything != bare:  # its severities and channel profiles, now that they are known
        linter = Linter(everything.model_copy(update={"ignore": left_out}))
    return ConfiguredRules(linter=linter, config=config)


def _built(everything: LinterConfig, config: LinterConfig) -> tuple[Linter, list[str]]:
    """A linter of ``everything``, and the rule plugins left out of it because they fail
    when they are set up and ``config`` does not select them (as ``check`` leaves them
    out); one it selects is a :class:`PluginError`."""
    from replylint.linter import Linter

    left_out: list[str] = []
    while True:
        try:
            return Linter(everything.model_copy(update={"ignore": left_out})), left_out
        except PluginSetupFailed as exc:
            if config.selects(exc.rule_id, exc.check_name) or exc.rule_id in left_out:
                raise PluginError(
                    f"{exc.plugin} failed when it was set up: {exc.detail}; fix the plugin or "
                    f"uninstall its package, or {leave_out(config, exc.rule_id)}"
                ) from None
            left_out.append(exc.rule_id)


def read_from(args: argparse.Namespace, config: LinterConfig) -> str:
    """The line ``rules`` and ``explain`` end with: which configuration file they read
    (or that they read none), and, when they found it themselves, that ``check`` reads
    the nearest one to each file. A nested configuration replaces the one above it
    entirely, so in a repository with one the listing of the top folder's settings
    contradicted what ``check`` did to the files below it, and nothing said which file
    either had read."""
    if args.isolated:
        return "Configuration: none (--isolated)"
    if config.source is None:
        read = "none found from the current folder upwards"
    elif args.config is not None:
        return f"Configuration: {shown_config(config.source.path)} (--config)"
    else:
        read = f"{shown_config(config.source.path)} (the nearest from the current folder)"
    return f"Configuration: {read}; `check` reads the nearest to each file"


def leave_out(config: LinterConfig, rule_id: str) -> str:
    """How to leave a rule out of ``rules`` and ``explain``, which take no ``--ignore``
    (the advice a plugin's error gives ``check``): in the configuration file."""
    source = config.source
    if source is None:  # (it named a .replylint.toml as if one had been read)
        return f'leave its rule out with ignore = ["{rule_id}"] in a new .replylint.toml here'
    name = source.path.name
    table = " under [tool.replylint]" if name == "pyproject.toml" else ""
    return f'leave its rule out with ignore = ["{rule_id}"] in {name}{table}'
