"""docs/model.md states the shipped model's thresholds in words, and every rebuild moves
them. Trust audit 6 found three "today" values on the page (and one in accuracy.md) that
no build had shipped for several stops. These tests hold the page to what
``models/default/`` holds, so a rebuild fails until the page says what ships."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from replylint.model.calibration import ERROR_PRECISION, tempers
from replylint.model.card import CheckCalibration

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "models" / "default"


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page() -> str:
    """docs/model.md with its line breaks and runs of spaces made single spaces, so a
    value may be wrapped anywhere in the prose."""
    return " ".join((ROOT / "docs" / "model.md").read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def card() -> dict[str, Any]:
    card: dict[str, Any] = _read_json(SHIPPED / "model.json")
    return card


def test_next_step_threshold_and_error_band_are_the_shipped_ones(
    page: str, card: dict[str, Any]
) -> None:
    next_step = card["checks"]["next_step"]
    assert f"Shipped: next_step {next_step['threshold']:.2f}." in page
    assert f"Shipped: next_step {next_step['error_below']:.2f} " in page


def test_term_model_veto_and_additions_are_the_shipped_ones(
    page: str, card: dict[str, Any]
) -> None:
    terms = card["terms"]
    veto = _read_json(SHIPPED / "terms" / "terms.json")["veto"]
    assert (
        f"Today that is a veto of {veto:.2f} and additions from {terms['threshold']:.2f} "
        f"(out-of-fold precision {terms['cv_precision']:.3f}, recall {terms['cv_recall']:.3f}"
    ) in page


def test_problem_model_threshold_is_the_shipped_one(page: str, card: dict[str, Any]) -> None:
    assert f"its threshold is {card['problem']['threshold']:.2f} today" in page


def test_the_page_says_tempering_as_the_shipped_model_does(page: str, card: dict[str, Any]) -> None:
    """The page says the shipped model tempers nothing, and why: the rules' alarms on
    the checks it leaves to them were right at least as often as the error bar."""
    calibrations = {
        name: CheckCalibration.model_validate(values) for name, values in card["checks"].items()
    }
    tempered = sorted(name for name, calibration in calibrations.items() if tempers(calibration))
    assert tempered == []
    assert (
        "The shipped model tempers nothing: the rules' alarms on the checks it does not "
        f"decide were right at least {ERROR_PRECISION:.0%} of the time"
    ) in page
