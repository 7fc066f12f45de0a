"""Shared fixtures: one Linter per test session (building one loads spaCy), and a local
Dask cluster per module that asks for one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from replylint import Linter


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes, each loading spaCy once for the module (and
    four partitions at least for any file)."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster
