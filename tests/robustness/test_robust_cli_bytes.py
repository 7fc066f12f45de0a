"""Arbitrary bytes to ``replylint check``: exit 0, 1 or 2, never a traceback.

The command reads files and standard input as bytes and decides what they are: UTF-8
(with or without a BOM) or UTF-16/UTF-32 with a byte-order mark are text; anything else
is refused with exit 2 and one line on stderr that says what to do. Most cases run
``cli.main`` in-process (fast); one runs the real command in a subprocess, where an
uncaught exception would show as a traceback on stderr.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint import cli

PROPERTY = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
REPLY = "Hi Dana,\n\nYour refund of €20 goes out today. Thanks for your patience!\n"


def run_cli(argv: list[str], stdin: bytes | None = None) -> tuple[int, str, str]:
    """``replylint`` in-process: (exit code, stdout, stderr). Any exception escapes."""
    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        mock.patch.object(sys, "stdin", fake_stdin),
    ):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_clean_outcome(code: int, stderr: str) -> None:
    assert code in (0, 1, 2), code
    assert "Traceback" not in stderr
    if code == 2:
        lines = stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("replylint: error: "), stderr


REFUSED = {
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "NUL bytes"),
    "latin-1": ("Café: votre remboursement part aujourd'hui.".encode("latin-1"), "offset 3"),
    "invalid-utf8": (b"Hi \xc3\x28 there, \xff\xfe thanks", "not UTF-8 text"),
    "cesu-surrogate": (b"Hi \xed\xa0\x80 there", "not UTF-8 text"),
    "overlong-utf8": (b"Hi \xc0\xaf there", "not UTF-8 text"),
    "nul-in-utf8": (b"Hi Dana,\x00 your refund goes out today.", "NUL bytes"),
    "utf16-without-bom": (REPLY.encode("utf-16-le"), "byte-order mark"),
    "utf16-bom-odd-length": (REPLY.encode("utf-16") + b"\x00", "not UTF-16"),
    "utf16-bom-lone-surrogate": (b"\xff\xfe" + "Hi ".encode("utf-16-le") + b"\x00\xd8", "UTF-16"),
    "empty": (b"", "is empty"),
    "whitespace-only": (b" \n\t\r\n", "is empty"),
    "bom-only": (b"\xef\xbb\xbf", "is empty"),
    "utf16-bom-only": (b"\xff\xfe", "is empty"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_undecodable_files_are_refused_in_one_line(tmp_path: Path, name: str) -> None:
    data, expected = REFUSED[name]
    path = tmp_path / "reply.txt"
    path.write_bytes(data)
    code, stdout, stderr = run_cli(["check", "--isolated", str(path)])
    assert code == 2
    assert stdout == ""
    assert_clean_outcome(code, stderr)
    assert expected in stderr and str(path) in stderr


@pytest.mark.parametrize("name", ["binary", "latin-1", "empty"])
def test_undecodable_stdin_is_refused_in_one_line(name: str) -> None:
    code, _, stderr = run_cli(["check", "--isolated", "-"], stdin=REFUSED[name][0])
    assert code == 2
    assert_clean_outcome(code, stderr)
    assert "standard input" in stderr


def test_undecodable_customer_message_is_refused(tmp_path: Path) -> None:
    reply, customer = tmp_path / "reply.txt", tmp_path / "customer.txt"
    reply.write_text(REPLY, encoding="utf-8")
    customer.write_bytes(b"\xff\xfe\xfd")
    code, _, stderr = run_cli(
        ["check", "--isolated", str(reply), "--customer-message", str(customer)]
    )
    assert code == 2
    assert_clean_outcome(code, stderr)
    assert "customer message" in stderr


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32", "utf-32-be-bom"]
)
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    """UTF-16/32 with a BOM (Notepad's "Unicode", PowerShell's ``>``) are read as text,
    and the findings' offsets are offsets into the decoded text."""
    boms = {
        "utf-16-be-bom": ("utf-16-be", b"\xfe\xff"),
        "utf-32-be-bom": ("utf-32-be", b"\x00\x00\xfe\xff"),
    }
    codec, bom = boms.get(encoding, (encoding, b""))
    draft = "Your RMA refund goes out today. Thanks for your patience!\n"
    path = tmp_path / "reply.txt"
    path.write_bytes(bom + draft.encode(codec))
    code, stdout, stderr = run_cli(["check", "--isolated", "--format", "json", str(path)])
    assert code in (0, 1), stderr
    report = json.loads(stdout)
    jargon = [f for f in report["findings"] if f["check"] == "jargon"]
    assert [(f["start"], f["end"], f["text"]) for f in jargon] == [(5, 8, "RMA")]


