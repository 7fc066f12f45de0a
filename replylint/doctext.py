"""The text behind a spaCy doc, without rebuilding it.

``Doc.text`` and ``Span.text`` join every token's text on each call, which was the
largest single cost on the scoring hot path. The linter remembers the string each doc
was made from; ``text_of`` slices it.
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from replylint.tokencolumns import token_columns

_TEXT_KEY = "replylint.text"


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the string a doc was made from: ``Doc.text`` and ``Span.text`` rebuild it
    token by token, which is the single largest cost on the scoring hot path."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def text_of(span: Span | Doc) -> str:
    """The text of a doc or span, sliced from the remembered string when there is one."""
    doc = span if isinstance(span, Doc) else span.doc
    full = doc.user_data.get(_TEXT_KEY)
    if full is None:
        return span.text
    return str(full) if isinstance(span, Doc) else str(full)[span.start_char : span.end_char]


def lowers(doc: Doc) -> list[str]:
    """Every token's lower-cased text, computed once per doc with the doc's other token
    columns (no Token objects): the step finder looks at words many times per sentence."""
    return token_columns(doc).strings(LOWER)
