"""``/v1`` and the probes over real HTTP: the same report as ``check --format json``,
one result per item of check-many, the bearer token, and every kind of bad request
refused with a one-line JSON error (never a traceback)."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import http.client
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from starlette.datastructures import Headers

from replylint import SCHEMA_VERSION, Linter, Report, __version__
from replylint.channel_names import no_channel, unknown_channel
from replylint.cli import main
from replylint.cli.serve import cannot_listen, drain_seconds, listening_url
from replylint.config import LinterConfig
from replylint.serve.app import create_app
from replylint.serve.cors import JsonCORSMiddleware
from replylint.serve.crash import Crashed
from replylint.serve.dispatch import Busy, CheckTimeout, InProcess, WorkerLost
from replylint.serve.jobs import Job, Outcome
from replylint.serve.models import RuleInfo
from replylint.serve.pool import WorkerPool
from replylint.serve.security import token_matches
from replylint.serve.settings import ServeSettings, SettingsError, api_token

DRAFT = (
    "Hi Priya,\n\nSorry about the double charge. Your RMA is approved and the refund "
    "reaches your card within 5 days.\n\nThanks for your patience!"
)
CUSTOMER = "I was charged twice for my order and I am not happy."
OTHERS = [
    "Your ticket is in the escalation queue.",
    "Hello Tom, I've reset your password; the email arrives in a few minutes. Thanks!",
    "Hey, we looked at it. Let us know if you need anything 🙂",
]


def test_check_answers_the_report_of_check_format_json(
    api: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "customer.txt").write_text(CUSTOMER, encoding="utf-8")
    argv = ["check", str(tmp_path / "draft.txt"), "--isolated", "--format", "json"]
    main([*argv, "--customer-message", str(tmp_path / "customer.txt")])
    expected = json.loads(capsys.readouterr().out)
    assert expected.pop("config") is None  # the command line's file, which serve leaves out
    answer = api.post("/v1/check", {"reply": DRAFT, "customer_message": CUSTOMER})
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["cache-control"] == "no-store"  # customer text is not cached
    assert answer.json() == expected
    assert "RMA" in [f["text"] for f in expected["findings"] if f["check"] == "jargon"]


@pytest.mark.parametrize(
    "fields",
    [
        {"channel": "chat"},
        {"customer_name": "Sarah Jones"},  # the reply greets Priya: customer_name fires
        {"template": True, "reply": "Hi {{ticket.requester.first_name}}, thanks for waiting!"},
        {"disable": "jargon"},
        {"disable": ["jargon", "greeting"], "input_format": "html"},
        {"input_format": "text", "reply": "<p>Hi Sam,</p> <p>Thanks, your RMA is fine.</p>"},
        {"disable": None, "input_format": None},  # a client's nulls: the defaults
        {  # the agent's name tells their turns in a transcript labelled with names alone
            "agent_name": "Kim Ortega",
            "channel": "chat",
            "reply": "Dana: hi my order never arrived\nKim: Hi Dana, sorry! It ships today."
            "\nDana: ok thanks\nKim: Thanks for your patience, Dana!\n",
        },
    ],
)
def test_every_field_of_linter_check_is_passed_on(
    api: Any, linter: Linter, fields: dict[str, Any]
) -> None:
    payload = {"reply": DRAFT, **fields}
    answer = api.post("/v1/check", payload)
    assert answer.status == 200, answer.body
    expected = linter.check(**{k: v for k, v in payload.items()})  # reply is positional-or-kw
    assert Report.model_validate(answer.json()) == expected


def test_check_many_gives_one_result_per_item_in_order(api: Any, linter: Linter) -> None:
    items: list[Any] = [
        {"reply": OTHERS[0], "id": "t-1"},
        {"reply": 42, "id": "t-2"},  # wrong type: an error in its place
        {"reply": "   ", "id": "t-3"},  # empty: the linter's own error
        "not an object",
        {"reply": OTHERS[1], "channel": "chat"},
    ]
    answer = api.post("/v1/check-many", {"items": items})
    assert answer.status == 200, answer.body
    results = answer.json()["results"]
    assert len(results) == len(items)
    assert Report.model_validate(results[0]) == linter.check(OTHERS[0])
    assert results[1] == {
        "id": "t-2", "index": 1, "error": "reply: Input should be a valid string"
    }  # fmt: skip
    assert results[2]["id"] == "t-3" and results[2]["index"] == 2
    assert results[2]["error"].startswith("the reply is empty")
    assert results[3]["index"] == 3 and results[3]["id"] is None
    assert Report.model_validate(results[4]) == linter.check(OTHERS[1], channel="chat")


def test_every_result_carries_the_callers_id(api: Any, linter: Linter) -> None:
    """A ticket system joins the results to its tickets by ``id``: a report gives it back
    as an error does; without an ``id`` the report is ``check --format json``'s alone."""
    shipped = "Hi Sam, your order ships tomorrow. Thanks, Tom"
    items = [{"reply": shipped, "id": "T-100"}, {"reply": "", "id": "T-101"}, {"reply": shipped}]
    answer = api.post("/v1/check-many", {"items": items})
    assert answer.status == 200, answer.body
    report, error, anonymous = answer.json()["results"]
    expected = linter.check(shipped).model_dump(mode="json")
    assert report == {"id": "T-100", **expected}
    assert next(iter(report)) == "id"  # first, as in replylint score's JSONL lines
    assert error["id"] == "T-101" and error["index"] == 1
    assert anonymous == expected
    single = api.post("/v1/check", {"reply": shipped, "id": "T-100", "channel": "chat"})
    assert single.status == 200, single.body
    assert single.json() == {
        "id": "T-100",
        **linter.check(shipped, channel="chat").model_dump(mode="json"),
    }
    # a ticket system that numbers its tickets gets the number back, as text
    numbered = api.post("/v1/check-many", {"items": [{"reply": shipped, "id": 7},
                                                     {"reply": "", "id": 8}]})  # fmt: skip
    assert numbered.status == 200, numbered.body
    assert [r["id"] for r in numbered.json()["results"]] == ["7", "8"]


def test_an_item_that_is_no_valid_reply_gives_back_its_numbered_id(api: Any) -> None:
    """A whole-number ``id`` comes back as text on every result, an item that is not a
    valid reply included: its error result had ``"id": null``, and the ticket it was
    about could not be found."""
    items = [
        {"reply": "Hi", "channel": "fax", "id": 7},
        {"rply": "Hi", "id": 55},
        {"reply": 5, "id": True},  # no whole number: a boolean is no ticket
    ]
    answer = api.post("/v1/check-many", {"items": items})
    assert answer.status == 200, answer.body
    assert [(r["id"], r["index"]) for r in answer.json()["results"]] == [
        ("7", 0), ("55", 1), (None, 2)
    ]  # fmt: skip


def test_an_id_is_given_back_exactly(api: Any) -> None:
    """Whatever it holds (quotes, non-ASCII, a lone surrogate from a bad decoding
    upstream, which pydantic will not write), the ``id`` comes back as sent, so the join
    does not miss it; an error result with one is no longer a 500 for the whole batch."""
    ticket = 'T-"1" \u00e9 \ud800'
    answer = api.post("/v1/check", {"reply": "Hi Sam, thanks!", "id": ticket})
    assert answer.status == 200, answer.body
    assert answer.json()["id"] == ticket
    items = [
        {"reply": "Hi Sam, thanks!", "id": ticket},
        {"reply": "", "id": ticket},  # refused by the linter
        {"reply": 5, "id": ticket},  # not a reply at all
    ]
    answer = api.post("/v1/check-many", {"items": items})
    assert answer.status == 200, answer.body
    assert [r["id"] for r in answer.json()["results"]] == [ticket] * 3


