"""A fill-in slot for the signer where a signature sits: "[agent name]", "<your name>".

The placeholder step turns the fields it is sure of into words ("[Agent Name]" and
"{{agent_name}}" read "Name", "%AGENT%" reads "Placeholder"), and a word under a closing
reads as the agent's name. A slot in lower case, or in angle, round or double square
brackets, it leaves as written, since such brackets hold prose, keys and UI labels as
often as fields ("[see below]", "<Enter>", "[[wiki page]]"). On the line where the agent
signs, though, "[agent name]" is that signature still to be filled in, and the thanks
above it still closes the reply. So the sign-off reads a line as a slot when its
brackets hold nothing but a template field's words (the ``template_residue`` pack's
field, filler and insert words, as that check reads a bracketed field) and one of them
stands for the signer (``signoff.signer_slot_words``): a bracketed sentence ("[Sent from
our help centre]") or another field ("[link]") under the closing stays reply text.

The lines under the signer's name hold the agent's other details, and a macro leaves them
as fields too: "<Job Title>", "[Department]", "<Website>", "Support Team, <Venue Name>".
No list can know what an organisation calls them, but prose never stands there in
brackets, so a slot written as a field's label (:func:`is_field_slot`: capitalised words,
an identifier such as "job_title", or a field's words from the lists) is read as a
signature line whatever it names. A bracketed sentence ("[Sent from our help centre]",
"[see the link above]") is no label.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from replylint.normalize.vocabulary import shipped_lexicon
from replylint.packs import load_pack
from replylint.resources import data_dir

#: One bracketed slot filling a whole (stripped) line: "[agent name]", "[[agent name]]",
#: "<agent name>", "<<agent>>", "(your name)", "{agent name}".
_SLOT_LINE = re.compile(
    r"\[\[?(?P<square>[^\[\]\n]{1,60})\]\]?|<<?(?P<angle>[^<>\n]{1,60})>>?"
    r"|\((?P<round>[^()\n]{1,60})\)|\{\{?(?P<brace>[^{}\n]{1,60})\}\}?"
)
#: The words of a slot, split at spaces, underscores, dots and case changes
#: ("agent_name", "agent.firstName", "AGENT NAME").
_SLOT_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
#: The only characters a slot holds besides its words.
_SLOT_CHARACTERS = re.compile(r"[A-Za-z_ .'\u2019-]+")
_MAX_SLOT_WORDS = 5
#: A field's label is short: "<Job Title>", "[Booking Reference]", "<Customer Care Team>".
_MAX_LABEL_WORDS = 3
#: What joins the parts of an identifier naming a field: "job_title", "agent.team".
_IDENTIFIER_JOINS = re.compile(r"[_.]")
#: The words of which one makes a field the signer's ("[agent name]", "[signature]").
_SIGNER_WORDS = frozenset(w.lower() for w in shipped_lexicon("signoff.signer_slot_words"))

#: The lexicons of the shipped ``template_residue`` pack whose words a field may hold.
_FIELD_PACK = "template_residue.yaml"
_FIELD_LEXICONS = (
    "template_residue.field_words",
    "template_residue.field_fillers",
    "template_residue.insert_verbs",
    "template_residue.agent_field_words",
)


@lru_cache(maxsize=1)
def _field_vocabulary() -> frozenset[str]:
    """The shipped words a field may hold (normalising happens before a linter's packs
    are known, so a team pack extends the check's lists but not this one)."""
    pack = load_pack(data_dir("rules") / _FIELD_PACK)
    return frozenset(w.lower() for name in _FIELD_LEXICONS for w in pack.lexicons[name])


def _slot_inner(line: str) -> str | None:
    """What the brackets hold when the stripped `line` is one bracketed slot of a
    field's characters, else None."""
    match = _SLOT_LINE.fullmatch(line)
    if match is None:
        return None
    inner = next(group for group in match.groups() if group is not None).strip()
    if not inner or _SLOT_CHARACTERS.fullmatch(inner) is None:
        return None
    return inner


def is_field_slot(line: str) -> bool:
    """Whether the stripped `line` is one bracketed template field, whatever it names:
    a label of up to three capitalised words ("<Job Title>", "[DEPARTMENT]", "(Your
    Position)"), one identifier ("<job_title>"), or a field's words from the lists
    ("[link]", "<order number>", "[agent name]"). A bracketed sentence or note ("[Sent
    from our help centre]", "[see below]") is none."""
    inner = _slot_inner(line)
    if inner is None:
        return False
    if is_signer_slot(line):
        return True
    tokens = inner.split()
    if len(tokens) == 1 and _is_identifier(inner):
        return True
    if len(tokens) <= _MAX_LABEL_WORDS and all(t[0].isupper() for t in tokens):
        return True
    words = [word.lower() for word in _SLOT_WORD.findall(inner)]
    return 1 <= len(words) <= _MAX_SLOT_WORDS and all(w in _field_vocabulary() for w in words)


def _is_identifier(token: str) -> bool:
    """One identifier naming a field: "job_title", "agent.team", "jobTitle" (a plain
    lower-case word, "[sic]", is a note, not a field)."""
    parts = _IDENTIFIER_JOINS.split(token)
    if len(parts) > 1:
        return all(part.isalpha() for part in parts)
    return token.isalpha() and token[0].islower() and not token.islower()


def field_slot_spans(line: str) -> list[tuple[int, int]]:
    """Where in `line` the bracketed template fields stand (see :func:`is_field_slot`):
    "Support Team, <Venue Name>" has one, at its end."""
    return [m.span() for m in _SLOT_LINE.finditer(line) if is_field_slot(m.group())]


#: What parts a contact line: "Sam Lee | Support Team | 0800 123 456".
_CONTACT_BAR = "|"
#: How a field standing as a part of a contact line opens: "[Website]", "<phone number>"
#: ("(Mon-Fri)" or "(UK)" there says when or where, as "Sam (Billing)" does on a name).
_CONTACT_FIELD_OPENINGS = ("[", "<")
#: A contact detail's label of one or two words and its colon, before the value: "Phone: ",
#: "Website: ", "E-mail: ", "Main Office: ".
_CONTACT_LABEL = re.compile(
    r"[^\W\d_][\w'\u2019.-]{0,24}(?:[ \t][^\W\d_][\w'\u2019.-]{0,24})?[ \t]*:[ \t]*"
)


def contact_slot_spans(line: str) -> list[tuple[int, int]]:
    """Where on a contact line a detail is one bracketed template field
    (:func:`is_field_slot`) in square or angle brackets: a part of a line of bar-separated
    parts ("Acme Support | [Website]", "Sam | Acme | <phone number>"), or the value after
    a label and its colon ("Phone: <phone number>", "Website: [Website]", "Acme | Tel:
    [Phone]"). The sign-off reader cuts such a line as signature furniture, but the
    customer reads it all the same, so a field left in it is still to be filled in. An
    HTML answer as written escapes the angle brackets ("&lt;Phone&gt;"); its reader sees
    them. A line of neither shape has none, and the value of a label is the field only
    when the field is all of it ("Hours: [Mon-Fri] 9-5" is a note)."""
    spans: list[tuple[int, int]] = []
    position = 0
    parts = line.split(_CONTACT_BAR)
    for part in parts:
        field = part.strip()
        start = position + len(part) - len(part.lstrip())
        position += len(part) + len(_CONTACT_BAR)
        label = _CONTACT_LABEL.match(field)
        if label is not None:
            field, start = field[label.end() :], start + label.end()
        elif len(parts) == 1:
            break  # neither a part of a "|" line nor a labelled value
        if _is_contact_field(field):
            spans.append((start, start + len(field)))
    return spans


def _is_contact_field(field: str) -> bool:
    """Whether ``field``, a detail of a contact line as written, is one template field in
    square or angle brackets, escaped or not ("[Website]", "&lt;Phone&gt;")."""
    written = html.unescape(field)
    return written.startswith(_CONTACT_FIELD_OPENINGS) and is_field_slot(written)


def field_slot_words(line: str) -> int:
    """How many words the field slot `line` names ("<Job Title>": 2; 0 if it is none),
    split as a field's name is ("job_title" is two)."""
    if not is_field_slot(line):
        return 0
    return len(_SLOT_WORD.findall(_slot_inner(line) or ""))


def is_signer_slot(line: str) -> bool:
    """Whether the stripped `line` is one bracketed template field standing for the one
    who signs: "[agent name]", "<Your Name>", "[[AGENT_NAME]]", "(signature)"."""
    inner = _slot_inner(line)
    if inner is None:
        return False
    words = [word.lower() for word in _SLOT_WORD.findall(inner)]
    if not 1 <= len(words) <= _MAX_SLOT_WORDS:
        return False
    return all(w in _field_vocabulary() for w in words) and not _SIGNER_WORDS.isdisjoint(words)
