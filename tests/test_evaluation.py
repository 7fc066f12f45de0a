"""`replylint eval`: the metric arithmetic on tiny gold files with known answers."""

from __future__ import annotations

import codecs
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from replylint import Linter
from replylint.cli import main
from replylint.evaluation import (
    AlarmScore,
    BinaryScore,
    Evaluation,
    GoldError,
    GoldRecord,
    TermScore,
    check_records,
    evaluate,
    format_comparison,
    format_table,
    read_gold,
    read_gold_files,
    score_reports,
    term_key,
)
from replylint.intervals import Interval, bootstrap, changes, figures, intervals
from replylint.model.checks_model import bundled_model_dir
from replylint.report import CORE_CHECKS, Report

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


@pytest.mark.parametrize("number", [17, 17.0])
def test_eval_reads_integer_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: float
) -> None:
    """17.0 is how a JavaScript or pandas export writes the id 17 (serve reads it so)."""
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({**GOLD[0], "id": number}) + "\n", encoding="utf-8")
    assert main(["eval", str(path), "--format", "json", "--errors", "greeting"]) == 0
    assert json.loads(capsys.readouterr().out)["records"] == 1
    from replylint.evaluation import GoldRecord

    assert GoldRecord.model_validate({**GOLD[0], "id": number}).id == "17"


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


