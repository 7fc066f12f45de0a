"""Verdicts kept across replies (replylint.verdicts): the same values as the test
gives, each value tested once while it is remembered, and never more kept than the
bound allows."""

from __future__ import annotations

from replylint.verdicts import Verdicts


def test_the_values_a_test_holds_for_each_tested_once() -> None:
    tested: list[str] = []

    def long_word(word: str) -> bool:
        tested.append(word)
        return len(word) > 4

    verdicts: Verdicts[str] = Verdicts(100)
    first = frozenset({"refund", "the", "account", "a"})
    assert verdicts.holding(first, long_word) == {"refund", "account"}
    assert sorted(tested) == sorted(first)
    tested.clear()
    second = frozenset({"the", "refund", "weekend", "it"})
    assert verdicts.holding(second, long_word) == {"refund", "weekend"}
    assert sorted(tested) == ["it", "weekend"]  # only the new ones
    assert verdicts.known("refund") is True and verdicts.known("it") is False
    assert verdicts.known("never") is None


def test_the_kept_verdicts_are_dropped_when_over_their_bound() -> None:
    verdicts: Verdicts[int] = Verdicts(5)
    for start in range(0, 40, 3):
        values = frozenset(range(start, start + 3))
        assert verdicts.holding(values, lambda n: n % 2 == 0) == {n for n in values if n % 2 == 0}
        assert len(verdicts) <= 5 + 3
