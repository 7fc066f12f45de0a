"""``--resume`` refuses an input whose cells that change a row's verdicts changed since
the run it completes: the customer's name, the channel, the template flag, and the reply
or customer message where the results do not keep the text (CSV output, ``--no-text``).
It compared only the ids, agents and (where kept) the texts of the rows already
written, so a re-export whose customer-name cells were filled in since, say, was resumed
without a word, and one file held rows judged on two readings of the same tickets."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from replylint.batch.job import ScoreJob, run
from replylint.batch.run_record import record_path
from replylint.batch.writers import OutputError
from replylint.cli import main

ROWS: list[dict[str, Any]] = [
    {"id": "k1", "agent": "ola", "channel": "email", "customer_name": "Greta",
     "macro": "no", "customer_message": "The app logs me out every hour.",
     "reply": "Hi Greta, I have extended your session. Thanks, Ola"},
    {"id": "k2", "agent": "ben", "channel": "chat", "customer_name": "Hamid",
     "macro": "no", "reply": "Hello Hamid, your seat upgrade is booked."},
    {"id": "k3", "agent": "ola", "channel": "email", "customer_name": "Ivo",
     "macro": "yes", "reply": "Hi {{ticket.requester.first_name}}, the order has shipped."},
    {"id": "k4", "agent": "ben", "channel": "email", "customer_name": "Jun",
     "macro": "no", "reply": "Hi Jun, the refund is on its way. Thanks!"},
]  # fmt: skip


def write(path: Path, rows: list[dict[str, Any]]) -> Path:
    """The rows, each with two columns no option names: ``requester`` and ``medium``."""
    rows = [{"requester": "Lund", "medium": "email", **row} for row in rows]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def job(source: Path, out: Path, **options: Any) -> ScoreJob:
    return ScoreJob(input=source, output=out, template_col="macro", **options)


def killed_after_two(out: Path) -> bytes:
    """What a run killed after two rows leaves (a CSV keeps its header)."""
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[: 3 if out.suffix == ".csv" else 2]))
    return out.read_bytes()


@pytest.mark.parametrize(
    ("cell", "value", "what"),
    [
        ("customer_name", "Margarethe", "customer-name cells (column 'customer_name')"),
        ("channel", "chat", "channel cells (column 'channel')"),
        ("macro", "yes", "template cells (column 'macro')"),
    ],
)
@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_a_changed_cell_of_a_written_row_is_refused(
    tmp_path: Path, suffix: str, cell: str, value: str, what: str
) -> None:
    source = write(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / f"scores.{suffix}"
    run(job(source, out))
    kept = killed_after_two(out)
    write(source, [{**ROWS[0], cell: value}, *ROWS[1:]])
    with pytest.raises(
        OutputError, match=re.escape(f"the input's {what} changed since")
    ) as refused:
        run(job(source, out, resume=True))
    assert "--force" in str(refused.value) and "the same input and options" in str(refused.value)
    assert out.read_bytes() == kept


@pytest.mark.parametrize(("suffix", "keep_text"), [("csv", True), ("jsonl", False)])
def test_a_changed_reply_is_refused_where_the_results_do_not_keep_it(
    tmp_path: Path, suffix: str, keep_text: bool
) -> None:
    source = write(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / f"scores.{suffix}"
    run(job(source, out, keep_text=keep_text))
    kept = killed_after_two(out)
    edited = {**ROWS[1], "reply": "Hello Hamid, sorry: your seat upgrade is booked."}
    write(source, [ROWS[0], edited, *ROWS[2:]])
    with pytest.raises(OutputError, match=r"the input's reply cells \(column 'reply'\) changed"):
        run(job(source, out, keep_text=keep_text, resume=True))
    assert out.read_bytes() == kept


def test_an_input_with_other_rows_is_refused_saying_how_many(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "scores.jsonl"
    run(job(source, out))
    killed_after_two(out)
    write(source, [*ROWS, {**ROWS[3], "id": "k5"}])  # exported again, a ticket later
    with pytest.raises(OutputError, match="the input has 5 rows, 4 when it was scored"):
        run(job(source, out, resume=True))


def test_the_same_input_moved_and_reexported_resumes(tmp_path: Path) -> None:
    """The cells are compared, not the file: the same rows under another name, with
    another key order and a column no check reads changed, complete the run."""
    source = write(tmp_path / "in.jsonl", ROWS)
    full, out = tmp_path / "full.jsonl", tmp_path / "scores.jsonl"
    run(job(source, full))
    run(job(source, out))
    killed_after_two(out)
    again = [{"medium": "phone", **dict(reversed(row.items()))} for row in ROWS]
    run(job(write(tmp_path / "again.jsonl", again), out, resume=True))
    assert out.read_bytes() == full.read_bytes()


def test_a_record_that_keeps_no_cells_is_no_objection(tmp_path: Path) -> None:
    """A run record written before the cells were kept says nothing of them."""
    source = write(tmp_path / "in.jsonl", ROWS)
    full, out = tmp_path / "full.jsonl", tmp_path / "scores.jsonl"
    run(job(source, full))
    run(job(source, out))
    killed_after_two(out)
    record = json.loads(record_path(out).read_text(encoding="utf-8"))
    record.pop("cells")
    record_path(out).write_text(json.dumps(record), encoding="utf-8")
    run(job(source, out, resume=True))
    assert out.read_bytes() == full.read_bytes()


@pytest.mark.parametrize(
    ("first", "then", "said"),
    [
        (["--customer-name-col", "customer_name"], ["--customer-name-col", "requester"],
         "customer_name: 'customer_name' then, 'requester' now"),
        (["--channel-col", "channel"], ["--channel-col", "medium"],
         "channel: 'channel' then, 'medium' now"),
        (["--template-col", "macro"], [], "template: 'macro' then, None now"),
    ],
)  # fmt: skip
def test_other_column_options_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: list[str], then: list[str],
    said: str,
) -> None:  # fmt: skip
    source = write(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "scores.jsonl"
    base = ["score", str(source), "--out", str(out), "--jobs", "1", "--isolated"]
    assert main([*base, *first]) == 0
    kept = killed_after_two(out)
    capsys.readouterr()
    assert main([*base, *then, "--resume"]) == 2
    err = capsys.readouterr().err
    assert said in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert out.read_bytes() == kept
