"""The ASGI application: the API (``/v1``), the probes and the live draft page.

This process parses, validates and answers; the checks themselves run elsewhere (a
:class:`~replylint.serve.dispatch.Checker`): in ``replylint serve``'s pool of worker
processes, each with its own :class:`~replylint.Linter`, or in threads on a linter given
to :func:`create_app`. ``/readyz`` answers 200 only once the checks can run (every
worker's pipeline and checks model in memory). Every refusal is a one-line JSON
``{"error": ...}``, never a traceback.

``POST /v1/check``, the call a ticket system makes for every reply, is answered by
:class:`CheckEndpoint` in front of FastAPI, the rest by FastAPI (which also describes
``/v1/check`` in the OpenAPI document, and answers it the same way when called directly).

Run it with ``replylint serve``; :func:`create_app` is for embedding and tests.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any

import anyio
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException as StarletteHTTPException

from replylint import __version__
from replylint.reply_input import CHANNEL_NAMES, ReplyError, ReplyInput, number_id
from replylint.report import SCHEMA_VERSION, Channel
from replylint.serve.cors import JsonCORSMiddleware
from replylint.serve.crash import Crashed, crashed
from replylint.serve.dispatch import (
    Busy,
    Checker,
    CheckTimeout,
    InProcess,
    Stopping,
    WorkerLost,
)
from replylint.serve.gone import ClientGone, unless_gone
from replylint.serve.invalid import (
    MAX_LISTED,
    REPLY_FIELDS,
    Found,
    Problem,
    more,
    problems,
    reply_errors,
    summary,
)
from replylint.serve.jobs import (
    Checked,
    CheckedMany,
    CheckMany,
    CheckOne,
    Job,
    Outcome,
    Refused,
)
from replylint.serve.models import (
    CheckManyRequest,
    CheckManyResponse,
    ErrorBody,
    Health,
    Readiness,
    RuleInfo,
    ServedReport,
    error_json,
)
from replylint.serve.offsets import OffsetUnit
from replylint.serve.pool import WorkerPool
from replylint.serve.repeated_keys import RepeatedKey, loads
from replylint.serve.security import BODY_METHODS, ASGIApp, Guard, Receive, Scope, Send
from replylint.serve.settings import ServeSettings, api_token
from replylint.wording import counted

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from replylint.linter import Linter

LOG = logging.getLogger("replylint.serve")

#: The page may load its own script and style and call its own API; nothing else (no
#: inline script, no other host): a reply pasted into it can never run as code.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
STATIC = {
    "page.js": "text/javascript; charset=utf-8",
    "page.css": "text/css; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": why}
    for status, why in {
        400: "The body is not valid JSON.",
        401: "REPLYLINT_API_TOKEN is set and the bearer token is missing or wrong.",
        408: "The body was not sent within the time limit.",
        413: "The body, or the list of replies, is over the limit.",
        415: "The body is not sent as application/json, or is compressed "
        "(a Content-Encoding other than identity).",
        422: "A field is missing or has the wrong type, a key is given twice in one object, "
        "the reply cannot be checked, or a query parameter is unknown or its value is not "
        "one of those allowed.",
        500: "A rule failed on the reply (a bug in replylint, or in a rule plugin): the "
        "error names it; the reply is not at fault and fails again if sent again. Tell "
        "the service's operator: the server log says where, and `replylint serve "
        "--ignore RULE` leaves the rule out.",
        503: "The service is still loading, busy (retry after the Retry-After header's "
        "seconds), or the check took longer than the time limit (the service overloaded, "
        "its worker stuck, or a reply too long to check in time: the error says what to "
        "do about each; for check-many the whole request is refused).",
    }.items()
}

#: What ``GET /v1/rules`` may answer besides the list: it has no body and no query to
#: refuse, so the body's and the checks' errors (400, 408, 413, 415, 422) are not listed
#: for it (a client generated from the OpenAPI document handled cases that never come).
RULES_ERRORS: dict[int | str, dict[str, Any]] = {
    401: ERRORS[401],
    503: {"model": ErrorBody, "description": "The service is still loading; retry after the "
          "Retry-After header's seconds."},
}  # fmt: skip

#: Seconds a client told "busy" is asked to wait before it retries (``Retry-After``).
RETRY_AFTER_SECONDS = 1
CHECK_PATH = "/v1/check"
#: The query parameters the check endpoints take; any other is refused.
CHECK_PARAMETERS = ("offsets",)
OFFSETS_HELP = (
    "What the findings' `start` and `end` count: `codepoints` (Python's string indices, "
    "the default), `utf16` (code units: JavaScript, Java, C# strings) or `utf8` (bytes: "
    "Go, Rust). A finding's `text` is the same in any unit. When given, each report "
    "says the unit in its `offsets` field."
)
#: ``?offsets=`` on the check endpoints, as FastAPI validates and describes it on the
#: routes (which read it with :func:`_offsets_asked`: absent is not the same answer as
#: ``codepoints``, which says its unit).
OffsetsQuery = Annotated[OffsetUnit, Query(description=OFFSETS_HELP)]
_OFFSET_UNIT: TypeAdapter[OffsetUnit] = TypeAdapter(OffsetUnit)
NOT_JSON = "the body is not valid JSON; send one JSON object, UTF-8 encoded"
EMPTY_BODY = "the body is empty; send one JSON object, UTF-8 encoded: {example}"
#: A body of valid JSON that nests lists or objects deeper than it can be read: "not
#: valid JSON" sent its sender looking for a syntax error it did not have.
TOO_DEEP = (
    "the body nests lists or objects too deeply to be read; send one JSON object of a "
    "reply's fields (a check-many body: one list of them)"
)
REPEATED_KEY = (
    "key given {times} times in one object; give it once (only one of its values would be read)"
)


class Refusal(Exception):
    """A request the service answers with ``status`` and a one-line ``error``;
    ``retry``: a 503 the client should retry after ``Retry-After`` seconds; ``problems``:
    a 422's ``errors``, each problem on its own (every 422 has one or more)."""

    def __init__(
        self,
        status: int,
        error: str,
        *,
        retry: bool = False,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.retry = retry
        self.problems = problems


class _Invalid(RequestValidationError):
    """A body that is not a valid reply, as FastAPI's validation would refuse it, with
    the first problems only (see :func:`~replylint.serve.invalid.reply_errors`) and
    their number in all."""

    def __init__(self, found: Found) -> None:
        super().__init__([{**error, "loc": ("body", *error["loc"])} for error in found.errors])
        self.count = found.count


@dataclass
class Service:
    """The application's state: its settings and what runs its checks. ``channel_names``:
    the team's own names for a channel (the configuration's ``[channel-names]``), read
    where a request's body is read, before the checks."""

    settings: ServeSettings
    checker: Checker
    channel_names: Mapping[str, Channel] = field(default_factory=dict)

    def reply(self, data: Any, *, from_attributes: bool = False) -> ReplyInput:
        """``data`` validated as a reply, its channel read with the team's names first
        (raises pydantic's ``ValidationError``)."""
        return ReplyInput.model_validate(
            data, from_attributes=from_attributes, context={CHANNEL_NAMES: self.channel_names}
        )

    def ready(self) -> Checker:
        if not self.checker.ready:
            raise Refusal(503, self._not_ready(), retry=True)
        return self.checker

    def _not_ready(self) -> str:
        checker = self.checker
        if not isinstance(checker, WorkerPool) or not checker.replacing:
            return "the service is still loading its pipeline; retry in a moment"
        if checker.size == 1:  # the default: no other worker answers meanwhile
            return (
                "the service's only check worker is being replaced (it was stopped at the "
                "time limit, or died); retry in a moment (replylint serve --workers 2 or "
                "more keeps answering meanwhile)"
            )
        return (
            "every check worker of the service is being replaced (each was stopped at the "
            "time limit, or died); retry in a moment"
        )

    async def run(self, job: Job, receive: Receive | None = None) -> Outcome:
        """The job's outcome within the time limit, or the 503 or 500 that says why not.
        ``receive``: the request's, its body read: a client that closes its connection
        meanwhile has its check dropped (:mod:`replylint.serve.gone`)."""
        checker = self.ready()
        limit = self.settings.timeout
        try:
            work = checker.run(job, limit)
            outcome = await (work if receive is None else unless_gone(work, receive))
        except ClientGone:
            LOG.info("a client closed its connection before its answer: its check was dropped")
            raise Refusal(499, "the client closed its connection before its answer") from None
        except Busy as exc:
            raise Refusal(
                503,
                f"the service is busy ({exc.waiting} requests are waiting for a check "
                "worker); retry in a moment",
                retry=True,
            ) from None
        except CheckTimeout as exc:
            if exc.queued:
                raise Refusal(
                    503,
                    f"the service is busy (no check worker was free within the {limit:g} s "
                    "limit); retry in a moment",
                    retry=True,
                ) from None
            replaced = isinstance(checker, WorkerPool)  # (threads cannot be stopped)
            raise Refusal(503, _too_slow(job, limit, replaced=replaced)) from None
        except Stopping as exc:
            when = (
                "it was stopped while this request was checked, and its check was lost"
                if exc.checking
                else "it stopped before a check worker was free for this request, which "
                "was not checked"
            )
            raise Refusal(
                503,
                f"the service is stopping: {when}; send it again once the service is "
                "back, or to another instance",
                retry=True,
            ) from None
        except WorkerLost:
            raise Refusal(
                503,
                "the check stopped twice: the worker processes checking this reply died; "
                "retry later, and report it if it happens again",
            ) from None
        if isinstance(outcome, Crashed):
            LOG.error("%s", outcome.log_line("a reply"))
            raise Refusal(500, outcome.error())
        return outcome


def _too_slow(job: Job, limit: float, *, replaced: bool) -> str:
    """Why a check past the time limit was refused, and what the caller can change.
    The time may have gone to a machine that is overloaded or a worker that is stuck
    (stopped, swapping) as well as to a long reply: "send a shorter reply", said to a
    reply of a few words, sent its sender to trim a reply that was not at fault. Both
    are said, with the length of what was sent to tell them apart, and what became of
    the check: a pool's worker (``replaced``) is stopped and replaced, so the request
    can be sent again. No Retry-After: sent again at once, a reply too long to check in
    time would stop the next worker too. A check-many is one job, stopped as a whole
    (the reports made so far are lost with the worker), so a batch is told to send
    fewer items rather than a shorter reply."""
    stopped = ", so its worker was stopped and is being replaced" if replaced else ""
    stuck = "the service is overloaded" + (" or its worker was stuck" if replaced else "")
    more_time = "or start replylint serve with a larger --timeout"
    if isinstance(job, CheckOne):
        length = counted(len(job.item.reply), "character")
        return (
            f"the check took longer than the {limit:g} s limit{stopped}; if {stuck}, send "
            f"the reply again in a moment; if the reply ({length}) is too long to check in "
            f"time, send a shorter one, {more_time}"
        )
    replies = counted(len(job.items), "reply", "replies")
    length = counted(sum(len(item.reply) for item in job.items), "character")
    return (
        f"the check of {replies} ({length} in all) took longer than the {limit:g} s limit "
        f"(the whole request is refused){stopped}; if {stuck}, send the request again in "
        "a moment; if the replies are too many or too long to check in time, send fewer "
        f"items per request (or shorter replies), {more_time}"
    )


def create_app(
    settings: ServeSettings | None = None,
    *,
    linter: Linter | None = None,
    pool: WorkerPool | None = None,
    token: str | None = None,
    token_from_env: bool = True,
) -> Any:
    """The service as an ASGI application. The checks run in ``pool`` (started at
    start-up if it is not yet), or in threads of this process on ``linter``, or else in
    a pool of ``settings.workers`` processes started at start-up; the pool is stopped at
    shutdown. ``token``: the bearer token, by default read from ``REPLYLINT_API_TOKEN``.
    Returns the guarded ASGI app."""
    settings = settings if settings is not None else ServeSettings()
    if token is None and token_from_env:
        token = api_token()
    checker: Checker
    if linter is not None:
        checker = InProcess(linter, max_queue=settings.max_queue)
    elif pool is not None:
        checker = pool
    else:
        checker = WorkerPool(settings.linter, settings.workers, max_queue=settings.max_queue)
    # the names of the configuration the checks run with (an embedder's linter's own)
    config = linter.config if linter is not None else settings.linter
    service = Service(settings, checker, channel_names=config.channel_names)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if isinstance(service.checker, WorkerPool):
            if not service.checker.started:
                await anyio.to_thread.run_sync(service.checker.start)
            service.checker.watch()  # a worker that dies idle is replaced at once
        try:
            yield
        finally:
            await service.checker.aclose()

    app = FastAPI(
        title="replylint",
        summary="Reply-quality checks for customer-support messages.",
        version=__version__,
        docs_url=None,  # the interactive docs load scripts from a CDN: not offline, not CSP-safe
        redoc_url=None,
        # A path with a slash at the end ("/v1/check/") is a 404 naming the one to use,
        # not Starlette's 307 to an absolute URL: built from the Host the service sees, it
        # sends a client behind a TLS proxy to http://, where it would post the reply again.
        redirect_slashes=False,
        lifespan=lifespan,
    )
    _add_error_handlers(app)
    _add_report_schema_version(app)
    _add_api(app, service)
    _add_page(app)
    guarded: Any = Guard(
        _in_front(CheckEndpoint(service), app),
        token=token,
        max_body_bytes=settings.max_body_bytes,
        timeout=settings.timeout,
        body_routes=_body_routes(app),
    )
    if settings.cors_origins:
        guarded = JsonCORSMiddleware(
            guarded,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            # a 503's Retry-After: no header a page of another origin may read unless told
            expose_headers=["Retry-After"],
        )
    guarded.service = service  # for tests and embedders: the application's state
    guarded.fastapi = app
    return guarded


def _add_report_schema_version(app: FastAPI) -> None:
    """The OpenAPI document's ``info.version`` is the service's (the package version);
    the version of the reports it answers goes beside it, as
    ``info.x-report-schema-version``."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        document = app.openapi_schema
        if document is None:  # built once, then kept (as FastAPI keeps its own)
            document = build()
            document["info"]["x-report-schema-version"] = SCHEMA_VERSION
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _body_routes(app: FastAPI) -> frozenset[tuple[str, str]]:
    """The (method, path) pairs that take a request body: the Guard reads and limits
    the bodies of these only, and leaves a call to no such route to FastAPI's 404 or
    405 (a ``PUT /v1/check`` was refused as "send the body as JSON")."""
    return frozenset(
        (method, route.path)
        for route in app.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
        if method in BODY_METHODS
    )


def _in_front(check: CheckEndpoint, app: FastAPI) -> ASGIApp:
    """``POST /v1/check`` to ``check``, everything else (other methods and paths, the
    lifespan) to ``app``."""

    async def route(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == CHECK_PATH and scope["method"] == "POST":
            await check(scope, receive, send)
        else:
            await app(scope, receive, send)

    return route


class CheckEndpoint:
    """``POST /v1/check`` as a bare ASGI application.

    FastAPI's way to this endpoint (its middleware layers, a ``Request``, the dependency
    solver, ``json.loads`` then validation) cost the HTTP process about 0.1 ms of CPU per
    request under load, a third of its own work with a checker that answers at once
    (docs/serve.md). Here the body is read and validated by the helpers the FastAPI route
    uses, and the answer and every refusal are the ones it gives
    (``tests/serve/test_api.py`` compares the two on malformed bodies)."""

    def __init__(self, service: Service) -> None:
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            offsets = _offsets_asked(QueryParams(scope["query_string"]))
            item = _reply_from_body(self.service, await _whole_body(receive))
            answer = _json(await _check_one(self.service, item, offsets, receive))
        except Refusal as exc:
            answer = _refused(exc)
        except RequestValidationError as exc:
            answer = _invalid(exc)
        except Exception as exc:  # as FastAPI's handler of the unexpected: a 500, logged
            answer = _crashed(exc)
        await answer(scope, receive, send)


async def _whole_body(receive: Receive) -> bytes:
    """The request body (the Guard has read it already, and replays it in one piece)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            raise Refusal(400, "the request was cut off; send it again")
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _reply_from_body(service: Service, body: bytes) -> ReplyInput:
    """The body of ``POST /v1/check`` as a reply, or the refusal the FastAPI route gives
    it: read as FastAPI reads a body (``json.loads``, which also takes a UTF-16 body, a
    byte-order mark or a lone surrogate escape), a repeated key refused (see
    :func:`_json_body`), then validated as FastAPI validates it. pydantic's own reader
    (``model_validate_json``, faster by 7 to 19 µs a body: docs/serve.md) keeps a
    repeated key's last value without a word, and has no way to say."""
    if not body.strip():  # (it was a 422 "body: Field required", which says no remedy)
        raise Refusal(400, EMPTY_BODY.format(example='{"reply": "..."}'))
    data = _json_body(body)
    try:
        return service.reply(data, from_attributes=True)
    except ValidationError as exc:
        raise _Invalid(reply_errors(data, exc)) from None


