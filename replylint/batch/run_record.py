"""What produced a results file, kept beside it, so ``--resume`` cannot mix two runs.

``--resume`` matches written results to input rows by id and position, which catches
another input but not the same rows scored another way: other rules (``--select``,
``--ignore``, a pack, the model), another ``--channel``, ``--template`` or text column.
Appending such a run to the first would give a file whose rows were judged by two
standards, and nothing in it would say so. So a run that writes a JSONL or CSV results
file also writes ``<OUTPUT>.replylint-run.json``: the settings its results depend on
(not ``--jobs`` or ``--chunk-size``, which change no result), and the input's path for
whoever reads it. Which input it was is judged by its content, not its path (a path
says nothing of a file exported again under the same name, and a moved file is the same
input): by the ids, position by position, and by the record's ``cells``
(:mod:`~replylint.batch.input_cells`), a digest of each column's cells that the
verdicts read, which the results cannot tell (customer names, channels, template flags;
replies where the results keep no text). ``--resume`` refuses an
output whose record differs and says what differs. An output without a record (written
before records existed, or copied without it) is checked by its ids and by the checks
its results hold (:class:`~replylint.batch.writers.WrittenResults`: a CSV header's
columns, a JSONL result's verdicts), so a rule plugin installed or removed since is
still refused; the rest of what a record says cannot be told from the results. Such an
output is resumed all the same (refused, the hours its rows took would be lost to a
file copied without its companion), but never silently: :func:`unverified_note` says
which rows nothing vouches for and what was not checked, on stderr as the run starts,
under its summary, and in the record it leaves (``unverified_rows``), so ``report`` and
any later ``--resume`` say it too.

What the results hold is vouched for too: the record of a run that finished, or was
stopped (Ctrl-C, SIGTERM, a full disk), keeps ``written``
(:func:`written_state`): how many results it left, in how many bytes, their SHA-256
and that of the last line. ``--resume`` refuses an output whose first bytes are no
longer those (:func:`check_unedited`): a score changed by hand, a row deleted or added,
would be counted in the summary as replylint's. Results cut off at the end are scored
again, as before (what is left cannot be told from a copy cut short). A run killed
outright (SIGKILL, a power cut) leaves no such word beyond what its start vouched for.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, BinaryIO

from replylint.batch.columns import ColumnMap
from replylint.batch.input_cells import ROLES
from replylint.batch.rule_digests import Digests
from replylint.batch.whole_files import write_whole
from replylint.batch.writers import OutputError
from replylint.config import LinterConfig
from replylint.wording import counted

SUFFIX = ".replylint-run.json"

#: Each recorded setting, and how the refusal names it.
_WHAT = {
    "replylint": "another replylint version",
    "input_format": "another --input-format",
    "delimiter": "another CSV --delimiter",
    "columns": "other columns (--text-col, --id-col, --channel-col, ...)",
    "channel": "another --channel",
    "keep_text": "a different --no-text setting",
    "checks": "other checks",
    "rules": "other rules",
    "config": "other rules or settings (--select, --ignore, --pack, --model, "
    "--min-confidence, --template or the config file)",
}


def record_path(output: Path) -> Path:
    return output.with_name(output.name + SUFFIX)


def run_record(
    *,
    input: Path,
    input_format: str,
    delimiter: str,
    columns: ColumnMap,
    channel: str,
    keep_text: bool,
    config: LinterConfig,
    checks: Sequence[str],
    rules: Digests = (),
    cells: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The settings a run's results depend on, as JSON-ready values; ``checks``: those
    its configured rules report (:func:`~replylint.batch.checks.reported_checks`), which
    the configuration alone does not say (a rule plugin comes with a package);
    ``rules``: what its rules are made of, by content
    (:func:`~replylint.batch.rule_digests.rules_digests`): a team's pack edited between
    a run and its ``--resume`` has the same path, and the rows scored after the edit
    were judged by other rules than those before it, without a word; ``cells``: what
    its input holds that the verdicts read, by content
    (:func:`~replylint.batch.input_cells.cell_digests`), compared by
    :func:`check_same_cells`; None keeps none (an output that cannot be resumed)."""
    settings = config.model_dump(mode="json", exclude={"source"})  # where, not what
    # An unset `template` reads sent replies, as false does: the same results, so the
    # same record (the command line says false, a library job leaves it unset).
    settings["template"] = bool(config.template)
    return {
        "replylint": _version(),
        "input": str(input) if str(input) == "-" else str(input.resolve()),
        "input_format": input_format,
        "delimiter": delimiter if input_format == "csv" else None,
        "columns": asdict(columns),
        "channel": channel,
        "keep_text": keep_text,
        "checks": list(checks),
        "rules": dict(rules),
        "config": settings,
        **({} if cells is None else {"cells": cells}),
    }


