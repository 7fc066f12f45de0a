"""Channel profiles: what email, chat and social replies are expected to contain."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from replylint import ChannelProfile, Linter, LinterConfig
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


def test_only_core_checks_can_be_optional() -> None:
    with pytest.raises(ValidationError, match="'jargon' is not a check that can be optional"):
        ChannelProfile(optional=["jargon"])
