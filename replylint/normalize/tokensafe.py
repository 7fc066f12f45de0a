"""Text the tokenizer cannot take: lone surrogates, and long runs of symbols.

Two kinds of input break spaCy's tokenizer rather than just reading oddly, and both
arrive in real traffic (bad decoding, pasted junk, a reply that is 100,000 emoji):

- **Lone surrogates** (U+D800-U+DFFF). A Python ``str`` can hold them: text decoded with
  ``surrogateescape``, JSON with a ``"\\ud83d"`` escape, a string a JavaScript client cut
  in the middle of an emoji. They cannot be encoded as UTF-8 and the tokenizer, which
  hashes every token's UTF-8 bytes, raises. The checks read U+FFFD, the replacement
  character, instead; a high-low pair that does form a character becomes that character.
- **Long runs of punctuation, symbols or emoji** with no space: the tokenizer strips
  prefixes one at a time and rescans the rest each time, so 2,000 ``<`` take half a
  second, 20,000 take 90 seconds and 100,000 (under the default reply limit) about an
  hour. No reader sees such a run as words, so a space is inserted every
  `MAX_SYMBOL_RUN` characters; runs of letters and digits (long URLs, one giant word)
  tokenise in linear time and are left alone.

Both are edits of the normalised text only: the offset map still points at the raw
characters, so a finding's ``text`` is exactly what the caller passed in.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit

#: A high-low pair (one real character, stored as two code units), or any other surrogate.
_SURROGATES = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
REPLACEMENT = "\ufffd"

#: Longest run of non-word characters handed to the tokenizer in one piece. Costs grow
#: with the square of a run's length; at 32 a run costs well under a millisecond.
MAX_SYMBOL_RUN = 32
#: Characters that are not letters, digits or whitespace. Underscore counts too (spaCy
#: treats it as punctuation, and a run of it is as slow as any other): it is searched for
#: as a hyphen, since one character class scans twice as fast as an alternation.
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN + 1},}}")


def surrogate_edits(text: str) -> list[Edit]:
    """Edits that replace surrogates by the character they encode, or by U+FFFD."""
    edits: list[Edit] = []
    if text.isascii():  # most replies: no scan needed
        return edits
    for match in _SURROGATES.finditer(text):
        units = match.group()
        if len(units) == 2:
            character = units.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        else:
            character = REPLACEMENT
        edits.append(Edit(match.start(), match.end(), character))
    return edits


def without_surrogates(text: str) -> str:
    """``text`` with surrogates replaced as `surrogate_edits` does, for strings that are
    not mapped back to the input (a customer's name, their message)."""
    if text.isascii() or _SURROGATES.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def symbol_run_edits(text: str) -> list[Edit]:
    """Edits that insert a space every `MAX_SYMBOL_RUN` characters of a long symbol run."""
    edits: list[Edit] = []
    for match in _SYMBOL_RUN.finditer(text.replace("_", "-") if "_" in text else text):
        for position in range(match.start() + MAX_SYMBOL_RUN, match.end(), MAX_SYMBOL_RUN):
            edits.append(Edit(position, position, " "))
    return edits


def tokenizer_safe_edits(text: str) -> list[Edit]:
    """Both of the above, in one pass over the steps (they never overlap: an insertion
    that would fall between the two halves of a surrogate pair is skipped)."""
    return [*surrogate_edits(text), *symbol_run_edits(text)]
