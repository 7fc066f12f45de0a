"""The trained checks model: loaded once per linter, asked once per reply.

A model directory (what ``replylint train --out DIR`` writes, and ``models/default/``
in the wheel) holds ``model.json`` (the :class:`~replylint.model.card.ModelCard`) and
``textcat/``, a spaCy ``textcat_multilabel`` pipeline (bag of words) that scores every
sentence for every check. A reply's score for a check is its best sentence's score,
and that sentence is the evidence; the card's Platt curve makes it a probability.

:func:`judge` then settles each check the model decides: the rule's verdict where both
agree, the model's where it is sure, and a "missing" finding one severity lower where
it is not (precision before recall: an unsure alarm must not look like a sure one).
Where the rules decide, :func:`add` lets the model say a check the rules missed is done
when its additions were right as often as an error must be, and :func:`temper` lowers
the rules' doubtful alarms.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import ValidationError
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span

from replylint import __version__
from replylint.analysis import AnalyzedReply
from replylint.config import BUNDLED_MODEL, RULES_ONLY
from replylint.model.bow import BowScorer
from replylint.model.calibration import platt, says_present, tempers
from replylint.model.card import MODEL_FORMAT, CheckCalibration, ModelCard
from replylint.model.features import MODEL_CHECKS, RuleView, Segment, segments
from replylint.model.problem_model import PROBLEM_DIR
from replylint.model.terms import MODEL_FILE as TERMS_MODEL_FILE
from replylint.model.terms import TERMS_DIR
from replylint.report import LOWERED, CheckResult, Severity
from replylint.resources import data_dir
from replylint.rule import PresenceRule, RuleOutcome

CARD_FILE = "model.json"
CLASSIFIER_DIR = "textcat"


def _check_complete(path: Path, card: ModelCard) -> None:
    """A model directory copied in part (``model.json`` and ``textcat/`` without the
    ``terms/`` or ``problem/`` its card lists) would quietly leave jargon or the reading
    of the customer's problem to the rules, and change the results: refuse it."""
    absent = []
    if card.terms is not None and not (path / TERMS_DIR / TERMS_MODEL_FILE).is_file():
        absent.append(f"its term model ({TERMS_DIR}/{TERMS_MODEL_FILE})")
    if card.problem is not None and not (path / PROBLEM_DIR).is_dir():
        absent.append(f"its customer-problem model ({PROBLEM_DIR}/)")
    if absent:
        raise ModelError(
            f"model: {path}: {CARD_FILE} lists {' and '.join(absent)}, missing from the "
            "directory; copy the whole directory `replylint train` wrote"
        )


COMPONENT = "textcat_multilabel"


#: What to do about a model card that cannot be read: it was cut short, or edited.
_DAMAGED = (
    "the file is damaged or was edited: copy the whole model directory again, or train "
    "it again with `replylint train`"
)


#: What to do about a model another replylint wrote, in a form this one cannot read.
_OTHER_VERSION = "use it with replylint {0}, or train it again with this one (`replylint train`)"
_TRAIN_AGAIN = "train it again with `replylint train`"


class ModelError(ValueError):
    """A model directory cannot be used; says which and what to do."""


@dataclass(frozen=True)
class Opinion:
    """The model's view of one check on one reply."""

    #: Calibrated probability that the reply does what the check asks.
    probability: float
    #: The sentence the model rates highest for the check (its evidence).
    evidence: Span | None


def bundled_model_dir() -> Path:
    return data_dir("models") / "default"


def resolve_model_dir(setting: str | Path) -> Path | None:
    """The directory a ``model`` setting names: ``bundled`` is the model shipped in the
    wheel, ``none`` (None here) the rules alone, anything else a directory written by
    ``replylint train``."""
    text = str(setting)
    if text == RULES_ONLY:
        return None
    return bundled_model_dir() if text == BUNDLED_MODEL else Path(setting)