@pytest.mark.parametrize(
    ("setting", "shown", "named"),
    [
        (None, "bundled (the checks model shipped with replylint)", "bundled"),
        ("none", "none (the rules alone)", "none"),
        ("the model's folder", "{folder}", "{folder}"),
    ],
)
def test_eval_names_the_model_behind_its_figures(
    gold_file: Path,
    capsys: pytest.CaptureFixture[str],
    setting: str | None,
    shown: str,
    named: str,
) -> None:
    """The figures depend on the model: a configuration's ``model = "../m1"`` or
    ``"none"`` changed them without a word in the output."""
    folder = bundled_model_dir().resolve()
    if setting is not None:
        relative = os.path.relpath(folder, gold_file.parent) if setting != "none" else setting
        (gold_file.parent / ".replylint.toml").write_text(
            f"model = {json.dumps(relative)}\n", encoding="utf-8"
        )
    assert main(["eval", str(gold_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [f"5 records from {gold_file}", f"model: {shown.format(folder=folder)}"]
    assert main(["eval", str(gold_file), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["model"] == named.format(folder=folder) and payload["records"] == 5


def test_eval_names_the_model_given_on_the_command_line(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = bundled_model_dir().resolve()
    argv = ["eval", str(gold_file), "--isolated", "--model", str(folder), "--format", "json"]
    assert main(argv) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["model"] == str(folder) and "rules_only" in payload


def test_term_score_uses_lenient_for_precision_strict_for_recall() -> None:
    terms = TermScore()
    terms.add({"RMA", "tier-2", "queue"}, strict={"RMA", "SLA"}, lenient={"RMA", "SLA", "tier-2"})
    assert terms.precision == pytest.approx(2 / 3) and terms.recall == pytest.approx(1 / 2)


def test_a_gold_record_is_checked_with_its_context(linter: Linter) -> None:
    record = GoldRecord.model_validate(
        {
            "id": "r1",
            "channel": "chat",
            "customer_message": "My parcel never came.",
            "customer_name": "Priya",
            "reply": "Hi Pria, I will send a new parcel today.",
            "template": False,
            "labels": dict.fromkeys(CORE_CHECKS, True) | {"jargon": []},
        }
    )
    item = record.as_input()
    assert (item.reply, item.channel, item.customer_message, item.customer_name, item.template) == (
        record.reply, "chat", "My parcel never came.", "Priya", False,
    )  # fmt: skip
    [report] = list(linter.check_many([item]))
    assert isinstance(report, Report)
    assert report.channel == "chat"
    # the ticket's name reaches the customer_name check, which finds it misspelt
    assert any(f.rule.startswith("customer_name") for f in report.findings)


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


def test_a_misjudged_record_lists_the_evidence_and_reason_it_has_and_no_other(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A greeting found and not labelled printed "reason: None", Python's word for none."""
    assert main(["eval", str(gold_file), "--isolated", "--errors", "greeting"]) == 0
    out = capsys.readouterr().out
    assert "== fp [greeting] gold=False predicted=True\n   evidence: 'Hello there'\n" in out
    assert "None" not in out


def test_the_gold_argument_points_at_the_readme_not_a_guide_users_do_not_have(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in ("eval", "train"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert '.jsonl (the README\'s "Gold files") or a .csv scorecard' in text
        assert "annotation guide" not in text


def test_bad_gold_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "reply": "Hi"}\n', encoding="utf-8")
    assert main(["eval", str(bad)]) == 2
    err = capsys.readouterr().err
    assert 'bad.jsonl, line 1 (id "x"): labels: field required' in err and "\n" not in err.strip()
    assert "pydantic" not in err  # where and what, not the library's link and input dump
    bad.write_text('{"id": "x", "reply": "Hi", labels: {}}\n', encoding="utf-8")
    assert main(["eval", str(bad)]) == 2
    assert "bad.jsonl, line 1: not JSON (" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("line", "kind"),
    [('[{"id": "x", "reply": "Hi", "labels": {"greeting": true}}]', "array"), ('"Hi"', "string")],
)
def test_a_gold_line_that_is_no_object_says_what_a_line_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, kind: str
) -> None:
    """A record wrapped in a list (a JSON array exported line by line) was refused with
    pydantic's words, "a valid dictionary or instance of GoldRecord": a class the user
    never sees. The error says what the line is and what a line holds, pointing at the
    README (GUIDE.md, which the errors named, ships with the corpus, not replylint)."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text(f'{{"id": "x", "reply": "Hi", "labels": {{"greeting": true}}}}\n{line}\n')
    assert main(["eval", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert f"bad.jsonl, line 2: a JSON {kind}, not an object; each line is one record" in err
    assert '"labels": {...}' in err and "Gold files" in err
    assert "GoldRecord" not in err and "GUIDE.md" not in err and "\n" not in err


def test_gold_files_joined_with_their_byte_order_marks_are_read(tmp_path: Path) -> None:
    """Two files saved on Windows and joined (copy /b a+b, cat) hold a byte-order mark
    at the start of the second's first line: it was "not JSON (Unexpected UTF-8 BOM
    (decode using utf-8-sig))"."""
    rows = [json.dumps(r) for r in GOLD[:2]]
    joined = tmp_path / "joined.jsonl"
    joined.write_bytes(b"".join(codecs.BOM_UTF8 + r.encode() + b"\r\n" for r in rows))
    assert [r.id for r in read_gold(joined)] == [GOLD[0]["id"], GOLD[1]["id"]]


@pytest.mark.parametrize(
    ("line", "key"),
    [
        # two labelling passes pasted into one line: the first pass's labels were dropped
        ('{"id": "x", "reply": "Hi Ann.", "labels": {"greeting": true}, '
         '"labels": {"apology": false}}', "labels"),
        ('{"id": "x", "reply": "Hi Ann.", "labels": {"greeting": true, "greeting": false}}',
         "greeting"),
        ('{"id": "x", "reply": "Hi Ann.", "reply": "Your RMA.", "labels": {"greeting": true}}',
         "reply"),
    ],
)  # fmt: skip
def test_a_key_given_twice_in_a_gold_line_is_refused_not_read_as_its_last_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, key: str
) -> None:
    """json.loads keeps a repeated key's last value: the record was scored on the second
    ``labels`` alone (greeting unscored), or on the second reply, without a word."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text(line + "\n", encoding="utf-8")
    assert main(["eval", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert f"bad.jsonl, line 1: the key {key!r} is given 2 times in one object; give it once" in err
    assert "\n" not in err


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


# -- bootstrap intervals (`replylint eval --intervals`) -----------------------------------


def _per_record(linter: Linter, gold: Path, copies: int = 1) -> list[Evaluation]:
    checked = list(check_records(linter, read_gold(gold)))
    return [score_reports([pair]) for pair in checked * copies]


def score_reports_of(per_record: list[Evaluation]) -> Evaluation:
    totals: dict[str, int] = {}
    for one in per_record:
        for key, value in one.counts().items():
            totals[key] = totals.get(key, 0) + value
    return Evaluation.from_counts(totals)


def test_counts_rebuild_the_same_evaluation(linter: Linter, gold_file: Path) -> None:
    result = evaluate(linter, read_gold(gold_file))
    assert Evaluation.from_counts(result.counts()).as_dict() == result.as_dict()


def test_per_record_counts_add_up_to_the_whole(linter: Linter, gold_file: Path) -> None:
    whole = evaluate(linter, read_gold(gold_file)).counts()
    summed: dict[str, int] = {}
    for one in _per_record(linter, gold_file):
        for key, value in one.counts().items():
            summed[key] = summed.get(key, 0) + value
    assert {k: v for k, v in summed.items() if v} == {k: v for k, v in whole.items() if v}


def test_intervals_hold_the_value_and_narrow_with_more_records(
    linter: Linter, gold_file: Path
) -> None:
    def greeting(copies: int) -> Interval:
        per_record = _per_record(linter, gold_file, copies)
        values = figures(score_reports_of(per_record))
        draws = [d[0] for d in bootstrap([per_record], 300)]
        return intervals(values, draws)["greeting macro-F1"]

    few, many = greeting(1), greeting(40)
    assert few.value == many.value
    assert few.low <= few.value <= few.high and many.low <= many.value <= many.high
    assert many.high - many.low < few.high - few.low


def test_bootstrap_is_reproducible_and_pairs_the_sides(linter: Linter, gold_file: Path) -> None:
    per_record = _per_record(linter, gold_file, 5)
    first, again = bootstrap([per_record, per_record], 200), bootstrap([per_record], 200)
    assert [d[0] for d in first] == [d[0] for d in again]
    assert bootstrap([per_record], 200, seed=1) != again
    values = figures(score_reports_of(per_record))
    same = changes(values, values, [(d[0], d[1]) for d in first])
    assert same and all(c.value == c.low == c.high == 0 for c in same.values())


def test_bootstrap_refuses_sides_of_other_records(linter: Linter, gold_file: Path) -> None:
    per_record = _per_record(linter, gold_file)
    with pytest.raises(ValueError, match="same records"):
        bootstrap([per_record, per_record[:-1]], 100)


def test_eval_command_prints_intervals(gold_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--intervals", str(gold_file), "--isolated", "--draws", "200"]) == 0
    out = capsys.readouterr().out
    assert "95% intervals over 200 draws of the 5 records" in out
    assert "greeting macro-F1" in out.split("95% intervals")[1]
    assert main(["eval", str(gold_file), "--isolated", "--intervals", "--format", "json"]) == 0
    spread = json.loads(capsys.readouterr().out)["intervals"]
    assert (spread["draws"], spread["level"], spread["changes"]) == (1000, 0.95, None)
    greeting = spread["figures"]["greeting macro-F1"]
    assert greeting["low"] <= greeting["value"] <= greeting["high"]


def test_eval_intervals_compare_with_the_rules_alone(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["eval", str(gold_file), "--isolated", "--model", "bundled", "--intervals"]
    assert main([*args, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    spread, name = payload["intervals"], "greeting macro-F1"
    model = payload["checks"]["greeting"]["macro_f1"]
    rules = payload["rules_only"]["checks"]["greeting"]["macro_f1"]
    assert spread["figures"][name]["value"] == pytest.approx(model)
    assert spread["rules_only"][name]["value"] == pytest.approx(rules)
    change = spread["changes"][name]
    assert change["value"] == pytest.approx(model - rules)
    assert change["low"] <= change["value"] <= change["high"]


def test_eval_refuses_too_few_draws(gold_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(gold_file), "--isolated", "--intervals", "--draws", "20"]) == 2
    assert "--draws must be at least 100 (got 20)" in capsys.readouterr().err
    assert main(["eval", str(gold_file), "--isolated", "--draws", "200"]) == 2
    assert "add --intervals" in capsys.readouterr().err


def test_the_comparison_columns_line_up_for_long_labels() -> None:
    before, after = Evaluation(), Evaluation()
    before.alarms["a_check_with_a_long_name"] = AlarmScore(raised=4, right=2)
    after.alarms["a_check_with_a_long_name"] = AlarmScore(raised=2, right=2)
    lines = format_comparison(before, after, ("rules only", "model")).splitlines()
    [row] = [line for line in lines if line.startswith("a_check_with_a_long_name errors right")]
    assert row.endswith("0.500        1.000  +0.500")
    # the label does not push its row's numbers out of the columns
    assert {len(line) for line in lines} == {len(lines[0])}


# -- partial labels: a scorecard that scores some checks -------------------------------


def test_a_check_a_record_leaves_out_is_not_scored_on_it(linter: Linter, tmp_path: Path) -> None:
    gold = tmp_path / "partial.jsonl"
    rows = [
        {"id": "a", "reply": "Hi Ann, your parcel is here.", "labels": {"greeting": True}},
        {"id": "b", "reply": "Your parcel is here.", "labels": {"greeting": False,
                                                                "empathy": None}},
        {"id": "c", "reply": "Your RMA is here.", "labels": {"jargon": ["RMA"]}},
    ]  # fmt: skip
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = evaluate(linter, read_gold(gold))
    assert (result.checks["greeting"].n, result.checks["greeting"].tp) == (2, 1)
    assert result.checks["greeting"].tn == 1
    for check in ("apology", "empathy", "next_step", "closing_thanks"):
        assert result.checks[check].n == 0
    # only record c annotates jargon: a and b are not counted as "no jargon"
    assert (result.jargon.records, result.jargon.gold, result.jargon.gold_found) == (1, 1, 1)


def test_jargon_nobody_annotated_says_so_instead_of_a_zero_precision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "greetings.jsonl"
    gold.write_text(
        json.dumps({"id": "a", "reply": "Hi Ann, the RMA is here.", "labels": {"greeting": True}})
        + "\n",
        encoding="utf-8",
    )
    assert main(["eval", str(gold), "--isolated"]) == 0
    out = capsys.readouterr().out
    assert "jargon (terms)        not labelled in the gold files" in out
    assert "precision 0.000" not in out


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ({"greting": True}, "labels: 'greting' is not a check; did you mean 'greeting'?"),
        ({"Empathy": False}, "'Empathy' is not a check; did you mean 'empathy'?"),
        ({}, "labels: no check is labelled; give at least one of: greeting, apology"),
        (
            {"greeting": None, "jargon": None},
            "labels: every label is null; give at least one of: greeting, apology",
        ),
    ],
)
def test_a_label_that_names_no_check_is_an_error_not_a_check_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], labels: dict[str, object], message: str
) -> None:
    gold = tmp_path / "typo.jsonl"
    gold.write_text(json.dumps({"id": "a", "reply": "Hi", "labels": labels}) + "\n")
    assert main(["eval", str(gold)]) == 2
    err = capsys.readouterr().err
    assert message in err and "typo.jsonl, line 1" in err


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ({"greting": ["Hi Sam"]},
         "evidence: 'greting' is not a check; did you mean 'greeting'? evidence gives "
         "passages per check, named as under labels: greeting, apology"),
        ({"greeting": "Hi Sam", "notes": "checked twice"}, "evidence: 'notes' is not a check; "
         "evidence gives passages per check"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["eval", "train"])
def test_evidence_that_names_no_check_is_an_error_as_a_label_is(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    evidence: dict[str, object],
    message: str,
    command: str,
) -> None:
    """A misspelt evidence key was dropped without a word (``train`` then had no passage
    for the check); under ``labels`` the same typo was already an error."""
    gold = tmp_path / "gold.jsonl"
    row = {"id": "x", "reply": "Hi Sam, your order ships today. Thanks!",
           "labels": {"greeting": True}, "evidence": evidence}  # fmt: skip
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    argv = [command, str(gold)] + (["--out", str(tmp_path / "m")] if command == "train" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f'gold file {gold}, line 1 (id "x"): {message}' in err


def test_evidence_of_any_labelled_check_is_read() -> None:
    record = GoldRecord.model_validate(
        {"id": "x", "channel": "chat", "reply": "One moment while I check your order.",
         "labels": {"hold": True}, "evidence": {"hold": "while I check your order"}}
    )  # fmt: skip
    assert record.evidence == {"hold": ["while I check your order"]}


# -- figures per group (`replylint eval --by`) ------------------------------------------


def test_eval_by_source_gives_each_groups_figures_beside_the_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {**record("a1", "Hi Ann, your parcel is here.", True), "source": "team-a"},
        {**record("a2", "Your parcel is here.", True), "source": "team-a"},  # missed
        {**record("b1", "Hello Bo, your parcel is here.", True), "source": "team-b"},
        {**record("b2", "Your parcel is here, Bo.", False), "source": "team-b"},
        {k: v for k, v in record("c1", "Hi Cy, it is here.", True).items() if k != "source"},
    ]
    gold = tmp_path / "teams.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", str(gold), "--isolated", "--by", "source", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["by"]["field"] == "source"
    groups = payload["by"]["groups"]
    assert list(groups) == ["(none)", "team-a", "team-b"]  # no source: "(none)"
    assert [groups[g]["records"] for g in groups] == [1, 2, 2]
    # each group's figures are those of its records evaluated alone
    team_b = tmp_path / "team_b.jsonl"
    team_b.write_text("".join(json.dumps(r) + "\n" for r in rows[2:4]), encoding="utf-8")
    assert main(["eval", str(team_b), "--isolated", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["checks"] == groups["team-b"]["checks"]
    assert groups["team-a"]["checks"]["greeting"]["fn"] == 1
    assert main(["eval", str(gold), "--isolated", "--by", "source"]) == 0
    table = capsys.readouterr().out.split("macro-F1 by source")[1].splitlines()
    assert table[0].split() == ["(none)", "team-a", "team-b", "all"]
    assert table[2].split() == ["records", "1", "2", "2", "5"]
    greeting = next(line.split() for line in table if line.startswith("greeting"))
    # team-a: one greeting found, one missed (F1 0.667, no unlabelled-missing class);
    # all: present F1 6/7, missing F1 2/3, their mean 0.762
    assert greeting[1:] == ["1.000", "0.667", "1.000", "0.762"]
    no_source = tmp_path / "no_source.jsonl"
    no_source.write_text(json.dumps(rows[4]) + "\n", encoding="utf-8")
    assert main(["eval", str(no_source), "--isolated", "--by", "source"]) == 2
    assert "--by source: no record has a source" in capsys.readouterr().err


def test_eval_by_reads_groups_that_differ_in_case_or_spacing_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {**record("a1", "Hi Ann, your parcel is here.", True), "source": "Billing"},
        {**record("a2", "Hi Al, your parcel is here.", True), "source": "billing "},
        {**record("a3", "Hi Di, your parcel is here.", True), "source": "BILLING"},
        {**record("b1", "Hello Bo, your parcel is here.", True), "source": "Team  B"},
        {**record("b2", "Hello Cy, your parcel is here.", True), "source": "team b"},
    ]
    assert _records_by_source(tmp_path, capsys, rows) == {"Billing": 3, "Team  B": 2}


def _records_by_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[dict[str, Any]]
) -> dict[str, int]:
    """``eval --by source`` of ``rows``: each group's name and count of records."""
    gold = tmp_path / "teams.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", str(gold), "--isolated", "--by", "source", "--format", "json"]) == 0
    groups = json.loads(capsys.readouterr().out)["by"]["groups"]
    return {name: groups[name]["records"] for name in groups}


@pytest.mark.parametrize("blank", [" ", "\t", "\u00a0"])
def test_a_blank_source_is_no_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], blank: str
) -> None:
    """A source of spaces made a group named by nothing beside "(none)" (and a fold of
    its own in ``train``, which groups by the same function)."""
    rows = [
        {**record("a1", "Hi Ann, your parcel is here.", True), "source": blank},
        {k: v for k, v in record("a2", "Hi Al, it is here.", True).items() if k != "source"},
        {**record("b1", "Hello Bo, your parcel is here.", True), "source": "team-b"},
    ]
    assert _records_by_source(tmp_path, capsys, rows) == {"(none)": 2, "team-b": 1}


