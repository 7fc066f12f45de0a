# dask ships type hints for only part of its API; its untyped calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""Scoring on a Dask cluster: the results ``replylint score`` writes, computed by workers.

Teams that already run Dask score exports too big for one machine there. The contract
is the single-process one: one result per input row, in input order, the same JSON
dicts (:func:`~replylint.batch.rows.score_chunk` builds them on the workers, and rows are
made from records by the same reader code), so ``run_on_cluster`` writes byte for byte
what :func:`replylint.batch.job.run` writes for the same input.

Each worker process builds one :class:`~replylint.linter.Linter` per configuration and
keeps it (building one loads spaCy, which takes seconds): partitions ship only the
configuration's JSON. Strings stay Python objects end to end (``convert-string`` off),
because leniently decoded text may hold surrogates, which Arrow strings cannot.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, Literal

try:
    import dask
    import dask.dataframe as dd
    from dask.delayed import delayed
    from dask.distributed import Client, default_client
except ImportError as exc:  # an optional extra: say how to get it
    raise ImportError(
        "scoring on a Dask cluster needs dask: pip install 'replylint[dask]'"
    ) from exc
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from replylint.batch.checks import configured_checks, reported_checks
from replylint.batch.columns import ColumnError, ColumnMap
from replylint.batch.ids import RepeatedIds
from replylint.batch.job import (
    ScoreJob,
    begin_output,
    drain,
    end_output,
    input_delimiter,
    job_columns,
    job_record,
    note_channel_less_rows,
    note_empty_agent_column,
    note_repeated_ids,
    progress_bar,
)
from replylint.batch.output_lock import output_locked
from replylint.batch.readers import (
    FileFormat,
    JsonlSpan,
    guess_format,
    jsonl_spans,
    read_jsonl_span,
    read_rows,
    row_from_record,
)
from replylint.batch.rows import RowIn, score_chunk
from replylint.batch.rule_digests import Digests, digest_differences, rules_digests
from replylint.batch.summary import Summary
from replylint.batch.writers import (
    FLAT_COLUMNS,
    OutputFormat,
    check_output_target,
    flat_columns,
    flatten,
    open_writer,
    output_format,
)
from replylint.config import LinterConfig
from replylint.errors import UserError
from replylint.linter import Linter
from replylint.registry import discover_rule_classes, rule_packages
from replylint.report import Channel
from replylint.wording import counted

__all__ = ["RESULT_COLUMNS", "ClusterError", "result_columns", "run_on_cluster", "score_dataframe"]


def result_columns(checks: Sequence[str]) -> tuple[str, ...]:
    """Columns of :func:`score_dataframe`'s frame for a configuration whose rules report
    ``checks``: the flat CSV columns, then ``result``."""
    return (*flat_columns(checks), "result")


RESULT_COLUMNS: tuple[str, ...] = (*FLAT_COLUMNS, "result")
"""Columns of :func:`score_dataframe`'s frame when the built-in rules alone run."""
_COUNT_COLUMNS = ("score", "findings", "jargon_terms")
_ROW = "__replylint_row__"  # 1-based input row number, the id of rows without one
_ROW_FIELDS = tuple(field.name for field in fields(RowIn))
Source = Literal["columns", "rows"]
PARTITION_BYTES = 1 << 20
"""Input bytes per partition: a few seconds of scoring, so work spreads and streams."""


class ClusterError(UserError, ValueError):
    """The job cannot run on this cluster as asked (unreachable scheduler, workers with
    another replylint or other rule plugins, an unsupported option); the message says
    what to do."""