class ChecksModel:
    """A trained model directory, ready to score replies (thread-safe)."""

    def __init__(self, path: Path, card: ModelCard, classifier: TrainablePipe) -> None:
        self.path = path
        self.card = card
        self._classifier = classifier
        self._lock = threading.Lock()
        self._labels = list(MODEL_CHECKS)
        #: The classifier's output column of each label (its own order).
        self._label_index = {label: i for i, label in enumerate(classifier.labels)}
        #: The same classifier fed word ids directly (None: not a bag of words, so
        #: scored through ``predict`` on docs).
        self._bow = BowScorer.of(classifier)
        #: Each check's Platt curve, in the order of ``_labels``: a reply's checks are
        #: calibrated in one vectorised step.
        self._platt = (
            np.array([card.checks[c].platt_a for c in self._labels]),
            np.array([card.checks[c].platt_b for c in self._labels]),
        )
        #: The checks the model decides (the card is frozen): asked for every rule's
        #: outcome of every reply.
        self.decided = frozenset(c for c, calibration in card.checks.items() if calibration.decides)
        #: The checks the rules decide while the model tempers their doubtful "missing"
        #: findings (:func:`replylint.model.calibration.tempers`, :func:`temper`).
        self.tempered = frozenset(
            c for c, calibration in card.checks.items() if tempers(calibration)
        )
        #: The checks the rules decide and the model adds to where they missed them
        #: (:func:`add`).
        self.adding = frozenset(
            c
            for c, calibration in card.checks.items()
            if not calibration.decides and calibration.adds_from is not None
        )
        #: The checks whose opinions the linter asks for.
        self.consulted = self.decided | self.tempered | self.adding

    @classmethod
    def load(cls, path: Path, nlp: Language) -> ChecksModel:
        """Read a model directory; :class:`ModelError` when it is not one.

        The classifier is built on ``nlp`` (the linter's pipeline: its vocabulary, not a
        second pipeline) from the directory's config and weights, without being added
        to the pipeline: that takes a few hundredths of a second where ``spacy.load``
        takes a few tenths, which every CLI start would pay."""
        card_path = path / CARD_FILE
        if not path.is_dir():
            what = "a file, not a model directory" if path.exists() else "no such directory"
            raise ModelError(
                f"model: {path}: {what}; give a directory written by "
                "`replylint train --out DIR`, 'bundled', or 'none' for the rules alone"
            )
        if not card_path.is_file():
            raise ModelError(
                f"model: {path}: no {CARD_FILE} in it; it is not a directory written by "
                "`replylint train --out DIR`"
            )
        try:
            card = ModelCard.model_validate_json(card_path.read_bytes())
        except ValidationError as exc:
            version, writer = _written_by(card_path)
            other = writer is not None and writer != __version__
            if version is not None and version != MODEL_FORMAT:
                by = f" by replylint {writer}" if writer else ""
                raise ModelError(
                    f"model: {path}: written{by} in model format {version}; this is "
                    f"replylint {__version__}, which reads format {MODEL_FORMAT}: "
                    + (_OTHER_VERSION.format(writer) if other else _TRAIN_AGAIN)
                ) from None
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "top level"
            advice = (
                f"it was written by replylint {writer} and this is replylint {__version__}: "
                + _OTHER_VERSION.format(writer)
                if other
                else _DAMAGED
            )
            raise ModelError(
                f"model: {path}: {CARD_FILE}: {where}: {first['msg']}; {advice}"
            ) from None
        try:
            classifier = _classifier(nlp, path / CLASSIFIER_DIR)
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(
                f"model: {path}: its classifier in {CLASSIFIER_DIR}/ cannot be loaded "
                f"({type(exc).__name__}); train it again with `replylint train`"
            ) from None
        missing = [c for c in MODEL_CHECKS if c not in card.checks]
        if missing:
            raise ModelError(
                f"model: {path}: {CARD_FILE} has no calibration for {missing[0]!r}; {_DAMAGED}"
            )
        _check_complete(path, card)
        return cls(path, card, classifier)

    @property
    def name(self) -> str:
        return self.card.name

    def decides(self, check: str) -> bool:
        return check in self.decided

    def raw_scores(self, words: list[tuple[str, ...]]) -> np.ndarray:
        """The classifier's uncalibrated score per feature doc and check."""
        if not words:
            return np.zeros((0, len(self._labels)))
        with self._lock:
            if self._bow is not None:
                scores = self._bow.predict(words)
            else:
                vocab = self._classifier.vocab
                docs = [Doc(vocab, words=list(w)) for w in words]
                # predict, not pipe: the scores without writing doc.cats (a dict per doc)
                scores = self._classifier.predict(docs)
        columns = [self._label_index[c] for c in self._labels]
        return np.asarray(scores, dtype=np.float64)[:, columns]

    def opinions(self, reply: AnalyzedReply, rules: dict[str, RuleView]) -> dict[str, Opinion]:
        """The model's calibrated view of every check on this reply."""
        return self.opinions_many([(reply, rules)])[0]

    def opinions_many(
        self, replies: list[tuple[AnalyzedReply, dict[str, RuleView]]]
    ) -> list[dict[str, Opinion]]:
        """:meth:`opinions` for several replies, scored in one call to the classifier."""
        parts = [segments(reply, rules) for reply, rules in replies]
        scores = self.raw_scores([p.words for reply_parts in parts for p in reply_parts])
        return self._opinions_of_many(parts, scores)

    def _opinions_of(self, parts: list[Segment], scores: np.ndarray) -> dict[str, Opinion]:
        """:meth:`_opinions_of_many` of one reply."""
        return self._opinions_of_many([parts], scores)[0]

    def _opinions_of_many(
        self, parts: list[list[Segment]], scores: np.ndarray
    ) -> list[dict[str, Opinion]]:
        """Per reply and check, its best sentence and that score calibrated: every check
        of every reply in one step, as numpy's cost is per call, not per value (called
        per reply, these steps cost about 25 µs a reply, a quarter of the scoring's
        time). ``scores`` holds the replies' rows in order."""
        labels = self._labels
        best = _best_rows(scores, [len(p) for p in parts])
        a, b = self._platt
        # (a row per reply, a column per check: each check's curve applies down its
        # column, with no tiled copy of the curves)
        chosen = scores[best, np.arange(len(labels))]
        probabilities = platt(chosen, (a, b))
        spans = [s.span for reply_parts in parts for s in reply_parts]
        found = zip(probabilities.reshape(-1, len(labels)).tolist(), best.tolist(), strict=True)
        result = []
        for reply_parts in parts:
            if not reply_parts:
                result.append({c: Opinion(probability=0.0, evidence=None) for c in labels})
                continue
            reply_probabilities, rows = next(found)
            result.append(
                {
                    check: Opinion(probability=probability, evidence=spans[row])
                    for check, probability, row in zip(
                        labels, reply_probabilities, rows, strict=True
                    )
                }
            )
        return result