def check_resumable(output: Path, record: dict[str, Any]) -> None:
    """Refuse to resume ``output`` if its record says it was made another way. No record,
    or no results yet, is no objection."""
    saved = _read(record_path(output))
    if saved is None or not output.is_file() or output.stat().st_size == 0:
        return
    if not isinstance(saved, dict):
        raise _refusal(output, f"its record {record_path(output).name} cannot be read")
    # (a record written before the checks or the rules' digests were kept names none: a
    # CSV header names the checks; nothing says what the rules were then)
    saved = {"checks": record["checks"], "rules": record["rules"], **saved}
    changed = [key for key in _WHAT if saved.get(key) != record[key]]
    if changed:
        key = changed[0]
        raise _refusal(output, f"it was scored with {_WHAT[key]}{_then(key, saved, record)}")


def check_same_cells(output: Path, record: dict[str, Any]) -> None:
    """Refuse to resume ``output`` if its record says the input's cells that the
    verdicts read (``cells``: :mod:`~replylint.batch.input_cells`) were other then: a
    re-export whose customer names, channels or template flags changed under the same
    ids, which the results of the rows written cannot tell. Called once those results
    have matched the input row by row (:func:`check_resumable` and the ids first), so a
    refusal that can name the row does. A record that keeps no cells (written before
    they were kept), or none at all, is no objection."""
    saved = _read(record_path(output))
    before, now = saved.get("cells") if isinstance(saved, dict) else None, record.get("cells")
    if not isinstance(before, dict) or now is None or before == now:
        return
    if before.get("rows") != now["rows"]:
        why = f"the input has {now['rows']} rows, {before.get('rows')} when it was scored"
        raise _refusal(output, why)
    columns = record["columns"]
    changed = next((role for role in ROLES if before.get(role) != now[role]), None)
    if changed is None:  # (a record of another version's making: no cell it names differs)
        return
    column = f" (column {columns[changed]!r})" if columns.get(changed) else ""
    raise _refusal(
        output, f"the input's {ROLES[changed]} cells{column} changed since it was scored"
    )


def _then(key: str, saved: dict[str, Any], record: dict[str, Any]) -> str:
    """What the setting was then and is now, where that is short enough to say."""
    before, now = saved.get(key), record[key]
    if key == "keep_text":
        return " (without it then)" if before else " (with it then)"
    if key == "columns" and isinstance(before, dict):
        role = next(r for r in now if before.get(r) != now[r])
        return f" ({role}: {before.get(role)!r} then, {now[role]!r} now)"
    if key == "config" and isinstance(before, dict) and isinstance(now, dict):
        # the first setting that differs, by its configuration key ("model", "select"):
        # the refusal named only the whole group of flags it may have come from
        names = dict.fromkeys([*now, *before])
        setting = next((n for n in names if before.get(n) != now.get(n)), None)
        if setting is None:
            return ""
        return f" ({setting}: {_short(before.get(setting))} then, {_short(now.get(setting))} now)"
    if key == "rules" and isinstance(before, dict):
        names = dict.fromkeys([*now, *before])
        edited = [name for name in names if before.get(name) != now.get(name)]
        return f" ({edited[0]} changed since)" if edited else ""
    if key == "checks" and isinstance(before, list):
        gone = ", ".join(repr(c) for c in before if c not in now)
        added = ", ".join(repr(c) for c in now if c not in before)
        changes = [
            f"{gone} then, not now" if gone else "",
            f"{added} now, not then" if added else "",
        ]
        changed = "; ".join(filter(None, changes))
        return f" (a rule plugin installed, removed or selected since: {changed})"
    return f" ({before!r} then, {now!r} now)"


