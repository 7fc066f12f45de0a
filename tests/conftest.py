"""Shared fixtures: one Linter per test session (building one loads spaCy)."""

from __future__ import annotations

import pytest

from replylint import Linter


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()
