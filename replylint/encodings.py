"""How to make UTF-8 of a file that is not, said the same way wherever replylint reads
one (a reply, a rule pack)."""

from __future__ import annotations


def conversion_advice(data: bytes, *, read_as_utf8: bool = True) -> str:
    """How to make UTF-8 of ``data``: iconv needs the encoding the bytes are in (``-t
    utf-8`` alone reads them as the locale's, UTF-8 again, and fails the same way).
    Bytes that were read as UTF-8 and read whole as Windows-1252 (a superset of
    Latin-1's printable letters, what Excel and older Windows editors write) are most
    likely that; ``read_as_utf8`` is False for bytes read by their byte-order mark as
    UTF-16 or UTF-32, which no such guess fits."""
    if read_as_utf8:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return (
                "it reads as Windows-1252 (Latin-1): convert it with "
                "`iconv -f windows-1252 -t utf-8 FILE > FILE.utf8`"
            )
    return (
        "convert it from the encoding it is in, e.g. `iconv -f ENCODING -t utf-8 FILE > "
        "FILE.utf8` (`file -i FILE` may tell the encoding; text mixing encodings must be "
        "fixed by hand)"
    )