def _short(value: object) -> str:
    """A setting's value as the refusal shows it: whole when short, else cut."""
    shown = repr(value)
    return shown if len(shown) <= _SHOWN else shown[: _SHOWN - 3] + "..."


#: The longest setting value a refusal shows whole.
_SHOWN = 60


#: How much of an output is read at a time to take its digest.
_BLOCK = 1 << 20


def written_state(output: Path, rows: int) -> dict[str, Any] | None:
    """What a run leaves in ``output`` (``rows`` results), for a later ``--resume`` to
    check it is still there (:func:`check_unedited`): its size, the SHA-256 of its bytes,
    and that of its last line (the last result, whose id makes it one of a kind). None
    for an output that is no regular file."""
    if not output.is_file():
        return None
    digest = hashlib.sha256()
    size = lines = 0
    with open(output, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
            size += len(block)
            lines += block.count(b"\n")
        last = _last_line(handle, size)
    return {
        "rows": rows,
        "bytes": size,
        "lines": lines,
        "sha256": digest.hexdigest(),
        "last_line": hashlib.sha256(last).hexdigest(),
    }


def check_unedited(output: Path) -> dict[str, Any] | None:
    """Refuse to resume ``output`` when its record says the run left other results than
    it holds now: its first bytes hash to something else (a score edited, a row added or
    deleted), or it is shorter in as many lines (a result shortened, a spreadsheet's
    save with other line endings), or in fewer lines while its last line is still the
    last one the run wrote (a result before it deleted). Returns what the record vouches for, to
    keep in the new record, when the output still holds it whole; None when the record
    says nothing of it (no record, one written before records kept it, or a run killed
    before it could) or the output lost results at its end, which are scored again (a
    copy cut short: what is left cannot be told apart from what the run wrote)."""
    saved = _read(record_path(output))
    written = saved.get("written") if isinstance(saved, dict) else None
    if not isinstance(written, dict) or not output.is_file():
        return None
    rows, size, digest = written.get("rows"), written.get("bytes"), written.get("sha256")
    if not isinstance(rows, int) or not isinstance(size, int) or not isinstance(digest, str):
        return None
    left = f"the {counted(rows, 'result')} the run left in it are not as it left them"
    now = output.stat().st_size
    with open(output, "rb") as handle:
        if now < size:
            if _lines(handle) >= written.get("lines", 0):
                raise _edited(
                    output,
                    f"{left} ({counted(size - now, 'byte')} fewer in as many lines): a "
                    "result was edited by hand since, or the file saved again by another "
                    "program",
                )
            last = hashlib.sha256(_last_line(handle, now)).hexdigest()
            if last != written.get("last_line"):
                return None  # cut at the end: the rest is scored again
            raise _edited(
                output,
                f"{left} ({counted(size - now, 'byte')} fewer, though the last result is "
                "the same): a result before it was deleted by hand since",
            )
        if _digest(handle, size) != digest:
            raise _edited(
                output,
                f"{left} (their {size:,} bytes hash to something else now): a result was "
                "edited, added or deleted by hand since",
            )
    return written


def _lines(handle: BinaryIO) -> int:
    """How many line breaks ``handle`` holds."""
    handle.seek(0)
    lines = 0
    while block := handle.read(_BLOCK):
        lines += block.count(b"\n")
    return lines


def _digest(handle: BinaryIO, size: int) -> str:
    """The SHA-256 of the first ``size`` bytes of ``handle``."""
    digest = hashlib.sha256()
    handle.seek(0)
    while size > 0 and (block := handle.read(min(_BLOCK, size))):
        digest.update(block)
        size -= len(block)
    return digest.hexdigest()


def _last_line(handle: BinaryIO, end: int) -> bytes:
    """The last complete line of ``handle``'s first ``end`` bytes (a torn piece after the
    last line break left out), read backwards from ``end``: a reply kept in a result
    may make it long."""
    tail = b""
    position = end
    while position > 0:
        start = max(0, position - 65536)
        handle.seek(start)
        tail = handle.read(position - start) + tail
        position = start
        body = tail[: tail.rfind(b"\n") + 1]  # up to the last line break
        if body.count(b"\n") >= 2 or (position == 0 and body):
            break
    body = tail[: tail.rfind(b"\n") + 1]
    return body[body.rfind(b"\n", 0, len(body) - 1) + 1 :]


def _edited(output: Path, why: str) -> OutputError:
    return OutputError(
        f"cannot resume into {output}: {why}, and resuming would count it in the summary "
        "as replylint's; put the results back as the run left them, write to a new file, "
        "or pass --force instead of --resume to score it all again"
    )


def unverified_rows(output: Path) -> int | None:
    """How many of ``output``'s first results no run record vouches for: None when no
    record is beside it (then all it holds), else what its record says: the rows an
    earlier ``--resume`` found without a record (0 for a record that says none)."""
    saved = _read(record_path(output))
    if saved is None:
        return None
    rows = saved.get("unverified_rows") if isinstance(saved, dict) else None
    return rows if isinstance(rows, int) and rows > 0 else 0


def unverified_note(output: Path, rows: int) -> str:
    """What a ``--resume`` without a run record could not verify of the first ``rows``
    results of ``output``, and what to do about it; a line of the summary's notes."""
    return (
        f"no run record beside {output.name} ({record_path(output).name}) when it was "
        f"resumed: the first {counted(rows, 'result')} in it were matched to the input by "
        "ids, agents, the checks they hold and, where they keep the text, replies only, so "
        "nothing verified that they were scored with this "
        "run's options (rules, --select/--ignore, --pack, --model, --channel, --template, "
        "columns, the config file), from the input's channel, customer-name and template "
        "cells as they are now (and its replies, where the results keep no text: CSV, "
        "--no-text), or that none of their cells was edited by hand since: they are "
        "counted as they stand. If you cannot vouch for them, score the input again with "
        "--force instead of --resume"
    )


def write_record(
    output: Path, record: dict[str, Any], *, finished: bool, notes: Sequence[str] = ()
) -> None:
    """Keep ``record`` beside ``output``, saying whether the run is ``finished``: written
    unfinished before the first row, finished after the last, so a run that was stopped
    or killed leaves a record that says so (``report`` reads it: :func:`unfinished`).
    Nothing for an output that is not a regular file (``/dev/stdout``, a pipe), which
    cannot be resumed anyway. ``notes``: what the summary said of the input once the run
    ended (:func:`~replylint.batch.summary.run_notes`), for ``report``: :func:`recorded_notes`;
    no setting, so ``--resume`` compares none of it."""
    if output.exists() and not output.is_file():
        return
    text = json.dumps({**record, "finished": finished, "notes": list(notes)}, indent=2) + "\n"
    try:
        # whole or not at all: a run killed while rewriting its record (finished, at the
        # end) would otherwise leave half a record, and `--resume` refuses one it cannot read
        write_whole(record_path(output), text)
    except OSError as exc:
        raise OutputError(f"cannot write {record_path(output)}: {exc.strerror or exc}") from None


def unfinished(output: Path) -> bool:
    """Whether the record beside ``output`` says its run did not finish (stopped, killed,
    or still going). No record, or one written before records said, is no such word."""
    saved = _read(record_path(output))
    return isinstance(saved, dict) and saved.get("finished") is False


def not_as_left(output: Path) -> str | None:
    """Why ``output`` is not what the finished run that wrote it left, as its record
    says (how many results, their bytes and their SHA-256); None when it is, or no record
    says. ``report`` read a copy cut to 10 of 30 rows, a file joined to itself, or every
    score edited to 100 without a word, its record saying the run had finished."""
    saved = _read(record_path(output))
    if not isinstance(saved, dict) or saved.get("finished") is not True:
        return None
    written = saved.get("written")
    if not isinstance(written, dict) or not output.is_file():
        return None
    rows, size, digest = written.get("rows"), written.get("bytes"), written.get("sha256")
    if not isinstance(rows, int) or not isinstance(size, int) or not isinstance(digest, str):
        return None
    now = output.stat().st_size
    with open(output, "rb") as handle:
        if now == size and _digest(handle, size) == digest:
            return None
    return (
        f"{output.name} is not what the run that wrote it left ({counted(rows, 'result')} "
        f"in {size:,} bytes; {now:,} bytes now): it was cut, joined or edited since, so "
        "its figures are not that run's"
    )


def recorded_column(output: Path, role: str) -> str | None:
    """The input column the run that wrote ``output`` read for ``role`` (``agent``), as
    its record says; None when it read none, or there is no readable record."""
    saved = _read(record_path(output))
    columns = saved.get("columns") if isinstance(saved, dict) else None
    column = columns.get(role) if isinstance(columns, dict) else None
    return column if isinstance(column, str) else None


def recorded_notes(output: Path) -> list[str] | None:
    """The lines the summary of the run that wrote ``output`` ended with (notes, the
    repeated ids' warning), as its record keeps them; None when no record keeps them (no
    record, one that cannot be read, or one written before records kept notes), which
    is not "no notes": :func:`notes_unknown` says why, for ``report`` to say."""
    saved = _read(record_path(output))
    notes = saved.get("notes") if isinstance(saved, dict) else None
    return [note for note in notes if isinstance(note, str)] if isinstance(notes, list) else None


#: What a run record's notes hold, for a page that cannot show them.
_NOTES_ARE = (
    "the notes `score` printed under its summary (a missing agent column, a column under "
    "another name, repeated ids)"
)


def notes_unknown(output: Path) -> str:
    """Why the run's notes cannot be shown (:func:`recorded_notes` gave None), said as a
    note: a page without them must not read as a run that had nothing to note."""
    record = record_path(output)
    saved = _read(record)
    if saved is None:
        return (
            f"no run record beside {output.name} ({record.name}, which keeps the notes "
            "`score` printed under its summary: a missing agent column, a column under "
            "another name, repeated ids): any there were are not shown here; copy the "
            "record with the results, or score the input again"
        )
    if not isinstance(saved, dict):
        return (
            f"the run record {record.name} cannot be read, so {_NOTES_ARE}: any there were "
            "are not shown here; score the input again to have them on the page"
        )
    version = saved.get("replylint")
    by = f"replylint {version}" if isinstance(version, str) else "an older replylint"
    return (
        f"the run record {record.name} was written by {by}, which did not keep {_NOTES_ARE}: "
        "any there were are not shown here; score the input again to have them on the page"
    )


def recorded_input_format(output: Path) -> str | None:
    """The input format (csv, jsonl, parquet) of the run that wrote ``output``, as its
    record says, so advice on its failed rows fits the file; None without one."""
    saved = _read(record_path(output))
    fmt = saved.get("input_format") if isinstance(saved, dict) else None
    return fmt if isinstance(fmt, str) else None


def _read(path: Path) -> Any:
    """The saved record; None when there is none; a non-dict when it is unreadable."""
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "unreadable"


def _refusal(output: Path, why: str) -> OutputError:
    return OutputError(
        f"cannot resume into {output}: {why}; resume with the same input and options, "
        "write to a new file, or pass --force instead of --resume to score it all again"
    )


def _version() -> str:
    try:
        return version("replylint")
    except PackageNotFoundError:  # running from a source tree that is not installed
        from replylint import __version__

        return __version__
