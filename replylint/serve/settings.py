"""What a running service is told: the linter's configuration and the service's limits.

Plain pydantic, no FastAPI, so the command line can build and check it before the
``serve`` extra is imported.
"""

from __future__ import annotations

import os
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from replylint.config import LinterConfig

#: The environment variable whose value, when set, is the bearer token every ``/v1``
#: request must carry (DESIGN.md item 6).
TOKEN_ENV = "REPLYLINT_API_TOKEN"


class SettingsError(ValueError):
    """The service cannot start with these settings; says what to set."""


class ServeSettings(BaseModel):
    """The linter's configuration and the limits that keep one client from starving the
    others. The defaults suit a help desk on the same host or network."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    linter: LinterConfig = Field(default_factory=LinterConfig)
    max_body_bytes: int = Field(
        default=1_000_000,
        gt=0,
        description="Larger request bodies are refused (413) before they are read.",
    )
    max_items: int = Field(
        default=100, gt=0, description="The most replies one /v1/check-many request may hold."
    )
    timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds a request may take to send its body, and again to be checked, "
        "waiting for a free worker included (408 and 503 past them; a worker still checking "
        "is stopped and replaced).",
    )
    workers: int = Field(
        default=1, gt=0, description="Check worker processes (each loads its own pipeline)."
    )
    max_queue: int = Field(
        default=128,
        ge=0,
        description="Requests that may wait for a free worker; the next is refused at once "
        "(503 with Retry-After).",
    )
    cors_origins: tuple[str, ...] = Field(
        default=(), description="Origins allowed to call the API from a browser (none: CORS off)."
    )
    log_replies: bool = Field(
        default=False,
        description="Log each reply's text and findings (off: customer text is never logged).",
    )

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, origins: tuple[str, ...]) -> tuple[str, ...]:
        for origin in origins:
            problem = origin_problem(origin)
            if problem is not None:
                raise ValueError(problem)
        return origins


#: What a browser sends in its Origin header: a scheme, "://" and a host with an optional
#: port, in lower case, nothing after it ("https://acme.zendesk.com",
#: "chrome-extension://abcdefgh").
_ORIGIN = re.compile(r"\A[a-z][a-z0-9+.-]*://[^/?#\s]+\Z")


def origin_problem(origin: str) -> str | None:
    """Why ``origin`` can never match a browser's Origin header, or None when it can.
    Starlette compares origins as exact strings, so "acme.zendesk.com/" or
    "https://Acme.zendesk.com" would leave the page refused with no clue why."""
    if origin == "*" or (_ORIGIN.match(origin) and origin == origin.lower()):
        return None
    bare = origin.strip().rstrip("/")
    scheme, _, rest = bare.rpartition("://")
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    better = f"{(scheme or 'https').lower()}://{host.lower()}"
    return (
        f"{origin!r} is not an origin a browser sends: write the scheme and host (and a "
        f"port, if any), in lower case, with nothing after them, e.g. {better!r}"
    )


def api_token() -> str | None:
    """The bearer token from the environment; an empty value is refused rather than
    read as "no token", which would silently open the service.

    Whitespace around it (the line break a secret file ends with, kept by
    ``kubectl create secret --from-file`` or an env file) is no part of it: no
    ``Authorization`` header can carry it, so every request was refused with a 401 that
    told the client to send the very token it sent. A character outside printable ASCII
    is refused at start-up: clients send one differently (curl the UTF-8 bytes, a
    browser or Node the Latin-1 byte), so only some of them would ever match."""
    token = os.environ.get(TOKEN_ENV)
    if token is None:
        return None
    token = token.strip()
    if not token:
        raise SettingsError(f"{TOKEN_ENV} is set but empty; unset it or give it a secret value")
    odd = next((char for char in token if not " " <= char <= "~"), None)
    if odd is not None:
        raise SettingsError(
            f"{TOKEN_ENV} holds {odd!r}, which HTTP clients do not all send alike; use "
            "ASCII letters, digits and punctuation only (e.g. `openssl rand -hex 32`)"
        )
    return token
