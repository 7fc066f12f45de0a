"""A whole ``replylint score`` run: read, score in parallel, write, summarise.

Kept apart from the CLI so the same run is a function call for scripts and tests.
SIGTERM is turned into a clean stop (the writer is closed, the output stays valid), and
``resume`` continues a killed run by row position: the results already written must be
the first input rows (same ids, in order), the input's cells those the run record
digested (:mod:`~replylint.batch.input_cells`), those rows are skipped, and the rest is
appended. The summary always covers the whole output.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

from replylint.batch.channel_cells import ChannelLessTally, channel_less_rows_note
from replylint.batch.checks import reported_checks, verdicts_by_channel
from replylint.batch.columns import (
    DEFAULTS,
    ColumnMap,
    empty_column_note,
    other_guesses,
    unguessed_note,
)
from replylint.batch.ids import RepeatedIds
from replylint.batch.input_cells import cell_digests
from replylint.batch.labels import label_text
from replylint.batch.output_lock import output_locked
from replylint.batch.readers import (
    FileFormat,
    InputFormatError,
    column_names,
    csv_delimiter,
    guess_format,
    read_rows,
    row_count,
)
from replylint.batch.rows import OutOfRoom, RowIn
from replylint.batch.rule_digests import rules_digests
from replylint.batch.run_record import (
    check_resumable,
    check_same_cells,
    check_unedited,
    run_record,
    unverified_note,
    unverified_rows,
    write_record,
    written_state,
)
from replylint.batch.runner import score_rows, stop_signals_ignored
from replylint.batch.stdin import STDIN, is_stdin, spooled
from replylint.batch.summary import Summary, run_notes, worker_deaths_note
from replylint.batch.writers import (
    OutputError,
    OutputFormat,
    WriteFailed,
    Writer,
    WrittenResults,
    check_output_target,
    left_by_stop,
    open_writer,
    output_format,
    output_ids,
)
from replylint.collector import paused
from replylint.config import LinterConfig
from replylint.language import load_in_background
from replylint.linter import Linter, as_config
from replylint.registry import discover_rule_classes
from replylint.report import Channel


@dataclass(frozen=True)
class ScoreJob:
    input: Path
    output: Path
    input_format: str | None = None
    output_format: str | None = None
    text_col: str | None = None
    id_col: str | None = None
    channel_col: str | None = None
    customer_col: str | None = None
    agent_col: str | None = None
    customer_name_col: str | None = None
    template_col: str | None = None
    channel: Channel = "email"
    jobs: int = 1
    chunk_size: int = 256
    resume: bool = False
    force: bool = False  # replace an existing non-empty output
    delimiter: str | None = None  # CSV input only; None: detected
    keep_text: bool = True
    progress: bool = False
    config: LinterConfig = field(default_factory=LinterConfig)
    #: The file the summary goes to once the run ends (``--summary-json``): a summary of
    #: the results this run replaces or extends is removed when it starts, so a run that
    #: is stopped leaves none rather than one describing other results.
    summary_json: Path | None = None

    def __post_init__(self) -> None:
        """A library caller may give paths as strings and the configuration as a mapping
        of its fields, as :class:`Linter` takes it (``config={"model": "none"}`` was a
        traceback deep in the run); a mapping is validated here, before anything runs."""
        object.__setattr__(self, "input", Path(self.input))
        object.__setattr__(self, "output", Path(self.output))
        object.__setattr__(self, "config", as_config(self.config))
        if self.summary_json is not None:
            object.__setattr__(self, "summary_json", Path(self.summary_json))


class Stopped(BaseException):
    """SIGTERM arrived: stop after closing the output cleanly. A BaseException, like
    KeyboardInterrupt, so that per-row error handling cannot swallow it."""


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    _ignore_stop_signals()
    raise Stopped


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    _ignore_stop_signals()
    raise KeyboardInterrupt


def _ignore_stop_signals() -> None:
    """Once a run is stopping, a second Ctrl-C or SIGTERM (an impatient user, a service
    manager repeating its stop) is ignored: raised in the middle of the cleanup, it cut
    the run record's last write short and ended in a traceback from Python's exit."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run(job: ScoreJob) -> Summary:
    """Score ``job.input`` into ``job.output``. Everything that can be refused (formats,
    columns, an output that exists or cannot be resumed, and the configuration: a rule
    ``--select`` names, a pack, the model) is checked before any row is scored or any
    byte of the output, its run record or the ``--summary-json`` file changes: the
    :class:`Linter` is built first, since building it is what validates those, and a
    typo found after ``--force`` had emptied the output would cost the results it was
    meant to replace. An input of ``-`` is standard input (see
    :mod:`replylint.batch.stdin`)."""
    with stoppable(), output_locked(job.output):
        return _stdin_or_file(job)


