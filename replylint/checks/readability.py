"""readability: the reply is easy to read.

Standard: *listen and obtain clarity*. Long sentences and long words make customers
re-read. Uses textstat's Automated Readability Index, which counts characters, words and
sentences only: textstat's syllable-based scores would make it download NLTK's cmudict
on first use, and replylint never opens a network connection.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import Field

from replylint.analysis import AnalyzedReply
from replylint.doctext import text_of
from replylint.packs import Example, Examples
from replylint.report import Finding, Severity
from replylint.rule import Rule, RuleOptions


class ReadabilityOptions(RuleOptions):
    max_grade: float = Field(default=14.0, gt=0, description="Highest acceptable US grade level.")
    min_words: int = Field(default=30, ge=1, description="Shorter replies are not scored.")


class ReadabilityRule(Rule[ReadabilityOptions]):
    id = "readability"
    default_severity = Severity.info
    standard = "Listen and obtain clarity"
    rationale = (
        "A reply written at a high reading grade (long sentences, long words) is misread "
        "or skimmed; plain language resolves issues in fewer messages."
    )
    examples = Examples(
        fire=[
            Example(
                reply=(
                    "Notwithstanding the aforementioned considerations regarding "
                    "synchronisation, the configuration modifications necessitated by your "
                    "organisation's infrastructure requirements were implemented "
                    "comprehensively, and consequently the authentication "
                    "inconsistencies previously experienced should, theoretically, "
                    "no longer materialise under ordinary operational circumstances, "
                    "although intermittent irregularities remain conceivable."
                )
            )
        ],
        pass_=[
            Example(
                reply=(
                    "Hi Sam, thanks for writing in. I have reset your password. You can log "
                    "in now with the link we sent. It works for one hour. If it expires, "
                    "ask for a new one on the login page. We are here if you need us. "
                    "Have a great day."
                )
            )
        ],
    )

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        options = self.options
        if len(reply.normalized.text.split()) < options.min_words:
            return  # (an upper bound of the sentences' word count; cheap)
        # a line of rule marks ("---", "* * *", an <hr>) is no sentence: counted as
        # one, it made the reply read a grade easier
        text = " ".join(t for t in map(text_of, reply.sentences) if _has_word(t))
        if len(text.split()) < options.min_words:
            return
        grade = float(_textstat().automated_readability_index(text))
        if grade > options.max_grade:
            yield self.finding(
                reply,
                f"The reply reads at US grade {grade:.0f}; aim for {options.max_grade:.0f} "
                "or lower.",
                suggestion="Use shorter sentences and everyday words.",
                confidence=0.6,
            )


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


class _DeferredModule(types.ModuleType):
    """Stands in for a module until one of its attributes is read, then imports it.

    textstat imports NLTK at import time, for the cmudict syllable counts replylint
    never uses (they would download data). NLTK is 245 modules, 0.3-0.5 s: most of
    what a first long reply cost, in every CLI run, pool worker and service worker."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__spec__ = None  # (the import system reads it; None is "already imported")

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self.__name__), attribute)


_IMPORT_LOCK = threading.Lock()


@cache
def _textstat() -> Any:
    """textstat's functions, imported on first use with NLTK deferred until textstat
    really reads it (never, for the index used here).

    The stand-in is in ``sys.modules`` only while textstat imports: textstat keeps it,
    everyone else (the user's own code too) imports the real NLTK as usual."""
    with _IMPORT_LOCK:
        if "textstat" in sys.modules or "nltk" in sys.modules:
            from textstat import textstat

            return textstat
        sys.modules["nltk"] = _DeferredModule("nltk")
        try:
            from textstat import textstat
        finally:
            del sys.modules["nltk"]
        return textstat
