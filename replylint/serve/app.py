"""The ASGI application: the API (``/v1``), the probes and the live draft page.

One :class:`~replylint.Linter` per worker process, built before the worker accepts its
first connection (so a worker that is still loading takes no traffic, and ``/readyz``
answers 200 only with the pipeline and the checks model in memory). Checks run in the
thread pool, so the event loop stays free for other requests while spaCy works; the
Linter is thread-safe. Every refusal is a one-line JSON ``{"error": ...}``, never a
traceback.

Run it with ``replylint serve``; :func:`create_app` is for embedding and tests.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, TypeVar

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from replylint.linter import InputError, Linter, ReplyError, ReplyInput
from replylint.report import SCHEMA_VERSION, Report
from replylint.serve.models import (
    CheckManyRequest,
    CheckManyResponse,
    ErrorBody,
    Health,
    Readiness,
    RuleInfo,
)
from replylint.serve.security import Guard
from replylint.serve.settings import ServeSettings, api_token

T = TypeVar("T")
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
        415: "The body is not sent as application/json.",
        422: "A field is missing or has the wrong type, or the reply cannot be checked.",
        503: "The service is still loading, or the check took longer than the time limit.",
    }.items()
}


class Refusal(Exception):
    """A request the service answers with ``status`` and a one-line ``error``."""

    def __init__(self, status: int, error: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error


@dataclass
class Service:
    """What a worker holds: its settings and, once loaded, its linter and rule list."""

    settings: ServeSettings
    linter: Linter | None = None
    rules: list[RuleInfo] = field(default_factory=list)
    #: Checks running at once in this worker. Checking is CPU work under the GIL: more
    #: threads than this only take turns, so the rest wait in line (which keeps the
    #: latency of each request short) instead of all slowing down together.
    concurrent_checks: int = 2
    _limiter: anyio.CapacityLimiter | None = None

    def load(self, linter: Linter | None = None) -> None:
        self.linter = linter if linter is not None else Linter(self.settings.linter)
        self.rules = [
            RuleInfo(
                id=rule.id,
                check=rule.check_name,
                severity=rule.severity,
                standard=rule.standard,
                rationale=rule.rationale,
                weight=rule.weight,
            )
            for rule in self.linter.rules
        ]

    def ready(self) -> Linter:
        if self.linter is None:
            raise Refusal(503, "the service is still loading its pipeline; retry in a moment")
        return self.linter

    async def run(self, work: Callable[[], T]) -> T:
        """``work`` in the thread pool, within the time limit. A check past the limit is
        abandoned (its thread finishes on its own) and the client gets a 503."""
        limit = self.settings.timeout
        try:
            with anyio.fail_after(limit):
                if self._limiter is None:  # made inside the event loop that uses it
                    self._limiter = anyio.CapacityLimiter(self.concurrent_checks)
                return await anyio.to_thread.run_sync(
                    work, abandon_on_cancel=True, limiter=self._limiter
                )
        except TimeoutError:
            raise Refusal(
                503, f"the check took longer than the {limit:g} s limit; send a shorter reply"
            ) from None


def create_app(
    settings: ServeSettings | None = None,
    *,
    linter: Linter | None = None,
    token: str | None = None,
    token_from_env: bool = True,
) -> Any:
    """The service as an ASGI application. ``linter``: one already built (else it is
    built at start-up from ``settings.linter``); ``token``: the bearer token, by default
    read from ``REPLYLINT_API_TOKEN``. Returns the guarded ASGI app."""
    settings = settings if settings is not None else ServeSettings()
    if token is None and token_from_env:
        token = api_token()
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if service.linter is None:
            await anyio.to_thread.run_sync(service.load, linter)
        yield

    app = FastAPI(
        title="replylint",
        summary="Reply-quality checks for customer-support messages.",
        version=SCHEMA_VERSION,
        docs_url=None,  # the interactive docs load scripts from a CDN: not offline, not CSP-safe
        redoc_url=None,
        lifespan=lifespan,
    )
    if linter is not None:
        service.load(linter)
    _add_error_handlers(app)
    _add_api(app, service)
    _add_page(app)
    guarded: Any = Guard(
        app, token=token, max_body_bytes=settings.max_body_bytes, timeout=settings.timeout
    )
    if settings.cors_origins:
        guarded = CORSMiddleware(
            guarded,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    guarded.service = service  # for tests and embedders: the worker's state
    guarded.fastapi = app
    return guarded


def app_from_environment() -> Any:
    """The factory each ``--workers`` process calls: settings from the environment."""
    return create_app(ServeSettings.from_env())


def _add_api(app: FastAPI, service: Service) -> None:
    settings = service.settings

    @app.post(
        "/v1/check",
        response_model=Report,
        responses=ERRORS,
        summary="Check one reply; the answer is `replylint check --format json`'s report.",
    )
    async def check(item: ReplyInput) -> Response:
        linter = service.ready()

        def work() -> Report:
            return linter.check(
                item.reply,
                channel=item.channel,
                customer_message=item.customer_message,
                customer_name=item.customer_name,
                input_format=item.input_format,
                disable=item.disable,
                template=item.template,
            )

        try:
            report = await service.run(work)
        except InputError as exc:
            raise Refusal(422, f"reply: {exc}") from None
        if settings.log_replies:
            _log_reply(item, report)
        return _json(report.model_dump_json())

    many_schema = CheckManyRequest.model_json_schema(ref_template="#/components/schemas/{model}")
    many_schema.pop("$defs", None)
    many_schema["properties"]["items"]["maxItems"] = settings.max_items

    @app.post(
        "/v1/check-many",
        response_model=CheckManyResponse,
        responses=ERRORS,
        summary="Check up to max-items replies; one result per item, in order.",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": many_schema}},
            }
        },
    )
    async def check_many(request: Request) -> Response:
        linter = service.ready()
        raw = _items(await request.body(), settings.max_items)
        parsed = [_reply_input(index, item) for index, item in enumerate(raw)]
        valid = [p for p in parsed if isinstance(p, ReplyInput)]

        def work() -> list[Report | ReplyError]:
            return list(linter.check_many(valid, batch_size=32))

        checked = iter(await service.run(work))
        results: list[str] = []
        for index, item in enumerate(parsed):
            if isinstance(item, ReplyError):
                results.append(item.model_dump_json())
                continue
            outcome = next(checked)
            if isinstance(outcome, ReplyError):  # index among the valid ones: restore it
                outcome = outcome.model_copy(update={"index": index})
            elif settings.log_replies:
                _log_reply(item, outcome)
            results.append(outcome.model_dump_json())
        return _json('{"results":[' + ",".join(results) + "]}")

    @app.get("/v1/rules", response_model=list[RuleInfo], responses=ERRORS)
    async def rules() -> list[RuleInfo]:
        service.ready()
        return service.rules

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
        linter = service.linter
        body = Readiness(
            status="ready" if linter is not None else "loading",
            schema_version=SCHEMA_VERSION,
            model=linter.config.model if linter is not None else None,
        )
        return _json(body.model_dump_json(), 200 if linter is not None else 503)


def _add_page(app: FastAPI) -> None:
    """The live draft page and its script and style, read once from the package."""
    folder = resources.files("replylint.serve") / "static"
    page = (folder / "index.html").read_bytes()
    assets = {name: ((folder / name).read_bytes(), kind) for name, kind in STATIC.items()}

    @app.get("/", include_in_schema=False)
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


def _add_error_handlers(app: FastAPI) -> None:
    async def refused(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refusal)
        return _error(exc.status, exc.error)

    async def invalid(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return _error(400, "the body is not valid JSON; send one JSON object, UTF-8 encoded")
        return _unprocessable(errors)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            message = f"no such endpoint {request.url.path}; see /openapi.json for the API"
        elif exc.status_code == 400:  # FastAPI could not decode the body at all
            message = "the body is not valid JSON; send one JSON object, UTF-8 encoded"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        return _error(exc.status_code, message)

    async def crashed(_: Request, exc: Exception) -> Response:
        LOG.error("internal error: %s", type(exc).__name__)
        return _error(500, "internal error in replylint; the server log says more")

    app.add_exception_handler(Refusal, refused)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, crashed)


def _items(body: bytes, max_items: int) -> list[Any]:
    """The raw items of a check-many body: 400 for bad JSON, 422 for a wrong shape, 413
    for too many (checked before any item is validated)."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Refusal(
            400, "the body is not valid JSON; send one JSON object, UTF-8 encoded"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise Refusal(422, 'the body must be an object with a list of replies: {"items": [...]}')
    extra = sorted(set(data) - {"items"})
    if extra:
        raise Refusal(422, f"{extra[0]}: unknown field; the body has only 'items'")
    items: list[Any] = data["items"]
    if len(items) > max_items:
        raise Refusal(
            413,
            f"{len(items)} replies is over the limit of {max_items} per request; "
            "split them (the limit is replylint serve's --max-items)",
        )
    return items