def _stdin_or_file(job: ScoreJob) -> Summary:
    if not is_stdin(job.input):
        return _run(job, job.input)
    if job.resume:
        raise InputFormatError(
            "--resume reads the input again, and standard input cannot be read twice; "
            "save the export to a file and score (and resume) that"
        )
    appendable = output_format(job.output, job.output_format) != "parquet"
    check_output_target(  # before reading it all
        job.output, resume=False, force=job.force, appendable=appendable
    )
    with spooled(job.input_format, job.output.resolve().parent) as copy:
        return _run(replace(job, input=copy, input_format=None), Path(STDIN))


def _run(job: ScoreJob, named: Path) -> Summary:
    """:func:`run` on a file; ``named``: the input as the run record names it."""
    in_format: FileFormat = guess_format(job.input, job.input_format)
    out_format: OutputFormat = output_format(job.output, job.output_format)
    delimiter = input_delimiter(job, in_format)
    columns, notes = job_columns(job, job.input, in_format, delimiter)
    appendable = out_format != "parquet"
    check_output_target(job.output, resume=job.resume, force=job.force, appendable=appendable)
    # Some reply of a batch is terse or in another language and needs the language
    # model: its second of loading overlaps the linter's build instead of stalling a row.
    load_in_background()
    with paused():  # (see replylint.collector; the batch freezes it: batch.heap)
        linter = Linter(job.config)  # the rules, packs and model: see :func:`run`
    checks = reported_checks(linter.rules)
    record = job_record(
        replace(job, input=named), in_format, delimiter, columns, out_format, checks,
        rows_from=job.input,
    )  # fmt: skip
    unverified: int | None = 0
    vouched: dict[str, Any] | None = None
    if job.resume:
        check_resumable(job.output, record)
        unverified = unverified_rows(job.output)  # (read before the record is replaced)
        vouched = check_unedited(job.output)  # (results edited by hand since: refused)
    rows: Iterator[RowIn] = read_rows(job.input, in_format, columns, delimiter)
    summary = Summary(
        notes=notes, by_agent=columns.agent is not None, input_format=in_format, checks=checks
    )
    if record.get("cells"):  # (Parquet output keeps no record: nothing to disagree with)
        rows = _as_read(rows, int(record["cells"]["rows"]), named, summary)
    channel_less = ChannelLessTally(job.config.channel_names, job.channel)
    if columns.channel is not None:
        rows = channel_less.passing(rows)
    ids = RepeatedIds()
    done = 0
    if job.resume:
        written = WrittenResults(job.output, out_format, checks, verdicts_by_channel(linter))
        done = _skip_written(job, written, rows, summary, ids)
        check_same_cells(job.output, record)  # (what the written results cannot tell)
        written.cut_torn_tail()
        record = _unverified(job, record, summary, done if unverified is None else unverified)
    # what the record vouched for, still there: a run killed outright keeps vouching for it
    begin_output(job, record if vouched is None else {**record, "written": vouched}, out_format)
    writer = open_writer(job.output, out_format, append=job.resume, checks=checks)
    chunks = score_rows(
        rows, config=job.config, jobs=job.jobs, chunk_size=job.chunk_size,
        default_channel=job.channel, keep_text=job.keep_text and out_format == "jsonl",
        linter=linter, on_worker_death=summary.worker_death,
    )  # fmt: skip
    try:
        drain(chunks, writer, progress_bar(job, in_format, done), summary, ids)
    except OutOfRoom as exc:
        _record_stop(job, record, out_format, summary)
        stdin = named == Path(STDIN)
        raise OutputError(f"{exc}; {left_by_stop(job.output, appendable, stdin=stdin)}") from None
    except WriteFailed as exc:  # the output's disk is full: said for the input read
        _record_stop(job, record, out_format, summary)
        if named == Path(STDIN):
            raise exc.from_stdin() from None
        raise
    except BaseException:  # stopped (Ctrl-C, SIGTERM), or a row's write failed
        _record_stop(job, record, out_format, summary)
        raise
    note_empty_agent_column(summary, job, in_format, delimiter, columns)
    if (note := channel_less.note()) is not None:
        summary.notes.append(note)
    if (note := worker_deaths_note(summary)) is not None:  # (its record keeps it)
        summary.notes.append(note)
    note_repeated_ids(summary, ids, job.output, out_format)
    end_output(job, record, out_format, summary)
    return summary