def _json_body(body: bytes) -> Any:
    """A check endpoint's body as JSON: 400 when it is not JSON, 422 naming the key when
    an object gives a key twice (read as ``json.loads`` reads it, the last value would be
    checked and the others dropped without a word)."""
    try:
        return loads(body)
    except RepeatedKey as exc:
        found = [_detail("value_error", exc.loc, REPEATED_KEY.format(times=exc.times))]
        listed = problems(found)
        raise Refusal(422, summary(listed, "body"), problems=listed) from None
    except json.JSONDecodeError as exc:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body", exc.pos), "msg": "JSON decode error"}]
        ) from None
    except RecursionError:  # valid JSON, nested past the interpreter's stack
        raise Refusal(400, TOO_DEEP) from None
    except ValueError:  # not UTF-8/16/32
        raise Refusal(400, NOT_JSON) from None


def _read_as_check_endpoint(service: Service) -> Any:
    """The FastAPI route of ``POST /v1/check``'s dependency: its query and body read and
    refused as :class:`CheckEndpoint` reads them, before FastAPI validates the body its own
    way. FastAPI has read the body with ``json.loads``, which keeps a repeated key's last
    value, and pydantic refuses a key that is no valid text about no field at all."""

    async def read(request: Request) -> None:
        _offsets_asked(request.query_params)
        _reply_from_body(service, await request.body())

    return read


