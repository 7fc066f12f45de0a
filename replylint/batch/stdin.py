"""Scoring what is piped in: ``replylint score - --out OUT``.

A run reads its input more than once (the header or first record for the columns, the
separator sniff, the rows, the row count for progress) and its worker processes read it
too, so standard input is first copied to a file beside the output, then scored like
any file, and the copy is removed however the run ends (a run killed outright leaves it,
and the next run from standard input into that folder removes it). The copy's extension gives its
format: ``--input-format``, else what the first bytes say (Parquet's ``PAR1`` magic, a
JSON object's ``{``, otherwise CSV).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from replylint.batch.readers import InputFormatError, not_a_table

#: What stands for standard input where a file name is expected.
STDIN = "-"
_SUFFIXES = {"csv": ".csv", "jsonl": ".jsonl", "parquet": ".parquet"}
#: The copy's name: this prefix, the pid of the run that made it, a random part.
_PREFIX = ".replylint-stdin-"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def is_stdin(path: Path) -> bool:
    return str(path) == STDIN


def sniffed_format(head: bytes) -> str:
    """The format the first bytes of piped input show (CSV unless they say otherwise)."""
    if head.startswith(b"PAR1"):
        return "parquet"
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    text = head.replace(b"\x00", b"").lstrip()  # UTF-16 from Excel: every other byte
    return "jsonl" if text.startswith(b"{") else "csv"


@contextlib.contextmanager
def spooled(
    explicit_format: str | None, folder: Path, source: BinaryIO | None = None
) -> Iterator[Path]:
    """Standard input (or ``source``) copied to a hidden file in ``folder`` named for its
    format; the file is removed when the block ends, whatever happens in it."""
    stream = source if source is not None else sys.stdin.buffer
    head = stream.read(4096)
    if not head:
        raise InputFormatError(
            "standard input is empty: nothing to score; pipe the export in, or name the file"
        )
    fmt = explicit_format or sniffed_format(head)
    _remove_orphans(folder)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f"{_PREFIX}{os.getpid()}-", suffix=_SUFFIXES[fmt], dir=folder
        )
    except OSError as exc:
        raise InputFormatError(
            f"cannot copy standard input into {folder}, the folder of --out, where score "
            f"keeps its copy ({exc.strerror or exc}): name an --out file in a folder you "
            "can write to, or save standard input to a file and score that"
        ) from None
    path = Path(name)
    try:
        with os.fdopen(handle, "wb") as copy:
            copy.write(head)
            shutil.copyfileobj(stream, copy, 1 << 20)
        workbook = not_a_table(path)  # (named here: the copy's name would mean nothing)
        if workbook is not None:
            raise InputFormatError(f"standard input: {workbook}")
        yield path
    finally:
        path.unlink(missing_ok=True)


def _remove_orphans(folder: Path) -> None:
    """Copies left by runs that were killed (``kill -9`` runs no cleanup): a whole export
    of customer messages, hidden beside the output. A copy is an orphan when the process
    its name gives is gone; one whose run is still going is left alone."""
    for copy in folder.glob(f"{_PREFIX}*"):
        pid_text = copy.name[len(_PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        copy.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # (it exists, and belongs to someone else)
        return True
    return True
