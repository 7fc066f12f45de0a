"""``replylint serve`` reads a team's own channel names (``[channel-names]`` of the
configuration it was started with) as ``score`` does: ``web_widget`` mapped to chat is
a chat in ``/v1/check`` and ``/v1/check-many``, and a name only the team uses is read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from replylint import Linter, LinterConfig
from replylint.serve.app import create_app
from replylint.serve.settings import ServeSettings

REPLY = "Hi Noor, I have reset the sync token on your account. Thanks for waiting!"
CONFIG = LinterConfig(channel_names={"web_widget": "chat", "Kundenportal": "social"}, model="none")


def test_the_service_reads_the_teams_channel_names(serve: Callable[..., Any]) -> None:
    settings = ServeSettings(linter=CONFIG, max_items=5, timeout=10.0)
    api = serve(settings, linter=Linter(CONFIG))
    single = api.post("/v1/check", {"reply": REPLY, "channel": "Web Widget"})
    assert single.status == 200, single.body
    assert single.json()["channel"] == "chat"
    many = api.post(
        "/v1/check-many",
        {
            "items": [
                {"reply": REPLY, "channel": "Kundenportal"},
                {"reply": REPLY, "channel": "fax"},
            ]
        },
    )
    first, second = many.json()["results"]
    assert first["channel"] == "social"
    assert "unknown channel 'fax'" in second["error"]


def test_a_pool_of_workers_is_given_the_settings_names() -> None:
    app = create_app(ServeSettings(linter=CONFIG), token_from_env=False)
    assert dict(app.service.channel_names) == {"web_widget": "chat", "Kundenportal": "social"}
