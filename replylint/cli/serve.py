"""``replylint serve``: the HTTP API and the live draft page (needs the ``serve`` extra).

The configuration is read and the linter built here, before anything is bound, so a bad
config file is the usual one-line error (exit 2). With one worker the service runs in
this process on that linter; with ``--workers N`` uvicorn starts N processes that each
build their own (the settings travel to them in the environment), after a throwaway
process has checked that they can. FastAPI and uvicorn are imported only here, when the
command runs, so ``import replylint`` never needs them.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.cli.options import (
    EXIT_OK,
    UsageError,
    add_config_options,
    add_rule_options,
    settings_with_rule_options,
)
from replylint.config import LinterConfig
from replylint.linter import Linter
from replylint.serve.settings import SETTINGS_ENV, ServeSettings, SettingsError, api_token

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers

MISSING_EXTRA = "replylint serve needs the serve extra: pip install 'replylint[serve]'"


def add_parser(subparsers: Subparsers) -> None:
    serve = subparsers.add_parser("serve", help="serve the HTTP API and the live draft page")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this host only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free)")
    serve.add_argument(
        "--workers", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    defaults = ServeSettings()
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
        help=f"time to send a body, and to check it (default {defaults.timeout:g})",
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
        from uvicorn.supervisors import Multiprocess

        from replylint.serve.app import create_app
    except ImportError:
        raise UsageError(MISSING_EXTRA) from None
    settings = _serve_settings(args)
    try:
        token = api_token()
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    common = {
        "log_level": "info",
        "timeout_graceful_shutdown": int(settings.timeout) + 5,
        "server_header": False,
    }
    if args.workers == 1:
        linter = Linter(settings.linter)  # a bad config is a one-line error, exit 2
        app = create_app(settings, linter=linter, token=token)
        config = uvicorn.Config(app, host=args.host, port=args.port, **common)  # type: ignore[arg-type]
    else:
        _check_in_a_child(settings.linter)
        os.environ[SETTINGS_ENV] = settings.to_env()
        config = uvicorn.Config(
            "replylint.serve.app:app_from_environment",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            **common,  # type: ignore[arg-type]
        )
    try:
        sock = config.bind_socket()
    except SystemExit:  # uvicorn has logged why (address in use, no permission)
        raise UsageError(f"cannot listen on {args.host}:{args.port}; pick another --port") from None
    host, port = sock.getsockname()[:2]
    print(f"replylint serve: http://{host}:{port}/ (workers {args.workers})", file=sys.stderr)
    try:
        if args.workers == 1:
            uvicorn.Server(config).run(sockets=[sock])
        else:
            Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
    return EXIT_OK


def _serve_settings(args: argparse.Namespace) -> ServeSettings:
    for flag, value in (
        ("--workers", args.workers),
        ("--max-body-bytes", args.max_body_bytes),
        ("--max-items", args.max_items),
    ):
        if value < 1:
            raise UsageError(f"{flag} must be 1 or more, not {value}")
    if not args.timeout > 0:
        raise UsageError(f"--timeout must be more than 0 seconds, not {args.timeout:g}")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {args.port}")
    file_settings, _ = settings_with_rule_options(args, None)
    if args.template is not None:
        file_settings = file_settings.model_copy(update={"template": args.template})
    return ServeSettings(
        linter=file_settings.linter_config(Path.cwd()),
        max_body_bytes=args.max_body_bytes,
        max_items=args.max_items,
        timeout=args.timeout,
        cors_origins=tuple(args.cors_origin),
        log_replies=args.log_replies,
    )


def _check_in_a_child(config: LinterConfig) -> None:
    """Build the workers' linter once in a throwaway process, so a config they cannot
    load is a one-line error here instead of N workers failing at start-up."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        problem = pool.submit(linter_problem, config.model_dump_json()).result()
    if problem is not None:
        raise UsageError(problem)


def linter_problem(config_json: str) -> str | None:
    """Why a linter cannot be built from this configuration, or None (run in a child)."""
    from replylint.cli import USER_ERRORS

    try:
        Linter(LinterConfig.model_validate_json(config_json))
    except USER_ERRORS as exc:
        return str(exc)
    return None
