"""Where the shipped data lives: ``rules/`` and ``models/`` from the repository top.

In a wheel they are installed inside the package (``replylint/_data/``, see
pyproject.toml); in a source checkout or editable install they are read in place.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The directory ``rules`` or ``models``, wherever this install keeps it."""
    installed = _PACKAGE_DIR / "_data" / name
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / name