def _as_read(rows: Iterator[RowIn], count: int, named: Path, summary: Summary) -> Iterator[RowIn]:
    """The first ``count`` rows: the rows the run record's cells were read from. An
    export still being written (appended to while it was scored) had its later rows
    scored too, while the record said the first read's count, and a later ``--resume``
    was refused for "rows when it was scored" it never had. The rows beyond are left
    for another run, said on stderr and under the summary."""
    for done, row in enumerate(rows):
        if done == count:
            extra = 1 + sum(1 for _ in rows)
            note = (
                f"{named} grew while it was scored: the {extra} rows added after the run "
                f"read it were not scored (the results and the run record hold the first "
                f"{count}); score the whole file again with --force to include them"
            )
            print(f"replylint: warning: {note}", file=sys.stderr)
            summary.notes.append(note)
            return
        yield row


def _unverified(
    job: ScoreJob, record: dict[str, Any], summary: Summary, rows: int
) -> dict[str, Any]:
    """The run record to keep when the first ``rows`` results of the output being
    resumed are vouched for by no record (:func:`~replylint.batch.run_record.unverified_rows`):
    said now on stderr (a long run can still be stopped), under the summary, and kept
    in the record, so ``report`` and a later ``--resume`` say it too."""
    if not rows:
        return record
    note = unverified_note(job.output, rows)
    print(f"replylint: warning: {note}", file=sys.stderr)
    summary.notes.append(note)
    return {**record, "unverified_rows": rows}


def _record_stop(
    job: ScoreJob, record: dict[str, Any], out_format: OutputFormat, summary: Summary
) -> None:
    """The run record of a run stopped while writing (Ctrl-C, SIGTERM, a full disk):
    still unfinished, and keeping what the output holds now (:func:`written_state`),
    for the ``--resume`` that finishes it to check it is still there. Best effort: the
    disk may be full, and the stop must not be lost to a second error."""
    if out_format == "parquet":
        return
    with suppress(OutputError, OSError):
        state = written_state(job.output, summary.rows)
        write_record(job.output, {**record, "written": state}, finished=False)


def begin_output(job: ScoreJob, record: dict[str, Any], out_format: OutputFormat) -> None:
    """Once nothing more can be refused, before the first row is written: the summary of
    the results being replaced goes, and the run record says the run has not finished."""
    if job.summary_json is not None:
        job.summary_json.unlink(missing_ok=True)
    if out_format != "parquet":
        write_record(job.output, record, finished=False)


def end_output(
    job: ScoreJob, record: dict[str, Any], out_format: OutputFormat, summary: Summary
) -> None:
    """After the last row is written and ``summary`` has all it will say: the run record
    says the run finished, and keeps what the summary said of the input that its results
    do not hold (:func:`~replylint.batch.summary.run_notes`), for ``report``."""
    if out_format != "parquet":
        # what it leaves, for a later --resume to check is still there
        finished = {**record, "written": written_state(job.output, summary.rows)}
        write_record(job.output, finished, finished=True, notes=run_notes(summary))


def input_delimiter(job: ScoreJob, fmt: FileFormat) -> str:
    """The CSV field separator (``--delimiter`` or detected); unused for other formats."""
    return csv_delimiter(job.input, job.delimiter) if fmt == "csv" else ","


def job_record(
    job: ScoreJob,
    fmt: FileFormat,
    delimiter: str,
    columns: ColumnMap,
    out_format: OutputFormat,
    checks: tuple[str, ...],
    *,
    rows_from: Path,
) -> dict[str, Any]:
    """What the results depend on (see :mod:`replylint.batch.run_record`); shared with
    the Dask path, whose output a local ``--resume`` may finish. ``rows_from``: the file
    whose cells are digested (:mod:`~replylint.batch.input_cells`), read once more for
    them: standard input's copy, where the record names ``-``. Not for Parquet output,
    which has no record and cannot be resumed."""
    cells = None
    if out_format != "parquet":
        with closing(read_rows(rows_from, fmt, columns, delimiter)) as rows:
            cells = cell_digests(rows)
    return run_record(
        input=job.input, input_format=fmt, delimiter=delimiter, columns=columns,
        channel=job.channel, keep_text=job.keep_text and out_format == "jsonl",
        config=job.config, checks=checks,
        rules=rules_digests(job.config, discover_rule_classes()), cells=cells,
    )  # fmt: skip


