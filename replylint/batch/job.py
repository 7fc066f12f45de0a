"""A whole ``replylint score`` run: read, score in parallel, write, summarise.

Kept apart from the CLI so the same run is a function call for scripts and tests.
SIGTERM is turned into a clean stop (the writer is closed, the output stays valid), and
``resume`` skips ids already written so a killed run can be completed.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from replylint.batch.columns import ColumnMap
from replylint.batch.readers import InputFormat, column_names, guess_format, read_rows
from replylint.batch.rows import RowIn
from replylint.batch.runner import score_rows
from replylint.batch.summary import Summary
from replylint.batch.writers import (
    OutputFormat,
    Writer,
    completed_ids,
    open_writer,
    output_format,
)
from replylint.config import LinterConfig
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
    channel: Channel = "email"
    jobs: int = 1
    chunk_size: int = 256
    resume: bool = False
    keep_text: bool = True
    progress: bool = False
    config: LinterConfig = field(default_factory=LinterConfig)


class Stopped(BaseException):
    """SIGTERM arrived: stop after closing the output cleanly. A BaseException, like
    KeyboardInterrupt, so that per-row error handling cannot swallow it."""


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped


def run(job: ScoreJob) -> Summary:
    in_format: InputFormat = guess_format(job.input, job.input_format)
    out_format: OutputFormat = output_format(job.output, job.output_format)
    columns = ColumnMap.resolve(
        column_names(job.input, in_format), text=job.text_col, id=job.id_col,
        channel=job.channel_col, customer=job.customer_col, agent=job.agent_col,
    )  # fmt: skip
    done = completed_ids(job.output, out_format) if job.resume else set()
    rows: Iterator[RowIn] = read_rows(job.input, in_format, columns)
    if done:
        rows = (row for row in rows if row.id not in done)
    summary = Summary()
    writer = open_writer(job.output, out_format, append=job.resume)
    chunks = score_rows(
        rows, config=job.config, jobs=job.jobs, chunk_size=job.chunk_size,
        default_channel=job.channel, keep_text=job.keep_text and out_format == "jsonl",
    )  # fmt: skip
    return drain(chunks, writer, _progress(job, in_format, len(done)), summary)


def drain(
    chunks: Iterable[list[dict[str, Any]]], writer: Writer, progress: Any, summary: Summary
) -> Summary:
    """Write result chunks as they come, summarise them, and always close the output:
    SIGTERM raises :class:`Stopped` here, leaving the file valid up to the last chunk.
    Shared by the local and the Dask paths."""
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    try:
        for results in chunks:
            writer.write(results)
            for result in results:
                summary.add(result)
            if progress is not None:
                progress.update(len(results))
    finally:
        writer.close()
        signal.signal(signal.SIGTERM, previous)
        if progress is not None:
            progress.close()
    return summary


def _progress(job: ScoreJob, fmt: InputFormat, already: int) -> Any:
    """A tqdm bar with rate and ETA on stderr, only when stderr is a terminal."""
    if not job.progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=_row_estimate(job.input, fmt), initial=already, unit=" replies",
                file=sys.stderr, smoothing=0.1)  # fmt: skip


def _row_estimate(path: Path, fmt: InputFormat) -> int | None:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    if fmt == "jsonl":
        with open(path, "rb") as handle:
            return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    return None