@pytest.mark.parametrize(
    ("path", "body", "where"),
    [
        ("/v1/check", b'{"reply": "Hi", "reply": "Your RMA is approved."}', ["reply"]),
        ("/v1/check", b'{"reply": "Hi", "channel": "chat", "channel": "email"}', ["channel"]),
        ("/v1/check", b'{"reply": "Hi", "\\u0072eply": "Your RMA is approved."}', ["reply"]),
        ("/v1/check", b'{"reply": "Hi", "customer_message": {"a": 1, "a": 2}}',
         ["customer_message", "a"]),
        ("/v1/check-many", b'{"items": [{"reply": "Thanks, Sam"}, {"reply": "Hi", '
         b'"reply": "Your RMA is approved."}]}', ["items", 1, "reply"]),
        ("/v1/check-many", b'{"items": [], "items": [{"reply": "Hi"}]}', ["items"]),
    ],
)  # fmt: skip
def test_a_key_given_twice_is_a_422_naming_it(
    api: Any, path: str, body: bytes, where: list[Any]
) -> None:
    """JSON readers keep a repeated key's last value: "Hi" was dropped and "Your RMA is
    approved." checked without a word. The key is named, with the item it is in."""
    answer = api.request("POST", path, body, {"Content-Type": "application/json"})
    assert answer.status == 422, answer.body
    message = "key given 2 times in one object; give it once (only one of its values would be read)"
    assert answer.json() == {
        "error": f"{'.'.join(map(str, where))}: {message}",
        "errors": [{"loc": where, "msg": message, "type": "value_error"}],
    }
    assert b"Hi" not in answer.body  # no value is echoed


def test_an_id_of_the_wrong_type_is_told_a_whole_number_is_an_id_too(api: Any) -> None:
    """A fractional or boolean id was told "Input should be a valid string", as if a
    ticket's number were refused too."""
    expected = "id: Input should be a string or a whole number (7 or 7.0, not 7.5 or true)"
    for wrong in (1.5, True, [7]):
        answer = api.post("/v1/check", {"reply": "Hi Sam, thanks!", "id": wrong})
        assert (answer.status, answer.json()["error"]) == (422, expected), wrong
    [error] = api.post("/v1/check-many", {"items": [{"reply": "Hi", "id": 1.5}]}).json()["results"]
    assert error == {"id": None, "index": 0, "error": expected}
    assert api.post("/v1/check", {"reply": "Hi Sam, thanks!", "id": 7}).json()["id"] == "7"


def test_a_whole_number_written_with_a_fraction_of_zero_is_the_id(api: Any) -> None:
    """The OpenAPI document says an id is a string or an "integer", and JSON Schema reads
    7.0 as an integer (so does pydantic's lax mode, and a client whose numbers are
    floats may write it so), yet 7.0 was a 422. It is now the id "7", as 7 is, on both
    endpoints, an item that is no valid reply included."""
    openapi = api.request("GET", "/openapi.json", auth=False).json()
    id_types = [t.get("type") for t in openapi["components"]["schemas"]["ReplyInput"]
                ["properties"]["id"]["anyOf"]]  # fmt: skip
    assert "integer" in id_types
    body = b'{"reply": "Hi Sam, thanks!", "id": 7.0}'
    answer = api.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
    assert answer.status == 200, answer.body
    assert answer.json()["id"] == "7"
    body = b'{"items": [{"reply": "Hi Sam, thanks!", "id": 8.0}, {"rply": "Hi", "id": 9.0}]}'
    answer = api.request("POST", "/v1/check-many", body, {"Content-Type": "application/json"})
    assert [r["id"] for r in answer.json()["results"]] == ["8", "9"]


def test_a_whole_float_past_2_53_is_told_to_be_sent_as_text(api: Any) -> None:
    """Its digits are not the client's (1e16 + 1 is read as 1e16): the id given back
    would name another ticket."""
    body = b'{"reply": "Hi Sam, thanks!", "id": 12345678901234567890.0}'
    answer = api.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
    assert (answer.status, answer.json()["error"]) == (422, (
        "id: 1.2345678901234567e+19 is a whole number past 2**53, which a JSON number does "
        "not hold exactly (the id read would not be the one sent); send the id as a string"
    ))  # fmt: skip
    assert api.post("/v1/check", {"reply": "Hi", "id": 2**53 - 1}).status == 200


def test_check_many_list_limit_is_413(api: Any) -> None:
    answer = api.post("/v1/check-many", {"items": [{"reply": "Hi!"}] * 6})
    assert answer.status == 413
    assert answer.json() == {
        "error": "6 replies is over the limit of 5 per request; split them "
        "(the limit is replylint serve's --max-items)"
    }


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b'{"items": {"reply": "Hi"}}', 422, "the body must be an object with a list of replies"),
        (b'{"items": [], "extra": 1}', 422, "extra: unknown field"),
        (b'{"items": [', 400, "the body is not valid JSON"),
        (b'{"items": ' + b"[" * 5000 + b"]" * 5000 + b"}", 400, "the body nests lists or objects"),
    ],
)
def test_check_many_bad_bodies(api: Any, body: bytes, status: int, error: str) -> None:
    answer = api.request("POST", "/v1/check-many", body, {"Content-Type": "application/json"})
    assert (answer.status, answer.json()["error"][: len(error)]) == (status, error)


def test_rules_lists_the_enabled_rules(api: Any, linter: Linter) -> None:
    answer = api.request("GET", "/v1/rules")
    assert answer.status == 200
    rules = answer.json()
    assert [r["id"] for r in rules] == [r.id for r in linter.rules]
    jargon = next(r for r in rules if r["id"] == "jargon")
    assert jargon["check"] == "jargon" and jargon["rationale"]