def job_columns(
    job: ScoreJob, path: Path, fmt: FileFormat, delimiter: str
) -> tuple[ColumnMap, list[str]]:
    """The columns the job reads (its options, else the usual names), and the notes for
    the summary about them: a guessed ``Customer`` column that holds names is read as
    such (:meth:`ColumnMap.customer_as_names`; its first cells are read to tell), and an
    export without an agent column gets no per-agent figures (said, not left to be
    noticed)."""
    available = column_names(path, fmt, delimiter)
    columns = ColumnMap.resolve(
        available, text=job.text_col, id=job.id_col,
        channel=job.channel_col, customer=job.customer_col, agent=job.agent_col,
        customer_name=job.customer_name_col, template=job.template_col, notes=sys.stderr,
    )  # fmt: skip
    notes = [] if columns.agent is not None else [NO_AGENT_NOTE]
    notes += _unguessed_notes(available, columns, job)
    if columns.customer is None or job.customer_col is not None:
        return columns, notes
    with closing(read_rows(path, fmt, columns, delimiter)) as rows:
        columns, note = columns.customer_as_names(row.customer_message for row in rows)
    return columns, [note, *notes] if note else notes


def _unguessed_notes(available: Sequence[str], columns: ColumnMap, job: ScoreJob) -> list[str]:
    """The notes for an id, channel, customer-message or customer-name column that no
    usual name found while a column looks like one (:func:`unguessed_note`): a
    Freshdesk export's "Description" and "Contact Name" went unread without a word, so
    apology and empathy were judged from the replies alone and customer_name on no row."""
    instead = {
        "id": "ids are row numbers",
        "channel": f"every row was scored as {job.channel} (--channel)",
        "customer": "no reply was read with the customer's message (apology and empathy "
        "were judged from the reply alone)",
        "customer_name": "customer_name was checked on no row",
    }
    found = {
        "id": columns.id,
        "channel": columns.channel,
        "customer": columns.customer,
        "customer_name": columns.customer_name,
    }
    notes = (
        unguessed_note(available, columns, role, what)
        for role, what in instead.items()
        if found[role] is None
    )
    return [note for note in notes if note is not None]


#: The summary's note for an export with no column of agents; the names are those the
#: guess tries, as ``score --help`` lists them.
NO_AGENT_NOTE = (
    f"no agent column ({', '.join(DEFAULTS['agent'])}): no per-agent figures; name it "
    "with --agent-col"
)


def note_empty_agent_column(
    summary: Summary, job: ScoreJob, fmt: FileFormat, delimiter: str, columns: ColumnMap
) -> Summary:
    """Once every result is in ``summary``: when the agent column was guessed, no row
    named an agent, and another column could have been it, a note says so and how to
    read that one. Rows stream, so the stderr note on the guess could not know, and
    "unassigned: every reply" was all a run with the wrong column of two said. The
    header is read again only then."""
    if job.agent_col is not None or columns.agent is None:
        return summary
    if summary.named_agents or not summary.rows:
        return summary
    others = other_guesses(column_names(job.input, fmt, delimiter), columns, "agent")
    if others:
        summary.notes.append(empty_column_note("agent", columns.agent, others))
    return summary


def note_channel_less_rows(
    summary: Summary, job: ScoreJob, fmt: FileFormat, delimiter: str, columns: ColumnMap
) -> Summary:
    """Once every result is in ``summary``: a note on the rows whose channel cell says
    how the ticket was made (``api``) and that were scored with ``--channel``
    (:func:`~replylint.batch.channel_cells.channel_less_rows_note`), for the Dask path:
    its rows are read on the workers, so they are read again here (their results do not
    say what the cell held), only when there is a channel column. A local run counts
    them as they pass (:class:`~replylint.batch.channel_cells.ChannelLessTally`)."""
    if columns.channel is None or not summary.rows:
        return summary
    with closing(read_rows(job.input, fmt, columns, delimiter)) as rows:
        note = channel_less_rows_note(rows, job.config.channel_names, job.channel)
    if note is not None:
        summary.notes.append(note)
    return summary


def _skip_written(
    job: ScoreJob,
    written: WrittenResults,
    rows: Iterator[RowIn],
    summary: Summary,
    ids: RepeatedIds,
) -> int:
    """Consume the input rows whose results are already in the output, checking position
    by position that they are the same rows (a different id or agent, or a different
    reply or customer message where the output keeps the text, means another input, or
    other columns), and count those results into the summary. Returns how many there
    were. Nothing is modified here: the caller cuts a torn last line once the rest of
    the input is known to be the same (:func:`~replylint.batch.run_record.check_same_cells`,
    which sees the cells these results do not keep). An agent changed since the first
    run would leave the summary's per-agent figures, and the output, crediting the old
    agent; a customer message changes what the reply is judged against (apology,
    empathy, jargon the customer used)."""
    done = 0
    for result in written:
        row = next(rows, None)
        done += 1
        if row is None:
            raise _not_this_input(job, f"it holds more results than {job.input} has rows")
        if row.id != result["id"]:
            raise _not_this_input(
                job, f"result {done} is for id {result['id']!r}, but row {done} of "
                f"{job.input} has id {row.id!r}",
            )  # fmt: skip
        changed = _changed_cell(result, row)
        if changed:
            # (ids that are row numbers match whatever the rows hold: the kept text tells)
            raise _not_this_input(
                job, f"result {done} (id {row.id!r}) holds another {changed} than row {done} "
                f"of {job.input}; the input changed since the first run",
            )  # fmt: skip
        summary.add(result)
        ids.add(row.id)
    return done


