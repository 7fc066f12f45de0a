"""A doc's token attributes as plain lists, read from the doc once.

Readers that look at tokens one by one, many times per sentence (the step finder, the
empathy cues, the matchers' gates, the jargon and respelling readers, the model's word
forms), index these lists instead of ``doc[i]``, which builds a ``Token`` object per
look. They used to read them each on their own, seven to nine ``Doc.to_array`` calls a
reply: the matchers' gates the hashes of the texts, lower cases, norms, shapes and
numbers, the step finder the lower cases again, others the texts and norms again and a
few flags. Every value read costs (a Python int per token and attribute, a new string
per hash looked up), and so does every call (a few microseconds), so each attribute is
read here once: those nearly every reply needs in one call, the first time any of them
is asked for, the others (rare) each on its own; what the sentence splitter read in the
pipeline is handed over (:meth:`TokenColumns.remember`), not read again.
"""

from __future__ import annotations

import numpy
from spacy.attrs import (
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LIKE_NUM,
    LIKE_URL,
    LOWER,
    NORM,
    ORTH,
    SHAPE,
)
from spacy.tokens import Doc

_COLUMNS_KEY = "replylint.token_columns"

#: The attributes read together, in one ``to_array`` call: those nearly every reply's
#: readers ask for (the matchers' gates read the first five, the step finder and the
#: empathy cues the words and flags). An attribute outside it costs a call of its own.
TABLE_ATTRS: tuple[int, ...] = (
    ORTH, LOWER, NORM, SHAPE, LIKE_NUM, IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_URL,
)  # fmt: skip
_IN_TABLE = frozenset(TABLE_ATTRS)
#: The string attribute whose strings most of a string attribute's equal.
_BASE = {LOWER: ORTH, NORM: LOWER}


class TokenColumns:
    """A doc's token attributes as plain lists, each made the first time it is asked
    for, then kept. Per doc (see :func:`token_columns`), like the doc's ``user_data`` it
    lives in."""

    __slots__ = ("_doc", "_flags", "_hashes", "_strings", "_table")

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._table: dict[int, numpy.ndarray] | None = None
        self._hashes: dict[int, list[int]] = {}
        self._strings: dict[int, list[str]] = {}
        self._flags: dict[int, list[bool]] = {}

    def hashes(self, attr: int) -> list[int]:
        """Each token's value of ``attr`` as ``Doc.to_array`` gives it (a string's hash,
        a flag's 0 or 1, a number)."""
        found = self._hashes.get(attr)
        if found is None:
            found = self._column(attr).tolist()
            self._hashes[attr] = found
        return found

    def remember(self, attr: int, values: list[int]) -> None:
        """The values of ``attr`` (as :meth:`hashes` has them), read already by a reader
        that runs before any other: the sentence splitter, in the pipeline, reads the
        texts and a few flags of every token. Only for an attribute no later pipeline
        component changes (a token's text, its lexeme's flags, its whitespace), and
        only before the others are read: they are then read without it."""
        if self._table is None:
            self._hashes.setdefault(attr, values)

    def strings(self, attr: int) -> list[str]:
        """Each token's string of a string attribute (``ORTH``: ``Token.text``,
        ``NORM``: ``Token.norm_``, ``LOWER``: ``Token.lower_``).

        Most words are their own lower case and norm ("the", "order"), and most norms
        are the lower case ("The"): where a token's hash is that of its text (its lower
        case, for a norm), that string is taken instead of looking the hash up, as the
        string store makes a new string at every look-up."""
        found = self._strings.get(attr)
        if found is None:
            strings = self._doc.vocab.strings
            hashes = self.hashes(attr)
            base = _BASE.get(attr)
            if base is None:
                found = [strings[h] for h in hashes]
            else:  # the same hash is the same string
                found = [
                    known if h == known_hash else strings[h]
                    for h, known_hash, known in zip(
                        hashes, self.hashes(base), self.strings(base), strict=True
                    )
                ]
            self._strings[attr] = found
        return found

    def flags(self, attr: int) -> list[bool]:
        """Each token's boolean attribute (``IS_ALPHA``: ``Token.is_alpha``, ``SPACY``:
        whether whitespace follows it, ...)."""
        found = self._flags.get(attr)
        if found is None:
            known = self._hashes.get(attr)
            if known is not None:
                found = [value != 0 for value in known]
            else:
                found = self._column(attr).astype(bool).tolist()
            self._flags[attr] = found
        return found

    def _column(self, attr: int) -> numpy.ndarray:
        """Every token's value of ``attr``: from the table, read in one call the first
        time one of :data:`TABLE_ATTRS` is asked for (those not remembered already), or
        read alone."""
        if attr not in _IN_TABLE:
            return self._doc.to_array(attr)
        if self._table is None:
            wanted = [a for a in TABLE_ATTRS if a not in self._hashes]
            self._table = {}
            if wanted:
                table = self._doc.to_array(list[int | str](wanted))
                table = table.reshape(len(self._doc), len(wanted))  # (one: a column)
                self._table = {a: table[:, j] for j, a in enumerate(wanted)}
        column = self._table.get(attr)
        return column if column is not None else numpy.asarray(self._hashes[attr])


def token_columns(doc: Doc) -> TokenColumns:
    """The doc's :class:`TokenColumns`, made once per doc (kept in its ``user_data``)."""
    cached: TokenColumns | None = doc.user_data.get(_COLUMNS_KEY)
    if cached is None:
        cached = TokenColumns(doc)
        doc.user_data[_COLUMNS_KEY] = cached
    return cached
