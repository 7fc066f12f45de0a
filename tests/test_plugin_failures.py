"""A rule plugin's fault is named as the plugin's, and costs only the reply it failed on;
plugin metadata that would break a run later is refused when the plugin is loaded."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from replylint import Linter, PluginError, ReplyError, ReplyInput, Report
from replylint.analysis import AnalyzedReply
from replylint.registry import ENTRY_POINT_GROUP, discover_rule_classes
from replylint.report import Finding, Severity
from replylint.rule import PresenceRule, Rule, Verdict


class Kaboom(Rule):
    """Raises on a reply holding "kaboom", as a plugin with a bug might."""

    id = "acme.kaboom"
    standard = "A ready reply"
    rationale = "A test plugin."

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        if "kaboom" in reply.normalized.text:
            raise ValueError("boom in plugin check")
        yield from ()


class Stringly(Rule):
    """Yields a string where a Finding belongs."""

    id = "acme.stringly"
    standard = "A ready reply"
    rationale = "A test plugin."

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        yield "not a finding"  # type: ignore[misc]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter({"model": "none"}, rule_classes=[*discover_rule_classes(), Kaboom])


def test_a_failing_plugin_costs_only_its_reply_in_a_stream(linter: Linter) -> None:
    items = [
        ReplyInput(id="a", reply="Hi Sam, your refund is on its way. Thanks!"),
        ReplyInput(id="b", reply="Hi Sam, kaboom. Thanks!"),
        ReplyInput(id="c", reply="Hi Kim, your parcel ships today. Thanks!"),
    ]
    results = list(linter.check_many(items))
    assert [type(r).__name__ for r in results] == ["ReportWithId", "ReplyError", "ReportWithId"]
    error = results[1]
    assert isinstance(error, ReplyError) and (error.id, error.index) == ("b", 1)
    assert error.error.startswith("rule plugin 'acme.kaboom' (test_plugin_failures:Kaboom")
    assert "failed on this reply: ValueError: boom in plugin check" in error.error
    assert "--ignore acme.kaboom" in error.error


def test_a_failing_plugin_is_a_plugin_error_for_one_reply(linter: Linter) -> None:
    with pytest.raises(PluginError, match=r"rule plugin 'acme.kaboom' .*ValueError: boom"):
        linter.check("Hi Sam, kaboom. Thanks!")
    assert isinstance(linter.check("Hi Sam, all good. Thanks!"), Report)


def test_a_plugin_yielding_what_is_no_finding_is_named() -> None:
    linter = Linter({"model": "none"}, rule_classes=[*discover_rule_classes(), Stringly])
    with pytest.raises(PluginError, match=r"'acme.stringly' .*TypeError: a finding is a str"):
        linter.check("Hi Sam, your refund is on its way. Thanks!")


# --- refused when loaded ------------------------------------------------------------------


def register(monkeypatch: pytest.MonkeyPatch, rule_class: type[Rule]) -> EntryPoint:
    module = types.ModuleType("acme_plugin")
    module.Plugin = rule_class  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "acme_plugin", module)
    return EntryPoint(name="acme", value="acme_plugin:Plugin", group=ENTRY_POINT_GROUP)


def with_builtins(plugin: EntryPoint) -> list[EntryPoint]:
    from importlib.metadata import entry_points

    return [*entry_points(group=ENTRY_POINT_GROUP), plugin]


def presence(check: str | None) -> type[PresenceRule]:
    class Plugin(PresenceRule):
        id = "acme.ticket_ref"
        standard = "Follow up on promises"
        rationale = "A test plugin."
        missing_message = "The reply gives no ticket number."

        def detect(self, reply: AnalyzedReply) -> Verdict:
            return Verdict(present=False)

    if check is not None:
        Plugin.check_name = check
    return Plugin


def test_a_plugin_deciding_a_built_in_check_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """It overwrote the greeting's verdict, or not, by the order of the two ids."""
    plugin = register(monkeypatch, presence("greeting"))
    with pytest.raises(PluginError, match=r"both decide the check 'greeting'.*check_name"):
        discover_rule_classes(with_builtins(plugin))
    register(monkeypatch, presence(None))  # a check of its own: fine
    assert "acme.ticket_ref" in {c.id for c in discover_rule_classes(with_builtins(plugin))}


