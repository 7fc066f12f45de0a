"""``replylint serve``: the HTTP API and the live draft page (needs the ``serve`` extra).

One uvicorn process serves HTTP; the checks run in ``--workers`` processes behind one
queue (:mod:`replylint.serve.pool`), so every worker gets its share of the work however
the clients' keep-alive connections arrive. The workers load their linters before
anything is bound, so a bad config file is the usual one-line error (exit 2). FastAPI and
uvicorn are imported only here, when the command runs, so ``import replylint`` never
needs them.
"""

from __future__ import annotations

import argparse
import errno
import logging
import math
import signal
import socket
import sys
from types import FrameType
from typing import TYPE_CHECKING

from replylint.cli.options import (
    EXIT_OK,
    UsageError,
    add_config_options,
    add_rule_options,
    settings_with_rule_options,
)
from replylint.serve.settings import ServeSettings, SettingsError, api_token, origin_problem

if TYPE_CHECKING:
    import uvicorn

    from replylint.cli.options import Subparsers


MISSING_EXTRA = "replylint serve needs the serve extra: pip install 'replylint[serve]'"
#: Seconds a keep-alive connection may stay silent after an answer before it is closed
#: (uvicorn's ``timeout_keep_alive``, set here so that docs/serve.md can say it). It is
#: the only limit uvicorn puts on a connection's time: the request line and headers have
#: none (uvicorn has no such setting), so a connection that sends nothing, or its headers
#: a byte at a time, is held as long as its client likes; docs/serve.md says what to put
#: in front where that matters.
KEEP_ALIVE_SECONDS = 5
#: Longest wait, on a forced stop, for the requests refused to be answered.
FORCED_ANSWER_SECONDS = 2.0


def add_parser(subparsers: Subparsers) -> None:
    serve = subparsers.add_parser("serve", help="serve the HTTP API and the live draft page")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this host only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free)")
    defaults = ServeSettings()
    serve.add_argument(
        "--workers",
        type=int,
        default=defaults.workers,
        metavar="N",
        help="check worker processes, each with its own pipeline; about one per core, and "
        "2 or more to keep answering while one is replaced "
        f"(default {defaults.workers})",
    )
    serve.add_argument(
        "--max-queue",
        type=int,
        default=defaults.max_queue,
        metavar="N",
        help="requests that may wait for a free worker; more get 503 with Retry-After "
        f"(default {defaults.max_queue})",
    )
    serve.add_argument(
        "--max-body-bytes",
        type=int,
        default=defaults.max_body_bytes,
        metavar="N",
        help=f"refuse larger request bodies with 413 (default {defaults.max_body_bytes:,})",
    )
    serve.add_argument(
        "--max-items",
        type=int,
        default=defaults.max_items,
        metavar="N",
        help=f"most replies in one /v1/check-many request (default {defaults.max_items})",
    )
    serve.add_argument(
        "--timeout",
        type=float,
        default=defaults.timeout,
        metavar="SECONDS",
        help="time to send a body, and to check it, waiting for a worker included; a "
        f"worker past it is stopped and replaced (default {defaults.timeout:g})",
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let pages from this origin call the API, e.g. https://acme.zendesk.com "
        "(repeatable; default: CORS off)",
    )
    serve.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="log one line per request: client, method, path, status (default: on)",
    )
    serve.add_argument(
        "--log-replies",
        action="store_true",
        help="log each reply's text and findings (default: customer text is never logged)",
    )
    serve.add_argument(
        "--template",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="read replies as macro templates unless a request says otherwise "
        "(default: the config's `template`)",
    )
    add_rule_options(serve)
    add_config_options(serve, "the current folder")
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from replylint.serve.app import create_app
        from replylint.serve.pool import PoolStartError, WorkerPool
    except ImportError:
        raise UsageError(MISSING_EXTRA) from None
    settings = _serve_settings(args)
    try:
        token = api_token()
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    problem = address_problem(args.host, args.port)  # before seconds of loading workers
    if problem is not None:
        raise UsageError(problem)
    _log_to_stderr()
    pool = WorkerPool(settings.linter, settings.workers, max_queue=settings.max_queue)
    try:
        pool.start()  # every worker loads its linter: a bad config is exit 2, nothing bound
    except PoolStartError as exc:
        raise UsageError(str(exc)) from None
    try:
        config = uvicorn.Config(
            create_app(settings, pool=pool, token=token),
            host=args.host,
            port=args.port,
            log_level="info",
            access_log=args.access_log,
            timeout_graceful_shutdown=drain_seconds(settings.timeout),
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
            server_header=False,
        )
        try:
            sock = config.bind_socket()
        except SystemExit:  # uvicorn has logged its OSError, and exits
            raise UsageError(cannot_listen(args.host, args.port)) from None
        host, port = sock.getsockname()[:2]
        url = listening_url(host, port)
        print(f"replylint serve: {url} (workers {args.workers})", file=sys.stderr)
        stop_signals: list[int] = []
        try:
            # its shutdown stops the pool
            _server(config, stop_signals).run(sockets=[sock])
        finally:
            sock.close()
    finally:
        pool.close()
    _end_as_signalled(stop_signals)
    return EXIT_OK


