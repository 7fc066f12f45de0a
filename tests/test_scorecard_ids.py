"""A scorecard's ids under a name of its own ("Ticket #", "Case Number").

`score` names such a column in a note and reads it with --id-col; `eval` and `train`
named each row by its file and line without a word of why (the column was only listed
among those not read, beside the hint that a check's column is named after the check),
and had no option to read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.evaluation import gold_notes, read_gold_files

CARD = (
    "Ticket #,Reply,Greeting\n"
    '48213,"Hi Noor, the courier collects it on Friday. Thanks, Ines",yes\n'
    '48214,"Your parcel was re-sent.",no\n'
    '48215,"Your parcel was re-sent.",yes\n'  # (labelled wrong: eval lists it by id)
)


def card(tmp_path: Path, text: str = CARD) -> Path:
    path = tmp_path / "card.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_column_that_looks_like_the_id_is_named_with_the_option(tmp_path: Path) -> None:
    path = card(tmp_path)
    assert [r.id for r in read_gold_files([path])] == ["card.csv:2", "card.csv:3", "card.csv:4"]
    [id_note, *_] = gold_notes([path])
    assert id_note == (
        f"{path}: no id column (id, reply_id, message_id, ticket_id, comment_id): each row is "
        f"named by its file and line ({path}:2, ...); 'Ticket #' could be it: pass --id-col "
        "'Ticket #'"
    )


def test_the_id_lookalike_is_named_once_not_also_among_the_columns_not_read(
    tmp_path: Path,
) -> None:
    """The note on the columns not read listed "Ticket #" beside the note that says to
    read it with --id-col, as if it were a column to drop."""
    path = card(
        tmp_path,
        "Ticket #,Reply,Greeting,Agent\n"
        '48213,"Hi Noor, the courier collects it on Friday. Thanks, Ines",yes,Ines\n'
        '48214,"Your parcel was re-sent.",no,Ines\n',
    )
    notes = gold_notes([path])
    assert sum("'Ticket #'" in note or "Ticket #," in note for note in notes) == 1
    [unread] = [note for note in notes if "columns not read" in note]
    assert unread.startswith(f"{path}: columns not read: Agent (")


def test_id_col_reads_the_column(tmp_path: Path) -> None:
    """Read by its key too (``ticket #``), as `score` finds a named column; rows with an
    id of their own are no repeats of each other."""
    path = card(tmp_path)
    records = read_gold_files([path], id_col="ticket #")
    assert [r.id for r in records] == ["48213", "48214", "48215"]
    assert gold_notes([path], id_col="ticket #") == []


def test_eval_and_train_take_the_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = card(tmp_path)
    argv = ["eval", str(path), "--isolated", "--model", "none", "--format", "json"]
    assert main([*argv, "--errors", "greeting", "--id-col", "Ticket #"]) == 0
    out, err = capsys.readouterr()
    assert "could be it" not in err
    assert [e["id"] for e in json.loads(out)["errors"]] == ["48215"]
    assert main([*argv]) == 0
    assert "'Ticket #' could be it: pass --id-col 'Ticket #'" in capsys.readouterr().err
    out_dir = tmp_path / "model"
    assert main(["train", str(path), "--out", str(out_dir), "--id-col", "Ticket"]) == 2
    assert capsys.readouterr().err == (
        f"replylint: error: gold file {path}: no column 'Ticket' for --id-col; the columns "
        "are: 'Ticket #', 'Reply', 'Greeting'\n"
    )


def test_id_col_of_the_replies_or_of_json_lines_is_an_error(tmp_path: Path) -> None:
    from replylint.evaluation import GoldError

    path = card(tmp_path)
    with pytest.raises(GoldError, match="--id-col 'Reply' names the column of replies"):
        read_gold_files([path], id_col="Reply")
    lines = tmp_path / "gold.jsonl"
    lines.write_text('{"id": "T-1", "reply": "Hi.", "labels": {"greeting": true}}\n')
    with pytest.raises(GoldError, match="no gold file is one"):
        read_gold_files([lines], id_col="Ticket #")


def test_no_note_when_the_id_column_has_a_usual_name_or_nothing_looks_like_one(
    tmp_path: Path,
) -> None:
    with_id = card(tmp_path, CARD.replace("Ticket #", "Ticket ID"))
    assert [r.id for r in read_gold_files([with_id])] == ["48213", "48214", "48215"]
    assert not [n for n in gold_notes([with_id]) if "could be it" in n]
    plain = card(tmp_path, "Reply,Greeting\nHi Noor. Done.,yes\n")
    assert gold_notes([plain]) == []


def test_an_id_less_row_is_named_alike_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows were named by the path as typed, so one file trained another model (its
    folds and fingerprint drawn by id) given as "cards/card.csv", "./card.csv" or its
    absolute path: a CI job at the repository's root and an analyst in the folder
    disagreed."""
    (tmp_path / "cards").mkdir()
    path = card(tmp_path / "cards")
    monkeypatch.chdir(tmp_path)
    typed = [Path("cards/card.csv"), path, Path("cards") / ".." / "cards" / "card.csv"]
    named = [[r.id for r in read_gold_files([p])] for p in typed]
    assert named == [["card.csv:2", "card.csv:3", "card.csv:4"]] * 3
