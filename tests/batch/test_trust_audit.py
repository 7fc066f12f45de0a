"""Silent failures a QA team met (or would have) with real exports, each now either read
right or refused in one line: UTF-16 from Excel, headers spelled another way, a column
named twice, JSON exports that leave out empty fields, a full disk, a summary file
that cannot be written, resuming with other options, a report of a cut-off file or of
a newer replylint's results."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from replylint.batch.columns import ColumnError, ColumnMap
from replylint.batch.job import ScoreJob, run
from replylint.batch.readers import column_names, csv_delimiter, read_rows
from replylint.batch.writers import OutputError
from replylint.cli import main
from replylint.config import RULES_ONLY, LinterConfig

FAST = LinterConfig(model=RULES_ONLY)


def rows_of(path: Path, fmt: str = "csv") -> list[tuple[str, str | None, str | None, str | None]]:
    """(id, text, channel, agent) of every row, as `replylint score` reads them."""
    delimiter = csv_delimiter(path) if fmt == "csv" else ","
    columns = ColumnMap.resolve(column_names(path, fmt, delimiter))  # type: ignore[arg-type]
    rows = read_rows(path, fmt, columns, delimiter)  # type: ignore[arg-type]
    return [(r.id, r.text, r.channel, r.agent) for r in rows]


def test_excel_unicode_text_utf16_is_read_like_utf8(tmp_path: Path) -> None:
    content = 'id\treply\r\nk1\t"Hi Zoë, your refund is on its way."\r\nk2\tThanks!\r\n'
    utf16 = tmp_path / "unicode.csv"
    utf16.write_bytes(content.encode("utf-16"))  # with its byte-order mark, as Excel saves
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes(content.encode("utf-8"))
    assert rows_of(utf16) == rows_of(utf8)
    assert rows_of(utf16)[0] == ("k1", "Hi Zoë, your refund is on its way.", None, None)


def test_bad_bytes_in_utf16_and_a_header_of_nul_bytes_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes(codecs.BOM_UTF16_LE + "id,reply\n1,h".encode("utf-16-le") + b"\x00\xd8")
    no_bom = tmp_path / "nobom.csv"
    no_bom.write_bytes("id,reply\n1,Hello\n".encode("utf-16-le"))
    for path, says in ((broken, "not valid UTF-16"), (no_bom, "holds NUL bytes")):
        assert main(["score", str(path), "--out", str(tmp_path / "o.jsonl"), "--force"]) == 2
        err = capsys.readouterr().err
        assert says in err and len(err.strip().splitlines()) == 1


def test_columns_are_found_whatever_their_case_spaces_or_separators(tmp_path: Path) -> None:
    """Before, `Ticket ID`, ` Via ` and `Assignee ` were not the id, channel and agent
    columns: ids silently became row numbers and every row an email."""
    export = tmp_path / "zendesk.csv"
    export.write_text(
        'Ticket ID, Via ,Assignee ,Reply\n7001,Chat,Kim,"Hi Sam, all fixed."\n', encoding="utf-8"
    )
    assert rows_of(export) == [("7001", "Hi Sam, all fixed.", "Chat", "Kim")]
    explicit = ColumnMap.resolve(["Ticket ID", "Comment"], text="comment", id="ticket_id")
    assert (explicit.text, explicit.id) == ("Comment", "Ticket ID")


def test_a_column_named_twice_is_refused_when_it_is_used() -> None:
    """A dict keeps the last of two equal names: the other column was dropped unseen."""
    with pytest.raises(ColumnError, match="names the column 'reply' 2 times"):
        ColumnMap.resolve(["id", "reply", "reply"])
    with pytest.raises(ColumnError, match="'Body' and 'BODY ' could both be 'body'"):
        ColumnMap.resolve(["id", "Body", "BODY "])
    assert ColumnMap.resolve(["reply", "note", "note"]).text == "reply"  # unused: no harm
    # a guessed name spelled exactly beside another spelling: one would be dropped unseen
    # (a JSONL export whose lines spell the key two ways gave those rows "empty reply")
    with pytest.raises(ColumnError, match="'Reply' and 'reply' could both be 'reply'"):
        ColumnMap.resolve(["Reply", "reply"])
    assert ColumnMap.resolve(["Reply", "reply"], text="reply").text == "reply"  # as named


def test_a_space_after_the_separator_does_not_break_a_quoted_field(tmp_path: Path) -> None:
    export = tmp_path / "spaced.csv"
    export.write_text('id, reply\nr1, "Hi Sam, thanks"\nr2, "Bye"\n', encoding="utf-8")
    assert [row[:2] for row in rows_of(export)] == [("r1", "Hi Sam, thanks"), ("r2", "Bye")]


def test_jsonl_columns_that_only_later_lines_have_are_used(tmp_path: Path) -> None:
    """JSON exports drop empty fields; the first line alone used to decide the columns,
    so a channel or agent first seen on line 2 was silently ignored on every row."""
    export = tmp_path / "export.jsonl"
    lines = [[1, 2], {"id": "a", "reply": "Hi Sam"}, {"id": "b", "reply": "Hey", "channel": "chat",
             "agent": "kim"}]  # fmt: skip
    export.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert rows_of(export, "jsonl") == [
        ("row 1", None, None, None), ("a", "Hi Sam", None, None), ("b", "Hey", "chat", "kim")
    ]  # fmt: skip


def test_a_bad_jsonl_line_is_reported_at_its_line_of_the_file(tmp_path: Path) -> None:
    """Row numbers skip blank lines; the error must name the line to open in an editor."""
    export = tmp_path / "export.jsonl"
    export.write_text(
        '{"id": "a", "reply": "Hi Sam"}\n\n\n{"reply": "Hello",\n[1, 2]\n{"reply": "Hey"}\n',
        encoding="utf-8",
    )
    columns = ColumnMap.resolve(column_names(export, "jsonl"))
    rows = list(read_rows(export, "jsonl", columns))
    assert [r.id for r in rows] == ["a", "row 2", "row 3", "row 4"]  # row numbers
    assert [r.problem for r in rows] == [
        None,
        "line 4: invalid JSON: Expecting property name enclosed in double quotes at the end "
        "of the line (is it cut short, or a record broken across lines?)",
        "line 5 is not a JSON object",
        None,
    ]


def test_a_file_with_no_json_object_per_line_is_refused(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    array = '[{"id": "a", "reply": "Hi"},\n {"id": "b",\n  "reply": "Yo"}]\n'
    export.write_text(array, encoding="utf-8")
    with pytest.raises(ValueError, match="holds no JSON object on a line of its own"):
        column_names(export, "jsonl")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_full_disk_is_a_one_line_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    export = tmp_path / "in.csv"
    export.write_text("id,reply\nr1,Hello Sam\n", encoding="utf-8")
    command = ["score", str(export), "--out", "/dev/full", "--output-format", fmt, "--jobs", "1"]
    assert main([*command, "--model", "none"]) == 2
    err = capsys.readouterr().err
    assert "cannot write /dev/full: No space left on device" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_full_disk_under_parquet_output_gives_advice_that_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Parquet OUTPUT cut short by a full disk said "make room and score again", and
    scoring again was then refused: the broken file "already exists; pass --force"."""
    import pyarrow.parquet as pq

    export = tmp_path / "in.csv"
    export.write_text("id,reply\nr1,Hello Sam\n", encoding="utf-8")
    out = tmp_path / "out.parquet"

    def full(self: object, table: object, *args: object, **kwargs: object) -> None:
        out.write_bytes(b"PAR1 cut")  # what a full disk leaves: no footer
        raise OSError(28, "No space left on device")

    command = ["score", str(export), "--out", str(out), "--jobs", "1", "--model", "none"]
    with monkeypatch.context() as patched:
        patched.setattr(pq.ParquetWriter, "write_table", full)
        assert main(command) == 2
    err = capsys.readouterr().err
    assert (
        "No space left on device; it is incomplete; make room and score again with --force" in err
    )
    assert main([*command, "--force"]) == 0  # the advice, followed, works
    assert pq.read_table(out).column("id").to_pylist() == ["r1"]


