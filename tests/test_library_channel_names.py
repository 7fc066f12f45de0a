"""The library reads a team's own channel names (``[channel-names]``) as ``score`` reads
them from a channel column: a help desk's ``web_widget`` the team answers as a chat is a
chat to ``Linter.check`` too, not the e-mail of the built-in name."""

from __future__ import annotations

import pytest

from replylint import InputError, Linter, LinterConfig, ReplyInput

REPLY = "Hi Noor, I have reset the sync token on your account. Thanks for waiting!"


@pytest.fixture(scope="module")
def team_linter() -> Linter:
    names = {"web_widget": "chat", "Kundenportal": "social"}
    return Linter(LinterConfig(channel_names=names, model="none"))


def test_check_reads_the_teams_channel_names_first(team_linter: Linter) -> None:
    assert team_linter.check(REPLY, channel="Web Widget").channel == "chat"
    assert team_linter.check(REPLY, channel="kundenportal").channel == "social"
    assert team_linter.analyze(REPLY, channel="web-widget").channel == "chat"


def test_names_the_team_does_not_map_stay_the_built_in_ones(team_linter: Linter) -> None:
    assert team_linter.check(REPLY, channel="Live chat").channel == "chat"
    assert team_linter.check(REPLY, channel="web form").channel == "email"


def test_a_linter_without_the_names_reads_the_built_in_ones(linter: Linter) -> None:
    assert linter.check(REPLY, channel="web_widget").channel == "email"
    with pytest.raises(InputError, match="unknown channel 'Kundenportal'"):
        linter.check(REPLY, channel="Kundenportal")


def test_check_many_items_built_by_the_linter_read_the_names(team_linter: Linter) -> None:
    item = team_linter.reply_input(reply=REPLY, channel="web_widget", id="T-9")
    assert item.channel == "chat"
    assert ReplyInput(reply=REPLY, channel="web_widget").channel == "email"
    (report,) = team_linter.check_many([item])
    assert report.channel == "chat"
    with pytest.raises(InputError, match="channel: unknown channel 'Rückruf'"):
        team_linter.reply_input(reply=REPLY, channel="Rückruf")


def test_check_many_reads_a_reply_input_built_alone_with_the_teams_names(
    team_linter: Linter, linter: Linter
) -> None:
    """Built alone, an item knows the built-in names only: ``web_widget`` read as the
    e-mail of the built-in name, and ``check_many`` of the team's linter checked it as
    one where ``check`` and ``score`` read the team's chat."""
    item = ReplyInput(reply=REPLY, channel="web_widget", id="T-7")
    assert item.channel == "email"  # (no team to ask yet)
    (report,) = team_linter.check_many([item])
    assert report.channel == "chat"
    (plain,) = linter.check_many([item])  # a linter without the names: the built-in one
    assert plain.channel == "email"
    canonical = ReplyInput(reply=REPLY, channel="email")
    assert next(team_linter.check_many([canonical])).channel == "email"


def test_a_name_only_the_team_knows_says_how_to_build_the_item() -> None:
    with pytest.raises(InputError, match=r"unknown channel 'Kundenportal'.*linter\.reply_input"):
        ReplyInput(reply=REPLY, channel="Kundenportal")
