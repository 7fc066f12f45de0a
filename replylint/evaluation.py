"""Measuring the checks against human labels (the gold JSONL format of the annotation guide).

For each boolean check the linter's ``checks[name].present`` is compared with the label,
giving precision, recall and F1 for both classes (present and missing), their mean
(macro-F1, the headline number: robust to a check that is rarely present) and accuracy.
Jargon is scored per term: precision against the lenient list (terms any annotator
flagged), recall against the strict list (terms every annotator flagged), as the guide
says. A labelled term the reply does not contain is a labelling mistake: it is left out
of the figures and reported (:attr:`Evaluation.jargon_not_in_reply`).

The further service checks (GUIDE.md, "Further service checks") are scored the same way,
on the records whose label says the check applies: a boolean label of ``null`` (not
applicable) or an absent key (not annotated) skips the record for that check. A label the
record gives no context for (``customer_name`` without the name, ``hold`` off a live
channel, ``problem`` without the customer's message) is an error naming the record. Their
"detected present" is the guide's: the linter does not report the check failing, so a
check the linter finds not applicable counts as present. ``template_residue`` is a list of
leftovers; as a check it is *present* when the reply is clean (an empty list), and it is
also scored per leftover, like jargon (one exact-string list, for precision and recall).
Template records (``"template": true``) skip it: placeholders are expected there.
"""

from __future__ import annotations

import codecs
import difflib
import html
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from replylint.batch.columns import AMBIGUOUS_CUSTOMER, DEFAULTS, column_key
from replylint.batch.readers import column_names, csv_delimiter, not_a_table, workbook_named
from replylint.channel_names import (
    channel_less_note,
    channel_named,
    names_no_channel,
    unknown_channel,
)
from replylint.checks.hold import LIVE_CHANNELS
from replylint.errors import UserError, validation_message
from replylint.gold_lookalikes import (
    compressed,
    output_record,
    output_table,
    parquet_named,
    run_record_named,
)
from replylint.linter import NOTHING_LEFT, InputError, Linter
from replylint.reply_input import ReplyInput, number_id
from replylint.report import (
    CORE_CHECKS,
    LOWERED,
    PROBLEM_LABEL,
    REPORTED_CHECKS,
    Channel,
    CheckResult,
    Report,
    Severity,
)
from replylint.scorecards import (
    LABEL_COLUMNS,
    ScorecardError,
    columns_below_the_mark,
    gold_place,
    has_messages,
    is_scorecard,
    repeated_rows,
    scorecard_records,
    unread_columns,
    unread_id_note,
    unscored_columns,
)

#: The confusion counts of a boolean check, and the counts of a term list.
_CONFUSION = ("tp", "fp", "fn", "tn")
_TERM_COUNTS = ("predicted", "predicted_correct", "gold", "gold_found", "records")


