"""A scorecard cell written ``="00124"`` (how Excel, and exports made for it, keep an
id's leading zeros) was read verbatim by ``eval`` and ``train`` while ``score`` read it
as ``00124``: ids matched no ticket, a channel was refused as unknown and a source was a
group of its own. The id, channel and source are read as the text Excel shows; the reply
and the customer's message and name are texts, read as written."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.evaluation import GoldError, read_gold

HEADER = "Ticket ID,Reply,Customer message,Customer name,Channel,Source,Greeting\n"


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "card.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_id_channel_and_source_written_for_excel_are_read_as_it_shows_them(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        '="00124","Hi Rosa, the parcel left today. Best, Ivo",="012 late",Rosa,="chat",'
        '="0042",yes\n',
        '="00125",="0099",Where is it?,="Rosa",email,"=""Tier 2""",no\n',
    )
    first, second = read_gold(path)
    assert (first.id, first.channel, (first.model_extra or {})["source"]) == (
        "00124", "chat", "0042",
    )  # fmt: skip
    assert (second.id, (second.model_extra or {})["source"]) == ("00125", "Tier 2")
    # texts stay as written: a reply, a customer's message or name is not an id
    assert (first.customer_message, second.reply) == ('="012 late"', '="0099"')
    assert second.customer_name == '="Rosa"'


def test_an_error_names_the_row_by_the_id_excel_shows(tmp_path: Path) -> None:
    path = write(tmp_path, '="00124","Hi Rosa, all done. Best, Ivo",,,email,,maybe\n')
    with pytest.raises(GoldError, match=re.escape('line 2 (id "00124"): column')):
        list(read_gold(path))


def test_an_empty_string_formula_id_is_no_id(tmp_path: Path) -> None:
    path = write(tmp_path, '="","Hi Rosa, all done. Best, Ivo",,,email,,yes\n')
    [record] = read_gold(path)
    assert record.id == f"{path}:2"


def test_eval_lists_misjudged_rows_under_the_ids_and_sources_excel_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path, '="00124","Thanks for waiting, it ships today. Ivo",,,="email",="0042",yes\n'
    )
    assert main(["eval", str(path), "--isolated", "--model", "none", "--errors", "greeting",
                 "--format", "csv"]) == 0  # fmt: skip
    [row] = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert (row["id"], row["source"], row["channel"]) == ("00124", "0042", "email")
