"""Killed runs lose nothing: the output stays valid up to the last complete row and
--resume completes it with every id exactly once, in order."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from replylint.batch.job import ScoreJob, run

REPLIES = [
    "Hi Dana, sorry about the delay. Your parcel arrives tomorrow. Thanks!",
    "Your RMA is approved. Let us know if you need anything.",
    "Hello! Please restart the app and try again.",
    "Thanks for waiting, we will refund you within 3 days.",
]


def make_input(path: Path, rows: int) -> list[str]:
    ids = [f"t{i:05d}" for i in range(rows)]
    path.write_text(
        "".join(json.dumps({"id": i, "reply": REPLIES[n % 4]}) + "\n" for n, i in enumerate(ids)),
        encoding="utf-8",
    )
    return ids


def output_ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_resume_cuts_torn_line_and_completes(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = make_input(source, 30)
    run(ScoreJob(input=source, output=out))
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:12]) + lines[12][:25], encoding="utf-8")  # killed mid-line
    run(ScoreJob(input=source, output=out, resume=True))
    assert output_ids(out) == ids


def test_resume_csv_output(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.csv"
    ids = make_input(source, 20)
    run(ScoreJob(input=source, output=out))
    text = out.read_text(encoding="utf-8")
    out.write_text(text[: text.index("t00009")], encoding="utf-8")
    run(ScoreJob(input=source, output=out, resume=True))
    import csv

    with open(out, encoding="utf-8", newline="") as handle:
        assert [r["id"] for r in csv.DictReader(handle)] == ids


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a script's `&` job starts


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_killed_cli_run_resumes_to_complete_output(tmp_path: Path, sig: signal.Signals) -> None:
    """SIGINT: sent to a run started with SIGINT ignored, which must stop it all the same.

    The signal goes once the first chunks are written (16 rows each, about 3 KB a row);
    1,000 rows leave seconds of scoring after it, even on a fast machine, and the
    resumed run scores all of them (3,000 made it the slowest test of the suite)."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = make_input(source, 1000)
    command = [sys.executable, "-m", "replylint", "score", str(source), "--out", str(out),
               "--jobs", "1", "--chunk-size", "16"]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=_ignore_sigint if sig == signal.SIGINT else None,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if out.exists() and out.stat().st_size > 20_000:
            break
        if process.poll() is not None:
            pytest.fail("the run finished before it could be interrupted")
        time.sleep(0.02)
    process.send_signal(sig)
    process.wait(timeout=60)
    if sig == signal.SIGTERM:
        assert process.returncode == 143
        assert "--resume" in process.stderr.read().decode()  # type: ignore[union-attr]
    if sig == signal.SIGINT:
        assert process.returncode == 130
    partial = output_ids(out) if out.read_bytes().endswith(b"\n") else None
    assert partial is None or (0 < len(partial) < len(ids) and partial == ids[: len(partial)])
    resumed = subprocess.run([*command, "--resume"], capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()[-1000:]
    assert output_ids(out) == ids


FRENCH = "Bonjour Marie, votre colis arrive demain. Merci de votre patience !"


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_resumed_summary_is_the_uninterrupted_runs(tmp_path: Path, suffix: str) -> None:
    """A CSV output had no language column: resumed, its rows in another language were
    read back as English, and the summary's mean, median and counts were wrong."""
    source = tmp_path / "in.jsonl"
    replies = [FRENCH if n % 3 == 0 else REPLIES[n % 4] for n in range(30)]
    source.write_text(
        "".join(json.dumps({"id": f"t{n:02d}", "reply": r}) + "\n" for n, r in enumerate(replies)),
        encoding="utf-8",
    )
    whole, resumed = tmp_path / f"whole{suffix}", tmp_path / f"resumed{suffix}"
    expected = run(ScoreJob(input=source, output=whole)).as_dict()
    assert expected["other_language"] == {"fr": 10}
    text = whole.read_text(encoding="utf-8")
    resumed.write_text(text[: text.index("t15")], encoding="utf-8")
    copy_record(whole, resumed)  # (without it, a note says what it could not verify)
    assert run(ScoreJob(input=source, output=resumed, resume=True)).as_dict() == expected
    assert resumed.read_text(encoding="utf-8") == text


def test_resuming_into_a_csv_written_without_the_language_column_is_refused(
    tmp_path: Path,
) -> None:
    from replylint.batch.writers import FLAT_COLUMNS, OutputError

    source, out = tmp_path / "in.jsonl", tmp_path / "out.csv"
    make_input(source, 5)
    out.write_text(",".join(c for c in FLAT_COLUMNS if c != "language") + "\n", "utf-8")
    with pytest.raises(OutputError, match="older replylint, without the language column"):
        run(ScoreJob(input=source, output=out, resume=True))


PACK = """schema: replylint.pack/1
name: team
rules:
  - id: team.guarantee
    check: promises
    kind: existence
    severity: warning
    standard: Manage expectations
    rationale: A guarantee is a promise support cannot keep.
    message: Do not guarantee what support cannot control.
    phrases: [{phrase}]
    examples:
      fire: [{{reply: "We guarantee it ships today."}}]
      pass: [{{reply: "It should ship today."}}]
"""


def test_resume_refuses_a_pack_edited_since(tmp_path: Path) -> None:
    """The record kept the pack's path, not its content: a team pack edited between a
    run and its --resume scored the rest of the rows with other rules, without a word."""
    from replylint.batch.writers import OutputError
    from replylint.config import LinterConfig

    source, out, pack = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "team.yaml"
    ids = make_input(source, 12)
    pack.write_text(PACK.format(phrase="we guarantee"), encoding="utf-8")
    config = LinterConfig(packs=[pack])
    run(ScoreJob(input=source, output=out, config=config))
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:5]), encoding="utf-8")  # killed after 5 rows
    pack.write_text(PACK.format(phrase="guarantee"), encoding="utf-8")
    with pytest.raises(OutputError, match=r"other rules \(the rule pack .*team\.yaml changed"):
        run(ScoreJob(input=source, output=out, config=config, resume=True))
    pack.write_text(PACK.format(phrase="we guarantee"), encoding="utf-8")  # as it was
    run(ScoreJob(input=source, output=out, config=config, resume=True))
    assert output_ids(out) == ids