def _offsets_asked(query: QueryParams) -> OffsetUnit | None:
    """The unit a check request asks its offsets in (``?offsets=``), or None when it does
    not ask. Asked twice (``?offsets=utf16&offsets=utf8``) is refused rather than read as
    one of the two, as FastAPI alone would take the last. Any other query
    parameter is refused, as an unknown field of the body is: a misspelt
    ``?offset=utf16`` would be ignored, and a JavaScript client would mark every finding
    after an emoji one place off without a word said."""
    unknown = [name for name in query if name not in CHECK_PARAMETERS]
    if unknown:
        found = [
            _detail("extra_forbidden", ("query", name), "Extra inputs are not permitted")
            for name in unknown[:MAX_LISTED]
        ]
        listed = problems(found, fields=CHECK_PARAMETERS)
        raise Refusal(422, summary(listed, "query", len(unknown)), problems=listed)
    values = query.getlist("offsets")
    if not values:
        return None
    if len(values) > 1:
        found = [_detail("value_error", ("query", "offsets"), "given more than once")]
        listed = problems(found, fields=CHECK_PARAMETERS)
        raise Refusal(
            422,
            f"query.offsets: given {len(values)} times ({', '.join(values)}); give it once",
            problems=listed,
        )
    value = values[0]
    try:
        return _OFFSET_UNIT.validate_python(value)
    except ValidationError as exc:  # as FastAPI refuses it on the routes
        raise RequestValidationError(
            [{**error, "loc": ("query", "offsets")} for error in exc.errors()]
        ) from None


