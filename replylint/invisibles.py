"""The invisible format characters: one list, read where text is shown and where it is
analysed, so that what the checks cut from a word is what the output shows as an escape."""

from __future__ import annotations

__all__ = ["INVISIBLE_RANGES", "escaped", "invisible_class"]

#: Unicode's invisible format characters (category Cf), as ranges, shown as ``\\uNNNN``
#: (``\\UNNNNNNNN`` beyond U+FFFF) in the text output and the HTML report, as editors and
#: code hosts show them. Unseen, they change what the agent reads: the bidirectional
#: embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder the
#: characters around them ("Trojan Source"); a direction mark (U+200E, U+200F, U+061C)
#: moves the punctuation next to it; the rest (a zero-width space U+200B, word joiner
#: U+2060, byte order mark U+FEFF, soft hyphen U+00AD, the tag characters U+E0001 and
#: U+E0020-U+E007F that can spell out hidden words, a subdivision flag's aside) hold
#: something where nothing shows. Left out: the joiners U+200C and U+200D, which join or
#: part the letters of a word (Persian, Hindi) and the parts of an emoji (👩‍💻) and move
#: nothing, so escaping them would garble the text they shape; and the marks that are
#: drawn (U+0600-U+0605, U+06DD, U+070F, U+0890-U+0891, U+08E2, U+110BD, U+110CD: Arabic,
#: Syriac and Kaithi signs over a number; U+13430-U+1343F, which lay Egyptian hieroglyphs
#: out), as visible as any letter. A test keeps the list in step with the
#: ``unicodedata`` Python ships.
INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x061C, 0x061C),
    (0x180E, 0x180E),
    (0x200B, 0x200B),
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)


def escaped(code: int) -> str:
    """How a character is shown (and named in a regex): ``\\u200f``, ``\\U000e0041``."""
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def invisible_class() -> str:
    """The ranges as the inside of a regex character class."""
    return "".join(f"{escaped(low)}-{escaped(high)}" for low, high in INVISIBLE_RANGES)
