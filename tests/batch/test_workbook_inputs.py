"""A spreadsheet workbook given to ``score``, or as a scorecard to ``eval`` and ``train``,
is named for what it is, with what to do (save the sheet as CSV UTF-8), by its extension
and by its first bytes: an .xlsx was "cannot tell the format", and then, with
--input-format csv, "UTF-16 without a byte-order mark"; ``eval`` said "cannot read it as
UTF-8 text", though a QA team's scores most often live in a workbook."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from replylint.batch.readers import EXCEL_WORKBOOK, SCORE_IT, InputFormatError, guess_format
from replylint.batch.stdin import spooled
from replylint.cli import main

#: The first bytes of an OLE compound file: a legacy .xls.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def zipped(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/").replace("_dot_", "."), text)
    return buffer.getvalue()


#: What Excel writes, in short: a ZIP archive whose parts are under xl/.
XLSX = zipped(**{"[Content_Types]_dot_xml": "<Types/>", "xl__workbook_dot_xml": "<workbook/>"})
ODS = zipped(mimetype="application/vnd.oasis.opendocument.spreadsheet", content_dot_xml="<x/>")


def score(tmp_path: Path, name: str, content: bytes, *flags: str) -> tuple[int, str]:
    source = tmp_path / name
    source.write_bytes(content)
    code = main(["score", str(source), "--out", str(tmp_path / "out.jsonl"), *flags])
    return code, str(source)


@pytest.mark.parametrize(
    ("name", "content", "flags"),
    [
        ("export.xlsx", XLSX, ()),
        ("export.xls", OLE, ()),
        ("export.XLSX", XLSX, ()),
        ("export.xlsx", XLSX, ("--input-format", "csv")),
        ("export.csv", XLSX, ()),
        ("export.csv", OLE, ()),
        ("export.dat", OLE, ("--input-format", "csv")),
        ("export.jsonl", XLSX, ()),
        ("export.bin", b"PK\x03\x04 cut off in the upload", ("--input-format", "csv")),
    ],
    ids=["xlsx", "xls", "upper-case", "xlsx-as-csv", "renamed-xlsx", "renamed-xls",
         "ole-as-csv", "xlsx-as-jsonl", "truncated"],
)  # fmt: skip
def test_a_workbook_is_named_and_the_fix_given(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    flags: tuple[str, ...],
) -> None:
    code, source = score(tmp_path, name, content, *flags)
    assert code == 2
    err = capsys.readouterr().err
    assert err == f"replylint: error: {source}: {EXCEL_WORKBOOK.format(then=SCORE_IT)}\n"
    assert "save it as CSV UTF-8 (File > Save As) and score that" in err
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("command", ["eval", "train"])
@pytest.mark.parametrize(
    ("name", "content"),
    [("scores.xlsx", XLSX), ("scores.csv", XLSX), ("scores.jsonl", OLE), ("scores.ods", ODS)],
    ids=["xlsx", "renamed-to-csv", "xls-renamed-to-jsonl", "ods"],
)
def test_a_workbook_given_as_a_scorecard_is_named_and_the_fix_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str, content: bytes
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    out = ["--out", str(tmp_path / "model")] if command == "train" else []
    assert main([command, str(source), *out]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"replylint: error: gold file {source}: an ")
    assert "is not read; save it as CSV" in err
    assert err.rstrip().endswith("and give that file")
    assert "UTF-8 text" not in err
    assert not (tmp_path / "model").exists()


def test_an_opendocument_spreadsheet_and_another_zip_are_told_apart(tmp_path: Path) -> None:
    ods = tmp_path / "export.csv"
    ods.write_bytes(ODS)
    with pytest.raises(InputFormatError, match=r"an OpenDocument spreadsheet \(\.ods\)"):
        guess_format(ods)
    with pytest.raises(InputFormatError, match=r"an OpenDocument spreadsheet \(\.ods\)"):
        guess_format(tmp_path / "export.ods")  # by its name alone
    archive = tmp_path / "export.csv"
    archive.write_bytes(zipped(export_dot_csv="id,reply\n1,Hi\n"))
    with pytest.raises(InputFormatError, match="a ZIP archive is not read; unzip it"):
        guess_format(archive)


def test_a_workbook_piped_in_is_named_as_standard_input(tmp_path: Path) -> None:
    with (
        pytest.raises(InputFormatError, match=r"^standard input: an Excel workbook"),
        spooled("csv", tmp_path, io.BytesIO(XLSX)),
    ):
        pass
    assert list(tmp_path.iterdir()) == []  # the copy is removed


def test_text_is_still_read_whatever_its_name(tmp_path: Path) -> None:
    """The first bytes decide: a CSV export a tool named .xls is scored with
    --input-format csv."""
    source = tmp_path / "export.xls"
    source.write_text("id,reply\n1,Hi\n", encoding="utf-8")
    assert guess_format(source, "csv") == "csv"