@dataclass(frozen=True)
class _Plan:
    """Everything a worker needs to score a partition; small and picklable, so it ships
    with every task (the linter itself never does)."""

    columns: ColumnMap
    default_channel: Channel
    keep_text: bool
    config_json: str
    #: The checks the client's rules report (:func:`reported_checks`): the frame's
    #: columns, the same on every worker (one with other rule plugins is refused).
    checks: tuple[str, ...]
    #: The ids of the rules the client's configuration runs (:func:`_rule_ids`): a
    #: plugin that only finds problems reports no check, yet changes the scores.
    rules: tuple[str, ...]
    #: replylint's version and each rule plugin's on the client (:func:`_packages_for`):
    #: the same rules of another version score differently.
    packages: tuple[tuple[str, str], ...]
    #: The content digests of the client's rule packs and rule modules
    #: (:func:`_digests_for`): the same versions with another pack or code differ too.
    digests: Digests
    source: Source = "columns"  # input columns, or RowIn fields read by the file readers


_linter_lock = threading.Lock()


@dataclass(frozen=True)
class _Built:
    """A Linter, the versions of the packages whose rules it loaded, and the digests of
    its rule packs and rule modules."""

    linter: Linter
    packages: tuple[tuple[str, str], ...]
    digests: Digests


@lru_cache(maxsize=4)
def _cached_linter(config_json: str) -> _Built:
    config = LinterConfig.model_validate_json(config_json)
    linter = Linter(config)
    return _Built(linter, _installed_packages(), rules_digests(config, discover_rule_classes()))


def _linter_for(config_json: str) -> Linter:
    """This process's Linter for a configuration, built on first use. The lock keeps a
    multi-threaded worker from loading spaCy once per thread."""
    with _linter_lock:
        return _cached_linter(config_json).linter


def _packages_for(config_json: str) -> tuple[tuple[str, str], ...]:
    """replylint's version and each rule plugin's, as they were when this process built
    its Linter for the configuration: the code it scores with (a package upgraded since
    is loaded only once the process restarts). Read once, not per partition: reading
    the packages' metadata takes some 30 ms."""
    with _linter_lock:
        return _cached_linter(config_json).packages


def _digests_for(config_json: str) -> Digests:
    """The digests of the rule packs and rule modules this process's Linter for the
    configuration was built from (read when it was built, as the packages are)."""
    with _linter_lock:
        return _cached_linter(config_json).digests


def _installed_packages() -> tuple[tuple[str, str], ...]:
    """replylint's version, then each rule plugin's (:func:`rule_packages`)."""
    return (("replylint", _installed_version()), *rule_packages().items())


def _rule_ids(linter: Linter) -> tuple[str, ...]:
    """The ids of the rules ``linter`` runs, in order: two linters that run the same
    rules (of the same replylint) score alike."""
    return tuple(sorted(rule.id for rule in linter.rules))


def score_dataframe(
    ddf: dd.DataFrame,
    *,
    text_col: str,
    id_col: str | None = None,
    channel_col: str | None = None,
    customer_col: str | None = None,
    agent_col: str | None = None,
    customer_name_col: str | None = None,
    template_col: str | None = None,
    default_channel: Channel = "email",
    config: LinterConfig | None = None,
    keep_text: bool = False,
) -> dd.DataFrame:
    """Score every row of ``ddf`` lazily: one output row per input row, same partitions,
    same order, same index. Columns are :func:`result_columns` (:data:`RESULT_COLUMNS`
    without rule plugins): ``id``, ``agent``, the flat per-check columns of the CSV output
    (a plugin's check included), and ``result``, the full result dict as
    JSON (the line the JSONL output holds). Rows without an id get one as in
    ``replylint score``: their 1-based row number without ``id_col``, ``row N`` for an
    empty or unreadable cell (:func:`~replylint.batch.readers.unread_id`). Columns not
    named are not used (no guessing, unlike the CLI).

    Workers must have the replylint and the rule plugins installed here. With a
    distributed client current (``Client(...)`` sets itself as the default), its workers
    are asked now, as ``replylint score --scheduler`` asks them, and a difference is a
    :class:`ClusterError` before anything is scored; each partition checks its worker
    again (one that joined later, or a run without a client), so a worker lacking a
    plugin fails the computation rather than scoring without it."""
    columns = ColumnMap(
        text=text_col, id=id_col, channel=channel_col, customer=customer_col, agent=agent_col,
        customer_name=customer_name_col, template=template_col,
    )  # fmt: skip
    _require_columns(list(ddf.columns), _used(columns))
    config_json = _config_json(config or LinterConfig())
    linter = _linter_for(config_json)
    checks = reported_checks(linter.rules)
    packages, digests = _packages_for(config_json), _digests_for(config_json)
    client = _current_client()
    if client is not None:
        _check_worker_versions(client)
        _check_worker_rules(client, config_json, checks)
        _check_worker_plugins(client, packages)
        _check_worker_digests(client, config_json, digests)
    plan = _Plan(
        columns, default_channel, keep_text, config_json, checks, _rule_ids(linter), packages,
        digests,
    )  # fmt: skip
    return _score(ddf[_used(columns)], plan)