def _reply_input(index: int, item: Any) -> ReplyInput | ReplyError:
    """One check-many item as a reply, or the error that takes its place."""
    item_id = item.get("id") if isinstance(item, dict) else None
    try:
        return ReplyInput.model_validate(item)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "item"
        return ReplyError(
            id=item_id if isinstance(item_id, str) else None,
            index=index,
            error=f"{where}: {error['msg']}",
        )


def _unprocessable(errors: Any) -> Response:
    """422 naming the first bad field; the input values are left out (customer text)."""
    fields = [
        {
            "loc": [p for p in e.get("loc", ()) if p != "body"],
            "msg": e.get("msg"),
            "type": e.get("type"),
        }
        for e in errors
    ]
    first = fields[0] if fields else {"loc": [], "msg": "invalid body"}
    where = ".".join(str(p) for p in first["loc"]) or "body"
    body = ErrorBody(error=f"{where}: {first['msg']}", errors=fields)
    return _json(body.model_dump_json(exclude_none=True), 422)


def _log_reply(item: ReplyInput, report: Report) -> None:
    """Only with --log-replies: the reply and what was found in it."""
    found = ",".join(f.rule for f in report.findings) or "-"
    LOG.info("reply score=%d findings=%s text=%r", report.score, found, item.reply)


def _error(status: int, message: str) -> Response:
    return _json(json.dumps({"error": message}), status)


def _json(content: str, status: int = 200) -> Response:
    return Response(content, status_code=status, media_type="application/json")
