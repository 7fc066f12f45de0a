"""`replylint eval`: the metric arithmetic on tiny gold files with known answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import Linter
from replylint.cli import main
from replylint.evaluation import BinaryScore, TermScore, evaluate, read_gold

NO = dict.fromkeys(
    ["apology", "empathy", "next_step", "next_step_timeframe", "closing_thanks"], False
)


def record(rid: str, reply: str, greeting: bool, **labels: object) -> dict[str, object]:
    return {
        "id": rid, "source": "test", "channel": "email", "customer_message": None,
        "reply": reply, "labels": {**NO, "greeting": greeting, "jargon": [],
                                   "jargon_lenient": [], **labels},
    }  # fmt: skip


GOLD = [
    record("tp", "Hi Ann, your parcel is here.", True),
    record("fn", "Your parcel is here.", True),  # the label says greeted; the linter disagrees
    record("fp", "Hello there, your parcel is here.", False),
    record("tn", "Your parcel is here, Ann.", False),
    record(
        "jargon",
        "Your RMA is in the tier-2 escalation queue.",
        False,
        jargon=["RMA"],
        jargon_lenient=["RMA", "tier-2"],
    ),
]


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in GOLD) + "\n", encoding="utf-8")
    return path


def test_binary_score_arithmetic() -> None:
    score = BinaryScore(tp=3, fp=1, fn=2, tn=4)
    assert score.present() == pytest.approx((0.75, 0.6, 2 * 0.75 * 0.6 / 1.35))
    assert score.missing() == pytest.approx((4 / 6, 0.8, 2 * (4 / 6) * 0.8 / (4 / 6 + 0.8)))
    assert score.macro_f1 == pytest.approx((score.present()[2] + score.missing()[2]) / 2)
    assert score.accuracy == pytest.approx(0.7)


def test_a_class_without_labelled_examples_is_n_a_and_does_not_drag_macro_f1() -> None:
    score = BinaryScore(tn=5)
    assert score.present() is None and score.missing() == (1.0, 1.0, 1.0)
    assert score.macro_f1 == 1.0
    assert score.as_dict()["present_f1"] is None
    assert BinaryScore().macro_f1 is None and BinaryScore().accuracy is None


def test_eval_table_prints_n_a_for_a_class_without_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gold.jsonl"
    only_missing = [record("a", "Your parcel is here.", False)]
    path.write_text(json.dumps(only_missing[0]) + "\n", encoding="utf-8")
    assert main(["eval", str(path), "--isolated"]) == 0
    [row] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("empathy")]
    assert "n/a" in row and "0.000" not in row


def test_eval_reads_integer_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({**GOLD[0], "id": 17}) + "\n", encoding="utf-8")
    assert main(["eval", str(path), "--format", "json", "--errors", "greeting"]) == 0
    assert json.loads(capsys.readouterr().out)["records"] == 1


def test_eval_reads_the_config_like_check(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (gold_file.parent / ".replylint.toml").write_text(
        '[glossary]\nallowed = ["RMA"]\n', encoding="utf-8"
    )
    assert main(["eval", str(gold_file), "--format", "json", "--isolated"]) == 0
    unconfigured = json.loads(capsys.readouterr().out)["jargon"]["predicted"]
    assert main(["eval", str(gold_file), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["jargon"]["predicted"] == unconfigured - 1


def test_term_score_uses_lenient_for_precision_strict_for_recall() -> None:
    terms = TermScore()
    terms.add({"RMA", "tier-2", "queue"}, strict={"RMA", "SLA"}, lenient={"RMA", "SLA", "tier-2"})
    assert terms.precision == pytest.approx(2 / 3) and terms.recall == pytest.approx(1 / 2)


def test_evaluate_on_gold_file(linter: Linter, gold_file: Path) -> None:
    result = evaluate(linter, read_gold(gold_file), keep_errors="greeting")
    greeting = result.checks["greeting"]
    assert (greeting.tp, greeting.fp, greeting.fn, greeting.tn) == (1, 1, 1, 2)
    assert {e.record.id for e in result.errors} == {"fn", "fp"}
    # the terms the linter reports on the reply, counted against the lenient list
    [jargon] = [r for r in read_gold(gold_file) if r.id == "jargon"]
    reported = {f.text for f in linter.check(jargon.reply).findings if f.rule == "jargon"}
    assert "RMA" in reported
    assert result.jargon.predicted == len(reported)
    assert result.jargon.predicted_correct == len(reported & {"RMA", "tier-2"})
    assert result.jargon.recall == 1.0


def test_eval_command_text_json_and_errors(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(gold_file)]) == 0
    out = capsys.readouterr().out
    assert "macroF1" in out and "greeting" in out and "jargon (terms)" in out
    assert main(["eval", str(gold_file), "--format", "json", "--errors", "greeting"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["checks"]["greeting"]["tp"] == 1
    assert payload["checks"]["greeting"]["accuracy"] == pytest.approx(0.6)
    assert sorted(e["id"] for e in payload["errors"]) == ["fn", "fp"]


def test_bad_gold_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "reply": "Hi"}\n', encoding="utf-8")
    assert main(["eval", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl, line 1" in err and "\n" not in err.strip()


SERVICE_GOLD = [
    # template_residue: a leftover found (per leftover too) and a clean reply
    {**record("r1", "Hi {{first_name}}, your parcel is here.", True),
     "customer_name": "Dana Lee", "labels": {**record("r1", "", True)["labels"],
     "template_residue": ["{{first_name}}"], "customer_name": True}},
    # a template: residue does not apply, whatever the label says
    {**record("r2", "Hi {{first_name}}, your parcel is here.", True), "template": True,
     "labels": {**record("r2", "", True)["labels"], "template_residue": []}},
    # a wrong name, labelled; the customer's name comes from the record
    {**record("r3", "Hi Sarah, your parcel is here.", True), "customer_name": "Dana Lee",
     "labels": {**record("r3", "", True)["labels"], "template_residue": [],
                "customer_name": False}},
    # null: not applicable, skipped
    {**record("r4", "Hi Sarah, your parcel is here.", True),
     "labels": {**record("r4", "", True)["labels"], "customer_name": None, "options": None}},
]  # fmt: skip


@pytest.fixture()
def service_gold(tmp_path: Path) -> Path:
    path = tmp_path / "service.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in SERVICE_GOLD) + "\n", encoding="utf-8")
    return path


def test_the_further_checks_are_read_and_scored(linter: Linter, service_gold: Path) -> None:
    result = evaluate(linter, read_gold(service_gold), keep_errors="customer_name")
    residue = result.checks["template_residue"]
    # r1 leftover found (missing, tn), r3 clean (present, tp); r2 (template) and r4 skipped
    assert (residue.n, residue.tp, residue.tn) == (2, 1, 1)
    name = result.checks["customer_name"]
    assert (name.n, name.tp, name.tn) == (2, 1, 1)  # r4's null label is skipped
    assert result.checks["options"].n == 0
    assert result.residue.predicted == 1 and result.residue.recall == 1.0
    assert result.errors == []
    # the core checks are scored as before
    assert result.checks["greeting"].n == 4


def test_eval_prints_the_further_checks_it_has_labels_for(
    service_gold: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(service_gold), "--isolated"]) == 0
    out = capsys.readouterr().out
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    assert "template_residue" in names and "customer_name" in names
    assert "options" not in names and "hold" not in names  # no labels: no row
    assert "template_residue (leftovers)" in out
    assert main(["eval", str(service_gold), "--isolated", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["checks"]["customer_name"]["accuracy"] == 1.0
    assert payload["template_residue_terms"]["predicted"] == 1
