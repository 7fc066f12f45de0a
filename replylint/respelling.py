"""A reply's text with each word spelled as the tokenizer normalises it.

Phrases match on the tokens' norms, so "utilise" finds a pack's "utilize"; a phrase's
written forms (a hyphen between its words, a plural ending: :mod:`replylint.team_terms`)
are found in the text as written. Neither found a spelling variant in another form:
"utilises" (its norm "utilizes" is no norm of "utilize") or "colour-schemes" (no token
sequence of "color scheme"). Looked for in the text respelled ("utilizes",
"color-schemes"), a phrase respelled the same way finds every combination of the two.

Only an alphabetic word whose norm is another alphabetic word is respelled ("colour" is
"color", "licences" "licenses"): a contraction's norm ("n't": "not") or a norm with a
space would change what is a word.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.attrs import IDX, NORM, ORTH
from spacy.tokens import Doc

from replylint.matchers import MakeDoc
from replylint.tokencolumns import token_columns

__all__ = ["Respelled", "respell", "respelled"]

_CACHE_KEY = "replylint.respelled"


@dataclass(frozen=True)
class Respelled:
    """A doc's text respelled, and where each of its tokens starts in it."""

    text: str
    starts: tuple[int, ...]

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """The tokens (start, end) that ``text[start:end]`` covers, in part or whole."""
        return bisect_right(self.starts, start) - 1, bisect_left(self.starts, end)


def _respelled_tokens(doc: Doc) -> list[int]:
    """The tokens whose norm is another alphabetic spelling of the word. Read from the
    doc's token columns, which the step finder has made already for most replies (a few
    microseconds a reply)."""
    columns = token_columns(doc)
    return [
        i
        for i, (norm, word) in enumerate(
            zip(columns.strings(NORM), columns.strings(ORTH), strict=True)
        )
        if norm != word and norm.isalpha() and word.isalpha() and norm != word.lower()
    ]


def respelled(doc: Doc, text: str) -> Respelled | None:
    """``text`` (the doc's text) respelled, or None where no word is (most replies);
    made once per doc (kept in its ``user_data``) for every pack rule that asks."""
    if _CACHE_KEY in doc.user_data:
        cached: Respelled | None = doc.user_data[_CACHE_KEY]
        return cached
    found = _respelled_tokens(doc)
    result = _respell(doc, text, found) if found else None
    doc.user_data[_CACHE_KEY] = result
    return result


def respell(make_doc: MakeDoc, phrase: str) -> str:
    """``phrase`` respelled as :func:`respelled` respells a reply."""
    doc = make_doc(phrase)
    found = _respelled_tokens(doc)
    return _respell(doc, phrase, found).text if found else phrase


def _respell(doc: Doc, text: str, found: list[int]) -> Respelled:
    """``text`` with the tokens ``found`` (in order) written as their norms."""
    columns = token_columns(doc)
    norms, words = columns.strings(NORM), columns.strings(ORTH)
    starts = doc.to_array(IDX).tolist()
    respelled_at = dict.fromkeys(found)
    pieces: list[str] = []
    shifted: list[int] = []
    cursor = shift = 0
    for i, start in enumerate(starts):
        shifted.append(start + shift)
        if i in respelled_at:
            pieces += [text[cursor:start], norms[i]]
            cursor = start + len(words[i])
            shift += len(norms[i]) - len(words[i])
    pieces.append(text[cursor:])
    return Respelled("".join(pieces), tuple(shifted))
