"""Discovering rules: Python rules through the ``replylint.rules`` entry-point group
(built-in and third-party alike) and declarative rules from packs.

A broken plugin (import error, not a Rule subclass, missing or mistyped metadata) is
reported with its name and the package it came from, so the user knows which install to
fix.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Sequence
from importlib.metadata import EntryPoint, entry_points, packages_distributions

from replylint.errors import PluginError as PluginError  # re-exported: where it was
from replylint.errors import PluginFailed as PluginFailed
from replylint.errors import PluginSetupFailed as PluginSetupFailed
from replylint.errors import UserError
from replylint.pack_lists import is_shipped
from replylint.packs import PackError, PackSet
from replylint.report import Severity
from replylint.rule import PresenceRule, Rule

ENTRY_POINT_GROUP = "replylint.rules"
#: Metadata every rule must write itself (``check_name`` defaults to the ``id``).
_REQUIRED = ("id", "standard", "rationale")
#: A rule id a configuration, ``--ignore`` and a directive can name: words of letters,
#: digits, ``_`` or ``-``, joined by dots ("acme.refund_policy"). No spaces or commas
#: (``--ignore a,b`` is two names).
_RULE_ID = re.compile(r"[^\W_][\w-]*(?:\.[\w-]+)*")
#: Names the directives and the configuration already give a meaning.
_RESERVED_IDS = frozenset({"all", "suppression"})
#: The columns ``score`` writes beside one per check (``flat_columns`` in
#: replylint/batch/writers.py, and Dask's ``result``; a test keeps the two in step): a
#: check of one of these names wrote a second "score" column, of present/missing, in
#: place of the scores, or a Parquet file no reader could open.
RESERVED_CHECK_NAMES = frozenset(
    {"id", "agent", "score", "language", "findings", "jargon_terms", "error", "result"}
)


def discover_rule_classes(entries: Iterable[EntryPoint] | None = None) -> list[type[Rule]]:
    """Load every rule class registered in the entry-point group, sorted by id."""
    found: dict[str, tuple[type[Rule], EntryPoint]] = {}
    for entry in entries if entries is not None else entry_points(group=ENTRY_POINT_GROUP):
        rule_class = _load(entry)
        if rule_class.id in found and found[rule_class.id][0] is not rule_class:
            raise PluginError(
                f"{_where(found[rule_class.id][1])} and {_where(entry)} both define the rule "
                f"id {rule_class.id!r}; ids must be unique: uninstall one, or rename its rule"
            )
        found[rule_class.id] = (rule_class, entry)
    if not found:
        raise PluginError(
            "no rules are registered: replylint is not installed as a package "
            "(run `pip install .` in the source tree)"
        )
    _refuse_shared_checks(found)
    return [found[k][0] for k in sorted(found)]


def _refuse_shared_checks(found: dict[str, tuple[type[Rule], EntryPoint]]) -> None:
    """Two presence rules of one check, or a rule id that is another rule's check name,
    are refused: a check has one verdict, which one of two rules would overwrite (by the
    order of their ids), and ``explain``, ``ignore`` and ``select`` would read such an id
    as the other rule's check."""
    deciding: dict[str, EntryPoint] = {}
    for rule_id in sorted(found):
        rule_class, entry = found[rule_id]
        if issubclass(rule_class, PresenceRule):
            check = rule_class.check_name
            if check in deciding:
                raise PluginError(
                    f"{_where(deciding[check])} and {_where(entry)} both decide the check "
                    f"{check!r}; a check has one verdict: give the plugin's rule a check "
                    "name of its own (check_name = ...)"
                )
            deciding[check] = entry
    for rule_id, (rule_class, entry) in found.items():
        others = {c.check_name for i, (c, _) in found.items() if i != rule_id}
        if rule_id in others and rule_class.check_name != rule_id:
            raise PluginError(
                f"{_where(entry)} has the rule id {rule_id!r}, the name of another rule's check; "
                "choose another id (configurations and directives read it as that check)"
            )


