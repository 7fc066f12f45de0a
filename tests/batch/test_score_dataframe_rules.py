"""``score_dataframe``, the library's way onto a cluster, refuses workers whose rules
differ from the client's. Its partitions compared only the checks the rules report, so a
worker without a rule plugin that only finds problems (no check of its own) scored its
replies without it: higher scores, no finding, and nothing said.

The plugin is installed as ``pip install`` leaves it (a module and a ``.dist-info``
registering the ``replylint.rules`` entry point), once the workers have started: they
score without it.
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

from replylint.batch.cluster import (  # noqa: E402  (dask is an optional extra)
    ClusterError,
    _cached_linter,
    score_dataframe,
)

RULE = "acme.no_asap"
PLUGIN_SOURCE = f'''
from replylint import Rule
from replylint.report import Finding, Severity


class NoAsap(Rule):
    """Finds "asap", which promises no time: a plugin with findings and no check."""

    id = "{RULE}"
    standard = "Say when"
    rationale = "A customer told asap does not know when to look again."

    def check(self, reply):
        text = reply.original
        start = text.lower().find("asap")
        if start >= 0:
            yield Finding(rule=self.id, check=self.check_name, severity=Severity.warning,
                          message="Say when instead of asap.", start=start,
                          end=start + 4, text=text[start : start + 4])
'''
RULES_ONLY = LinterConfig(model="none")
#: Replies written for these tests: the first says "asap".
REPLIES = [
    "Hi Dana, I will send the return label asap. Thanks, Omar",
    "Hi Lee, your replacement card ships today and arrives by Friday. Thanks, Omar",
]


@pytest.fixture()
def late_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A cluster of one worker process, then the plugin installed on this machine alone.
    The client's cached linters go with it."""
    _cached_linter.cache_clear()
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        site = tmp_path / "site"
        (site / "acme_no_asap-1.0.dist-info").mkdir(parents=True)
        (site / "acme_no_asap.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
        (site / "acme_no_asap-1.0.dist-info" / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: acme-no-asap\nVersion: 1.0\n", encoding="utf-8"
        )
        (site / "acme_no_asap-1.0.dist-info" / "entry_points.txt").write_text(
            "[replylint.rules]\nacme = acme_no_asap:NoAsap\n", encoding="utf-8"
        )
        monkeypatch.syspath_prepend(str(site))
        try:
            yield cluster
        finally:
            sys.modules.pop("acme_no_asap", None)
            _cached_linter.cache_clear()


def replies(npartitions: int = 1) -> Any:
    frame = pd.DataFrame({"id": ["1", "2"], "reply": REPLIES}, dtype=object)
    return dd.from_pandas(frame, npartitions=npartitions)


def test_the_plugin_changes_the_score_where_it_is_installed(late_plugin: Any) -> None:
    """What a worker without it would have left out."""
    scored = score_dataframe(replies(), text_col="reply", id_col="id", config=RULES_ONLY)
    out = scored.compute(scheduler="sync")  # scored in this process, which has the plugin
    assert list(out["findings"]) == [1, 0] and out["score"][0] < out["score"][1] == 100


def test_with_a_client_workers_without_the_plugin_are_refused_before_anything_is_scored(
    late_plugin: Any,
) -> None:
    with distributed.Client(late_plugin), pytest.raises(ClusterError) as refused:
        score_dataframe(replies(), text_col="reply", id_col="id", config=RULES_ONLY)
    message = str(refused.value)
    assert f"they lack the rule plugin '{RULE}', installed here" in message
    assert "Install the same rule plugins everywhere" in message


def test_each_partition_refuses_a_worker_without_the_plugin(late_plugin: Any) -> None:
    """No client current when the frame was made (or a worker that joined later): the
    partitions are scored by a worker that lacks the plugin, and fail."""
    scored = score_dataframe(replies(2), text_col="reply", id_col="id", config=RULES_ONLY)
    client = distributed.Client(late_plugin, set_as_default=False)
    with client, pytest.raises(ClusterError) as refused:
        client.compute(scored).result()
    message = str(refused.value)
    assert f"this worker lacks the rule '{RULE}', which the client runs" in message
    assert "Install the same rule plugins everywhere" in message


def test_an_empty_partition_is_checked_too() -> None:
    """A worker's rules are compared before its rows are looked at: no row is no pass.
    The client here runs a rule this process lacks."""
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
    client_plan = _Plan(
        ColumnMap("reply", "id", None, None, None), "email", False, config_json,
        reported_checks(here.rules), (*_rule_ids(here), RULE), _packages_for(config_json),
        _digests_for(config_json),
    )  # fmt: skip
    empty = pd.DataFrame({"id": [], "reply": [], _ROW: []}, dtype=object)
    with pytest.raises(ClusterError, match=f"this worker lacks the rule '{RULE}'"):
        _score_partition(empty, client_plan)
