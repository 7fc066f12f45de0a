"""The same candidates and features decided by spaCy's ``textcat`` (TextCatBOW: a
hashed bag of the feature strings, one feature doc per candidate) instead of the numpy
logistic regression, under the same 5-fold CV, calibration and threshold rule.

python training/terms_experiments/textcat_compare.py TRAIN.pkl [EPOCHS]
"""

from __future__ import annotations

import pickle
import random
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from replylint.model.folds import fold_of
from replylint.model.terms_training import (
    LabelledReply,
    TrainingOptions,
    calibrate,
    fold_salt,
    target,
)

BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "length": 262144,
    "ngram_size": 1,
    "no_output_layer": False,
}


def fit_predict(
    train: list[LabelledReply], held: list[LabelledReply], epochs: int
) -> list[list[float]]:
    fix_random_seed(0)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": BOW})
    textcat.add_label("JARGON")
    textcat.add_label("PLAIN")
    examples = []
    for reply in train:
        for candidate in reply.candidates:
            doc = Doc(nlp.vocab, words=list(candidate.features))
            y = 1.0 if target(candidate, reply, 1.0) > 0 else 0.0  # textcat takes 0 or 1
            examples.append(Example.from_dict(doc, {"cats": {"JARGON": y, "PLAIN": 1 - y}}))
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(0)
    for _ in range(epochs):
        shuffle.shuffle(examples)
        for batch in minibatch(examples, size=64):
            nlp.update(batch, sgd=optimizer, drop=0.0)
    scores = []
    for reply in held:
        docs = [Doc(nlp.vocab, words=list(c.features)) for c in reply.candidates]
        probs = [doc.cats["JARGON"] for doc in textcat.pipe(docs)]
        # as log-odds, so the same Platt calibration applies
        scores.append([_logit(p) for p in probs])
    return scores


def _logit(p: float) -> float:
    import math

    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def main() -> None:
    replies: list[LabelledReply] = pickle.loads(Path(sys.argv[1]).read_bytes())
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    options = TrainingOptions()
    folds = [fold_of(r.id, options.folds, fold_salt(0)) for r in replies]
    scores: list[list[float]] = [[] for _ in replies]
    started = time.perf_counter()
    for fold in range(options.folds):
        train = [r for r, f in zip(replies, folds, strict=True) if f != fold]
        index = [i for i, f in enumerate(folds) if f == fold]
        for i, row in zip(
            index, fit_predict(train, [replies[i] for i in index], epochs), strict=True
        ):
            scores[i] = row
    _, _, veto, threshold, result = calibrate(replies, scores, options)
    print(
        f"textcat BOW, {epochs} epochs: veto {veto:.2f} threshold {threshold:.2f} "
        f"P {result.precision:.3f} "
        f"R {result.recall:.3f} F1 {result.f1:.3f} ({time.perf_counter() - started:.0f}s)"
    )


if __name__ == "__main__":
    main()
