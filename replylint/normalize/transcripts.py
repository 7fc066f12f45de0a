"""A chat transcript given as the reply: the agent's turns are the reply checked, the
customer's the message it answers.

A QA team exports a live chat, or an agent pastes one, speaker labels and all::

    [10:02] Dana: hi my order never arrived
    [10:03] Kim (Agent): Hi Dana, I'm sorry to hear that! Let me check.

(or ``Dana (10:02): ...``, the time after the name). Read as one reply, it opened with
"[10:02] Dana: hi my order..." (no greeting), the
customer's words counted as the agent's, and the findings pointed at them, without a
word. A transcript is now told apart, and where its labels say who the agent is
("Agent:", "Kim (Agent):", "Customer Care:"; or who the customer is, "Visitor:", the
other speaker then being the agent), the agent's turns stay, each a paragraph, and
the customer's are cut and read as the customer's message. Where the labels are names
alone ("Dana:", "Kim:"), nothing tells the agent, so the text is checked as it was and a
notice says how to label it; the agent's name given with the reply (``--agent-name``, the
agent column of ``score``, ``agent_name`` in the API) or the customer's tells them apart.
A bot's turns ("Bot:", "Acme Assistant (bot):", "Virtual assistant:") are neither the
agent's reply nor the customer's message (the agent did not write them; the customer did
not say them): they are cut from both, and a bot is never the agent, even one labelled
"Support Bot" or "Virtual Agent". A transcript in which only the customer and a bot
speak (the customer left, or the bot gave up, before an agent answered) has no reply in
it: every turn is cut, and the linter says so rather than checking the bot's words.

What counts as a transcript is narrow, so no reply is mistaken for one (none of 43,061
corpus replies is: the pool, the labelled splits, dev, the benchmark's forum answers and
Play-store replies): at least three turn lines, each a label of one to three capitalised
words (and a bracketed role) with an optional time before it or, in brackets, after it;
two or three speakers, one of them speaking at least twice, the speaker changing at
least twice; turn lines at least 60% of the text's lines; at most one line (a title)
before the first turn; what people say to each other ("I", "you", "thanks", "ok") said
at least once by a speaker, and by every speaker where no label names a role. A settings
list ("Server name: ...", "Port: ...", "Authentication Method: ...") has more labels and
lower-case prose around it; a single-letter "Q:" / "A:" FAQ is not a chat, nor are
instructions per system ("Windows: open Settings." / "Mac: open System Settings.").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from replylint.names import given_names
from replylint.normalize.edits import Edit
from replylint.normalize.model import TranscriptReading
from replylint.normalize.vocabulary import alternation, shipped_lexicon

_TIME = (
    r"[\[(]?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?[\])]?"
    r"[ \t]*(?:-[ \t]*)?"
)
#: A time in brackets after the label, before its colon: "Dana (10:02):", "Kim (Agent)
#: [10:03 AM]:"; a role's brackets never hold one.
_TIME_AFTER = r"[ \t]*[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?[\])]"
_BOTS = alternation(shipped_lexicon("transcript.bot_roles"), longest_first=True)
_TURN = re.compile(
    rf"^[ \t]*(?:{_TIME})?"
    # a bot's label may be written in lower case after its first word ("Virtual assistant")
    rf"(?P<speaker>(?:[A-Z][\w.'’-]*[ \t]+)?(?i:{_BOTS})(?=[ \t]*[:(\[])"
    r"|[A-Z][\w.'’-]*(?:[ \t]+[A-Z0-9#][\w.'’-]*){0,2}"
    r"(?:[ \t]*\((?![ \t]*\d{1,2}:\d{2})[^)\n]{1,24}\))?)"
    rf"(?:{_TIME_AFTER})?[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
_BOT_ROLE = re.compile(rf"\b(?:{_BOTS})\b", re.IGNORECASE)
_AGENT_ROLE = re.compile(
    rf"\b(?:{alternation(shipped_lexicon('transcript.agent_roles'), longest_first=True)})\b",
    re.IGNORECASE,
)
_CUSTOMER_ROLE = re.compile(
    rf"\b(?:{alternation(shipped_lexicon('transcript.customer_roles'), longest_first=True)})\b",
    re.IGNORECASE,
)
#: Words of people talking to each other ("I", "you", "thanks", "ok"): every speaker of a
#: chat says one of them at least once; "Windows: open Settings." / "Mac: open System
#: Settings." never do.
_CONVERSATION = re.compile(
    rf"\b(?:{alternation(shipped_lexicon('transcript.conversation_words'))})\b", re.IGNORECASE
)
#: Share of the text's non-blank lines that must open a turn.
_TURN_LINES = 0.6


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn: its line starts at ``start``, the words said at ``said``, and it runs
    (continuation lines included) to ``end``, trailing white space left out."""

    speaker: str
    start: int
    said: int
    end: int

    @property
    def key(self) -> str:
        return " ".join(self.speaker.lower().split())


