"""An id or channel column under a help desk's own name ("Conversation ID", Freshdesk's
"Source") is none of the names `score` guesses. It was left unread without a word: every
row of a Freshdesk export was scored as an e-mail, its phone and chat replies too, and an
Intercom-like export's ids became row numbers. A note under the summary now says what
was read instead and the option that reads the column."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from replylint.cli import main

REPLY = "Hi Sarah, your refund was sent today and reaches your card within 5 days. Thanks!"


def summary_notes(tmp_path: Path, header: str, cells: str, *options: str) -> list[str]:
    export = tmp_path / "export.csv"
    export.write_text(f'{header},reply\n{cells},"{REPLY}"\n', encoding="utf-8")
    summary = tmp_path / "summary.json"
    argv = ["score", str(export), "--out", str(tmp_path / "scores.jsonl"), "--jobs", "1",
            "--isolated", "--summary-json", str(summary), "--force", *options]  # fmt: skip
    assert main(argv) == 0
    notes: list[str] = json.loads(summary.read_text(encoding="utf-8"))["notes"]
    return [note for note in notes if not note.startswith("no agent column")]


def test_a_source_column_is_named_as_the_channel_it_could_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = summary_notes(tmp_path, "Ticket Id,Source", "7,Phone", "--channel", "chat")
    note = (
        "no channel column (channel, via, source_channel): every row was scored as chat "
        "(--channel); 'Source' could be it: score again with --channel-col Source"
    )
    assert notes == [note]
    assert f"note: {note}" in capsys.readouterr().out


def test_an_id_under_another_name_is_named_as_the_id_it_could_be(tmp_path: Path) -> None:
    notes = summary_notes(tmp_path, "Conversation ID,Requester ID", "7,9")
    assert notes == [
        "no id column (id, reply_id, message_id, ticket_id, comment_id): ids are row "
        "numbers; 'Conversation ID', 'Requester ID' could be it: score again with --id-col "
        "NAME"
    ]


@pytest.mark.parametrize("name", ["Ticket #", "Ticket#", "Ticket No.", "Case Number"])
def test_a_numbered_ticket_column_is_named_as_the_id_it_could_be(tmp_path: Path, name: str) -> None:
    """A scorecard's or help desk's "Ticket #" became row numbers without a word: its
    results' ids 1, 2, 3 then matched other tickets' numbers."""
    notes = summary_notes(tmp_path, f'"{name}",Subject', "48213,Refund")
    assert notes == [
        "no id column (id, reply_id, message_id, ticket_id, comment_id): ids are row "
        f"numbers; {name!r} could be it: score again with --id-col {shlex.quote(name)}"
    ]


@pytest.mark.parametrize(
    ("header", "cells", "options"),
    [
        ("Ticket ID,Via", "7,WhatsApp", ()),  # both guessed
        (
            "Conversation ID,Source",
            "7,chat",
            ("--id-col", "Conversation ID", "--channel-col", "Source"),
        ),
        ("Requester name,Subject", "Sam,Refund", ()),  # nothing looks like either
    ],
)
def test_no_note_when_nothing_was_missed(
    tmp_path: Path, header: str, cells: str, options: tuple[str, ...]
) -> None:
    assert summary_notes(tmp_path, header, cells, *options) == []


def test_a_freshdesk_description_and_contact_name_are_named(tmp_path: Path) -> None:
    """Freshdesk's "Description" (the customer's message) and "Contact Name" were left
    unread without a word: apology and empathy were judged from the replies alone, and
    customer_name was checked on no row."""
    notes = summary_notes(tmp_path, "id,Description,Contact Name", '7,"It broke again",Sarah')
    assert notes == [
        "no customer column (customer_message, customer, question, request, inbound): no "
        "reply was read with the customer's message (apology and empathy were judged from "
        "the reply alone); 'Description' could be it: score again with --customer-col "
        "Description",
        "no customer_name column (customer_name, requester_name, customer_first_name): "
        "customer_name was checked on no row; 'Contact Name' could be it: score again with "
        "--customer-name-col 'Contact Name'",
    ]