def drain_seconds(timeout: float) -> int:
    """How long a stop signal lets the requests already accepted finish: a body may take
    ``timeout`` seconds to arrive and its check ``timeout`` again, then 5 s to answer.
    It was ``timeout`` + 5, and uvicorn cut a request still running past it off with a
    plain-text 500 and a traceback."""
    return 2 * math.ceil(timeout) + 5


def listening_url(host: str, port: int) -> str:
    """The service's address as a URL: an IPv6 address in brackets (``http://[::1]:8000/``;
    ``http://::1:8000/`` opens nowhere), its zone's ``%`` written ``%25`` (RFC 6874)."""
    if ":" in host:
        host = "[" + host.replace("%", "%25") + "]"
    return f"http://{host}:{port}/"


def cannot_listen(host: str, port: int) -> str:
    """Why the service cannot listen on ``host``:``port``, and the option to change.

    uvicorn logs the bind's ``OSError`` and exits, which left only "pick another
    --port", wrong advice for a ``--host`` that is no address of this machine or no
    host name at all. The same bind is tried again here to learn which it was."""
    where = f"cannot listen on {host}:{port}"
    return address_problem(host, port) or (
        f"{where} (it was taken a moment ago); start the service again, or pick another --port"
    )


def address_problem(host: str, port: int) -> str | None:
    """Why the service could not listen on ``host``:``port`` now, and the option to
    change; None when it could. Bound as uvicorn binds (the family the host's form says,
    ``SO_REUSEADDR``), then released: :func:`run` asks before the workers load, which
    took seconds to learn that the port was taken (and uvicorn's own line came first)."""
    where = f"cannot listen on {host}:{port}"
    own = "one of this machine's addresses (127.0.0.1, or 0.0.0.0 for all of them)"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except socket.gaierror:
        return f"{where}: no such host name; give --host {own}"
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return (
                f"{where}: the port is taken by another service; pick another --port "
                "(or stop that service)"
            )
        if exc.errno == errno.EADDRNOTAVAIL:
            return f"{where}: {host} is no address of this machine; give --host {own}"
        if exc.errno == errno.EACCES:
            return (
                f"{where}: a port below 1024 needs administrator rights; pick --port 1024 "
                "or above (a reverse proxy can listen on the low port)"
            )
        return f"{where} ({exc.strerror}); pick another --port or --host"
    return None


def _server(config: uvicorn.Config, stop_signals: list[int]) -> uvicorn.Server:
    """A uvicorn server that adds the signals that stop it to ``stop_signals``, and
    stops the application even when forced to (see ``shutdown``)."""
    import anyio
    import uvicorn

    class StopAwareServer(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            stop_signals.append(sig)
            super().handle_exit(sig, frame)

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            """uvicorn's shutdown; forced (a second Ctrl-C), it skips the application's,
            which stops the workers and refuses the checks they still had: those were
            left to the end of the event loop, which cut each off with a plain-text 500
            and a traceback. Run here, each is answered 503 "the service is stopping"."""
            await super().shutdown(sockets=sockets)
            if self.force_exit:
                await self.lifespan.shutdown()
                with anyio.move_on_after(FORCED_ANSWER_SECONDS):
                    while self.server_state.tasks:  # the refusals on their way out
                        await anyio.sleep(0.01)

    return StopAwareServer(config)


def _end_as_signalled(stop_signals: list[int]) -> None:
    """End the way the signal that stopped the service asks, when uvicorn's own re-raise
    of it had no effect. uvicorn restores the handlers it found and raises the signal
    again; a process that inherited SIGINT or SIGTERM as *ignored* (a background job of
    a script: shells start those with SIGINT ignored) finds the re-raise ignored too, and
    a Ctrl-C or a service manager's stop would exit 0, as if nothing had stopped it."""
    if signal.SIGINT in stop_signals:
        raise KeyboardInterrupt  # exit 130, as when SIGINT has its default handler
    if signal.SIGTERM in stop_signals:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGTERM)


def _log_to_stderr() -> None:
    """The service's own log lines (a worker replaced, ``--log-replies``) go to stderr
    beside uvicorn's; without a handler, Python would drop everything below a warning."""
    logger = logging.getLogger("replylint.serve")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _serve_settings(args: argparse.Namespace) -> ServeSettings:
    for flag, value in (
        ("--workers", args.workers),
        ("--max-body-bytes", args.max_body_bytes),
        ("--max-items", args.max_items),
    ):
        if value < 1:
            raise UsageError(f"{flag} must be 1 or more, not {value}")
    if args.max_queue < 0:
        raise UsageError(f"--max-queue must be 0 or more, not {args.max_queue}")
    if not 0 < args.timeout < math.inf:  # inf: no grace period for uvicorn's shutdown
        raise UsageError(f"--timeout must be a number of seconds more than 0, not {args.timeout:g}")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {args.port}")
    for origin in args.cors_origin:
        problem = origin_problem(origin)
        if problem is not None:
            raise UsageError(f"--cors-origin: {problem}")
    file_settings, base = settings_with_rule_options(args, None)
    if args.template is not None:
        file_settings = file_settings.model_copy(update={"template": args.template})
    return ServeSettings(
        linter=file_settings.linter_config(base),  # a relative `model` is the file's
        max_body_bytes=args.max_body_bytes,
        max_items=args.max_items,
        timeout=args.timeout,
        workers=args.workers,
        max_queue=args.max_queue,
        cors_origins=tuple(args.cors_origin),
        log_replies=args.log_replies,
    )
