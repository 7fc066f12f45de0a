"""Shared fixtures: one Linter per test session (building one loads spaCy), and a local
Dask cluster per module that asks for one. Also how ``-n`` deals the tests out."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from replylint import Linter, LinterConfig


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """With ``-n`` (CI's ``-n auto``) and no ``--dist``: ``--dist worksteal``. Each worker
    takes a contiguous half of the suite and takes from the end of the other's when it
    runs out, so a module runs on one worker and builds its module fixtures once. Under
    xdist's default (``load``) the first quarter of the tests was dealt out one at a time
    in turn, and nearly every module there ran on both workers, each building the
    module's Dask cluster of two spaCy-loading workers, language server, service or
    trained model. (Runs before xdist's own hook; ignored without xdist or ``-n``.)"""
    if config.getoption("numprocesses", None) and config.getoption("dist", "no") == "no":
        config.option.dist = "worksteal"


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="session")
def rules_only() -> Linter:
    """The default configuration without the trained model (``model = "none"``): the
    rules alone. Shared like ``linter``: a Linter holds no state a check changes."""
    return Linter(LinterConfig(model="none"))


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes, each loading spaCy once for the module (and
    four partitions at least for any file)."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster


@pytest.fixture
def same_on_the_cluster(cluster: Any, tmp_path: Path) -> Callable[[Path, LinterConfig], Path]:
    """Score a file locally and on the module's cluster, check that both write the same
    bytes and the same summary, and give the local output (for what a test asks next)."""
    from replylint.batch.cluster import run_on_cluster
    from replylint.batch.job import ScoreJob, run

    def score_both(source: Path, config: LinterConfig) -> Path:
        local, on_cluster = tmp_path / "local.jsonl", tmp_path / "cluster.jsonl"
        expected = run(ScoreJob(input=source, output=local, config=config))
        job = ScoreJob(input=source, output=on_cluster, config=config)
        summary = run_on_cluster(job, cluster.scheduler_address)
        assert on_cluster.read_bytes() == local.read_bytes()
        assert summary.as_dict() == expected.as_dict()
        return local

    return score_both
