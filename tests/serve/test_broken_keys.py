"""A key that is not valid text (a lone UTF-16 surrogate, written ``"\\ud800"`` in JSON: a
string cut between the two halves of an emoji, or decoded wrongly, before it was sent)
is named as the unknown field it is, with what is wrong with its name. pydantic could
not read such a key at all and refused the whole object with "Input should be a valid
string, unable to parse raw data as a unicode string", about no field: the client was
left to search its reply text for a fault that was not there."""

from __future__ import annotations

from typing import Any

import pytest

BROKEN = "\ud83d"  # the first half of an emoji, alone


def post_raw(api: Any, path: str, body: str) -> Any:
    """``body`` written as the client wrote it: ``json.dumps`` escapes the surrogate."""
    return api.request("POST", path, body.encode("ascii"), {"Content-Type": "application/json"})


def test_a_broken_key_is_named_as_an_unknown_field_saying_what_is_wrong(api: Any) -> None:
    answer = post_raw(api, "/v1/check", '{"reply": "Hi Sam, all set. Thanks!", "tag\\ud83d": 1}')
    assert answer.status == 422
    body = answer.json()
    assert body["errors"] == [
        {"loc": [f"tag{BROKEN}"], "msg": body["errors"][0]["msg"], "type": "extra_forbidden"}
    ]
    message = body["errors"][0]["msg"]
    assert message.startswith("unknown field")
    assert "lone surrogate" in message and "encode" in message
    assert body["error"] == f"tag{BROKEN}: {message}"


def test_a_misspelt_broken_key_is_told_the_field_it_meant(api: Any) -> None:
    answer = post_raw(api, "/v1/check", '{"rep\\ud83dly": "Hi Sam, all set. Thanks!"}')
    assert answer.status == 422
    errors = answer.json()["errors"]
    # the reply it leaves missing first (as for any misspelt key), then the key itself
    assert [(e["loc"], e["type"]) for e in errors] == [
        (["reply"], "missing"),
        ([f"rep{BROKEN}ly"], "extra_forbidden"),
    ]
    assert "did you mean 'reply'?" in errors[1]["msg"]
    assert "rep\\ud83dly: unknown field" in answer.body.decode("ascii")


def test_the_other_problems_of_the_body_are_still_found(api: Any) -> None:
    body = '{"reply": 5, "channel": "fax", "\\udc00": 1, "\\ud800x": 2}'
    answer = post_raw(api, "/v1/check", body)
    assert answer.status == 422
    locs = [e["loc"] for e in answer.json()["errors"]]
    assert locs == [["reply"], ["channel"], ["\udc00"], ["\ud800x"]]


@pytest.mark.parametrize(
    "item",
    ['{"id": "T-1", "reply": "Hi Sam, all set. Thanks!", "\\ud83d": 1}', '{"id": 7, "\\ud83d": 1}'],
)
def test_a_check_many_item_with_a_broken_key_says_the_same(api: Any, item: str) -> None:
    single = post_raw(api, "/v1/check", item).json()
    answer = post_raw(api, "/v1/check-many", '{"items": [' + item + "]}")
    assert answer.status == 200
    [result] = answer.json()["results"]
    assert result["index"] == 0
    assert result["id"] in ("T-1", "7")
    assert result["error"] == single["error"]
    assert "lone surrogate" in result["error"]
