"""A body whose reply is null is still answered with a 422 naming the field, now that
``ReplyInput(...)`` built in code raises ``InputError`` (the service validates with
``model_validate``, which stays pydantic's)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check-many"])
def test_a_null_reply_is_a_422_naming_it(api: Any, path: str) -> None:
    item = b'{"reply": null, "id": "t1"}'
    body = item if path == "/v1/check" else b'{"items": [' + item + b"]}"
    answer = api.request("POST", path, body, {"Content-Type": "application/json"})
    if path == "/v1/check":
        assert answer.status == 422, answer.body
        assert "reply: Input should be a valid string" in answer.json()["error"]
    else:
        assert answer.status == 200, answer.body
        (result,) = answer.json()["results"]
        assert result["id"] == "t1" and "reply: Input should be a valid string" in result["error"]