def test_resume_refuses_a_model_retrained_since(tmp_path: Path) -> None:
    """The record kept the model's folder, not what is in it: a model trained again into
    the same folder (`train --out DIR --force`) between a run and its --resume judged the
    rest of the rows by another model, without a word."""
    import shutil

    from replylint.batch.writers import OutputError
    from replylint.config import LinterConfig
    from replylint.model.checks_model import bundled_model_dir

    source, out, model = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "ours"
    shutil.copytree(bundled_model_dir(), model)
    ids = make_input(source, 12)
    config = LinterConfig(model=str(model))
    run(ScoreJob(input=source, output=out, config=config))
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:5]), encoding="utf-8")  # killed after 5 rows
    card_file = model / "model.json"
    card = card_file.read_text(encoding="utf-8")
    retrained = json.loads(card)
    retrained["checks"]["next_step"]["threshold"] = 0.99  # trained again: other choices
    card_file.write_text(json.dumps(retrained), encoding="utf-8")
    with pytest.raises(OutputError, match=r"other rules \(the checks model .*ours changed since"):
        run(ScoreJob(input=source, output=out, config=config, resume=True))
    card_file.write_text(card, encoding="utf-8")  # as it was
    run(ScoreJob(input=source, output=out, config=config, resume=True))
    assert output_ids(out) == ids


def copy_record(source: Path, copy: Path) -> None:
    """Put the run record of results ``source`` beside their ``copy``, as a copy of the
    results should be made."""
    from replylint.batch.run_record import record_path

    record_path(copy).write_bytes(record_path(source).read_bytes())


def _as_a_kill_leaves_it(record: Path) -> None:
    """The run record as ``kill -9`` leaves it: the one written before the first row
    (unfinished, vouching for nothing), never the one a finished or stopped run writes."""
    saved = json.loads(record.read_text(encoding="utf-8"))
    saved.pop("written", None)
    record.write_text(json.dumps({**saved, "finished": False, "notes": []}), encoding="utf-8")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_run_killed_mid_row_resumes_to_the_uninterrupted_output(
    tmp_path: Path, suffix: str
) -> None:
    """SIGKILL mid-write leaves the last row torn: cut anywhere in it (in a cell, right
    before its line break, between the CSV's CR and LF), it is never read as a result,
    and ``--resume`` writes the file the uninterrupted run writes, byte for byte: no row
    lost, none twice. Simulated on a finished run's output, with the record a kill
    leaves."""
    from replylint.batch.run_record import record_path

    source, whole = tmp_path / "in.jsonl", tmp_path / f"whole{suffix}"
    make_input(source, 8)
    run(ScoreJob(input=source, output=whole))
    full = whole.read_bytes()
    last = full.rindex(b"\n", 0, len(full) - 1) + 1  # where the last row starts
    for cut in (last + 1, last + (len(full) - last) // 2, len(full) - 2, len(full) - 1):
        out = tmp_path / f"cut{cut}{suffix}"
        out.write_bytes(full[:cut])
        record_path(out).write_bytes(record_path(whole).read_bytes())
        _as_a_kill_leaves_it(record_path(out))
        run(ScoreJob(input=source, output=out, resume=True))
        assert out.read_bytes() == full, cut
