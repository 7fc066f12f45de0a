"""A body meant for the other check endpoint, or of the wrong shape, is told where it
goes: a batch sent to ``/v1/check`` as a JSON list was told pydantic's "Input should be
a valid dictionary or object to extract fields from", a check-many body there "items:
unknown field", and one reply sent to ``/v1/check-many`` "reply: unknown field; the
body has only 'items'": none of them said to use the other endpoint."""

from __future__ import annotations

from typing import Any

import pytest

REPLY = {"reply": "Hi Dana, your RMA is approved."}


@pytest.mark.parametrize(
    ("body", "told"),
    [
        ([REPLY, REPLY], "/v1/check-many"),  # a batch as a list
        ({"items": [REPLY]}, "/v1/check-many"),  # the check-many body
        ("Hi Dana, your RMA is approved.", '{"reply": '),  # the bare text
    ],
)
def test_check_tells_a_batch_or_a_bare_reply_what_to_send(api: Any, body: Any, told: str) -> None:
    answer = api.post("/v1/check", body)
    assert answer.status == 422
    error = answer.json()["error"]
    assert told in error, error
    assert "extract fields" not in error and "instance of" not in error


def test_check_many_tells_one_reply_where_it_goes(api: Any) -> None:
    answer = api.post("/v1/check-many", REPLY)
    assert answer.status == 422
    error = answer.json()["error"]
    assert "/v1/check" in error and '{"items": [' in error, error


def test_an_item_that_is_no_object_is_told_the_shape_of_one(api: Any) -> None:
    answer = api.post("/v1/check-many", {"items": ["Hi Dana, your RMA is approved.", REPLY]})
    assert answer.status == 200
    first, second = answer.json()["results"]
    assert '{"reply": ' in first["error"] and "instance of" not in first["error"], first
    assert "error" not in second
