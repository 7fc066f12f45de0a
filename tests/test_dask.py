"""Scoring on a Dask cluster gives exactly the single-process results: the same dicts,
row for row and in order, and byte-identical output files from `run_on_cluster`."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.distributed")

import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from dask.distributed import Client, LocalCluster

from replylint import Linter
from replylint.batch.cluster import (
    RESULT_COLUMNS,
    ClusterError,
    run_on_cluster,
    score_dataframe,
)
from replylint.batch.job import ScoreJob, run
from replylint.batch.rows import RowIn, score_row

# Hand-written replies: (reply, channel, agent, customer message).
REPLIES: list[tuple[str | None, str, str | None, str]] = [
    ("Hi Maria, sorry for the wait. Your refund was sent today. Thanks for your patience!",
     "email", "ana", "Where is my refund?"),
    ("Hello! I've reset your password; you can log in now. Thank you.", "chat", "ben", ""),
    ("Please clear your browser cache and try again.", "email", "ana", "The page is blank."),
    ("Dear Mr Okafor,\n\nI apologise for the mix-up with your order. A replacement ships "
     "tomorrow and should arrive within 3 business days.\n\nKind regards,\nCarla",
     "email", "carla", "You sent the wrong size."),
    ("", "chat", "ben", ""),
    ("   ", "email", None, ""),
    ("<p>Hi Sam,</p><p>Please restart the router &amp; wait two minutes.</p><p>Thanks!</p>",
     "email", "dev", "No internet since this morning."),
    ("Your ticket was escalated to L2 per the SLA; the RCA will follow.", "email", "eli", ""),
    ("I understand how frustrating this must be. I'm so sorry! We'll call you by Friday.",
     "chat", "fay", "Nobody ever calls back!!"),
    ("thx, closing the ticket", "social", "gus", ""),
    ("Hey there 👋 Glad to help! Your order is on its way.", "social", "ana", "Order status?"),
    ("Hi, we need your RMA number and the SKU before the DOA claim can be processed.",
     "email", "eli", "It arrived broken."),
    ("Good morning Priya, thanks for reaching out. I have updated your billing address.",
     "email", "carla", "Please change my address."),
    ("Apologies for the trouble. Could you send a screenshot of the error?", "chat", "ben",
     "I get an error at checkout."),
    ("We have received your request.", "email", None, ""),
    ("Hi Tom,\nI'm sorry the courier missed you. I rebooked delivery for Monday between "
     "9am and 1pm.\nThanks, Ana", "email", "ana", "Courier never came."),
    ("Please hold while I check.", "fax", "gus", ""),
    ("Thanks for your message! Our team will get back to you within 24 hours.", "email",
     "dev", "Can I change my plan?"),
    ("Hello Lee, unfortunately the item is out of stock. Sorry about that! We will email "
     "you as soon as it is back.", "email", "fay", "When is it back in stock?"),
    ("Restart the app. If that fails, reinstall it.", "chat", "eli", "App crashes."),
    ("Hi Jo, I really appreciate your patience. The fix is deployed; please refresh the page.",
     "chat", "ana", "Still broken."),
    ("The API returns a 502 because the upstream LB timed out; we bumped the TTL.", "email",
     "eli", "Your API is down."),
    ("Hi! Sorry, I can't share account details over social media. Please DM us your email.",
     "social", "gus", "What's my balance?"),
    ("Dear customer, your complaint has been noted.", "email", "dev", "This is unacceptable."),
    ("Hi Ravi, thanks for flagging this. I've refunded the duplicate charge; it will show "
     "in 5-7 days. Anything else I can help with?", "email", "carla", "Charged twice!"),
    ("ok", "chat", "ben", ""),
    ("Hello,\n\nI'm sorry to hear the parcel was damaged. Could you reply with a photo? "
     "Once we have it I'll send a new one the same day.\n\nBest,\nFay", "email", "fay",
     "Box was crushed."),
    ("Your subscription renews on the 1st. You can cancel anytime from Settings > Billing.",
     "email", "dev", "How do I cancel?"),
    ("Hi Ana here! So sorry, our checkout was down for an hour. It's working again now.",
     "chat", "ana", "Can't pay."),
    ("Per my last email, the KYC docs are still pending.", "email", "eli", ""),
    (None, "email", "gus", ""),
    ("Thank you for choosing us! Let me know if there's anything else.", "email", "carla", ""),
    ("Hi Mo, we are sorry for the inconvenience caused. Our engineers are on it and we "
     "will update you by end of day today.", "email", "dev", "Site is slow."),
    ("Please provide your order ID.", "social", "ben", "Where's my stuff?"),
    ("<div>Hello Kim,<br>I've attached the invoice you asked for.<br>Regards</div>", "email",
     "fay", "Need an invoice."),
    ("Good afternoon! I completely understand, that sounds stressful. I'll process the "
     "exchange now and you'll get a label within the hour.", "chat", "ana", "Wrong colour."),
    ("We don't support that device.", "email", "eli", "Does it work on my old tablet?"),
    ("Hi Dan, sorry! Tracking shows it was delivered to your neighbour at no. 12.", "social",
     "gus", "Package missing."),
    ("Thanks for waiting. Your account is unlocked. Have a great day!", "chat", "ben", ""),
    ("Hello Ines, I apologise for the delay. Your visa letter is attached; please check the "
     "spelling of your name and reply if anything needs changing.", "email", "carla", ""),
]  # fmt: skip


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as client:
        yield client


def replies_frame() -> pd.DataFrame:
    ids = [None if i % 7 == 3 else f"r{i}" for i in range(len(REPLIES))]  # some rows lack ids
    return pd.DataFrame(
        {
            "ticket": ids,
            "body": [reply for reply, _, _, _ in REPLIES],
            "via": [channel for _, channel, _, _ in REPLIES],
            "owner": [agent for _, _, agent, _ in REPLIES],
            "question": [question for _, _, _, question in REPLIES],
        },
        dtype=object,
    )


def test_score_dataframe_matches_score_row_row_for_row(client: Client, linter: Linter) -> None:
    frame = replies_frame()
    ddf = dd.from_pandas(frame, npartitions=4)
    assert ddf.npartitions >= 3
    scored = score_dataframe(
        ddf, text_col="body", id_col="ticket", channel_col="via", customer_col="question",
        agent_col="owner", keep_text=True,
    )  # fmt: skip
    out = client.compute(scored).result()
    assert list(out.columns) == list(RESULT_COLUMNS) and len(out) == len(REPLIES)
    expected = [score_row(linter, row, "email", True) for row in rows_of(frame.to_dict("records"))]
    assert [json.loads(text) for text in out["result"]] == expected
    assert list(out["id"]) == [result["id"] for result in expected]
    assert out["score"].isna().sum() == sum("error" in result for result in expected) >= 4


def rows_of(records: list[dict[str, Any]]) -> Iterator[RowIn]:
    for number, record in enumerate(records, 1):
        yield RowIn(
            id=record["ticket"] or f"row {number}", text=record["body"], channel=record["via"],
            customer_message=record["question"], agent=record["owner"],
        )  # fmt: skip


def write_export(tmp_path: Path, fmt: str) -> Path:
    """An export without an id column (ids become row numbers), with multi-line quoted
    replies, an agent literally called "NA", empty cells and a bad channel; the CSV also
    has a short row and a row that is not UTF-8, the JSONL a blank and two bad lines."""
    records = [
        {"reply": reply or "", "channel": channel, "agent": "NA" if agent is None else agent,
         "customer_message": question}
        for reply, channel, agent, question in REPLIES
    ]  # fmt: skip
    path = tmp_path / f"export.{fmt}"
    if fmt == "csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(records[0]))
            writer.writeheader()
            writer.writerows(records)
        with open(path, "ab") as handle:
            handle.write(b'"Hi, short row here. Thanks!"\r\n"Sorry \xff for the wait",kim\r\n')
    elif fmt == "jsonl":
        lines = [json.dumps(record, ensure_ascii=False) for record in records]
        lines[5:5] = ["", "{not json", "[1, 2]"]  # a blank line and two bad rows
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        pq.write_table(pa.Table.from_pylist(records), path, row_group_size=16)
    return path


EXTRA_ROWS = {"csv": 2, "jsonl": 2, "parquet": 0}
FORMATS = [("csv", "jsonl"), ("csv", "csv"), ("jsonl", "jsonl"), ("parquet", "jsonl")]


@pytest.mark.parametrize(("in_fmt", "out_fmt"), FORMATS)
def test_run_on_cluster_writes_what_run_writes(
    cluster: LocalCluster, tmp_path: Path, in_fmt: str, out_fmt: str
) -> None:
    source = write_export(tmp_path, in_fmt)
    on_cluster = tmp_path / f"cluster.{out_fmt}"
    local = tmp_path / f"local.{out_fmt}"
    summary = run_on_cluster(ScoreJob(input=source, output=on_cluster), cluster.scheduler_address)
    expected = run(ScoreJob(input=source, output=local))
    assert on_cluster.read_bytes() == local.read_bytes()
    assert summary.as_dict() == expected.as_dict()
    rows_in = len(REPLIES) + EXTRA_ROWS[in_fmt]
    assert summary.rows == rows_in
    if out_fmt == "jsonl":
        ids = [json.loads(line)["id"] for line in on_cluster.read_text("utf-8").splitlines()]
        assert ids == [str(number) for number in range(1, rows_in + 1)]
    if in_fmt == "jsonl":  # the bad lines named by their line of the file, blank one counted
        results = [json.loads(line) for line in on_cluster.read_text("utf-8").splitlines()]
        errors = [r["error"] for r in results if "error" in r and "JSON" in r["error"]]
        assert errors == ["line 7: invalid JSON: Expecting property name enclosed in double "
                          "quotes at column 2", "line 8 is not a JSON object"]  # fmt: skip


def test_resume_is_refused_on_the_cluster(cluster: LocalCluster, tmp_path: Path) -> None:
    job = ScoreJob(input=write_export(tmp_path, "csv"), output=tmp_path / "o.jsonl", resume=True)
    with pytest.raises(ClusterError, match="resume"):
        run_on_cluster(job, cluster.scheduler_address)


def test_workers_with_another_replylint_version_are_refused(
    cluster: LocalCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import replylint.batch.cluster as cluster_module

    monkeypatch.setattr(cluster_module, "version", lambda name: "0.0.0-client")  # this side only
    job = ScoreJob(input=write_export(tmp_path, "csv"), output=tmp_path / "o.jsonl")
    with pytest.raises(ClusterError, match="same version"):
        run_on_cluster(job, cluster.scheduler_address)
    assert not job.output.exists()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    job = ScoreJob(input=write_export(tmp_path, "csv"), output=tmp_path / "o.jsonl")
    with pytest.raises(ClusterError, match="cannot connect"):
        run_on_cluster(job, "nonsense::")


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("tls://127.0.0.1:1", "a tls:// scheduler needs TLS settings"),
        ("foo://x", "unknown address scheme 'foo'"),
    ],
)
def test_an_address_no_client_can_use_is_refused_before_one_is_made(
    tmp_path: Path, address: str, said: str
) -> None:
    """`tls://` with no TLS settings was an internal error (a TypeError), and both then
    waited 60 seconds on the way out, in a half-made Client's clean-up."""
    job = ScoreJob(input=write_export(tmp_path, "csv"), output=tmp_path / "o.jsonl")
    with pytest.raises(ClusterError, match=said):
        run_on_cluster(job, address)
    assert not job.output.exists()


def test_cli_scheduler_flag_scores_on_the_cluster(
    cluster: LocalCluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from replylint.cli import main

    source = write_export(tmp_path, "csv")
    on_cluster, local = tmp_path / "cluster.jsonl", tmp_path / "local.jsonl"
    args = ["score", str(source), "--out"]
    assert main([*args, str(on_cluster), "--scheduler", cluster.scheduler_address]) == 0
    assert main([*args, str(local), "--jobs", "1"]) == 0
    assert on_cluster.read_bytes() == local.read_bytes()
    capsys.readouterr()
    assert main([*args, str(on_cluster), "--scheduler", "tcp://127.0.0.1:1", "--resume"]) == 2
    assert "resume" in capsys.readouterr().err
