"""The model card: what a trained model decides, how its scores are calibrated, and how
well it did on replies it had not trained on. Written by ``replylint train`` as
``model.json`` beside the classifier, read by the linter and by ``replylint eval``."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: ``replylint train``'s defaults, recorded in every card (here, not in the training
#: module, so the command line can show them without importing training).
DEFAULT_EPOCHS = 12
DEFAULT_FOLDS = 5

#: Bump when the directory layout or the features change, so an old model is refused
#: with a clear message instead of silently reading features it was not trained on.
MODEL_FORMAT: Literal[1] = 1


class HeldOutFigures(BaseModel):
    """Out-of-fold figures on the training replies (each scored by a model that did not
    train on it): the model against the rules, on the same replies."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    replies: int = Field(
        description="Training replies labelled for the check (those whose gold leaves it "
        "out are left out): the macro-F1s are over these."
    )
    present: int | None = Field(
        default=None,
        description="Of those, the replies labelled present: none or all is one class, "
        "from which the model learns nothing (the rules decide). None: a card written "
        "before it was recorded.",
    )
    model_macro_f1: float | None = Field(
        description="None: not measured (one class only, or the check applies to fewer "
        "than 20 of the replies: the model is not calibrated for it, the rules decide)."
    )
    rules_macro_f1: float
    model_missing_precision: float | None = Field(
        description="How often the model's 'missing' (below the error band) is right; "
        "None: not measured."
    )
    rules_missing_precision: float | None = Field(
        description="How often the rules' 'missing' is right; None: not measured (the rules "
        "said 'missing' on none of the replies)."
    )
    expected_calibration_error: float | None = Field(description="None: not measured.")


class CheckCalibration(BaseModel):
    """How to read the classifier's score for one check."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    platt_a: float = Field(description="Calibration: sigmoid(a * logit(score) + b).")
    platt_b: float
    threshold: float = Field(
        ge=0,
        le=1,
        description="Where the rule did not find the check: the calibrated P(present) "
        "from which the model says it is there.",
    )
    error_below: float = Field(
        ge=0,
        le=1,
        description="Below this P(present) a 'missing' finding keeps the rule's severity; "
        "between it and the threshold it is reported one level lower. Where the rule "
        "found the check, the model overrules it only below this.",
    )
    decides: bool = Field(
        description="True when the model beat the rules on held-out training replies; "
        "otherwise the rule's verdict stands."
    )
    adds_from: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Where the rules decide the check and did not find it: the calibrated "
        "P(present) from which the model says it is there, because its additions from "
        "there were right at least 90% of the time on held-out training replies, on every "
        "source. None: the model adds nothing (and where it decides, `threshold` applies).",
    )
    held_out: HeldOutFigures


class TermFigures(BaseModel):
    """The jargon term model (``terms/``): its data and cross-validated figures."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    replies: int
    gold_terms: int = Field(description="Terms every annotator flagged.")
    candidate_recall: float = Field(description="Share of those the candidates reach.")
    threshold: float
    cv_precision: float = Field(description="Out of fold, against the lenient terms.")
    cv_recall: float = Field(description="Out of fold, against the strict terms.")


class ProblemFigures(BaseModel):
    """The customer-problem model (``problem/``): its data and out-of-fold figures of
    whether a customer message reports a problem, the rules' problem words alone
    against the rules and the model together."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    messages: int = Field(description="Labelled customer messages trained on.")
    problems: int = Field(description="Of those, the ones labelled as reporting a problem.")
    threshold: float = Field(
        description="From this probability a message the rules find no problem in reports "
        "one (above 1: the model adds nothing)."
    )
    folds_by: Literal["source", "id"]
    rules_precision: float
    rules_recall: float
    cv_precision: float = Field(description="Rules and model together, out of fold.")
    cv_recall: float
    cv_added_precision: float = Field(
        description="How often a message the model adds (the rules found nothing) was "
        "labelled a problem."
    )


class ModelCard(BaseModel):
    """``model.json`` of a model directory."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1] = MODEL_FORMAT
    name: str = Field(description="The directory's name when it was trained.")
    replylint_version: str
    seed: int
    records: int = Field(description="Labelled replies trained on.")
    sources: dict[str, int] = Field(description="Training replies per `source` field.")
    data_sha1: str = Field(description="Fingerprint of the training data (ids and labels).")
    folds: int = Field(description="Cross-validation folds used for calibration.")
    folds_by: Literal["source", "id"] = Field(
        default="id",
        description="'source': one fold per source (held-out figures are cross-source); "
        "'id': folds by a hash of the reply id.",
    )
    epochs: int
    checks: dict[str, CheckCalibration]
    terms: TermFigures | None = Field(
        default=None,
        description="The jargon term model, when the gold had enough jargon labels; "
        "without it the jargon rule decides alone.",
    )
    problem: ProblemFigures | None = Field(
        default=None,
        description="The customer-problem model, when the gold had enough `problem` "
        "labels; without it the rules' problem words decide alone.",
    )