@PROPERTY
@given(data=st.binary(max_size=300))
def test_any_bytes_in_a_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "reply.bin"
    path.write_bytes(data)
    code, _, stderr = run_cli(["check", "--isolated", str(path)])
    assert_clean_outcome(code, stderr)


#: Bytes that are mostly text, so the property also reaches the checks, not only decoding.
TEXTISH = st.lists(
    st.sampled_from(
        [b"Hi ", b"Dana", b", ", b"RMA ", b"thanks!", b"\n", b"<p>", b"\xc3\xa9", b"\xff",
         b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80", b"\r\n", b"{{name}}"]
    ) | st.binary(max_size=4),
    max_size=40,
).map(b"".join)  # fmt: skip


@PROPERTY
@given(data=TEXTISH, input_format=st.sampled_from(["auto", "text", "html"]))
def test_any_bytes_on_stdin(data: bytes, input_format: str) -> None:
    code, _, stderr = run_cli(["check", "--isolated", "--input-format", input_format], stdin=data)
    assert_clean_outcome(code, stderr)


def test_real_command_on_binary_and_utf16_files(tmp_path: Path) -> None:
    """The installed entry point, in a subprocess: no traceback can hide in-process."""
    binary, utf16 = tmp_path / "image.bin", tmp_path / "reply.txt"
    binary.write_bytes(REFUSED["binary"][0])
    utf16.write_bytes(REPLY.encode("utf-16"))
    command = [sys.executable, "-m", "replylint", "check", "--isolated"]
    refused = subprocess.run(
        [*command, str(binary)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert_clean_outcome(refused.returncode, refused.stderr)
    piped = subprocess.run(
        [*command, "-", "--format", "json"],
        input=utf16.read_bytes(),
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert piped.returncode in (0, 1), piped.stderr
    assert json.loads(piped.stdout)["checks"]["greeting"]["present"] is True


def test_text_output_carries_no_terminal_escape_sequences(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes(b"Hi Sam,\nYour RMA request is ready. \x1b]0;pwned\x07\x1b[2J\n")
    code, stdout, _ = run_cli(["check", "--isolated", str(path)])
    assert code in (0, 1)
    assert "RMA" in stdout
    assert not any(c in stdout for c in "\x1b\x07\x9b")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_input_is_refused_not_read_into_memory() -> None:
    code, _, stderr = run_cli(["check", "--isolated", "/dev/zero"])
    assert code == 2
    assert_clean_outcome(code, stderr)
    assert "check one reply at a time" in stderr


def test_oversized_stdin_is_refused() -> None:
    code, _, stderr = run_cli(["check", "--isolated"], stdin=b"word " * 3_200_001)
    assert code == 2
    assert_clean_outcome(code, stderr)
    assert "over 16,000,000 bytes" in stderr


def test_a_windows_1252_file_is_told_the_conversion_that_works(tmp_path: Path) -> None:
    """``iconv -t utf-8`` alone, the advice before, reads the bytes as UTF-8 again and
    fails the same way: the source encoding is what the user lacked."""
    path = tmp_path / "reply.txt"
    path.write_bytes("Hi Zoë, we’ll refund you today – thanks!".encode("cp1252"))
    code, _, stderr = run_cli(["check", "--isolated", str(path)])
    assert code == 2
    assert "reads as Windows-1252" in stderr
    assert "iconv -f windows-1252 -t utf-8" in stderr


def test_bytes_of_no_known_encoding_are_told_to_name_theirs(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes(b"Hi \x81\x8d there, \xc3\x28 thanks")  # 0x81, 0x8d: no cp1252 letter
    code, _, stderr = run_cli(["check", "--isolated", str(path)])
    assert code == 2
    assert "iconv -f ENCODING -t utf-8" in stderr and "Windows-1252" not in stderr
