"""The findings about directives under ``select``: a typo is reported whatever rules are
selected, and only an explicit ``ignore`` hides it; a directive for a rule that did not
run is not called unused."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import ChannelProfile, Linter, LinterConfig
from replylint.cli import main
from replylint.report import Report
from replylint.suppression import MALFORMED_RULE, UNKNOWN_RULE, UNUSED_RULE

#: A mistyped rule name, a mistyped directive word, and a directive for a rule that the
#: selection below leaves out.
MACRO = (
    "replylint: disable=jargn\n"
    "replylint: disabel=greeting\n"
    "replylint: disable=readability\n"
    "Hi Dana,\n\nYour RMA is approved.\n"
)
SELECTED = ["jargon", "greeting"]


@pytest.fixture(scope="module")
def selecting() -> Linter:
    return Linter(LinterConfig(template=True, select=SELECTED, report_unused_suppressions=True))


def about_directives(report: Report) -> list[tuple[str, str]]:
    """(rule, directive text) of each finding about a directive, in order."""
    return [(f.rule, f.text) for f in report.findings if f.check == "suppression"]


def test_with_select_a_typo_and_a_malformed_directive_are_still_reported(
    selecting: Linter,
) -> None:
    found = about_directives(selecting.check(MACRO))
    assert (UNKNOWN_RULE, "replylint: disable=jargn") in found
    assert (MALFORMED_RULE, "replylint: disabel=greeting") in found


def test_with_select_a_directive_for_a_rule_not_run_is_not_called_unused(
    selecting: Linter,
) -> None:
    """readability did not run, so its silence says nothing about the directive; removing
    it would bring the finding back where the rule does run."""
    assert (UNUSED_RULE, "replylint: disable=readability") not in about_directives(
        selecting.check(MACRO)
    )


def test_with_select_a_directive_for_a_selected_rule_that_silences_nothing_is_unused(
    selecting: Linter,
) -> None:
    reply = "replylint: disable=jargon\nHi Dana,\n\nYour refund is approved.\n"
    assert about_directives(selecting.check(reply)) == [(UNUSED_RULE, "replylint: disable=jargon")]


def test_a_directive_naming_a_suppression_rule_is_still_judged_unused(
    selecting: Linter,
) -> None:
    """The findings about directives are always made, whatever ``select`` says."""
    reply = "replylint: disable=suppression.malformed\nHi Dana,\n\nYour refund is approved.\n"
    assert [rule for rule, _ in about_directives(selecting.check(reply))] == [UNUSED_RULE]


def test_a_directive_for_an_ignored_rule_is_not_called_unused() -> None:
    linter = Linter(
        LinterConfig(template=True, ignore=["readability"], report_unused_suppressions=True)
    )
    found = about_directives(linter.check(MACRO))
    assert UNKNOWN_RULE in {rule for rule, _ in found}
    assert (UNUSED_RULE, "replylint: disable=readability") not in found


@pytest.mark.parametrize("ignored", ["suppression", "suppression.unknown-rule"])
def test_with_select_an_explicit_ignore_still_hides_them(ignored: str) -> None:
    linter = Linter(LinterConfig(template=True, select=SELECTED, ignore=[ignored]))
    rules = {rule for rule, _ in about_directives(linter.check(MACRO))}
    assert UNKNOWN_RULE not in rules
    assert (MALFORMED_RULE in rules) == (ignored != "suppression")


def test_a_channel_profile_that_ignores_suppression_hides_them_on_that_channel() -> None:
    linter = Linter(
        LinterConfig(template=True, channels={"chat": ChannelProfile(ignore=["suppression"])})
    )
    assert about_directives(linter.check(MACRO, channel="chat")) == []
    assert about_directives(linter.check(MACRO, channel="email")) != []


@pytest.mark.parametrize("how", ["config file", "--select"])
def test_the_cli_reports_a_typo_under_select(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.txt").write_text(MACRO, encoding="utf-8")
    args = ["check", "m.txt", "--template", "--report-unused-suppressions"]
    if how == "config file":
        (tmp_path / ".replylint.toml").write_text('select = ["jargon", "greeting"]\n')
    else:
        args += ["--select", "jargon,greeting"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "1:1: warning [suppression.unknown-rule]" in out
    assert "2:1: warning [suppression.malformed]" in out
    assert "suppression.unused" not in out
