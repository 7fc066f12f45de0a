"""Training the jargon term model: from labelled replies to a ``terms/`` directory.

Why apart from :mod:`replylint.model.terms`: training needs the linter, numpy and the
gold records, the model at run time needs none of them. The decision is a logistic
regression over the candidates' sparse binary features
(:mod:`replylint.model.terms_candidates`), trained with numpy on the labelled replies of
``training/labels``. Its score is calibrated (Platt scaling, with
:func:`replylint.model.calibration.fit_platt_log_odds`, on out-of-fold predictions), and
the two thresholds of the decision (:func:`replylint.model.terms.combine`: the veto on
the rules' terms and the threshold of the model's additions) are chosen on those
out-of-fold predictions, never on the test split. The folds are one per source
(:func:`replylint.model.folds.assign_folds`), so the calibration and thresholds are
those that held on a source the model had not seen, which is what a new team's replies
are; with fewer than three sources, folds by a salted sha1 of the id. Training is
deterministic: the folds come from the sources and ids, and the optimiser starts from
zeros, so the same data and seed give the same model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy
import numpy.typing as npt

from replylint.model.calibration import fit_platt_log_odds
from replylint.model.folds import FoldBy, assign_folds, fold_of
from replylint.model.logistic import LogisticOptions, fit_logistic
from replylint.model.terms import (
    RuleTerm,
    TermModel,
    combine,
    load_word_bands,
    shipped_words_path,
    sigmoid,
)
from replylint.model.terms_candidates import Candidate, CandidateFinder

if TYPE_CHECKING:
    from replylint.evaluation import GoldRecord

FloatArray = npt.NDArray[numpy.float64]


@dataclass(frozen=True)
class LabelledReply:
    """A gold record's candidates with the labels the annotators gave."""

    id: str
    source: str
    candidates: tuple[Candidate, ...]
    strict: frozenset[str]
    lenient: frozenset[str]
    #: The terms the jargon rule's rules report (what the model may veto).
    rules: tuple[RuleTerm, ...] = ()


@dataclass(frozen=True)
class TermCounts:
    """Per-term precision (vs the lenient list) and recall (vs the strict list), the
    counts training chooses the threshold by (what the model card keeps of them is
    :class:`replylint.model.card.TermFigures`)."""

    predicted: int
    correct: int
    gold: int
    found: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class TermModelSummary:
    """What training did: the data it saw and the cross-validated figures."""

    replies: int
    candidates: int
    positives: int
    gold_terms: int
    candidate_recall: float
    features: int
    threshold: float
    veto: float
    folds_by: str
    cv_precision: float
    cv_recall: float
    cv_f1: float
    seed: int


@dataclass(frozen=True)
class TrainingOptions(LogisticOptions):
    """The choices training makes besides the learner's (:class:`LogisticOptions`: l2
    3e-4, 300 iterations, learning rate 0.1, features seen twice); the defaults were
    picked by cross-validation on the train split (training/terms_experiments/REPORT.md)."""

    lenient_target: float = 0.5
    #: The precision floor of the thresholds, on source out-of-fold scores. Not the
    #: target's 0.70: on a source the model has not seen, no veto and threshold reach
    #: 0.70 with a useful recall (0.70 left recall at 0.16 and vetoed the guide's own
    #: RMA and SSO). At 0.55 the decision is more precise than the rules on every source
    #: and keeps nearly their recall (REPORT.md, "the precision floor").
    min_precision: float = 0.55
    folds: int = 5
    #: One fold per source (the thresholds that hold on an unseen source), or by id.
    folds_by: FoldBy = "source"