def _current_client() -> Client | None:
    """The distributed client computations go to by default, if any; None for one that
    is asynchronous (its answers come as coroutines: each partition checks instead)."""
    try:
        client: Client = default_client()
    except ValueError:  # no client: the local schedulers, whose workers are this process
        return None
    return None if client.asynchronous else client


def _config_json(config: LinterConfig) -> str:
    """The configuration as workers get it: pack paths made absolute, because workers
    do not run in the caller's working directory."""
    packs = [path.resolve() for path in config.packs]
    return config.model_copy(update={"packs": packs}).model_dump_json()


def _require_columns(available: Sequence[Any], wanted: Sequence[str]) -> None:
    missing = [name for name in wanted if name not in available]
    if missing:
        raise ColumnError(
            f"no column {missing[0]!r}; the frame has: " + ", ".join(map(str, available))
        )


def _used(columns: ColumnMap) -> list[str]:
    names = (columns.text, columns.id, columns.channel, columns.customer, columns.agent,
             columns.customer_name, columns.template)  # fmt: skip
    return list(dict.fromkeys(name for name in names if name is not None))


def _score(frame: dd.DataFrame, plan: _Plan) -> dd.DataFrame:
    """Number the rows across partitions (a lazy cumulative sum, so ids of rows without
    one match the single-process run), then score partition by partition."""
    numbered = frame.assign(**{_ROW: 1})
    numbered = numbered.assign(**{_ROW: numbered[_ROW].cumsum()})
    scored: dd.DataFrame = numbered.map_partitions(
        _score_partition, plan, meta=_results_frame([], None, plan.checks)
    )
    return scored


def _score_partition(part: pd.DataFrame, plan: _Plan) -> pd.DataFrame:
    linter = _linter_for(plan.config_json)
    _check_partition_rules(linter, plan)
    _check_partition_packages(_packages_for(plan.config_json), plan)
    _check_partition_digests(_digests_for(plan.config_json), plan)
    rows = _ROW_MAKERS[plan.source](part, plan.columns)
    results = score_chunk(linter, list(rows), plan.default_channel, plan.keep_text)
    return _results_frame(results, part.index, plan.checks)


def _check_partition_rules(linter: Linter, plan: _Plan) -> None:
    """Refuse to score a partition (an empty one too) where the rules differ from the
    client's: a plugin missing here would leave its check out of the columns, or, one
    that only finds problems, raise the scores of this partition's replies alone."""
    checks, rules = reported_checks(linter.rules), _rule_ids(linter)
    if (checks, rules) == (plan.checks, plan.rules):
        return
    said = [
        *_differences("check", plan.checks, [checks], "which the client's rules report",
                      who="this worker"),
        *_differences("rule", plan.rules, [rules], "which the client runs", who="this worker"),
    ]  # fmt: skip
    raise ClusterError(
        f"the rules of a worker differ from the client's: {'; '.join(said)}. Install the "
        "same rule plugins everywhere (each plugin's package in every worker's environment, "
        "then restart the workers)"
    )