def test_probes_and_openapi_need_no_token(api: Any) -> None:
    health = api.request("GET", "/healthz", auth=False)
    assert health.status == 200 and health.json()["status"] == "ok"
    ready = api.request("GET", "/readyz", auth=False)
    assert ready.status == 200 and ready.json()["status"] == "ready"
    assert ready.json()["model"] == "bundled"
    openapi = api.request("GET", "/openapi.json", auth=False).json()
    schemas = openapi["components"]["schemas"]
    check = openapi["paths"]["/v1/check"]["post"]
    body_schema = check["requestBody"]["content"]["application/json"]["schema"]
    assert body_schema == {"$ref": "#/components/schemas/ReplyInput"}
    answer_schema = check["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer_schema == {"$ref": "#/components/schemas/ServedReport"}
    # the OpenAPI document and `replylint schema` describe one report, with the caller's id
    # (and the unit of its offsets, when asked: tests/serve/test_offsets.py)
    answer = schemas["ServedReport"]["properties"]
    assert answer.keys() == {"id", "offsets", *Report.model_json_schema()["properties"]}
    assert "join" in answer["id"]["description"]
    results = schemas["CheckManyResponse"]["properties"]["results"]["items"]["anyOf"]
    assert {"$ref": "#/components/schemas/ServedReport"} in results
    many = openapi["paths"]["/v1/check-many"]["post"]["requestBody"]["content"]
    items = many["application/json"]["schema"]["properties"]["items"]
    assert items["items"] == {"$ref": "#/components/schemas/ReplyInput"}
    assert items["maxItems"] == 5
    assert "/docs" not in openapi["paths"]
    # a GET without a body or query is never refused for one: a client generated from the
    # document handled 400, 408, 413, 415 and 422 there
    assert openapi["paths"]["/v1/rules"]["get"]["responses"].keys() == {"200", "401", "503"}
    # the service's version is the package's; the reports' format has its own
    assert openapi["info"]["version"] == __version__
    assert openapi["info"]["x-report-schema-version"] == SCHEMA_VERSION
    # what the service accepts, a client built from the schema sends: a ticket number as
    # the id, a help desk's name for the channel
    reply = schemas["ReplyInput"]["properties"]
    assert {"type": "integer"} in reply["id"]["anyOf"]
    assert {"type": "string"} in reply["channel"]["anyOf"] and "Live chat" in reply["channel"][
        "description"
    ]


def test_the_probes_say_which_version_serves_and_answer_head(api: Any) -> None:
    """``/readyz`` gives the package's version (what an operator upgrades) beside the
    reports' ``schema_version`` (what a client parses); a load balancer's ``HEAD`` probe
    gets the status ``GET`` would (it got 405)."""
    ready = api.request("GET", "/readyz", auth=False).json()
    assert (ready["version"], ready["schema_version"]) == (__version__, SCHEMA_VERSION)
    for path in ("/healthz", "/readyz", "/"):  # "/": an uptime monitor's HEAD
        head = api.request("HEAD", path, auth=False)
        assert (head.status, head.body) == (200, b""), path
    assert api.request("HEAD", "/v1/check").status == 405  # the probes and the page only


def test_not_ready_until_the_linter_is_loaded(serve: Callable[..., Any], linter: Linter) -> None:
    # without the start-up that starts the worker pool (replylint serve starts it, and
    # waits for every worker to load, before it binds the port)
    loading = serve(ServeSettings(), linter=None, lifespan=False)
    assert loading.request("GET", "/readyz").json() == {
        "status": "loading", "version": __version__, "schema_version": SCHEMA_VERSION,
        "model": None,
    }  # fmt: skip
    assert loading.request("GET", "/readyz").status == 503
    assert loading.request("HEAD", "/readyz").status == 503
    refused = loading.post("/v1/check", {"reply": "Hi"})
    assert refused.status == 503 and "still loading" in refused.json()["error"]
    assert refused.headers["retry-after"] == "1"
    assert loading.request("GET", "/healthz").status == 200  # alive all the same
    loading.app.service.checker = InProcess(linter, max_queue=8)
    assert loading.request("GET", "/readyz").status == 200
    assert loading.request("HEAD", "/readyz").status == 200
    assert loading.post("/v1/check", {"reply": "Hi"}).status == 200


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong-token"}, 401),
        ({"Authorization": "Basic dGVzdA=="}, 401),
        ({"Authorization": "bearer test-token-0123456789"}, 200),
    ],
)
def test_bearer_token(api: Any, headers: dict[str, str], status: int) -> None:
    body = json.dumps({"reply": OTHERS[1]}).encode()
    answer = api.request(
        "POST", "/v1/check", body, {"Content-Type": "application/json", **headers}, auth=False
    )
    assert answer.status == status
    if status == 401:
        assert answer.headers["www-authenticate"].startswith("Bearer")
        assert "bearer token is required" in answer.json()["error"]


