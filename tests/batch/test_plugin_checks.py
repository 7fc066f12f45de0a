"""A rule plugin's presence check in batch scoring: a column of the CSV and Parquet
output, a line of the summary and its JSON, a bar of the HTML report, the same columns on
a Dask cluster; and ``--resume`` refuses output written with other checks.

The plugin is installed for real (a package and its ``.dist-info`` on ``sys.path``, and
on the ``PYTHONPATH`` of Dask's worker processes), so it is found as ``pip install``
would make it found: through the ``replylint.rules`` entry points.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from replylint.batch.html_report import write_html_report
from replylint.batch.job import ScoreJob, run
from replylint.batch.writers import OutputError, iter_results
from replylint.cli import main
from replylint.config import LinterConfig

CHECK = "ticket_ref"
PLUGIN_SOURCE = f'''
import re

from replylint import PresenceRule, Verdict


class TicketRef(PresenceRule):
    id = "acme.ticket_ref"
    check_name = "{CHECK}"
    standard = "Give the customer the ticket number"
    rationale = "A customer who writes back with the number is found at once."
    weight = 10
    missing_message = "The reply gives no ticket number."

    def detect(self, reply):
        return Verdict(present=re.search(r"#[0-9]+", reply.original) is not None)
'''
RULES_ONLY = LinterConfig(model="none")
#: Replies written for these tests: the first and third give a ticket number.
REPLIES = [
    "Hi Dana, your refund for ticket #4410 is on its way and arrives by Friday. Thanks, Sam",
    "Hi Lee, your refund is on its way and arrives by Friday. Thanks, Sam",
    "Hello Ana, I have reopened case #981 and will write by Monday. Thank you, Sam",
    "Hi Jo, I have reopened your case and will write by Monday. Thank you, Sam",
]


def install_plugin(site: Path) -> None:
    """Write the plugin as ``pip install`` leaves a package: its module and a
    ``.dist-info`` whose ``entry_points.txt`` registers the rule."""
    (site / "acme_ticket_ref.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    dist = site / "acme_ticket_ref-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-ticket-ref\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        "[replylint.rules]\nacme = acme_ticket_ref:TicketRef\n", encoding="utf-8"
    )


@pytest.fixture()
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    monkeypatch.syspath_prepend(str(site))
    yield
    sys.modules.pop("acme_ticket_ref", None)


def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "agent", "reply"])
        writer.writerows([str(n), "sam", reply] for n, reply in enumerate(REPLIES, 1))
    return path


def score(tmp_path: Path, out: Path, *more: str) -> int:
    """``replylint score`` of the export, without the config files around the test
    unless ``more`` names one."""
    config = [] if "--config" in more else ["--isolated"]
    return main(["score", str(export(tmp_path)), "--out", str(out), *config, "--jobs", "1",
                 "--model", "none", *more])  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_score_output_and_summary_have_the_plugins_check(
    plugin: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out, summary_json = tmp_path / f"scores.{fmt}", tmp_path / "summary.json"
    assert score(tmp_path, out, "--summary-json", str(summary_json)) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith(CHECK))
    assert line.split() == [CHECK, "4", "2", "50.0%"]
    assert json.loads(summary_json.read_text("utf-8"))["missing_rate"][CHECK] == 0.5
    if fmt == "csv":
        with open(out, encoding="utf-8", newline="") as handle:
            states = [row[CHECK] for row in csv.DictReader(handle)]
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        states = pq.read_table(out).column(CHECK).to_pylist()
    else:
        results = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        states = ["present" if r["checks"][CHECK]["present"] else "missing" for r in results]
    assert states == ["present", "missing", "present", "missing"]


def test_a_plugins_check_ignored_on_the_channel_is_not_applicable(
    plugin: None, tmp_path: Path
) -> None:
    config = tmp_path / "replylint.toml"
    config.write_text('[channels.email]\nignore = ["acme"]\n', encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert score(tmp_path, out, "--config", str(config)) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        assert {row[CHECK] for row in csv.DictReader(handle)} == {"n/a"}


def test_the_html_report_has_a_bar_and_a_column_for_the_plugins_check(
    plugin: None, tmp_path: Path
) -> None:
    out, page = tmp_path / "scores.jsonl", tmp_path / "report.html"
    assert score(tmp_path, out) == 0
    write_html_report(iter_results(out), page)
    html = page.read_text("utf-8")
    assert f'data-check="{CHECK}" data-rate="0.5000"' in html
    assert f'data-key="{CHECK}"' in html


def test_resuming_csv_output_with_the_plugins_column_counts_it_for_every_row(
    plugin: None, tmp_path: Path
) -> None:
    out = tmp_path / "scores.csv"
    whole = run(ScoreJob(input=export(tmp_path), output=out, config=RULES_ONLY))
    lines = out.read_text("utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:3]), encoding="utf-8")  # stopped after two rows
    resumed = run(ScoreJob(input=export(tmp_path), output=out, resume=True, config=RULES_ONLY))
    assert resumed.as_dict() == whole.as_dict()
    assert resumed.missing[CHECK] == 2 and resumed.applicable[CHECK] == 4


@pytest.mark.parametrize("record", [True, False])
def test_resume_refuses_csv_output_written_without_the_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record: bool
) -> None:
    out = tmp_path / "scores.csv"
    run(ScoreJob(input=export(tmp_path), output=out, config=RULES_ONLY))
    lines = out.read_text("utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:3]), encoding="utf-8")
    if not record:  # (copied without it: the header still tells)
        out.with_name(out.name + ".replylint-run.json").unlink()
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    monkeypatch.syspath_prepend(str(site))
    try:
        with pytest.raises(OutputError) as refused:
            run(ScoreJob(input=export(tmp_path), output=out, resume=True, config=RULES_ONLY))
    finally:
        sys.modules.pop("acme_ticket_ref", None)
    message = str(refused.value)
    assert message.startswith(f"cannot resume into {out}") and f"'{CHECK}'" in message
    assert "a rule plugin" in message and "--force" in message
    assert out.read_text("utf-8") == "".join(lines[:3])  # left as it was


def test_resume_refuses_jsonl_output_written_without_the_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its earlier rows have no verdict of the check: the summary would count the
    plugin's check over the later rows alone."""
    out = tmp_path / "scores.jsonl"
    run(ScoreJob(input=export(tmp_path), output=out, config=RULES_ONLY))
    lines = out.read_text("utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:2]), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    monkeypatch.syspath_prepend(str(site))
    try:
        with pytest.raises(OutputError, match=f"other checks.*'{CHECK}' now, not then"):
            run(ScoreJob(input=export(tmp_path), output=out, resume=True, config=RULES_ONLY))
    finally:
        sys.modules.pop("acme_ticket_ref", None)


def cut_without_record(out: Path) -> bytes:
    """``out`` as a run stopped in its third row leaves it, copied without its run
    record: what is left to resume."""
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]) + lines[2][:40])
    out.with_name(out.name + ".replylint-run.json").unlink()
    return out.read_bytes()


