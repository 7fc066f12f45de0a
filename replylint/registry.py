"""Discovering rules: Python rules through the ``replylint.rules`` entry-point group
(built-in and third-party alike) and declarative rules from packs.

A broken plugin (import error, not a Rule subclass, missing or mistyped metadata) is
reported with its name and the package it came from, so the user knows which install to
fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points

from replylint.errors import UserError
from replylint.rule import Rule

ENTRY_POINT_GROUP = "replylint.rules"
#: Metadata every rule must write itself (``check_name`` defaults to the ``id``).
_REQUIRED = ("id", "standard", "rationale")


class PluginError(UserError, RuntimeError):
    """A rule plugin could not be loaded; the message names it."""


def discover_rule_classes(entries: Iterable[EntryPoint] | None = None) -> list[type[Rule]]:
    """Load every rule class registered in the entry-point group, sorted by id."""
    found: dict[str, type[Rule]] = {}
    for entry in entries if entries is not None else entry_points(group=ENTRY_POINT_GROUP):
        rule_class = _load(entry)
        if rule_class.id in found and found[rule_class.id] is not rule_class:
            raise PluginError(
                f"rule plugin {entry.name!r} ({entry.value}) reuses the rule id "
                f"{rule_class.id!r} of {found[rule_class.id].__module__}; ids must be unique"
            )
        found[rule_class.id] = rule_class
    if not found:
        raise PluginError(
            "no rules are registered: replylint is not installed as a package "
            "(run `pip install .` in the source tree)"
        )
    return [found[k] for k in sorted(found)]


def _load(entry: EntryPoint) -> type[Rule]:
    where = f"rule plugin {entry.name!r} ({entry.value}"
    if entry.dist is not None:
        where += f", from package {entry.dist.name}"
    where += ")"
    try:
        loaded = entry.load()
    except Exception as exc:
        raise PluginError(f"{where} failed to import: {type(exc).__name__}: {exc}") from None
    if not (isinstance(loaded, type) and issubclass(loaded, Rule)):
        raise PluginError(f"{where} is not a subclass of replylint.Rule")
    missing = [name for name in _REQUIRED if not isinstance(getattr(loaded, name, None), str)]
    if missing:
        raise PluginError(f"{where} does not define {', '.join(missing)}")
    weight = loaded.weight
    if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
        raise PluginError(
            f"{where} has weight = {weight!r}; a rule's score weight is a whole number "
            "from 0 (not counted) up"
        )
    return loaded
