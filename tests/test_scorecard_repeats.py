"""A scorecard without ids that holds the same reply on two rows: each row is a record
(it is a row of the team's scorecard: one review), and ``eval`` and ``train`` say so.

A row is named by its file and line when it has no id (``card.csv:4``), so a row pasted
twice was two records, counted twice in the figures (and in ``train``'s folds, a reply on
each side of one) without a word, where two rows of one id are an error. Refusing them
would refuse a team's real scorecard: without ids, two tickets answered with the same
macro look alike too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.evaluation import gold_notes, read_gold_files

#: Written for these tests. Line 4 repeats line 2; line 5 has the reply of line 2 with
#: another customer message (another ticket, plainly); line 6 repeats line 3.
CARD = (
    "Reply,Customer message,Greeting,Next step\n"
    '"Hi Mia, I have reissued your invoice; it arrives by Friday.",Invoice wrong,yes,yes\n'
    '"Your order ships tomorrow.",Where is it?,no,yes\n'
    '"Hi Mia, I have reissued your invoice; it arrives by Friday.",Invoice wrong,yes,yes\n'
    '"Hi Mia, I have reissued your invoice; it arrives by Friday.",No invoice,yes,yes\n'
    '"Your order ships tomorrow.",Where is it?,no,no\n'
)


def write(tmp_path: Path, text: str, name: str = "card.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_each_row_is_counted_and_eval_says_which_rows_repeat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, CARD)
    assert main(["eval", str(path), "--isolated", "--model", "none", "--format", "json"]) == 0
    captured = capsys.readouterr()
    figures = json.loads(captured.out)
    assert figures["records"] == 5  # every row, as the note says
    assert figures["checks"]["greeting"]["n"] == 5
    note = (
        f"replylint eval: note: {path}: 2 rows without an id repeat the reply and customer "
        "message of an earlier row (line 4 repeats line 2, line 6 repeats line 3): each row "
        "is read as a record of its own, so such a reply counts once per row (in eval's "
        "figures, and in train's folds); if a row was pasted twice, remove it; if the rows "
        "answer different tickets, add an id column (ticket_id) to say so"
    )
    assert note in captured.err


def test_train_says_it_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, CARD)
    main(["train", str(path), "--out", str(tmp_path / "m")])  # (too few replies to train)
    assert f"replylint train: note: {path}: 2 rows without an id repeat" in capsys.readouterr().err


def test_rows_told_apart_by_an_id_or_their_context_get_no_note(tmp_path: Path) -> None:
    """Rows with ids of their own are other tickets (two of one id are an error), and so
    are rows with the same reply to other messages."""
    with_ids = write(
        tmp_path,
        "ticket_id,reply,greeting\nA1,Hi Al. Done.,yes\nA2,Hi Al. Done.,yes\n",
        "ids.csv",
    )
    other_messages = write(
        tmp_path,
        "reply,customer_message,greeting\nHi Al. Done.,Fix it,yes\nHi Al. Done.,Fix this,yes\n",
        "messages.csv",
    )
    assert len(read_gold_files([with_ids, other_messages])) == 4
    assert gold_notes([with_ids, other_messages]) == []


def test_a_row_whose_id_cell_is_empty_is_compared_too(tmp_path: Path) -> None:
    path = write(tmp_path, "id,reply,greeting\nA1,Hi Al. Done.,yes\n,Hi Bo.,no\n,Hi Bo.,no\n")
    [note] = gold_notes([path])
    assert "1 row without an id repeats the reply of an earlier row (line 4 repeats line 3)" in note