@pytest.mark.parametrize("then", ["with the plugin", "without it"])
def test_resume_refuses_jsonl_output_copied_without_its_record_and_scored_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, then: str
) -> None:
    """Without the record, results with the plugin's verdict were appended to results
    without it (or the reverse): the file counted the check over part of its rows."""
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    out = tmp_path / "scores.jsonl"
    job = ScoreJob(input=export(tmp_path), output=out, config=RULES_ONLY)
    try:
        if then == "with the plugin":
            monkeypatch.syspath_prepend(str(site))
        run(job)
        monkeypatch.undo()
        sys.modules.pop("acme_ticket_ref", None)
        if then == "without it":
            monkeypatch.syspath_prepend(str(site))
        left = cut_without_record(out)
        with pytest.raises(OutputError) as refused:
            run(replace(job, resume=True))
    finally:
        sys.modules.pop("acme_ticket_ref", None)
    message = str(refused.value)
    assert message.startswith(f"cannot resume into {out}: line 1 has ")
    if then == "with the plugin":
        assert f"has verdicts for '{CHECK}', which no rule of this run gives" in message
    else:
        assert f"has no verdict for '{CHECK}', which this run gives email replies" in message
    assert "a rule plugin" in message and "--force" in message
    assert out.read_bytes() == left  # not a byte cut, not even the torn row


