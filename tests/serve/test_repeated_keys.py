"""Request bodies read with every key of an object given once
(``replylint/serve/repeated_keys.py``): what counts as the same key, where a repeated one
is said to be, and that anything else reads as ``json.loads`` reads it."""

from __future__ import annotations

import json

import pytest

from replylint.serve.repeated_keys import RepeatedKey, loads


@pytest.mark.parametrize(
    "body",
    [
        b'{"reply": "Hi Sam", "id": 7, "disable": ["jargon", "jargon"]}',
        b'{"items": [{"reply": "Hi"}, {"reply": "Hi"}]}',  # one key in two objects
        b'{"reply": "Hi", "Reply": "Hi"}',  # keys differ in case
        '{"reply": "Hi Zo\u00eb"}'.encode("utf-16"),
        b'{"reply": NaN}',
        b"[]",
    ],
)
def test_a_body_without_a_repeated_key_reads_as_json_loads_reads_it(body: bytes) -> None:
    assert repr(loads(body)) == repr(json.loads(body))


@pytest.mark.parametrize(
    ("body", "loc", "times"),
    [
        (b'{"reply": "Hi", "reply": "Thanks"}', ("reply",), 2),
        (b'{"reply": "Hi", "\\u0072eply": "Thanks"}', ("reply",), 2),  # the same key, escaped
        (b'{"id": 1, "reply": "Hi", "id": 2, "id": 3}', ("id",), 3),
        (b'{"items": [{"reply": "Hi"}, {"id": 1, "id": 1}]}', ("items", 1, "id"), 2),
        # an outer object's key before those within its values, then as written
        (b'{"a": {"x": 1, "x": 2}, "a": 3}', ("a",), 2),
        (b'{"a": [{"y": 1}, {"x": 1, "x": 2}], "b": {"z": 1, "z": 2}}', ("a", 1, "x"), 2),
    ],
)
def test_a_repeated_key_is_named_with_where_it_is(
    body: bytes, loc: tuple[int | str, ...], times: int
) -> None:
    with pytest.raises(RepeatedKey) as raised:
        loads(body)
    assert (raised.value.loc, raised.value.times) == (loc, times)


def test_a_repeated_key_deep_in_the_body_is_found_without_recursion() -> None:
    """As deep as ``json.loads`` reads: a recursive walk would overflow the stack there."""
    depth = 900
    body = '{"a": ' * depth + '{"x": 1, "x": 2}' + "}" * depth
    with pytest.raises(RepeatedKey) as raised:
        loads(body)
    assert raised.value.loc == ("a",) * depth + ("x",)


def test_a_body_that_is_no_json_after_a_repeated_key_is_no_json() -> None:
    with pytest.raises(json.JSONDecodeError):
        loads(b'{"a": {"x": 1, "x": 2}, "reply": ')