def _changed_cell(result: dict[str, Any], row: RowIn) -> str | None:
    """What a written result holds that its input row no longer does: the reply where
    the output keeps the text, the agent (every result has it; an empty cell reads back
    as none, and one written before the readers trimmed invisible characters around
    agents reads as the row now does: :func:`~replylint.batch.labels.label_text`), and
    the customer message where the text is kept (with it, when there is one)."""
    if "text" in result and result["text"] != row.text:
        return "reply"
    if label_text(result.get("agent")) != label_text(row.agent):
        return "agent"
    if "text" in result and (result.get("customer_message") or None) != (
        row.customer_message or None
    ):
        return "customer message"
    return None


def _not_this_input(job: ScoreJob, why: str) -> OutputError:
    return OutputError(
        f"cannot resume into {job.output}: {why}; it is not the output of this input "
        "(write to a new file, or pass --force instead of --resume to replace it)"
    )


def drain(
    chunks: Iterable[list[dict[str, Any]]],
    writer: Writer,
    progress: Any,
    summary: Summary,
    ids: RepeatedIds | None = None,
) -> Summary:
    """Write result chunks as they come, summarise them, note their ids, and always close
    the output: SIGTERM raises :class:`Stopped` here, leaving the file valid up to the
    last chunk. SIGINT stops the run as Ctrl-C does even when it was inherited as
    ignored (a background job of a script: shells start those so), since a ``kill -INT``
    that does nothing would let a run the user meant to stop finish. Shared by the
    local and the Dask paths."""
    with stoppable():
        try:
            for results in chunks:
                writer.write(results)
                for result in results:
                    summary.add(result)
                    if ids is not None:
                        ids.add(str(result["id"]))
                if progress is not None:
                    progress.update(len(results))
        finally:
            # a second Ctrl-C must not cut the close short: a Parquet file's footer is
            # written there, without which none of its rows can be read
            with stop_signals_ignored():
                writer.close()
            if progress is not None:
                progress.close()
    return summary


@contextmanager
def stoppable() -> Iterator[None]:
    """Inside, SIGTERM raises :class:`Stopped` (so that ``finally`` blocks run: a
    service manager's stop, or ``timeout``, then cleans up as Ctrl-C does), and SIGINT
    stops the run as Ctrl-C does even when it was inherited as ignored (see
    :func:`drain`); after either, both are ignored while the run stops
    (:func:`_ignore_stop_signals`) until the outermost such block ends, which restores
    the handlers it found (a library caller's Ctrl-C works again after a stopped run).
    Shared by ``score`` (around the whole run, :func:`run`: a SIGTERM while standard
    input was copied left the copy, a whole export, behind) and ``train``."""
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    interrupt = signal.signal(signal.SIGINT, _raise_interrupted)
    try:
        yield
    finally:
        stopping = signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
        if not (stopping and previous is _raise_stopped):  # (nested: the outer one restores)
            signal.signal(signal.SIGTERM, previous)
            signal.signal(signal.SIGINT, interrupt)


def note_repeated_ids(
    summary: Summary, ids: RepeatedIds, output: Path, fmt: OutputFormat
) -> Summary:
    """Confirm the ids flagged while writing against the finished output. An output
    that is not a regular file (``/dev/stdout``, a pipe) cannot be read back: its ids
    are not checked."""
    if output.is_file():
        summary.repeated_ids = ids.confirm(output_ids(output, fmt))
    return summary


def progress_bar(job: ScoreJob, fmt: FileFormat, already: int = 0) -> Any:
    """A tqdm bar on stderr, only when asked for and stderr is a terminal: with the
    total, percentage and ETA when the input's row count is known (always, for the
    formats read here), else a counter with the rate."""
    if not job.progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    total = row_count(job.input, fmt, input_delimiter(job, fmt))
    return tqdm(total=total, initial=already, unit=" replies", file=sys.stderr, smoothing=0.1)
