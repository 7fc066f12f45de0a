"""`replylint score` and the further service checks: the customer's name and whether a
row is a template come from columns (`--customer-name-col`, `--template-col`) or the
`--template` flag; sent replies count template residue as a defect whatever the config
says; every output and the summary carry the new checks."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from replylint.batch.columns import ColumnError, ColumnMap
from replylint.batch.readers import row_from_record
from replylint.batch.summary import Summary
from replylint.batch.writers import FLAT_COLUMNS
from replylint.cli import main
from replylint.report import SERVICE_CHECKS

ROWS = [
    {"id": "r1", "reply": "Hi {{first_name}}, your refund is sent today. Thanks!",
     "requester_name": "Dana Lee", "is_macro": "no"},
    {"id": "r2", "reply": "Hi {{first_name}}, your refund is sent today. Thanks!",
     "requester_name": "Dana Lee", "is_macro": "yes"},
    {"id": "r3", "reply": "Hi Sarah, your refund is sent today. Thanks!",
     "requester_name": "Dana Lee", "is_macro": ""},
    {"id": "r4", "reply": "Hi Dana, your refund is sent today. Thanks!",
     "requester_name": "Dana Lee", "is_macro": "maybe"},
]  # fmt: skip


def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    return path


def score(tmp_path: Path, *flags: str, out: str = "scores.jsonl") -> list[dict[str, object]]:
    target = tmp_path / out
    assert main(["score", str(export(tmp_path)), "--out", str(target), "--jobs", "1",
                 "--isolated", "--force", *flags]) == 0  # fmt: skip
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def findings_of(result: dict[str, object], check: str) -> list[str]:
    findings = result.get("findings")
    assert isinstance(findings, list)
    return [f["text"] for f in findings if f["check"] == check]


def test_name_and_template_columns_reach_the_checks(tmp_path: Path) -> None:
    r1, r2, r3, r4 = score(tmp_path, "--template-col", "is_macro")
    assert findings_of(r1, "template_residue") == ["{{first_name}}"]
    assert findings_of(r2, "template_residue") == []  # the column says: a template
    assert r2["checks"]["template_residue"]["applicable"] is False  # type: ignore[index]
    assert findings_of(r3, "customer_name") == ["Sarah"]  # requester_name found by default
    assert r4["error"] == "the 'is_macro' column holds 'maybe' on this row, not true or false"


def test_template_flag_and_sent_replies_by_default(tmp_path: Path) -> None:
    (tmp_path / ".replylint.toml").write_text("template = true\n", encoding="utf-8")
    target = tmp_path / "scores.jsonl"
    assert main(["score", str(export(tmp_path)), "--out", str(target), "--jobs", "1"]) == 0
    sent = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert findings_of(sent[0], "template_residue") == ["{{first_name}}"]  # config ignored
    assert main(["score", str(export(tmp_path)), "--out", str(target), "--jobs", "1",
                 "--force", "--template"]) == 0  # fmt: skip
    macros = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert findings_of(macros[0], "template_residue") == []


def test_flat_output_and_summary_carry_the_new_checks(tmp_path: Path) -> None:
    assert set(SERVICE_CHECKS) <= set(FLAT_COLUMNS)
    target = tmp_path / "scores.csv"
    assert main(["score", str(export(tmp_path)), "--out", str(target), "--jobs", "1",
                 "--isolated", "--summary-json", str(tmp_path / "s.json")]) == 0  # fmt: skip
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["template_residue"] for r in rows] == ["missing", "missing", "present", "present"]
    assert [r["customer_name"] for r in rows] == ["present", "present", "missing", "present"]
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert summary["missing_rate"]["template_residue"] == pytest.approx(0.5)
    assert summary["missing_rate"]["hold"] is None  # never applicable here


def test_summary_counts_service_checks() -> None:
    summary = Summary()
    residue = {"template_residue": {"applicable": True, "present": False}}
    summary.add({"score": 70, "agent": "kim", "findings": [], "checks": residue})
    assert summary.missing["template_residue"] == 1 and summary.applicable["template_residue"] == 1


def test_a_missing_named_column_is_a_one_line_error() -> None:
    with pytest.raises(ColumnError, match="--customer-name-col"):
        ColumnMap.resolve(["reply"], customer_name="name")
    with pytest.raises(ColumnError, match="--template-col"):
        ColumnMap.resolve(["reply"], template="macro")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (True, True),
        ("TRUE", True),
        ("1", True),
        (0, False),
        ("no", False),
        ("", None),
        (None, None),
    ],
)
def test_template_cells(cell: object, expected: bool | None) -> None:
    columns = ColumnMap.resolve(["reply", "t"], template="t")
    row = row_from_record({"reply": "Hi", "t": cell}, columns, 1)
    assert row.problem is None and row.template is expected
