"""A CSV cell written ``="00124"`` (how Excel, and exports made for it, keep an id's
leading zeros) was read verbatim, so ids matched nothing in the ticket system. An id,
agent, channel or customer name cell that is exactly ``="..."`` is read as the text it
shows; replies and typed (JSONL, Parquet) strings are kept as written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from replylint.batch.job import ScoreJob, run
from replylint.batch.run_record import record_path
from replylint.config import RULES_ONLY, LinterConfig
from replylint.spreadsheet_cells import excel_string

FAST = LinterConfig(model=RULES_ONLY)
REPLY = "Hi Lena, your replacement card ships today. Thanks, Omar"


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ('="00124"', "00124"),
        ('="say ""hi"""', 'say "hi"'),
        ('=""', ""),
        ('="a"b"', '="a"b"'),  # a lone quote inside: not one string
        ("=SUM(A1:A3)", "=SUM(A1:A3)"),
        ('x="1"', 'x="1"'),
        ("00124", "00124"),
    ],
)
def test_only_a_whole_string_formula_is_read_as_its_text(cell: str, text: str) -> None:
    assert excel_string(cell) == text


def results(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_ids_agents_and_channels_are_read_as_excel_shows_them(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,agent,channel,reply\n"
        f'="00124",="007",="chat","{REPLY}"\n'
        f'"=""00125""",="Omar" ,email,"{REPLY}"\n'  # quoted by the writer; a space after
        f'=  "",="",email,"{REPLY}"\n'  # not exactly ="...": kept
        f'="",="",email,"{REPLY}"\n',  # an empty string: no id, no agent
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    summary = run(ScoreJob(input=source, output=out, config=FAST))
    rows = results(out)
    assert [r["id"] for r in rows] == ["00124", "00125", '=  ""', "row 4"]
    assert [r["agent"] for r in rows] == ["007", "Omar", None, None]
    assert rows[0]["channel"] == "chat"
    assert summary.errors == 0


def test_a_reply_and_a_jsonl_id_are_kept_as_written(tmp_path: Path) -> None:
    csv_source = tmp_path / "in.csv"
    csv_source.write_text('id,reply\n1,="00124"\n', encoding="utf-8")
    out = tmp_path / "csv.jsonl"
    run(ScoreJob(input=csv_source, output=out, config=FAST))
    assert results(out)[0]["text"] == '="00124"'
    jsonl_source = tmp_path / "in.jsonl"
    jsonl_source.write_text(json.dumps({"id": '="00124"', "reply": REPLY}) + "\n", "utf-8")
    out = tmp_path / "jsonl.jsonl"
    run(ScoreJob(input=jsonl_source, output=out, config=FAST))
    assert results(out)[0]["id"] == '="00124"'


def test_a_resumed_csv_output_matches_the_read_ids(tmp_path: Path) -> None:
    """The CSV output holds ``00124``; resuming reads the input's ``="00124"`` again and
    must find the same id there."""
    source = tmp_path / "in.csv"
    source.write_text(
        "id,agent,reply\n" + "".join(f'="{n:05d}",="{n % 3:03d}","{REPLY}"\n' for n in range(12)),
        encoding="utf-8",
    )
    whole, resumed = tmp_path / "whole.csv", tmp_path / "resumed.csv"
    expected = run(ScoreJob(input=source, output=whole, config=FAST)).as_dict()
    text = whole.read_text(encoding="utf-8")
    resumed.write_text(text[: text.index("00006")], encoding="utf-8")
    record_path(resumed).write_bytes(record_path(whole).read_bytes())  # copied with it
    assert run(ScoreJob(input=source, output=resumed, resume=True, config=FAST)).as_dict() == (
        expected
    )
    assert resumed.read_text(encoding="utf-8") == text
    assert sorted(expected["agents"]) == ["000", "001", "002"]


def test_the_cluster_reads_them_as_score_does(
    same_on_the_cluster: Callable[[Path, LinterConfig], Path], tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,agent,reply\n" + "".join(f'="{n:05d}",="{n:03d}","{REPLY}"\n' for n in range(6)),
        encoding="utf-8",
    )
    assert results(same_on_the_cluster(source, FAST))[0]["id"] == "00000"


def test_a_customer_name_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    """A customer name ``="Dana"`` was read as written: the customer_name check then
    looked for a name no reply uses. A name is no text findings point into."""
    source = tmp_path / "in.csv"
    source.write_text(
        f'id,customer_name,reply\n1,="Lena","{REPLY}"\n2,="Priya","{REPLY}"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    run(ScoreJob(input=source, output=out, config=FAST))
    first, second = (r["checks"]["customer_name"] for r in results(out))  # type: ignore[index]
    assert first["applicable"] and first["present"]
    assert second["applicable"] and not second["present"]  # Lena greeted, Priya named