def _check_partition_packages(here: tuple[tuple[str, str], ...], plan: _Plan) -> None:
    """Refuse to score a partition where replylint or a rule plugin is of another
    version than on the client (its rules the same ones): a worker that joined the
    cluster later, or a run without a client, was never asked, and scored with the
    other version's rules without a word."""
    if here == plan.packages:
        return
    said = _version_differences(dict(plan.packages), [dict(here)], "on the client", "here")
    raise ClusterError(
        f"this worker has other package versions than the client: {'; '.join(said)}. "
        f"{_SAME_VERSIONS}"
    )


def _check_partition_digests(here: Digests, plan: _Plan) -> None:
    """Refuse to score a partition where a rule pack or a rule module differs from the
    client's in content, its versions the same (:mod:`replylint.batch.rule_digests`):
    this worker read another copy of a pack, or runs other code under the same version."""
    differ = digest_differences(plan.digests, [here])
    if differ:
        raise ClusterError(
            f"this worker's rules differ from the client's in content, though their versions "
            f"are the same: {_listed(differ)}. {_SAME_CONTENT}"
        )


def _frame_rows(part: pd.DataFrame, columns: ColumnMap) -> Iterator[RowIn]:
    """Rows exactly as the file readers make them: missing cells (None, NaN, NA) are
    None, anything else goes through ``str``."""
    names = _used(columns)
    cells = zip(*(part[name].tolist() for name in names), strict=True)
    for values, number in zip(cells, part[_ROW].tolist(), strict=True):
        record = {name: None if _missing(v) else v for name, v in zip(names, values, strict=True)}
        yield row_from_record(record, columns, int(number))


def _missing(value: Any) -> bool:
    return value is None or bool(pd.api.types.is_scalar(value) and pd.isna(value))


def _ready_rows(part: pd.DataFrame, columns: ColumnMap) -> Iterator[RowIn]:
    for values in zip(*(part[name].tolist() for name in _ROW_FIELDS), strict=True):
        yield RowIn(*values)


_ROW_MAKERS = {"columns": _frame_rows, "rows": _ready_rows}


def _results_frame(
    results: list[dict[str, Any]], index: Any, checks: tuple[str, ...]
) -> pd.DataFrame:
    """Nullable strings and integer counts (errors have no score). Strings are
    Python-backed: they hold any str (leniently decoded text may carry surrogates, which
    Arrow strings cannot), yet unlike object columns give ``to_parquet`` a type."""
    flat = [flatten(result, checks) for result in results]
    names = flat_columns(checks)
    data: dict[str, list[Any]] = {name: [row[name] for row in flat] for name in names}
    data["result"] = [json.dumps(result, ensure_ascii=False) for result in results]
    columns = result_columns(checks)
    frame = pd.DataFrame(data, index=index, columns=list(columns), dtype=object)
    return frame.astype(
        {n: "Int64" if n in _COUNT_COLUMNS else pd.StringDtype("python") for n in columns}
    )


def run_on_cluster(job: ScoreJob, address: str) -> Summary:
    """Run ``job`` on the Dask scheduler at ``address`` and write its output locally.

    Workers read the input themselves, so its path must be the same file for the
    client and every worker (a shared filesystem). All partitions are submitted at
    once; results come back and are written strictly in input order, each partition
    released as soon as it is written. ``resume`` and stdin are not supported here. One
    run at a time writes the output (:mod:`replylint.batch.output_lock`), as locally."""
    with output_locked(job.output):
        return _run_on_cluster(job, address)


