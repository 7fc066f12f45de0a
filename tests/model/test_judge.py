"""How a check the model decides is settled from the rule's outcome and the model's
calibrated opinion (replylint.model.checks_model.judge): precision before recall."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from replylint import Linter
from replylint.model.calibration import tempers
from replylint.model.card import CheckCalibration, HeldOutFigures
from replylint.model.checks_model import Opinion, add, judge, temper
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleOutcome

CALIBRATION = CheckCalibration(
    platt_a=1.0,
    platt_b=0.0,
    threshold=0.5,
    error_below=0.3,
    decides=True,
    held_out=HeldOutFigures(
        replies=100,
        model_macro_f1=0.9,
        rules_macro_f1=0.8,
        model_missing_precision=0.9,
        rules_missing_precision=0.6,
        expected_calibration_error=0.01,
    ),
)
WITH_STEP = "Hi Dana, please restart the app and tell me if the list loads. Thanks! Jo"
WITHOUT_STEP = "Hi Dana, the list is stored on our servers. Thanks! Jo"


@pytest.fixture(scope="module")
def linter(rules_only: Linter) -> Linter:
    return rules_only


def _judged(linter: Linter, reply: str, p: float, check: str = "next_step") -> RuleOutcome:
    [rule] = [r for r in linter.rules if r.check_name == check]
    assert isinstance(rule, PresenceRule)
    analysed = linter.analyze(reply, customer_message=None)
    outcome = rule.run(analysed)
    opinion = Opinion(probability=p, evidence=analysed.sentences[0])
    return judge(rule, analysed, outcome, opinion, CALIBRATION)


def test_rule_and_model_agree_on_present(linter: Linter) -> None:
    judged = _judged(linter, WITH_STEP, 0.95)
    assert judged.verdict is not None and judged.verdict.present
    assert judged.verdict.evidence == "restart"  # the rule's evidence is kept
    assert judged.verdict.confidence == 0.95 and judged.verdict.decided_by == "model"
    assert judged.findings == []


def test_an_unsure_model_does_not_overrule_a_rule_that_found_it(linter: Linter) -> None:
    judged = _judged(linter, WITH_STEP, 0.4)  # below the threshold, above the error band
    assert judged.verdict is not None and judged.verdict.present
    assert judged.findings == []


def test_a_sure_model_overrules_a_rule_that_found_it(linter: Linter) -> None:
    judged = _judged(linter, WITH_STEP, 0.1)
    assert judged.verdict is not None and not judged.verdict.present
    assert "restart" in (judged.verdict.reason or "")
    [finding] = judged.findings
    assert finding.severity is Severity.error and finding.confidence == 0.9


def test_the_model_finds_what_the_rule_missed(linter: Linter) -> None:
    judged = _judged(linter, WITHOUT_STEP, 0.8)
    assert judged.verdict is not None and judged.verdict.present
    assert judged.verdict.evidence == "Hi Dana, the list is stored on our servers."  # its pick
    assert judged.findings == []


def test_unsure_missing_is_reported_one_severity_lower(linter: Linter) -> None:
    judged = _judged(linter, WITHOUT_STEP, 0.4)
    assert judged.verdict is not None and not judged.verdict.present
    [finding] = judged.findings
    assert finding.severity is Severity.warning  # next_step is an error rule
    assert finding.confidence == 0.6
    assert "unsure" in (judged.verdict.reason or "")


def test_sure_missing_keeps_the_rule_severity(linter: Linter) -> None:
    judged = _judged(linter, WITHOUT_STEP, 0.05)
    [finding] = judged.findings
    assert finding.severity is Severity.error and finding.confidence == 0.95


def test_a_check_that_does_not_apply_may_only_be_found_done(linter: Linter) -> None:
    # no problem in sight: empathy does not apply
    done = _judged(linter, WITHOUT_STEP, 0.9, check="empathy")
    assert done.verdict is not None and done.verdict.present and not done.verdict.applicable
    assert done.findings == []
    not_done = _judged(linter, WITHOUT_STEP, 0.01, check="empathy")
    assert not_done.verdict is not None and not not_done.verdict.applicable
    assert not not_done.verdict.present and not_done.findings == []


def test_a_stream_is_judged_as_each_reply_alone() -> None:
    """check_many scores a whole chunk in one call to the classifier; every report must
    be what check() gives for that reply alone."""
    linter = Linter()
    replies = [
        WITH_STEP,
        WITHOUT_STEP,
        "Merci beaucoup pour votre message, nous revenons vers vous rapidement avec une solution.",
        "Hi Sam, I've refunded the order; it reaches your card in 3-5 days. Thanks! Jo",
        "Your ticket is with our billing team.",
    ]
    streamed = list(linter.check_many(replies, batch_size=3))
    assert [r.model_dump() for r in streamed] == [linter.check(r).model_dump() for r in replies]
    assert any(r.checks["next_step"].decided_by == "model" for r in streamed)


TIMED_STEP = "Hi Dana, please restart the app today and tell me if the list loads. Thanks! Jo"


def _settled(linter: Linter, reply: str, p: float) -> dict[str, RuleOutcome]:
    """The outcomes of next_step (judged by a model at ``p``, its evidence the first
    sentence), next_step_timeframe, greeting and options after the checks built on
    another are settled, as the linter settles them."""
    from replylint.linter import _after_their_basis, _on_added_basis

    analysed = linter.analyze(reply, customer_message=None)
    wanted = ("next_step", "next_step_timeframe", "greeting", "options")
    rules = [r for r in linter.rules if r.check_name in wanted]
    outcomes = []
    added = {}
    for rule in rules:
        assert isinstance(rule, PresenceRule)
        outcome = rule.run(analysed)
        if rule.check_name == "next_step":
            opinion = Opinion(probability=p, evidence=analysed.sentences[0])
            found_by_rule = outcome.verdict is not None and outcome.verdict.present
            outcome = judge(rule, analysed, outcome, opinion, CALIBRATION)
            if not found_by_rule and outcome.verdict is not None and outcome.verdict.present:
                assert outcome.evidence is not None  # the model's sentence, kept
                added["next_step"] = outcome.evidence
        outcomes.append((rule, outcome))
    settled = _after_their_basis(_on_added_basis(analysed, outcomes, added))
    return {rule.check_name: outcome for rule, outcome in settled}


def test_no_timeframe_where_the_model_reads_no_next_step(linter: Linter) -> None:
    settled = _settled(linter, TIMED_STEP, 0.1)
    timeframe = settled["next_step_timeframe"].verdict
    assert timeframe is not None
    assert not timeframe.present and not timeframe.applicable
    assert timeframe.reason == "the model reads no next_step in the reply"
    assert timeframe.decided_by == "model" and settled["next_step_timeframe"].findings == []
    step = settled["next_step"].verdict
    assert step is not None and timeframe.confidence == step.confidence == 0.9  # 1 - p
    greeting = settled["greeting"].verdict  # a check built on nothing is left alone
    assert greeting is not None and greeting.present and greeting.decided_by == "rules"


def test_the_timeframe_stands_where_the_model_keeps_the_step(linter: Linter) -> None:
    settled = _settled(linter, TIMED_STEP, 0.95)
    timeframe = settled["next_step_timeframe"].verdict
    assert timeframe is not None and timeframe.present and timeframe.evidence == "today"
    assert timeframe.decided_by == "rules"


UNTIMED_BY_RULES = (
    "Hi Dana, the money finds its way back to your card within 3 working days. Thanks! Jo"
)
UNTIMED_NO_TIME = (
    "Hi Dana, the money finds its way back to your card once the parcel is back. Thanks! Jo"
)


def test_a_step_only_the_model_reads_is_timed_from_its_sentence(linter: Linter) -> None:
    before = linter.analyze(UNTIMED_BY_RULES, customer_message=None)
    assert not before.next_steps  # the rules read no step, so no timeframe either
    settled = _settled(linter, UNTIMED_BY_RULES, 0.95)
    step = settled["next_step"].verdict
    assert step is not None and step.present and step.evidence is not None
    assert "finds its way back" in step.evidence
    timeframe = settled["next_step_timeframe"].verdict
    assert timeframe is not None and timeframe.applicable and timeframe.present
    assert timeframe.evidence == "within 3 working days"
    assert settled["next_step_timeframe"].findings == []


REFUSED_WITH_A_STEP = (
    "I can't release it from here, but if you send the form today through your online "
    "account, the payment team can review it within 2 working days."
)


@pytest.mark.parametrize(("p", "offered"), [(0.95, True), (0.05, False)])
def test_a_step_only_the_model_reads_is_the_refusals_option(
    linter: Linter, p: float, offered: bool
) -> None:
    """A refusal whose next step only the model reads is not reported as a dead end
    beside "next_step: ok"; where the model reads no step, it still is."""
    analysed = linter.analyze(REFUSED_WITH_A_STEP, customer_message=None)
    assert not analysed.next_steps  # the rules read no step
    options = _settled(linter, REFUSED_WITH_A_STEP, p)["options"]
    assert options.verdict is not None and options.verdict.applicable
    assert options.verdict.present is offered
    assert (options.findings == []) is offered


def test_no_finding_on_an_untimed_step_only_the_model_reads(linter: Linter) -> None:
    settled = _settled(linter, UNTIMED_NO_TIME, 0.95)
    assert settled["next_step"].verdict is not None and settled["next_step"].verdict.present
    timeframe = settled["next_step_timeframe"].verdict
    assert timeframe is not None and not timeframe.applicable and not timeframe.present
    assert settled["next_step_timeframe"].findings == []


def test_the_model_agreeing_with_the_rules_steps_changes_no_timeframe(linter: Linter) -> None:
    untimed = "Hi Dana, we'll look into it. Thanks! Jo"
    settled = _settled(linter, untimed, 0.95)
    timeframe = settled["next_step_timeframe"].verdict
    assert timeframe is not None and timeframe.applicable and not timeframe.present
    assert timeframe.reason == "no step says when"


# ---------------------------------------------------------- checks the model tempers

RULES_DECIDE = CALIBRATION.model_copy(update={"decides": False})


def _tempered(linter: Linter, reply: str, p: float) -> RuleOutcome:
    [rule] = [r for r in linter.rules if r.check_name == "next_step"]
    analysed = linter.analyze(reply, customer_message=None)
    opinion = Opinion(probability=p, evidence=analysed.sentences[0])
    return temper(rule.run(analysed), opinion, RULES_DECIDE)


def test_a_doubted_missing_finding_is_one_severity_lower(linter: Linter) -> None:
    tempered = _tempered(linter, WITHOUT_STEP, 0.6)  # at or above the error band (0.3)
    assert tempered.verdict is not None and not tempered.verdict.present
    assert tempered.verdict.decided_by == "rules"  # the verdict stays the rule's
    assert "the model doubts it is missing (P(present) 0.60)" in (tempered.verdict.reason or "")
    [finding] = tempered.findings
    assert finding.severity is Severity.warning
    # the model's calibrated confidence that it is missing, not the rule's fixed one
    assert finding.confidence == tempered.verdict.confidence == 0.4


def test_a_missing_finding_the_model_is_sure_of_keeps_its_severity(linter: Linter) -> None:
    [rule] = [r for r in linter.rules if r.check_name == "next_step"]
    plain = rule.run(linter.analyze(WITHOUT_STEP, customer_message=None))
    tempered = _tempered(linter, WITHOUT_STEP, 0.1)
    assert tempered.verdict is not None and plain.verdict is not None
    assert tempered.verdict.reason == plain.verdict.reason
    [finding] = tempered.findings
    assert finding.severity is Severity.error and finding.confidence == 0.9
    assert finding.message == plain.findings[0].message


def test_tempering_never_touches_a_check_found(linter: Linter) -> None:
    tempered = _tempered(linter, WITH_STEP, 0.01)
    assert tempered.verdict is not None and tempered.verdict.present
    assert tempered.findings == [] and tempered.verdict.decided_by == "rules"


@pytest.mark.parametrize(
    ("decides", "error_below", "rules_precision", "expected"),
    [
        (False, 0.16, 0.70, True),  # rules decide, their alarms are weak: tempered
        (False, 0.16, 0.95, False),  # the rules' alarms are error-grade: left alone
        (True, 0.16, 0.70, False),  # the model decides: judged, not tempered
        # no band held on every source: every one of the weak alarms goes one lower (a
        # model trained without the Firefox forum left its 295 errors there, 67% right)
        (False, 0.0, 0.70, True),
        (False, 0.0, 0.95, False),
    ],
)
def test_which_checks_are_tempered(
    decides: bool, error_below: float, rules_precision: float, expected: bool
) -> None:
    held_out = CALIBRATION.held_out.model_copy(update={"rules_missing_precision": rules_precision})
    calibration = CALIBRATION.model_copy(
        update={"decides": decides, "error_below": error_below, "held_out": held_out}
    )
    assert tempers(calibration) is expected


def _model_without_next_step(tmp_path: Path, error_below: float, rules_precision: float) -> Path:
    """The bundled model with next_step left to the rules, as training leaves it when
    the model does not beat them."""
    from replylint.model.checks_model import bundled_model_dir

    copy = tmp_path / f"model-{error_below}-{rules_precision}"
    shutil.copytree(bundled_model_dir(), copy)
    card = json.loads((copy / "model.json").read_text(encoding="utf-8"))
    step = card["checks"]["next_step"]
    step["decides"] = False
    step["error_below"] = error_below
    step["held_out"]["rules_missing_precision"] = rules_precision
    (copy / "model.json").write_text(json.dumps(card), encoding="utf-8")
    return copy


def test_the_linter_tempers_the_rules_where_the_model_does_not_decide(tmp_path: Path) -> None:
    reply = "Hi Dana, the list is stored on our servers and synced every hour. Thanks! Jo"

    def step_finding(model: Path) -> tuple[Severity, str | None]:
        report = Linter({"model": str(model)}).check(reply)
        [finding] = [f for f in report.findings if f.rule == "next_step"]
        assert report.checks["next_step"].decided_by == "rules"
        return finding.severity, report.checks["next_step"].reason

    # every probability is at or above a band of 0.001 (doubted), and below one of 0.99
    doubted, why = step_finding(_model_without_next_step(tmp_path, 0.001, 0.70))
    assert doubted is Severity.warning and "the model doubts it is missing" in (why or "")
    sure, _ = step_finding(_model_without_next_step(tmp_path, 0.99, 0.70))
    assert sure is Severity.error
    precise_rules, why = step_finding(_model_without_next_step(tmp_path, 0.001, 0.95))
    assert precise_rules is Severity.error and "doubts" not in (why or "")
    # no band: the weak rules' alarm is no error, whatever the model's probability
    unbanded, why = step_finding(_model_without_next_step(tmp_path, 0.0, 0.70))
    assert unbanded is Severity.warning and "the model doubts it is missing" in (why or "")


def _uncalibrated(rules_precision: float) -> CheckCalibration:
    """A check as `replylint train` leaves it when it cannot calibrate the model for it
    (the rules find it applies to fewer than 20 labelled replies, or the labels are one
    class): an identity Platt curve, no band, the rules deciding, nothing measured."""
    return CheckCalibration(
        platt_a=1.0, platt_b=0.0, threshold=0.5, error_below=0.0, decides=False,
        held_out=HeldOutFigures(
            replies=15, present=9, model_macro_f1=None, rules_macro_f1=0.8,
            model_missing_precision=None, rules_missing_precision=rules_precision,
            expected_calibration_error=None,
        ),
    )  # fmt: skip


def test_a_check_the_model_was_not_calibrated_for_is_left_to_the_rules(tmp_path: Path) -> None:
    """`train` says of such a check that the rules decide, and `model.json` holds no
    model figures for it; yet weak rule alarms had it tempered by the uncalibrated
    score: every "missing" finding one severity lower (a next_step error a gate on
    errors would stop became a warning), with a made-up confidence that
    --min-confidence then hid."""
    assert not tempers(_uncalibrated(0.6))
    reply = "Hi Dana, the list is stored on our servers and synced every hour. Thanks! Jo"
    model = _model_without_next_step(tmp_path, 0.0, 0.6)
    card = json.loads((model / "model.json").read_text(encoding="utf-8"))
    card["checks"]["next_step"] = _uncalibrated(0.6).model_dump(mode="json")
    (model / "model.json").write_text(json.dumps(card), encoding="utf-8")
    plain = Linter({"model": "none"}).check(reply)
    report = Linter({"model": str(model)}).check(reply)
    [expected] = [f for f in plain.findings if f.rule == "next_step"]
    [finding] = [f for f in report.findings if f.rule == "next_step"]
    assert finding.severity is Severity.error
    assert finding.confidence == expected.confidence
    assert report.checks["next_step"] == plain.checks["next_step"]


# -- the model adds to a check the rules decide (adds_from) -----------------------------

ADDING = CALIBRATION.model_copy(update={"decides": False, "adds_from": 0.8})


def _added(linter: Linter, reply: str, p: float, calibration: CheckCalibration) -> RuleOutcome:
    [rule] = [r for r in linter.rules if r.check_name == "next_step"]
    assert isinstance(rule, PresenceRule)
    analysed = linter.analyze(reply, customer_message=None)
    opinion = Opinion(probability=p, evidence=analysed.sentences[0])
    return add(rule.run(analysed), opinion, calibration)


def test_a_sure_model_adds_what_the_rules_missed(linter: Linter) -> None:
    added = _added(linter, WITHOUT_STEP, 0.85, ADDING)
    assert added.verdict is not None and added.verdict.present
    assert added.verdict.decided_by == "model" and added.findings == []
    assert added.verdict.evidence == "Hi Dana, the list is stored on our servers."


def test_below_its_threshold_the_rules_missing_stands(linter: Linter) -> None:
    added = _added(linter, WITHOUT_STEP, 0.79, ADDING)
    assert added.verdict is not None and not added.verdict.present
    assert added.verdict.decided_by == "rules" and len(added.findings) == 1


def test_adding_never_takes_a_rules_finding_away(linter: Linter) -> None:
    added = _added(linter, WITH_STEP, 0.01, ADDING)
    assert added.verdict is not None and added.verdict.present
    assert added.verdict.decided_by == "rules" and added.verdict.evidence == "restart"


def test_a_model_without_adds_from_adds_nothing(linter: Linter) -> None:
    no_adding = ADDING.model_copy(update={"adds_from": None})
    added = _added(linter, WITHOUT_STEP, 0.99, no_adding)
    assert added.verdict is not None and not added.verdict.present


def test_the_linter_lets_the_model_add_where_the_card_says(tmp_path: Path) -> None:
    reply = "Hi Dana, the list is stored on our servers and synced every hour. Thanks! Jo"
    from replylint.model.checks_model import bundled_model_dir

    copy = tmp_path / "adding"
    shutil.copytree(bundled_model_dir(), copy)
    card = json.loads((copy / "model.json").read_text(encoding="utf-8"))
    step = card["checks"]["next_step"]
    step["decides"] = False
    step["held_out"]["rules_missing_precision"] = 0.95  # (no tempering)
    step["adds_from"] = 0.0  # any probability adds
    (copy / "model.json").write_text(json.dumps(card), encoding="utf-8")
    report = Linter({"model": str(copy)}).check(reply)
    assert report.checks["next_step"].present
    assert report.checks["next_step"].decided_by == "model"
    assert not [f for f in report.findings if f.rule == "next_step"]
    step["adds_from"] = None
    (copy / "model.json").write_text(json.dumps(card), encoding="utf-8")
    report = Linter({"model": str(copy)}).check(reply)
    assert not report.checks["next_step"].present
    assert report.checks["next_step"].decided_by == "rules"


def test_rules_with_no_missing_verdict_held_out_are_not_tempered() -> None:
    """0 right of 0 is not measured: nothing shows the rules' alarms doubtful."""
    held_out = CALIBRATION.held_out.model_copy(update={"rules_missing_precision": None})
    calibration = CALIBRATION.model_copy(
        update={"decides": False, "error_below": 0.0, "held_out": held_out}
    )
    assert tempers(calibration) is False