def test_eval_by_channel_groups_by_the_records_channel(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(gold_file), "--isolated", "--by", "channel", "--format", "json"]) == 0
    groups = json.loads(capsys.readouterr().out)["by"]["groups"]
    assert list(groups) == ["email"] and groups["email"]["records"] == len(GOLD)


def test_a_check_the_configuration_turns_off_is_not_scored_as_missing(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ignore = ["greeting"]` reports greeting "not enabled": scoring that as missing
    would show a team's own turned-off check as always failing."""
    (gold_file.parent / ".replylint.toml").write_text(
        'ignore = ["greeting", "jargon"]\n', encoding="utf-8"
    )
    assert main(["eval", str(gold_file), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["checks"]["greeting"]["n"] == 0
    assert payload["jargon"]["records"] == 0 and payload["jargon"]["predicted"] == 0
    assert payload["not_run"] == {"greeting": 5, "jargon": 5}
    assert payload["checks"]["apology"]["n"] == 5  # the checks it runs are scored as before
    assert main(["eval", str(gold_file)]) == 0
    assert (
        "not scored, as the configuration does not run them (labelled records): greeting (5), "
        "jargon (5); --isolated scores every check" in capsys.readouterr().out
    )
    assert main(["eval", str(gold_file), "--format", "json", "--isolated"]) == 0
    isolated = json.loads(capsys.readouterr().out)
    assert isolated["checks"]["greeting"]["n"] == 5 and isolated["not_run"] == {}


def test_jargon_terms_match_whatever_their_case_or_spacing() -> None:
    terms = TermScore()
    linter_terms = {"TTL", "CDN edge"}
    labelled = {"ttl", "cdn  edge"}
    terms.add({term_key(t) for t in linter_terms}, {term_key(t) for t in labelled}, set())
    assert terms.precision == 1.0 and terms.recall == 1.0


def test_agreeing_that_there_is_no_jargon_is_n_a_not_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (TermScore().precision, TermScore().recall, TermScore().f1) == (None, None, None)
    path = tmp_path / "clean.jsonl"
    path.write_text(json.dumps(record("c", "Hi Ann, your parcel is here.", True)) + "\n")
    assert main(["eval", str(path), "--isolated"]) == 0
    assert "predicted 0, gold 0: precision n/a (vs lenient), recall n/a (vs strict), F1 n/a" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            "customer_mesage",
            "'customer_mesage' is not a record field; did you mean 'customer_message'?",
        ),
        ("chanel", "'chanel' is not a record field; did you mean 'channel'?"),
        ("evidnce", "'evidnce' is not a record field; did you mean 'evidence'?"),
    ],
)
def test_a_misspelt_record_field_is_an_error_not_an_extra(
    tmp_path: Path, field: str, message: str
) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({**record("a", "Hi Ann.", True), field: "chat"}) + "\n")
    with pytest.raises(GoldError, match=re.escape(f'line 1 (id "a"): {message}')):
        list(read_gold(path))
    path.write_text(json.dumps({**record("a", "Hi Ann.", True), "team": "billing"}) + "\n")
    [kept] = read_gold(path)  # a field of the team's own is kept, as "source" is
    assert (kept.model_extra or {})["team"] == "billing"


@pytest.mark.parametrize(
    ("field", "meant"),
    [
        ("question", "'customer_message'"),
        ("Message", "'customer_message'"),
        ("customer", "'customer_message' if it holds what the customer wrote"),
        ("requester_name", "'customer_name'"),
        ("via", "'channel'"),
    ],
)
def test_a_field_named_as_an_export_names_a_record_field_is_an_error(
    tmp_path: Path, field: str, meant: str
) -> None:
    """A scorecard's "Question" column is the customer's message, but the same name in
    a JSON line was kept as a team's own field: the record lost its customer message
    (apology and empathy then never apply, and count as present) without a word."""
    path = tmp_path / "gold.jsonl"
    labelled = {**record("a", "Hi Ann, the parcel ships today.", True), field: "It broke."}
    path.write_text(json.dumps(labelled) + "\n")
    with pytest.raises(GoldError, match=re.escape(f"{field!r} is not a record field")) as info:
        list(read_gold(path))
    assert f"name it {meant}" in str(info.value)


def test_a_record_without_a_reply_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record("a", "  ", True)) + "\n")
    with pytest.raises(GoldError, match='line 1 \\(id "a"\\): reply: the reply is empty'):
        list(read_gold(path))


def test_the_same_id_twice_is_an_error_not_a_reply_counted_twice(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(gold_file), str(gold_file)]) == 2
    assert "is named twice; name it once" in capsys.readouterr().err
    copy = tmp_path / "copy.jsonl"
    copy.write_text(gold_file.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["eval", str(gold_file), str(copy)]) == 2
    assert f"id 'tp' is used in {gold_file} and in {copy}" in capsys.readouterr().err
    twice = tmp_path / "twice.jsonl"
    twice.write_text(json.dumps(GOLD[0]) + "\n" + json.dumps(GOLD[0]) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=f"id 'tp' is used twice in {re.escape(str(twice))}"):
        read_gold_files([twice])


def test_replies_the_linter_does_not_check_are_not_scored_as_all_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reply in another language, or over the length limit, is read by no check:
    scoring it would count each of its labels against the linter."""
    path = tmp_path / "gold.jsonl"
    rows = [
        record("en", "Hi Ann, your parcel is here.", True),
        record("fr", "Bonjour Anne, votre colis est arrivé hier soir. Merci beaucoup !", True),
        record("long", "Hi Ann, your parcel is here. " * 10, True),
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / ".replylint.toml").write_text("max_reply_chars = 200\n", encoding="utf-8")
    assert main(["eval", str(path), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["records"] == 1 and payload["checks"]["greeting"]["tp"] == 1
    unchecked = payload["unchecked"]
    assert unchecked["not in English (fr): the English checks do not read it"] == ["fr"]
    assert [ids for why, ids in unchecked.items() if "over the limit of 200" in why] == [["long"]]
    assert main(["eval", str(path)]) == 0
    assert "not scored, 1 not checked by the linter: not in English (fr)" in (
        capsys.readouterr().out
    )
    # a measurement on every labelled reply (the held-out figures) counts them
    every = evaluate(Linter({"max_reply_chars": 200}), read_gold(path), score_unread=True)
    assert every.records == 3 and every.checks["greeting"].fn == 2 and not every.unchecked


def test_gold_of_which_no_record_could_be_scored_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It printed "0 records from gold.jsonl", every figure n/a, and exited 0: a QA
    team's French scorecard looked measured."""
    path = tmp_path / "gold.jsonl"
    rows = [
        record(f"fr{i}", "Bonjour Anne, votre colis est arrivé hier soir. Merci beaucoup !", True)
        for i in range(3)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", str(path), "--model", "none"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "none of the 3 records from" in captured.err
    assert "3 not in English (fr)" in captured.err


def test_a_reply_of_only_quoted_history_is_scored_with_nothing_present(linter: Linter) -> None:
    quoted = GoldRecord.model_validate(
        record("q", "> Hi, where is my parcel?\n> Thanks, Ann", False)
    )
    [checked] = check_records(linter, [quoted])
    assert checked.unchecked is None  # checked: nothing is there
    assert score_reports([checked]).checks["greeting"].tn == 1


def test_a_json_lines_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOLD[0]).encode() + b"\r\n")
    [first] = read_gold(path)
    assert first.id == "tp"


def test_errors_of_a_check_nothing_labels_say_so(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(gold_file), "--isolated", "--errors", "options"]) == 0
    assert "options is not scored on these records (none labels it" in capsys.readouterr().out


def test_errors_of_several_checks_are_listed_check_by_check(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One run lists the misjudged records of each check asked, comma-separated or
    repeated, each under its own count ("1 record", not "1 records")."""
    assert (
        main(["eval", str(gold_file), "--isolated", "--format", "json", "--errors", "greeting"])
        == 0
    )
    wrong = Counter(e["check"] for e in json.loads(capsys.readouterr().out)["errors"])
    argv = [
        "eval",
        str(gold_file),
        "--isolated",
        "--errors",
        "greeting,options",
        "--errors",
        "apology",
    ]
    assert main(argv) == 0
    out = capsys.readouterr().out
    count = wrong["greeting"]
    assert f"\n{count} {'record' if count == 1 else 'records'} misjudged on greeting:" in out
    assert "options is not scored on these records" in out
    assert "misjudged on apology:" in out
    assert out.index("on greeting:") < out.index("options is not") < out.index("on apology:")


def test_an_unknown_check_in_errors_is_refused_with_the_closest_name(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["eval", str(gold_file), "--errors", "greeting,empaty"])
    assert raised.value.code == 2
    assert "empaty is not a check; did you mean 'empathy'?" in capsys.readouterr().err


def test_eval_with_the_rules_alone_compares_nothing(
    gold_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--model none` printed "the rules alone against model none", every change +0.000."""
    assert main(["eval", str(gold_file), "--isolated", "--model", "none"]) == 0
    out = capsys.readouterr().out
    assert "greeting" in out and "against" not in out
    assert main(["eval", str(gold_file), "--isolated", "--model", "none", "--format", "json"]) == 0
    assert "rules_only" not in json.loads(capsys.readouterr().out)


def test_a_jargon_label_not_in_the_reply_is_a_note_not_a_miss(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A term labelled on a reply that does not contain it is a labelling mistake: no
    linter could find it, so it is left out of recall and reported with its record's id,
    not silently counted against the linter. Case, spacing, HTML tags and escaping do not
    make a term absent."""
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "a", "channel": "chat", "reply": "Your refund is on the way.",
         "labels": {"jargon": ["RMA"]}},
        {"id": "b", "reply": "<p>Our R&amp;D  team checked your TTL.</p>",
         "labels": {"jargon": ["ttl", "R&D team"]}},
        {"id": "c", "reply": "<p>Start it with the command <br>line switch.</p>",
         "labels": {"jargon": ["command line switch", "Tf &amp; sc"]}},
    ]  # fmt: skip
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", str(gold), "--isolated", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["jargon_not_in_reply"] == {"a": ["RMA"], "c": ["Tf &amp; sc"]}
    assert payload["jargon"]["gold"] == 3  # b's two terms and c's one; a's is not a miss
    assert main(["eval", str(gold), "--isolated"]) == 0
    out = capsys.readouterr().out
    assert "not scored, 2 jargon labels not in the reply of 2 records" in out
    assert "a: RMA; c: Tf &amp; sc" in out


