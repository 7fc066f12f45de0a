"""Columns `score` guesses by name, where the name alone can mislead.

A ``Customer`` column is often the customer's *name* (a QA export's "Customer": "Dana
Lee"), not their message. `score` looks at its first cells: names are read as the name
(the customer_name check uses them) with a note under the summary, messages are read as
the message, and `--customer-col` reads it as asked. A column named for one option is
never also guessed for another, and two columns that could each be the reply ("Message",
"Response") are an error rather than the first one scored."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from replylint.batch.columns import ColumnError, ColumnMap, names_not_messages
from replylint.batch.job import NO_AGENT_NOTE
from replylint.cli import main

REPLY = "Hi Sarah, your refund was sent today and reaches your card within 5 days. Thanks!"


@pytest.mark.parametrize(
    "cells",
    [
        ["Dana Lee", "Dupont, Renée", "Dr. A. Okafor", "Ana de la Cruz", "王伟"],
        ["dana.lee@example.com", "Sam O'Neil", "Jean-Luc Picard"],
    ],
)
def test_names_and_addresses_are_names(cells: list[str]) -> None:
    assert names_not_messages(cells) == cells[:3]


@pytest.mark.parametrize(
    "cells",
    [
        ["Where is my order?", "My card was charged twice", "I can't log in"],
        ["refund please", "order 1234 late", "cancel my plan"],
        ["Order Missing", "Refund Please", "Late Delivery", "Wrong Size"],  # subjects
        ["Dana Lee", "Sam Park", "The app crashes every time I open it"],  # not nine in ten
        ["", "  "],  # nothing to go by: read as asked
    ],
)
def test_messages_are_not_names(cells: list[str]) -> None:
    assert names_not_messages(cells) is None


def test_only_the_first_cells_are_read() -> None:
    cells = iter(["Dana Lee"] * 50)  # an iterator: a 51st read would raise StopIteration
    assert names_not_messages(cells) == ["Dana Lee"] * 3


def test_a_named_column_is_not_also_guessed() -> None:
    columns = ColumnMap.resolve(["reply", "Customer"], customer_name="Customer")
    assert (columns.customer, columns.customer_name) == (None, "Customer")
    assert ColumnMap.resolve(["reply", "Customer"]).customer == "Customer"


def test_customer_message_is_never_second_guessed() -> None:
    columns = ColumnMap.resolve(["reply", "customer_message"])
    assert columns.customer_as_names(["Dana Lee"]) == (columns, None)


def export(tmp_path: Path, customer: list[str]) -> Path:
    path = tmp_path / "export.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "Customer", "Reply"])
        writer.writerows([f"r{i}", cell, REPLY] for i, cell in enumerate(customer, 1))
    return path


def score(
    tmp_path: Path, customer: list[str], *flags: str
) -> tuple[list[dict[str, object]], dict[str, object], str]:
    out, summary = tmp_path / "scores.jsonl", tmp_path / "summary.json"
    assert main(["score", str(export(tmp_path, customer)), "--out", str(out), "--jobs", "1",
                 "--isolated", "--force", "--summary-json", str(summary), *flags]) == 0  # fmt: skip
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    saved = json.loads(summary.read_text(encoding="utf-8"))
    # (these exports have no agent column: that note is another test's)
    saved["notes"] = [note for note in saved["notes"] if note != NO_AGENT_NOTE]
    return results, saved, str(out)


def name_findings(result: dict[str, object]) -> list[str]:
    findings = result["findings"]
    assert isinstance(findings, list)
    return [f["text"] for f in findings if f["check"] == "customer_name"]


def test_a_customer_column_of_names_is_read_as_the_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, summary, _ = score(tmp_path, ["Dana Lee", "Sam Park"])
    assert [name_findings(r) for r in results] == [["Sarah"], ["Sarah"]]  # the wrong name
    assert summary["notes"] == [
        "column 'Customer' holds names ('Dana Lee', 'Sam Park'), not the customer's "
        "message, so it was read as the customer's name; pass --customer-col Customer to "
        "read it as the message"
    ]
    assert "note: column 'Customer' holds names" in capsys.readouterr().out


def test_customer_col_reads_it_as_the_message(tmp_path: Path) -> None:
    results, summary, _ = score(tmp_path, ["Dana Lee", "Sam Park"], "--customer-col", "Customer")
    assert [name_findings(r) for r in results] == [[], []]  # no name known
    assert summary["notes"] == []


def test_a_customer_column_of_messages_stays_the_message(tmp_path: Path) -> None:
    messages = ["Sarah here: my refund never arrived!", "Sarah again. Where is my refund?"]
    results, summary, _ = score(tmp_path, messages)
    assert [name_findings(r) for r in results] == [[], []]
    assert summary["notes"] == []


def test_the_choice_is_kept_for_resume(tmp_path: Path) -> None:
    """A resumed run reads the columns the first run read (its run record)."""
    _, _, out = score(tmp_path, ["Dana Lee", "Sam Park"])
    record = json.loads(Path(out + ".replylint-run.json").read_text(encoding="utf-8"))
    assert record["columns"]["customer_name"] == "Customer"
    assert record["columns"]["customer"] is None


def test_one_column_named_for_two_roles_is_an_error() -> None:
    """`--text-col reply --id-col reply` made every id the reply's text, without a word."""
    with pytest.raises(
        ColumnError, match=r"--id-col and --text-col both name the column 'reply'; one column"
    ):
        ColumnMap.resolve(["reply", "ticket"], text="reply", id="reply")


