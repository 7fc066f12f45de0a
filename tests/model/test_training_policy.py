"""When the trained model settles a check instead of the rules (``model_decides``)."""

from __future__ import annotations

import pytest

from replylint.model.calibration import ERROR_PRECISION
from replylint.model.training import MIN_GAIN, TIE, model_decides


@pytest.mark.parametrize(
    ("model_f1", "rules_f1", "model_missing", "rules_missing", "decides"),
    [
        # better by more than the margin: the model decides, whatever its errors
        (0.90, 0.90 - MIN_GAIN - 0.001, 0.50, 0.95, True),
        # as good, and only the model's "missing" errors meet the precision target
        (0.856, 0.849, 0.944, 0.727, True),
        (0.849, 0.849, ERROR_PRECISION, 0.80, True),
        # as good, but the rules' errors already meet the target: the rule stands
        (0.856, 0.849, 0.97, 0.92, False),
        # as good, but the model's errors miss the target too
        (0.856, 0.849, 0.85, 0.70, False),
        # a tie (worse by less than one build's spread): the precise errors decide
        (0.8642, 0.8654, 0.967, 0.765, True),
        (0.849 - TIE, 0.849, 0.95, 0.70, True),
        # worse by more than a tie: precise errors do not buy a worse verdict
        (0.849 - TIE - 0.001, 0.849, 0.99, 0.50, False),
        (0.840, 0.849, 0.99, 0.50, False),
    ],
)
def test_model_decides(
    model_f1: float, rules_f1: float, model_missing: float, rules_missing: float, decides: bool
) -> None:
    assert model_decides(model_f1, rules_f1, model_missing, rules_missing) is decides
