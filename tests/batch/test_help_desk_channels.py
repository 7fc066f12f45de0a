"""The channel values help desks export (Zendesk's ``via.channel``, Freshdesk's source,
Intercom's and Help Scout's source types), and a team's own names for a channel.

Zendesk tickets via ``mobile_sdk``, ``voice`` or ``api`` were error rows ("unknown
channel"), and a team whose help desk named a channel its own way had no way to say which
channel it is: every such row was an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import Linter
from replylint.batch.rows import RowIn, score_row
from replylint.cli import main

REPLY = "Hi Dana, the replacement ships on Monday and arrives by Wednesday. Thanks, Lee"


@pytest.mark.parametrize(
    ("name", "channel"),
    [
        # a ticket opened by a call is answered in writing by e-mail
        ("voice", "email"), ("voicemail", "email"), ("Phone", "email"),
        ("phone_call_inbound", "email"), ("phone_call", "email"),
        # request forms and the Support SDK's, answered by e-mail
        ("mobile_sdk", "email"), ("web_widget", "email"), ("help_center", "email"),
        ("MobiHelp", "email"), ("closed_ticket", "email"), ("emailfwd", "email"),
        # Zendesk's ticket made from a community (forum) post is answered by e-mail
        ("forum", "email"),
        # messaging apps, Intercom's Messenger (also where its phone_switch, a call
        # moved to the Messenger by a text, and its push messages are answered)
        ("text_message", "chat"), ("Telegram", "chat"), ("conversation", "chat"),
        ("phone_switch", "chat"), ("push", "chat"),
        # direct messages and posts on a social network
        ("instagram_dm", "social"), ("facebook_message", "social"), ("twitter_dm", "social"),
    ],
)  # fmt: skip
def test_a_help_desks_documented_channel_is_read_as_its_kind_of_reply(
    linter: Linter, name: str, channel: str
) -> None:
    result = score_row(linter, RowIn(id="1", text=REPLY, channel=name), "chat", False)
    assert "error" not in result, result.get("error")
    assert result["channel"] == channel


@pytest.mark.parametrize(
    "name", ["api", "API", "web_service", "any_channel", "rule", "mobile", "sample_ticket"]
)
def test_a_channel_that_says_how_the_ticket_was_made_takes_the_default(
    linter: Linter, name: str
) -> None:
    """An API ticket says nothing of how its reply goes out: read as an empty channel
    cell is, with the run's --channel (the summary's note says so)."""
    result = score_row(linter, RowIn(id="1", text=REPLY, channel=name), "social", False)
    assert "error" not in result, result.get("error")
    assert result["channel"] == "social"


def score(tmp_path: Path, rows: list[tuple[str, str]], *options: str) -> tuple[int, list, dict]:
    """Score ``(id, channel)`` rows of :data:`REPLY`; (exit code, results, summary)."""
    export = tmp_path / "export.csv"
    lines = ["id,channel,reply", *(f'{i},{channel},"{REPLY}"' for i, channel in rows)]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, summary = tmp_path / "scores.jsonl", tmp_path / "summary.json"
    argv = ["score", str(export), "--out", str(out), "--jobs", "1", "--model", "none",
            "--summary-json", str(summary), "--force", *options]  # fmt: skip
    code = main(argv)
    if code != 0:
        return code, [], {}
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return code, results, json.loads(summary.read_text(encoding="utf-8"))


def test_the_summary_names_the_rows_scored_with_the_default_channel(tmp_path: Path) -> None:
    rows = [("1", "api"), ("2", "API"), ("3", "rule"), ("4", "email"), ("5", "")]
    code, results, summary = score(tmp_path, rows, "--isolated", "--channel", "chat")
    assert code == 0
    assert [r["channel"] for r in results] == ["chat", "chat", "chat", "email", "chat"]
    [note] = [n for n in summary["notes"] if "how the ticket was made" in n]
    assert note == (
        "3 rows had a channel that says how the ticket was made, not the channel its reply "
        "goes out on ('api': 2 rows, 'rule': 1 row), and were scored as chat (--channel), as "
        "an empty channel cell is; if such tickets are answered on another channel, map the "
        "name: --channel-name api=chat (or channel-names in the configuration)"
    )


def test_a_resumed_run_counts_the_rows_written_before_it_too(tmp_path: Path) -> None:
    """A local run counts such rows as they pass to be scored (it read its input a second
    time for the note): a resumed run passes the rows already written too."""
    rows = [("1", "api"), ("2", "email"), ("3", "api"), ("4", "rule")]
    assert score(tmp_path, rows, "--isolated")[0] == 0
    out = tmp_path / "scores.jsonl"
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:2]), encoding="utf-8")  # stopped after 2 rows
    argv = ["score", str(tmp_path / "export.csv"), "--out", str(out), "--jobs", "1",
            "--model", "none", "--summary-json", str(tmp_path / "summary.json"), "--resume",
            "--isolated"]  # fmt: skip
    assert main(argv) == 0
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    [note] = [n for n in summary["notes"] if "how the ticket was made" in n]
    assert note.startswith("3 rows had a channel") and "('api': 2 rows, 'rule': 1 row)" in note


def test_no_note_without_such_rows(tmp_path: Path) -> None:
    code, _, summary = score(tmp_path, [("1", "voice"), ("2", "")], "--isolated")
    assert code == 0
    assert not [n for n in summary["notes"] if "how the ticket was made" in n]


def test_a_teams_own_channel_names_are_read_as_it_maps_them(tmp_path: Path) -> None:
    """The configuration's channel-names, and --channel-name over them (in any
    spelling); a mapped name that carries no channel (``api``) is then read as mapped,
    and no note names it."""
    (tmp_path / ".replylint.toml").write_text(
        '[channel-names]\n"Kundenportal" = "email"\n"Rückruf" = "chat"\n"api" = "social"\n',
        encoding="utf-8",
    )
    rows = [("1", "Kundenportal"), ("2", "rückruf"), ("3", "API"), ("4", "Live chat")]
    code, results, summary = score(tmp_path, rows)
    assert code == 0
    assert [r["channel"] for r in results] == ["email", "chat", "social", "chat"]
    assert not [n for n in summary["notes"] if "how the ticket was made" in n]
    code, results, _ = score(tmp_path, rows, "--channel-name", "RUCKRUF=email",
                             "--channel-name", "Rückruf=social")  # fmt: skip
    assert [r["channel"] for r in results] == ["email", "social", "social", "chat"]


def test_an_unknown_channel_says_how_to_map_it(tmp_path: Path) -> None:
    code, results, _ = score(tmp_path, [("1", "Kundenportal")], "--isolated")
    assert code == 2  # (every row an error)
    code, results, _ = score(tmp_path, [("1", "Kundenportal"), ("2", "email")], "--isolated")
    assert results[0]["error"].endswith(
        "; or, if your help desk names a channel so, map the name to it: --channel-name "
        '"Kundenportal=email" (or chat, social), or channel-names in the configuration'
    )


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ('"Rückruf" = "Live chat"',
         "channel-names: 'Rückruf' = 'Live chat': 'Live chat' is no channel of replylint's; "
         "map it to email, chat or social ('Live chat' is a name for chat: write 'chat')"),
        ('"Portal 2" = "fax"',
         "channel-names: 'Portal 2' = 'fax': 'fax' is no channel of replylint's; map it to "
         "email, chat or social"),
        ('"chat" = "email"',
         "channel-names: 'chat' = 'email': 'chat' is replylint's own channel and is read as "
         "itself; map your help desk's other names only"),
        ('"Call back" = "email"\n"call-back" = "chat"',
         "channel-names: 'Call back' and 'call-back' are one name (case, spaces, hyphens and "
         "underscores do not count), mapped to email and to chat; map it once"),
        ('" " = "email"',
         "channel-names: ' ' names no channel of your help desk; write the name its export "
         "gives, e.g. 'Phone callback' = 'email'"),
    ],
)  # fmt: skip
def test_a_bad_mapping_is_an_error_naming_the_channels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, said: str
) -> None:
    (tmp_path / ".replylint.toml").write_text(f"[channel-names]\n{config}\n", encoding="utf-8")
    assert score(tmp_path, [("1", "email")])[0] == 2
    assert capsys.readouterr().err.strip().endswith(said)


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--channel-name", "Kundenportal"],
         "argument --channel-name: 'Kundenportal': write NAME=CHANNEL, e.g. 'Phone "
         "callback=email' (the channel is email, chat or social)"),
        (["--channel-name", "Kundenportal=fax"],
         "argument --channel-name: 'Kundenportal' = 'fax': 'fax' is no channel of "
         "replylint's; map it to email, chat or social"),
        (["--channel-name", "api=chat", "--channel-name", "api=email"],
         "--channel-name: 'api' is given as chat and as email; give it once"),
    ],
)  # fmt: skip
def test_a_bad_channel_name_flag_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], said: str
) -> None:
    try:
        code = score(tmp_path, [("1", "email")], "--isolated", *flags)[0]
    except SystemExit as exit:  # (argparse's own refusal of a value)
        code = int(str(exit.code))
    assert code == 2
    assert capsys.readouterr().err.strip().endswith(said)
