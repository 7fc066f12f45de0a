"""replylint's own output given to ``eval`` or ``train`` as gold, named for what it is.

The linter's results look like labelled replies (an id, a verdict per check), and the
file a QA lead has at hand after a run is ``scores.jsonl``. Read as gold, a result of
``score`` was refused as "reply: field required (and 1 more)", a ``check --format json``
report as "not JSON" on its first line, ``score``'s CSV results as a scorecard without a
reply column: each true, none saying that these are the linter's verdicts, which cannot
measure the linter, nor what a gold file is. Each function here says what such a file
(or line) is, or None for anything else; the caller adds where, and
:data:`GOLD_IS` what to give instead. Only files already refused are looked at: what
reads as gold is read as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from replylint.batch.run_record import SUFFIX
from replylint.batch.writers import flat_columns

__all__ = ["GOLD_IS", "output_record", "output_table", "parquet_named", "run_record_named"]

#: What ``eval`` and ``train`` read instead, after what the file was said to be.
GOLD_IS = (
    "eval and train read replies a person labelled: JSON lines, each "
    '{"id": ..., "reply": ..., "labels": {...}} (see "Gold files" in the README), or a '
    "CSV scorecard, a row per reply and a yes/no column per check (docs/model.md, "
    '"Scorecards")'
)

#: The columns that open and close ``score``'s CSV results, a check's state each between.
_RESULT_COLUMNS = flat_columns(())[:-1]
_ERROR_COLUMN = flat_columns(())[-1]
#: What a report holds (``check --format json``, each result of ``score``).
_REPORT_KEYS = frozenset({"schema_version", "checks", "findings"})
_NOT_LABELS = "the linter's verdicts, not a person's labels"


def run_record_named(path: Path) -> str | None:
    """What to say of ``path`` when its name is that of a run record of ``score``."""
    if not path.name.endswith(SUFFIX) or path.name == SUFFIX:
        return None
    results = path.name.removesuffix(SUFFIX)
    return (
        f"this is the run record `replylint score` keeps beside its results {results} (what "
        f"they were scored with), not labelled replies; {GOLD_IS}"
    )


#: The first (and last) bytes of a Parquet file.
_PARQUET_MAGIC = b"PAR1"


def parquet_named(path: Path) -> str | None:
    """What to say of ``path`` when it is a Parquet file, by its name or first bytes: no
    gold file is one, and the one a QA lead has at hand is ``score``'s results (read as
    JSON lines, it was "cannot read it as UTF-8 text")."""
    if path.suffix.lower() != ".parquet":
        try:
            with path.open("rb") as file:
                if file.read(len(_PARQUET_MAGIC)) != _PARQUET_MAGIC:
                    return None
        except OSError:
            return None  # (said where the file is read)
    return (
        "this is a Parquet file, such as the results of `replylint score --out "
        f"RESULTS.parquet` ({_NOT_LABELS}); {GOLD_IS}"
    )


#: The first bytes of the compressed files a gold file arrives as, by the tool that
#: undoes each (a zip is a workbook or an archive: see ``not_a_table``).
_COMPRESSED = ((b"\x1f\x8b", "gzip", "gunzip -k"), (b"BZh", "bzip2", "bunzip2 -k"),
               (b"\xfd7zXZ\x00", "xz", "unxz -k"))  # fmt: skip


def compressed(path: Path) -> str | None:
    """What to say of ``path`` when it is compressed, by its first bytes: read as JSON
    lines it was "cannot read it as UTF-8 text ('utf-8' codec can't decode byte 0x8b)",
    which does not say what the file is or what to do."""
    try:
        with path.open("rb") as file:
            head = file.read(6)
    except OSError:
        return None  # (said where the file is read)
    for magic, kind, command in _COMPRESSED:
        if head.startswith(magic):
            return (
                f"it is compressed ({kind}); decompress it first ({command} {path}) and give "
                "the file that comes out"
            )
    return None


def output_record(value: object) -> str | None:
    """What to say of a JSON value (a line, or a whole file) that is the linter's output:
    a result of ``score`` (a report with the row's id and agent, or a row it could not
    score: an id and an ``error``), a report of ``check --format jsonl`` (keyed by its
    file's path) or ``check --format json`` (one report, or a list of them)."""
    if isinstance(value, list) and value and all(_is_report(item) for item in value):
        return f"this is the output of `replylint check --format json`, {_NOT_LABELS}; {GOLD_IS}"
    if not isinstance(value, dict) or "reply" in value or "labels" in value:
        return None
    if "id" in value and "agent" in value and _is_report(value):
        return f"a result of `replylint score`, {_NOT_LABELS}; {GOLD_IS}"
    if "id" in value and "agent" in value and "error" in value:
        return f"a result of `replylint score` for a row it could not score, not gold; {GOLD_IS}"
    if _is_report(value):
        fmt = "jsonl" if "path" in value else "json"
        return f"a report of `replylint check --format {fmt}`, {_NOT_LABELS}; {GOLD_IS}"
    return None


def output_table(columns: Sequence[str]) -> str | None:
    """What to say of a CSV whose header is that of ``score``'s CSV results."""
    names = [name.strip() for name in columns]
    if tuple(names[: len(_RESULT_COLUMNS)]) != _RESULT_COLUMNS or names[-1] != _ERROR_COLUMN:
        return None
    return (
        "these are the CSV results of `replylint score` (a row per reply: its score and a "
        f"present/missing/n/a column per check), {_NOT_LABELS}; {GOLD_IS}"
    )


def _is_report(value: object) -> bool:
    return isinstance(value, dict) and value.keys() >= _REPORT_KEYS
