"""Dask workers whose rule packs or rule code differ from the client's in content are
refused, as workers with other versions are. Versions were compared, but a team's pack
edited after the client read it (or copied to one worker only), or a plugin changed
without a version bump, scored the workers' replies with other rules, and nothing said
so.

The plugin is installed as ``pip install`` leaves it (a module and a ``.dist-info``
registering the ``replylint.rules`` entry point), version 1.0 on both sides, one copy
finding one more word.
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
    _config_json,
    _linter_for,
    run_on_cluster,
    score_dataframe,
)
from replylint.batch.job import ScoreJob  # noqa: E402

PACK = """
schema: replylint.pack/1
name: acme
rules:
  - id: acme.internal
    kind: substitution
    check: acme
    message: '"{match}" is our internal wording.'
    rationale: Customers do not know our internal words.
    standard: Speak the customer's language
    swap:
      ticket number: reference number
"""
#: Replies written for these tests.
REPLIES = [
    "Hi Dana, I will send the return label asap. Your ticket number is 4411. Thanks, Omar",
    "Hi Lee, your replacement card ships shortly. Thanks, Omar",
]


def export(tmp_path: Path) -> Path:
    source = tmp_path / "export.csv"
    source.write_text("id,reply\n" + "".join(f'{i},"{r}"\n' for i, r in enumerate(REPLIES)))
    return source


def replies(npartitions: int = 1) -> Any:
    frame = pd.DataFrame({"id": ["1", "2"], "reply": REPLIES}, dtype=object)
    return dd.from_pandas(frame, npartitions=npartitions)


@pytest.fixture()
def changed_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """One worker process started with the plugin's 1.0, then another 1.0 (which also
    finds "shortly") on this machine in its place."""
    install(tmp_path / "old", version="1.0", words=["asap"])
    install(tmp_path / "new", version="1.0", words=["asap", "shortly"])
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


def test_run_on_cluster_refuses_a_plugin_changed_without_a_version_bump(
    changed_here: Any, tmp_path: Path
) -> None:
    job = ScoreJob(
        input=export(tmp_path), output=tmp_path / "o.csv", config=LinterConfig(model="none")
    )
    with pytest.raises(ClusterError) as refused:
        run_on_cluster(job, changed_here.scheduler_address)
    message = str(refused.value)
    assert "rules differ in content between this machine and 1 of 1 worker (tcp://" in message
    assert "though their versions are the same: the rule module acme_vague_time." in message
    assert "nothing was written" in message and not job.output.exists()


def test_each_partition_refuses_a_plugin_changed_without_a_version_bump(
    changed_here: Any,
) -> None:
    config = LinterConfig(model="none")
    scored = score_dataframe(replies(2), text_col="reply", id_col="id", config=config)
    client = distributed.Client(changed_here, set_as_default=False)
    with client, pytest.raises(ClusterError) as refused:
        client.compute(scored).result()
    message = str(refused.value)
    assert "this worker's rules differ from the client's in content" in message
    assert "the rule module acme_vague_time" in message


def test_a_pack_edited_after_the_client_read_it_is_refused(cluster: Any, tmp_path: Path) -> None:
    """The client read the pack, then it changed: the workers would read the new one."""
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK, encoding="utf-8")
    config = LinterConfig(model="none", packs=[pack])
    _linter_for(_config_json(config))  # the client reads the pack now
    pack.write_text(PACK.replace("ticket number:", "order number:"), encoding="utf-8")
    job = ScoreJob(input=export(tmp_path), output=tmp_path / "o.csv", config=config)
    with pytest.raises(ClusterError) as refused:
        run_on_cluster(job, cluster.scheduler_address)
    assert f"though their versions are the same: the rule pack {pack}." in str(refused.value)
    assert not job.output.exists()
    scored = score_dataframe(replies(), text_col="reply", id_col="id", config=config)
    client = distributed.Client(cluster, set_as_default=False)
    with client, pytest.raises(ClusterError, match=f"in content.*: the rule pack {pack}"):
        client.compute(scored).result()


def test_the_same_packs_and_code_score_on_the_cluster(cluster: Any, tmp_path: Path) -> None:
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK, encoding="utf-8")
    job = ScoreJob(
        input=export(tmp_path), output=tmp_path / "o.csv",
        config=LinterConfig(model="none", packs=[pack]),
    )  # fmt: skip
    assert run_on_cluster(job, cluster.scheduler_address).rows == 2