@pytest.mark.parametrize(
    ("labels", "empty"),
    [
        ({"jargon": ["RMA", "SLA", ""]}, "jargon"),
        ({"jargon": ["RMA"], "jargon_lenient": ["RMA", "  "]}, "jargon_lenient"),
        ({"template_residue": [""]}, "template_residue"),
    ],
)
def test_an_empty_term_is_an_error_naming_the_record(
    tmp_path: Path, labels: dict[str, list[str]], empty: str
) -> None:
    """An empty jargon term is in no reply: it was counted as a term the linter missed
    (recall 0.667 for "RMA", "SLA", "" on a reply holding both)."""
    gold = tmp_path / "gold.jsonl"
    row = {"id": "r1", "reply": "Hi Ann, your RMA is under our SLA.", "labels": labels}
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    expected = (
        f'gold file {gold}, line 1 (id "r1"): labels.{empty}: {labels[empty]!r} holds an '
        "empty term, which no reply contains; remove it"
    )
    with pytest.raises(GoldError, match=re.escape(expected)):
        list(read_gold(gold))


@pytest.mark.parametrize("strict", [{}, {"jargon": None}])
def test_lenient_jargon_without_the_strict_list_is_an_error(
    tmp_path: Path, strict: dict[str, None]
) -> None:
    """A record with only ``jargon_lenient`` was left out of jargon without a word."""
    gold = tmp_path / "gold.jsonl"
    labels = {"jargon_lenient": ["RMA", "SLA"], **strict}
    row = {"id": "r1", "reply": "Hi Ann, your RMA is under our SLA.", "labels": labels}
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    expected = (
        f'gold file {gold}, line 1 (id "r1"): labels: jargon_lenient is given without jargon; '
        "give jargon too: the terms every annotator flagged, which recall is scored against"
    )
    with pytest.raises(GoldError, match=re.escape(expected)):
        list(read_gold(gold))