def labelled_replies(
    gold: Sequence[GoldRecord],
    progress: Callable[[str], None] | None = None,
    words_path: Path | None = None,
) -> list[LabelledReply]:
    """Analyse each gold record as the linter does and find its candidates."""
    from replylint.checks.jargon import JargonRule
    from replylint.evaluation import group_of
    from replylint.linter import InputError, Linter  # the linter loads the rules

    # the rules alone ("model": "none"): the terms they report, whatever model is shipped
    linter = Linter({"select": ["jargon"], "model": "none"})
    rule = next(r for r in linter.rules if isinstance(r, JargonRule))
    finder = CandidateFinder(rule.context, load_word_bands(words_path or shipped_words_path()))
    result = []
    for number, record in enumerate(gold, 1):
        rules: tuple[RuleTerm, ...] = ()
        try:
            reply = linter.analyze(
                record.reply, channel=record.channel, customer_message=record.customer_message
            )
            candidates = tuple(finder.find(reply))
            rules = tuple((t.start_char, t.end_char, t.text) for t, _ in rule.rule_terms(reply))
        except InputError:
            candidates = ()
        result.append(
            LabelledReply(
                id=record.id,
                source=group_of(record, "source"),
                candidates=candidates,
                strict=frozenset(t.strip() for t in record.labels.jargon or ()),
                lenient=frozenset(t.strip() for t in record.labels.jargon_lenient or ()),
                rules=rules,
            )
        )
        if progress is not None and number % 500 == 0:
            progress(f"term model: analysed {number} of {len(gold)} replies")
    return result


def fold_salt(seed: int) -> str:
    """The salt of the term model's folds (see :func:`~replylint.model.folds.fold_of`):
    with the seed, so another seed gives other folds; apart from the checks model's."""
    return f"terms-cv:{seed}"


def target(candidate: Candidate, reply: LabelledReply, lenient_target: float) -> float:
    """1 for a term every annotator flagged, ``lenient_target`` for one only some did."""
    if candidate.text in reply.strict:
        return 1.0
    if candidate.text in reply.lenient:
        return lenient_target
    return 0.0


class NoCandidatesError(ValueError):
    """No reply holds a word the candidate finder would weigh: nothing to learn from."""


def fit(
    replies: Sequence[LabelledReply], options: TrainingOptions
) -> tuple[dict[str, float], float]:
    """Fit the logistic regression on the candidates of ``replies``: (weights, bias)."""
    counts = Counter(f for r in replies for c in r.candidates for f in set(c.features))
    vocabulary = sorted(f for f, n in counts.items() if n >= options.min_count)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows: list[list[int]] = []
    labels: list[float] = []
    for reply in replies:
        for candidate in reply.candidates:
            rows.append(sorted({index[f] for f in candidate.features if f in index}))
            labels.append(target(candidate, reply, options.lenient_target))
    if not rows:
        raise NoCandidatesError("no term candidates in the replies to train the term model on")
    coefficients = fit_logistic(rows, numpy.array(labels), len(vocabulary), options)
    weights = {f: float(w) for f, w in zip(vocabulary, coefficients[1:], strict=True) if w}
    return weights, float(coefficients[0])


#: A rule's term the model gives less than this is never reported, whatever F1 says: by
#: the calibrated probability it would be a false alarm nine times in ten (precision
#: before recall). Without it, a training run where the rules alone clear the precision
#: floor keeps every rule term, "media_decoder_enabled" at 0.06 included.
MIN_VETO = 0.10
#: The vetoes and thresholds training chooses among (a threshold above 1: no additions).
VETOES = tuple(v / 100 for v in range(round(MIN_VETO * 100), 91, 5))
THRESHOLDS = (*(t / 100 for t in range(20, 100, 5)), 1.01)


def figures(
    replies: Sequence[LabelledReply],
    probabilities: Sequence[Sequence[float]],
    veto: float,
    threshold: float,
) -> TermCounts:
    """Per-term figures of :func:`~replylint.model.terms.combine`'s decisions, counted as
    ``replylint eval`` does."""
    return TermCounts(
        *(int(n) for n in _counts_per_reply(replies, probabilities, veto, threshold).sum(0))
    )


def _counts_per_reply(
    replies: Sequence[LabelledReply],
    probabilities: Sequence[Sequence[float]],
    veto: float,
    threshold: float,
) -> npt.NDArray[numpy.int64]:
    """Each reply's (predicted, correct, gold, found) at a veto and threshold: one row
    per reply, so that resampling the replies resamples the figures."""
    rows = numpy.zeros((len(replies), 4), dtype=numpy.int64)
    for i, (reply, probs) in enumerate(zip(replies, probabilities, strict=True)):
        decided = combine(reply.candidates, probs, reply.rules, veto, threshold)
        terms = {d.text.strip() for d in decided}
        rows[i] = (
            len(terms),
            len(terms & (reply.lenient | reply.strict)),
            len(reply.strict),
            len(terms & reply.strict),
        )
    return rows


