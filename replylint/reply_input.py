"""One reply to check, and what takes its place when it cannot be checked.

:class:`ReplyInput`, :class:`ReplyError` and :class:`InputError` are what a caller hands
the :class:`~replylint.Linter` and gets back from it; they live here, apart from the
linter, because they need no NLP: the HTTP service's front process validates requests
with them and must not load spaCy (about 110 MB and a second of start-up) just to read
a JSON body. ``replylint.linter`` and ``replylint`` re-export them, so
``from replylint import ReplyInput`` is unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    StrictBool,
    StrictStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from replylint.channel_names import (
    channel_named,
    is_channel,
    names_no_channel,
    no_channel,
    unknown_channel,
)
from replylint.errors import UserError, validation_problems
from replylint.normalize.pipeline import InputFormat
from replylint.normalize.tokensafe import without_surrogates
from replylint.report import Channel, EscapedJson

__all__ = ["CHANNEL_NAMES", "InputError", "ReplyError", "ReplyInput"]

#: The key of the validation context that carries a team's own channel names
#: (``LinterConfig.channel_names``): ``ReplyInput.model_validate(fields,
#: context={CHANNEL_NAMES: config.channel_names})`` reads a reply's channel as ``score``
#: reads a channel cell of that team's export. ``Linter.check``, ``Linter.reply_input``
#: and ``replylint serve`` pass it. A ``ReplyInput(...)`` built without it reads the
#: built-in names, and keeps the name it was given for ``Linter.check_many`` to read
#: again with its configuration's names (:meth:`ReplyInput.with_channel_names`).
CHANNEL_NAMES = "channel_names"


def _build_with_the_linter(exc: ValidationError, data: Mapping[str, Any]) -> str:
    """What an item built in code with a channel name the built-in ones refuse is told:
    the name may be one the team's configuration maps (``api`` too), which only the
    linter knows."""
    name = data.get("channel")
    refused = any(error["loc"] == ("channel",) for error in exc.errors())
    if not refused or not isinstance(name, str):
        return ""
    return (
        f"; if your configuration maps {name!r} (channel-names), build the item with "
        "linter.reply_input(...), which reads the configuration's names"
    )


class InputError(UserError, ValueError):
    """The reply cannot be checked (empty, too long, bad channel, unknown rule name in
    ``disable``), or ``check_many`` was given no stream of replies; says what to do."""


class ReplyError(EscapedJson):
    """A reply that could not be checked, yielded by ``check_many`` in its place so the
    stream goes on (DESIGN.md: one result per input, never a gap)."""

    model_config = ConfigDict(frozen=True)

    id: str | None = Field(default=None, description="The input's ``id``, when it had one.")
    index: int = Field(ge=0, description="The input's position in the stream, from 0.")
    error: str = Field(description="Why it could not be checked, and what to do.")


#: The largest whole number a JSON number holds exactly wherever it is read (a float64,
#: JavaScript's ``Number.MAX_SAFE_INTEGER``): the largest id accepted written as a float.
MAX_EXACT_ID = 2**53 - 1


def number_id(value: object) -> str | None:
    """A whole number given as an id, as text: ``7`` and ``7.0`` are ``"7"``. None for
    anything else (a string, ``7.5``, ``True``, a float past :data:`MAX_EXACT_ID`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) <= MAX_EXACT_ID:
        return str(int(value))
    return None


#: The most names one reply's ``disable`` may hold: far more than there are rules and
#: checks, few enough that a list of junk is refused at once.
MAX_DISABLE = 1000


