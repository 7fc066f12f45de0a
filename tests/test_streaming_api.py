"""``Linter.check_many``: one result per input, in order; a reply that cannot be checked
is a ``ReplyError`` in its place (with its id) and the stream goes on. Bad arguments are
``InputError``/``ConfigError`` with one clear sentence, never a raw pydantic error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from replylint import (
    ConfigError,
    InputError,
    Linter,
    LinterConfig,
    ReplyError,
    ReplyInput,
    Report,
    ReportWithId,
)


def test_an_empty_reply_does_not_end_the_stream(linter: Linter) -> None:
    results = list(linter.check_many(["Hi, thanks!", "", "Hello, please restart the app."]))
    assert [type(r) for r in results] == [Report, ReplyError, Report]
    error = results[1]
    assert isinstance(error, ReplyError)
    assert error.index == 1 and error.id is None and "empty" in error.error


def test_results_carry_the_input_id_across_batches(linter: Linter) -> None:
    replies = ["Hi Sam, your order ships today. Thanks!", "<p></p>", "   "] * 4
    items = [ReplyInput(reply=r, id=f"row-{i}") for i, r in enumerate(replies)]
    results = list(linter.check_many(items, batch_size=5))
    assert len(results) == len(items)
    errors = [r for r in results if isinstance(r, ReplyError)]
    assert [e.id for e in errors] == [f"row-{i}" for i in range(len(items)) if i % 3]
    assert all(results[e.index] is e for e in errors)
    # reports too, as `replylint serve` answers them: joined to their tickets by id
    reports = [r for r in results if isinstance(r, ReportWithId)]
    assert [r.id for r in reports] == [f"row-{i}" for i in range(0, len(items), 3)]
    single = linter.check(replies[0]).model_dump()
    assert all(r.model_dump(exclude={"id"}) == single for r in reports)


def test_a_report_without_an_id_is_the_plain_report_it_was(linter: Linter) -> None:
    reply = "Hi Sam, your order ships today. Thanks!"
    with_id, without, plain = linter.check_many(
        [ReplyInput(reply=reply, id="T-1"), ReplyInput(reply=reply), reply]
    )
    assert isinstance(with_id, ReportWithId) and isinstance(with_id, Report)
    assert with_id.id == "T-1" and with_id.model_dump()["id"] == "T-1"
    assert type(without) is Report and type(plain) is Report  # no `id` key in their JSON
    assert without == plain == linter.check(reply)


@pytest.mark.parametrize("item", [None, 42, b"Hi there", {"reply": "Hi"}])
def test_an_item_that_is_no_reply_is_an_error_in_place(linter: Linter, item: Any) -> None:
    results = list(linter.check_many(["Hi, thanks!", item, "Thanks, bye!"]))
    assert isinstance(results[0], Report) and isinstance(results[2], Report)
    error = results[1]
    assert isinstance(error, ReplyError)
    assert error.error.startswith(
        f"item 1: expected a reply (a str or a ReplyInput), got {type(item).__name__}"
    )


def test_an_item_that_is_a_mapping_is_an_error_saying_how_to_pass_it(linter: Linter) -> None:
    """A ticket's fields as a dict, as replylint serve takes them, were refused with
    only "expected a reply (a str or a ReplyInput), got dict"."""
    [error] = linter.check_many([{"id": "T-1", "reply": "Hi Dana, thanks!"}])
    assert isinstance(error, ReplyError)
    assert error.error.endswith("got dict; pass ReplyInput(**item) for a mapping of its fields")


def test_an_unknown_disable_name_is_an_error_in_place(linter: Linter) -> None:
    items = [ReplyInput(reply="Hi, thanks!", disable=("jargn",), id="a"), "Hi, thanks!"]
    first, second = linter.check_many(items)
    assert isinstance(first, ReplyError) and first.id == "a" and "'jargon'" in first.error
    assert isinstance(second, Report)


@pytest.mark.parametrize("items", ["Hi, thanks!", None, 5])
def test_a_non_stream_is_an_input_error_at_once(linter: Linter, items: Any) -> None:
    with pytest.raises(InputError, match=r"^check_many takes an iterable of replies"):
        linter.check_many(items)


@pytest.mark.parametrize("size", [0, -1, 2.5, True])
def test_a_bad_batch_size_is_an_input_error(linter: Linter, size: Any) -> None:
    with pytest.raises(InputError, match="batch_size must be a whole number from 1 up"):
        linter.check_many(["Hi"], batch_size=size)


def test_a_batch_too_large_to_stream_is_an_input_error(linter: Linter) -> None:
    """``batch_size=len(tickets)`` parsed every reply before the first result: no stream,
    and some 65 kB of memory per reply held (a million tickets, 65 GB), for no speed."""
    with pytest.raises(InputError, match=r"batch_size 1,000,000 would hold .* at most 4,096"):
        linter.check_many(["Hi"], batch_size=1_000_000)
    [report] = linter.check_many(["Hi Dana, your refund was sent today."], batch_size=4096)
    assert report == linter.check("Hi Dana, your refund was sent today.")


def test_a_mapping_is_accepted_as_the_configuration() -> None:
    linter = Linter({"ignore": ["jargon"], "max_reply_chars": 500})
    assert linter.config == LinterConfig(ignore=["jargon"], max_reply_chars=500)
    assert "jargon" not in [rule.id for rule in linter.rules]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"ignroe": ["jargon"]}, "configuration: ignroe: Extra inputs are not permitted "
                                  "(did you mean 'ignore'?)"),
        ({"ignore": "jargon"}, "configuration: ignore: Input should be a valid list"),
        (["jargon"], "the configuration must be a LinterConfig or a mapping of its fields, "
                     "got list"),
        # a configuration file's path: the error said only "got PosixPath"
        (Path("team/.replylint.toml"),
         "the configuration must be a LinterConfig or a mapping of its fields, not a "
         "file's path; read the file with load_linter_config(Path('team/.replylint.toml')) "
         "and pass what it returns"),
        ("pyproject.toml",
         "the configuration must be a LinterConfig or a mapping of its fields, not a "
         "file's path; read the file with load_linter_config(Path('pyproject.toml')) "
         "and pass what it returns"),
        # (a channel pydantic's way: "channels.sms.[key]: Input should be 'email', ...")
        ({"channels": {"sms": {"optional": ["greeting"]}}},
         "configuration: channels: 'sms' is no channel; a profile is for email, chat or "
         "social ('sms' replies are read as chat: write channels.chat)"),
        ({"channels": {"fax": {}}},
         "configuration: channels: 'fax' is no channel; a profile is for email, chat or "
         "social"),
    ],
)  # fmt: skip
def test_a_bad_configuration_is_one_config_error(config: Any, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Linter(config)
    assert str(caught.value) == expected


def test_the_too_long_error_names_the_setting_as_written_in_config_files() -> None:
    small = Linter(LinterConfig(max_reply_chars=10))
    with pytest.raises(InputError, match=r"raise the max-reply-chars setting$"):
        small.check("Hello there, how are you?")
    (error,) = small.check_many([ReplyInput(reply="Hello there, how are you?", id="x")])
    assert isinstance(error, ReplyError) and error.id == "x" and "max-reply-chars" in error.error


def test_a_help_desks_channel_name_is_read_by_the_library_too(linter: Linter) -> None:
    """``ReplyInput(channel="Email")`` raised a ValidationError while `score` read the
    same cell; a name that is no channel is still refused, in `score`'s words: the three
    and the help desks' names accepted."""
    assert ReplyInput(reply="Hi.", channel="Live chat").channel == "chat"
    assert linter.check("Hi Sam, your refund is on its way.", channel="E-mail").channel == "email"
    with pytest.raises(InputError, match="unknown channel 'fax'; use email, chat or"):
        ReplyInput(reply="Hi.", channel="fax")
    with pytest.raises(InputError, match=r"^channel: unknown channel 'fax'; .* live chat, "):
        linter.check("Hi.", channel="fax")
    # a database's null or an empty cell is the default, as `score` reads an empty cell
    assert ReplyInput(reply="Hi.", channel=None).channel == "email"  # type: ignore[arg-type]
    assert ReplyInput(reply="Hi.", channel=" ").channel == "email"


