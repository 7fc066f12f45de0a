"""``None`` for a keyword of ``Linter.check``, ``analyze``, ``check_many`` or a
``ReplyInput``: the default, where the keyword has one that ``None`` can only mean, or an
:class:`InputError` saying what to give.

A ticket system passes its fields straight through, and a database's missing value is
``None`` (a JSON body's ``null``): ``channel=None`` was e-mail and ``customer_name=None``
no name, but ``disable=None`` was refused as "disable: Input should be a valid tuple" and
``input_format=None`` as not one of three names, neither saying that ``None`` was the
problem nor that leaving the keyword out means "nothing disabled" and "auto"."""

from __future__ import annotations

import pytest

from replylint import InputError, Linter, ReplyInput

#: Written for these tests: a reply with a finding to disable (jargon: "RMA").
REPLY = "Hi Noor, your RMA is approved and the label goes out today. Thanks, Pat"


@pytest.mark.parametrize("keyword", ["disable", "input_format"])
def test_none_is_the_default_in_check(linter: Linter, keyword: str) -> None:
    assert linter.check(REPLY, **{keyword: None}) == linter.check(REPLY)


def test_none_is_the_default_in_analyze(linter: Linter) -> None:
    assert linter.analyze(REPLY, input_format=None).normalized == linter.analyze(REPLY).normalized


@pytest.mark.parametrize("keyword", ["disable", "input_format"])
def test_none_is_the_default_in_a_reply_input(linter: Linter, keyword: str) -> None:
    """``check_many`` and ``replylint serve`` take these (a JSON ``null``)."""
    given = ReplyInput(reply=REPLY, **{keyword: None})
    assert given == ReplyInput(reply=REPLY)
    assert list(linter.check_many([given])) == [linter.check(REPLY)]


def test_none_disables_nothing_where_a_name_disables_its_rule(linter: Linter) -> None:
    """(The reply does have a finding that ``disable`` would silence.)"""
    jargon = [f.text for f in linter.check(REPLY, disable=None).findings if f.check == "jargon"]
    assert jargon == ["RMA"]
    assert all(f.check != "jargon" for f in linter.check(REPLY, disable="jargon").findings)


@pytest.mark.parametrize(
    ("keyword", "value", "said"),
    [
        ("disable", [None], "disable.0: Input should be a valid string"),
        ("input_format", "markdown", "input_format: Input should be 'auto', 'text' or 'html'"),
    ],
)
def test_a_wrong_value_is_still_an_input_error(
    linter: Linter, keyword: str, value: object, said: str
) -> None:
    with pytest.raises(InputError) as refused:
        linter.check(REPLY, **{keyword: value})
    assert str(refused.value).startswith(said)


def test_none_where_no_default_can_be_meant_is_an_input_error(linter: Linter) -> None:
    """No reply, no stream, no batch size: each refusal says what to give."""
    with pytest.raises(InputError, match="reply: Input should be a valid string"):
        linter.check(None)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="reply: Input should be a valid string"):
        linter.analyze(None)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="check_many takes an iterable of replies"):
        linter.check_many(None)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="batch_size must be a whole number from 1 up"):
        linter.check_many([REPLY], batch_size=None)  # type: ignore[arg-type]
    [error] = linter.check_many([None])  # type: ignore[list-item]
    assert error.error == "item 0: expected a reply (a str or a ReplyInput), got NoneType"
