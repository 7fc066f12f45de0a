"""A ticket-system webhook that lints an outgoing reply before it is sent.

The help desk posts each reply an agent is about to send; the answer is replylint's report
plus ``block``, true when a finding is at or above ``--block-on`` (default: error), so the
help desk can hold the reply and show the agent what to fix. Standard library only
(``http.server``), so it runs anywhere replylint does; put it behind the reverse proxy you
already use for TLS and authentication.

Why it is shaped like this:

- The :class:`~replylint.Linter` is built once at start-up (that loads spaCy and compiles
  every rule) and shared by all request threads: it is thread-safe, and building one per
  request would cost more than checking the reply.
- Bad input is the client's problem, answered with 400 and a one-line JSON error, never a
  traceback; the body size is bounded before it is read.

Run: ``python examples/webhook/app.py --port 8080``, then
``curl -s localhost:8080/check -d '{"reply": "Hi Sam, your refund was sent today. Thanks!"}'``.
"""

from __future__ import annotations

import argparse
import json
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from replylint import InputError, Linter, LinterConfig, Severity, load_linter_config
from replylint.report import Channel

#: Larger bodies are refused unread; replylint's own limit on a reply is 100,000 characters.
MAX_BODY_BYTES = 1_000_000
CHECK_PATH = "/check"


class OutgoingReply(BaseModel):
    """The payload: the reply about to be sent and its context. Other keys a help desk
    adds (ticket id, agent, ...) are ignored rather than refused."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    reply: str
    customer_message: str | None = None
    customer_name: str | None = None
    channel: Channel = "email"


class ClientError(ValueError):
    """The request is wrong; the message is the one-line error sent back with a 4xx."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST) -> None:
        super().__init__(message)
        self.status = status


class LintServer(ThreadingHTTPServer):
    """An HTTP server that carries the shared linter and the blocking threshold."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], linter: Linter, block_on: Severity = Severity.error
    ) -> None:
        super().__init__(address, LintHandler)
        self.linter = linter
        self.block_on = block_on


class LintHandler(BaseHTTPRequestHandler):
    server: LintServer

    def do_POST(self) -> None:
        try:
            if self.path != CHECK_PATH:
                raise ClientError(
                    f"no such endpoint {self.path}; POST to {CHECK_PATH}", HTTPStatus.NOT_FOUND
                )
            self._send(HTTPStatus.OK, self._check(self._payload()))
        except ClientError as exc:
            self._send(exc.status, {"error": str(exc)})

    def do_GET(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, {"error": f"POST a JSON reply to {CHECK_PATH}"})

    def _payload(self) -> OutgoingReply:
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise ClientError("a Content-Length header is required") from None
        if length > MAX_BODY_BYTES:
            self.close_connection = True  # the body is not read, so the connection is spent
            raise ClientError(
                f"the body is over {MAX_BODY_BYTES} bytes", HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            )
        body = self.rfile.read(length)
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ClientError(f"the body is not JSON: {exc}") from None
        try:
            return OutgoingReply.model_validate(data)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(p) for p in error["loc"]) or "body"
            raise ClientError(f"{where}: {error['msg']}") from None

    def _check(self, payload: OutgoingReply) -> dict[str, Any]:
        try:
            report = self.server.linter.check(
                payload.reply,
                channel=payload.channel,
                customer_message=payload.customer_message,
                customer_name=payload.customer_name,
            )
        except InputError as exc:
            raise ClientError(f"reply: {exc}") from None
        threshold = self.server.block_on.rank
        block = any(f.severity.rank >= threshold for f in report.findings)
        return {"block": block, "report": report.model_dump(mode="json")}

    def _send(self, status: HTTPStatus, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """One line per request on stderr, without the reply's text (it may be private)."""
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def make_server(
    host: str = "127.0.0.1",
    port: int = 8080,
    config: LinterConfig | None = None,
    block_on: Severity = Severity.error,
) -> LintServer:
    """Build the linter once and bind the server (port 0: any free port)."""
    return LintServer((host, port), Linter(config), block_on)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--config", type=Path, help="a .replylint.toml or pyproject.toml")
    parser.add_argument("--block-on", choices=[s.value for s in Severity], default="error")
    args = parser.parse_args(argv)
    config = load_linter_config(args.config) if args.config else None
    server = make_server(args.host, args.port, config, Severity(args.block_on))
    print(
        f"replylint webhook on http://{args.host}:{server.server_port}{CHECK_PATH}", file=sys.stderr
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