async def _check_one(
    service: Service, item: ReplyInput, offsets: OffsetUnit | None, receive: Receive | None
) -> str:
    """The report of one reply as JSON, its offsets in the unit asked for; a reply the
    linter refuses is a 422. ``receive``: see :meth:`Service.run`."""
    outcome = await service.run(CheckOne(item, offsets), receive)
    if isinstance(outcome, Refused):
        raise _cannot_check(outcome.error)
    assert isinstance(outcome, Checked)
    if service.settings.log_replies:
        _log_reply(item, outcome.report)
    return outcome.report


#: The ``type`` of a 422's problem when the reply is valid but the linter will not
#: check it (empty, too long, an unknown ``disable`` name).
CANNOT_CHECK = "cannot_check"


def _cannot_check(error: str) -> Refusal:
    """The linter's refusal of a reply as a 422, naming the field it is about as a
    validation error does: an error that already names its field ("disable: unknown
    rule ...") as it is, any other ("the reply is empty") as the reply's."""
    field, _, rest = error.partition(":")
    if field in ReplyInput.model_fields:
        line, message = error, rest.strip()
    else:
        field, line, message = "reply", f"reply: {error}", error
    return Refusal(422, line, problems=[{"loc": [field], "msg": message, "type": CANNOT_CHECK}])


