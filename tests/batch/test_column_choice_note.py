"""A guessed column chosen among several (``Assignee`` and ``Author``) is said on stderr,
with the option that reads another: the agent column was chosen silently, and a run
could rank the authors of the customers' messages as agents with nothing to say so."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from replylint.batch.columns import ColumnMap
from replylint.batch.job import ScoreJob, run
from replylint.config import RULES_ONLY, LinterConfig

FAST = LinterConfig(model=RULES_ONLY)
REPLY = "Hi Lena, your replacement card ships today. Thanks, Omar"


def export(tmp_path: Path, header: list[str], row: list[str]) -> Path:
    path = tmp_path / "export.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, row])
    return path


def test_an_ambiguous_agent_column_is_named_with_the_option_to_pick_another(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = export(
        tmp_path, ["id", "Assignee", "Author", "reply"], ["1", "Omar", "lena@x.io", REPLY]
    )
    out = tmp_path / "scores.jsonl"
    run(ScoreJob(input=source, output=out, config=FAST))
    [line] = capsys.readouterr().err.splitlines()
    assert line == (
        "replylint: note: read column 'Assignee' as the agent; 'Author' could be it too "
        "(pass --agent-col Author to read that one)"
    )
    assert json.loads(out.read_text(encoding="utf-8"))["agent"] == "Omar"
    # and the option it names does what it says, with no note then
    run(ScoreJob(input=source, output=out, config=FAST, force=True, agent_col="Author"))
    assert capsys.readouterr().err == ""
    assert json.loads(out.read_text(encoding="utf-8"))["agent"] == "lena@x.io"


def test_every_guessed_role_with_several_candidates_gets_its_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import sys

    header = ["ticket_id", "id", "Agent", "Assignee", "Assignee Email", "via", "channel", "reply"]
    ColumnMap.resolve(header, notes=sys.stderr)
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "replylint: note: read column 'id' as the id; 'ticket_id' could be it too "
        "(pass --id-col ticket_id to read that one)",
        "replylint: note: read column 'channel' as the channel; 'via' could be it too "
        "(pass --channel-col via to read that one)",
        "replylint: note: read column 'Agent' as the agent; 'Assignee', 'Assignee Email' could "
        "be it too (pass --agent-col NAME to read another)",
    ]


@pytest.mark.parametrize(
    ("header", "options"),
    [
        (["id", "agent", "reply"], {}),  # one candidate: nothing to choose
        (["id", "Agent", "Assignee", "reply"], {"agent": "Assignee"}),  # the user chose
        (["id", "Agent", "Author", "reply"], {"id": "Author"}),  # taken by another option
    ],
)
def test_no_note_when_there_was_no_choice(
    header: list[str], options: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    ColumnMap.resolve(header, notes=sys.stderr, **options)
    assert capsys.readouterr().err == ""


def test_a_column_name_with_spaces_is_quoted_for_the_shell() -> None:
    from replylint.batch.columns import choice_note

    assert choice_note("agent", ["Agent", "Assignee Name"]).endswith(
        "(pass --agent-col 'Assignee Name' to read that one)"
    )