def _run_on_cluster(job: ScoreJob, address: str) -> Summary:
    _check_supported(job)
    in_format = guess_format(job.input, job.input_format)
    out_format = output_format(job.output, job.output_format)
    path = job.input.resolve()  # workers do not share the client's working directory
    if not path.is_file():
        raise FileNotFoundError(f"no such input file: {job.input}")
    appendable = out_format != "parquet"
    check_output_target(job.output, resume=False, force=job.force, appendable=appendable)
    # the configuration (rules, packs, model) is validated here, as a local run does,
    # before the output is touched: the workers would meet a typo only once it was emptied
    config_json = _config_json(job.config)
    checks = reported_checks(_linter_for(config_json).rules)
    with _connect(address) as client, dask.config.set({"dataframe.convert-string": False}):
        _check_worker_versions(client)
        _check_worker_rules(client, config_json, checks)
        _check_worker_plugins(client, _packages_for(config_json))
        _check_worker_digests(client, config_json, _digests_for(config_json))
        partitions = _partition_count(path, client)
        delimiter = input_delimiter(job, in_format)
        columns, notes = job_columns(job, path, in_format, delimiter)
        scored = _read_and_score(job, path, in_format, out_format, partitions, columns, checks)
        # the same record a local run keeps, for --resume
        record = job_record(job, in_format, delimiter, columns, out_format, checks, rows_from=path)
        begin_output(job, record, out_format)
        summary = Summary(
            notes=notes, by_agent=columns.agent is not None, input_format=in_format,
            checks=checks,
        )  # fmt: skip
        summary = _write_in_order(client, scored, job, in_format, out_format, summary)
        note_empty_agent_column(summary, job, in_format, delimiter, columns)
        note_channel_less_rows(summary, job, in_format, delimiter, columns)
        end_output(job, record, out_format, summary)
        return summary


def _check_supported(job: ScoreJob) -> None:
    if job.resume:
        raise ClusterError(
            "--resume is not supported with --scheduler; rerun the whole file on the "
            "cluster, or resume without --scheduler"
        )
    if str(job.input) == "-":
        raise ClusterError("--scheduler needs an input file the workers can read, not stdin")


def _connect(address: str) -> Client:
    _check_address(address)
    try:
        return Client(address, set_as_default=False)
    except (OSError, ValueError, TypeError) as exc:  # unreachable, timed out, malformed
        raise ClusterError(f"cannot connect to the Dask scheduler at {address}: {exc}") from None


def _check_address(address: str) -> None:
    """Refuse an address no Client can use before one is made: a Client that fails half
    built waited 60 seconds on its way out (``tls://`` with no TLS settings ended in an
    internal error, then hung; ``foo://`` hung after its one-line error)."""
    from distributed.comm.addressing import parse_address
    from distributed.comm.registry import get_backend
    from distributed.security import Security

    try:
        scheme, _ = parse_address(address)
        get_backend(scheme)
    except ValueError as exc:
        raise ClusterError(
            f"cannot connect to the Dask scheduler at {address}: {exc}; give the "
            "scheduler's address, tcp://HOST:8786"
        ) from None
    if scheme in _ENCRYPTED and Security().get_connection_args("client")["ssl_context"] is None:
        raise ClusterError(
            f"cannot connect to the Dask scheduler at {address}: a {scheme}:// scheduler "
            "needs TLS settings, which "
            "replylint reads from Dask's configuration (distributed.comm.tls.ca-file, "
            ".client.cert and .client.key, or the DASK_DISTRIBUTED__COMM__TLS__* "
            "variables): set them, or use the scheduler's tcp:// address"
        )


#: Address schemes that need TLS settings.
_ENCRYPTED = frozenset({"tls", "wss"})


def _installed_version() -> str:
    return version("replylint")


def _check_worker_versions(client: Client) -> None:
    """Workers with another replylint would score differently, silently: refuse them."""
    here = _installed_version()
    theirs: dict[str, str] = client.run(_installed_version)
    wrong = {worker: v for worker, v in theirs.items() if v != here}
    if wrong:
        worker, other = next(iter(wrong.items()))
        raise ClusterError(
            f"replylint {here} here but {other} on worker {worker} ({len(wrong)} of "
            f"{counted(len(theirs), 'worker')} {'differs' if len(wrong) == 1 else 'differ'}); "
            "install the same version everywhere"
        )


