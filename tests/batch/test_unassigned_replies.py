"""Replies whose agent cell is empty are unassigned, not an agent: the summary, its JSON
and the HTML report ranked them as an agent "(none)", whom a QA lead read as a person.
They are counted apart, on a line of their own, so none drops out of sight."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from replylint.batch.html_report import write_html_report
from replylint.batch.job import ScoreJob, run
from replylint.batch.run_record import record_path
from replylint.batch.summary import Summary, format_summary
from replylint.config import RULES_ONLY, LinterConfig

FAST = LinterConfig(model=RULES_ONLY)
GOOD = (
    "Hi Priya,\n\nI'm sorry your order arrived damaged. A replacement ships today and "
    "reaches you within 3 days.\n\nThanks for your patience,\nOmar"
)
TERSE = "done"


def result(score: int, agent: str | None) -> dict[str, object]:
    checks = {"greeting": {"applicable": True, "present": score > 50}}
    return {"id": "x", "agent": agent, "score": score, "checks": checks, "findings": []}


def test_unassigned_replies_are_counted_apart_and_never_ranked() -> None:
    summary = Summary()
    for agent in ("", "  ", None, "", "", ""):
        summary.add(result(10, agent))
    for _ in range(5):
        summary.add(result(80, "Kim"))
    assert list(summary.agents) == ["Kim"]
    assert [name for name, _ in summary.worst_agents()] == ["Kim"]
    data = summary.as_dict()
    assert "(none)" not in data["agents"]
    assert data["unassigned"] == {
        "replies": 6,
        "mean_score": 10.0,
        "ranked": False,
        "missing": {"greeting": 6},
    }
    # nothing is lost: every scored reply is an agent's or unassigned
    replies = sum(a["replies"] for a in data["agents"].values()) + data["unassigned"]["replies"]
    assert replies == data["scored"]
    printed = format_summary(summary)
    assert "(none)" not in printed
    agents_table = printed[printed.index("lowest-scoring agents") :]
    assert agents_table.splitlines()[1].split()[0] == "Kim"
    assert "unassigned (empty agent cell): 6 replies, mean 10.0; most often missing greeting" in (
        printed
    )


def test_without_unassigned_replies_there_is_no_line_and_the_json_says_zero() -> None:
    summary = Summary()
    for _ in range(5):
        summary.add(result(80, "Kim"))
    assert "unassigned" not in format_summary(summary)
    assert summary.as_dict()["unassigned"] == {
        "replies": 0,
        "mean_score": None,
        "ranked": False,
        "missing": {},
    }


def test_without_an_agent_column_unassigned_is_null() -> None:
    """No agent column: no per-agent figures at all (a note says so), not every reply
    "unassigned"."""
    summary = Summary(by_agent=False)
    summary.add(result(80, None))
    assert summary.as_dict()["unassigned"] is None
    assert "unassigned" not in format_summary(summary)


def test_the_report_lists_unassigned_replies_under_the_agent_table(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    rows = [result(70, None), result(80, ""), result(90, "kim")]
    write_html_report(rows, path)
    page = path.read_text(encoding="utf-8")
    assert "(none)" not in page
    table = page[page.index('id="agent-table"') : page.index("</table>")]
    assert "kim" in table and "unassigned" not in table.casefold()
    assert "Unassigned (empty agent cell): 2 replies, mean score 75.0" in page


def write_export(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "agent", "reply"])
        for n in range(rows):
            agent = "" if n % 3 == 0 else ("Kim", "Lee")[n % 2]
            writer.writerow([f"t{n:02d}", agent, GOOD if n % 2 else TERSE])


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_resumed_run_counts_unassigned_replies_as_one_run_does(
    tmp_path: Path, suffix: str
) -> None:
    source = tmp_path / "in.csv"
    write_export(source, 30)
    whole, resumed = tmp_path / f"whole{suffix}", tmp_path / f"resumed{suffix}"
    expected = run(ScoreJob(input=source, output=whole, config=FAST)).as_dict()
    assert expected["unassigned"]["replies"] == 10
    assert "(none)" not in expected["agents"]
    text = whole.read_text(encoding="utf-8")
    resumed.write_text(text[: text.index("t16")], encoding="utf-8")
    record_path(resumed).write_bytes(record_path(whole).read_bytes())  # copied with it
    again = run(ScoreJob(input=source, output=resumed, config=FAST, resume=True))
    assert again.as_dict() == expected
    assert json.loads(json.dumps(expected)) == expected  # (as --summary-json writes it)
