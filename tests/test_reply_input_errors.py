"""``ReplyInput(...)`` built with a wrong field raises :class:`InputError`, as the
library's other input errors are (``check`` refuses the same arguments with one): it
raised pydantic's ``ValidationError``, which ``except InputError`` did not catch, in
three lines ending with a link to pydantic's docs. ``ReplyInput.model_validate`` stays
pydantic's, which ``replylint serve`` answers with a 422."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from replylint import InputError, Linter, ReplyInput


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"reply": None}, "ReplyInput: reply: Input should be a valid string"),
        ({}, "ReplyInput: missing required field: reply"),
        ({"reply": "Hi", "chanel": "chat"}, "ReplyInput: chanel: Extra inputs are not "
         "permitted (did you mean 'channel'?)"),
        ({"reply": "Hi", "channel": "fax"}, "ReplyInput: channel: unknown channel 'fax'; "
         "use email, chat or social"),
    ],
)  # fmt: skip
def test_a_wrong_field_is_an_input_error_naming_it(fields: dict[str, Any], said: str) -> None:
    with pytest.raises(InputError) as refused:
        ReplyInput(**fields)
    assert str(refused.value).startswith(said)
    assert isinstance(refused.value, ValueError)  # as ValidationError was


def test_every_wrong_field_is_named_at_once() -> None:
    with pytest.raises(InputError, match=r"^ReplyInput: reply: .*; template: "):
        ReplyInput(reply=b"Hi", template="no")  # type: ignore[arg-type]


def test_model_validate_stays_pydantics() -> None:
    with pytest.raises(ValidationError):
        ReplyInput.model_validate({"reply": None})
    assert ReplyInput.model_validate({"reply": "Hi", "id": 7}).id == "7"


def test_a_whole_number_id_is_its_text_with_or_without_a_fraction_of_zero() -> None:
    """As the schema's "integer" reads 7.0 (JSON Schema, pydantic's lax mode); 7.5 is no
    ticket's number, and a whole float past 2**53 has lost the client's digits."""
    assert ReplyInput(reply="Hi", id=7).id == "7"
    assert ReplyInput(reply="Hi", id=7.0).id == "7"
    with pytest.raises(InputError, match="id: Input should be a valid string"):
        ReplyInput(reply="Hi", id=7.5)
    with pytest.raises(InputError, match=r"past 2\*\*53, .*send the id as a string"):
        ReplyInput(reply="Hi", id=1e20)


@pytest.mark.parametrize("method", ["check", "analyze"])
def test_a_reply_input_given_to_check_says_where_it_goes(linter: Linter, method: str) -> None:
    """It was "reply: Input should be a valid string", which does not say that check()
    takes the fields as keywords, or that check_many() takes ReplyInputs."""
    item = ReplyInput(reply="Hi Dana, I'll refund the order today. Thanks, Kim", channel="chat")
    with pytest.raises(InputError, match=rf"^{method}\(\) takes the reply's text, not a "
                       r"ReplyInput; .*check_many\(\)"):  # fmt: skip
        getattr(linter, method)(item)
    assert linter.check(item.reply, channel=item.channel).channel == "chat"
