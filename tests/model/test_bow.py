"""The checks model scored from word ids (replylint.model.bow): the very scores spaCy's
``TextCategorizer.predict`` gives on docs of the same words, without building the docs."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from replylint import Linter
from replylint.model.bow import BowScorer
from replylint.model.checks_model import ChecksModel

#: Feature docs written for this test: markers, ordinary words, masked forms, spaCy's
#: reserved symbol names (their ids are small numbers, not hashes: "det", "aux",
#: "prep", "ORTH"), a word repeated (counts above one), a one-word doc, unseen words.
_DOCS: list[tuple[str, ...]] = [
    ("__first__", "__ch_email__", "hi", "dana", ",", "__r_greeting_yes__", "__problem__"),
    ("__last__", "__ch_chat__", "please", "restart", "the", "app", "and", "the", "router"),
    ("det", "aux", "prep", "ORTH", "nsubj", "the", "det", "det"),
    ("__signoff__",),
    ("__num__", "__url__", "zqxv-unseen-word", "another-unseen-word", "__num__", "__num__"),
    ("thanks", "thanks", "thanks", "for", "your", "patience", "!"),
]


@pytest.fixture(scope="module")
def model(linter: Linter) -> ChecksModel:
    assert linter.model is not None
    return linter.model


def _spacy_scores(model: ChecksModel, docs: list[tuple[str, ...]]) -> np.ndarray:
    classifier = model._classifier
    return np.asarray(classifier.predict([Doc(classifier.vocab, words=list(w)) for w in docs]))


def test_the_shipped_classifier_is_read_from_word_ids(model: ChecksModel) -> None:
    assert BowScorer.of(model._classifier) is not None


@pytest.mark.parametrize("size", [1, 2, len(_DOCS)])
def test_scores_are_exactly_spacys(model: ChecksModel, size: int) -> None:
    """Bit for bit, for one doc or a batch of docs of different lengths."""
    scorer = BowScorer.of(model._classifier)
    assert scorer is not None
    for start in range(0, len(_DOCS), size):
        batch = _DOCS[start : start + size]
        expected = _spacy_scores(model, batch)
        assert np.array_equal(scorer.predict(batch), expected)


def test_empty_feature_docs_score_zero_as_in_spacy(model: ChecksModel) -> None:
    scorer = BowScorer.of(model._classifier)
    assert scorer is not None
    assert np.array_equal(scorer.predict([(), ()]), _spacy_scores(model, [(), ()]))


def test_scoring_adds_nothing_to_the_shared_vocabulary(model: ChecksModel) -> None:
    """A ``Doc`` per feature doc made a lexeme for every word form not seen before (a
    lower-cased word, a marker) in the vocabulary the linter's tokenizer shares."""
    vocab = model._classifier.vocab
    before = len(vocab)
    model.raw_scores([("__first__", "qwzx-never-seen-1", "qwzx-never-seen-2")])
    assert len(vocab) == before


def test_another_architecture_is_scored_by_spacy() -> None:
    """Only the bag-of-words shape replylint trains is read from ids; any other
    classifier keeps spaCy's own ``predict``."""
    nlp = spacy.blank("en")
    ensemble = nlp.add_pipe("textcat_multilabel")  # spaCy's default: an ensemble
    assert BowScorer.of(ensemble) is None


def test_ids_kept_from_earlier_calls_are_the_words_own(
    model: ChecksModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word's id is kept for later calls (markers recur in every feature doc): the
    scores stay spaCy's, each kept id is ``strings[word]`` (a symbol's small id too), and
    the kept ids are dropped once over their bound."""
    monkeypatch.setattr("replylint.model.bow._MAX_KNOWN", 10)
    scorer = BowScorer.of(model._classifier)
    assert scorer is not None
    for _ in range(2):
        for doc in _DOCS:
            assert np.array_equal(scorer.predict([doc]), _spacy_scores(model, [doc]))
            assert len(scorer.known) <= 10 + len(doc)
            assert all(scorer.strings[w] == i for w, i in scorer.known.items())


def test_ngram_counts_are_each_docs_own_with_empty_and_one_word_docs(
    model: ChecksModel,
) -> None:
    """The batch's n-gram ids and counts are, doc by doc, what ``extract_ngrams`` makes
    of that doc alone (its distinct unigram and bigram ids in ascending order, counted),
    with empty and one-word docs anywhere in the batch."""
    scorer = BowScorer.of(model._classifier)
    assert scorer is not None and scorer.ngram_size == 2
    ops = scorer.linear.ops
    rng = np.random.default_rng(7)
    vocabulary = rng.integers(0, 2**64 - 1, size=30, dtype=np.uint64)
    for _ in range(50):
        lengths = rng.choice([0, 0, 1, 2, 5, 17], size=int(rng.integers(1, 8)))
        if not lengths.any():
            lengths[0] = 1
        docs = [vocabulary[rng.integers(0, 12, size=int(n))] for n in lengths]
        keys, counts, sizes = scorer._ngram_counts(
            np.concatenate(docs), np.asarray(lengths, dtype=np.int64)
        )
        own = [np.concatenate([d, ops.ngrams(2, d)]) if len(d) else d for d in docs]
        assert keys.dtype == np.uint64 and counts.dtype == np.float32
        assert sizes.dtype == np.int32
        assert sizes.tolist() == [len(np.unique(k)) for k in own]
        offset = 0
        for doc_keys, size in zip(own, sizes.tolist(), strict=True):
            wanted, times = np.unique(doc_keys, return_counts=True)
            assert keys[offset : offset + size].tolist() == wanted.tolist()
            assert counts[offset : offset + size].tolist() == times.tolist()
            offset += size