def _best_rows(scores: np.ndarray, lengths: list[int]) -> np.ndarray:
    """For each group of ``lengths`` consecutive rows that is not empty, and each column,
    the row (into ``scores``) of the group's highest score, the first of equals as
    ``argmax`` picks it: one row per such group."""
    if len(lengths) == 1 and lengths[0]:
        # one reply (``check``): argmax picks the first of equals too, in one call
        # rather than the seven a chunk's groups need
        return np.asarray(scores.argmax(axis=0))[np.newaxis, :]
    counts = np.array(lengths, dtype=np.int64)
    filled = np.flatnonzero(counts)
    if not len(filled):
        return np.zeros((0, scores.shape[1]), dtype=np.int64)
    starts = (np.cumsum(counts) - counts)[filled]
    highest = np.maximum.reduceat(scores, starts, axis=0)
    at_highest = scores == np.repeat(highest, counts[filled], axis=0)
    rows = np.arange(len(scores))[:, np.newaxis]
    return np.asarray(np.minimum.reduceat(np.where(at_highest, rows, len(scores)), starts, axis=0))


def _classifier(nlp: Language, directory: Path) -> TrainablePipe:
    """The trained classifier of a pipeline directory, built on ``nlp``'s vocabulary."""
    from spacy.util import load_config

    settings = dict(load_config(directory / "config.cfg")["components"][COMPONENT])
    factory = settings.pop("factory")
    if factory != COMPONENT:
        raise ValueError(f"the component is a {factory}, not a {COMPONENT}")
    component = nlp.create_pipe(factory, name=COMPONENT, config=settings)
    assert isinstance(component, TrainablePipe)
    component.from_disk(directory / COMPONENT, exclude=["vocab"])
    return component


def _written_by(card_path: Path) -> tuple[int | None, str | None]:
    """The model format and the replylint version a card that cannot be read says it
    was written in and by (None where it does not say)."""
    import json

    try:
        card = json.loads(card_path.read_bytes())
    except ValueError:
        return None, None
    if not isinstance(card, dict):
        return None, None
    version, writer = card.get("format"), card.get("replylint_version")
    return (
        version if isinstance(version, int) else None,
        writer if isinstance(writer, str) and writer.strip() else None,
    )


def _done_anyway(
    outcome: RuleOutcome, opinion: Opinion, calibration: CheckCalibration
) -> RuleOutcome:
    """A check that does not apply to this reply (no problem to be sorry for, no step to
    put a time on) may still be done: say so when the model is sure, so the verdict
    reads true; nothing is ever reported missing here."""
    verdict = outcome.verdict
    assert verdict is not None
    if verdict.present or opinion.probability < calibration.threshold:
        return outcome
    result = verdict.model_copy(
        update={
            "present": True,
            "reason": f"{verdict.reason}; done anyway, by the model's reading"
            if verdict.reason
            else "done anyway, by the model's reading",
            "evidence": opinion.evidence.text if opinion.evidence is not None else None,
            "confidence": round(opinion.probability, 3),
            "decided_by": "model",
        }
    )
    return RuleOutcome(verdict=result, findings=[], evidence=outcome.evidence)


_ONE_LOWER = {Severity.error: Severity.warning, Severity.warning: Severity.info}