@pytest.mark.parametrize("value", ["s3cret-token\n", "  s3cret-token\r\n"])
def test_a_token_from_a_secret_file_is_matched_without_its_line_break(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A secret file ends with a line break (kept by `kubectl create secret --from-file`
    and env files), which no Authorization header can carry: every request was a 401
    telling the client to send the token it had sent."""
    monkeypatch.setenv("REPLYLINT_API_TOKEN", value)
    token = api_token()
    assert token is not None and token_matches("Bearer s3cret-token", token)


def test_a_token_no_client_sends_alike_is_refused_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """curl sends "é" as its UTF-8 bytes, a browser or Node as one Latin-1 byte: only
    some clients would ever match such a token."""
    monkeypatch.setenv("REPLYLINT_API_TOKEN", "s\u00e9cret")
    with pytest.raises(SettingsError, match="use ASCII letters, digits and punctuation"):
        api_token()


def test_no_token_needed_when_none_is_set(serve: Callable[..., Any], linter: Linter) -> None:
    open_api = serve(ServeSettings(), linter=linter)
    assert open_api.post("/v1/check", {"reply": OTHERS[1]}).status == 200


@pytest.mark.parametrize(
    ("body", "content_type", "status", "error"),
    [
        (b'{"reply": ', "application/json", 400, "the body is not valid JSON"),
        # an empty body was a 422 "body: Field required" here, a 400 on /v1/check-many
        (
            b"",
            "application/json",
            400,
            'the body is empty; send one JSON object, UTF-8 encoded: {"reply"',
        ),
        (b"  \n", "application/json", 400, "the body is empty"),
        (b"\xff\xfe\x00", "application/json", 400, "the body is not valid JSON"),
        (b"[1, 2]", "application/json", 422, "body: Input should be one reply, a JSON object"),
        (b'{"customer_message": "hi"}', "application/json", 422, "reply: Field required"),
        (b'{"reply": 42}', "application/json", 422, "reply: Input should be a valid string"),
        (b'{"reply": "Hi", "channel": "fax"}', "application/json", 422, "channel: unknown channel"),
        (b'{"reply": "Hi", "ticket": 7}', "application/json", 422, "ticket: unknown field"),
        (b'{"reply": "   "}', "application/json", 422, "reply: the reply is empty"),
        (b'{"reply": "Hi"}', "text/plain", 415, "send the body as JSON"),
        (b"reply=Hi", "application/x-www-form-urlencoded", 415, "send the body as JSON"),
    ],
)
def test_bad_requests_are_one_line_json_errors(
    api: Any, body: bytes, content_type: str, status: int, error: str
) -> None:
    answer = api.request("POST", "/v1/check", body, {"Content-Type": content_type})
    assert answer.status == status, answer.body
    assert answer.headers["content-type"] == "application/json"
    assert b"\n" not in answer.body and b"Traceback" not in answer.body
    message = answer.json()["error"]
    assert error in message, message


@pytest.mark.parametrize("body", [b"", b"  \n"])
def test_an_empty_body_to_check_many_says_what_to_send(api: Any, body: bytes) -> None:
    """It said "not valid JSON" here and "body: Field required" on /v1/check."""
    answer = api.request("POST", "/v1/check-many", body, {"Content-Type": "application/json"})
    assert answer.status == 400, answer.body
    assert answer.json()["error"] == (
        'the body is empty; send one JSON object, UTF-8 encoded: {"items": [{"reply": "..."}]}'
    )


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check-many"])
def test_a_body_declaring_another_charset_is_told_to_come_as_utf8(api: Any, path: str) -> None:
    """A Latin-1 body sent with 'charset=iso-8859-1' was answered "not valid JSON ...
    UTF-8 encoded", which did not say the declared charset was what the service ignored."""
    payload = {"reply": "Café hours"} if path == "/v1/check" else {"items": [{"reply": "Café"}]}
    body = json.dumps(payload, ensure_ascii=False).encode("latin-1")
    headers = {"Content-Type": "application/json; charset=ISO-8859-1"}
    answer = api.request("POST", path, body, headers)
    assert answer.status == 415, answer.body
    assert "declares 'charset=iso-8859-1'" in answer.json()["error"]
    assert "encode the body as UTF-8" in answer.json()["error"]
    utf8 = {"Content-Type": "application/json; charset=UTF-8"}
    assert api.request("POST", path, json.dumps(payload).encode(), utf8).status == 200


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check-many"])
def test_a_compressed_body_is_told_to_come_uncompressed(api: Any, path: str) -> None:
    """A body sent with ``Content-Encoding: gzip`` is not read as JSON: it was refused as
    "not valid JSON", which sent its client looking for a bug in its JSON."""
    payload = {"reply": OTHERS[1]} if path == "/v1/check" else {"items": [{"reply": OTHERS[1]}]}
    body = gzip.compress(json.dumps(payload).encode())
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    answer = api.request("POST", path, body, headers)
    assert answer.status == 415, answer.body
    assert answer.json() == {
        "error": "the body is sent with 'Content-Encoding: gzip', which the service does not "
        "read; send the JSON uncompressed, without a Content-Encoding header"
    }
    identity = {"Content-Type": "application/json", "Content-Encoding": "identity"}
    assert api.request("POST", path, json.dumps(payload).encode(), identity).status == 200


def test_a_channel_no_help_desk_uses_is_told_the_names_accepted(api: Any) -> None:
    """The names score and eval accept, aliases too, in their words: pydantic's own
    error listed only email, chat and social."""
    expected = f"channel: {unknown_channel('fax')}"
    single = api.post("/v1/check", {"reply": "Hi Sam, thanks!", "channel": "fax"})
    assert single.status == 422 and single.json()["error"] == expected
    assert single.json()["errors"][0]["msg"] == unknown_channel("fax")
    items = [{"reply": "Hi Sam, thanks!", "channel": "fax", "id": "T-1"}]
    [error] = api.post("/v1/check-many", {"items": items}).json()["results"]
    assert error == {"id": "T-1", "index": 0, "error": expected}


def test_a_channel_that_says_how_the_ticket_was_made_is_told_so(api: Any) -> None:
    """Zendesk's "api" (a ticket made through the API) was "unknown channel", as if a
    help desk's value had been mistyped; a call's ticket ("voice") is answered by e-mail."""
    single = api.post("/v1/check", {"reply": "Hi Sam, thanks!", "channel": "api"})
    assert single.status == 422
    assert single.json()["error"] == f"channel: {no_channel('api')}"
    assert (
        api.post("/v1/check", {"reply": "Hi Sam, thanks!", "channel": "voice"}).json()["channel"]
        == "email"
    )


def test_a_misspelt_field_is_named_beside_the_one_it_leaves_missing(api: Any) -> None:
    """pydantic lists the missing ``reply`` first: the line named only that, and not the
    ``rply`` that explains it. Both endpoints say the same."""
    expected = "reply: Field required; rply: unknown field (did you mean 'reply'?)"
    single = api.post("/v1/check", {"rply": "Hi Sam, thanks!"})
    assert single.status == 422 and single.json()["error"] == expected
    [error] = api.post("/v1/check-many", {"items": [{"rply": "Hi Sam, thanks!"}]}).json()["results"]
    assert error == {"id": None, "index": 0, "error": expected}
    unlike = api.post("/v1/check", {"reply": "Hi Sam, thanks!", "ticket": 7}).json()["error"]
    assert unlike == (
        "ticket: unknown field (allowed: agent_name, channel, customer_message, customer_name, "
        "disable, id, input_format, reply, template)"
    )


def test_a_body_of_many_unknown_fields_gets_a_short_422(
    serve: Callable[..., Any], linter: Linter
) -> None:
    """60,000 unknown keys in a 1 MB body were answered with 16.8 MB (each key listed in
    the line and in ``errors`` with the allowed names), at 2 s of the HTTP process: the
    first 10 problems are listed, and the line says how many more there were."""
    service = serve(ServeSettings(), linter=linter)
    keys = {f"k{n:05}": 1 for n in range(60_000)}
    answer = service.post("/v1/check", {"reply": "Hi Sam, thanks!", **keys})
    assert answer.status == 422
    assert len(answer.body) < 4_000, len(answer.body)  # 10 problems, each naming the fields
    body = answer.json()
    assert [e["loc"] for e in body["errors"]] == [[f"k{n:05}"] for n in range(10)]
    assert body["error"].startswith("k00000: unknown field (allowed: agent_name, channel, ")
    assert body["error"].endswith("k00009: unknown field (allowed: agent_name, channel, "
                                  "customer_message, customer_name, disable, id, input_format, "
                                  "reply, template); and 59,990 more problems")  # fmt: skip
    [item] = service.post("/v1/check-many", {"items": [keys]}).json()["results"]
    assert item["error"].startswith("reply: Field required; k00000: unknown field")
    assert item["error"].endswith("; and 59,991 more problems") and len(item["error"]) < 2_000
    many = service.post("/v1/check-many", {"items": [], **keys})
    assert many.status == 422 and len(many.body) < 2_000, len(many.body)
    assert many.json()["error"] == (
        "k00000: unknown field; the body has only 'items'; and 59,990 more problems"
    )
    # a name as long as the body is not quoted whole
    long_name = service.post("/v1/check", {"reply": "Hi Sam, thanks!", "x" * 500_000: 1})
    assert long_name.status == 422 and len(long_name.body) < 1_000, len(long_name.body)
    assert long_name.json()["errors"][0]["loc"] == ["x" * 57 + "..."]


@pytest.mark.parametrize(
    ("path", "payload", "line", "errors"),
    [
        (
            "/v1/check",
            {"reply": "   "},
            "reply: the reply is empty",
            [{"loc": ["reply"], "msg": "the reply is empty", "type": "cannot_check"}],
        ),
        (
            "/v1/check",
            {"reply": "Hi Sam, thanks!", "disable": ["jargn"]},
            "disable: unknown rule or check 'jargn'",
            [{"loc": ["disable"], "msg": "unknown rule or check 'jargn'", "type": "cannot_check"}],
        ),
        (
            "/v1/check-many",
            [{"reply": "Hi"}],
            "the body must be an object with a list of replies",
            [{"loc": [], "msg": "Input should be a valid dictionary", "type": "dict_type"}],
        ),
        (
            "/v1/check-many",
            {"item": []},
            "the body must be an object with a list of replies",
            [
                {"loc": ["items"], "msg": "Field required", "type": "missing"},
                {
                    "loc": ["item"],
                    "msg": "unknown field (did you mean 'items'?)",
                    "type": "extra_forbidden",
                },
            ],
        ),
        (
            "/v1/check-many",
            {"items": {"reply": "Hi"}},
            "the body must be an object with a list of replies",
            [{"loc": ["items"], "msg": "Input should be a valid list", "type": "list_type"}],
        ),
        (
            "/v1/check-many",
            {"items": [], "extra": 1},
            "extra: unknown field; the body has only 'items'",
            [
                {
                    "loc": ["extra"],
                    "msg": "unknown field (allowed: items)",
                    "type": "extra_forbidden",
                }
            ],
        ),
    ],
)
def test_every_422_lists_its_problems_in_errors(
    api: Any, path: str, payload: Any, line: str, errors: list[dict[str, Any]]
) -> None:
    """A client reads one shape of 422: the line in ``error``, and one entry or more in
    ``errors`` (``loc``, ``msg``, ``type``). A reply the linter refuses (``cannot_check``)
    and a check-many body of the wrong shape had the line alone."""
    answer = api.post(path, payload)
    assert answer.status == 422, answer.body
    body = answer.json()
    assert body["error"].startswith(line), body
    assert len(body["errors"]) == len(errors)
    for got, expected in zip(body["errors"], errors, strict=True):
        assert got["msg"].startswith(expected["msg"]), got
        assert {**got, "msg": expected["msg"]} == expected


def test_a_422_does_not_echo_the_customer_text(api: Any) -> None:
    answer = api.post("/v1/check", {"reply": ["Mrs Secret-Name owes us"], "channel": "fax"})
    assert answer.status == 422
    assert b"Secret-Name" not in answer.body
    assert [e["loc"] for e in answer.json()["errors"]] == [["reply"], ["channel"]]


def test_unknown_paths_and_methods(api: Any) -> None:
    missing = api.request("GET", "/v2/check")
    assert missing.status == 404 and "no such endpoint /v2/check" in missing.json()["error"]
    wrong = api.request("GET", "/v1/check")
    assert wrong.json() == {"error": "GET is not allowed on /v1/check; use POST"}
    assert wrong.status == 405 and wrong.headers["allow"] == "POST"


@pytest.mark.parametrize(("method", "path"), [("POST", "/v1/check/"), ("GET", "/v1/rules/")])
def test_a_path_with_a_slash_at_the_end_is_a_404_naming_the_endpoint(
    api: Any, method: str, path: str
) -> None:
    """Starlette answered a 307 with an empty body and a Location built from the Host the
    service sees (http:// behind a TLS proxy): no JSON error, and a client following it
    sent the reply again, perhaps in the clear."""
    body = b'{"reply": "Hi Sam"}' if method == "POST" else None
    answer = api.request(method, path, body, {"Content-Type": "application/json"})
    assert answer.status == 404 and "location" not in answer.headers
    assert answer.json() == {
        "error": f"no such endpoint {path}; use {path.rstrip('/')}, without the slash at the end"
    }


def test_a_body_sent_to_no_route_is_a_404_or_405_not_a_415(api: Any) -> None:
    """The Guard reads and refuses bodies of the routes that take one only: a client
    that sends to the wrong path or with the wrong method is told so."""
    assert api.request("POST", "/v1/nope", b"x").status == 404
    put = api.request("PUT", "/v1/check", b"x")
    assert put.status == 405 and put.headers["allow"] == "POST"
    assert api.request("POST", "/v1/check", b"x").status == 415  # the route's own rule


def test_a_refusal_names_the_field_it_is_about(api: Any) -> None:
    unknown = api.post("/v1/check", {"reply": "Hi Sam, thanks!", "disable": ["jargn"]})
    assert unknown.status == 422
    assert unknown.json()["error"].startswith("disable: unknown rule or check 'jargn'")
    empty = api.post("/v1/check", {"reply": "<p> </p>", "input_format": "html"})
    assert empty.status == 422 and empty.json()["error"].startswith("reply: the reply is empty")


def test_an_oversized_body_is_refused_unread(api: Any) -> None:
    sock = socket.create_connection(("127.0.0.1", api.port), timeout=10)
    try:
        sock.sendall(
            b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + api.token.encode() + b"\r\n"
            b"Content-Length: 50000000\r\n\r\n"  # and no body follows
        )
        status, headers, body = read_response(sock)
    finally:
        sock.close()
    assert status == 413 and headers["connection"] == "close"
    assert json.loads(body)["error"].startswith("the request body is over the limit of 20,000")


def test_an_oversized_chunked_body_is_refused(api: Any) -> None:
    """A chunked body (no Content-Length) is refused once it passes the limit. The client
    sends a little past the limit and then waits: had it kept sending after the server
    closed, the server's kernel would reset the connection and could discard the
    answer (a race in the test, not in the service)."""
    sock = socket.create_connection(("127.0.0.1", api.port), timeout=10)
    try:
        sock.sendall(
            b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + api.token.encode() + b"\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b'{"reply": "' + b"Thanks! " * 600  # 4.8 KB
        for _ in range(5):  # 24 KB, past the 20 KB limit
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            chunk = b"Thanks! " * 600
        status, _, body = read_response(sock)
    finally:
        sock.close()
    assert status == 413
    assert "error" in json.loads(body)


def test_a_slow_body_gets_408_within_the_time_limit(api: Any) -> None:
    sock = socket.create_connection(("127.0.0.1", api.port), timeout=10)
    started = time.monotonic()
    try:
        sock.sendall(
            b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + api.token.encode() + b"\r\n"
            b'Content-Length: 40\r\n\r\n{"reply": "Hi'  # then nothing more
        )
        status, headers, body = read_response(sock)
    finally:
        sock.close()
    assert status == 408 and headers["connection"] == "close"
    assert "did not arrive within 1 s" in json.loads(body)["error"]
    assert time.monotonic() - started < 5


#: A reply of 75,000 characters, no sentence repeated: about half a second to check.
LONG_REPLY = " ".join(
    f"Your order {n} ships on day {n % 28 + 1} through depot D{n * 7 % 97}." for n in range(1500)
)


@pytest.mark.parametrize(
    ("path", "payload", "error"),
    [
        (
            "/v1/check",
            {"reply": LONG_REPLY},
            "the check took longer than the 0.1 s limit; if the service is overloaded, send "
            "the reply again in a moment; if the reply (74,746 characters) is too long to "
            "check in time, send a shorter one, or start replylint serve with a larger "
            "--timeout",
        ),
        (
            "/v1/check-many",
            {"items": [{"reply": "Hi Sam, thanks!"}, {"reply": LONG_REPLY}]},
            "the check of 2 replies (74,761 characters in all) took longer than the 0.1 s "
            "limit (the whole request is refused); if the service is overloaded, send the "
            "request again in a moment; if the replies are too many or too long to check "
            "in time, send fewer items per request (or shorter replies), or start replylint "
            "serve with a larger --timeout",
        ),
    ],
)
def test_a_check_over_the_time_limit_is_503(
    serve: Callable[..., Any], linter: Linter, path: str, payload: Any, error: str
) -> None:
    """LONG_REPLY takes about half a second to check, however warm the linter; its body
    arrives well within the limit (which also bounds the body's arrival: a limit of a
    fraction of a millisecond made a loaded machine answer 408 instead). A batch is told
    to send fewer items, not a shorter reply. Checked in a thread, which cannot be
    stopped, no worker is said to be replaced."""
    hasty = serve(ServeSettings(timeout=0.1), linter=linter)
    answer = hasty.post(path, payload)
    assert answer.status == 503
    assert answer.json() == {"error": error}
    assert "retry-after" not in answer.headers  # the same request may well time out again


def test_a_stuck_worker_at_the_time_limit_is_not_blamed_on_the_reply(
    serve: Callable[..., Any],
) -> None:
    """A check worker that does not answer (stopped by SIGSTOP, or starved on an
    overloaded machine) made a reply of a few words a 503 saying "send a shorter reply".
    The error now says both causes, with the reply's length to tell them apart, and
    that the worker was replaced: sent again once it is back, the reply is checked."""
    settings = ServeSettings(workers=1, timeout=1.0, linter=LinterConfig(model="none"))
    one = serve(settings, linter=None)
    pool = one.app.service.checker
    assert one.post("/v1/check", {"reply": OTHERS[1]}).status == 200
    (stuck,) = pool.pids()
    os.kill(stuck, signal.SIGSTOP)
    try:
        answer = one.post("/v1/check", {"reply": OTHERS[0]})
    finally:
        with contextlib.suppress(ProcessLookupError):  # (killed by the pool: gone already)
            os.kill(stuck, signal.SIGCONT)
    assert answer.status == 503 and "retry-after" not in answer.headers
    assert answer.json() == {
        "error": "the check took longer than the 1 s limit, so its worker was stopped and "
        "is being replaced; if the service is overloaded or its worker was stuck, send the "
        "reply again in a moment; if the reply (39 characters) is too long to check in "
        "time, send a shorter one, or start replylint serve with a larger --timeout"
    }
    deadline = time.monotonic() + 60
    while one.request("GET", "/readyz").status != 200:
        assert time.monotonic() < deadline, "the stuck worker was not replaced"
        time.sleep(0.1)
    assert stuck not in pool.pids()
    assert one.post("/v1/check", {"reply": OTHERS[0]}).status == 200


def test_one_worker_being_replaced_refuses_checks_until_it_is_back(
    serve: Callable[..., Any],
) -> None:
    """With one check worker (the default), a check past the time limit stops it, and
    until its replacement has loaded there is no worker: checks are refused with a 503
    to retry (which said "still loading its pipeline", and the docs said a crash cost
    one worker, not the service), ``/readyz`` says ``loading``, then all is as before."""
    settings = ServeSettings(workers=1, timeout=0.5, linter=LinterConfig(model="none"))
    one = serve(settings, linter=None)
    slow = one.post("/v1/check-many", {"items": [{"reply": LONG_REPLY}] * 5})
    assert slow.status == 503 and "took longer than the 0.5 s limit" in slow.json()["error"]
    refused = one.post("/v1/check", {"reply": OTHERS[1]})  # the worker is being replaced
    assert refused.status == 503 and refused.headers["retry-after"] == "1"
    assert refused.json() == {
        "error": "the service's only check worker is being replaced (it was stopped at the "
        "time limit, or died); retry in a moment (replylint serve --workers 2 or more "
        "keeps answering meanwhile)"
    }
    ready = one.request("GET", "/readyz")
    assert (ready.status, ready.json()["status"]) == (503, "loading")
    deadline = time.monotonic() + 60
    while one.request("GET", "/readyz").status != 200:
        assert time.monotonic() < deadline, "the worker was not replaced"
        time.sleep(0.1)
    assert one.post("/v1/check", {"reply": OTHERS[1]}).status == 200


def test_a_worker_that_dies_between_checks_is_replaced_at_once(
    serve: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    """A worker killed while idle (the out-of-memory killer, an operator's ``kill``) went
    unnoticed until the next request was sent to it: ``/readyz`` said ``ready`` with no
    worker alive, and that request then waited for the replacement to load (past
    ``--timeout`` on a loaded machine: a 503), logged as a death "while checking"."""
    settings = ServeSettings(workers=1, timeout=60, linter=LinterConfig(model="none"))
    one = serve(settings, linter=None)
    pool = one.app.service.checker
    assert one.post("/v1/check", {"reply": OTHERS[1]}).status == 200
    (victim,) = pool.pids()
    with caplog.at_level(logging.INFO, logger="replylint.serve"):
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while one.request("GET", "/readyz").status == 200:  # no request sent meanwhile
            assert time.monotonic() < deadline, "a dead worker was still reported ready"
            time.sleep(0.05)
        deadline = time.monotonic() + 60
        while one.request("GET", "/readyz").status != 200:
            assert time.monotonic() < deadline, "the dead worker was not replaced"
            time.sleep(0.1)
    assert victim not in pool.pids()
    assert f"check worker {victim} stopped: it died between two checks" in caplog.text
    assert one.post("/v1/check", {"reply": OTHERS[1]}).status == 200


class Failing:
    """A checker whose every job fails as given: the service's refusal of each failure."""

    def __init__(self, failure: BaseException | Outcome) -> None:
        self.failure = failure
        self.ready = True
        self.model = "bundled"
        self.rules: list[RuleInfo] = []

    async def run(self, job: Job, limit: float) -> Outcome:
        if isinstance(self.failure, BaseException):
            raise self.failure
        return self.failure

    async def aclose(self) -> None:
        return None


@pytest.mark.parametrize(
    ("failure", "status", "error", "retry"),
    [
        (Busy(128), 503, "the service is busy (128 requests are waiting", True),
        (CheckTimeout(queued=True), 503, "the service is busy (no check worker was free", True),
        (CheckTimeout(queued=False), 503, "the check", False),  # its own test above
        (WorkerLost(), 503, "the check stopped twice", False),
        (Crashed("ZeroDivisionError"), 500, "internal error in replylint", False),
    ],
)
def test_a_check_that_cannot_run_is_a_one_line_refusal(
    serve: Callable[..., Any],
    linter: Linter,
    caplog: pytest.LogCaptureFixture,
    failure: BaseException | Outcome,
    status: int,
    error: str,
    retry: bool,
) -> None:
    service = serve(ServeSettings(), linter=linter)
    service.app.service.checker = Failing(failure)
    with caplog.at_level(logging.ERROR):
        for path, payload in (("/v1/check", {"reply": DRAFT}), ("/v1/check-many", {"items": []})):
            answer = service.post(path, payload)
            assert answer.status == status
            assert answer.json()["error"].startswith(error), answer.json()
            assert ("retry-after" in answer.headers) is retry
    crashed = [r.getMessage() for r in caplog.records if "internal error" in r.getMessage()]
    logged = "internal error checking a reply: ZeroDivisionError (its message is left out"
    assert [line.startswith(logged) for line in crashed] == [True] * (2 if status == 500 else 0)


def test_requests_past_the_queue_are_refused_at_once(
    serve: Callable[..., Any], linter: Linter
) -> None:
    """In a thread, at most two checks run at once and ``max_queue`` more wait: with no
    room to wait, most of a burst of 12 slow requests is refused with Retry-After, quickly,
    and the rest is answered."""
    narrow = serve(ServeSettings(max_queue=0), linter=linter)
    slow = {"items": [{"reply": DRAFT * 40}] * 5}
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda _: narrow.post("/v1/check-many", slow), range(12)))
    statuses = sorted(a.status for a in answers)
    assert 200 in statuses and 503 in statuses and set(statuses) == {200, 503}, statuses
    busy = next(a for a in answers if a.status == 503)
    assert busy.headers["retry-after"] == "1"
    assert busy.json()["error"].startswith("the service is busy (0 requests are waiting")


def test_200_concurrent_requests_are_all_answered_correctly(
    serve: Callable[..., Any], linter: Linter
) -> None:
    """Each answer is its own request's, under 50 at once. The time limit is a minute,
    not the small limits' second: 50 waiting for two checking threads on a loaded CI
    machine once took longer than a second (a 503, "no check worker was free"), and
    this test is about the answers, not the clock."""
    api = serve(ServeSettings(timeout=60.0), linter=linter)
    replies = [DRAFT, *OTHERS]
    expected = [linter.check(r).model_dump(mode="json") for r in replies]
    jobs = [i % len(replies) for i in range(200)]
    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(lambda i: api.post("/v1/check", {"reply": replies[i]}), jobs))
    assert [a.status for a in answers] == [200] * 200
    assert [a.json() for a in answers] == [expected[i] for i in jobs]


