"""Which input column holds what: explicit options, else the usual export names.

Exports spell the same column many ways (``Reply``, `` reply ``, ``Ticket ID``,
``ticket-id``), so names are compared by a normalised key: case, surrounding spaces and
the separators ``_ - . space`` do not count. A name that matches nothing is not a silent
default either: an explicit name must exist, and a column that two headers could be
(``reply`` twice, or ``Reply`` and ``reply``) is an error, because reading it would keep
one of them and drop the other without a word. Nor is a guess among several candidates
(``Assignee`` and ``Author``) silent: ``score`` says on stderr which it read and the
option that reads another.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from itertools import islice
from typing import TextIO

from replylint.errors import UserError

DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("reply", "text", "body", "message", "content", "response", "answer"),
    "id": ("id", "reply_id", "message_id", "ticket_id", "comment_id"),
    "channel": ("channel", "via", "source_channel"),
    "customer": ("customer_message", "customer", "question", "request", "inbound"),
    "agent": (
        "agent",
        "agent_id",
        "agent_name",
        "agent_email",
        "assignee",
        "assignee_name",
        "assignee_email",
        "author",
    ),
    "customer_name": ("customer_name", "requester_name", "customer_first_name"),
    # Never guessed: an export's "template" column often names the macro used, which
    # says nothing about whether the row still is one. Only --template-col picks it.
    "template": (),
}

_SEPARATORS = re.compile(r"[\s_.\-]+")
#: Words that make a column name say it holds the agent's reply ("Public reply", "Agent
#: response"), beside the usual names; and words that make it something else: a figure
#: about the reply ("First reply time", "Reply ID"), the customer's side of the
#: conversation ("Customer reply") or a scorecard's quote from it ("Reply evidence"),
#: which neither `score`'s guess nor a scorecard's reads as the reply.
_REPLY_WORDS = frozenset({"reply", "response", "answer"})
_NOT_A_REPLY = frozenset(
    "id time date at by count sla first minutes hours status customer requester client user "
    "evidence".split()
)
#: What a role's column holds, as a note names it.
_ROLE_NAMES = {
    "text": "reply",
    "customer": "customer's message",
    "customer_name": "customer's name",
}

#: The one default name of the customer's message that exports also give to the column
#: of the customer's *name* (a QA scorecard's "Customer": "Renée Dupont"). Its cells are
#: looked at before they are read as messages (:func:`names_not_messages`).
AMBIGUOUS_CUSTOMER = "customer"
#: How many non-empty cells of that column are looked at, and the share that must look
#: like a name (or an e-mail address) for the column to be read as names.
NAME_SAMPLE = 50
NAME_SHARE = 0.8
#: The share of those cells that must hold a first name the names dataset knows.
KNOWN_SHARE = 0.3
#: Lower-case words inside names ("Ana de la Cruz", "Jan van Dijk", "Omar bin Said").
_NAME_PARTICLES = frozenset(
    "al bin binti bint da das de del della der des di do dos du el la le lo ten ter van "
    "von y zu".split()
)


class ColumnError(UserError, ValueError):
    """A requested column is missing or ambiguous; the message lists the available ones."""


def column_key(name: str) -> str:
    """How a column name is compared: ``Ticket ID``, ``ticket_id`` and `` ticket-id ``
    are the same column."""
    return _SEPARATORS.sub("_", name.strip().casefold()).strip("_")


def _title_hint(names: Sequence[str]) -> str:
    """What to do when the header read is one cell: a title or a date some report exports
    put above the real header ("Tickets export 2025-01-01"). Without this, the advice to
    name the text column led to "no column 'reply'", the title being the only column
    there was. Empty otherwise (a header of several names is a header)."""
    filled = [name for name in names if name.strip()]
    if len(filled) != 1:
        return ""
    return (
        f" (the first line holds one cell, {filled[0]!r}: if it is a title above the "
        "header, delete the lines above the header, or skip them, e.g. "
        "`tail -n +2 FILE | replylint score - --out ...`; the header must be the first line)"
    )


@dataclass(frozen=True)
class ColumnMap:
    text: str
    id: str | None
    channel: str | None
    customer: str | None
    agent: str | None
    #: The customer's name as the ticket system knows it (read by customer_name).
    customer_name: str | None = None
    #: A true/false column: the row is a template (placeholders expected), not a sent reply.
    template: str | None = None

    @classmethod
    def resolve(
        cls,
        available: Sequence[str],
        *,
        text: str | None = None,
        id: str | None = None,
        channel: str | None = None,
        customer: str | None = None,
        agent: str | None = None,
        customer_name: str | None = None,
        template: str | None = None,
        notes: TextIO | None = None,
    ) -> ColumnMap:
        """Explicit names must exist (exactly, else by their normalised key); otherwise
        the first default name present (by key) is used; the reply is also looked for
        among the columns whose name says so (:func:`names_a_reply`), and two candidates
        for it are an error, not one of them read. Only the text column is
        required (ids default to the row number). ``available`` is the header as read,
        repeats included: a chosen column named twice is a :class:`ColumnError`.

        A guess that had several columns to choose from (``Assignee`` and ``Author``)
        is said on ``notes`` (``score``: stderr), a line per role, with the option that
        picks another (:func:`choice_note`): chosen silently, the wrong column's agents
        or ids would fill the results with nothing to say so."""
        chosen = {"text": text, "id": id, "channel": channel, "customer": customer,
                  "agent": agent, "customer_name": customer_name,
                  "template": template}  # fmt: skip
        names = list(available)
        resolved: dict[str, str | None] = {}
        for role, explicit in chosen.items():
            if explicit is not None:
                option = f"--{role.replace('_', '-')}-col"
                found = _find(names, explicit, option, explicit=True)
                if found is None:
                    raise ColumnError(
                        f"no column {explicit!r} for {option}; the input has: "
                        + _listed(names)
                        + _title_hint(names)
                    )
                same = next((r for r, col in resolved.items() if col == found), None)
                if same is not None:  # (every id was the reply's text, without a word)
                    other = f"--{same.replace('_', '-')}-col"
                    raise ColumnError(
                        f"{option} and {other} both name the column {found!r}; one column "
                        "holds one thing: name another for one of them"
                    )
                resolved[role] = found
        # A column named for one role is not also guessed for another:
        # --customer-name-col Customer must not leave "Customer" read as the message too.
        unclaimed = [n for n in names if n not in resolved.values()]
        for role, explicit in chosen.items():
            if explicit is None:
                option = f"--{role.replace('_', '-')}-col"
                guesses = [g for c in DEFAULTS[role] if (g := _find(unclaimed, c, option))]
                if role == "text":
                    guesses += [n for n in _reply_named(unclaimed) if n not in guesses]
                if role == "text" and len(guesses) > 1:
                    raise ColumnError(
                        f"columns {' and '.join(repr(g) for g in guesses)} could each hold the "
                        "reply; name its column with --text-col (and the customer's message "
                        "with --customer-col)"
                    )
                resolved[role] = guesses[0] if guesses else None
                if notes is not None and len(guesses) > 1:
                    print(f"replylint: note: {choice_note(role, guesses)}", file=notes)
        if resolved["text"] is None:
            hint = _title_hint(names)
            raise ColumnError(
                "cannot tell which column holds the reply text"
                + ("" if hint else "; pass --text-col")
                + ". The input has: "
                + _listed(names)
                + hint
            )
        return cls(
            text=str(resolved["text"]), id=resolved["id"], channel=resolved["channel"],
            customer=resolved["customer"], agent=resolved["agent"],
            customer_name=resolved["customer_name"], template=resolved["template"],
        )  # fmt: skip

    def customer_as_names(self, cells: Iterable[str | None]) -> tuple[ColumnMap, str | None]:
        """This map with a guessed ``Customer`` column read as the customer's name when
        ``cells`` (the column's first cells) look like names, not messages; with a note
        saying so, or None when nothing changed. Reading "Renée Dupont" as the customer's
        message would judge every reply against a customer who said nothing. Only the
        guessed name :data:`AMBIGUOUS_CUSTOMER` is looked at: a column the user named
        (``--customer-col``) or called ``customer_message`` is read as asked."""
        column = self.customer
        if column is None or column_key(column) != AMBIGUOUS_CUSTOMER:
            return self, None
        examples = names_not_messages(cells)
        if examples is None:
            return self, None
        shown = ", ".join(repr(e) for e in examples)
        if self.customer_name is None:
            read_as = "read as the customer's name"
            changed = replace(self, customer=None, customer_name=column)
        else:
            read_as = f"not read (the customer's name is in {self.customer_name!r})"
            changed = replace(self, customer=None)
        return changed, (
            f"column {column!r} holds names ({shown}), not the customer's message, so it "
            f"was {read_as}; pass --customer-col {column} to read it as the message"
        )


def names_a_reply(name: str) -> bool:
    """``Public reply``, ``Agent response``: a column whose name says it holds a reply,
    though it is none of the usual names (a reply's time or id, or the customer's reply,
    is not). An Intercom-like export's ``Message`` is the customer's; guessed alone as the
    reply, the customer's messages were scored and its ``Public reply`` never read."""
    words = set(column_key(name).split("_"))
    return bool(words & _REPLY_WORDS) and not words & _NOT_A_REPLY


def _reply_named(names: Sequence[str]) -> list[str]:
    """The columns of ``names`` that :func:`names_a_reply` and that no role's usual name
    is (``reply_id`` is an id)."""
    usual = {column_key(name) for defaults in DEFAULTS.values() for name in defaults}
    return [n for n in names if names_a_reply(n) and column_key(n) not in usual]


def choice_note(role: str, guesses: Sequence[str]) -> str:
    """What a guess of ``role``'s column chose among ``guesses`` (the chosen one first),
    and how to read another: "read column 'Assignee' as the agent; 'Author' could be it
    too (pass --agent-col Author to read that one)"."""
    chosen, *others = guesses
    option = f"--{role.replace('_', '-')}-col"
    what = _ROLE_NAMES.get(role, role)
    if len(others) == 1:
        how = f"pass {option} {shlex.quote(others[0])} to read that one"
    else:
        how = f"pass {option} NAME to read another"
    could = ", ".join(repr(o) for o in others)
    return f"read column {chosen!r} as the {what}; {could} could be it too ({how})"


def other_guesses(available: Sequence[str], columns: ColumnMap, role: str) -> list[str]:
    """The columns of ``available`` besides the one ``columns`` read for ``role`` that
    its guess could have read (those another role reads left out), in the order the
    guess tries them: what to suggest when the column it read held nothing."""
    chosen = getattr(columns, role)
    taken = {column for column in asdict(columns).values() if column is not None}
    unclaimed = [name for name in available if name not in taken]
    option = f"--{role.replace('_', '-')}-col"
    guesses = (_find(unclaimed, name, option) for name in DEFAULTS[role])
    return [guess for guess in guesses if guess is not None and guess != chosen]


#: Words that make a column name look like an id's or a channel's under a help desk's own
#: name ("Conversation ID", "Ticket #", "Case Number", Freshdesk's "Source"), which the
#: usual names miss. An id's name may also end in ``#`` ("Ticket#").
_LOOKALIKE_WORDS = {
    "id": frozenset({"id", "#", "no", "nr", "num", "number"}),
    "channel": frozenset({"source", "medium"}),
}


#: Whole column names of a help desk's export that hold the customer's message or name
#: under a name of its own (Freshdesk's and Zendesk's "Description", "Contact Name").
_LOOKALIKE_NAMES = {
    "customer": frozenset({"description", "ticket_description", "first_message"}),
    "customer_name": frozenset({"contact_name", "contact", "requester", "full_name"}),
}


def looks_like(name: str, role: str) -> bool:
    """Whether a column ``name`` looks like the column of ``role`` (see
    :data:`_LOOKALIKE_WORDS` and :data:`_LOOKALIKE_NAMES`). A gold scorecard's id column
    is looked for so too (:func:`replylint.scorecards.unread_id_note`)."""
    key = column_key(name)
    if role in _LOOKALIKE_NAMES:
        return key in _LOOKALIKE_NAMES[role]
    return key.split("_")[-1] in _LOOKALIKE_WORDS[role] or (role == "id" and key.endswith("#"))


def unguessed_note(
    available: Sequence[str], columns: ColumnMap, role: str, instead: str
) -> str | None:
    """What to say when no column was guessed for ``role`` (``id``, ``channel``,
    ``customer`` or ``customer_name``) while some column's name looks like one (its last
    word ``id``, ``#`` or ``number``, ``Source``, "Description", "Contact Name"): that
    every row got ``instead``, and the option that reads the column.
    Read without a word, a Freshdesk export's phone and chat replies were all scored as
    e-mails, and an Intercom-like export's conversation ids (or a scorecard's "Ticket
    #") became row numbers. None when nothing looks like it."""
    taken = {column for column in asdict(columns).values() if column is not None}
    lookalikes = [
        name for name in available
        if name not in taken and name.strip() and looks_like(name, role)
    ]  # fmt: skip
    if not lookalikes:
        return None
    option = f"--{role.replace('_', '-')}-col"
    pick = shlex.quote(lookalikes[0]) if len(lookalikes) == 1 else "NAME"
    could = ", ".join(repr(name) for name in lookalikes)
    return (
        f"no {role} column ({', '.join(DEFAULTS[role])}): {instead}; {could} could be it: "
        f"score again with {option} {pick}"
    )


def empty_column_note(role: str, chosen: str, others: Sequence[str]) -> str:
    """What to say when the guessed column ``chosen`` of ``role`` was empty on every row
    while ``others`` could have been it: "the agent column 'Assignee' was empty on every
    row; 'Author' could be it: score again with --agent-col Author". The note of the
    choice (:func:`choice_note`) came before any row was read, and could not know."""
    option = f"--{role.replace('_', '-')}-col"
    pick = shlex.quote(others[0]) if len(others) == 1 else "NAME"
    could = ", ".join(repr(o) for o in others)
    what = _ROLE_NAMES.get(role, role)
    return (
        f"the {what} column {chosen!r} was empty on every row; {could} could be it: "
        f"score again with {option} {pick}"
    )


def names_not_messages(cells: Iterable[str | None]) -> list[str] | None:
    """Up to three of the cells when at least :data:`NAME_SHARE` of the first
    :data:`NAME_SAMPLE` non-empty ones are shaped like a person's name or an e-mail
    address, and at least :data:`KNOWN_SHARE` hold a first name the names dataset knows (or are an
    address): a column of short subjects ("Order Missing", "Refund Please") is shaped
    like names too. None when they read as messages (or there are none)."""
    sample = [c.strip() for c in islice((c for c in cells if c and c.strip()), NAME_SAMPLE)]
    if not sample:
        return None
    names = [cell for cell in sample if _looks_like_name(cell)]
    known = [cell for cell in names if _is_email_address(cell) or _has_a_first_name(cell)]
    if len(names) >= NAME_SHARE * len(sample) and len(known) >= KNOWN_SHARE * len(sample):
        return names[:3]
    return None


def _has_a_first_name(cell: str) -> bool:
    from replylint.names import given_names  # (loaded only when a column is in doubt)

    known = given_names()
    return any(word.strip(".,").casefold() in known for word in cell.split())


def _looks_like_name(cell: str) -> bool:
    """ "Renée Dupont", "Dupont, Renée", "Dr. A. Okafor", "Ana de la Cruz", "王伟",
    "renee@example.com": yes. "Where is my order?", "refund please", "Order 1234": no."""
    if _is_email_address(cell):
        return True
    words = cell.replace(",", " ").split()
    if not 1 <= len(words) <= 4 or len(cell) > 60 or any(c in cell for c in "?!:;"):
        return False
    capitalised = False
    for word in words:
        bare = word.rstrip(".")
        if not bare or not all(c.isalpha() or c in "'-’" for c in bare):
            return False
        if "." in word and len(bare) > 3:  # initials and titles only: "A.", "Dr.", "Jr."
            return False
        if bare[0].isupper() or (not bare[0].islower() and len(bare) <= 6):
            capitalised = True  # (an uncased script: a short word, as names are)
        elif bare.casefold() not in _NAME_PARTICLES:
            return False
    return capitalised


def _is_email_address(cell: str) -> bool:
    """``name@example.com``: one ``@``, no spaces, a dot inside the domain."""
    local, at, domain = cell.partition("@")
    return bool(local and at and "@" not in domain and "." in domain.strip(".")) and not any(
        c.isspace() for c in cell
    )


def _find(names: list[str], wanted: str, option: str, *, explicit: bool = False) -> str | None:
    """The one column called ``wanted``: spelled exactly, else by key. None when there
    is none; a :class:`ColumnError` when two columns could be it: a guessed name spelled
    exactly beside another spelling of it (``reply`` and ``Reply``, or a JSONL export whose
    lines spell the key two ways) would read one and drop the other without a word; a
    name given with ``option`` (``explicit``) is the one spelled exactly."""
    exact = [n for n in names if n == wanted]
    if len(exact) > 1:
        raise ColumnError(
            f"the input names the column {wanted!r} {len(exact)} times, so its cells cannot "
            "be told apart; rename the repeats in the header"
        )
    similar = [n for n in names if column_key(n) == column_key(wanted)]
    if exact and (len(similar) == 1 or explicit):
        # (an option names its column exactly: the other spelling is another column)
        return exact[0]
    if len(similar) > 1:
        raise ColumnError(
            "columns " + " and ".join(repr(n) for n in similar) + f" could both be {wanted!r}; "
            f"name one exactly with {option}, or rename the other in the header"
        )
    return similar[0] if similar else None


def _listed(names: list[str]) -> str:
    """The columns for an error message; a header read as one column that holds a
    separator says which option fixes it (a comma file named ``.tsv``), naming the
    separator the header holds most of: that is the likely one, and a fixed example
    (``','``) misled whoever has a semicolon file."""
    listed = ", ".join(repr(n) if n != n.strip() or not n else n for n in names)
    counts = {sep: names[0].count(sep) for sep in _DELIMITER_ARGS} if len(names) == 1 else {}
    if any(counts.values()):
        likely = max(counts, key=lambda sep: counts[sep])
        listed += (
            " (one column: the header was not split; if its columns are separated by "
            f"something else, pass --delimiter, e.g. --delimiter {_DELIMITER_ARGS[likely]})"
        )
    return listed


#: The separators a CSV header may hold, as ``--delimiter`` takes them on a command line.
_DELIMITER_ARGS = {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}