def _worker_rules(config_json: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the rules installed in this process, and the checks they report for a
    configuration. Run by ``client.run``, in the worker's event loop: both come from the
    installed rule classes, without building a Linter (which would load the spaCy model
    there, see :func:`~replylint.batch.checks.configured_checks`)."""
    classes = discover_rule_classes()
    config = LinterConfig.model_validate_json(config_json)
    return tuple(sorted(rule.id for rule in classes)), configured_checks(config, classes)


def _check_worker_rules(client: Client, config_json: str, checks: tuple[str, ...]) -> None:
    """Workers whose rules differ from this machine's (a rule plugin installed on one
    side only) are refused before the output is touched: their columns would not be the
    output's, or their scores would differ, or the configuration would name a rule they
    lack. Each partition found it out, once the output was opened: the run failed with
    a header-only file, after ``--force`` had emptied the results it was to replace."""
    rules = tuple(sorted(rule.id for rule in discover_rule_classes()))
    here = (rules, checks)
    theirs: dict[str, Any] = client.run(_worker_rules, config_json, on_error="return")
    for worker, answer in sorted(theirs.items()):
        if isinstance(answer, BaseException):
            raise ClusterError(
                f"worker {worker} cannot load its rules ({type(answer).__name__}: {answer}); "
                "install the same replylint and rule plugins on every worker as here"
            )
    differ = sorted(worker for worker, answer in theirs.items() if _differs(answer, here))
    if not differ:
        return
    said = [
        *_differences(
            "check", checks, [theirs[w][1] for w in differ], "which this machine's rules report"
        ),
        *_differences("rule plugin", rules, [theirs[w][0] for w in differ], "installed here"),
    ]
    raise ClusterError(
        f"rule plugins differ between this machine and {len(differ)} of "
        f"{counted(len(theirs), 'worker')} ({differ[0]}{', ...' if len(differ) > 1 else ''}): "
        f"{'; '.join(said)}. "
        "Install the same rule plugins everywhere (each plugin's package in every worker's "
        "environment, then restart the workers); nothing was written"
    )


def _worker_packages() -> tuple[tuple[str, str], ...]:
    """This worker's replylint and rule plugins, with their versions (run by
    ``client.run``: read from the packages' metadata, without building a Linter)."""
    return _installed_packages()


def _check_worker_plugins(client: Client, here: tuple[tuple[str, str], ...]) -> None:
    """Workers with another version of a rule plugin are refused, as workers with another
    replylint are (:func:`_check_worker_versions`): the same rule ids (checked first, by
    :func:`_check_worker_rules`) of another version find other things, so their replies
    scored differently, and nothing said so."""
    answers: dict[str, Any] = client.run(_worker_packages, on_error="return")
    theirs = {
        worker: dict(answer)
        for worker, answer in answers.items()
        if not isinstance(answer, BaseException)  # (their rules were read: not reached)
    }
    ours = dict(here)
    differ = sorted(worker for worker, packages in theirs.items() if packages != ours)
    if not differ:
        return
    said = _version_differences(ours, [theirs[w] for w in differ], "here", "on them")
    raise ClusterError(
        f"rule plugin versions differ between this machine and {len(differ)} of "
        f"{counted(len(theirs), 'worker')} ({differ[0]}{', ...' if len(differ) > 1 else ''}): "
        f"{'; '.join(said)}. {_SAME_VERSIONS}; nothing was written"
    )


def _worker_digests(config_json: str) -> Digests:
    """This worker's digests of the configuration's rule packs and of its rule modules
    (run by ``client.run``: the files read and hashed, without building a Linter)."""
    return rules_digests(LinterConfig.model_validate_json(config_json), discover_rule_classes())


