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

from functools import lru_cache

from nicknames import NickNamer

from replylint.resources import data_dir

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