def test_reply_text_is_never_logged_unless_asked(
    serve: Callable[..., Any], linter: Linter, caplog: pytest.LogCaptureFixture
) -> None:
    quiet = serve(ServeSettings(), linter=linter)
    loud = serve(ServeSettings(log_replies=True), linter=linter)
    with caplog.at_level(logging.DEBUG):
        quiet.post("/v1/check", {"reply": "Hi Zebulon-Quiet, thanks!"})
        quiet.post("/v1/check", {"reply": ["Zebulon-Invalid"]})
        loud.post("/v1/check", {"reply": "Hi Zebulon-Loud, thanks!"})
        # a reply not read as English has a null score: logged as n/a, not a logging error
        loud.post("/v1/check", {"reply": "Bonjour Zebulon-Français, merci pour votre message."})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Zebulon-Quiet" not in logged and "Zebulon-Invalid" not in logged
    assert "Zebulon-Loud" in logged
    assert "reply score=n/a" in logged and "Zebulon-Français" in logged


def test_cors_is_off_unless_configured(serve: Callable[..., Any], linter: Linter) -> None:
    preflight = {
        "Origin": "https://acme.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    closed = serve(ServeSettings(), linter=linter)
    assert (
        "access-control-allow-origin"
        not in closed.request("OPTIONS", "/v1/check", None, preflight).headers
    )
    opened = serve(ServeSettings(cors_origins=("https://acme.example",)), linter=linter)
    answer = opened.request("OPTIONS", "/v1/check", None, preflight)
    assert answer.headers["access-control-allow-origin"] == "https://acme.example"
    other = {**preflight, "Origin": "https://evil.example"}
    refused = opened.request("OPTIONS", "/v1/check", None, other)
    assert "access-control-allow-origin" not in refused.headers
    # refused as every other request is: one line of JSON saying what and how
    assert refused.status == 400 and refused.headers["content-type"] == "application/json"
    assert "'https://evil.example' may not call" in refused.json()["error"]
    assert "--cors-origin" in refused.json()["error"]
    method = {**preflight, "Access-Control-Request-Method": "DELETE"}
    error = opened.request("OPTIONS", "/v1/check", None, method).json()["error"]
    assert error == "method DELETE is not allowed (use GET or POST)"


def test_a_page_may_read_how_long_to_wait_before_it_retries(
    serve: Callable[..., Any], linter: Linter
) -> None:
    """``Retry-After`` is no header a browser lets a page of another origin read unless
    the answer exposes it: the sidebar told "busy; retry in a moment" could not learn
    when (``response.headers.get("Retry-After")`` was null)."""
    opened = serve(ServeSettings(cors_origins=("https://acme.example",)), linter=linter)
    opened.app.service.checker = Failing(Busy(3))
    origin = {"Origin": "https://acme.example", "Content-Type": "application/json"}
    busy = opened.request("POST", "/v1/check", json.dumps({"reply": DRAFT}).encode(), origin)
    assert busy.status == 503 and busy.headers["retry-after"] == "1"
    assert busy.headers["access-control-allow-origin"] == "https://acme.example"
    exposed = busy.headers["access-control-expose-headers"].lower().split(", ")
    assert "retry-after" in exposed


@pytest.mark.parametrize("token", [None, "s3cret"])
def test_a_preflight_while_cors_is_off_says_how_to_allow_the_page(
    token: str | None, serve: Callable[..., Any], linter: Linter
) -> None:
    """A sidebar page's first call, with CORS off, was told "OPTIONS is not allowed on
    /v1/check; use POST", or with a token set to send the token, which no browser adds
    to a preflight: neither says that the service must allow the page's origin."""
    closed = serve(ServeSettings(), linter=linter, token=token)
    preflight = {
        "Origin": "https://acme.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    answer = closed.request("OPTIONS", "/v1/check", None, preflight, auth=False)
    assert answer.status == 400 and "access-control-allow-origin" not in answer.headers
    error = answer.json()["error"]
    assert error.startswith("pages from 'https://acme.example' may not call this service")
    assert "CORS is off" in error and "--cors-origin" in error
    plain = closed.request("OPTIONS", "/v1/check", None, {}, auth=False)  # no browser's
    assert plain.status == (405 if token is None else 401)


@pytest.mark.parametrize("asked", [None, "", "content-type, ,authorization"])
def test_a_refused_preflight_names_no_header_it_did_not_ask_for(asked: str | None) -> None:
    """A page from another origin that asks for no header (a plain POST of a form, or
    a GET) was told "request headers  are not allowed": an empty name, refused."""
    cors = JsonCORSMiddleware(
        lambda *args: None,
        allow_origins=["https://acme.example"],
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type"],
    )
    preflight = {"origin": "https://evil.example", "access-control-request-method": "POST"}
    if asked is not None:
        preflight["access-control-request-headers"] = asked
    assert cors._why_refused(Headers(preflight)) == (
        "pages from 'https://evil.example' may not call this service; its operator allows "
        "an origin with replylint serve --cors-origin"
    )


@pytest.mark.parametrize(
    ("origin", "suggested"),
    [
        ("acme.zendesk.com/", "https://acme.zendesk.com"),
        ("https://Acme.Zendesk.com", "https://acme.zendesk.com"),
        ("https://acme.zendesk.com/agent", "https://acme.zendesk.com"),
    ],
)
def test_an_origin_no_browser_sends_is_refused_at_start(origin: str, suggested: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(repr(suggested))):
        ServeSettings(cors_origins=(origin,))


def test_the_origins_a_browser_sends_are_accepted() -> None:
    origins = ("https://acme.zendesk.com", "http://localhost:8080", "chrome-extension://abc", "*")
    assert ServeSettings(cors_origins=origins).cors_origins == origins


#: Bodies of every kind for POST /v1/check: valid, refused by the linter, of the wrong
#: shape or types, not JSON, JSON the stdlib reads but pydantic's own reader does not.
BODIES = [
    b'{"reply": "Hi Sam, your refund went out today. Thanks!", "channel": "chat"}',
    b'{"reply": "Hi Ann", "customer_message": "Hi", "customer_name": "Ann", "id": 7}',
    b'{"reply": "Hi \\ud800 Sam, thanks!", "customer_name": "S\\udc00m"}',  # lone surrogates
    b'\xef\xbb\xbf{"reply": "Hi Sam, thanks!"}',  # a byte-order mark
    '{"reply": "Hi Sam, thanks!"}'.encode("utf-16"),
    b'{"reply": "   "}',
    b"",
    b"null",
    b"[1, 2]",
    b"{}",
    b'{"reply": ["x"], "channel": "fax", "disable": [1]}',
    b'{"reply": "Hi", "ticket": 7}',
    b'{"rply": "Hi"}',
    json.dumps({"rply": "Hi", **{f"k{n}": n for n in range(30)}}).encode(),  # 10 listed
    json.dumps({"reply": "Hi", "disable": list(range(30)), "x": 1}).encode(),
    b'{"reply": "Hi", "channel": "fax"}',
    b'{"reply": "Hi", "channel": "api"}',
    b'{"reply": "Hi", "template": 1}',  # strict: 1 or "no" is no boolean
    b'{"reply": "Hi", "id": 1.5}',
    b'{"reply": "Hi Sam", "disable": "jargon", "template": true, "reply": "Hi Ann, thanks!"}',
    b'{"reply": "Hi Sam", "\\u0072eply": 5}',  # a key given twice, once escaped
    b'{"reply": "Hi", "customer_message": {"a": {"b": 1, "b": 2}}}',
    b'{"reply": "Hi Sam, thanks!", "tag\\ud83d": 1}',  # a key that is no valid text
    b'{"reply": NaN}',
    b'{"reply": "Hi",}',
    b'{"reply": "caf\xff"}',
    b"[" * 5000 + b"]" * 5000,
    b'{"customer_message": {"a": 1, "a": 2}, "reply": ',  # no JSON after all
]


async def _post(app: Any, body: bytes) -> tuple[int, str, bytes]:
    """POST /v1/check to an ASGI app in this process: status, content type, body."""
    sent: list[dict[str, Any]] = []
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if delivered:
            await asyncio.sleep(3600)  # nothing more from this client
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"host", b"test"), (b"content-type", b"application/json")]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/v1/check", "raw_path": b"/v1/check", "query_string": b"",
        "root_path": "", "headers": headers, "client": ("127.0.0.1", 9), "server": ("x", 80),
    }  # fmt: skip
    await app(scope, receive, send)
    start = sent[0]
    content_type = dict(start["headers"])[b"content-type"].decode()
    return start["status"], content_type, b"".join(m.get("body", b"") for m in sent[1:])