@pytest.mark.parametrize(
    "fields",
    [{"reply": b"Hi Sam"}, {"reply": "Hi Sam", "template": "no"}, {"reply": "Hi", "template": 0}],
)
def test_a_reply_of_the_wrong_type_is_refused_alike_by_check_and_check_many(
    rules_only: Linter, fields: dict[str, object]
) -> None:
    """Bytes were decoded by check() and refused by check_many(); "no" or 0 read as
    False: each is an InputError in check() and a ReplyError in check_many()."""
    from replylint import InputError, ReplyError, ReplyInput

    linter = rules_only
    reply = fields.pop("reply")
    with pytest.raises(InputError):
        linter.check(reply, **fields)  # type: ignore[arg-type]
    item: object = reply if not fields else {"reply": reply, **fields}
    if isinstance(item, dict):
        with pytest.raises(ValueError):
            ReplyInput(**item)  # type: ignore[arg-type]
    else:
        [result] = linter.check_many([item])  # type: ignore[list-item]
        assert isinstance(result, ReplyError)


class CursorClosed(Exception):
    """What a ticket system's database cursor raises when it is closed under a stream."""


@pytest.mark.parametrize("batch_size", [3, 256])
def test_the_replies_read_before_a_failing_source_are_checked_before_its_error(
    linter: Linter, batch_size: int
) -> None:
    """A generator that raised at its third reply lost the two read before it (batch
    size 256: no result at all): they were taken from the caller's cursor, which cannot
    give them again. Their results come first, then the source's own error."""
    replies = ["Hi Dana, your refund was sent today. Thanks, Sam", "Hello! We ship it today."]

    def tickets() -> Any:
        yield replies[0]
        yield ReplyInput(id="T-2", reply=replies[1])
        raise CursorClosed("the cursor was closed")

    results = []
    with pytest.raises(CursorClosed, match="the cursor was closed"):
        for result in linter.check_many(tickets(), batch_size=batch_size):
            results.append(result)
    assert results[0] == linter.check(replies[0])
    assert isinstance(results[1], ReportWithId) and results[1].id == "T-2"
    assert Report.model_validate(results[1].model_dump()) == linter.check(replies[1])
    assert len(results) == 2


def test_a_result_whose_id_holds_a_lone_surrogate_is_written_as_json(linter: Linter) -> None:
    """A ticket id decoded badly upstream comes back as it was given, for the caller to
    join on; the result's ``model_dump_json`` raised PydanticSerializationError (surrogates
    not allowed), and a loop writing the results stopped at it. Now it is escaped."""
    import json

    ticket = "T-\udcff1 \u00e9"
    items = [
        ReplyInput(id=ticket, reply="Hi Dana, your refund was sent today. Thanks, Sam"),
        ReplyInput(id=ticket, reply="   "),
    ]
    report, error = linter.check_many(items)
    assert isinstance(report, ReportWithId) and isinstance(error, ReplyError)
    for result in (report, error):
        for written in (result.model_dump_json(), result.model_dump_json(indent=2)):
            assert "\\udcff" in written
            assert type(result).model_validate(json.loads(written)) == result
    plain = next(linter.check_many([ReplyInput(id="T-1 \u00e9", reply="Hi Dana, thanks!")]))
    assert plain.model_dump_json().endswith('"id":"T-1 \u00e9"}')  # as pydantic writes it