def _check_worker_digests(client: Client, config_json: str, here: Digests) -> None:
    """Workers whose rule packs or rule modules differ from this machine's in content,
    their versions the same, are refused before the output is touched, as workers with
    other versions are (:func:`_check_worker_plugins`)."""
    answers: dict[str, Any] = client.run(_worker_digests, config_json, on_error="return")
    theirs = {
        worker: tuple(tuple(pair) for pair in answer)
        for worker, answer in answers.items()
        if not isinstance(answer, BaseException)  # (their rules were read: not reached)
    }
    differ = sorted(worker for worker, digests in theirs.items() if digests != here)
    if not differ:
        return
    said = digest_differences(here, [theirs[w] for w in differ])
    raise ClusterError(
        f"rules differ in content between this machine and {len(differ)} of "
        f"{counted(len(theirs), 'worker')} ({differ[0]}{', ...' if len(differ) > 1 else ''}), "
        f"though their versions are the same: {_listed(said)}. {_SAME_CONTENT}; nothing "
        "was written"
    )


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


#: What to do about rule packs, a checks model or rule code whose content differs on the
#: workers.
_SAME_CONTENT = (
    "Give every worker the same files: the same copy of each rule pack and of the checks "
    "model directory at the paths the configuration names, and the same code of "
    "replylint and of each rule plugin (a package installed from a source tree or in "
    "editable mode counts as changed); then restart the workers"
)


#: What to do about packages of other versions on the workers.
_SAME_VERSIONS = (
    "Install the same version of replylint and of each rule plugin everywhere (pip install "
    "'PACKAGE==VERSION' in every worker's environment, then restart the workers)"
)


def _version_differences(
    ours: dict[str, str], theirs: Sequence[dict[str, str]], ours_are: str, theirs_are: str
) -> list[str]:
    """Each package whose version differs, as "acme-rules 1.1 here but 1.0 on them"."""
    said = []
    for name in sorted({name for packages in theirs for name in packages} | set(ours)):
        other = sorted({packages.get(name, "not installed") for packages in theirs})
        mine = ours.get(name, "not installed")
        if other != [mine]:
            others = " or ".join(v for v in other if v != mine)
            said.append(f"{name} {mine} {ours_are} but {others} {theirs_are}")
    return said