NAME_LABEL = {
    "reply": "Hi Sarah, your order ships today. Thanks!",
    "labels": {"customer_name": False},
}
HOLD_LABEL = {"reply": "One moment please.", "labels": {"hold": False}}
PROBLEM_LABEL = {"reply": "Hi Ann, sorry. Thanks!", "labels": {"problem": True}}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (NAME_LABEL, "labels.customer_name: the check compares the reply with the customer's "
         "name, and this record gives none, so a false would count against the linter; add "
         "the record's \"customer_name\""),
        ({**NAME_LABEL, "customer_name": " "}, "labels.customer_name: the check compares"),
        ({**NAME_LABEL, "labels": {"customer_name": True}}, "labels.customer_name: the check"),
        (HOLD_LABEL, "labels.hold: the check applies only in a live conversation (chat or "
         "social), and it gives no \"channel\" (read as email): a false would count against "
         "the linter; give the record its channel"),
        ({**HOLD_LABEL, "channel": "email"}, "labels.hold: the check applies only in a live "
         "conversation (chat or social), and its \"channel\" is email: a false"),
        (PROBLEM_LABEL, "labels.problem: the label says whether the customer's message reports "
         "a problem, and this record has no \"customer_message\", so eval and train would drop "
         "it; add the customer's message, or set problem to null"),
        ({**PROBLEM_LABEL, "customer_message": ""}, "labels.problem: the label says whether"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["eval", "train"])
