"""Is the reply in English? The checks read English; a French reply is not "missing a
greeting", it is out of their reach, and the report should say so instead of erring.

Detection costs little for the English replies that are nearly all of the traffic: a
reply whose words are at least :data:`ENGLISH_SHARE` common English function words
("the", "you", "please": :data:`replylint.grammar.ENGLISH_MARKERS`, closed-class grammar
the threshold is tuned against, not a list a team extends) is English without asking
anything else. Only the rest (terse
replies, link-only replies, other languages) go to py3langid, a naive Bayes classifier
over byte n-grams whose model ships inside its wheel: offline, numpy only, ~200 µs a
reply. Its model loads on the first such reply (about a second, nearly all of it LZMA
decompression), so a check of an English draft never pays for it. A batch run, which
meets such a reply within its first few hundred rows, starts the load on a thread of its
own at start-up (:func:`load_in_background`): the decompression releases the GIL, so it
runs on the second core while the linter is built instead of stalling the run later.

A reply counts as another language only when that is clear: at least :data:`MIN_WORDS`
words once links, acronyms and codes are removed ("Merci" or "Ok!" decide nothing, nor
"SSO", "eSIM" or "x509"), the classifier at least :data:`MIN_CONFIDENCE` sure it is
not English, and at least :data:`MIN_BEST_LANGUAGE` sure of the language it names.
Anything else is checked as English: a reply wrongly skipped passes with 100 and no
finding, which is the worse mistake for a gate.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from replylint.grammar import ENGLISH_MARKERS

ENGLISH = "en"
#: Fewer words than this (links excluded) cannot tell a language apart reliably.
MIN_WORDS = 6
#: How sure the classifier must be that a reply is not English (1 - its probability of
#: English) to call it another language.
MIN_CONFIDENCE = 0.95
#: The probability the classifier's first language needs: over text it cannot place
#: (shorthand such as "ur pkg is w/ trk") it spreads its belief thinly over all 97
#: languages (about 0.1 to the first), so "not English" is near-certain only because
#: English is one of many. Replies in another language put 0.3 or more on it (the least
#: of 341 such replies in the pool: German, 0.32).
MIN_BEST_LANGUAGE = 0.25
#: English prose is 20-40% of these function words; a terse English reply ("Enable the
#: Folder Pane under View/Layout.") has a few; French, German or Polish text next to none.
ENGLISH_SHARE = 0.1
#: The start of a reply says what language it is in; a bound keeps long replies cheap.
SAMPLE_CHARS = 1000

#: Punctuation around a word ("you," "(please").
_PUNCTUATION = (
    "\"'.,;:!?()[]{}<>*-\u2013\u2014\u2026\u201c\u201d\u2018\u2019\u00ab\u00bb\u00bf\u00a1/\\|#"
)
#: A run of letters, or one CJK, kana or Thai character (scripts written without spaces).
_WORD = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]|[^\W\d_]+")
#: Labels that are no evidence against English: "no linguistic content" (crash ids,
#: version strings) and an English-based creole (Nigerian Pidgin) that terse English
#: replies are taken for.
_NOT_A_LANGUAGE = frozenset({"zxx", "pcm"})

#: Names for the codes the classifier returns most often; others are shown as the code.
LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nb": "Norwegian", "nl": "Dutch",
    "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "th": "Thai",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese",
    "yue": "Cantonese",
}  # fmt: skip


@dataclass(frozen=True)
class DetectedLanguage:
    """A language other than English that a reply is clearly written in."""

    code: str
    #: How sure the classifier is that the reply is not English (0-1).
    confidence: float

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.code, f"language {self.code!r}")

    def notice(self) -> str:
        """What the report says about it (``notices``)."""
        return (
            f"the reply looks like {self.name} ({self.code}); "
            "the English-only checks were not applied"
        )


class _Classifier(Protocol):
    def rank(self, text: str) -> list[tuple[str, float]]: ...


def detect_language(text: str) -> DetectedLanguage | None:
    """The language ``text`` is clearly written in when that is not English; None for
    English, and for text too short or too mixed to tell."""
    sample = text[:SAMPLE_CHARS]
    lowered = sample.lower()
    if _surely_english(lowered):
        return None
    words = _words(lowered)
    if len(words) < MIN_WORDS or english_share(words) >= ENGLISH_SHARE:
        return None
    # Acronyms and codes ("SSO", "UPS", "eSIM", "x509") belong to no language; a terse
    # technical English reply full of them read as Catalan or Estonian to the classifier.
    words = [word.lower() for word in _words(sample) if not _is_code(word)]
    if len(words) < MIN_WORDS or english_share(words) >= ENGLISH_SHARE:
        return None
    ranked = _classifier().rank(" ".join(words))
    code, best = str(ranked[0][0]), float(ranked[0][1])
    # Asked "is it English?", not "which language?": close kin (Spanish, Galician,
    # Portuguese) split the probability among themselves, and that is no doubt about English.
    not_english = 1.0 - next((float(p) for c, p in ranked if c == ENGLISH), 0.0)
    if code == ENGLISH or code in _NOT_A_LANGUAGE or not_english < MIN_CONFIDENCE:
        return None
    if best < MIN_BEST_LANGUAGE:
        return None  # no language stands out: English among ninety-six others, not another
    return DetectedLanguage(code=code, confidence=not_english)


def _surely_english(lowered: str) -> bool:
    """Whether the first words of ``lowered`` (a lower-cased sample) already hold enough
    common English function words for the whole sample to reach :data:`ENGLISH_SHARE`
    of them, whatever its other words are: the share counts the words :func:`_words`
    keeps, never more than the sample's whitespace-separated tokens, and a token that is
    such a word stripped of its punctuation is one of them. English prose (20-40% such
    words) is decided within its first few dozen tokens instead of reading all of
    them (half of detection's time on the replies that are nearly all of the traffic)."""
    tokens = lowered.split()
    needed = ENGLISH_SHARE * len(tokens)
    found = 0
    for token in tokens:
        if token.strip(_PUNCTUATION) in ENGLISH_MARKERS:
            found += 1
            if found >= needed:
                return True
    return False


def english_share(words: list[str]) -> float:
    """The share of ``words`` (lower-cased, bare) that are common English function words."""
    return sum(map(ENGLISH_MARKERS.__contains__, words)) / len(words) if words else 0.0


def _words(sample: str) -> list[str]:
    """The words of ``sample``, bare of punctuation, without links, addresses, @handles,
    numbers and symbols ("->", "1."), which belong to no language. Splitting on spaces
    is several times cheaper than a regex, and this runs on every reply; only short text
    in a script without spaces is split per character."""
    tokens = sample.split()
    if "://" in sample or "@" in sample or "www." in sample:
        tokens = [t for t in tokens if not ("://" in t or "@" in t or t.startswith("www."))]
    words = [w for w in (t.strip(_PUNCTUATION) for t in tokens) if w[:1].isalpha()]
    if len(words) < MIN_WORDS and not sample.isascii():
        words = _WORD.findall(" ".join(words))
    return words


def _is_code(word: str) -> bool:
    """An acronym, a code or a product's spelling ("SSO", "eSIM", "x509", "4411-B"): a
    capital after the first letter, or a digit. No language's word."""
    if not word.isascii():
        return False  # codes are written in ASCII; "SMTPサーバ" is Japanese
    rest = word[1:]
    return rest != rest.lower() or any(ch.isdigit() for ch in word)


class _ClassifierCell:
    """py3langid's model, loaded once and only when wanted. The lock makes a caller wait
    for a load another thread has begun (:func:`load_in_background`) instead of starting
    a second one; ``classify`` only reads the model, so threads may share it. A fork
    waits for a load in progress (``os.register_at_fork``): a child must not inherit a
    lock held by a thread it does not have."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._classifier: _Classifier | None = None
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(
                before=self._lock.acquire,
                after_in_parent=self._lock.release,
                after_in_child=self._lock.release,
            )

    def get(self) -> _Classifier:
        with self._lock:
            if self._classifier is None:
                self._classifier = _load_classifier()
            return self._classifier


def _load_classifier() -> _Classifier:
    """py3langid's shipped model: our own instance (not the module's global one) so
    nobody else's ``set_languages`` affects it."""
    from py3langid.langid import (  # type: ignore[import-untyped]
        MODEL_FILE,
        LanguageIdentifier,
    )

    try:
        identifier: Any = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    except OSError:  # its temporary file: /tmp full, read-only or over quota
        identifier = _identifier_unpacked_in_memory(LanguageIdentifier, MODEL_FILE)
    classifier: _Classifier = identifier
    return classifier


