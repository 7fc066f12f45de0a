"""The value types `normalize` returns.

They live in their own module so every step of the pipeline can name them
without importing the pipeline itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from replylint.normalize.offsets import OffsetMap

Action = Literal["disable", "disable-next-line"]
RegionKind = Literal["signoff", "branch_signoff", "branch", "placeholder"]
RemovedKind = Literal[
    "markup",
    "quote",
    "signature",
    "footer",
    "handle",
    "directive",
    "transcript",
    "customer_turn",
    "bot_turn",
]


@dataclass(frozen=True, slots=True)
class Region:
    """A span of the *normalised* text that a check may want to treat specially.

    The text stays in place (a check reading "Many thanks" needs the words), the
    region only says what it is: the agent's sign-off, the sign-off closing an earlier
    branch of a macro's conditional, one branch of a conditional read as lines (a
    customer is sent it and not its siblings), or a template placeholder that was
    replaced by a stand-in word.
    """

    kind: RegionKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Removed:
    """A span of the *original* input that is not part of the agent's reply.

    Kept so that a caller can explain why text it sees in the raw message was
    not analysed (quoted history, a legal footer, markup, a leading @handle).
    """

    kind: RemovedKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive, located in the *original* input.

    ``rules`` is empty when the directive names no rule (it then covers all of them).
    ``target_line`` is the 0-based line it covers for ``disable-next-line``, else None.
    """

    action: Action
    rules: tuple[str, ...]
    start: int
    end: int
    target_line: int | None = None

    @property
    def covers_all(self) -> bool:
        return not self.rules


@dataclass(frozen=True, slots=True)
class MalformedDirective:
    """A comment or line meant for replylint that is no directive, in the *original* input.

    It silences nothing; it is kept so it can be reported, because the author believes it
    works. ``problem`` says what is wrong, in words for the author ("there is no colon
    after "replylint"").
    """

    start: int
    end: int
    problem: str


#: How the notice of a chat transcript whose agent could not be told begins: ``score``'s
#: summary counts the rows whose report carries it.
UNRESOLVED_TRANSCRIPT = "this reads as a chat transcript between "


@dataclass(frozen=True, slots=True)
class TranscriptReading:
    """How a chat transcript given as the reply was read
    (:mod:`replylint.normalize.transcripts`): the speakers taken for the agent (their
    turns are the reply checked; none when the labels do not tell) and the others, with
    the others' words, read as the customer's message; a bot's turns are neither, and
    are left out of both."""

    agents: tuple[str, ...]
    customers: tuple[str, ...]
    customer_text: str | None
    #: The agent's first name where an agent's label gives one ("Kim (Agent)"): the chat
    #: shows it beside each turn, so the customer can tell who answered.
    agent_name: str | None = None
    #: The speakers whose labels name a bot ("Bot", "Acme Assistant (bot)"), where the
    #: agent is told: their turns were cut, and are neither the reply nor the message.
    bots: tuple[str, ...] = ()
    #: No agent speaks: the one person is the customer (by their label's role or the
    #: customer's name given), the others bots. Every turn is cut: there is no reply.
    unanswered: bool = False

    def nothing_to_check(self) -> str:
        """Why an unanswered transcript has nothing to check, and what to do. (No
        apostrophe: ``score``'s summary groups errors by their text with what is quoted
        blanked, the speakers' names too.)"""
        speakers = " and ".join(f'"{name}"' for name in (*self.bots, *self.customers))
        return (
            f"no agent speaks in this chat transcript, only {speakers} (a bot is not the "
            "agent); check it once an agent has answered, or label the turns of the agent "
            'with a role ("Kim (Agent):", "Agent:")'
        )

    def notice(self) -> str:
        """What the report says of it: how it was read, or how to label it."""
        if self.unanswered:
            return self.nothing_to_check()
        if not self.agents:
            names = " and ".join(self.customers)
            return (
                f"{UNRESOLVED_TRANSCRIPT}{names}, checked as one reply "
                "with every speaker's turns; to check the agent's turns alone, give the "
                "agent's name (check --agent-name, score's agent column, agent_name in the "
                'API) or label their turns with a role ("Kim (Agent):", "Agent:")'
            )
        bots = (
            f"; {', '.join(self.bots)}'s left out, a bot's words being neither" if self.bots else ""
        )
        return (
            f"read as a chat transcript: {', '.join(self.agents)}'s turns are the reply "
            f"checked, {', '.join(self.customers)}'s the customer's message{bots}"
        )


@dataclass(frozen=True, slots=True)
class NormalizedReply:
    """A raw reply and the text the checks read, with a way back to the raw input."""

    original: str
    text: str
    offsets: OffsetMap
    regions: tuple[Region, ...]
    removed: tuple[Removed, ...]
    is_html: bool
    #: ``replylint: disable=...`` directives found in the input (original offsets).
    directives: tuple[Directive, ...] = ()
    #: What is meant as a directive but does not parse (original offsets).
    malformed: tuple[MalformedDirective, ...] = ()
    #: How the reply read as a chat transcript, if it is one.
    transcript: TranscriptReading | None = None