def test_a_json_label_the_record_gives_no_context_for_is_an_error_naming_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    row: dict[str, object],
    message: str,
    command: str,
) -> None:
    """customer_name without the customer's name, hold outside a live conversation: the
    linter does not apply the check, so a false label counted against it (accuracy 0.000
    where a scorecard refuses the column); a problem label without the customer's
    message was dropped without a word. (null still says "not applicable".)"""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "r1", **row}) + "\n", encoding="utf-8")
    argv = [command, str(gold)] + (["--out", str(tmp_path / "m")] if command == "train" else [])
    assert main(argv) == 2
    assert f'gold file {gold}, line 1 (id "r1"): {message}' in capsys.readouterr().err


@pytest.mark.parametrize(
    ("row", "check"),
    [
        ({**NAME_LABEL, "customer_name": "John Miller"}, "customer_name"),
        ({**HOLD_LABEL, "channel": "chat"}, "hold"),
    ],
)
def test_a_json_label_with_its_context_is_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: dict[str, object], check: str
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "r1", **row}) + "\n", encoding="utf-8")
    assert main(["eval", str(gold), "--isolated", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["checks"][check]["accuracy"] == 1.0


def test_a_json_label_that_does_not_apply_is_null_and_skipped(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    labels = {"greeting": True, "customer_name": None, "hold": None, "problem": None}
    gold.write_text(
        json.dumps({"id": "r1", "reply": "Hi Ann, one moment.", "labels": labels}) + "\n",
        encoding="utf-8",
    )
    [record] = read_gold(gold)
    assert record.labels.customer_name is record.labels.hold is record.labels.problem is None


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("gold.jsonl", '{"id": "r1", "reply": "Your order ships.", "labels": {"next_step": '
         'false, "next_step_timeframe": true}}\n', 1),
        ("card.csv", "id,reply,next step,next step timeframe\nr1,Your order ships.,no,yes\n", 2),
    ],
)  # fmt: skip
def test_a_timeframe_without_a_next_step_is_an_error_naming_the_record(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    """The guide: next_step_timeframe is "always false when next_step is false"."""
    gold = tmp_path / name
    gold.write_text(text, encoding="utf-8")
    expected = (
        f'gold file {gold}, line {line} (id "r1"): labels: next_step_timeframe is true but '
        "next_step is false, and a timeframe is always false without a next step (see "
        '"Gold files" in the README); correct the one that is wrong'
    )
    with pytest.raises(GoldError, match=re.escape(expected)):
        list(read_gold(gold))


@pytest.mark.parametrize("label", ['"yes"', "1", '"true"', "0"])
@pytest.mark.parametrize("command", ["eval", "train"])
def test_a_json_label_that_is_not_a_boolean_is_an_error_naming_the_record(
    tmp_path: Path, label: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`"greeting": "yes"` (or 1) was read as true; eval and train read gold alike."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "r1", "reply": "Hi Dana, thanks!", "labels": {"greeting": true}}\n'
        f'{{"id": "r2", "reply": "Hi Dana, thanks!", "labels": {{"greeting": {label}}}}}\n',
        encoding="utf-8",
    )
    argv = [command, str(gold)] + (["--out", str(tmp_path / "m")] if command == "train" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    shown = label.replace('"', "'")  # (as Python writes the value)
    assert f'gold file {gold}, line 2 (id "r2"): labels.greeting: {shown} is not a label' in err
    assert "true (present), false (missing) or null (not scored)" in err


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ('{"id": 7, "reply": "Hi", "labels": {"greeting": "yes"}}', 'line 2 (id "7"): '),
        ('{"id": "", "reply": "Hi", "labels": {"greeting": "yes"}}', "line 2: "),
        ('{"reply": "Hi", "labels": {"greeting": true}}', "line 2: id: field required"),
        ('["r2", "Hi"]', "line 2: "),
    ],
)
def test_a_bad_record_is_named_by_its_id_only_when_it_has_one(
    tmp_path: Path, line: str, place: str
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record("r1", "Hi Ann.", True)) + "\n" + line + "\n")
    with pytest.raises(GoldError, match=re.escape(f"gold file {gold}, {place}")):
        list(read_gold(gold))