def _add_api(app: FastAPI, service: Service) -> None:
    settings = service.settings

    @app.post(
        CHECK_PATH,
        response_model=ServedReport,
        responses=ERRORS,
        dependencies=[Depends(_read_as_check_endpoint(service))],
        summary="Check one reply; the answer is `replylint check --format json`'s report, "
        "with the reply's `id` when it has one (and `offsets` when asked).",
    )
    async def check(
        item: ReplyInput, request: Request, offsets: OffsetsQuery = "codepoints"
    ) -> Response:
        # served by CheckEndpoint; this route describes it, and answers direct callers
        # (``offsets``: validated and described by FastAPI, read as CheckEndpoint reads it)
        asked = _offsets_asked(request.query_params)
        return _json(await _check_one(service, item, asked, request.receive))

    many_schema = CheckManyRequest.model_json_schema(ref_template="#/components/schemas/{model}")
    many_schema.pop("$defs", None)
    many_schema["properties"]["items"]["maxItems"] = settings.max_items

    @app.post(
        "/v1/check-many",
        response_model=CheckManyResponse,
        responses=ERRORS,
        summary="Check up to max-items replies; one result per item, in order, each with "
        "its item's `id`. Past the time limit the whole request is refused.",
        description="An item that cannot be checked gets `{id, index, error}` in its place "
        "and the others are still checked: an item that is no valid reply (the error says "
        "what /v1/check's 422 says), one the linter refuses (empty, too long), or one a "
        "rule failed on (the error says what /v1/check's 500 says: which rule, and what "
        "the service's operator can do; the server log says where).",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": many_schema}},
            }
        },
    )
    async def check_many(request: Request, offsets: OffsetsQuery = "codepoints") -> Response:
        asked = _offsets_asked(request.query_params)  # ``offsets``: as for /v1/check
        service.ready()
        raw = _items(await request.body(), settings.max_items)
        parsed = [_reply_input(service, index, item) for index, item in enumerate(raw)]
        valid = tuple(p for p in parsed if isinstance(p, ReplyInput))
        outcome = await service.run(CheckMany(valid, asked), request.receive)
        assert isinstance(outcome, CheckedMany)
        checked = iter(outcome.results)
        results: list[str] = []
        for index, item in enumerate(parsed):
            if isinstance(item, ReplyError):
                results.append(error_json(item))
                continue
            result = next(checked)
            if isinstance(result, Crashed):  # a rule failed on it: logged, and said
                LOG.error("%s", result.log_line(f"item {index} of a check-many"))
                result = ReplyError(id=item.id, index=index, error=result.error())
            if isinstance(result, ReplyError):  # index among the valid ones: restore it
                results.append(error_json(result.model_copy(update={"index": index})))
                continue
            if settings.log_replies:
                _log_reply(item, result)
            results.append(result)
        return _json('{"results":[' + ",".join(results) + "]}")

    @app.get("/v1/rules", response_model=list[RuleInfo], responses=RULES_ERRORS)
    async def rules() -> list[RuleInfo]:
        return service.ready().rules

    @app.get("/healthz", response_model=Health, summary="Alive (the process answers).")
    async def healthz() -> Health:
        return Health(pid=os.getpid())

    @app.get(
        "/readyz",
        response_model=Readiness,
        responses={503: {"model": Readiness, "description": "Still loading."}},
        summary="Ready: the pipeline and the checks model are loaded.",
    )
    async def readyz() -> Response:
        ready = service.checker.ready
        body = Readiness(
            status="ready" if ready else "loading",
            version=__version__,
            schema_version=SCHEMA_VERSION,
            model=service.checker.model if ready else None,
        )
        return _json(body.model_dump_json(), 200 if ready else 503)

    # a load balancer may probe with HEAD: the status GET gives (uvicorn sends no body)
    for path, probe in (("/healthz", healthz), ("/readyz", readyz)):
        app.add_api_route(path, probe, methods=["HEAD"], include_in_schema=False)