def _not_a_check(key: object) -> str:
    """The start of the error for a key that names no check (under ``labels`` or
    ``evidence``), with the nearest check's name when one is close."""
    close = difflib.get_close_matches(str(key), list(GoldLabels.model_fields), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{key!r} is not a check; {hint}"


class GoldLabels(BaseModel):
    """A record's labels. A check left out (or null) was not scored on this record: a
    team's scorecard seldom covers every check, and ``eval`` and ``train`` use each
    record for the checks it labels. A key that names no check is an error, not a check
    silently left unscored (a misspelt "greting" would otherwise drop every greeting)."""

    model_config = ConfigDict(extra="forbid")

    greeting: bool | None = None
    apology: bool | None = None
    empathy: bool | None = None
    next_step: bool | None = None
    next_step_timeframe: bool | None = None
    closing_thanks: bool | None = None
    #: Terms every annotator flagged; None: jargon was not annotated on this record.
    jargon: list[str] | None = None
    #: Terms any annotator flagged; None: the same as ``jargon``.
    jargon_lenient: list[str] | None = None
    #: The further service checks: None when not applicable (null) or not annotated.
    template_residue: list[str] | None = None
    customer_name: bool | None = None
    options: bool | None = None
    agent_identity: bool | None = None
    hold: bool | None = None
    #: Not a check: whether the customer message reports a problem or a negative
    #: feeling, which makes apology and empathy apply. ``eval`` scores the linter's
    #: reading of it; ``train`` learns the customer-problem model from it.
    problem: bool | None = None

    @field_validator(
        "greeting", "apology", "empathy", "next_step", "next_step_timeframe",
        "closing_thanks", "customer_name", "options", "agent_identity", "hold", "problem",
        mode="before",
    )  # fmt: skip
    @classmethod
    def _boolean(cls, value: object) -> object:
        """A check's label is true, false or null, as the annotation guide writes it.
        pydantic alone would read "yes", "no", 1 and 0 as booleans (and "maybe" as an
        error in its own words): a file mixing them is an export the guide does not
        describe, whose other cells may not mean what they seem. A CSV scorecard's yes/no
        cells are its own format, read into booleans by :mod:`replylint.scorecards`."""
        if value is None or isinstance(value, bool):
            return value
        raise ValueError(
            f"{value!r} is not a label; write true (present), false (missing) or null "
            "(not scored), as the annotation guide does"
        )

    @field_validator("jargon", "jargon_lenient", "template_residue")
    @classmethod
    def _no_blank_terms(cls, terms: list[str] | None) -> list[str] | None:
        """Each term has text. An empty one ("RMA", "SLA", "") is in no reply: counted,
        it is a term no linter can find, which lowers recall (and a blank leftover makes
        a clean reply look unclean). A scorecard's ``RMA;;`` is read as its terms, the
        blanks between separators dropped (:mod:`replylint.scorecards`)."""
        if terms is not None and any(not term.strip() for term in terms):
            raise ValueError(
                f"{terms!r} holds an empty term, which no reply contains; remove it (each "
                "term as it appears in the reply, [] when there are none)"
            )
        return terms

    @model_validator(mode="before")
    @classmethod
    def _known_checks(cls, value: object) -> object:
        """Every key names a check, and at least one is given."""
        if not isinstance(value, dict):
            return value
        known = list(cls.model_fields)
        for key in value:
            if key not in cls.model_fields:
                raise ValueError(f"{_not_a_check(key)}the labels are: {', '.join(known)}")
        if all(label is None for label in value.values()):
            # ``{}`` and every label null say the same: nothing was scored on this record.
            # Counted, it would add a record that no figure reads.
            said = "no check is labelled" if not value else "every label is null"
            raise ValueError(
                f"{said}; give at least one of: {', '.join(known)} (true, false, or the "
                "terms), or remove the record"
            )
        return value

    @model_validator(mode="after")
    def _timeframe_of_a_step(self) -> GoldLabels:
        """A timeframe is said of a next step: the guide has ``next_step_timeframe``
        "always false when next_step is false". Both labelled so is one label wrong,
        and which one only the labeller can tell."""
        if self.next_step_timeframe is True and self.next_step is False:
            raise ValueError(
                "next_step_timeframe is true but next_step is false, and a timeframe is "
                'always false without a next step (see "Gold files" in the README); correct '
                "the one that is wrong"
            )
        return self

    @model_validator(mode="after")
    def _strict_jargon_given(self) -> GoldLabels:
        """``jargon_lenient`` comes with ``jargon``: recall is scored against the terms
        every annotator flagged, and without them the record was left out of jargon
        altogether, its lenient terms unread, without a word."""
        if self.jargon_lenient is not None and self.jargon is None:
            raise ValueError(
                "jargon_lenient is given without jargon; give jargon too: the terms every "
                "annotator flagged, which recall is scored against ([] when they flagged "
                "none; jargon_lenient adds the terms any annotator flagged)"
            )
        return self


#: The key of a gold record's validation context that holds the team's own channel
#: names (``GoldRecord.model_validate(data, context={CHANNEL_NAMES: {...}})``).
CHANNEL_NAMES = "channel_names"


def _team_names(info: ValidationInfo) -> Mapping[str, Channel]:
    context = info.context if isinstance(info.context, Mapping) else {}
    names = context.get(CHANNEL_NAMES)
    return names if isinstance(names, Mapping) else {}


#: The names an export or a scorecard gives a record field (its column, as ``score`` and
#: :mod:`replylint.scorecards` read it: "Question" is the customer's message), compared
#: as they compare them, each with the field it is.
_EXPORT_NAMES = {
    column_key(name): field
    for role, field in (
        ("text", "reply"),
        ("customer", "customer_message"),
        ("customer_name", "customer_name"),
        ("channel", "channel"),
    )
    for name in DEFAULTS[role]
}
_WHAT = {
    "reply": "reply",
    "customer_message": "customer's message",
    "customer_name": "customer's name",
    "channel": "channel",
}


def _export_name(key: object, record: dict[str, object]) -> str | None:
    """What to call a record's ``key`` that a scorecard would read as a record field
    (``question``, ``customer``, ``via``), or None for any other. Kept as a field of
    the team's own, it left the record without its customer message (so apology and
    empathy never applied and counted as present), name or channel, without a word."""
    field = _EXPORT_NAMES.get(column_key(str(key)))
    if field is None:
        return None
    if column_key(str(key)) == AMBIGUOUS_CUSTOMER:
        return (
            "name it 'customer_message' if it holds what the customer wrote, or "
            "'customer_name' if it holds their name"
        )
    if field == "reply" and "reply" in record:  # (the reply is there: the other side?)
        return (
            "name it 'customer_message' if it holds what the customer wrote (the reply is "
            "'reply'), or give it a name of your own"
        )
    return (
        f"name it {field!r} (a scorecard's column {key!r} is read as the {_WHAT[field]}; "
        "a record's field of that name is not)"
    )


class GoldRecord(BaseModel):
    """One labelled reply (see GUIDE.md, "Record format"; for users, the README's "Gold
    files")."""

    model_config = ConfigDict(extra="allow")

    id: str
    channel: Channel = "email"
    customer_message: str | None = None
    reply: str
    labels: GoldLabels
    #: The customer's name as the ticket system knows it (read by customer_name).
    customer_name: str | None = None
    #: True: a template kept in a macro repository; None: the configuration decides.
    template: bool | None = None
    evidence: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Optional: per present check, the passage(s) of the reply that do it "
        "(a string or a list). `replylint train` learns from them which sentence does it.",
    )

    @model_validator(mode="before")
    @classmethod
    def _no_misspelt_fields(cls, value: object) -> object:
        """Other fields are kept (``source``, a team's own notes), but one spelt almost
        as a record field ("customer_mesage", "chanel") is an error: read as an extra, it
        would leave the record without its customer message or channel, silently."""
        if isinstance(value, dict):
            known = list(cls.model_fields)
            for key in value:
                if key not in cls.model_fields and (advice := _export_name(key, value)):
                    raise ValueError(f"{key!r} is not a record field; {advice}")
                if key not in cls.model_fields:
                    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.8)
                    if close:
                        raise ValueError(
                            f"{key!r} is not a record field; did you mean {close[0]!r}?"
                        )
        return value

    @field_validator("channel", mode="before")
    @classmethod
    def _channel_named(cls, value: object, info: ValidationInfo) -> object:
        """A help desk's name for a channel ("E-mail", "Live chat", "WhatsApp") is the
        channel ``score`` reads it as (:mod:`replylint.channel_names`): a scorecard is often
        the export ``score`` was run on, and ``eval`` refused the names ``score`` took. An
        empty one or ``null`` is the default, as in ``score`` (an export's empty cell), and
        so is a name that says how the ticket was made (``api``; :func:`gold_notes` says
        so); an unknown one is an error naming it. A team's own names come with the
        validation's context (:data:`CHANNEL_NAMES`)."""
        if value is None:
            return "email"
        if not isinstance(value, str):
            return value
        if not value.strip():
            return "email"
        team = _team_names(info)
        channel = channel_named(value, team)
        if channel is None and names_no_channel(value, team):
            return "email"
        if channel is None:
            raise ValueError(unknown_channel(value, mappable=True))
        return channel

    @field_validator("reply")
    @classmethod
    def _reply_has_text(cls, value: str) -> str:
        """A record without a reply scores every check "missing" against its labels (a
        spreadsheet's totals or notes row read as a reply)."""
        if not value.strip():
            raise ValueError("the reply is empty; give the reply's text, or remove the record")
        return value

    def as_input(self) -> ReplyInput:
        """The reply with the context the linter reads, as ``check_many`` takes it."""
        return ReplyInput(
            reply=self.reply,
            channel=self.channel,
            customer_message=self.customer_message,
            customer_name=self.customer_name,
            template=self.template,
        )

    @field_validator("evidence", mode="before")
    @classmethod
    def _passages(cls, value: object) -> object:
        """One passage may be written as a string; values that are not text are dropped
        (some exports keep char offsets there). A key that names no check is an error,
        as it is under ``labels``: a misspelt "greting" would otherwise leave ``train``
        without the passages of every greeting, without a word."""
        if not isinstance(value, dict):
            return value
        for key in value:
            if key not in GoldLabels.model_fields:
                raise ValueError(
                    f"{_not_a_check(key)}evidence gives passages per check, named as under "
                    f"labels: {', '.join(GoldLabels.model_fields)}"
                )
        passages: dict[str, list[str]] = {}
        for check, where in value.items():
            items = [where] if isinstance(where, str) else where
            if isinstance(items, list):
                texts = [w for w in items if isinstance(w, str) and w.strip()]
                if texts:
                    passages[str(check)] = texts
        return passages

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        """Exports often number their rows: a whole number is the same id as text, ``7``
        and ``7.0`` (as a JavaScript or pandas export writes it) alike, as serve reads it."""
        as_text = number_id(value)
        return value if as_text is None else as_text


#: What a line of a JSON-lines gold file holds, as its errors say it: the format is the
#: README's ("Gold files"), not GUIDE.md, which ships with the corpus and not with replylint.
#: What to do with a scorecard saved from a spreadsheet as CSV.
GIVE_THE_CSV = "give that file"
ONE_RECORD_A_LINE = (
    'each line is one record, {"id": ..., "reply": ..., "labels": {...}} '
    '(see "Gold files" in the README)'
)


