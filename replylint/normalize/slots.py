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
"""

from __future__ import annotations

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


def is_signer_slot(line: str) -> bool:
    """Whether the stripped `line` is one bracketed template field standing for the one
    who signs: "[agent name]", "<Your Name>", "[[AGENT_NAME]]", "(signature)"."""
    match = _SLOT_LINE.fullmatch(line)
    if match is None:
        return False
    inner = next(group for group in match.groups() if group is not None).strip()
    if not inner or _SLOT_CHARACTERS.fullmatch(inner) is None:
        return False
    words = [word.lower() for word in _SLOT_WORD.findall(inner)]
    if not 1 <= len(words) <= _MAX_SLOT_WORDS:
        return False
    return all(w in _field_vocabulary() for w in words) and not _SIGNER_WORDS.isdisjoint(words)