def read_transcript(
    text: str, *, agent_name: str | None = None, customer_name: str | None = None
) -> tuple[TranscriptReading | None, list[Edit]]:
    """How ``text`` reads as a chat transcript (None: it is no transcript), and the edits
    that leave the agent's turns alone, where the labels, or the agent's or customer's
    name given with the reply, tell who the agent is."""
    turns = _turns(text)
    if turns is None:
        return None, []
    speakers = list(dict.fromkeys(turn.key for turn in turns))
    labels = {turn.key: turn.speaker for turn in reversed(turns)}  # first spelling
    bots = {key for key in speakers if _BOT_ROLE.search(key)}
    people = [key for key in speakers if key not in bots]
    agents = _agents(people) or _named_agents(people, agent_name, customer_name)
    talking = {turn.key for turn in turns if _CONVERSATION.search(text, turn.said, turn.end)}
    if len(talking) < (1 if agents else len(speakers)):
        return None, []
    if not agents and _only_the_customer(people, customer_name):
        return _unanswered(text, turns, labels, bots)
    if not agents:
        names = tuple(labels[key] for key in speakers)
        return TranscriptReading(agents=(), customers=names, customer_text=None), []
    edits: list[Edit] = []
    if turns[0].start > 0:  # a title line over the first turn is not the agent's
        edits.append(Edit(0, turns[0].start, removed="transcript"))
    customer: list[str] = []
    first_kept = True
    for turn in turns:
        if turn.key in agents:
            edits.append(Edit(turn.start, turn.said, "" if first_kept else "\n", "transcript"))
            first_kept = False
        elif turn.key in bots:
            edits.append(Edit(turn.start, turn.end, removed="bot_turn"))
        else:
            customer.append(text[turn.said : turn.end])
            edits.append(Edit(turn.start, turn.end, removed="customer_turn"))
    named = (labels[key] for key in speakers if key in agents)
    reading = TranscriptReading(
        agents=tuple(labels[key] for key in speakers if key in agents),
        customers=tuple(labels[key] for key in people if key not in agents),
        customer_text="\n".join(customer) or None,
        agent_name=next(filter(None, map(_first_name, named)), None),
        bots=tuple(labels[key] for key in speakers if key in bots),
    )
    return reading, edits


def _unanswered(
    text: str, turns: list[Turn], labels: dict[str, str], bots: set[str]
) -> tuple[TranscriptReading, list[Edit]]:
    """A transcript in which no agent speaks: only the customer and a bot ("Bot: Hi! How
    can I help?" / "Customer: my order is late" / "Bot: Sorry, I didn't get that"). It
    was checked whole, the bot's words read as the agent's reply (its "Sorry" an apology,
    its missing greeting a finding). Every turn is cut: nothing in it is the agent's."""
    edits = [Edit(0, turns[0].start, removed="transcript")] if turns[0].start > 0 else []
    customer: list[str] = []
    for turn in turns:
        if turn.key in bots:
            edits.append(Edit(turn.start, turn.end, removed="bot_turn"))
        else:
            customer.append(text[turn.said : turn.end])
            edits.append(Edit(turn.start, turn.end, removed="customer_turn"))
    speakers = list(dict.fromkeys(turn.key for turn in turns))
    reading = TranscriptReading(
        agents=(),
        customers=tuple(labels[key] for key in speakers if key not in bots),
        customer_text="\n".join(customer) or None,
        bots=tuple(labels[key] for key in speakers if key in bots),
        unanswered=True,
    )
    return reading, edits


