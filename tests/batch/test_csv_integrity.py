"""CSV input is read by strict rules: a row that cannot be parsed cleanly is an `error`
row naming its line, never merged into its neighbours; the separator is detected (or
given with --delimiter); an empty file is a clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.batch.columns import ColumnMap
from replylint.batch.job import ScoreJob, run
from replylint.batch.readers import column_names, csv_delimiter, read_rows
from replylint.cli import main


def rows_of(path: Path, delimiter: str | None = None) -> list[tuple[str, str | None, str | None]]:
    """(id, text, problem) of every row, as `replylint score` reads them."""
    found = csv_delimiter(path, delimiter)
    columns = ColumnMap.resolve(column_names(path, "csv", found))
    return [(r.id, r.text, r.problem) for r in read_rows(path, "csv", columns, found)]


def write(tmp_path: Path, content: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    return path


def test_an_unbalanced_quote_is_an_error_row_and_the_rows_after_it_are_kept(
    tmp_path: Path,
) -> None:
    source = write(
        tmp_path, 'id,reply\nr1,"Hi Sam, thanks\nr2,Hello there\nr3,Thanks for waiting\n'
    )
    out = tmp_path / "scores.jsonl"
    summary = run(ScoreJob(input=source, output=out))
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert summary.rows == 3 and [r["id"] for r in results] == ["r1", "r2", "r3"]
    assert results[0]["error"].startswith("line 2: a quoted field opens here and is never closed")
    assert [r["text"] for r in results[1:]] == ["Hello there", "Thanks for waiting"]


def test_text_after_a_closing_quote_is_an_error_row_naming_its_line(tmp_path: Path) -> None:
    source = write(
        tmp_path, 'id,reply,agent\nr1,"Hi,sam\nr2,Hello,kim\nr3,"Bye" now,lee\nr4,Bye,x\n'
    )
    rows = rows_of(source)
    assert [row[0] for row in rows] == ["r1", "r2", "r3", "r4"]  # each the cell before the quote
    assert rows[0][2] is not None and rows[0][2].startswith("line 2: text follows the quote")
    assert rows[2][2] is not None and rows[2][2].startswith("line 4: ")
    assert rows[1] == ("r2", "Hello", None) and rows[3] == ("r4", "Bye", None)


def test_rows_with_another_field_count_than_the_header_are_error_rows(tmp_path: Path) -> None:
    source = write(tmp_path, "id,reply,agent\nr1,Hi\nr2,Hello,kim\nr3,Hi, Sam,lee\n")
    assert rows_of(source) == [
        ("r1", None, "line 2: 2 fields where the header has 3 (a missing field?)"),
        ("r2", "Hello", None),
        ("r3", None, "line 4: 4 fields where the header has 3 "
                    "(a delimiter inside an unquoted value?)"),
    ]  # fmt: skip


def test_a_quote_closed_in_another_column_is_reported_with_its_line_span(tmp_path: Path) -> None:
    """The quote opens in the reply column and a stray one closes it in the agent column
    two lines down: the merged record has too many fields."""
    source = write(tmp_path, 'id,reply,agent\nr1,"Hi,sam\nr2,Hello,kim\nr3,Bye,lee",x,y\n')
    rows = rows_of(source)
    assert rows[0][2] == "lines 2-4 (one quoted field): 4 fields where the header has 3 " \
        "(an unbalanced quote?)"  # fmt: skip
    assert rows[1] == ("r2", "Hello", None)


def test_quoted_fields_with_delimiters_quotes_and_line_breaks_stay_whole(tmp_path: Path) -> None:
    reply = 'Hi Sam,\r\n\r\nsorry; we said "soon", I know.\nBest, Kim'
    quoted = '"' + reply.replace('"', '""') + '"'
    source = write(tmp_path, f"id,reply,agent\r\nr1,{quoted},kim\r\nr2,Hello,lee\r\n\r\n")
    assert rows_of(source) == [("r1", reply, None), ("r2", "Hello", None)]


SEPARATED = {
    "comma": ("id,agent,reply\n", 'r1,sam,"Hi Dana; sorry, late"\nr2,kim,Hello; there\n'),
    "semicolon": ("id;agent;reply\n", 'r1;sam;Hallo Anna, danke\nr2;kim;"Guten Tag; bitte"\n'),
    "tab": ("id\tagent\treply\n", "r1\tsam\tHi Dana, sorry; late\nr2\tkim\tHello, there\n"),
    "pipe": ("id|agent|reply\n", "r1|sam|Hi Dana, sorry; late\nr2|kim|Hello, there\n"),
    "comma, multi-line": (
        "id,agent,reply\n",
        'r1,sam,"Hi Dana;\n\nsorry; late;\nBest; Sam"\nr2,kim,"Hello;\nthere, ok"\n',
    ),
}


@pytest.mark.parametrize("name", list(SEPARATED))
def test_the_separator_is_detected(tmp_path: Path, name: str) -> None:
    header, body = SEPARATED[name]
    rows = rows_of(write(tmp_path, header + body))
    assert [row[0] for row in rows] == ["r1", "r2"] and all(row[2] is None for row in rows)
    assert all("," in str(row[1]) or ";" in str(row[1]) for row in rows)


def test_a_semicolon_export_whose_replies_hold_commas_and_line_breaks(tmp_path: Path) -> None:
    """European Excel: ';' between fields, ',' in the text, quoted multi-line replies."""
    lines = [f'r{i};"Hallo Anna,\n\nvielen Dank, {i}";agent{i % 3}' for i in range(200)]
    source = write(tmp_path, "id;reply;agent\n" + "\n".join(lines) + "\n")
    rows = rows_of(source)
    assert len(rows) == 200 and all(problem is None for _, _, problem in rows)
    assert rows[7] == ("r7", "Hallo Anna,\n\nvielen Dank, 7", None)


def test_one_column_files_fall_back_to_a_comma(tmp_path: Path) -> None:
    source = write(tmp_path, "reply\nHi there; thanks\n")
    assert csv_delimiter(source) == ","
    assert rows_of(source) == [("1", "Hi there; thanks", None)]


def test_delimiter_option_overrides_detection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "id,reply\nr1,Hello there\n")
    out = tmp_path / "o.jsonl"
    assert main(["score", str(source), "--out", str(out), "--jobs", "1", "--delimiter", ";"]) == 2
    assert "The input has: id,reply" in capsys.readouterr().err  # one column: ';' was used
    tsv_in_csv = write(tmp_path, "id\treply\nr1\tHi, Sam\n", name="tabs.csv")
    assert rows_of(tsv_in_csv, "tab") == [("r1", "Hi, Sam", None)]
    code = main(["score", str(source), "--out", str(out), "--delimiter", "ab"])
    assert code == 2 and "--delimiter must be one character" in capsys.readouterr().err


def test_an_empty_input_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "")
    assert main(["score", str(source), "--out", str(tmp_path / "o.jsonl"), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "is empty (0 bytes)" in err and len(err.strip().splitlines()) == 1


def test_a_header_without_rows_prints_no_mean_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "id,reply\n")
    assert main(["score", str(source), "--out", str(tmp_path / "o.jsonl"), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("rows 0, scored 0, errors 0") and "mean score" not in out