def test_two_columns_that_could_each_be_the_reply_are_an_error() -> None:
    with pytest.raises(ColumnError, match=r"columns 'Message' and 'Response' could each hold "
                       r"the reply; name its column with --text-col"):  # fmt: skip
        ColumnMap.resolve(["ID", "Message", "Response"])
    columns = ColumnMap.resolve(["ID", "Message", "Response"], text="Response")
    assert columns.text == "Response"


def test_a_column_named_as_a_reply_beside_a_usual_name_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Intercom-like export: "Message" is the customer's, "Public reply" the agent's.
    Guessed alone, "Message" was scored as the reply, every customer message scored 0,
    and the replies were never read, without a word."""
    export = tmp_path / "conversations.csv"
    export.write_text(
        f'Conversation ID,Message,Public reply\n1,Where is my refund?,"{REPLY}"\n',
        encoding="utf-8",
    )
    out = tmp_path / "scores.jsonl"
    argv = ["score", str(export), "--out", str(out), "--jobs", "1", "--isolated"]
    assert main(argv) == 2
    assert ("columns 'Message' and 'Public reply' could each hold the reply; name its "
            "column with --text-col") in capsys.readouterr().err  # fmt: skip
    assert not out.exists()
    assert main([*argv, "--text-col", "Public reply", "--customer-col", "Message"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == REPLY


@pytest.mark.parametrize("header", ["Public reply", "Agent response", "answer_text"])
def test_a_column_named_as_a_reply_is_the_reply(header: str) -> None:
    assert ColumnMap.resolve(["Ticket ID", header, "Subject"]).text == header


@pytest.mark.parametrize(
    "header", ["First reply time", "Reply ID", "Customer reply", "response_count"]
)
def test_a_column_about_a_reply_is_not_one(header: str) -> None:
    """A figure about the reply, or the customer's side, beside the reply's usual name."""
    assert ColumnMap.resolve(["Body", header]).text == "Body"


@pytest.mark.parametrize("header", ["agent_email", "Assignee Email", "assignee_name"])
def test_an_agent_column_under_a_help_desks_name_is_found(tmp_path: Path, header: str) -> None:
    export = tmp_path / "agents.csv"
    export.write_text(f"id,{header},reply\n1,kim@acme.test,Hi Al. Done.\n", encoding="utf-8")
    out, summary = tmp_path / "scores.jsonl", tmp_path / "summary.json"
    argv = ["score", str(export), "--out", str(out), "--jobs", "1", "--isolated",
            "--summary-json", str(summary)]  # fmt: skip
    assert main(argv) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["agent"] == "kim@acme.test"
    assert NO_AGENT_NOTE not in json.loads(summary.read_text(encoding="utf-8"))["notes"]


def test_an_export_without_an_agent_column_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No per-agent figures, and nothing said why: a QA lead looked for them."""
    export = tmp_path / "plain.csv"
    export.write_text("id,owner,reply\n1,kim,Hi Al. Done.\n", encoding="utf-8")
    argv = ["score", str(export), "--out", str(tmp_path / "s.jsonl"), "--jobs", "1", "--isolated"]
    assert main(argv) == 0
    assert f"note: {NO_AGENT_NOTE}" in capsys.readouterr().out
