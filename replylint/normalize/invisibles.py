"""Invisible format characters, which are no part of the words around them.

A reply pasted from a right-to-left chat, a CRM or a word processor carries characters
that show nothing: direction marks (U+200E, U+200F, U+061C) and bidirectional controls
around a word, a soft hyphen or word joiner inside one, a byte order mark. The tokenizer
keeps them in the word they touch, so "Your \\u200fRMA\\u200e is approved" held the word
"\\u200fRMA\\u200e", which no acronym pattern, pack term or name list knows: the jargon
check found nothing, and where the term model did find it, it quoted the marks. They are
cut from the text the checks read, as zero-width spaces already are (plain text,
:mod:`replylint.normalize.plaintext`; HTML, :mod:`replylint.normalize.htmltext`), and
the offset map still points at the raw characters, so a finding's span starts and ends
at the word's first and last letter as typed.

Which characters: :data:`replylint.invisibles.INVISIBLE_RANGES`, the ones the text
output shows as ``\\uNNNN`` escapes (one list, so what is cut is what is shown). The
joiners U+200C and U+200D are not among them; the first pass drops them with the
zero-width spaces. The marks drawn over a number (U+0600-U+0605 and the like) are
visible, and stay.

Control characters go the same way (:data:`_CONTROLS`): a NUL or a stray ``\\x01`` from a
database column or a badly decoded export, glued to a word ("Dana,\\x00"), made one token
of it and changed the verdicts (the library and the service take such text; the CLI
refuses a file holding NUL as binary). Tab, line feed, vertical tab, form feed, carriage
return and NEL (U+0085) are layout, read as such by the steps before and after; every
other C0 and C1 control, and DEL, shows nothing and means nothing in a reply.
"""

from __future__ import annotations

import re

from replylint.invisibles import invisible_class
from replylint.normalize.edits import Edit

#: The control characters that are no layout: C0 but tab, line feed, vertical tab, form
#: feed and carriage return; DEL; C1 but NEL (U+0085, a line break).
_CONTROLS = "\\x00-\\x08\\x0e-\\x1f\\x7f-\\x84\\x86-\\x9f"
#: A run of invisible format or control characters.
_INVISIBLE_RUN = re.compile(f"[{invisible_class()}{_CONTROLS}]+")


def invisible_edits(text: str) -> list[Edit]:
    """Edits that delete every run of invisible format or control characters."""
    return [Edit(match.start(), match.end()) for match in _INVISIBLE_RUN.finditer(text)]