def refuse_shared_names(classes: Sequence[type[Rule]], packs: PackSet) -> None:
    """A pack rule and a Python rule (selected or not) may not share a name that
    configurations, directives and ``explain`` would read as either: a pack rule's id
    may not be a Python rule's id, nor another check's name; a pack rule's check may
    not be a Python rule's id, as :func:`_refuse_shared_checks` holds Python rules to.

    The error names the party to change: a team's pack (replylint's own rules and packs
    are not the user's to rename), or the plugin that took a name a shipped pack uses."""
    ids = {cls.id: cls for cls in classes}
    checks = {cls.check_name: cls for cls in classes if cls.check_name != cls.id}
    names = {path: pack.name for path, pack in packs.packs}
    for path, spec in packs.rules():
        if spec.id in ids:
            raise PackError(
                f"rule pack {path}: rule id {spec.id!r} is the id of a Python rule "
                f"({_class_name(ids[spec.id])}); rename the pack's rule"
            )
        deciding = checks.get(spec.id)
        if deciding is not None and spec.check != spec.id:
            raise PackError(
                f"rule pack {path}: rule id {spec.id!r} is the check of the rule "
                f"{deciding.id!r} ({_class_name(deciding)}), and configurations and directives "
                "would read the name as both; rename the pack's rule"
            )
    _refuse_shipped_check_ids(packs)
    for path, spec in packs.rules():
        owner = ids.get(spec.check)
        if owner is None:
            continue
        if not is_shipped(path):
            raise PackError(
                f"rule pack {path}: rule {spec.id!r} has the check {spec.check!r}, the id of "
                f"the rule {owner.id!r} ({_class_name(owner)}), and configurations and "
                "directives would read the name as both; give the pack's rule a check of "
                f"its own, such as {names[path]!r}"
            )
        raise PluginError(
            f"{plugin_name(owner)} has the rule id {owner.id!r}, the name of a pack's "
            "check; choose another id (configurations and directives read it as that "
            "check)"
        )


def _refuse_shipped_check_ids(packs: PackSet) -> None:
    """A team pack's rule may not take as its id the check of a shipped pack's rules
    (``tone``, whose rules are ``tone.cold_phrases`` and ``tone.blame``): ``explain
    tone`` then showed the team's rule alone, and ``ignore = ["tone"]`` turned the
    shipped rules off with it. The error names the team's pack: the shipped rules are
    not the team's to rename."""
    ours = {path for path, _ in packs.packs if is_shipped(path)}
    shipped: dict[str, list[str]] = {}
    for path, spec in packs.rules():
        if path in ours:
            shipped.setdefault(spec.check, []).append(spec.id)
    names = {path: pack.name for path, pack in packs.packs}
    for path, spec in packs.rules():
        if path in ours or spec.id not in shipped:
            continue
        rules = ", ".join(repr(rule_id) for rule_id in shipped[spec.id])
        raise PackError(
            f"rule pack {path}: rule id {spec.id!r} is the name of the check of the shipped "
            f"rules {rules}, and configurations, directives and explain would read the name "
            f"as both; rename the pack's rule, e.g. {names[path] + '.' + spec.id!r}"
        )


def _class_name(rule_class: type[Rule]) -> str:
    return f"{rule_class.__module__}.{rule_class.__qualname__}"


def rule_packages() -> dict[str, str]:
    """The installed packages other than replylint that register rules (the rule
    plugins), by name, with their versions, sorted by name. Two environments with the
    same rule ids may still score differently: another version of a plugin finds other
    things. Read from the packages' metadata, without importing a rule."""
    found: dict[str, str] = {}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        dist = entry.dist
        if dist is not None and _canonical(dist.name) != "replylint":
            found[dist.name] = dist.version
    return dict(sorted(found.items()))


