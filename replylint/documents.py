"""Word-processor documents given where a reply's text is expected, told apart by their
first bytes whatever their names.

An agent on a Mac writes a draft in TextEdit, whose default is RTF; another exports one
from Word or as a PDF. RTF is text, so it was checked as a reply: its control words
read as the first sentence (no greeting, "grade 50") without a word of warning. A Word
file or a PDF was refused with advice that did not fit ("UTF-16 needs a byte-order
mark", or an `iconv` command that would have turned the PDF into gibberish that is
then checked). Each is now refused for what it is, with how to save the text.
(Spreadsheets given to ``score`` are told apart in :mod:`replylint.batch.readers`.)
"""

from __future__ import annotations

import io
import zipfile

#: The first bytes of an OLE2 compound file: Outlook's .msg, Word 97-2003's .doc.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_SAVE_AS_TEXT = "save its text as a plain-text file (.txt) and give that"
#: A spreadsheet holds many replies: `score` reads them, once saved as CSV.
SPREADSHEET = (
    "is {kind}, which holds many replies rather than one; save it as CSV UTF-8 (File > "
    "Save As) and score that with `replylint score FILE.csv --out results.jsonl`"
)
_EXCEL = "an Excel workbook"
_OPENDOCUMENT_SHEET = "an OpenDocument spreadsheet (.ods)"


def document_kind(data: bytes, suffix: str = "") -> str | None:
    """What ``data`` is, with what to do, when it is a document rather than text; None
    for anything else. ``suffix`` (lower case, with its dot) only names an OLE2 file,
    whose first bytes are the same for a .msg and a .doc."""
    head = data[:16].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{\\rtf"):
        return (
            "is an RTF document (what TextEdit and WordPad save), not plain text; in "
            "TextEdit choose Format > Make Plain Text, in WordPad Save as > Plain text "
            "document, or run `textutil -convert txt FILE` on a Mac, and give that"
        )
    if head.startswith(b"%PDF-"):
        return "is a PDF, not text; copy its text into a plain-text file (.txt) and give that"
    if data.startswith(OLE2_MAGIC):
        if suffix == ".msg":
            return (
                "is an Outlook message (.msg), not text; in Outlook use File > Save As > "
                "Text Only (.txt), or save it as an e-mail file (.eml), and give that"
            )
        if suffix in (".xls", ".xlsx"):
            return SPREADSHEET.format(kind=f"{_EXCEL} (.xls)")
        return f"is a Word 97-2003 (.doc) or other Office file, not text; {_SAVE_AS_TEXT}"
    if data.startswith(_ZIP_MAGIC):
        kind = _zipped_document(data)
        if kind.startswith((_EXCEL, _OPENDOCUMENT_SHEET)):
            return SPREADSHEET.format(kind=kind)
        return f"is {kind}, not text; {_SAVE_AS_TEXT}"
    return None


def _zipped_document(data: bytes) -> str:
    """Which document a ZIP archive is: Word (.docx), OpenDocument text (.odt), Pages, or
    a spreadsheet (.xlsx, .ods: see :data:`SPREADSHEET`)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            kind = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, KeyError):
        return "a ZIP archive (a Word .docx or other document)"
    if any(name.startswith("word/") for name in names):
        return "a Word document (.docx)"
    if any(name.startswith("xl/") for name in names):
        return f"{_EXCEL} (.xlsx)"
    if kind.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return _OPENDOCUMENT_SHEET
    if kind.startswith(b"application/vnd.oasis.opendocument"):
        return "an OpenDocument file (.odt)"
    if any(name.startswith("Index/") for name in names):
        return "a Pages document"
    return "a ZIP archive"