@pytest.mark.parametrize("rule_id", ["", "a,b", "two words", "all", "suppression", "apology"])
def test_a_rule_id_no_configuration_could_name_is_refused(
    monkeypatch: pytest.MonkeyPatch, rule_id: str
) -> None:
    class Plugin(Kaboom):
        id = rule_id
        check_name = "acme"

    with pytest.raises(PluginError, match=r"rule plugin 'acme' .*rule id"):
        discover_rule_classes(with_builtins(register(monkeypatch, Plugin)))


def test_a_rule_id_that_is_a_packs_check_name_is_refused() -> None:
    """``explain tone`` showed the plugin alone and hid the pack's tone.* rules."""

    class Plugin(Kaboom):
        id = "tone"

    with pytest.raises(PluginError, match=r"rule plugin 'tone' .*the name of a pack's check"):
        Linter({"model": "none"}, rule_classes=[*discover_rule_classes(), Plugin])


def test_a_severity_that_is_no_severity_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Plugin(Kaboom):
        default_severity = "warning"  # type: ignore[assignment]

    with pytest.raises(PluginError, match=r"default_severity = 'warning'; write Severity"):
        discover_rule_classes([register(monkeypatch, Plugin)])
    Plugin.default_severity = Severity.warning
    assert discover_rule_classes([register(monkeypatch, Plugin)]) == [Plugin]


def test_a_presence_rule_without_its_message_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Plugin(PresenceRule):
        id = "acme.ticket_ref"
        standard = "Follow up on promises"
        rationale = "A test plugin."

        def detect(self, reply: AnalyzedReply) -> Verdict:
            return Verdict(present=False)

    with pytest.raises(PluginError, match="PresenceRule without missing_message"):
        discover_rule_classes([register(monkeypatch, Plugin)])


def test_the_service_logs_the_plugin_at_fault_without_the_reply(linter: Linter) -> None:
    """A check-one job a plugin fails is a 500; its log line names the plugin and what it
    raised, never the message (which may quote the customer's text). In a check-many,
    the item it fails on only (tests/serve/test_failing_rules.py)."""
    from replylint.serve.crash import Crashed
    from replylint.serve.jobs import CheckMany, CheckOne, run_job

    crashed = run_job(linter, CheckOne(ReplyInput(reply="Hi Sam, kaboom secret. Thanks!")))
    assert isinstance(crashed, Crashed)
    logged = crashed.log_line("a reply")
    assert "ValueError in rule plugin 'acme.kaboom' (" in logged
    assert "secret" not in logged and "boom in plugin" not in logged
    many = run_job(linter, CheckMany((ReplyInput(reply="Hi, kaboom."), ReplyInput(reply="Hi!"))))
    assert [type(r).__name__ for r in many.results] == ["Crashed", "str"]  # type: ignore[union-attr]


