"""Channel profiles: what email, chat and social replies are expected to contain."""

from __future__ import annotations

import pytest

from replylint import ChannelProfile, ConfigError, Linter, LinterConfig, PresenceRule, Verdict
from replylint.analysis import AnalyzedReply
from replylint.registry import discover_rule_classes
from replylint.report import Report

TWEET = "Your RMA ships today; our SMTP relay sends the tracking number by DM."


@pytest.fixture(scope="module")
def social_light() -> Linter:
    return Linter(
        LinterConfig(
            channels={
                "social": ChannelProfile(optional=["greeting", "closing_thanks"], ignore=["jargon"])
            }
        )
    )


def rules(report: Report) -> set[str]:
    return {f.rule for f in report.findings}


def test_by_default_every_channel_expects_everything(linter: Linter) -> None:
    report = linter.check(TWEET, channel="social")
    assert {"greeting", "closing_thanks", "jargon"} <= rules(report)


def test_optional_check_is_not_reported_but_its_verdict_stays_true(social_light: Linter) -> None:
    report = social_light.check(TWEET, channel="social")
    assert not {"greeting", "closing_thanks", "jargon"} & rules(report)
    greeting = report.checks["greeting"]
    assert greeting.present is False and greeting.applicable is True and greeting.optional
    assert greeting.reason == "optional on social replies (channel profile)"
    assert report.score == 100


def test_a_present_optional_check_keeps_its_evidence(social_light: Linter) -> None:
    report = social_light.check("Hi Ana! " + TWEET, channel="social")
    assert report.checks["greeting"].present and report.checks["greeting"].optional
    assert report.checks["greeting"].evidence == "Hi"
    assert not report.checks["next_step"].optional


def test_other_channels_are_untouched(social_light: Linter, linter: Linter) -> None:
    email = social_light.check(TWEET, channel="email")
    assert email == linter.check(TWEET, channel="email")
    assert {"greeting", "jargon"} <= rules(email)


def test_only_checks_with_a_verdict_can_be_optional() -> None:
    """Jargon has findings, no verdict: there is no absence to excuse."""
    config = LinterConfig(channels={"social": ChannelProfile(optional=["jargon"])}, model="none")
    with pytest.raises(ConfigError, match="'jargon' is not a check that can be optional"):
        Linter(config)


class TicketRef(PresenceRule):
    """A rule plugin's presence check: the reply gives the ticket number."""

    id = "acme.ticket_ref"
    check_name = "ticket_ref"
    standard = "Give the customer the ticket number"
    rationale = "A customer who writes back with the number is found at once."
    weight = 10
    missing_message = "The reply gives no ticket number."

    def detect(self, reply: AnalyzedReply) -> Verdict:
        return Verdict(present="#" in reply.original)


def with_plugin(optional: list[str]) -> Linter:
    config = LinterConfig(channels={"social": ChannelProfile(optional=optional)}, model="none")
    return Linter(config, rule_classes=[*discover_rule_classes(), TicketRef])


def test_a_plugins_check_can_be_optional_on_a_channel() -> None:
    linter = with_plugin(["ticket_ref"])
    social = linter.check(TWEET, channel="social")
    assert social.checks["ticket_ref"].optional and not social.checks["ticket_ref"].present
    assert "acme.ticket_ref" not in rules(social)
    email = linter.check(TWEET, channel="email")
    assert not email.checks["ticket_ref"].optional and "acme.ticket_ref" in rules(email)
    # its absence, which costs its weight where it is required, costs nothing here
    assert social.score > with_plugin([]).check(TWEET, channel="social").score


def test_a_misspelt_plugin_check_is_refused_with_the_nearest_name() -> None:
    with pytest.raises(
        ConfigError, match=r"'ticket_rf' is not a check .*did you mean 'ticket_ref'"
    ):
        with_plugin(["ticket_rf"])


def test_a_name_no_installed_rule_knows_says_a_plugin_may_be_missing() -> None:
    """A config shared by a team names a plugin's check on a machine without the plugin:
    the error says where such a check comes from, not only the built-in list."""
    config = LinterConfig(channels={"chat": ChannelProfile(optional=["refund_policy"])})
    with pytest.raises(ConfigError, match=r"once its package is installed here"):
        Linter(config)
    with pytest.raises(ConfigError, match=r"once its package is installed here"):
        Linter(LinterConfig(ignore=["refund_policy"]))
