"""The names help desks give a reply's channel, read as replylint's three.

Exports name channels their own way: Zendesk's ``via`` says ``web`` (a web form, answered
by e-mail), ``twitter`` or ``sms``; others write ``E-mail``, ``Live chat`` or
``WhatsApp``. replylint judges three kinds of written reply (``email``, ``chat``,
``social``: what is expected of each differs, see ``ChannelProfile``), so each common name
is read as the kind of reply it gets, and a name that is none of them (a phone call is no
written reply) stays an error that says what to write. Case, spaces, hyphens and
underscores do not count ("E-mail", "live_chat").
"""

from __future__ import annotations

import re

from replylint.report import CHANNELS, Channel

#: Each channel's other names, as help desks export them (compared by :func:`_key`).
_ALIASES: dict[Channel, tuple[str, ...]] = {
    # Freshdesk's "Portal" and "Feedback Widget" are forms answered by e-mail
    "email": ("e-mail", "mail", "web", "web form", "webform", "form", "contact form",
              "portal", "feedback widget", "outbound email"),
    # Zendesk's "native_messaging" is its messaging (chat) channel
    "chat": ("live chat", "livechat", "web chat", "webchat", "messaging", "messenger",
             "native messaging", "whatsapp", "sms", "text", "in-app", "in app chat"),
    "social": ("twitter", "x", "tweet", "facebook", "instagram", "social media"),
}  # fmt: skip
_SEPARATORS = re.compile(r"[\s_\-]+")


def _key(name: str) -> str:
    return _SEPARATORS.sub("", name.strip().casefold())


_BY_KEY: dict[str, Channel] = {
    _key(name): channel for channel in CHANNELS for name in (channel, *_ALIASES.get(channel, ()))
}


def channel_named(name: str) -> Channel | None:
    """The channel a help desk's name stands for; None when it is none of them."""
    return _BY_KEY.get(_key(name))


def unknown_channel(name: str) -> str:
    """Why a row's channel cannot be read, and what to write instead."""
    return (
        f"unknown channel {name!r}; use email, chat or social (or a help desk's name for "
        "one: e-mail, web form, live chat, sms, whatsapp, twitter, facebook, ...)"
    )