def test_check_reports_every_other_file_when_a_plugin_fails_on_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One plugin exception on one file lost every file's result (exit 3, a traceback)."""
    import replylint.linter
    from replylint.cli import main

    builtins = discover_rule_classes()
    monkeypatch.setattr(replylint.linter, "discover_rule_classes", lambda: [*builtins, Kaboom])
    for name, text in (("a.txt", "Hi Sam, all good."), ("b.txt", "kaboom"), ("c.txt", "Hi!")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert main(["check", "--isolated", "--model", "none", "--format", "jsonl", *paths]) == 2
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [("error" in line) for line in lines] == [False, True, False]
    assert "rule plugin 'acme.kaboom'" in lines[1]["error"]
    assert "rule plugin 'acme.kaboom'" in captured.err and "Traceback" not in captured.err


def test_a_plugins_failed_check_is_on_the_text_summary_line() -> None:
    """Its weight lowered the score, and the line did not say why."""
    from replylint.formatters.text import format_report

    plugin = presence(None)
    plugin.weight = 10
    linter = Linter({"model": "none"}, rule_classes=[*discover_rule_classes(), plugin])
    reply = "Hi Sam, your refund is on its way. Thanks!"
    summary = format_report("r.txt", reply, linter.check(reply), colour=False).splitlines()[-1]
    assert summary.endswith(", acme.ticket_ref: failed")


# --- refused when built -------------------------------------------------------------------


class BrokenSetup(Rule):
    """Raises while it compiles its matchers, as a plugin with a bug in ``setup`` might."""

    id = "acme.broken_setup"
    standard = "A ready reply"
    rationale = "A test plugin."

    def setup(self, context: object) -> None:  # type: ignore[override]
        raise KeyError("acme.words")

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        yield from ()


def test_a_plugin_failing_in_setup_is_named_as_the_plugins_fault() -> None:
    with pytest.raises(PluginError) as error:
        Linter({"model": "none"}, rule_classes=[*discover_rule_classes(), BrokenSetup])
    message = str(error.value)
    assert message.startswith("rule plugin 'acme.broken_setup' (test_plugin_failures:BrokenSetup")
    assert "failed when it was set up: KeyError: 'acme.words'; fix the plugin" in message
    assert message.endswith("--ignore acme.broken_setup")


def test_a_plugin_failing_in_setup_is_no_internal_error_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was a traceback and "internal error: KeyError ... (a bug in replylint ...:
    please report it", sending the user to replylint for a fault of the plugin."""
    import replylint.linter
    from replylint.cli import main

    builtins = discover_rule_classes()
    monkeypatch.setattr(replylint.linter, "discover_rule_classes", lambda: [*builtins, BrokenSetup])
    reply = tmp_path / "reply.txt"
    reply.write_text("Hi Sam, your refund is on its way. Thanks!", encoding="utf-8")
    assert main(["check", "--isolated", "--model", "none", str(reply)]) == 2
    err = capsys.readouterr().err
    assert "rule plugin 'acme.broken_setup'" in err and "failed when it was set up" in err
    assert "internal error" not in err and "Traceback" not in err


def test_a_plugin_that_implements_no_check_is_refused_when_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Building it raised "Can't instantiate abstract class" as an internal error."""

    class Plugin(Rule):
        id = "acme.nothing"
        standard = "A ready reply"
        rationale = "A test plugin."

    with pytest.raises(PluginError, match=r"'acme' .*does not implement check \(a Rule"):
        discover_rule_classes([register(monkeypatch, Plugin)])


def test_a_plugin_reading_a_lexicon_no_pack_defines_says_to_load_the_pack() -> None:
    """Its team pack not loaded, the error asked "is a built-in pack missing?"."""

    class Reader(Kaboom):
        id = "acme.reader"

        def setup(self, context: object) -> None:  # type: ignore[override]
            context.packs.lexicon("acme.words")  # type: ignore[attr-defined]

    with pytest.raises(PluginError) as error:
        Linter({"model": "none"}, rule_classes=[*discover_rule_classes(), Reader])
    assert str(error.value).startswith("rule plugin 'acme.reader' (")
    assert str(error.value).endswith(
        "could not be set up: no rule pack loaded defines the lexicon 'acme.words'; load "
        "the pack that does (--pack PATH, or packs in the config file), or have the rule "
        "give its own (default=[...] where it reads the lexicon)"
    )


class Wrapping(Rule):
    """Reports what the built-in greeting rule finds, as a stricter variant of it might,
    yielding that rule's findings as its own."""

    id = "acme.strict_greeting"
    standard = "A positive greeting"
    rationale = "A test plugin."

    def setup(self, context: object) -> None:  # type: ignore[override]
        from replylint.checks.greeting import GreetingRule

        self._inner = GreetingRule(context)  # type: ignore[arg-type]

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        yield from self._inner.check(reply)


def test_a_plugin_yielding_another_rules_findings_is_named() -> None:
    """They were reported as the greeting rule's, though the configuration ignored
    greeting, at greeting's severity, not the one set for the plugin, and a directive
    disabling the plugin silenced nothing."""
    config = {"model": "none", "ignore": ["greeting"]}
    linter = Linter(config, rule_classes=[*discover_rule_classes(), Wrapping])
    with pytest.raises(PluginError) as error:
        linter.check("Your order ships today. Thanks!")
    message = str(error.value)
    assert message.startswith("rule plugin 'acme.strict_greeting' (")
    assert (
        "TypeError: a finding of the rule 'greeting' (check 'greeting'), not of this rule; "
        "build findings with self.finding(...), which gives them this rule's id" in message
    )
