"""A saved e-mail (``.eml``) given to ``check`` is read as its reader sees it: no
headers, decoded parts; an Outlook ``.msg`` is refused with what to do. Replies written
for these tests."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.inputs import InputFileError, expand_folders, read_text

REPLY = (
    "Hi Dana,\n\n"
    "Sorry the replacement kettle is late. I have asked our warehouse to send it today, "
    "and you will get a tracking number by email within 2 days.\n\n"
    "Thanks for your patience,\nKim\n"
)
HEADERS = (
    "From: Kim Ortega <kim@kettles.example>\n"
    "To: dana@example.com\n"
    "Subject: Re: Where is my kettle?\n"
    "Date: Mon, 30 Nov 2026 10:02:00 +0000\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\n"
)


def message(**headers: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Kim Ortega <kim@kettles.example>"
    mail["To"] = "dana@example.com"
    mail["Subject"] = headers.get("subject", "Re: Where is my kettle?")
    return mail


def report_of(tmp_path: Path, name: str, data: bytes, capsys: pytest.CaptureFixture[str]) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    main(["check", str(path), "--isolated", "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_headers_are_not_read_as_the_reply(tmp_path: Path, capsys) -> None:
    report = report_of(tmp_path, "draft.eml", (HEADERS + "\n" + REPLY).encode(), capsys)
    assert report["checks"]["greeting"]["present"] is True
    assert "Subject" not in json.dumps(report["checks"])


def test_a_verbatim_body_keeps_the_files_line_numbers(tmp_path: Path, capsys) -> None:
    body = REPLY.replace("Sorry the replacement", "We are looking into it. Sorry the replacement")
    path = tmp_path / "draft.eml"
    path.write_text(HEADERS + "\n" + body.replace("Hi Dana,\n\n", ""), encoding="utf-8")
    main(["check", str(path), "--isolated"])
    out = capsys.readouterr().out
    header_lines = HEADERS.count("\n") + 1
    assert f"draft.eml:{header_lines + 1}:1: warning [greeting]" in out


def test_quoted_printable_is_decoded(tmp_path: Path) -> None:
    mail = message()
    mail.set_content(REPLY.replace("Dana", "Zoë"), cte="quoted-printable", charset="latin-1")
    path = tmp_path / "draft.eml"
    path.write_bytes(bytes(mail))
    assert b"=" in path.read_bytes().split(b"\n\n", 1)[1]  # stored encoded
    text = read_text(path, "reply")
    assert text.startswith("Hi Zoë,\n") and "=\n" not in text and "From:" not in text


def test_the_plain_part_is_preferred_and_html_alone_is_read(tmp_path: Path, capsys) -> None:
    both = message()
    both.set_content(REPLY)
    both.add_alternative("<p>Hello from the HTML part</p>", subtype="html")
    (tmp_path / "both.eml").write_bytes(bytes(both))
    assert read_text(tmp_path / "both.eml", "reply").startswith("Hi Dana,")
    html = message()
    html.set_content(
        "<p>Hi Dana,</p><p>" + REPLY.split("\n\n")[1] + "</p><p>Thanks,<br>Kim</p>", subtype="html"
    )
    report = report_of(tmp_path, "html.eml", bytes(html), capsys)
    assert report["checks"]["greeting"]["present"] is True
    assert report["checks"]["next_step"]["present"] is True


def test_a_customer_emails_subject_is_their_words(tmp_path: Path) -> None:
    mail = message(subject="RE: Fwd: Kettle arrived broken")
    mail.set_content("Can you help?\n")
    (tmp_path / "customer.eml").write_bytes(bytes(mail))
    text = read_text(tmp_path / "customer.eml", "customer message")
    assert text.startswith("Kettle arrived broken\n\nCan you help?")


def test_a_customer_eml_makes_the_problem_known(tmp_path: Path, capsys) -> None:
    mail = message(subject="Kettle arrived broken")
    mail.set_content("Can you help?\n")
    (tmp_path / "customer.eml").write_bytes(bytes(mail))
    (tmp_path / "r.txt").write_text("Hi Dana,\n\nWe will send a new one today.\n\nThanks,\nKim\n")
    args = ["check", str(tmp_path / "r.txt"), "--isolated", "--format", "json"]
    main([*args, "--customer-message", str(tmp_path / "customer.eml")])
    report = json.loads(capsys.readouterr().out)
    apology = report["checks"]["apology"]
    assert apology["applicable"] is True and apology["present"] is False


def test_a_file_without_headers_is_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "draft.eml").write_text(REPLY, encoding="utf-8")
    assert read_text(tmp_path / "draft.eml", "reply") == REPLY


@pytest.mark.parametrize(
    ("build", "said"),
    [
        (
            lambda m: m.set_content(b"\x89PNG", maintype="image", subtype="png"),
            "no text or HTML part",
        ),
        (lambda m: None, "is empty"),
    ],
)
def test_an_email_without_text_says_so(tmp_path: Path, build, said: str) -> None:
    mail = message()
    build(mail)
    (tmp_path / "x.eml").write_bytes(bytes(mail))
    with pytest.raises(InputFileError, match=said):
        read_text(tmp_path / "x.eml", "reply")


def test_an_undeclared_charset_must_be_utf8(tmp_path: Path) -> None:
    head = "From: a@kettles.example\nSubject: x\n\n"
    (tmp_path / "ok.eml").write_bytes(head.encode() + "Hi Zoë,\n".encode())
    assert "Hi Zoë," in read_text(tmp_path / "ok.eml", "reply")
    (tmp_path / "bad.eml").write_bytes(head.encode() + "Hi Zoë,\n".encode("latin-1"))
    with pytest.raises(InputFileError, match="names no charset and is not UTF-8"):
        read_text(tmp_path / "bad.eml", "reply")


def test_an_outlook_msg_is_refused_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "draft.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(InputFileError, match=r"Outlook message \(\.msg\).*Text Only"):
        read_text(tmp_path / "draft.msg", "reply")


def test_a_folder_of_saved_emails_says_how_to_check_them(tmp_path: Path) -> None:
    """A folder stands for the macro files under it, as the pre-commit hook picks them;
    saved e-mails are not macros, so they are checked when named, and the error says so."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.eml").write_text(HEADERS + "\n" + REPLY, encoding="utf-8")
    with pytest.raises(InputFileError, match=r"checked when named: `replylint check .*\*\.eml`"):
        expand_folders([tmp_path / "drafts"])
