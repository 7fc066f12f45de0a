"""The channels of gold records read as ``score`` reads an export's: a help desk's
documented names, the names that say how the ticket was made (``api``), and a team's
own names (``--channel-name``, the configuration's ``channel-names``). A reply checked
on its own (the library, ``serve``) is told why ``api`` is no channel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import InputError, ReplyInput
from replylint.cli import main
from replylint.evaluation import gold_notes, read_gold, read_gold_files


def gold(tmp_path: Path, *channels: str) -> Path:
    path = tmp_path / "gold.jsonl"
    records = [
        {"id": f"T-{n}", "channel": channel, "reply": "Hi Sam, it ships today. Thanks, Jo",
         "labels": {"greeting": True}}
        for n, channel in enumerate(channels, 1)
    ]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_record_whose_channel_says_how_the_ticket_was_made_is_read_as_email(
    tmp_path: Path,
) -> None:
    path = gold(tmp_path, "voice", "api", "Mobile SDK", "API")
    assert [r.channel for r in read_gold(path)] == ["email"] * 4
    assert gold_notes([path]) == [
        f"{path}: 2 records had a channel that says how the ticket was made, not the "
        "channel its reply goes out on ('api': 2 records), and were read as email, as a "
        "record without a channel is; if such tickets are answered on another channel, "
        "map the name: --channel-name api=chat"
    ]


def test_a_scorecards_channel_column_is_read_alike(tmp_path: Path) -> None:
    path = tmp_path / "card.csv"
    path.write_text("reply,channel,greeting\nHi Al. Fixed.,rule,yes\n", encoding="utf-8")
    [record] = read_gold(path)
    assert record.channel == "email"
    [note] = gold_notes([path])
    assert note.startswith(f"{path}: 1 record had a channel that says how the ticket was made")


def test_a_teams_own_names_are_read_as_it_maps_them(tmp_path: Path) -> None:
    path = gold(tmp_path, "Kundenportal", "api")
    team = {"kunden portal": "chat", "API": "social"}
    assert [r.channel for r in read_gold_files([path], channel_names=team)] == ["chat", "social"]
    assert gold_notes([path], channel_names=team) == []


def test_eval_reads_the_flag_and_the_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = gold(tmp_path, "Kundenportal")
    assert main(["eval", str(path), "--isolated", "--model", "none"]) == 2
    assert '--channel-name "Kundenportal=email"' in capsys.readouterr().err
    by_channel = ["--model", "none", "--by", "channel", "--format", "json"]
    flag = ["--channel-name", "Kundenportal=chat"]
    assert main(["eval", str(path), "--isolated", *by_channel, *flag]) == 0
    assert list(json.loads(capsys.readouterr().out)["by"]["groups"]) == ["chat"]
    config = tmp_path / ".replylint.toml"
    config.write_text('[channel-names]\n"Kundenportal" = "social"\n', encoding="utf-8")
    assert main(["eval", str(path), *by_channel]) == 0
    assert list(json.loads(capsys.readouterr().out)["by"]["groups"]) == ["social"]
    assert main(["eval", str(path), *by_channel, *flag]) == 0  # the flag over the file
    assert list(json.loads(capsys.readouterr().out)["by"]["groups"]) == ["chat"]


@pytest.mark.parametrize("name", ["api", "Any channel"])
def test_a_single_reply_is_told_why_such_a_name_is_no_channel(name: str) -> None:
    """A batch reads it with its default and a note; a caller of the library or of
    `serve` chooses the channel, and has no place for a note."""
    with pytest.raises(InputError) as refused:
        ReplyInput(reply="Hi.", channel=name)
    assert str(refused.value) == (
        f"ReplyInput: channel: channel {name!r} says how the ticket was made, not the "
        "channel its reply goes out on; give that channel (email, chat or social), or null "
        f"for email; if your configuration maps {name!r} (channel-names), build the item "
        "with linter.reply_input(...), which reads the configuration's names"
    )