def _add_page(app: FastAPI) -> None:
    """The live draft page and its script and style, read once from the package."""
    folder = resources.files("replylint.serve") / "static"
    page = (folder / "index.html").read_bytes()
    assets = {name: ((folder / name).read_bytes(), kind) for name, kind in STATIC.items()}

    # an uptime monitor may probe the page with HEAD (UptimeRobot does by default)
    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def index() -> Response:
        return Response(
            page,
            media_type="text/html; charset=utf-8",
            headers={"content-security-policy": PAGE_CSP, "cache-control": "no-cache"},
        )

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        if name not in assets:
            raise Refusal(404, f"no such file /static/{name}")
        content, kind = assets[name]
        return Response(content, media_type=kind, headers={"cache-control": "no-cache"})


def _path_to_use(app: FastAPI, path: str) -> str:
    """What a 404 tells the client: the endpoint it meant when its path is one with a
    slash at the end (``/v1/check/``), else where the API is described."""
    trimmed = path.rstrip("/")
    if trimmed != path and any(getattr(r, "path", None) == trimmed for r in app.routes):
        return f"use {trimmed}, without the slash at the end"
    return "see /openapi.json for the API"


def _add_error_handlers(app: FastAPI) -> None:
    async def refused(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refusal)
        return _refused(exc)

    async def invalid(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _invalid(exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            message = f"no such endpoint {request.url.path}; " + _path_to_use(app, request.url.path)
        elif exc.status_code == 400:  # FastAPI could not decode the body at all
            message = TOO_DEEP if isinstance(exc.__cause__, RecursionError) else NOT_JSON
        elif exc.status_code == 405:
            allowed = (exc.headers or {}).get("Allow", "")
            message = f"{request.method} is not allowed on {request.url.path}"
            message += f"; use {allowed}" if allowed else ""
        else:
            message = str(exc.detail)
        answer = _error(exc.status_code, message)
        answer.headers.update(exc.headers or {})  # a 405's Allow
        return answer

    async def crashed(_: Request, exc: Exception) -> Response:
        return _crashed(exc)

    app.add_exception_handler(Refusal, refused)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, crashed)


def _refused(exc: Refusal) -> Response:
    problems = exc.problems
    if exc.status == 422 and not problems:  # every 422 lists one problem or more
        problems = [{"loc": [], "msg": exc.error, "type": "value_error"}]
    answer = _error(exc.status, exc.error, problems)
    if exc.retry:
        answer.headers["retry-after"] = str(RETRY_AFTER_SECONDS)
    return answer


def _invalid(exc: RequestValidationError) -> Response:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return _error(400, NOT_JSON)
    return _unprocessable(errors, exc.count if isinstance(exc, _Invalid) else len(errors))


def _crashed(exc: Exception) -> Response:
    """A bug in the HTTP process itself, logged and said as :mod:`~replylint.serve.crash`
    says one in the checks."""
    described = crashed(exc)
    LOG.error("%s", described.log_line("a request"))
    return _error(500, described.error())


def _items(body: bytes, max_items: int) -> list[Any]:
    """The raw items of a check-many body: 400 for bad JSON, 422 for a key given twice
    (anywhere: the whole request, since which value was meant is the client's to say) or
    a wrong shape, 413 for too many (checked before any item is validated)."""
    if not body.strip():  # (as /v1/check says it)
        raise Refusal(400, EMPTY_BODY.format(example='{"items": [{"reply": "..."}]}'))
    try:
        data = _json_body(body)
    except RequestValidationError:  # not JSON: as _invalid answers it
        raise Refusal(400, NOT_JSON) from None
    found = _shape(data)
    if found.errors:
        listed = problems(found.errors, fields=("items",))
        if isinstance(data, dict) and "items" not in data and data.keys() & set(REPLY_FIELDS):
            line = (  # one reply, sent to the batch endpoint
                "the body is one reply: send it to /v1/check, or here as a list of "
                'replies: {"items": [{"reply": "..."}, ...]}'
            )
        elif found.errors[0]["type"] == "extra_forbidden":
            line = f"{listed[0]['loc'][0]}: unknown field; the body has only 'items'"
        else:
            line = 'the body must be an object with a list of replies: {"items": [...]}'
        raise Refusal(422, line + more(listed, found.count), problems=listed)
    items: list[Any] = data["items"]
    if len(items) > max_items:
        raise Refusal(
            413,
            f"{len(items)} replies is over the limit of {max_items} per request; "
            "split them (the limit is replylint serve's --max-items)",
        )
    return items


def _shape(data: Any) -> Found:
    """What is wrong with a check-many body as a whole (its items are read one by one
    later), in pydantic's terms: no object, no list of ``items``, other keys (the first
    few, and how many)."""
    if not isinstance(data, dict):
        return Found([_detail("dict_type", (), "Input should be a valid dictionary")], 1)
    items: list[ErrorDetails] = []
    if "items" not in data:
        items.append(_detail("missing", ("items",), "Field required"))
    elif not isinstance(data["items"], list):
        items.append(_detail("list_type", ("items",), "Input should be a valid list"))
    unknown = [key for key in data if key != "items"]
    listed = items + [
        _detail("extra_forbidden", (key,), "Extra inputs are not permitted")
        for key in unknown[:MAX_LISTED]
    ]
    return Found(listed[:MAX_LISTED], len(items) + len(unknown))


def _detail(kind: str, loc: tuple[int | str, ...], message: str) -> ErrorDetails:
    return {"type": kind, "loc": loc, "msg": message, "input": None}


def _reply_input(service: Service, index: int, item: Any) -> ReplyInput | ReplyError:
    """One check-many item as a reply, or the error that takes its place (in the words
    of ``/v1/check``'s 422)."""
    try:
        return service.reply(item)
    except ValidationError as exc:
        found = reply_errors(item, exc)
        return ReplyError(
            id=_item_id(item),
            index=index,
            error=summary(problems(found.errors), "item", found.count),
        )


def _item_id(item: Any) -> str | None:
    """The ``id`` of an item that is not a valid reply, read as a valid one's is
    (``ReplyInput``: a whole number, ``7`` or ``7.0``, is the same id as text), so that
    its error result can be joined to the ticket too; None when it has no id a reply
    could have."""
    value = item.get("id") if isinstance(item, dict) else None
    text = number_id(value)
    if text is not None:
        return text
    return value if isinstance(value, str) else None


def _unprocessable(errors: Any, count: int) -> Response:
    """422 naming the first bad field (and any unknown one) of the first few, and how
    many more there were; the input values are left out (customer text)."""
    fields = problems(errors)
    if not fields:
        return _refused(Refusal(422, "body: invalid body"))
    return _error(422, summary(fields, "body", count), fields)


def _log_reply(item: ReplyInput, report_json: str) -> None:
    """Only with --log-replies: the reply and what was found in it."""
    report = json.loads(report_json)
    found = ",".join(f["rule"] for f in report["findings"]) or "-"
    score = "n/a" if report["score"] is None else report["score"]  # null: not in English
    LOG.info("reply score=%s findings=%s text=%r", score, found, item.reply)


def _error(status: int, message: str, problems: list[Problem] | None = None) -> Response:
    """``{"error": message}``, with ``errors`` when there are ``problems``. Written by
    ``json.dumps``, which writes any string (a lone surrogate in a name the message
    quotes too), where pydantic's ``model_dump_json`` refuses one."""
    body: dict[str, Any] = {"error": message}
    if problems:
        body["errors"] = problems
    return _json(json.dumps(body), status)


def _json(content: str, status: int = 200) -> Response:
    return Response(content, status_code=status, media_type="application/json")
