"""``--resume`` into results copied without their run record (``*.replylint-run.json``).
The record is what vouches for the rows already written: the options they were scored
with and the input cells their verdicts read (channel, customer name, template flag;
the replies where the results keep no text). Without it a re-export whose channel
cells changed, a results file edited by hand, or one scored with other options was
completed without a word, and its summary counted every row as verified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import LinterConfig
from replylint.batch.job import ScoreJob, run
from replylint.batch.run_record import record_path
from replylint.batch.writers import OutputError
from replylint.cli import main

RULES = LinterConfig(model="none")
ROWS = [
    (
        "w1",
        "email",
        "Hi Ravi, sorry the blender arrived cracked. A new one ships today. Thanks, Oz",
    ),
    ("w2", "chat", "Hello Ines, your voucher is applied. Anything else? Thanks!"),
    ("w3", "email", "Hi Bea, the courier collects the return on Monday. Thanks, Oz"),
    ("w4", "email", "Hi Cal, I've reset the router settings remotely. Thanks, Oz"),
]


def export(path: Path, first_channel: str = "email") -> Path:
    lines = ["id,channel,agent,reply"]
    for number, (row_id, channel, reply) in enumerate(ROWS):
        lines.append(f'{row_id},{first_channel if number == 0 else channel},oz,"{reply}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def copied_without_record_and_edited(out: Path) -> None:
    """Two results kept, the first's score typed over, the record left behind."""
    lines = out.read_text("utf-8").splitlines(keepends=True)
    if out.suffix == ".csv":
        header, first, second, *_ = lines
        cells = first.split(",")
        cells[2] = "7"  # id, agent, score
        out.write_text(header + ",".join(cells) + second, encoding="utf-8")
    else:
        first = json.loads(lines[0])
        out.write_text(json.dumps({**first, "score": 7}) + "\n" + lines[1], encoding="utf-8")
    record_path(out).unlink()


def kept(out: Path, results: int) -> None:
    """``out`` as a run stopped after ``results`` results leaves it."""
    header = 1 if out.suffix == ".csv" else 0
    lines = out.read_text("utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[: header + results]), encoding="utf-8")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_resume_without_a_run_record_says_what_it_could_not_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    out = tmp_path / f"scores{suffix}"
    run(ScoreJob(input=export(tmp_path / "a.csv"), output=out, config=RULES))
    copied_without_record_and_edited(out)
    capsys.readouterr()
    changed = export(tmp_path / "b.csv", first_channel="chat")  # a re-export, say
    summary = run(ScoreJob(input=changed, output=out, resume=True, config=RULES))
    warned = capsys.readouterr().err
    assert f"warning: no run record beside {out.name}" in warned
    (note,) = [n for n in summary.notes if n.startswith("no run record")]
    for said in (
        "the first 2 results",
        "options",
        "channel, customer-name and template cells",
        "edited by hand",
        "--force",
    ):
        assert said in note and said in warned, said
    assert summary.rows == 4  # resumed all the same: nothing is thrown away
    # the record written now keeps saying it, for `report` and for a later --resume
    record = json.loads(record_path(out).read_text("utf-8"))
    assert record["unverified_rows"] == 2 and f"note: {note}" in record["notes"]
    if suffix == ".jsonl":  # (what `report` reads)
        page = tmp_path / "r.html"
        assert main(["report", str(out), "--html", str(page)]) == 0
        assert "the first 2 results" in page.read_text("utf-8")
    # stopped again after its third row and resumed with the new record: still said
    kept(out, 3)
    again = run(ScoreJob(input=changed, output=out, resume=True, config=RULES))
    assert [n for n in again.notes if n.startswith("no run record")] == [note]


def test_resume_with_its_run_record_has_no_such_note(tmp_path: Path) -> None:
    source, out = export(tmp_path / "a.csv"), tmp_path / "scores.csv"
    run(ScoreJob(input=source, output=out, config=RULES))
    kept(out, 2)
    summary = run(ScoreJob(input=source, output=out, resume=True, config=RULES))
    assert not [n for n in summary.notes if "run record" in n]
    assert "unverified_rows" not in json.loads(record_path(out).read_text("utf-8"))


def test_resume_names_a_byte_order_mark_before_a_csv_header(tmp_path: Path) -> None:
    """Results opened and saved again as "CSV UTF-8" (Excel) start with a byte order
    mark: --resume said "its header is not the one `replylint score` writes" and listed
    the very header the file has."""
    source, out = export(tmp_path / "a.csv"), tmp_path / "scores.csv"
    run(ScoreJob(input=source, output=out, config=RULES))
    kept(out, 2)
    saved_again = "\ufeff" + out.read_text("utf-8")
    out.write_text(saved_again, encoding="utf-8")
    with pytest.raises(OutputError) as refused:
        run(ScoreJob(input=source, output=out, resume=True, config=RULES))
    message = str(refused.value)
    assert "byte order mark" in message and "not the one" not in message
    assert "--force" in message and out.read_text("utf-8") == saved_again