def test_summary_json_into_a_missing_folder_is_refused_before_scoring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "in.csv"
    export.write_text("id,reply\nr1,Hello Sam\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = str(tmp_path / "missing" / "summary.json")
    assert main(["score", str(export), "--out", str(out), "--summary-json", summary]) == 2
    assert "the folder" in capsys.readouterr().err and not out.exists()


def test_resume_refuses_other_options_and_names_them(tmp_path: Path) -> None:
    """Ids match, so before this the second run's rows were appended to the first's:
    one file judged by two sets of rules."""
    export = tmp_path / "in.jsonl"
    replies = ["Hi Sam, thanks for waiting.", "Hello! Your refund is on its way.", "Bye"]
    export.write_text(
        "".join(json.dumps({"id": f"r{n}", "reply": r}) + "\n" for n, r in enumerate(replies)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    run(ScoreJob(input=export, output=out, config=FAST))
    assert out.with_name(out.name + ".replylint-run.json").is_file()  # what it was made with
    out.write_bytes(b"".join(out.read_bytes().splitlines(keepends=True)[:1]))  # killed
    before = out.read_bytes()
    others = {
        # the setting that changed, by its key, not only the group of flags
        r"other rules or settings \(.*\) \(ignore: \[\] then, \['greeting'\] now\)": {
            "config": FAST.model_copy(update={"ignore": ["greeting"]})
        },
        "another --channel": {"config": FAST, "channel": "chat"},
        "a different --no-text setting": {"config": FAST, "keep_text": False},
    }
    for says, options in others.items():
        with pytest.raises(OutputError, match=f"it was scored with {says}"):
            run(ScoreJob(input=export, output=out, resume=True, **options))  # type: ignore[arg-type]
        assert out.read_bytes() == before
    summary = run(ScoreJob(input=export, output=out, resume=True, config=FAST, jobs=2))
    assert summary.rows == 3 and out.read_bytes().count(b"\n") == 3


def test_report_names_a_cut_off_or_foreign_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    error_row = json.dumps({"id": "r1", "agent": None, "error": "empty reply"}) + "\n"
    cases = {
        "line 2 is cut off": error_row + '{"id": "r2", "agent": null, "sch',
        "line 2 is not a result": error_row + '{"id": "r2", "score": "high", "checks": {}, '
        '"findings": []}\n',
        # `check --format jsonl` looks alike: say which output report reads
        "line 1 is a report of `replylint check`, which names its file; `report` reads the "
        "results of `replylint score`": '{"path": "a.txt", "score": 80, "checks": {}, '
        '"findings": []}\n',
    }  # fmt: skip
    for says, content in cases.items():
        scores = tmp_path / "scores.jsonl"
        scores.write_text(content, encoding="utf-8")
        assert main(["report", str(scores), "--html", str(tmp_path / "r.html")]) == 2
        err = capsys.readouterr().err
        assert says in err and len(err.strip().splitlines()) == 1


def test_report_refuses_results_of_a_newer_major_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A later major schema may mean other things by the same fields: refused, with the
    versions and the fix; an older or a later minor one (fields added) is read."""

    def scored(version: str) -> str:
        return json.dumps({"id": "r1", "agent": "kim", "schema_version": version, "score": 80,
                           "checks": {}, "findings": []}) + "\n"  # fmt: skip

    scores, html = tmp_path / "scores.jsonl", tmp_path / "r.html"
    scores.write_text(scored("2.0") + scored("3.0"), encoding="utf-8")
    assert main(["report", str(scores), "--html", str(html)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert f"scores {scores}: line 2 has report schema 3.0, from a newer replylint" in err
    assert "reads schema 2.x and older): upgrade replylint to read it" in err
    for version in ("1.0", "1.9", "2.9"):
        scores.write_text(scored(version), encoding="utf-8")
        assert main(["report", str(scores), "--html", str(html), "--force"]) == 0
