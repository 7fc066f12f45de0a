"""The model's opinion of each check: its best sentence, that sentence's score through
the check's own Platt curve; every check of a reply calibrated in one step."""

from __future__ import annotations

import numpy as np
import pytest

from replylint import Linter
from replylint.model import checks_model
from replylint.model.calibration import platt
from replylint.model.checks_model import ChecksModel
from replylint.model.features import segments


@pytest.fixture(scope="module")
def model(linter: Linter) -> ChecksModel:
    assert linter.model is not None
    return linter.model


def test_each_check_reads_its_best_sentence_through_its_own_curve(
    linter: Linter, model: ChecksModel
) -> None:
    reply = linter.analyze("Hi Dana,\n\nSorry about that. Please restart the app.\n\nThanks!")
    parts = segments(reply, {})
    generator = np.random.default_rng(7)
    columns = len(model._labels)
    tied = np.full((len(parts), columns), 0.5)  # ties: the first sentence is the evidence
    extremes = np.tile(np.array([0.0, 1.0, 1e-12, 1 - 1e-12, 0.3, 0.9]), (len(parts), 1))
    for scores in (generator.random((len(parts), columns)), tied, extremes[:, :columns]):
        opinions = model._opinions_of(parts, scores)
        for column, check in enumerate(model._labels):
            calibration = model.card.checks[check]
            best = int(np.argmax(scores[:, column]))
            expected = platt(
                scores[best : best + 1, column], (calibration.platt_a, calibration.platt_b)
            )
            assert opinions[check].probability == float(expected[0])
            assert opinions[check].evidence is parts[best].span


def test_a_reply_is_calibrated_in_one_step(
    linter: Linter, model: ChecksModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def counted(scores: np.ndarray, ab: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        calls.append(scores.size)  # (one call, every check of the reply)
        return platt(scores, ab)

    monkeypatch.setattr(checks_model, "platt", counted)
    reply = linter.analyze("Your refund is on its way. Thanks for waiting!")
    model.opinions(reply, {})
    assert calls == [len(model._labels)]


def test_a_reply_without_sentences_has_no_evidence(model: ChecksModel) -> None:
    opinions = model._opinions_of([], np.zeros((0, len(model._labels))))
    assert {o.probability for o in opinions.values()} == {0.0}
    assert all(o.evidence is None for o in opinions.values())


@pytest.mark.parametrize("seed", range(5))
def test_one_reply_s_best_rows_are_a_chunk_s(seed: int) -> None:
    """One reply (``check``) finds its best rows with argmax, a chunk with reductions
    per group: the same row for each check, the first of equals, either way."""
    generator = np.random.default_rng(seed)
    groups = [int(n) for n in generator.integers(0, 6, size=8)] + [3]
    scores = np.round(generator.random((sum(groups), 9)), 1)  # (rounded: many ties)
    together = checks_model._best_rows(scores, groups)
    row, index = 0, 0
    for size in groups:
        if size:
            alone = checks_model._best_rows(scores[row : row + size], [size])
            assert alone.shape == (1, 9) and alone.dtype == together.dtype
            assert np.array_equal(alone[0] + row, together[index])
            index += 1
        row += size
