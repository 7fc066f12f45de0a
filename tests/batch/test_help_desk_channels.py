"""A team's own names for a channel (``--channel-name``, the configuration's
``channel-names``): a team whose help desk named a channel its own way had no way to say
which channel it is, and every such row was an error ("unknown channel")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main

REPLY = "Hi Dana, the replacement ships on Monday and arrives by Wednesday. Thanks, Lee"


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


def test_a_teams_own_channel_names_are_read_as_it_maps_them(tmp_path: Path) -> None:
    """The configuration's channel-names, and --channel-name over them (in any
    spelling)."""
    (tmp_path / ".replylint.toml").write_text(
        '[channel-names]\n"Kundenportal" = "email"\n"Rückruf" = "chat"\n"api" = "social"\n',
        encoding="utf-8",
    )
    rows = [("1", "Kundenportal"), ("2", "rückruf"), ("3", "API"), ("4", "Live chat")]
    code, results, _ = score(tmp_path, rows)
    assert code == 0
    assert [r["channel"] for r in results] == ["email", "chat", "social", "chat"]
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