def _identifier_unpacked_in_memory(identifier_type: Any, model_file: str) -> Any:
    """py3langid's model unpacked in memory, for a machine where its own loader cannot
    write the temporary file it unpacks into (``TMPDIR`` full, read-only or over quota):
    every English reply would still be checked, but each reply that needs the classifier
    would fail. Not the first choice, as it holds the unpacked archive (~70 MB) in memory
    for the moment of the load. Mirrors ``py3langid.modelio.load_model`` (pinned below
    0.5 in pyproject.toml)."""
    import io
    import lzma

    import numpy
    from py3langid.langid import MODEL_DIR
    from py3langid.modelio import _to_array  # type: ignore[import-untyped]

    with lzma.open(MODEL_DIR / model_file) as packed:
        unpacked = io.BytesIO(packed.read())
    with numpy.load(unpacked, allow_pickle=False) as data:
        return identifier_type(
            numpy.asarray(data["ptc"]),
            numpy.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]),
        )


_CLASSIFIER = _ClassifierCell()


def _classifier() -> _Classifier:
    """The classifier, loaded on first use (or waited for, if a load is under way)."""
    return _CLASSIFIER.get()


def load_in_background() -> Callable[[], None]:
    """Start loading the classifier's model on a daemon thread, for a run that will
    almost surely need it (a batch of many replies); returns a function that waits for
    the load to end. A load that fails is not reported here: the first reply that needs
    the model loads it again and meets the error there, as without this."""

    def load() -> None:
        try:
            _CLASSIFIER.get()
        except Exception:  # raised again where the model is used
            return

    thread = threading.Thread(target=load, name="replylint-language-model", daemon=True)
    thread.start()
    return thread.join
