"""``replylint report`` on results whose run record keeps no notes says so.

The notes ``score`` printed under its summary (no agent column, a column under another
name, repeated ids) are not in the results: the run record keeps them for the page. A
record written before records kept them (or no record beside the results: copied
without it) gave a page with no notes and no word that there may have been some, so a QA
lead reading it took "no note" for "nothing to note".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from replylint.cli import main

#: Written for these tests: an export without an agent column (a note), two ids alike
#: (a warning).
EXPORT = (
    "ref,reply\n"
    'k1,"Hi Noor, the courier collects the parcel tomorrow. Thanks, Pat"\n'
    'k1,"Hi Ivo, your refund reaches your bank within 5 days. Thanks, Pat"\n'
)


@pytest.fixture()
def scored(tmp_path: Path) -> Path:
    source, out = tmp_path / "export.csv", tmp_path / "scores.jsonl"
    source.write_text(EXPORT, encoding="utf-8")
    args = ["--model", "none", "--isolated", "--jobs", "1", "--id-col", "ref"]
    assert main(["score", str(source), "--out", str(out), *args]) == 0
    return out


def record_of(out: Path) -> Path:
    return out.with_name(out.name + ".replylint-run.json")


def notes_on_page(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[str, str]:  # (the page's notes, stderr)
    page = out.with_name("report.html")
    capsys.readouterr()
    assert main(["report", str(out), "--html", str(page), "--force"]) == 0
    found = re.search(r'<section id="notes">(.*?)</section>', page.read_text("utf-8"), re.S)
    assert found is not None
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))), capsys.readouterr().err


def test_a_record_that_keeps_the_notes_shows_them_without_a_word_more(
    scored: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, err = notes_on_page(scored, capsys)
    assert "note: no agent column" in text and "ids used by more than one row" in text
    assert "not shown" not in text and err == ""


def test_a_record_from_before_notes_were_kept_says_they_may_be_missing(
    scored: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.loads(record_of(scored).read_text("utf-8"))
    del record["notes"]
    record["replylint"] = "0.0.9"  # (a version that kept no notes)
    record_of(scored).write_text(json.dumps(record), encoding="utf-8")
    text, err = notes_on_page(scored, capsys)
    said = (
        "note: the run record scores.jsonl.replylint-run.json was written by replylint "
        "0.0.9, which did not keep the notes `score` printed under its summary (a missing "
        "agent column, a column under another name, repeated ids): any there were are not "
        "shown here; score the input again to have them on the page"
    )
    assert said in " ".join(text.split())
    assert f"replylint: {said}" in " ".join(err.split())


def test_results_without_their_record_say_the_notes_may_be_missing(
    scored: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_of(scored).unlink()
    text, err = notes_on_page(scored, capsys)
    said = (
        "note: no run record beside scores.jsonl (scores.jsonl.replylint-run.json, which "
        "keeps the notes `score` printed under its summary: a missing agent column, a "
        "column under another name, repeated ids): any there were are not shown here; copy "
        "the record with the results, or score the input again"
    )
    assert said in " ".join(text.split())
    assert "note: no agent column" not in text
    assert f"replylint: {said}" in " ".join(err.split())


def test_an_unreadable_record_says_so(scored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record_of(scored).write_text("{cut short", encoding="utf-8")
    text, _ = notes_on_page(scored, capsys)
    assert "note: the run record scores.jsonl.replylint-run.json cannot be read" in text
    assert "any there were are not shown here" in " ".join(text.split())
