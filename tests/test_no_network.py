"""replylint never opens a socket: not on import, not while checking, not for readability
scores (textstat's syllable counts would download NLTK's cmudict on first use)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_checking_opens_no_socket() -> None:
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise AssertionError("replylint tried to open a network connection")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from replylint import Linter
        long_reply = " ".join(
            ["Hi Sam, notwithstanding the configuration considerations, the synchronisation"
             " infrastructure necessitated comprehensive modifications."] * 12
        )
        report = Linter().check(long_reply, customer_message="It is broken!")
        assert any(f.rule == "readability" for f in report.findings), report.findings
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")