def test_resume_without_the_record_takes_a_plugins_check_ignored_on_a_channel(
    plugin: None, tmp_path: Path
) -> None:
    """Its results lack the check where the channel ignores it, as this run's would."""
    config = LinterConfig(model="none", channels={"email": {"ignore": ["acme"]}})
    whole, out = tmp_path / "whole.jsonl", tmp_path / "scores.jsonl"
    job = ScoreJob(input=export(tmp_path), output=out, config=config)
    expected = run(replace(job, output=whole))
    run(job)
    assert all(CHECK not in r["checks"] for r in iter_results(out))
    cut_without_record(out)
    resumed = run(replace(job, resume=True)).as_dict()
    # the same figures; and a note that no record vouched for the results it had
    (unverified,) = resumed.pop("notes")
    assert unverified.startswith("no run record beside scores.jsonl")
    whole_run = expected.as_dict()
    assert whole_run.pop("notes") == [] and resumed == whole_run
    assert out.read_bytes() == whole.read_bytes()


@pytest.fixture()
def local_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A cluster of one worker process. Its workers start with this process's
    ``sys.path``: they see the plugin when the test asks for ``plugin`` before this
    fixture, not after. The client's cached linters go with it."""
    distributed = pytest.importorskip("dask.distributed")
    from replylint.batch.cluster import _cached_linter

    _cached_linter.cache_clear()
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster
    _cached_linter.cache_clear()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_cluster_writes_the_plugins_column_as_one_machine_does(
    plugin: None, local_cluster: Any, tmp_path: Path, fmt: str
) -> None:
    from replylint.batch.cluster import run_on_cluster

    source, on_cluster, local = export(tmp_path), tmp_path / f"c.{fmt}", tmp_path / f"l.{fmt}"
    job = ScoreJob(input=source, output=on_cluster, config=RULES_ONLY)
    summary = run_on_cluster(job, local_cluster.scheduler_address)
    expected = run(ScoreJob(input=source, output=local, config=RULES_ONLY))
    assert summary.as_dict() == expected.as_dict() and summary.missing[CHECK] == 2
    if fmt == "csv":
        assert on_cluster.read_bytes() == local.read_bytes()
        assert CHECK in on_cluster.read_text("utf-8").splitlines()[0].split(",")
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(on_cluster).equals(pq.read_table(local))
        assert pq.read_table(on_cluster).column(CHECK).to_pylist()[:2] == ["present", "missing"]


def test_workers_without_the_plugin_are_refused_before_the_output_is_touched(
    local_cluster: Any, plugin: None, tmp_path: Path
) -> None:
    """The plugin is installed once the workers have started: they score without it.
    Each partition found it out, once ``--force`` had emptied the earlier results."""
    from replylint.batch.cluster import ClusterError, run_on_cluster

    out, summary_json = tmp_path / "c.csv", tmp_path / "summary.json"
    out.write_text("earlier results\n", encoding="utf-8")
    summary_json.write_text("{}", encoding="utf-8")
    job = ScoreJob(input=export(tmp_path), output=out, config=RULES_ONLY, force=True,
                   summary_json=summary_json)  # fmt: skip
    with pytest.raises(ClusterError) as refused:
        run_on_cluster(job, local_cluster.scheduler_address)
    assert out.read_text("utf-8") == "earlier results\n"
    assert summary_json.read_text("utf-8") == "{}"
    assert not out.with_name(out.name + ".replylint-run.json").exists()
    message = str(refused.value)
    assert "this machine and 1 of 1 worker (tcp://" in message
    assert f"they lack the check '{CHECK}', which this machine's rules report" in message
    assert "install the same rule plugins everywhere" in message.lower()


