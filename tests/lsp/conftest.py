"""Fixtures for the language-server tests: a macro repository and one server session
for a whole test module (starting a server loads spaCy)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from lsp_client import Session


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A macro repository with its own configuration (so nothing above it applies)."""
    root = tmp_path_factory.mktemp("macros")
    (root / ".replylint.toml").write_text('ignore = ["closing_thanks"]\n', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def session(repo: Path) -> Iterator[Session]:
    """A server with a long debounce, so a test's burst of changes always falls within
    it even on a loaded machine."""
    client = Session(repo, "--debounce", "1")
    try:
        client.initialize()
        yield client
    finally:
        client.kill()
