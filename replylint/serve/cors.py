"""Calls from a browser page (CORS), answered like every other refusal of the service.

Starlette's middleware decides; this only words its refusal of a preflight request as
the service's one line of JSON (``{"error": ...}``, docs/serve.md) instead of its
``text/plain`` "Disallowed CORS origin", and says what was refused and how to allow it.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response


class JsonCORSMiddleware(CORSMiddleware):
    """CORS with the service's JSON refusals."""

    def preflight_response(self, request_headers: Headers) -> Response:
        answer = super().preflight_response(request_headers)
        if answer.status_code < 400:
            return answer
        headers = {
            k: v for k, v in answer.headers.items() if k not in ("content-type", "content-length")
        }
        body = json.dumps({"error": self._why_refused(request_headers)})
        return Response(body, answer.status_code, headers=headers, media_type="application/json")

    def _why_refused(self, request_headers: Headers) -> str:
        """What the browser asked for that the service does not allow."""
        origin = request_headers.get("origin", "")
        method = request_headers.get("access-control-request-method", "")
        asked = request_headers.get("access-control-request-headers") or ""
        reasons = []
        if not self.is_allowed_origin(origin=origin):
            reasons.append(
                f"pages from {origin!r} may not call this service; its operator allows an "
                "origin with replylint serve --cors-origin"
            )
        if method not in self.allow_methods:
            reasons.append(f"method {method} is not allowed (use GET or POST)")
        # a preflight that asks for no headers sends none, or an empty list ("a, ,b" too):
        # an empty name is no header refused
        names = (h.strip() for h in asked.lower().split(","))
        extra = sorted(h for h in names if h and h not in self.allow_headers)
        if extra and not self.allow_all_headers:
            reasons.append(
                f"request headers {', '.join(extra)} are not allowed "
                "(send only Authorization and Content-Type)"
            )
        private = request_headers.get("access-control-request-private-network") is not None
        if private and not self.allow_private_network:
            reasons.append("private-network access is not allowed")
        return "; ".join(reasons) or "the browser's CORS preflight request was refused"