class ReplyInput(BaseModel):
    """One reply to check, with its context (what ``check_many`` streams).

    Built in code (``ReplyInput(reply=None)``), a field that is wrong is an
    :class:`InputError` naming every field at fault (and, for a misspelt one, the field
    meant), as ``check`` refuses the same arguments; it was pydantic's
    ``ValidationError``, which ``except InputError`` did not catch. ``model_validate``
    stays pydantic's, as for every model: ``replylint serve`` reads a request's body
    with it and answers its errors with a 422 naming the fields.

    A team's own channel names (``LinterConfig.channel_names``) are the linter's: built
    alone, an item reads a help desk's name (``web_widget``) as the built-in names do,
    and ``Linter.check_many`` reads it again with its configuration's names, as
    ``check`` and ``score`` read it (the report's ``channel`` says what it was checked
    as). A name only the team's configuration knows cannot be read without it: build
    such an item with ``linter.reply_input(...)``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: The help desk's name the channel was read from, when the item was built without
    #: a team's names (no :data:`CHANNEL_NAMES` context) and it is not one of the three.
    _given_channel: str | None = PrivateAttr(default=None)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            # ("(top)" is where a required field is missing: the ReplyInput itself)
            problems = validation_problems(exc, ReplyInput, suggest=True).replace("(top): ", "")
            raise InputError(f"ReplyInput: {problems}{_build_with_the_linter(exc, data)}") from None

    # pydantic then validates data (model_validate, a request's body) without this
    # __init__, so those errors stay its own
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    # strict: bytes or a number would be converted silently (check() took b"Hi", which
    # check_many refused), and "no" or 0 read as False
    reply: StrictStr
    channel: Channel = Field(
        default="email",
        description='email, chat or social; a help desk\'s name for one ("Live chat", '
        '"twitter", "e-mail") is read as the channel it stands for, and null as email.',
    )
    customer_message: StrictStr | None = None
    customer_name: StrictStr | None = None
    agent_name: StrictStr | None = Field(
        default=None,
        description="The agent who wrote the reply (a name, or an e-mail address such as "
        "kim.ortega@acme.example): in a chat transcript given as the reply, whose speaker "
        "labels are names alone, the speaker it names is the agent.",
    )
    input_format: InputFormat = Field(
        default="auto",
        description="auto (HTML when the reply looks like HTML), text or html; null as auto.",
    )
    disable: tuple[str, ...] = Field(
        default=(),
        description="Rule ids, prefixes or check names not to report for this reply "
        '(one name may be given as a string: "jargon"); null disables nothing.',
    )
    template: StrictBool | None = Field(
        default=None,
        description="True: a template kept in a macro repository (placeholders expected); "
        "False: a reply about to be sent; None: the configuration's ``template`` setting.",
    )
    id: str | None = Field(
        default=None,
        description="The caller's own reference (a ticket id), to join results to inputs "
        "by: replylint serve and Linter.check_many give it back in every result, report "
        "(ReportWithId) or error (ReplyError).",
    )

    @field_validator("id", mode="before", json_schema_input_type=str | int | None)
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        """Ticket systems number their tickets (Zendesk's ids are integers): a whole
        number is the same id as text, as ``score`` and ``eval`` read it. So is one
        written with a fraction of zero (``7.0``): the schema says "integer", which JSON
        Schema (and pydantic's own lax mode) reads 7.0 as, and a client whose numbers are
        floats (a JavaScript number, Jackson's double) may send it so; it was refused
        while the OpenAPI document said it was valid. A whole float past
        :data:`MAX_EXACT_ID` is refused: its digits are not the client's."""
        text = number_id(value)
        if text is not None:
            return text
        if isinstance(value, float) and value.is_integer():
            raise ValueError(
                f"{value!r} is a whole number past 2**53, which a JSON number does not hold "
                "exactly (the id read would not be the one sent); send the id as a string"
            )
        return value

    @field_validator("channel", mode="before", json_schema_input_type=Channel | str | None)
    @classmethod
    def _channel_name(cls, value: object, info: ValidationInfo) -> object:
        """A help desk's name for a channel ("Email", "live chat", "twitter") is the
        channel it stands for, as ``score`` reads a channel column; none (a database's
        null, an empty cell) is the default, e-mail. Any other name is refused as
        ``score`` and ``eval`` refuse it, with the names accepted: pydantic's own error
        lists only the three, and "fax" would seem to leave no alias to try. A name that
        says how the ticket was made ("api") is refused too, saying so: a batch reads it
        as its default channel with a note, and a single reply has no place for one.
        A team's own names (the context's :data:`CHANNEL_NAMES`) come first, as in
        ``score``: a team that maps ``web_widget`` to chat got chat from ``score`` and
        email from the library and ``serve``."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return "email"
        if isinstance(value, str):
            team = _team_names(info)
            channel = channel_named(value, team)
            if channel is None and names_no_channel(value, team):
                raise ValueError(no_channel(value))
            if channel is None:
                raise ValueError(unknown_channel(value))
            return channel
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _keep_the_channel_name(
        cls, data: Any, handler: ModelWrapValidatorHandler[ReplyInput], info: ValidationInfo
    ) -> ReplyInput:
        """Keep the name a channel was read from without a team's names, for
        :meth:`with_channel_names`: a team that maps Zendesk's ``web_widget`` to chat got
        the built-in e-mail from ``check_many`` for an item built as ``ReplyInput(...)``."""
        item = handler(data)
        given = data.get("channel") if isinstance(data, Mapping) else None
        if isinstance(given, str) and _team_names(info) is None and not is_channel(given):
            item._given_channel = given
        return item

    def with_channel_names(self, names: Mapping[str, Channel]) -> ReplyInput:
        """This item with its channel read with a team's own ``names`` before the
        built-in ones, as ``Linter.reply_input`` reads it: itself when they read it
        alike, or when it was built with a team's names already."""
        given = self._given_channel
        channel = channel_named(given, names) if given is not None and names else None
        if channel is None or channel == self.channel:
            return self
        return self.model_copy(update={"channel": channel})

    @field_validator("input_format", mode="before", json_schema_input_type=InputFormat | None)
    @classmethod
    def _auto_for_none(cls, value: object) -> object:
        """None (a database's missing value, a JSON ``null``) is the default, as it is for
        ``channel``: it was refused as none of 'auto', 'text' or 'html', which did not
        say that leaving the keyword out means "auto"."""
        return "auto" if value is None else value

    @field_validator("disable", mode="before", json_schema_input_type=str | list[str] | None)
    @classmethod
    def _one_name(cls, value: object) -> object:
        """A string is one name, not a sequence of one-letter names; None disables
        nothing, as leaving the keyword out does (it was refused as "Input should be a
        valid tuple", and ``check(..., disable=None)`` took the default for no reply's
        sake). A list longer than :data:`MAX_DISABLE` is refused before its names are
        read: a body of hundreds of thousands of wrong-typed items made one error each,
        seconds of a service's time."""
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if isinstance(value, (list, tuple)) and len(value) > MAX_DISABLE:
            raise ValueError(
                f"{len(value)} names to disable; give at most {MAX_DISABLE} (rule ids, id "
                "prefixes or check names: `replylint rules` lists them)"
            )
        return value

    @field_validator("customer_message", "customer_name")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        """Lone surrogates (bad decoding upstream) become U+FFFD: a name is copied into
        suggestions, and a report must always be writable as JSON."""
        return without_surrogates(value) if value is not None else None

    @field_validator("customer_name")
    @classmethod
    def _a_name_or_none(cls, value: str | None) -> str | None:
        """A name of only blanks (an export's cell holding " ", a tab, a no-break space)
        is no name, as an empty one is: the checks that compare the reply with the name
        would otherwise read a name with no word in it."""
        if value is None:
            return None
        return value.strip() or None

    @field_validator("customer_message")
    @classmethod
    def _a_message_or_none(cls, value: str | None) -> str | None:
        """A message of only blanks (a ticket's empty description column, "" from a web
        form) is no message, as None is. Read as given, it was a message reporting no
        problem: apology and empathy did not apply where the reply's own "sorry" made
        them apply without one, and the reason said the customer reported no problem.
        The message itself is kept as written (its quotes are read by the checks)."""
        if value is None or not value.strip():
            return None
        return value


def _team_names(info: ValidationInfo) -> Mapping[str, Channel] | None:
    """The team's own channel names the validation was given, if any."""
    context = info.context
    names = context.get(CHANNEL_NAMES) if isinstance(context, Mapping) else None
    return names if isinstance(names, Mapping) else None