def test_check_answers_as_the_fastapi_route_would(linter: Linter) -> None:
    """POST /v1/check is answered in front of FastAPI (its request machinery cost the HTTP
    process a third of its CPU per request); FastAPI still declares the route. Whatever
    the body, both give the same answer, refusals included."""
    app = create_app(ServeSettings(), linter=linter, token_from_env=False)

    async def both() -> list[tuple[tuple[int, str, bytes], tuple[int, str, bytes]]]:
        return [(await _post(app, body), await _post(app.fastapi, body)) for body in BODIES]

    answers = asyncio.run(both())
    for body, (front, route) in zip(BODIES, answers, strict=True):
        assert front == route, body
    assert [front[0] for front, _ in answers] == [200] * 5 + [422, 400] + [422] * 17 + [400] * 4


def test_check_does_not_go_through_fastapi(linter: Linter) -> None:
    app = create_app(ServeSettings(), linter=linter, token_from_env=False)
    app.fastapi.router.routes[:] = [
        r for r in app.fastapi.router.routes if getattr(r, "path", None) != "/v1/check"
    ]
    status, _, body = asyncio.run(_post(app, json.dumps({"reply": OTHERS[1]}).encode()))
    assert status == 200
    assert Report.model_validate_json(body) == linter.check(OTHERS[1])


