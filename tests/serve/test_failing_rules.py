"""A rule that raises on one reply, built-in (a bug in replylint) or a plugin (the
plugin's fault): the service answers every other reply of a check-many, in order, with
its id, the failed one with an error naming the rule and what to do, and logs where it
was raised (for a bug report) without the reply's text or the exception's message.

Before, one such reply cost the whole check-many (a 500 for every item), and the log
line said only "internal error: KeyError": no rule, no file, no line."""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from replylint import Linter, ReplyInput
from replylint.analysis import AnalyzedReply
from replylint.registry import discover_rule_classes
from replylint.report import Finding
from replylint.rule import Rule
from replylint.serve.crash import Crashed, crashed
from replylint.serve.jobs import CheckMany, CheckOne, run_job
from replylint.serve.settings import ServeSettings

SECRET = "Hi Mona, your order 5521-SECRET ships today"


class Buggy(Rule):
    """A built-in rule with a bug: raises on a reply that mentions an order."""

    id = "order_lookup"
    standard = "A ready reply"
    rationale = "A test rule."

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        if "order" in reply.normalized.text:
            return self._lookup(reply.normalized.text)
        yield from ()

    def _lookup(self, text: str) -> Iterator[Finding]:
        raise KeyError(text)  # its message quotes the reply: never logged


Buggy.__module__ = "replylint.checks.order_lookup"  # what makes a rule built-in
BUGGY_LINE = Buggy._lookup.__code__.co_firstlineno + 1


class Broken(Rule):
    """A rule plugin that raises on a reply that mentions a refund."""

    id = "acme.refunds"
    standard = "A ready reply"
    rationale = "A test plugin."

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        if "refund" in reply.normalized.text:
            raise ValueError(reply.normalized.text)
        yield from ()


@pytest.fixture(scope="module")
def failing() -> Linter:
    return Linter({"model": "none"}, rule_classes=[*discover_rule_classes(), Buggy, Broken])


@pytest.fixture(scope="module")
def api(serve: Callable[..., Any], failing: Linter) -> Any:
    return serve(ServeSettings(max_items=10, timeout=30.0), linter=failing)


FINE = "Hi Mona, your password is reset. Thanks for waiting!"
REFUND = "Hi Mona, your refund went out today. Thanks for waiting!"


def test_a_check_many_answers_every_item_when_a_rule_fails_on_one(
    api: Any, caplog: pytest.LogCaptureFixture
) -> None:
    items = [
        {"id": "T-1", "reply": FINE},
        {"id": "T-2", "reply": SECRET + ". Thanks!"},
        {"id": "T-3", "reply": REFUND},
        {"id": "T-4", "reply": "   "},
        {"id": "T-5", "reply": FINE, "channel": "chat"},
        {"id": "T-6", "rply": FINE},
    ]
    with caplog.at_level(logging.ERROR, logger="replylint.serve"):
        answer = api.post("/v1/check-many", {"items": items})
    assert answer.status == 200
    results = answer.json()["results"]
    assert [r["id"] for r in results] == [f"T-{n}" for n in range(1, 7)]
    assert ["error" in r for r in results] == [False, True, True, True, False, True]
    assert [r["index"] for r in results if "error" in r] == [1, 2, 3, 5]
    assert results[4]["channel"] == "chat"

    built_in, plugin = results[1]["error"], results[2]["error"]
    assert built_in.startswith("internal error in replylint: its rule 'order_lookup' failed")
    assert "(KeyError)" in built_in and "not a fault of the reply" in built_in
    assert "`replylint serve --ignore order_lookup` leaves the rule out" in built_in
    assert "server log says where" in built_in
    assert plugin.startswith("rule plugin 'acme.refunds' (")
    assert "(ValueError)" in plugin and "replylint serve --ignore acme.refunds`" in plugin
    assert "empty" in results[3]["error"]  # the linter's refusal, as before
    assert "did you mean 'reply'?" in results[5]["error"]

    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == 2
    assert logged[0].startswith(
        "internal error checking item 1 of a check-many: KeyError in the rule 'order_lookup' at "
    )
    assert f"test_failing_rules.py:{BUGGY_LINE}, in _lookup (its message is left out" in logged[0]
    assert logged[1].startswith(
        "internal error checking item 2 of a check-many: ValueError in rule plugin 'acme.refunds' ("
    )
    assert all("Traceback (most recent call last):" in line for line in logged)
    assert all("SECRET" not in line and "refund went" not in line for line in logged)


def test_a_check_the_rule_fails_is_a_500_saying_what_to_do(
    api: Any, serve: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="replylint.serve"):
        built_in = api.post("/v1/check", {"reply": SECRET})
        plugin = api.post("/v1/check", {"reply": REFUND})
    assert (built_in.status, plugin.status) == (500, 500)
    assert built_in.json()["error"].startswith("internal error in replylint: its rule")
    assert "--ignore acme.refunds" in plugin.json()["error"]
    logged = [r.getMessage() for r in caplog.records]
    assert [line.split(":")[0] for line in logged] == ["internal error checking a reply"] * 2
    assert f"test_failing_rules.py:{BUGGY_LINE}, in _lookup (its" in logged[0]
    assert all("SECRET" not in line and "refund went" not in line for line in logged)
    # and what it says to do does it
    config = {"model": "none", "ignore": ["order_lookup", "acme.refunds"]}
    rules = [*discover_rule_classes(), Buggy, Broken]
    ignoring = serve(ServeSettings(timeout=30.0), linter=Linter(config, rule_classes=rules))
    for reply in (SECRET, REFUND):
        assert ignoring.post("/v1/check", {"reply": reply}).status == 200


def test_what_a_worker_tells_of_a_failure_crosses_to_the_http_process(
    failing: Linter,
) -> None:
    """A worker process pickles its outcome; the failure's description must survive it."""
    items = (ReplyInput(reply=FINE), ReplyInput(reply=SECRET), ReplyInput(reply=REFUND))
    many = pickle.loads(pickle.dumps(run_job(failing, CheckMany(items))))
    assert [type(r).__name__ for r in many.results] == ["str", "Crashed", "Crashed"]
    one = pickle.loads(pickle.dumps(run_job(failing, CheckOne(ReplyInput(reply=SECRET)))))
    assert isinstance(one, Crashed) and one.rule == "order_lookup" and one.plugin is None
    assert one.where.endswith(f":{BUGGY_LINE}, in _lookup")
    assert "SECRET" not in repr(one)


def test_a_failure_outside_any_rule_says_so() -> None:
    with pytest.raises(KeyError) as raised:
        {}["x"]
    described = crashed(raised.value)
    assert described.rule is None and described.plugin is None
    assert described.error().startswith("internal error in replylint: the check failed (KeyError)")
    assert "disable" not in described.error()


def test_the_openapi_document_says_so(api: Any) -> None:
    paths = api.request("GET", "/openapi.json").json()["paths"]
    assert (
        "a rule failed on the reply"
        in paths["/v1/check"]["post"]["responses"]["500"]["description"].lower()
    )
    assert "one a rule failed on" in paths["/v1/check-many"]["post"]["description"]
