"""A document given where a reply's text is expected (TextEdit's RTF, Word, a PDF, an
Outlook message) is refused for what it is, with how to save its text, never checked
as text nor given advice that does not fit. Documents built here."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.inputs import InputFileError, read_text

RTF = (
    "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639\n"
    "{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
    "\\f0\\fs24 \\cf0 Hi Dana,\\\n\\\nYour refund arrives within 3 days.\\\n\\\nThanks,\\\nKim}\n"
)


def zipped(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 120


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("draft.rtf", RTF.encode(), r"RTF document .*Make Plain Text"),
        ("draft.txt", b"\xef\xbb\xbf" + RTF.encode(), r"RTF document"),  # renamed, with a BOM
        ("draft.docx", zipped(word__document_xml="<w:document/>"), r"Word document \(\.docx\)"),
        ("draft.odt", zipped(mimetype="application/vnd.oasis.opendocument.text"), r"\.odt"),
        ("draft.zip", zipped(notes_txt="hello"), r"is a ZIP archive, not text"),
        ("draft.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", r"is a PDF, not text"),
        ("draft.msg", OLE2, r"Outlook message \(\.msg\).*Text Only"),
        ("draft.doc", OLE2, r"Word 97-2003 \(\.doc\)"),
        # a spreadsheet holds many replies: save it as CSV and score it (not "its text")
        (
            "replies.xlsx",
            zipped(xl__workbook_xml="<workbook/>"),
            r"Excel workbook .*replylint score",
        ),
        ("replies.txt", zipped(xl__workbook_xml="<workbook/>"), r"Excel workbook \(\.xlsx\)"),
        ("replies.xls", OLE2, r"Excel workbook \(\.xls\).*CSV UTF-8"),
        (
            "replies.ods",
            zipped(mimetype="application/vnd.oasis.opendocument.spreadsheet"),
            r"OpenDocument spreadsheet \(\.ods\).*replylint score",
        ),
    ],
)
def test_a_document_is_refused_for_what_it_is(
    tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputFileError, match=said) as refused:
        read_text(path, "reply")
    assert "iconv" not in str(refused.value) and "byte-order" not in str(refused.value)
    assert ("score" in str(refused.value)) == ("replies" in name)  # (not "save its text")


def test_check_exits_2_and_checks_nothing(tmp_path: Path, capsys) -> None:
    (tmp_path / "draft.rtf").write_text(RTF, encoding="utf-8")
    assert main(["check", str(tmp_path / "draft.rtf"), "--isolated"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "RTF document" in captured.err


def test_a_customer_message_document_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "customer.pdf").write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputFileError, match=r"customer message .*customer\.pdf: is a PDF"):
        read_text(tmp_path / "customer.pdf", "customer message")


@pytest.mark.parametrize(
    "reply",
    [
        "{% if vip %}Hi {{ name }},{% endif %}\n\nYour refund arrives within 3 days.\n",
        "{rtf} is our refund form: fill it in and we will refund you within 3 days.\n",
        "PK stands for the package code on your label; we ship it today.\n",
    ],
)
def test_text_that_starts_like_a_document_is_still_text(tmp_path: Path, reply: str) -> None:
    (tmp_path / "r.txt").write_text(reply, encoding="utf-8")
    assert read_text(tmp_path / "r.txt", "reply") == reply