def test_the_http_process_never_imports_spacy() -> None:
    """Its modules, and the command line that starts it, load no NLP stack (110 MB and a
    second of start-up): the checks, and spaCy, are the workers'."""
    code = (
        "import sys, replylint.cli, replylint.serve.app, replylint.serve.pool;"
        "replylint.cli.build_parser();"
        "print('spacy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_import_replylint_never_imports_fastapi() -> None:
    code = (
        "import sys, replylint, replylint.cli, replylint.serve.settings;"
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_serve_without_the_extra_is_a_one_line_error() -> None:
    code = (
        "import sys; sys.modules['fastapi'] = None; from replylint.cli import main;"
        "sys.exit(main(['serve', '--isolated']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == (
        "replylint: error: replylint serve needs the serve extra: pip install 'replylint[serve]'\n"
    )


@pytest.mark.parametrize(
    ("argv", "env", "error"),
    [
        (["--workers", "0"], {}, "--workers must be 1 or more, not 0"),
        (["--max-queue", "-1"], {}, "--max-queue must be 0 or more, not -1"),
        (["--port", "70000"], {}, "--port must be between 0 and 65535, not 70000"),
        (["--timeout", "inf"], {}, "--timeout must be a number of seconds more than 0, not inf"),
        (["--cors-origin", "acme.example/"], {}, "e.g. 'https://acme.example'"),
        (["--select", "no_such_rule"], {}, "no_such_rule"),
        ([], {"REPLYLINT_API_TOKEN": " "}, "REPLYLINT_API_TOKEN is set but empty"),
    ],
)
def test_serve_usage_errors(
    argv: list[str],
    env: dict[str, str],
    error: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["serve", "--isolated", "--port", "0", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and error in err, err


def test_an_address_that_cannot_be_bound_is_told_what_to_change() -> None:
    """uvicorn logs the bind's error and exits; the one line said "pick another --port"
    for every cause, also for a --host that is no address of this machine."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        in_use = cannot_listen("127.0.0.1", port)
    assert in_use.startswith(f"cannot listen on 127.0.0.1:{port}: the port is taken")
    assert "pick another --port" in in_use
    elsewhere = cannot_listen("192.0.2.1", 8000)  # TEST-NET-1: on no machine
    assert "192.0.2.1 is no address of this machine; give --host one of" in elsewhere
    assert "--port" not in elsewhere


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/"),
        ("::1", "http://[::1]:8000/"),  # was http://::1:8000/, which no browser opens
        ("fe80::1%eth0", "http://[fe80::1%25eth0]:8000/"),
    ],
)
def test_the_address_printed_at_start_is_a_url(host: str, url: str) -> None:
    assert listening_url(host, 8000) == url


@pytest.mark.parametrize("timeout", [0.5, 1, 10, 20, 59.5])
def test_a_stop_waits_for_every_request_it_accepted(timeout: float) -> None:
    """A request may take --timeout to send its body, then --timeout again to be checked;
    the drain after SIGTERM was --timeout + 5 s. With --timeout 20, a body sent in 19 s
    and a check of 12 s were cut off at 25 s: a plain-text 500 "Internal Server Error"
    and a traceback in the log ("Cancel 1 running task(s), timeout graceful shutdown
    exceeded")."""
    assert drain_seconds(timeout) >= 2 * timeout + 5


def test_a_port_in_use_is_told_before_the_workers_load(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The port was tried only once every worker had loaded (12 to 18 s on the shared
    machine, each time a service manager restarted it), and uvicorn's own line
    ("ERROR: [Errno 98] Address already in use") came before the one-line error."""

    def load(self: WorkerPool) -> None:
        raise AssertionError("the workers were loaded for a port that is taken")

    monkeypatch.setattr(WorkerPool, "start", load)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--isolated", "--port", str(port)]) == 2
    assert capsys.readouterr().err == (
        f"replylint: error: cannot listen on 127.0.0.1:{port}: the port is taken by another "
        "service; pick another --port (or stop that service)\n"
    )


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Read one HTTP/1.1 response with a Content-Length from a raw socket."""
    response = http.client.HTTPResponse(sock)
    response.begin()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check-many"])
def test_a_body_nested_too_deeply_is_not_called_invalid_json(
    path: str, serve: Callable[..., Any], linter: Linter
) -> None:
    """Valid JSON nested past what can be read was told "the body is not valid JSON",
    which sent its sender looking for a syntax error it did not have."""
    service = serve(ServeSettings(), linter=linter)
    deep = b'{"reply": "Hi", "id": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    answer = service.request("POST", path, deep, {"Content-Type": "application/json"})
    assert answer.status == 400
    assert answer.json()["error"].startswith("the body nests lists or objects too deeply")


def test_a_disable_list_of_junk_is_one_short_422(serve: Callable[..., Any], linter: Linter) -> None:
    """330,000 wrong-typed names made 330,000 errors (seconds of pydantic's time before
    the 422 was cut to ten): a list longer than any rule set needs is refused at once."""
    service = serve(ServeSettings(), linter=linter)
    answer = service.post("/v1/check", {"reply": "Hi Sam, thanks!", "disable": [0] * 330_000})
    assert answer.status == 422 and len(answer.body) < 2_000
    assert answer.json()["error"].startswith("disable: 330000 names to disable; give at most")
    ok = service.post("/v1/check", {"reply": "Hi Sam, thanks!", "disable": ["jargon"] * 1_000})
    assert ok.status == 200
