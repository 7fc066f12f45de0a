"""The names help desks give a reply's channel, read as replylint's three.

Exports name channels their own way: Zendesk's ``via`` says ``web`` (a web form, answered
by e-mail), ``twitter`` or ``sms``; others write ``E-mail``, ``Live chat`` or
``WhatsApp``. replylint judges three kinds of written reply (``email``, ``chat``,
``social``: what is expected of each differs, see ``ChannelProfile``), so each common name
is read as the kind of reply it gets. Case, spaces, hyphens and underscores do not count
("E-mail", "live_chat").

A ticket opened by a phone call (Zendesk's ``voice``, Freshdesk's and Help Scout's
``Phone``) is answered in writing by e-mail: the row of an export holds that written
reply, so it is read as an e-mail. Some names say how a ticket was made, not how it is
answered (Zendesk's ``api``, a trigger's ``rule``, an agent's ``mobile`` app): they carry
no channel (:func:`names_no_channel`), and a batch reads such a row as it reads an empty
channel cell, with the default channel and a note saying so. A name that is none of
these stays an error that says what to write.

A team whose help desk has names of its own maps them to a channel (``channel-names`` in
the configuration, ``--channel-name NAME=CHANNEL``): :func:`team_channel_names` checks
such a mapping, and its names come before the built-in ones.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping

from replylint.report import CHANNELS, Channel
from replylint.wording import counted

#: Each channel's other names, as help desks export them (compared by :func:`_key`).
_ALIASES: dict[Channel, tuple[str, ...]] = {
    # Freshdesk's "Portal" and "Feedback Widget" are forms answered by e-mail, as are
    # Zendesk's "web_widget", "help_center" and "mobile_sdk" (the Support SDK's request
    # form; its live messaging is "native_messaging") and Freshdesk's "MobiHelp"; Zendesk
    # routes a "closed_ticket" follow-up as an e-mail; Help Scout's "emailfwd" is a
    # forwarded e-mail. A call's ticket (Zendesk's "voice", Freshdesk's and Help Scout's
    # "Phone", Intercom's "phone_call") is answered in writing by e-mail, and so is
    # Zendesk's "forum", a ticket made from a help center community post.
    "email": ("e-mail", "mail", "web", "web form", "webform", "form", "contact form",
              "portal", "feedback widget", "outbound email", "web widget", "help center",
              "mobile sdk", "mobihelp", "closed ticket", "emailfwd", "voice", "voicemail",
              "phone", "phone call", "call", "phone call inbound", "phone call outbound",
              "forum"),
    # Zendesk's "native_messaging" is its messaging (chat) channel, and its messaging
    # apps are named as such ("line", "wechat", ...); Intercom's "conversation" is its
    # Messenger, where its "phone_switch" (a call moved to the Messenger by a text
    # message) and its "push" (a conversation a mobile push message started) go on
    "chat": ("live chat", "livechat", "web chat", "webchat", "messaging", "messenger",
             "native messaging", "whatsapp", "sms", "text", "text message", "in-app",
             "in app chat", "conversation", "telegram", "viber", "line", "wechat",
             "kakaotalk", "google rcs", "phone switch", "push"),
    # Zendesk's "instagram_dm", "facebook_post" and "facebook_message", "twitter_dm"
    "social": ("twitter", "x", "tweet", "facebook", "instagram", "social media",
               "instagram dm", "twitter dm", "facebook post", "facebook message"),
}  # fmt: skip
#: Names that say how a ticket was made, not the channel its reply goes out on: an
#: integration through the API (Zendesk's ``api`` and ``web_service``, Help Scout's
#: ``api``), Zendesk's channel framework (``any_channel``: whatever the integration is),
#: a trigger or automation (``rule``, ``system``, Help Scout's ``workflow`` and
#: ``notification``), an agent's mobile app (Zendesk's and Help Scout's ``mobile``),
#: Zendesk's ``sample_ticket`` (the example ticket a new account starts with).
_NO_CHANNEL = ("api", "web service", "any channel", "rule", "system", "mobile",
               "notification", "workflow", "workflows", "sample ticket")  # fmt: skip
_SEPARATORS = re.compile(r"[\s_\-]+")
#: How many of the names a note about them lists.
_SHOWN = 3


def _key(name: str) -> str:
    return _SEPARATORS.sub("", name.strip().casefold())


_BY_KEY: dict[str, Channel] = {
    _key(name): channel for channel in CHANNELS for name in (channel, *_ALIASES.get(channel, ()))
}
_NO_CHANNEL_KEYS = frozenset(_key(name) for name in _NO_CHANNEL)


def channel_named(name: str, team: Mapping[str, Channel] | None = None) -> Channel | None:
    """The channel a help desk's name stands for; None when it is none of them.
    ``team``: a team's own names (:func:`team_channel_names`), read first."""
    key = _key(name)
    if team:
        for own, channel in team.items():
            if _key(own) == key:
                return channel
    return _BY_KEY.get(key)


def is_channel(name: str) -> bool:
    """Is ``name`` one of replylint's three channels, in any spelling (``E-mail``)? A
    team cannot map those to another (:func:`team_channel_names`)."""
    return _key(name) in CHANNELS


def names_no_channel(name: str, team: Mapping[str, Channel] | None = None) -> bool:
    """Does ``name`` say how a ticket was made rather than the channel its reply goes
    out on (``api``, ``rule``: :data:`_NO_CHANNEL`)? Not when ``team`` maps it."""
    return channel_named(name, team) is None and _key(name) in _NO_CHANNEL_KEYS


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


def no_channel(name: str) -> str:
    """Why a reply checked on its own (the library, ``serve``) cannot take ``name`` as its
    channel: it says how the ticket was made. A batch reads such a row with its default
    channel and a note; a caller of the library passes the channel its reply goes on."""
    return (
        f"channel {name!r} says how the ticket was made, not the channel its reply goes out "
        "on; give that channel (email, chat or social), or null for email"
    )


def channel_less_note(names: Mapping[str, int], noun: str, read_as: str) -> str | None:
    """What to say of the rows (``noun``: "row", "record") whose channel ``names`` (as
    written, with their counts; spellings of one name counted as one) carry no channel
    and were read ``read_as`` ("scored as email (--channel), as an empty channel cell
    is"); None when there are none. Said,
    not done silently: the team may know its API tickets are chats, and is told how to
    map the name."""
    spelled: dict[str, str] = {}  # a name's key -> its first spelling
    merged: dict[str, int] = {}
    for name, count in names.items():
        first = spelled.setdefault(_key(name), name)
        merged[first] = merged.get(first, 0) + count
    if not merged:
        return None
    ranked = sorted(merged.items(), key=lambda item: -item[1])
    listed = ", ".join(f"{name!r}: {counted(n, noun)}" for name, n in ranked[:_SHOWN])
    more = f" and {len(ranked) - _SHOWN} more" if len(ranked) > _SHOWN else ""
    total = sum(merged.values())
    return (
        f"{counted(total, noun)} had a channel that says how the ticket was made, not the "
        f"channel its reply goes out on ({listed}{more}), and {'was' if total == 1 else 'were'} "
        f"{read_as}; if such tickets are answered on another channel, map the name: "
        f"--channel-name {shlex.quote(ranked[0][0] + '=chat')}"
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
