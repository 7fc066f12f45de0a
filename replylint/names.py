"""First names and their short forms: one home for the checks that need to know a
person's name (``customer_name``: is "Rob" Robert?; ``agent_identity``: is the sign-off a
person?; a step: does a person act?).

Two sources, both read offline: the maintained ``nicknames`` dataset (Apache-2.0, a CSV
shipped with its package) for English names and their short forms, and
``models/given_names_intl.txt`` (built from Faker's person providers, MIT; see
``models/build_given_names.py``) for the first names of some seventy other locales, so
that "Thanks, Priya" is signed as "Thanks, Kim" is.

Loaded once per process (~50 ms) and immutable afterwards. Kept as one dict of strings
rather than the dataset's thousands of sets: the garbage collector does not track it, so
it costs nothing per reply afterwards (the sets made every full collection of a long
batch run slower).
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import lru_cache

from nicknames import NickNamer

from replylint.resources import data_dir

#: How close (difflib ratio) a word must be to a name to read as a misspelling of it.
MISSPELLING_RATIO = 0.7
#: The shipped list of first names from many countries (one lower-case name a line).
INTERNATIONAL_NAMES_FILE = "given_names_intl.txt"
#: ... and apart, those of them that are also English words ("robin", "grace", "hope").
WORD_NAMES_FILE = "given_names_words.txt"


@lru_cache(maxsize=1)
def short_forms() -> dict[str, str]:
    """Each first name the dataset knows, lower-case, with its short forms joined by
    spaces."""
    namer = NickNamer()
    return {name: " ".join(sorted(nicks)) for name, nicks in namer.nickname_lookup.items()}


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every first name and short form either source knows, lower-case."""
    forms = short_forms()
    return frozenset(forms) | frozenset(" ".join(forms.values()).split()) | international_names()


@lru_cache(maxsize=1)
def international_names() -> frozenset[str]:
    """The first names of ``models/given_names_intl.txt``: not English words."""
    return _shipped(INTERNATIONAL_NAMES_FILE)


@lru_cache(maxsize=1)
def word_names() -> frozenset[str]:
    """First names that are also English words ("robin", "grace", "hope"), which
    :func:`given_names` leaves out: "Thanks! Hope ..." closes prose with a word. Only
    where a name is expected whatever the word (a reply opening "Robin, ...")."""
    return _shipped(WORD_NAMES_FILE)


def _shipped(name: str) -> frozenset[str]:
    """The names of a shipped list in ``models/`` (its ``#`` header left out)."""
    text = (data_dir("models") / name).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def fold(name: str) -> str:
    """A name compared without case, curly apostrophes or accents mattering: "Jose" is
    José, and "Zoe" Zoë (an agent's keyboard, or the ticket system, often drops them)."""
    decomposed = unicodedata.normalize("NFKD", name.lower().replace("’", "'").strip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def similar(word: str, name: str) -> bool:
    """Close enough to ``name`` to be a misspelling of it ("Jhon", "Natallie")."""
    a, b = fold(word), fold(name)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= MISSPELLING_RATIO


def stands_for(word: str, name: str) -> bool:
    """Whether the first name ``word``, where a reply addresses someone, is meant for the
    person called ``name``, rightly or by mistake: the name itself, a misspelling of it
    ("Jhon" for John), or a name the ``nicknames`` dataset gives as a form of it, either
    way (Rob for Robert; Emily for Emma, a name of its own that a hurried agent mixes up).
    Any other name is someone else's: closing a reply, most likely the agent's own."""
    a, b = fold(word), fold(name)
    if similar(a, b):
        return True
    forms = short_forms()
    return a in forms.get(b, "").split() or b in forms.get(a, "").split()