def _canonical(name: str) -> str:
    """A package's name as pip compares names (``Acme_Rules`` is ``acme-rules``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def plugin_name(rule_class: type[Rule]) -> str:
    """How an error names a rule plugin from its class alone (a rule failing on a reply):
    its id, where its class lives, and the package installed it, when one did."""
    top = rule_class.__module__.partition(".")[0]
    packages = packages_distributions().get(top, [])
    where = f"{rule_class.__module__}:{rule_class.__qualname__}"
    if packages:
        where += f", from package {', '.join(sorted(set(packages)))}"
    return f"rule plugin {rule_class.id!r} ({where})"


def setup_failure(rule_class: type[Rule], exc: Exception) -> PluginSetupFailed:
    """The error for a rule plugin that raised while the linter built it (in its
    ``setup``, most often): the plugin's fault, named with its package, where it was an
    "internal error" asking the user to report a bug in replylint. A mistake the plugin
    reports itself (a :class:`UserError`, such as a lexicon no loaded pack defines) is
    its own message, said of the plugin."""
    plugin = plugin_name(rule_class)
    if isinstance(exc, UserError):
        detail = str(exc)
        message = f"{plugin} could not be set up: {detail}"
    else:
        detail = f"{type(exc).__name__}: {exc}"
        message = (
            f"{plugin} failed when it was set up: {detail}; fix the plugin or uninstall its "
            f"package, or leave its rule out with --ignore {rule_class.id}"
        )
    return PluginSetupFailed(
        message,
        plugin=plugin,
        rule_id=rule_class.id,
        check_name=rule_class.check_name,
        detail=detail,
    )


def _where(entry: EntryPoint) -> str:
    """How an error names a plugin's entry point. Only ever built for an error: the
    package's name is read from its metadata, which costs a file parse per plugin (some
    30 ms of every start-up when it was built for each rule)."""
    where = f"rule plugin {entry.name!r} ({entry.value}"
    if entry.dist is not None:
        where += f", from package {entry.dist.name}"
    return where + ")"


def _load(entry: EntryPoint) -> type[Rule]:
    try:
        loaded = entry.load()
    except ImportError as exc:
        # (most often run by pre-commit, whose hook environment holds replylint alone)
        raise PluginError(
            f"{_where(entry)} failed to import: {type(exc).__name__}: {exc}; install the "
            "package that provides it where replylint runs (for the pre-commit hook, under "
            "additional_dependencies)"
        ) from None
    except Exception as exc:
        raise PluginError(
            f"{_where(entry)} failed to import: {type(exc).__name__}: {exc}"
        ) from None
    if not (isinstance(loaded, type) and issubclass(loaded, Rule)):
        raise PluginError(f"{_where(entry)} is not a subclass of replylint.Rule")
    problem = _metadata_problem(loaded)
    if problem is not None:
        raise PluginError(f"{_where(entry)} {problem}")
    return loaded


def _metadata_problem(loaded: type[Rule]) -> str | None:
    """What is wrong with a rule plugin's class, said after its name, or None."""
    missing = [name for name in _REQUIRED if not isinstance(getattr(loaded, name, None), str)]
    if missing:
        return f"does not define {', '.join(missing)}"
    if inspect.isabstract(loaded):
        methods = ", ".join(sorted(getattr(loaded, "__abstractmethods__", ())))
        return (
            f"does not implement {methods} (a Rule implements check, yielding findings; a "
            "PresenceRule implements detect, returning a Verdict)"
        )
    weight = loaded.weight
    if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
        return (
            f"has weight = {weight!r}; a rule's score weight is a whole number "
            "from 0 (not counted) up"
        )
    if not _RULE_ID.fullmatch(loaded.id) or loaded.id in _RESERVED_IDS:
        return (
            f"has the rule id {loaded.id!r}; an id is words of letters, digits, "
            "'_' or '-' joined by dots (\"acme.refund_policy\"), and not 'all' or "
            "'suppression', which directives and configurations already use"
        )
    if loaded.check_name in RESERVED_CHECK_NAMES:
        return (
            f"has the check name {loaded.check_name!r}, a column `score` writes for its own "
            f"use; give the rule another check_name (not {', '.join(sorted(RESERVED_CHECK_NAMES))})"
        )
    if not isinstance(loaded.default_severity, Severity):
        return (
            f"has default_severity = {loaded.default_severity!r}; write "
            "Severity.info, Severity.warning or Severity.error (from replylint import Severity)"
        )
    if issubclass(loaded, PresenceRule) and not isinstance(
        getattr(loaded, "missing_message", None), str
    ):
        return (
            "is a PresenceRule without missing_message: write the message its "
            'finding gives when the check is missing ("The reply gives no ticket number.")'
        )
    return None