def _only_the_customer(people: list[str], customer_name: str | None) -> bool:
    """Whether the one person who speaks (the other speakers being bots) is the
    customer: their label names the customer's role ("Customer", "Visitor 4821"), or
    opens with the customer's first name given with the reply ("Dana" for "Dana
    Smith"). A person whose label is a name nothing tells may be the agent: that
    transcript is checked whole, as any whose agent is not told."""
    if len(people) != 1:
        return False
    person = people[0]
    if _CUSTOMER_ROLE.search(person):
        return True
    customer = _first_token(customer_name)
    return customer is not None and person.split()[0] == customer


def _turns(text: str) -> list[Turn] | None:
    """The turns of ``text`` when it is a transcript (see the module's docstring)."""
    if ":" not in text:
        return None
    found = list(_TURN.finditer(text))
    if len(found) < 3:
        return None
    turns = [
        Turn(match.group("speaker"), match.start(), match.end(), _end(text, match.end(), nxt))
        for match, nxt in zip(found, [*(m.start() for m in found[1:]), len(text)], strict=True)
    ]
    counts = Counter(turn.key for turn in turns)
    if not 2 <= len(counts) <= 3 or max(counts.values()) < 2 or min(map(len, counts)) < 2:
        return None
    if sum(a.key != b.key for a, b in pairwise(turns)) < 2:
        return None
    lines = sum(1 for line in text.splitlines() if line.strip())
    if len(turns) < _TURN_LINES * lines:
        return None
    if sum(1 for line in text[: turns[0].start].splitlines() if line.strip()) > 1:
        return None
    return turns


def _end(text: str, said: int, next_start: int) -> int:
    end = next_start
    while end > said and text[end - 1].isspace():
        end -= 1
    return end


def _agents(speakers: list[str]) -> set[str]:
    """The speakers who are the agent: those whose label names an agent's role
    ("Agent", "Customer Care"); else, where labels name the customer's role
    ("Visitor"), every other speaker. Empty when the labels are names alone."""
    agents = {key for key in speakers if _AGENT_ROLE.search(key)}
    if agents:
        return agents
    customers = {key for key in speakers if _CUSTOMER_ROLE.search(key)}
    if customers:
        return set(speakers) - customers
    return set()


def _first_name(label: str) -> str | None:
    """The person a speaker label names ("Kim" of "Kim (Agent)", "Kim Ortega"), by its
    first word being a first name; None for a role or a company ("Agent", "Acme Care")."""
    words = re.sub(r"\([^)]*\)", " ", label).split()
    if words and words[0].lower() in given_names() and not _AGENT_ROLE.search(words[0]):
        return words[0]
    return None


def _named_agents(
    speakers: list[str], agent_name: str | None, customer_name: str | None
) -> set[str]:
    """The speakers who are the agent by the names given with the reply, where labels
    are names alone ("Kim:", "Dana:"): the speaker whose label opens with the agent's
    first name ("Kim Ortega", or "kim.ortega@acme.example" as a help desk's agent column
    holds it), else every speaker but the one opening with the customer's."""
    agent = _first_token(agent_name)
    if agent:
        named = {key for key in speakers if key.split()[0] == agent}
        if len(named) == 1:
            return named
    customer = _first_token(customer_name)
    if customer:
        named = {key for key in speakers if key.split()[0] == customer}
        if len(named) == 1:
            return set(speakers) - named
    return set()


def _first_token(name: str | None) -> str | None:
    """The lower-case first name of a name or an e-mail address's local part."""
    if not name:
        return None
    words = re.split(r"[\s._+-]+", name.strip().split("@")[0].lower())
    return next((word for word in words if word.isalpha()), None)
