"""A Dask worker with another version of a rule plugin is refused, as one with another
replylint is. Workers were asked for their replylint version and their rules' ids, but
the same rule of another version finds other things: such a worker scored its replies
differently, and nothing said so.

The plugin is installed as ``pip install`` leaves it (a module and a ``.dist-info``
registering the ``replylint.rules`` entry point). The workers start with version 1.0 on
their path; this machine then has 1.1 of the same package, with the same rule, which
finds one more word.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from replylint.config import LinterConfig

distributed = pytest.importorskip("dask.distributed")
dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")

from vague_time_plugin import install  # noqa: E402

from replylint.batch.cluster import (  # noqa: E402  (dask is an optional extra)
    ClusterError,
    _cached_linter,
    run_on_cluster,
    score_dataframe,
)
from replylint.batch.job import ScoreJob  # noqa: E402

#: The rule of each version: 1.1 also finds "shortly".
WORDS = {"1.0": ["asap"], "1.1": ["asap", "shortly"]}
RULES_ONLY = LinterConfig(model="none")
#: Replies written for these tests: the second says "shortly".
REPLIES = [
    "Hi Dana, I will send the return label asap. Thanks, Omar",
    "Hi Lee, your replacement card ships shortly. Thanks, Omar",
]


@pytest.fixture()
def upgraded_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A cluster of one worker process started with the plugin's 1.0, then 1.1 on this
    machine in its place."""
    install(tmp_path / "old", version="1.0", words=WORDS["1.0"])
    install(tmp_path / "new", version="1.1", words=WORDS["1.1"])
    monkeypatch.syspath_prepend(str(tmp_path / "old"))
    _cached_linter.cache_clear()
    try:
        with distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            monkeypatch.undo()
            sys.modules.pop("acme_vague_time", None)
            monkeypatch.syspath_prepend(str(tmp_path / "new"))
            yield cluster
    finally:
        sys.modules.pop("acme_vague_time", None)
        _cached_linter.cache_clear()


def replies(npartitions: int = 1) -> Any:
    frame = pd.DataFrame({"id": ["1", "2"], "reply": REPLIES}, dtype=object)
    return dd.from_pandas(frame, npartitions=npartitions)


def test_the_new_version_scores_differently_where_it_is_installed(upgraded_here: Any) -> None:
    """What a worker with the old one would have scored otherwise, without a word."""
    scored = score_dataframe(replies(), text_col="reply", id_col="id", config=RULES_ONLY)
    out = scored.compute(scheduler="sync")  # scored in this process, which has 1.1
    assert list(out["findings"]) == [1, 1]


def test_run_on_cluster_refuses_workers_with_another_plugin_version(
    upgraded_here: Any, tmp_path: Path
) -> None:
    source, out = tmp_path / "export.csv", tmp_path / "scores.csv"
    source.write_text("id,reply\n" + "".join(f'{i},"{r}"\n' for i, r in enumerate(REPLIES)))
    job = ScoreJob(input=source, output=out, config=RULES_ONLY)
    with pytest.raises(ClusterError) as refused:
        run_on_cluster(job, upgraded_here.scheduler_address)
    message = str(refused.value)
    assert "rule plugin versions differ between this machine and 1 of 1 worker (tcp://" in message
    assert "acme-vague-time 1.1 here but 1.0 on them" in message
    assert "pip install 'PACKAGE==VERSION' in every worker's environment" in message
    assert not out.exists()


def test_score_dataframe_with_a_client_refuses_them_before_anything_is_scored(
    upgraded_here: Any,
) -> None:
    with distributed.Client(upgraded_here), pytest.raises(ClusterError) as refused:
        score_dataframe(replies(), text_col="reply", id_col="id", config=RULES_ONLY)
    assert "acme-vague-time 1.1 here but 1.0 on them" in str(refused.value)


def test_each_partition_refuses_a_worker_with_another_plugin_version(upgraded_here: Any) -> None:
    """No client current when the frame was made (or a worker that joined later): the
    worker's rules are the client's, so only their version tells them apart."""
    scored = score_dataframe(replies(2), text_col="reply", id_col="id", config=RULES_ONLY)
    client = distributed.Client(upgraded_here, set_as_default=False)
    with client, pytest.raises(ClusterError) as refused:
        client.compute(scored).result()
    message = str(refused.value)
    assert "this worker has other package versions than the client" in message
    assert "acme-vague-time 1.1 on the client but 1.0 here" in message


def test_a_partition_compares_replylint_itself_too() -> None:
    """A worker that joined later with another replylint was never asked at all."""
    from replylint.batch.checks import reported_checks
    from replylint.batch.cluster import (
        _ROW,
        _config_json,
        _digests_for,
        _linter_for,
        _packages_for,
        _Plan,
        _rule_ids,
        _score_partition,
    )
    from replylint.batch.columns import ColumnMap

    config_json = _config_json(RULES_ONLY)
    here = _linter_for(config_json)
    ours = dict(_packages_for(config_json))
    client_has = tuple({**ours, "replylint": "99.0"}.items())
    plan = _Plan(
        ColumnMap("reply", "id", None, None, None), "email", False, config_json,
        reported_checks(here.rules), _rule_ids(here), client_has, _digests_for(config_json),
    )  # fmt: skip
    empty = pd.DataFrame({"id": [], "reply": [], _ROW: []}, dtype=object)
    with pytest.raises(ClusterError) as refused:
        _score_partition(empty, plan)
    assert f"replylint 99.0 on the client but {ours['replylint']} here" in str(refused.value)