def test_unsure_missing_findings_are_counted_apart_from_the_errors(tmp_path: Path) -> None:
    """An agent counting `check`'s findings sees the unsure "missing next step" warnings
    too: `eval` gives them beside the errors, with how many were right, instead of
    leaving them out of the line."""
    hope = (
        "Hi Pat,\n\nWe hope to have the export feature working again soon. Hopefully it will"
        " be back before long.\n\nThanks for your patience!"
    )
    gold = [
        GoldRecord.model_validate(record("hope-none", hope, True)),
        GoldRecord.model_validate(record("hope-step", hope, True, next_step=True)),
    ]
    linter = Linter({"model": "bundled"})
    reports = [linter.check(r.reply, channel=r.channel) for r in gold]
    assert all("one severity lower" in (r.checks["next_step"].reason or "") for r in reports)
    result = evaluate(linter, gold)
    alarm = result.alarms["next_step"]
    assert (alarm.raised, alarm.lowered, alarm.lowered_right) == (0, 2, 1)
    table = format_table(result)
    assert "next_step: 0 'missing' errors raised" in table
    assert "2 more as warnings (the model unsure), 1 right (0.500)" in table
    counts = result.counts()
    assert Evaluation.from_counts(counts).alarms["next_step"] == alarm
    one = format_table(evaluate(linter, gold[:1]))
    assert "1 more as a warning (the model unsure), 1 right (1.000)" in one


def test_eval_counts_one_record_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "one.jsonl"
    record = {
        "id": "a",
        "reply": "Hi Sam, your order ships today. Thanks!",
        "labels": {"greeting": True},
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["eval", str(gold), "--isolated", "--model", "none"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"1 record from {gold}"


@pytest.mark.parametrize("channel", [None, "", "E-mail"])
def test_a_null_or_empty_channel_is_read_as_email(channel: str | None) -> None:
    record = {"id": "a", "reply": "Hi Sam, it ships today.", "channel": channel}
    assert GoldRecord.model_validate({**record, "labels": {"greeting": True}}).channel == "email"