#: Bootstrap resamples of the replies behind the one-standard-error rule.
RESAMPLES = 1000


def choose_thresholds(
    replies: Sequence[LabelledReply],
    probabilities: Sequence[Sequence[float]],
    min_precision: float,
    seed: int = 0,
) -> tuple[float, float, TermCounts]:
    """The veto and threshold of the decision, on out-of-fold probabilities: (veto,
    threshold, figures).

    First the best F1 among the pairs with precision >= ``min_precision``. Then the
    one-standard-error rule (Breiman et al. 1984; Hastie et al., *The Elements of
    Statistical Learning*, 7.10): the most precise pair whose F1 is within one standard
    error of that best, the error of the F1 difference estimated by resampling the
    replies (paired: both pairs on the same resample). Near its best the F1 curve is
    flat: on the train split of stop 49, thresholds 0.35 and 0.40 differed by 0.0008 F1,
    a quarter of the difference's standard error, and by 0.016 precision. Choosing
    inside that noise by F1 is choosing by chance; choosing the more precise pair is the
    rule's precision first. When no pair reaches the floor, the most precise."""
    pairs = [(veto, threshold) for veto in VETOES for threshold in THRESHOLDS]
    counts = numpy.stack([_counts_per_reply(replies, probabilities, *pair) for pair in pairs])
    totals = [TermCounts(*(int(n) for n in row)) for row in counts.sum(1)]

    def rank(i: int, precision_cap: float) -> tuple[float, float, float, float]:
        """Precision (up to the cap) first, then F1, the lower veto, the higher threshold."""
        precision = min(round(totals[i].precision, 4), precision_cap)
        return (precision, round(totals[i].f1, 4), -pairs[i][0], pairs[i][1])

    best = max(range(len(pairs)), key=lambda i: rank(i, min_precision))
    if round(totals[best].precision, 4) < min_precision or not replies:
        return (*pairs[best], totals[best])
    margin = _f1_difference_errors(counts, best, seed)
    within = [
        i
        for i in range(len(pairs))
        if round(totals[i].precision, 4) >= min_precision
        and totals[i].f1 >= totals[best].f1 - margin[i]
    ]
    chosen = max(within, key=lambda i: rank(i, 1.0))
    return (*pairs[chosen], totals[chosen])


def _f1_difference_errors(
    counts: npt.NDArray[numpy.int64], best: int, seed: int
) -> npt.NDArray[numpy.float64]:
    """The bootstrap standard error of each pair's F1 minus the best pair's: ``counts``
    is (pairs, replies, 4); every resample draws the replies with replacement (a fixed
    seed: the same data gives the same choice)."""
    n_pairs, n_replies, _ = counts.shape
    generator = numpy.random.default_rng(seed)
    weights = generator.multinomial(n_replies, numpy.full(n_replies, 1 / n_replies), RESAMPLES)
    # in floating point, so the product runs in BLAS (counts are exact there: far below 2**53)
    by_reply = counts.transpose(1, 0, 2).reshape(n_replies, -1).astype(numpy.float64)
    sums = (weights.astype(numpy.float64) @ by_reply).reshape(RESAMPLES, n_pairs, 4)
    predicted, correct, gold, found = (sums[..., k] for k in range(4))
    precision = numpy.divide(correct, predicted, out=numpy.zeros_like(correct), where=predicted > 0)
    recall = numpy.divide(found, gold, out=numpy.zeros_like(found), where=gold > 0)
    total = precision + recall
    f1 = numpy.divide(2 * precision * recall, total, out=numpy.zeros_like(total), where=total > 0)
    return numpy.asarray((f1 - f1[:, best : best + 1]).std(axis=0), dtype=numpy.float64)


