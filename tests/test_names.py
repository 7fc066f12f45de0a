"""The first names replylint knows (:mod:`replylint.names`): English names and their
short forms from the ``nicknames`` dataset, and the shipped list of first names of other
locales (``models/given_names_intl.txt``, built by ``models/build_given_names.py``)."""

from __future__ import annotations

from replylint.names import (
    INTERNATIONAL_NAMES_FILE,
    WORD_NAMES_FILE,
    given_names,
    international_names,
    short_forms,
    word_names,
)
from replylint.resources import data_dir


def _shipped_lines() -> list[str]:
    text = (data_dir("models") / INTERNATIONAL_NAMES_FILE).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_names_of_other_locales_are_known() -> None:
    english = set(short_forms())
    for name in ("priya", "siobhan", "kwame", "aisha"):
        assert name in given_names()
    # the shipped list is what adds most of them
    assert {"priya", "siobhan", "kwame"} - english <= international_names()


def test_english_names_and_short_forms_are_still_known() -> None:
    assert {"robert", "rob", "katherine", "kate"} <= given_names()


def test_the_shipped_list_is_sorted_unique_lower_case_without_english_words() -> None:
    lines = _shipped_lines()
    assert len(lines) > 10_000
    assert lines == sorted(set(lines))
    assert all(line == line.lower() and " " not in line for line in lines)
    # "Thanks! Enjoy" closes prose: a word is never taken for a signature's name
    assert {"hope", "enjoy", "will", "sunny", "us", "can", "monday"}.isdisjoint(lines)


def test_names_that_are_words_are_kept_apart() -> None:
    """ "Robin" and "Grace" are names and words: kept for where a name is expected
    whatever the word ("Robin, ..." opening a reply), out of :func:`given_names`."""
    assert {"robin", "grace", "hope"} <= word_names()
    assert not {"robin", "grace", "hope"} & international_names()
    text = (data_dir("models") / WORD_NAMES_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines == sorted(set(lines)) and not set(lines) & set(_shipped_lines())
