"""Rules are discovered through entry points; a broken plugin is named in the error."""

from __future__ import annotations

import sys
import types
from importlib.metadata import EntryPoint

import pytest

from replylint import Linter, PluginError
from replylint.registry import ENTRY_POINT_GROUP, discover_rule_classes


def entry(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)


def test_builtin_rules_come_from_entry_points() -> None:
    ids = {cls.id for cls in discover_rule_classes()}
    assert {
        "greeting",
        "apology",
        "empathy",
        "next_step",
        "next_step_timeframe",
        "closing_thanks",
        "jargon",
    } <= ids


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("no_such_module_xyz:Rule", "failed to import"),
        ("json:dumps", "not a subclass"),
    ],
)
def test_broken_plugin_is_named(value: str, expected: str) -> None:
    with pytest.raises(PluginError) as error:
        discover_rule_classes([entry("acme_tone", value)])
    assert "acme_tone" in str(error.value) and expected in str(error.value)


def test_a_plugin_whose_module_is_missing_says_where_to_install_it() -> None:
    """A plugin that cannot be imported (its module, or one it imports, is not installed
    where replylint runs: pre-commit's hook has an environment of its own)."""
    with pytest.raises(PluginError) as error:
        discover_rule_classes([entry("acme_tone", "no_such_module_xyz:Rule")])
    message = str(error.value)
    assert "ModuleNotFoundError: No module named 'no_such_module_xyz'" in message
    assert message.endswith(
        "install the package that provides it where replylint runs (for the pre-commit "
        "hook, under additional_dependencies)"
    )


def test_duplicate_rule_ids_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from replylint.checks.greeting import GreetingRule

    class Copycat(GreetingRule):
        pass

    module = types.ModuleType("copycat_plugin")
    module.Copycat = Copycat  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "copycat_plugin", module)
    with pytest.raises(PluginError, match=r"both define the rule id .greeting."):
        discover_rule_classes(
            [
                entry("greeting", "replylint.checks.greeting:GreetingRule"),
                entry("copycat", "copycat_plugin:Copycat"),
            ]
        )


def test_select_and_ignore_by_prefix() -> None:
    from replylint import LinterConfig

    linter = Linter(LinterConfig(select=["next_step"], ignore=["next_step_timeframe"]))
    assert [r.id for r in linter.rules] == ["next_step"]


@pytest.mark.parametrize("weight", [-1, 2.5, True, "10"])
def test_a_plugin_weight_must_be_a_whole_number(
    monkeypatch: pytest.MonkeyPatch, weight: object
) -> None:
    """A mistyped weight would skew every score (or crash the sum): refused on discovery."""
    from replylint.checks.greeting import GreetingRule

    class Weighted(GreetingRule):
        id = "acme.weighted"

    Weighted.weight = weight  # type: ignore[assignment]
    module = types.ModuleType("weighted_plugin")
    module.Weighted = Weighted  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "weighted_plugin", module)
    with pytest.raises(PluginError, match=r"'acme_weighted'.*score weight is a whole number"):
        discover_rule_classes([entry("acme_weighted", "weighted_plugin:Weighted")])


def test_a_plugin_needs_no_check_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from replylint.checks.greeting import GreetingRule

    class Bare(GreetingRule):
        id = "acme.bare"

    module = types.ModuleType("bare_plugin")
    module.Bare = Bare  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bare_plugin", module)
    (loaded,) = discover_rule_classes([entry("acme_bare", "bare_plugin:Bare")])
    assert loaded.check_name == "acme.bare"


def test_an_error_names_the_package_that_installed_the_plugin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The package's name is read from its metadata only when an error needs it, but
    then it is there."""
    from importlib.metadata import entry_points

    from replylint.checks.greeting import GreetingRule

    class Copycat(GreetingRule):
        pass

    module = types.ModuleType("copycat_plugin")
    module.Copycat = Copycat  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "copycat_plugin", module)
    (installed,) = entry_points(group=ENTRY_POINT_GROUP, name="greeting")
    with pytest.raises(PluginError) as error:
        discover_rule_classes([installed, entry("copycat", "copycat_plugin:Copycat")])
    assert (
        "rule plugin 'greeting' (replylint.checks.greeting:GreetingRule, from package replylint)"
        in str(error.value)
    )
    assert "rule plugin 'copycat' (copycat_plugin:Copycat)" in str(error.value)


@pytest.mark.parametrize("name", ["score", "error", "id", "jargon_terms"])
def test_a_check_named_like_a_column_of_score_is_refused(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A check named "score" wrote a second score column of present/missing in place of
    the scores; "error" made a Parquet file no reader could open."""
    from replylint.checks.greeting import GreetingRule

    class Column(GreetingRule):
        id = "acme.column"
        check_name = name

    module = types.ModuleType("column_plugin")
    module.Column = Column  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "column_plugin", module)
    with pytest.raises(PluginError, match=rf"'acme_column'.*check name '{name}', a column"):
        discover_rule_classes([entry("acme_column", "column_plugin:Column")])


def test_the_reserved_check_names_are_the_columns_score_writes() -> None:
    from replylint.batch.cluster import result_columns
    from replylint.registry import RESERVED_CHECK_NAMES

    assert set(result_columns(())) == RESERVED_CHECK_NAMES