def out_of_fold(
    replies: Sequence[LabelledReply], options: TrainingOptions, seed: int
) -> tuple[list[list[float]], FoldBy]:
    """Raw scores of every candidate from a model trained without its fold (one fold
    per source, see :func:`~replylint.model.folds.assign_folds`), and how the folds
    were made."""
    ids, sources = [r.id for r in replies], [r.source for r in replies]
    folds, n_folds, by = assign_folds(ids, sources, options.folds, options.folds_by)
    if by == "id":  # salted apart from the checks model's folds, and by the seed
        folds = [fold_of(r.id, options.folds, fold_salt(seed)) for r in replies]
    scores: list[list[float]] = [[] for _ in replies]
    for fold in range(n_folds):
        train = [r for r, f in zip(replies, folds, strict=True) if f != fold]
        weights, bias = fit(train, options)
        model = TermModel(weights, bias, 1.0, 0.0, 0.5, shipped_words_path())
        for i, reply in enumerate(replies):
            if folds[i] == fold:
                scores[i] = [model.score(c) for c in reply.candidates]
    return scores, by


def platt(
    replies: Sequence[LabelledReply], scores: Sequence[Sequence[float]]
) -> tuple[float, float]:
    """Platt parameters (a, b) of out-of-fold scores: jargon is any annotator's term."""
    flat = [s for row in scores for s in row]
    jargon = numpy.array([target(c, r, 1.0) > 0 for r in replies for c in r.candidates], bool)
    return fit_platt_log_odds(jargon, numpy.array(flat, dtype=numpy.float64))


def calibrate(
    replies: Sequence[LabelledReply],
    scores: Sequence[Sequence[float]],
    options: TrainingOptions,
    seed: int = 0,
) -> tuple[float, float, float, float, TermCounts]:
    """Platt parameters from out-of-fold scores, then the veto and threshold on the
    calibrated probabilities: (a, b, veto, threshold, figures at those). ``seed`` seeds
    the resampling of :func:`choose_thresholds`."""
    a, b = platt(replies, scores)
    probabilities = [[sigmoid(a * s + b) for s in row] for row in scores]
    veto, threshold, result = choose_thresholds(replies, probabilities, options.min_precision, seed)
    return a, b, veto, threshold, result


def train_term_model(
    gold: Sequence[GoldRecord],
    out_dir: Path,
    *,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
    options: TrainingOptions | None = None,
) -> TermModelSummary:
    """Train the jargon term model on ``gold`` and write it to ``out_dir``.

    Cross-validation with one fold per source gives out-of-fold scores; Platt scaling,
    the veto and the threshold are fitted on them; the final weights come from all of
    ``gold``. Returns the counts and the cross-validated figures."""
    options = options or TrainingOptions()
    # (a record whose jargon was not annotated says nothing about its candidates)
    replies = labelled_replies([r for r in gold if r.labels.jargon is not None], progress)
    if progress is not None:
        # (how the folds were made is said once done: "source" may fall back to "id")
        progress("term model: cross-validation")
    scores, folds_by = out_of_fold(replies, options, seed)
    a, b, veto, threshold, cv = calibrate(replies, scores, options, seed)
    weights, bias = fit(replies, options)
    candidates = sum(len(r.candidates) for r in replies)
    positives = sum(1 for r in replies for c in r.candidates if c.text in r.strict)
    gold_terms = sum(len(r.strict) for r in replies)
    reachable = sum(len(r.strict & {c.text for c in r.candidates}) for r in replies)
    summary = TermModelSummary(
        replies=len(replies),
        candidates=candidates,
        positives=positives,
        gold_terms=gold_terms,
        candidate_recall=reachable / gold_terms if gold_terms else 0.0,
        features=len(weights),
        threshold=threshold,
        veto=veto,
        folds_by=folds_by,
        cv_precision=cv.precision,
        cv_recall=cv.recall,
        cv_f1=cv.f1,
        seed=seed,
    )
    model = TermModel(
        weights,
        bias,
        a,
        b,
        threshold,
        shipped_words_path(),
        veto=veto,
        meta={"summary": asdict(summary)},
    )
    model.save(out_dir)
    if progress is not None:
        progress(
            f"term model: CV precision {cv.precision:.3f}, recall {cv.recall:.3f} "
            f"at veto {veto:.2f}, threshold {threshold:.2f} (folds by {folds_by})"
        )  # (no path: ``train`` writes to a scratch folder, moved into --out at the end)
    return summary