def judge(
    rule: PresenceRule,
    reply: AnalyzedReply,
    outcome: RuleOutcome,
    opinion: Opinion,
    calibration: CheckCalibration,
) -> RuleOutcome:
    """The verdict and finding for a check the model decides, from the rule's outcome and
    the model's opinion. Applicability stays the rule's call; where the check does not
    apply, the model may only say that the reply does it anyway."""
    verdict = outcome.verdict
    if verdict is None:
        return outcome
    p = opinion.probability
    if not verdict.applicable:
        return _done_anyway(outcome, opinion, calibration)
    present = bool(
        says_present(
            np.array([p]),
            np.array([verdict.present]),
            calibration.threshold,
            calibration.error_below,
        )[0]
    )
    if present:
        return _present(outcome, verdict, opinion)
    return _missing(rule, reply, verdict, opinion, calibration)


def add(outcome: RuleOutcome, opinion: Opinion, calibration: CheckCalibration) -> RuleOutcome:
    """The rule's outcome for a check the rules decide and the model adds to: where the
    rule found the check applicable but not done, and the model's P(present) reaches
    ``adds_from`` (where its additions were right as often as an error must be), the
    check is done, with the model's sentence as evidence. Everything else stays the
    rule's: the model never takes a rule's finding of the check away."""
    verdict = outcome.verdict
    threshold = calibration.adds_from
    if (
        verdict is None
        or threshold is None
        or verdict.present
        or not verdict.applicable
        or opinion.probability < threshold
    ):
        return outcome
    return _present(outcome, verdict, opinion)


def temper(outcome: RuleOutcome, opinion: Opinion, calibration: CheckCalibration) -> RuleOutcome:
    """The rule's outcome for a check the model tempers. The verdict stays the rule's; a
    "missing" one takes the model's calibrated confidence that the check is missing
    (the rule's own is a fixed number), and its finding goes one severity lower where
    the model is unsure (its probability of present is at or above the error band)."""
    verdict = outcome.verdict
    if verdict is None or verdict.present or not outcome.findings:
        return outcome
    p = opinion.probability
    confidence = round(1 - p, 3)
    unsure = p >= calibration.error_below
    reason = verdict.reason
    if unsure:
        doubt = f"the model doubts it is missing (P(present) {p:.2f}), {LOWERED}"
        reason = f"{reason}; {doubt}" if reason else doubt
    findings = [
        f.model_copy(
            update={
                "confidence": confidence,
                "severity": _ONE_LOWER.get(f.severity, f.severity) if unsure else f.severity,
            }
        )
        for f in outcome.findings
    ]
    return RuleOutcome(
        verdict=verdict.model_copy(update={"reason": reason, "confidence": confidence}),
        findings=findings,
        evidence=outcome.evidence,
    )


def _present(outcome: RuleOutcome, verdict: CheckResult, opinion: Opinion) -> RuleOutcome:
    """The check is done: with the rule's evidence when it found it, else the model's
    (whose sentence the outcome keeps, for the checks built on this one to read:
    ``PresenceRule.detect_after``)."""
    span = outcome.evidence
    if verdict.present:
        reason, evidence = verdict.reason, verdict.evidence
    else:
        reason = "the model reads this sentence as doing it (the rules did not)"
        evidence = opinion.evidence.text if opinion.evidence is not None else None
        span = opinion.evidence
    result = CheckResult(
        present=True,
        applicable=True,
        reason=reason,
        evidence=evidence,
        confidence=round(opinion.probability, 3),
        decided_by="model",
    )
    return RuleOutcome(verdict=result, findings=[], evidence=span)


def _missing(
    rule: PresenceRule,
    reply: AnalyzedReply,
    verdict: CheckResult,
    opinion: Opinion,
    calibration: CheckCalibration,
) -> RuleOutcome:
    """The check is not done: a "missing" finding, one severity lower when unsure."""
    p = opinion.probability
    unsure = p >= calibration.error_below
    if verdict.present:
        found = f" ({verdict.evidence!r})" if verdict.evidence else ""
        reason: str | None = f"the model is sure the rules' evidence{found} does not do it"
    else:
        reason = verdict.reason
    if unsure:
        reason = f"{reason}; unsure, {LOWERED}" if reason else f"unsure, {LOWERED}"
    severity = _ONE_LOWER.get(rule.severity, rule.severity) if unsure else rule.severity
    result = CheckResult(
        present=False,
        applicable=True,
        reason=reason,
        evidence=None,
        confidence=round(1 - p, 3),
        decided_by="model",
    )
    finding = rule.missing_finding(reply, confidence=round(1 - p, 3), severity=severity)
    return RuleOutcome(verdict=result, findings=[finding], evidence=None)
