"""The names help desks give a reply's channel, read as replylint's three.

Exports name channels their own way: Zendesk's ``via`` says ``web`` (a web form, answered
by e-mail), ``twitter`` or ``sms``; others write ``E-mail``, ``Live chat`` or
``WhatsApp``. replylint judges three kinds of written reply (``email``, ``chat``,
``social``: what is expected of each differs, see ``ChannelProfile``), so each common name
is read as the kind of reply it gets, and a name that is none of them (a phone call is no
written reply) stays an error that says what to write. Case, spaces, hyphens and
underscores do not count ("E-mail", "live_chat").

A team whose help desk has names of its own maps them to a channel (``channel-names`` in
the configuration, ``--channel-name NAME=CHANNEL``): :func:`team_channel_names` checks
such a mapping, and its names come before the built-in ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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


def channel_named(name: str, team: Mapping[str, Channel] | None = None) -> Channel | None:
    """The channel a help desk's name stands for; None when it is none of them.
    ``team``: a team's own names (:func:`team_channel_names`), read first."""
    key = _key(name)
    if team:
        for own, channel in team.items():
            if _key(own) == key:
                return channel
    return _BY_KEY.get(key)


def unknown_channel(name: str, *, mappable: bool = False) -> str:
    """Why a row's channel cannot be read, and what to write instead. ``mappable``: the
    reader takes a team's own names (``score``, ``eval``, ``train``), and says how."""
    # (double quotes: the summary blanks what single quotes hold, and the apostrophe
    # of "desk's" would open such a pair)
    mapping = (
        f"; or, if your help desk names a channel so, map the name to it: --channel-name "
        f'"{name.strip()}=email" (or chat, social), or channel-names in the configuration'
        if mappable
        else ""
    )
    return (
        f"unknown channel {name!r}; use email, chat or social (or a help desk's name for "
        f"one: e-mail, web form, live chat, sms, whatsapp, twitter, facebook, ...){mapping}"
    )


def team_channel_names(value: object) -> object:
    """A team's own channel names (name -> channel), checked: each name read as a
    channel, never silently dropped. A mapping is refused when a value is not one of
    replylint's channels (the error names them, and the channel a help desk's name such
    as "Live chat" stands for), a name is empty, a name is one of the three channels
    mapped to another, or two names that are one (``Phone-Callback``, ``phone callback``)
    map to different channels. Anything but a mapping is left to the caller's type
    check."""
    if not isinstance(value, Mapping):
        return value
    seen: dict[str, tuple[str, str]] = {}
    for name, channel in value.items():
        if not isinstance(name, str) or not _key(name):
            raise ValueError(
                f"{name!r} names no channel of your help desk; write the name its export "
                "gives, e.g. 'Phone callback' = 'email'"
            )
        if channel not in CHANNELS:
            meant = channel_named(channel) if isinstance(channel, str) else None
            hint = f" ({channel!r} is a name for {meant}: write {meant!r})" if meant else ""
            raise ValueError(
                f"{name!r} = {channel!r}: {channel!r} is no channel of replylint's; map it "
                f"to email, chat or social{hint}"
            )
        if _key(name) in CHANNELS and _key(name) != channel:
            raise ValueError(
                f"{name!r} = {channel!r}: {name!r} is replylint's own channel and is read as "
                "itself; map your help desk's other names only"
            )
        earlier = seen.setdefault(_key(name), (name, channel))
        if earlier[1] != channel:
            raise ValueError(
                f"{earlier[0]!r} and {name!r} are one name (case, spaces, hyphens and "
                f"underscores do not count), mapped to {earlier[1]} and to {channel}; map it once"
            )
    return value


def with_team_names(
    config: Mapping[str, Channel], command_line: Mapping[str, Channel]
) -> dict[str, Channel]:
    """A configuration's channel names with the command line's on top: a name given in
    both (in any spelling, :func:`_key`) takes the command line's channel."""
    given = {_key(name) for name in command_line}
    kept = {name: channel for name, channel in config.items() if _key(name) not in given}
    return {**kept, **command_line}