def _differs(answer: Any, here: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    return any(set(theirs) != set(ours) for theirs, ours in zip(answer, here, strict=True))


def _differences(
    kind: str,
    ours: Sequence[str],
    theirs: Sequence[Sequence[str]],
    ours_are: str,
    *,
    who: str = "they",
) -> list[str]:
    """What the workers lack and have of ``kind`` (checks, rules), as an error says it."""
    missing = sorted({name for names in theirs for name in ours if name not in names})
    extra = sorted({name for names in theirs for name in names if name not in ours})
    lack, have = ("lack", "have") if who == "they" else ("lacks", "has")
    said = [f"{who} {lack} {_named(kind, missing)}, {ours_are}"] if missing else []
    if extra:
        ours_not = "this machine has not" if who == "they" else "the client has not"
        said.append(f"{who} {have} {_named(kind, extra)}, which {ours_not}")
    return said


def _named(kind: str, names: Sequence[str]) -> str:
    listed = ", ".join(repr(name) for name in names)
    return f"the {kind} {listed}" if len(names) == 1 else f"the {kind}s {listed}"


def _partition_count(path: Path, client: Client) -> int:
    """Enough partitions to keep every worker thread busy twice over, and at most about
    a megabyte of input each, so results stream back steadily."""
    threads = sum(client.nthreads().values()) or 1
    return max(2 * threads, math.ceil(path.stat().st_size / PARTITION_BYTES))


def _read_and_score(
    job: ScoreJob,
    path: Path,
    fmt: FileFormat,
    out_format: OutputFormat,
    partitions: int,
    columns: ColumnMap,
    checks: tuple[str, ...],
) -> dd.DataFrame:
    """``columns`` are resolved exactly as ``replylint score`` does, before any output
    is touched, so a wrong ``--text-col`` fails fast and leaves the output alone."""
    keep_text = job.keep_text and out_format == "jsonl"
    delimiter = input_delimiter(job, fmt)
    source: Source
    if fmt == "parquet":
        table = dd.read_parquet(str(path), dtype_backend="pyarrow")  # ints stay ints
        frame, source = table[_used(columns)], "columns"
    elif fmt == "jsonl":
        frame, source = _read_jsonl_rows(path, columns, partitions), "rows"
    else:
        frame, source = _read_csv_rows(path, columns, delimiter), "rows"
    # JSONL spans are already cut to size; splitting one further splits no line, it only
    # adds empty partitions
    if fmt != "jsonl" and partitions > frame.npartitions:
        frame = frame.repartition(npartitions=partitions)
    config_json = _config_json(job.config)
    rules = _rule_ids(_linter_for(config_json))
    packages, digests = _packages_for(config_json), _digests_for(config_json)
    plan = _Plan(
        columns, job.channel, keep_text, config_json, checks, rules, packages, digests, source
    )
    return _score(frame, plan)


def _read_csv_rows(path: Path, columns: ColumnMap, delimiter: str) -> dd.DataFrame:
    """The whole CSV read by one task with the single-process reader itself, then split:
    quoted replies span lines, so byte ranges cannot be parsed apart, and pandas' parser
    differs in details (short rows, "NA" cells). Reading is cheap next to scoring."""
    task = delayed(_csv_rows_frame)(str(path), columns, delimiter)
    frame: dd.DataFrame = dd.from_delayed([task], meta=_rows_frame([]), verify_meta=False)
    return frame


def _csv_rows_frame(path: str, columns: ColumnMap, delimiter: str) -> pd.DataFrame:
    return _rows_frame(list(read_rows(Path(path), "csv", columns, delimiter)))


def _rows_frame(rows: list[RowIn]) -> pd.DataFrame:
    data = {name: [getattr(row, name) for row in rows] for name in _ROW_FIELDS}
    return pd.DataFrame(data, columns=list(_ROW_FIELDS), dtype=object)


def _read_jsonl_rows(path: Path, columns: ColumnMap, partitions: int) -> dd.DataFrame:
    """Spans of whole lines (a JSON line never spans lines), each read by a worker with
    the single-process reader's own code (:func:`~replylint.batch.readers.jsonl_spans`):
    the same encodings, line ends, byte-order marks and numbering, and a bad line is an
    error row instead of a failed task. This machine finds where lines end, which costs
    one more read of the file next to reading every line for its keys."""
    span_bytes = max(1, math.ceil(path.stat().st_size / partitions))
    spans = jsonl_spans(path, span_bytes)
    tasks = [delayed(_jsonl_span_frame)(str(path), span, columns) for span in spans]
    frame: dd.DataFrame = dd.from_delayed(tasks, meta=_rows_frame([]), verify_meta=False)
    return frame


def _jsonl_span_frame(path: str, span: JsonlSpan, columns: ColumnMap) -> pd.DataFrame:
    return _rows_frame(list(read_jsonl_span(Path(path), span, columns)))


def _write_in_order(
    client: Client,
    scored: dd.DataFrame,
    job: ScoreJob,
    in_format: FileFormat,
    out_format: OutputFormat,
    summary: Summary,
) -> Summary:
    """Gather partitions in input order, write each and drop it, adding each to
    ``summary``. SIGTERM stops the run
    with the output closed and valid up to the last written partition."""
    futures: list[Any] = client.compute(scored.to_delayed())

    def in_order() -> Iterator[list[dict[str, Any]]]:
        for index in range(len(futures)):
            part = futures[index].result()
            futures[index] = None  # let the cluster forget it
            yield [json.loads(text) for text in part["result"].tolist()]

    writer = open_writer(job.output, out_format, append=False, checks=summary.checks)
    ids = RepeatedIds()
    try:
        drain(in_order(), writer, progress_bar(job, in_format), summary, ids)
    finally:
        client.cancel([future for future in futures if future is not None])
    return note_repeated_ids(summary, ids, job.output, out_format)
