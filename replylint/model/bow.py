"""The checks model's bag-of-words classifier, fed word ids instead of spaCy docs.

Why: the classifier (``spacy.TextCatBOW.v3``) reads nothing of a doc but the ``ORTH``
id of each word, from which it hashes unigrams and bigrams into a sparse linear layer.
Scoring a reply through ``TextCategorizer.predict`` meant building one ``Doc`` per
feature doc (a lexeme lookup, or a new lexeme in the shared vocabulary, for every word),
then a ``to_array`` and a ``numpy.unique`` per doc: about as much time as the linear
layer itself. :class:`BowScorer` computes the same n-gram ids and counts for a whole
batch in a few vectorised steps and runs the classifier's own layers on them, so the
scores are the very floats ``predict`` gives (tests/model/test_bow.py compares them).

Only a classifier of exactly that shape is read this way (:meth:`BowScorer.of` says
None for anything else, and the caller falls back to ``predict``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np
from spacy.attrs import ORTH
from spacy.pipeline import TrainablePipe
from spacy.strings import StringStore
from thinc.api import Model
from thinc.types import Floats2d, Ints1d

#: The layer names of ``TextCatBOW.v3`` with an output layer (what textcat.cfg builds).
_BOW_MODEL = "with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(logistic)"
_INNER = "extract_ngrams>>resizable(sparse_linear)"
#: How many words' ids a scorer keeps before it drops them and gathers them again: the
#: words that recur are a few thousand, and what is kept stays a few MiB (a long run's
#: memory stays flat).
_MAX_KNOWN = 20_000


@dataclass(frozen=True)
class BowScorer:
    """The layers of a trained bag-of-words classifier after its n-gram extraction.

    One per loaded model: its layers are read-only once built, and the words' ids it
    keeps (:meth:`_ids`) are the same whoever asks."""

    strings: StringStore
    ngram_size: int
    #: ``resizable(sparse_linear)``: (keys, counts, lengths) -> scores before the output.
    linear: Model[tuple[np.ndarray, np.ndarray, np.ndarray], Floats2d]
    #: ``with_cpu(logistic)``: the output layer.
    output: Model[Floats2d, Floats2d]
    #: How many labels the classifier scores.
    label_count: int
    #: The ``ORTH`` id of each word met so far (see :meth:`_ids`); bounded.
    known: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, classifier: TrainablePipe) -> BowScorer | None:
        """The scorer of ``classifier``, or None when it is not a ``TextCatBOW.v3`` on
        ``ORTH`` with an output layer (then ``classifier.predict`` is the way)."""
        model = classifier.model
        if model.name != _BOW_MODEL or len(model.layers) != 2:
            return None
        on_cpu, output = model.layers
        if len(on_cpu.layers) != 1 or on_cpu.layers[0].name != _INNER:
            return None
        extract, linear = on_cpu.layers[0].layers
        size = extract.attrs.get("ngram_size")
        if extract.attrs.get("attr") != ORTH or not isinstance(size, int):
            return None
        return cls(
            strings=classifier.vocab.strings,
            ngram_size=size,
            linear=linear,
            output=output,
            label_count=len(classifier.labels),
        )

    def predict(self, words: Sequence[Sequence[str]]) -> np.ndarray:
        """Scores per feature doc (rows) and classifier label (its own column order),
        exactly as ``TextCategorizer.predict`` gives them for docs of these words."""
        words_per_doc = [len(w) for w in words]
        if not any(words_per_doc):  # (what predict answers when no doc has a token)
            return np.zeros((len(words), self.label_count))
        lengths = np.array(words_per_doc, dtype=np.int64)
        keys, counts, sizes = self._ngram_counts(self._ids(words), lengths)
        scores = self.output.predict(self.linear.predict((keys, counts, sizes)))
        return np.asarray(scores)

    def _ids(self, words: Sequence[Sequence[str]]) -> np.ndarray:
        """Every word's ``ORTH`` id, all docs in a row: ``vocab.strings[word]``, the id
        a ``Doc`` of the words would hold (symbols included), without adding a lexeme
        to the shared vocabulary. The ids are kept from one call to the next: marker
        words recur in every feature doc and most other words in every few replies, and
        a word's id depends on the word alone (bounded: dropped when full, then gathered
        again; the callers hold the model's lock)."""
        strings = self.strings
        known = self.known
        if len(known) > _MAX_KNOWN:
            known.clear()
        ids = []
        for doc_words in words:
            for word in doc_words:
                found = known.get(word)
                if found is None:
                    found = known[word] = strings[word]
                ids.append(found)
        return np.array(ids, dtype=np.uint64)

    def _ngram_counts(
        self, unigrams: np.ndarray, lengths: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What ``extract_ngrams`` gives, for all docs at once: per doc its distinct
        n-gram ids in ascending order, their counts (float32), and how many per doc.

        Arrays' own methods and ``out=`` arguments, not numpy's module functions
        (``np.cumsum``, ``np.diff``, ``np.append``, ``np.flatnonzero``): on a reply's
        few hundred ids those wrappers' Python steps cost about as much as the work."""
        docs = len(lengths)
        ends = lengths.cumsum()
        row_of = np.arange(docs).repeat(lengths)
        keys = [unigrams]
        rows = [row_of]
        ops = self.linear.ops
        for n in range(2, self.ngram_size + 1):
            # all docs at once, then without those across two docs: the n-gram starting
            # at i is inside its doc when i + n <= the doc's end
            grams = np.asarray(ops.ngrams(n, cast("Ints1d", unigrams)))
            starts = row_of[: len(grams)]
            inside = np.arange(n, len(grams) + n) <= ends[starts]
            keys.append(grams[inside])
            rows.append(starts[inside])
        all_keys = np.concatenate(keys)
        all_rows = np.concatenate(rows)
        order = np.lexsort((all_keys, all_rows))
        all_keys, all_rows = all_keys[order], all_rows[order]
        total = len(all_keys)
        first = np.empty(total, dtype=bool)  # the first of each doc's run of one id
        first[:1] = True
        np.not_equal(all_keys[1:], all_keys[:-1], out=first[1:])
        first[1:] |= all_rows[1:] != all_rows[:-1]
        positions = first.nonzero()[0]
        counts = np.empty(len(positions), dtype=np.float32)
        counts[:-1] = positions[1:] - positions[:-1]
        counts[-1:] = total - positions[-1:]
        sizes = np.bincount(all_rows[positions], minlength=docs)
        return all_keys[positions], counts, sizes.astype(np.int32)