class GoldError(UserError, ValueError):
    """A gold file could not be read; names the file and line, and the record's id if any."""


def read_gold(
    path: Path,
    pass_mark: float | None = None,
    *,
    channel_names: Mapping[str, Channel] | None = None,
    id_col: str | None = None,
) -> Iterator[GoldRecord]:
    """The records of a gold file: JSON lines (the README's "Gold files"), or a CSV scorecard
    (``.csv``, ``.tsv``: :mod:`replylint.scorecards`; ``pass_mark`` reads a graded one,
    ``id_col`` names its column of ids). ``channel_names``: the team's own names for a
    channel (``--channel-name``)."""
    context: dict[str, object] = {CHANNEL_NAMES: dict(channel_names or {})}
    if path.is_dir():  # (a scorecard's name on a folder was an internal error)
        raise GoldError(
            f"gold file {path} is a folder; name the gold files in it (JSON lines or CSV "
            f"scorecards), e.g. {path / '*.jsonl'}"
        )
    workbook = workbook_named(path, GIVE_THE_CSV) or not_a_table(path, GIVE_THE_CSV)
    if workbook is not None:  # (read as JSON lines, it was "cannot read it as UTF-8")
        raise GoldError(f"gold file {path}: {workbook}")
    run_record = run_record_named(path)
    if run_record is not None:  # (read as JSON lines, it was "not JSON" on its line 1)
        raise GoldError(f"gold file {path}: {run_record}")
    parquet = parquet_named(path)
    if parquet is not None:  # (read as JSON lines, it was "cannot read it as UTF-8 text")
        raise GoldError(f"gold file {path}: {parquet}")
    packed = compressed(path)
    if packed is not None:  # (it was "cannot read it as UTF-8 text ... byte 0x8b")
        raise GoldError(f"gold file {path}: {packed}")
    if is_scorecard(path):
        yield from _read_scorecard(path, pass_mark, context, id_col)
        return
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # (a BOM is not text)
    except FileNotFoundError:
        raise GoldError(f"gold file {path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise GoldError(f"gold file {path}: {_not_utf8(path, exc)}") from None
    except OSError as exc:
        raise GoldError(f"gold file {path}: cannot read it as UTF-8 text ({exc})") from None
    first = True
    for number, line in enumerate(lines, 1):
        # a byte-order mark opening a line: files saved on Windows joined into one
        # (copy /b, cat); json.loads refused it, saying to "decode using utf-8-sig"
        line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            data = json.loads(line, object_pairs_hook=_once_each)
        except _RepeatedKey as exc:
            raise GoldError(
                f"gold file {path}, line {number}: the key {exc.key!r} is given "
                f"{exc.times} times in one object; give it once (read as JSON, only "
                "the last would count, the others dropped without a word)"
            ) from None
        except json.JSONDecodeError as exc:
            if first and (whole := _output_file(lines)) is not None:
                raise GoldError(f"gold file {path}: {whole}") from None
            raise GoldError(
                f"gold file {path}, line {number}: not JSON ({exc.msg}, column {exc.colno}); "
                f"{ONE_RECORD_A_LINE}, or name a CSV scorecard .csv"
            ) from None
        first = False
        if not isinstance(data, dict):
            raise GoldError(
                f"gold file {path}, line {number}: a JSON {_json_kind(data)}, not an object; "
                f"{ONE_RECORD_A_LINE}"
            )
        try:
            record = GoldRecord.model_validate(data, context=context)
        except ValidationError as exc:
            place = gold_place(path, number, data.get("id"))
            raise GoldError(f"{place}: {output_record(data) or _first_problem(exc)}") from None
        unjudged = _label_without_context(record)
        if unjudged is not None:
            raise GoldError(f"{gold_place(path, number, record.id)}: {unjudged}")
        yield record


class _RepeatedKey(ValueError):
    """An object of a gold line gives ``key`` ``times`` times."""

    def __init__(self, key: str, times: int) -> None:
        super().__init__(key)
        self.key = key
        self.times = times


def _once_each(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """An object of a gold line as a dict, each key given once. ``json.loads`` keeps the
    last value of a repeated key: a record written ``"labels": {...}, "labels": {...}``
    (two labelling passes pasted together) was scored on the second alone, and a repeated
    ``reply`` scored another text, both without a word."""
    counts = Counter(key for key, _ in pairs)
    repeated = next((key for key, times in counts.items() if times > 1), None)
    if repeated is not None:
        raise _RepeatedKey(repeated, counts[repeated])
    return dict(pairs)


def _json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words (a list is an array)."""
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    return "null" if value is None else "number"


def _label_without_context(record: GoldRecord) -> str | None:
    """Why one of a JSON-lines record's labels cannot apply to it, or None.

    Three labels are judged in a context the record itself must carry. ``customer_name``
    compares the reply with the customer's name, and the guide makes it "applicable only
    when the customer's name is known"; ``hold`` applies "during a live conversation"
    (the linter reads chat and social as live); ``problem`` says whether the customer's
    message reports a problem. Without the name, on an email (a record without a
    ``channel`` is read as one) or without the message, the linter does not apply the
    check, so a "false" label counted against it (accuracy 0.000 on a right answer), and
    a ``problem`` label was dropped from ``eval`` and ``train`` without a word. A
    scorecard refuses the same labels by its columns (a ``customer_name_check`` column
    without a ``customer_name`` one, ``hold`` without ``channel``: "every 'no' would
    count against the linter"); a JSON line has no columns, so each record answers for
    itself, and the error names it. Errors rather than notes: a labeller who wrote true
    or false judged the check applicable, so the record has lost what it was judged on
    (a name or message left out of an export, or kept under another key) or the label is
    wrong, and only the labeller can say which; a check that does not apply is ``null``
    (the guide's "not applicable"), and that is skipped as before."""
    labels = record.labels
    if labels.customer_name is not None and not (record.customer_name or "").strip():
        return (
            "labels.customer_name: the check compares the reply with the customer's name, and "
            "this record gives none, so a false would count against the linter; add the "
            'record\'s "customer_name" (the name the ticket system knows), or set the label '
            "to null (not applicable: the name is not known)"
        )
    if labels.hold is not None and record.channel not in LIVE_CHANNELS:
        read_as = (
            f'its "channel" is {record.channel}'
            if "channel" in record.model_fields_set
            else 'it gives no "channel" (read as email)'
        )
        return (
            f"labels.hold: the check applies only in a live conversation (chat or social), "
            f"and {read_as}: a false would count against the linter; give the record its "
            'channel ("channel": "chat" or "social"), or set hold to null (not applicable)'
        )
    if labels.problem is not None and not (record.customer_message or "").strip():
        return (
            "labels.problem: the label says whether the customer's message reports a problem, "
            'and this record has no "customer_message", so eval and train would drop it; '
            "add the customer's message, or set problem to null"
        )
    return None


def _output_file(lines: Sequence[str]) -> str | None:
    """What to say of a gold file whose first line is not JSON when the whole file is
    the linter's own output written over several lines (``check --format json``: a
    report, or a list of them); None otherwise. Only for a file already refused."""
    try:
        whole = json.loads("\n".join(lines).removeprefix("\ufeff"))
    except ValueError:
        return None
    said = output_record(whole)
    if said is None and isinstance(whole, (list, dict)):
        # a labelling tool's export, pretty-printed: valid JSON, read as "not JSON"
        kind, jq = ("array", "'.[]'") if isinstance(whole, list) else ("object", ".")
        return (
            f"one JSON {kind} over {len(lines)} lines, not JSON lines; {ONE_RECORD_A_LINE} "
            f"(`jq -c {jq} FILE > gold.jsonl` writes it so)"
        )
    return said


def _not_utf8(path: Path, exc: UnicodeDecodeError) -> str:
    """Why a JSON-lines gold file could not be read. One that starts with a UTF-16 or
    UTF-32 byte-order mark is most likely a sheet saved as Excel's "Unicode Text" (tab
    separated, named ``.txt``), which is read as a scorecard once named ``.tsv``."""
    with path.open("rb") as handle:
        start = handle.read(4)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return (
            'UTF-16 text, as Excel saves a sheet as "Unicode Text" (tab-separated): a '
            f"scorecard saved so is read when its name ends in .tsv, so rename it "
            f"{path.with_suffix('.tsv').name}; JSON lines must be UTF-8"
        )
    return f"cannot read it as UTF-8 text ({exc})"


def read_gold_files(
    paths: Sequence[Path],
    pass_mark: float | None = None,
    *,
    channel_names: Mapping[str, Channel] | None = None,
    id_col: str | None = None,
) -> list[GoldRecord]:
    """The records of every gold file, in order. An id used twice, in one file or in
    two, is a :class:`GoldError`: the same reply would count twice (a file named twice,
    a scorecard also converted to JSON lines), and ``train`` chooses its folds by id.
    ``pass_mark``: a graded scorecard's mark (:func:`replylint.scorecards.scorecard_records`);
    an error when no file is a scorecard, as is ``id_col`` (a scorecard's column of
    ids: a JSON line's id is its "id"). ``channel_names``: as :func:`read_gold`."""
    if pass_mark is not None and not any(is_scorecard(path) for path in paths):
        raise GoldError(
            "--pass-mark reads the points of a CSV scorecard, and no gold file is one "
            "(.csv, .tsv); leave it out"
        )
    if id_col is not None and not any(is_scorecard(path) for path in paths):
        raise GoldError(
            "--id-col names a CSV scorecard's column of ids, and no gold file is one "
            '(.csv, .tsv); a JSON line\'s id is its "id": leave --id-col out'
        )
    resolved = [path.resolve() for path in paths]
    for index, path in enumerate(resolved):
        if path in resolved[:index]:
            raise GoldError(f"gold file {paths[index]} is named twice; name it once")
    records: list[GoldRecord] = []
    seen: dict[str, Path] = {}
    names = Counter(path.name for path in paths)
    for path in paths:
        for record in read_gold(path, pass_mark, channel_names=channel_names, id_col=id_col):
            if names[path.name] == 1:
                record = _named_by_file_name(record, path)
            first = seen.get(record.id)
            if first is not None:
                where = f"twice in {path}" if first == path else f"in {first} and in {path}"
                raise GoldError(
                    f"id {record.id!r} is used {where}: each record is one reply, counted "
                    "once; remove the repeat, or give the rows distinct ids"
                )
            seen[record.id] = path
            records.append(record)
    return records


def _named_by_file_name(record: GoldRecord, path: Path) -> GoldRecord:
    """A scorecard row without an id is named by where it is: its file's name and line
    ("card.csv:4"), not the path as typed ("cards/card.csv:4", "/home/qa/card.csv:4"),
    so the same file trains the same model (``train`` draws its folds and fingerprints
    the data by id) from any folder. Two files of one name in two folders keep their
    paths: their rows would otherwise share names."""
    typed = f"{path}:"
    line = record.id.removeprefix(typed)
    if record.id.startswith(typed) and line.isdigit() and str(path) != path.name:
        return record.model_copy(update={"id": f"{path.name}:{line}"})
    return record


def gold_notes(
    paths: Iterable[Path],
    pass_mark: float | None = None,
    *,
    channel_names: Mapping[str, Channel] | None = None,
    id_col: str | None = None,
) -> list[str]:
    """What a user should know about how the gold files were read: the records whose
    channel says how the ticket was made (``api``), read as email; a scorecard without
    an id column whose column looks like one ("Ticket #": its rows were named by their
    lines); the columns of each scorecard that were not read (a check under a name it
    does not know is one), its check columns that score no row, its rows without an id
    that repeat an earlier row (each counted, as said), and with ``pass_mark`` the
    graded columns none of whose cells reaches it. Read after :func:`read_gold_files`
    has read the files whole, with the same ``pass_mark``, ``channel_names`` and
    ``id_col``."""
    notes = []
    checks = ", ".join(LABEL_COLUMNS.get(name, name) for name in GoldLabels.model_fields)
    for path in paths:
        read_as = "read as email, as a record without a channel is"
        channel_less = channel_less_note(
            _channel_less(path, pass_mark, channel_names, id_col), "record", read_as
        )
        if channel_less is not None:
            notes.append(f"{path}: {channel_less}")
        if is_scorecard(path):
            labels = list(GoldLabels.model_fields)
            id_note = unread_id_note(path, labels, id_col)
            if id_note is not None:
                notes.append(f"{path}: {id_note}")
            unread = unread_columns(path, labels, id_col)
            if unread:
                notes.append(
                    f"{path}: columns not read: {', '.join(unread)} (a check's column is "
                    f"named after the check: {checks})"
                )
            unscored = unscored_columns(path, labels)
            if unscored:
                notes.append(
                    f"{path}: no row scores {', '.join(unscored)} (every cell empty or n/a), "
                    f"so {'that check is' if len(unscored) == 1 else 'those checks are'} not "
                    "measured; fill the cells in if the team scored them, or remove the column"
                )
            repeats = repeated_rows(path, labels, pass_mark, id_col)
            if repeats:
                notes.append(f"{path}: {_repeats_said(repeats, has_messages(path, labels))}")
            below = [] if pass_mark is None else columns_below_the_mark(path, labels, pass_mark)
            for name, most in below:
                notes.append(
                    f"{path}: no cell of the column {name!r} reaches --pass-mark "
                    f"{pass_mark:g} (the most is {most:g}), so every row it scores counts as "
                    "not met; if it is a yes/no column written 1/0, write yes and no"
                )
    return notes


def _channel_less(
    path: Path, pass_mark: float | None, team: Mapping[str, Channel] | None, id_col: str | None
) -> Counter[str]:
    """The channels of a gold file's records that say how the ticket was made
    (:func:`~replylint.channel_names.names_no_channel`), as written, with their counts:
    read as email (see ``GoldRecord``), and what their note names."""
    given: Iterable[object]
    if is_scorecard(path):
        labels = list(GoldLabels.model_fields)
        records = scorecard_records(path, labels, pass_mark, id_col)
        given = (record.get("channel") for _, record in records)
    else:
        given = (_json_channel(line) for line in path.read_text(encoding="utf-8-sig").splitlines())
    return Counter(
        value.strip() for value in given if isinstance(value, str) and names_no_channel(value, team)
    )


def _json_channel(line: str) -> object:
    """The ``channel`` of a JSON line's record; None for a line that holds none."""
    try:
        data = json.loads(line.removeprefix("\ufeff"))
    except ValueError:  # (a blank line: read_gold has refused any other)
        return None
    return data.get("channel") if isinstance(data, dict) else None


def _repeats_said(repeats: Sequence[tuple[int, int]], messages: bool) -> str:
    """The note on rows without an id that repeat an earlier row (:func:`repeated_rows`):
    which, what was done with them (each counted), and what to do."""
    shown = ", ".join(f"line {line} repeats line {earlier}" for line, earlier in repeats[:3])
    more = f" and {len(repeats) - 3} more" if len(repeats) > 3 else ""
    count = len(repeats)
    rows = f"{count} rows without an id repeat" if count > 1 else "1 row without an id repeats"
    what = "the reply and customer message" if messages else "the reply"
    return (
        f"{rows} {what} of an earlier row ({shown}{more}): each row is read as a record of "
        "its own, so such a reply counts once per row (in eval's figures, and in train's "
        "folds); if a row was pasted twice, remove it; if the rows answer different "
        "tickets, add an id column (ticket_id) to say so"
    )


def _read_scorecard(
    path: Path, pass_mark: float | None, context: dict[str, object], id_col: str | None
) -> Iterator[GoldRecord]:
    labels = list(GoldLabels.model_fields)
    try:
        for place, record in scorecard_records(path, labels, pass_mark, id_col):
            try:
                yield GoldRecord.model_validate(record, context=context)
            except ValidationError as exc:
                raise GoldError(f"{place}: {_first_problem(exc)}") from None
    except ScorecardError as exc:
        results = _results_table(path)
        raise GoldError(f"gold file {path}: {results}" if results else str(exc)) from None


def _results_table(path: Path) -> str | None:
    """What to say of a scorecard that could not be read when it is ``score``'s CSV
    results (read as a scorecard, "no column holds the reply"); None otherwise."""
    try:
        header = column_names(path, "csv", csv_delimiter(path))
    except (UserError, OSError, ValueError):  # (the scorecard's own error says why)
        return None
    return output_table(header)


def _first_problem(exc: ValidationError) -> str:
    """The first thing wrong with a record, as "where: what". (pydantic's own text also
    repeats the input and links to its docs: noise on a one-line error.)"""
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"])
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    message = validation_message(first)
    prefix = f"{where}: " if where else ""  # (a problem of the whole record has no place)
    return f"{prefix}{message[:1].lower()}{message[1:]}{more}"


@dataclass
class BinaryScore:
    """Confusion counts of one boolean check ("positive" = present)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def negatives(self) -> int:
        return self.tn + self.fp

    def present(self) -> tuple[float, float, float] | None:
        """Precision, recall, F1 of "present"; None when no record is labelled present
        (the figures would be undefined, and a 0.000 would read as a failure)."""
        return _prf(self.tp, self.fp, self.fn) if self.positives else None

    def missing(self) -> tuple[float, float, float] | None:
        """The same for "missing"; None when no record is labelled missing."""
        return _prf(self.tn, self.fn, self.fp) if self.negatives else None

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over the classes that have labelled examples."""
        f1s = [scores[2] for scores in (self.present(), self.missing()) if scores is not None]
        return sum(f1s) / len(f1s) if f1s else None

    @property
    def accuracy(self) -> float | None:
        return (self.tp + self.tn) / self.n if self.n else None

    def as_dict(self) -> dict[str, float | int | None]:
        p1, r1, f1 = self.present() or (None, None, None)
        p0, r0, f0 = self.missing() or (None, None, None)
        return {
            "n": self.n, "positives": self.positives, "tp": self.tp, "fp": self.fp,
            "fn": self.fn, "tn": self.tn,
            "present_precision": p1, "present_recall": r1, "present_f1": f1,
            "missing_precision": p0, "missing_recall": r0, "missing_f1": f0,
            "macro_f1": self.macro_f1, "accuracy": self.accuracy,
        }  # fmt: skip


@dataclass
class TermScore:
    """Term-level jargon counts: predicted terms in the lenient list, strict terms found."""

    predicted: int = 0
    predicted_correct: int = 0
    gold: int = 0
    gold_found: int = 0
    #: The records whose labels give the list (a record may leave jargon unannotated).
    records: int = 0

    def add(self, predicted: set[str], strict: set[str], lenient: set[str]) -> None:
        self.records += 1
        self.predicted += len(predicted)
        self.predicted_correct += len(predicted & (lenient | strict))
        self.gold += len(strict)
        self.gold_found += len(strict & predicted)

    @property
    def precision(self) -> float | None:
        """None when nothing was predicted: undefined, not 0 (no false alarm was made)."""
        return self.predicted_correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """None when the labels list no term: undefined, not 0 (none was missed)."""
        return self.gold_found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """None when neither side lists a term (full agreement on "none")."""
        if not self.predicted and not self.gold:
            return None
        return _f1(self.precision or 0.0, self.recall or 0.0)

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "records": self.records, "predicted": self.predicted, "gold": self.gold,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
        }  # fmt: skip


@dataclass(frozen=True)
class Misjudged:
    """A record the linter got wrong on one check, with the evidence it used."""

    record: GoldRecord
    check: str
    gold: object
    predicted: object
    evidence: str | None
    reason: str | None


@dataclass
class AlarmScore:
    """The "missing ..." findings raised at severity error for one check, and how many
    were right (the label says missing): what an agent sees as a red alarm. Beside them,
    the ones the checks model reported one severity lower because it was unsure
    (``lowered``): a user who counts the findings of ``check`` sees both."""

    raised: int = 0
    right: int = 0
    lowered: int = 0
    lowered_right: int = 0

    @property
    def precision(self) -> float | None:
        return self.right / self.raised if self.raised else None

    @property
    def lowered_precision(self) -> float | None:
        return self.lowered_right / self.lowered if self.lowered else None


@dataclass
class Evaluation:
    checks: dict[str, BinaryScore] = field(
        default_factory=lambda: {c: BinaryScore() for c in REPORTED_CHECKS}
    )
    jargon: TermScore = field(default_factory=TermScore)
    #: template_residue per leftover: predicted texts against the labelled list.
    residue: TermScore = field(default_factory=TermScore)
    #: Whether the customer reported a problem (the ``problem`` label, on records with a
    #: customer message) against the linter's reading: apology applicable or not.
    problem: BinaryScore = field(default_factory=BinaryScore)
    errors: list[Misjudged] = field(default_factory=list)
    #: Per check, the error-severity "missing" findings and how many were right.
    alarms: dict[str, AlarmScore] = field(default_factory=dict)
    records: int = 0
    #: Per check, the labelled records it was not scored on because the configuration
    #: does not run it there (``ignore``, ``select``, a channel profile).
    not_run: Counter[str] = field(default_factory=Counter)
    #: The records the linter did not check at all, by why (not counted in ``records``).
    unchecked: dict[str, list[str]] = field(default_factory=dict)
    #: Per record id, the jargon labels its reply does not contain: a labelling mistake
    #: (a term from another reply, a typo), left out of the jargon figures.
    jargon_not_in_reply: dict[str, list[str]] = field(default_factory=dict)

    def add(
        self,
        record: GoldRecord,
        report: Report,
        keep_errors: str | Collection[str] | None = None,
        runs: frozenset[str] | None = None,
    ) -> None:
        """Score one record's report against its labels; ``keep_errors``: the checks
        whose misjudged records to keep (one name or several); ``runs``: the checks the
        configuration ran on it (None: all of them)."""
        self.records += 1
        _score_record(self, record, report, _names(keep_errors), runs)

    def counts(self) -> dict[str, int]:
        """Every count behind the figures, flat: what adds up over records (for the
        bootstrap of :mod:`replylint.intervals`); :meth:`from_counts` inverts it."""
        flat = {"records": self.records}
        for name, score in self.checks.items():
            for key in _CONFUSION:
                flat[f"check.{name}.{key}"] = getattr(score, key)
        for name, alarm in self.alarms.items():
            flat[f"alarm.{name}.raised"], flat[f"alarm.{name}.right"] = alarm.raised, alarm.right
            flat[f"alarm.{name}.lowered"] = alarm.lowered
            flat[f"alarm.{name}.lowered_right"] = alarm.lowered_right
        for part in ("jargon", "residue"):
            terms = getattr(self, part)
            for key in _TERM_COUNTS:
                flat[f"{part}.{key}"] = getattr(terms, key)
        for key in _CONFUSION:
            flat[f"problem.{key}"] = getattr(self.problem, key)
        return flat

    @classmethod
    def from_counts(cls, flat: dict[str, int]) -> Evaluation:
        """The evaluation with these counts (its misjudged records are not kept)."""
        result = cls(records=flat["records"])
        for name, score in result.checks.items():
            for key in _CONFUSION:
                setattr(score, key, flat[f"check.{name}.{key}"])
        for key, value in flat.items():
            kind, _, rest = key.partition(".")
            if kind == "alarm":
                name, _, which = rest.rpartition(".")
                setattr(result.alarms.setdefault(name, AlarmScore()), which, value)
            elif kind in ("jargon", "residue"):
                setattr(getattr(result, kind), rest, value)
            elif kind == "problem":
                setattr(result.problem, rest, value)
        return result

    def as_dict(self) -> dict[str, object]:
        return {
            "records": self.records,
            "checks": {name: score.as_dict() for name, score in self.checks.items()},
            "jargon": self.jargon.as_dict(),
            "template_residue_terms": self.residue.as_dict(),
            "customer_problem": self.problem.as_dict(),
            "error_alarms": {
                name: {
                    "raised": a.raised,
                    "right": a.right,
                    "precision": a.precision,
                    "lowered": a.lowered,
                    "lowered_right": a.lowered_right,
                }
                for name, a in self.alarms.items()
            },
            "not_run": dict(sorted(self.not_run.items())),
            "unchecked": dict(sorted(self.unchecked.items())),
            "jargon_not_in_reply": self.jargon_not_in_reply,
        }


class Checked(NamedTuple):
    """A record and the linter's report on it."""

    record: GoldRecord
    report: Report
    #: The checks the configuration ran on it.
    runs: frozenset[str]
    #: Why the linter did not check the reply at all (another language, over the length
    #: limit), or None: such a record is not scored, since no check read it.
    unchecked: str | None = None


def check_records(
    linter: Linter, records: Iterable[GoldRecord], *, score_unread: bool = False
) -> Iterator[Checked]:
    """Each record with the linter's report on its reply. ``score_unread``: score the
    replies the linter does not read too (another language, over the length limit), as
    its report has them (English checks not applicable): what a measurement on every
    labelled reply, such as the issue's held-out figures, counts."""
    for record in records:
        unchecked = None
        try:
            report = linter.check(
                record.reply,
                channel=record.channel,
                customer_message=record.customer_message,
                customer_name=record.customer_name,
                template=record.template,
            )
        except InputError as error:
            report = _empty_report(record.channel)
            if not str(error).startswith(NOTHING_LEFT):  # (only quoted history: none present)
                unchecked = str(error)
        else:
            if report.language != "en":
                unchecked = f"not in English ({report.language}): the English checks do not read it"
        yield Checked(
            record, report, linter.checks_run(record.channel), None if score_unread else unchecked
        )


def evaluate(
    linter: Linter,
    records: Iterable[GoldRecord],
    keep_errors: str | Collection[str] | None = None,
    *,
    score_unread: bool = False,
) -> Evaluation:
    """Run the linter on every record and score it against the labels (see
    :func:`check_records` for ``score_unread``)."""
    return score_reports(check_records(linter, records, score_unread=score_unread), keep_errors)


def score_reports(
    checked: Iterable[Checked], keep_errors: str | Collection[str] | None = None
) -> Evaluation:
    """Score reports already made against their records' labels, keeping the records
    misjudged on ``keep_errors`` (one check's name or several)."""
    keep = _names(keep_errors)
    result = Evaluation()
    for record, report, runs, unchecked in checked:
        if unchecked is not None:
            result.unchecked.setdefault(unchecked, []).append(record.id)
        else:
            result.add(record, report, keep, runs)
    return result


def _names(keep: str | Collection[str] | None) -> frozenset[str]:
    if keep is None:
        return frozenset()
    return frozenset((keep,)) if isinstance(keep, str) else frozenset(keep)


def _empty_report(channel: Channel) -> Report:
    absent = CheckResult(present=False, applicable=False, reason="nothing to check")
    return Report(channel=channel, checks=dict.fromkeys(REPORTED_CHECKS, absent), score=0)


def _score_record(
    result: Evaluation,
    record: GoldRecord,
    report: Report,
    keep: frozenset[str],
    runs: frozenset[str] | None,
) -> None:
    labels = record.labels.model_dump()
    for name, score in result.checks.items():
        if runs is not None and name not in runs:
            if labels.get(name) is not None:
                result.not_run[name] += 1  # turned off: "not enabled" is not "missing"
            continue
        verdict = report.checks.get(name, _NOT_REPORTED)
        if name in CORE_CHECKS:
            if labels[name] is None:
                continue  # not scored on this record
            gold, predicted = bool(labels[name]), verdict.present
        else:
            label = _service_label(record, name, labels.get(name))
            if label is None:
                continue
            gold, predicted = label, verdict.present or not verdict.applicable
        score.add(gold, predicted)
        if any(f.check == name and f.severity is Severity.error for f in report.findings):
            alarm = result.alarms.setdefault(name, AlarmScore())
            alarm.raised += 1
            alarm.right += not gold
        elif (verdict.reason or "").endswith(LOWERED) and any(
            f.check == name and f.severity is Severity.warning for f in report.findings
        ):
            alarm = result.alarms.setdefault(name, AlarmScore())
            alarm.lowered += 1
            alarm.lowered_right += not gold
        if name in keep and gold != predicted:
            result.errors.append(
                Misjudged(record, name, gold, predicted, verdict.evidence, verdict.reason)
            )
    _score_problem(result, record, report, keep)
    if runs is None or "template_residue" in runs:
        _score_residue(result, record, report, keep)
    if runs is not None and "jargon" not in runs:
        if record.labels.jargon is not None:
            result.not_run["jargon"] += 1
        return
    _score_jargon(result, record, report, keep)


def _score_problem(
    result: Evaluation, record: GoldRecord, report: Report, keep: frozenset[str]
) -> None:
    """The linter's reading of whether the customer reported a problem (apology, else
    empathy, applicable) against the ``problem`` label, on records with a customer
    message: a missed problem silences a missing apology, which the checks' figures
    (presence alone, as the guide scores them) cannot show."""
    label = record.labels.problem
    if label is None or not (record.customer_message or "").strip():
        return
    verdict = report.checks.get("apology") or report.checks.get("empathy")
    if verdict is None:
        return  # neither ran (turned off, or a reply in another language)
    result.problem.add(label, verdict.applicable)
    if PROBLEM_LABEL in keep and label != verdict.applicable:
        result.errors.append(
            Misjudged(record, PROBLEM_LABEL, label, verdict.applicable, None, verdict.reason)
        )


def _score_jargon(
    result: Evaluation, record: GoldRecord, report: Report, keep: frozenset[str]
) -> None:
    """Term-level jargon counts of one record. A labelled term its reply does not contain
    (whatever the case, spacing or HTML escaping: "RMA" labelled on a reply about a
    refund) is a labelling mistake, not a term the linter missed: no linter could find
    it, and counted it would lower recall for the labeller's slip. It is left out of the
    figures and kept in :attr:`Evaluation.jargon_not_in_reply`, which ``eval`` reports
    with the ids, so the label gets fixed rather than silently forgiven."""
    if record.labels.jargon is None:
        return  # jargon was not annotated on this record
    labelled_terms = [t for t in record.labels.jargon if _in_reply(t, record.reply)]
    absent = [t for t in record.labels.jargon if not _in_reply(t, record.reply)]
    if absent:
        result.jargon_not_in_reply[record.id] = absent
    predicted = {term_key(f.text) for f in report.findings if f.check == "jargon"}
    strict = {term_key(t) for t in labelled_terms}
    lenient = {term_key(t) for t in record.labels.jargon_lenient or ()}
    result.jargon.add(predicted, strict, lenient)
    if "jargon" in keep and (predicted - (lenient | strict) or strict - predicted):
        labelled = sorted({t.strip() for t in labelled_terms})
        found = sorted({f.text.strip() for f in report.findings if f.check == "jargon"})
        result.errors.append(Misjudged(record, "jargon", labelled, found, None, None))


_TAG = re.compile(r"<[^<>]*>")


def _in_reply(term: str, reply: str) -> bool:
    """Does ``reply`` contain the labelled ``term``, read leniently: whatever the case or
    spacing, HTML entities decoded on both sides (an export's ``Tf &amp; sc``), tags
    read as a space or as nothing (``command <br>line switch``, ``<b>R</b>MA``). Only
    a term plainly absent is called a labelling mistake."""

    def plain(text: str) -> str:
        return unicodedata.normalize("NFKC", html.unescape(text))

    key = term_key(plain(term))
    return any(key in term_key(plain(_TAG.sub(gap, reply))) for gap in (" ", ""))


def term_key(text: str) -> str:
    """A term as it is compared: "TTL" and "ttl", "CDN  edge" and "CDN edge" are one
    term (an annotator's case or spacing is not a disagreement with the linter)."""
    return " ".join(text.split()).casefold()


_NOT_REPORTED = CheckResult(present=False, applicable=False, reason="not in the report")


def _service_label(record: GoldRecord, name: str, label: object) -> bool | None:
    """A further service check's gold value, or None when the record does not count for
    it (not applicable, not annotated, or a template for template_residue)."""
    if name == "template_residue":
        if record.template or label is None:
            return None
        return not label  # present = no leftover
    return label if isinstance(label, bool) else None


def _score_residue(
    result: Evaluation, record: GoldRecord, report: Report, keep: frozenset[str]
) -> None:
    """template_residue per leftover: each predicted text against the labelled list."""
    gold = record.labels.template_residue
    if gold is None or record.template:
        return
    predicted = {f.text.strip() for f in report.findings if f.check == "template_residue"}
    expected = {t.strip() for t in gold}
    result.residue.add(predicted, expected, expected)
    if "template_residue" in keep and predicted != expected and bool(predicted) == bool(expected):
        # a record-level error is listed by the loop above; here the leftovers differ
        result.errors.append(
            Misjudged(record, "template_residue", sorted(expected), sorted(predicted), None, None)
        )


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, _f1(precision, recall)


def format_table(evaluation: Evaluation) -> str:
    """The per-check table printed by ``replylint eval``."""
    head = (
        f"{'check':<21} {'n':>5} {'pos':>5} {'P+':>6} {'R+':>6} {'F1+':>6} "
        f"{'P-':>6} {'R-':>6} {'F1-':>6} {'macroF1':>8} {'acc':>6}"
    )
    lines = [head, "-" * len(head)]
    for name, s in evaluation.checks.items():
        if name not in CORE_CHECKS and not s.n:
            continue  # a further check the gold files do not label
        present = " ".join(_cells(s.present(), 6))
        missing = " ".join(_cells(s.missing(), 6))
        lines.append(
            f"{name:<21} {s.n:>5} {s.positives:>5} {present} {missing} "
            f"{_cell(s.macro_f1, 8)} {_cell(s.accuracy, 6)}"
        )
    for name, alarm in evaluation.alarms.items():
        errors = "error" if alarm.raised == 1 else "errors"
        line = (
            f"{name}: {alarm.raised} 'missing' {errors} raised, {alarm.right} right "
            f"({_cell(alarm.precision, 0).strip()})"
        )
        if alarm.lowered:
            warnings = "a warning" if alarm.lowered == 1 else "warnings"
            line += (
                f"; {alarm.lowered} more as {warnings} (the model unsure), "
                f"{alarm.lowered_right} right ({_cell(alarm.lowered_precision, 0).strip()})"
            )
        lines.append(line)
    p = evaluation.problem
    if p.n:
        precision, recall, f1 = p.present() or (None, None, None)
        lines.append(
            f"{PROBLEM_LABEL} (apology applies)  {p.n} labelled, {p.positives} with a problem: "
            f"precision {_figure(precision)}, recall {_figure(recall)}, F1 {_figure(f1)}"
        )
    j = evaluation.jargon
    if not j.records:
        if "jargon" not in evaluation.not_run:  # (turned off: said below)
            lines.append("jargon (terms)        not labelled in the gold files")
    else:
        lines.append(
            f"jargon (terms)        predicted {j.predicted}, gold {j.gold}: "
            f"precision {_figure(j.precision)} (vs lenient), recall {_figure(j.recall)} "
            f"(vs strict), F1 {_figure(j.f1)}"
        )
    r = evaluation.residue
    if r.predicted or r.gold or evaluation.checks["template_residue"].n:
        lines.append(
            f"template_residue (leftovers) predicted {r.predicted}, gold {r.gold}: "
            f"precision {_figure(r.precision)}, recall {_figure(r.recall)}, F1 {_figure(r.f1)}"
        )
    for why, ids in sorted(evaluation.unchecked.items()):
        shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
        lines.append(f"not scored, {len(ids)} not checked by the linter: {why} ({shown})")
    absent = evaluation.jargon_not_in_reply
    if absent:
        count = sum(len(terms) for terms in absent.values())
        shown = "; ".join(f"{rid}: {', '.join(terms)}" for rid, terms in list(absent.items())[:3])
        more = f"; and {len(absent) - 3} more records" if len(absent) > 3 else ""
        lines.append(
            f"not scored, {count} jargon label{'s' if count > 1 else ''} not in the reply "
            f"of {len(absent)} record{'s' if len(absent) > 1 else ''} (a labelling "
            f"mistake? fix the label): {shown}{more}"
        )
    if evaluation.not_run:
        off = ", ".join(f"{name} ({count})" for name, count in sorted(evaluation.not_run.items()))
        lines.append(
            f"not scored, as the configuration does not run them (labelled records): {off}; "
            "--isolated scores every check"
        )
    return "\n".join(lines)


def _figure(value: float | None) -> str:
    return _cell(value, 0).strip()


def _cell(value: float | None, width: int) -> str:
    """A figure to three places, or "n/a" where it is undefined (no labelled examples)."""
    return f"{value:>{width}.3f}" if value is not None else f"{'n/a':>{width}}"


def _cells(scores: tuple[float, float, float] | None, width: int) -> list[str]:
    return [_cell(v, width) for v in scores] if scores else [_cell(None, width)] * 3


#: The group of a record without the field (in brackets: no team is called that).
NO_GROUP = "(none)"


def group_of(record: GoldRecord, field: str) -> str:
    """The group ``record`` falls in by ``field`` (``source``: an extra field of the
    record, :data:`NO_GROUP` when absent, empty or blank; ``channel``). A blank source
    (``" "``, a cell of spaces) is none: read as a name, it made a group named by
    nothing beside ``(none)``, and ``train`` a fold of its own."""
    if field == "channel":
        return record.channel
    value = (record.model_extra or {}).get(field)
    return str(value) if value is not None and str(value).strip() else NO_GROUP


def group_key(name: str) -> str:
    """What two group names are compared by: values that differ only in case or spacing
    ("Billing", "billing ": a spreadsheet typed by hand) are one group, for ``eval --by``
    as for ``train``'s folds by source."""
    return " ".join(name.split()).casefold()


def format_by(groups: dict[str, Evaluation], overall: Evaluation, field: str) -> str:
    """Macro-F1 per check and group (``eval --by``), with the whole set beside them:
    where replylint agrees with one team's or channel's labels and not another's."""
    names = [*groups, "all"]
    evaluations = [*groups.values(), overall]
    rows: list[tuple[str, list[float | None]]] = []
    for name, score in overall.checks.items():
        if score.n:  # (a check no group labels has no row)
            rows.append((name, [e.checks[name].macro_f1 for e in evaluations]))
    for name in overall.alarms:
        rows.append(
            (
                f"{name} errors right",
                [e.alarms[name].precision if name in e.alarms else None for e in evaluations],
            )
        )
    if overall.jargon.records:
        rows.append(
            (
                "jargon precision",
                [e.jargon.precision if e.jargon.predicted else None for e in evaluations],
            )
        )
        rows.append(
            ("jargon recall", [e.jargon.recall if e.jargon.gold else None for e in evaluations])
        )
    labels = max(21, len(f"macro-F1 by {field}"), *(len(label) for label, _ in rows))
    width = max(8, *(len(name) for name in names))
    head = f"{'macro-F1 by ' + field:<{labels}} " + " ".join(f"{n:>{width}}" for n in names)
    counts = " ".join(f"{e.records:>{width}}" for e in evaluations)
    lines = [head, "-" * len(head), f"{'records':<{labels}} {counts}"]
    for label, values in rows:
        lines.append(f"{label:<{labels}} " + " ".join(_cell(v, width) for v in values))
    return "\n".join(lines)


def format_errors(errors: list[Misjudged]) -> str:
    out = []
    for e in errors:
        out.append(f"== {e.record.id} [{e.check}] gold={e.gold} predicted={e.predicted}")
        if e.evidence or e.reason:  # (the one given: "reason: None" read as a reason)
            given = [f"evidence: {e.evidence!r}"] if e.evidence else []
            given += [f"reason: {e.reason}"] if e.reason else []
            out.append("   " + "  ".join(given))
        if e.record.customer_message:
            out.append("   customer: " + " ".join(e.record.customer_message.split())[:300])
        out.append("   reply:    " + " ".join(e.record.reply.split())[:600])
    return "\n".join(out)


def format_comparison(before: Evaluation, after: Evaluation, names: tuple[str, str]) -> str:
    """Macro-F1 per check, the precision of 'missing' errors, jargon and the customer
    problem reading, side by side (``replylint eval --model``)."""
    first, second = names
    width = max(12, len(first), len(second))
    rows: list[tuple[str, float | None, float | None]] = [
        (name, before.checks[name].macro_f1, after.checks[name].macro_f1) for name in before.checks
    ]
    for name in sorted(set(before.alarms) | set(after.alarms)):
        a_alarm, b_alarm = before.alarms.get(name), after.alarms.get(name)
        rows.append(
            (
                f"{name} errors right",
                a_alarm.precision if a_alarm else None,
                b_alarm.precision if b_alarm else None,
            )
        )
    for label, attribute in (("jargon precision", "precision"), ("jargon recall", "recall")):
        if before.jargon.records:  # (no row for jargon the gold files do not annotate)
            rows.append(
                (label, getattr(before.jargon, attribute), getattr(after.jargon, attribute))
            )
    if before.problem.n:  # (no row where no record carries a ``problem`` label)
        a_problem, b_problem = before.problem.present(), after.problem.present()
        for label, index in (("problem precision", 0), ("problem recall", 1)):
            rows.append(
                (
                    label,
                    a_problem[index] if a_problem else None,
                    b_problem[index] if b_problem else None,
                )
            )
    labels = max(21, *(len(label) for label, _, _ in rows))
    head = f"{'macro-F1':<{labels}} {first:>{width}} {second:>{width}} {'change':>7}"
    lines = [head, "-" * len(head)]
    for label, a, b in rows:
        change = f"{b - a:+.3f}" if a is not None and b is not None else "n/a"
        lines.append(f"{label:<{labels}} {_cell(a, width)} {_cell(b, width)} {change:>7}")
    return "\n".join(lines)