def test_workers_with_a_plugin_this_machine_lacks_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers start with the plugin on their path, which this machine then drops."""
    distributed = pytest.importorskip("dask.distributed")
    from replylint.batch.cluster import ClusterError, _cached_linter, run_on_cluster

    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    monkeypatch.syspath_prepend(str(site))
    _cached_linter.cache_clear()
    out = tmp_path / "c.csv"
    job = ScoreJob(input=export(tmp_path), output=out, config=RULES_ONLY)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        monkeypatch.undo()
        sys.modules.pop("acme_ticket_ref", None)
        try:
            with pytest.raises(ClusterError) as refused:
                run_on_cluster(job, cluster.scheduler_address)
        finally:
            _cached_linter.cache_clear()
    assert not out.exists()
    assert (
        f"they have the check '{CHECK}', which this machine has not; they have the rule "
        "plugin 'acme.ticket_ref', which this machine has not" in str(refused.value)
    )


def test_workers_without_a_plugin_the_configuration_names_are_refused_too(
    local_cluster: Any, plugin: None, tmp_path: Path
) -> None:
    """An ignored plugin reports no check, but the workers' configuration names a rule
    they do not have: each partition failed, once the output was opened."""
    from replylint.batch.cluster import ClusterError, run_on_cluster

    out = tmp_path / "c.csv"
    config = LinterConfig(model="none", ignore=["acme"])
    job = ScoreJob(input=export(tmp_path), output=out, config=config)
    with pytest.raises(ClusterError) as refused:
        run_on_cluster(job, local_cluster.scheduler_address)
    assert not out.exists()
    assert "they lack the rule plugin 'acme.ticket_ref', installed here" in str(refused.value)


class _Workers:
    """A client whose workers answer ``run`` with ``answers`` (a cluster's errors and
    rule lists, without starting one)."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers

    def run(self, function: Any, *args: Any, on_error: str = "raise") -> dict[str, Any]:
        assert on_error == "return"  # an error is a worker's answer, said with its name
        return self.answers


def refusal(answers: dict[str, Any], checks: tuple[str, ...]) -> str:
    """The error workers answering ``answers`` are refused with."""
    from replylint.batch.cluster import ClusterError, _check_worker_rules

    with pytest.raises(ClusterError) as refused:
        _check_worker_rules(_Workers(answers), RULES_ONLY.model_dump_json(), checks)  # type: ignore[arg-type]
    return str(refused.value)


def test_a_worker_that_cannot_load_its_rules_is_named() -> None:
    from replylint.errors import PluginError

    broken = PluginError("rule plugin 'acme' (acme_ticket_ref:TicketRef) failed to import")
    message = refusal({"tcp://w1:1": ((), ()), "tcp://w2:1": broken}, ())
    assert message.startswith(
        "worker tcp://w2:1 cannot load its rules (PluginError: rule plugin 'acme' "
    )
    assert message.endswith("; install the same replylint and rule plugins on every worker as here")


def test_every_check_and_rule_the_workers_lack_or_add_is_named() -> None:
    from replylint.batch.checks import configured_checks
    from replylint.registry import discover_rule_classes

    rules = tuple(sorted(rule.id for rule in discover_rule_classes()))
    checks = configured_checks(RULES_ONLY)
    lacking = (rules[1:], checks[:-2])
    message = refusal(
        {"tcp://w1:1": lacking, "tcp://w2:1": (rules, checks), "tcp://w3:1": lacking}, checks
    )
    assert "this machine and 2 of 3 workers (tcp://w1:1, ...)" in message
    assert (
        f"they lack the checks {checks[-2]!r}, {checks[-1]!r}, which this machine's rules "
        f"report; they lack the rule plugin {rules[0]!r}, installed here" in message
    )
    message = refusal({"tcp://w1:1": ((*rules, "acme.x"), (*checks, "x"))}, checks)
    assert (
        "they have the check 'x', which this machine has not; they have the rule plugin "
        "'acme.x', which this machine has not" in message
    )


@pytest.mark.parametrize(
    "config",
    [RULES_ONLY, LinterConfig(model="none", ignore=["acme"]),
     LinterConfig(model="none", ignore=[CHECK]), LinterConfig(model="none", select=["greeting"]),
     LinterConfig(model="none", select=["acme", "greeting"])],
)  # fmt: skip
def test_a_workers_checks_are_known_without_building_a_linter(
    plugin: None, config: LinterConfig
) -> None:
    """What workers are asked (:func:`configured_checks`) is what the columns carry."""
    from replylint.batch.checks import configured_checks, reported_checks
    from replylint.linter import Linter

    assert configured_checks(config) == reported_checks(Linter(config).rules)
