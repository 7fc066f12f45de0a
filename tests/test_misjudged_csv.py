"""`replylint eval --errors CHECK --format csv`: the misjudged records as a sheet a QA
team reviews where its scorecards live: one row per record, verdicts as present/missing,
terms as a scorecard writes them, the texts whole, and nothing a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.misjudged_csv import COLUMNS

SCORECARD = (
    "id,source,customer message,reply,greeting,jargon\n"
    # greeting labelled present, but the reply has none: misjudged
    'a1,billing,"=HYPERLINK(""http://x.example"") my bill is wrong",'
    '"- Your corrected bill is attached, with the credit applied.",yes,\n'
    # right on greeting; jargon: "shard" missed, "L2" found where "L2 pod" was labelled
    'a2,app,,"Hi Ola, your ticket is with the L2 pod now; please purge the shard.",yes,'
    "L2 pod; shard\n"
    # right on both
    "a3,,,Hello Kim. Your parcel left today.,yes,\n"
)


@pytest.fixture()
def scorecard(tmp_path: Path) -> Path:
    path = tmp_path / "card.csv"
    path.write_text(SCORECARD, encoding="utf-8")
    return path


def sheet(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    assert main(["eval", *args, "--format", "csv", "--isolated"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


def test_a_row_per_misjudged_record_with_the_texts_whole(
    scorecard: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [row] = sheet(capsys, str(scorecard), "--errors", "greeting")
    assert (row["id"], row["source"], row["channel"], row["check"]) == (
        "a1", "billing", "email", "greeting",
    )  # fmt: skip
    assert (row["gold"], row["predicted"]) == ("present", "missing")
    # what a customer wrote cannot become a formula in the reviewer's spreadsheet
    assert row["customer_message"] == '\'=HYPERLINK("http://x.example") my bill is wrong'
    assert row["reply"] == "'- Your corrected bill is attached, with the credit applied."


def test_a_record_without_a_source_has_an_empty_source_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cell held "(none)", --by's name for the group, which reads as a team's."""
    path = tmp_path / "card.csv"
    path.write_text("id,source,reply,greeting\nb1,,Your parcel left today.,yes\n")
    [row] = sheet(capsys, str(path), "--errors", "greeting")
    assert (row["id"], row["source"]) == ("b1", "")


def test_the_sheet_is_utf8_whatever_the_encoding_of_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Redirected on Windows, stdout is the ANSI code page: "€" was written as cp1252
    (garbled in a sheet read as UTF-8, as documented) and an emoji was an internal error."""
    path = tmp_path / "card.csv"
    reply = "Your refund of 5 € is on its way 🙂"
    path.write_text(f"id,reply,greeting\nc1,{reply},yes\n", encoding="utf-8")
    written = io.BytesIO()
    stdout = io.TextIOWrapper(written, encoding="cp1252", newline="")
    monkeypatch.setattr("sys.stdout", stdout)
    assert main(["eval", str(path), "--errors", "greeting", "--format", "csv", "--isolated"]) == 0
    stdout.flush()
    rows = list(csv.reader(io.StringIO(written.getvalue().decode("utf-8"))))
    assert tuple(rows[0]) == COLUMNS and rows[1][COLUMNS.index("reply")] == reply
    assert not stdout.closed  # (the UTF-8 writer let go of stdout's buffer)


def test_a_check_no_record_is_scored_on_is_said_not_left_an_empty_sheet(
    scorecard: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sheet with a header alone read as "nothing misjudged": the text output says the
    check is not scored, the sheet said nothing."""
    rows = sheet(capsys, str(scorecard), "--errors", "empathy,greeting")
    assert [r["check"] for r in rows] == ["greeting"]
    assert main(["eval", str(scorecard), "--errors", "empathy", "--format", "csv"]) == 0
    assert capsys.readouterr().err == (
        "replylint eval: note: empathy is not scored on these records (none labels it, or "
        "the configuration turns it off): no rows\n"
    )


def test_terms_are_listed_as_a_scorecard_writes_them(
    scorecard: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = sheet(capsys, str(scorecard), "--errors", "jargon")
    assert [r["id"] for r in rows] == ["a2"]
    assert rows[0]["gold"] == "L2 pod; shard"
    assert rows[0]["predicted"] == "L2"


def test_the_sheet_lists_what_the_text_output_lists(
    scorecard: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = sheet(capsys, str(scorecard), "--errors", "greeting")
    assert main(["eval", str(scorecard), "--errors", "greeting", "--isolated"]) == 0
    noun = "record" if len(rows) == 1 else "records"
    assert f"\n{len(rows)} {noun} misjudged on greeting:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ((), "--format csv writes the misjudged records of the checks asked, a row each; add"),
        (("--errors", "greeting", "--by", "source"), "--by and --intervals need --format text"),
    ],
)
def test_csv_without_errors_or_with_figures_is_a_usage_error(
    scorecard: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], message: str
) -> None:
    assert main(["eval", str(scorecard), "--format", "csv", *flags]) == 2
    assert message in capsys.readouterr().err
