"""``replylint check`` writes nothing but its output: no cache, no config, no temp files.

A linter run from a pre-commit hook or a ticket system's worker must leave the machine
as it found it. Libraries it uses like to write (textstat's syllable counter can fetch
NLTK's cmudict into ``~/nltk_data``; spaCy and friends have cache directories), so the
real command runs with its working directory, HOME, the XDG directories, NLTK_DATA and
TMPDIR all pointing at one empty directory, on a reply long enough for the readability
check to run, and the directory must still be empty afterwards. (Sockets are covered by
tests/test_no_network.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LONG_REPLY = "Hi Sam,\n\n" + " ".join(
    [
        "Notwithstanding the aforementioned configuration considerations, the synchronisation"
        " infrastructure necessitated comprehensive modifications to our authentication"
        " subsystem, which unfortunately precipitated intermittent unavailability."
    ]
    * 8
) + "\n\nThanks for your patience!\n"  # fmt: skip


def _snapshot(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_check_writes_nothing_but_stdout(tmp_path: Path) -> None:
    inputs, sandbox = tmp_path / "inputs", tmp_path / "sandbox"
    inputs.mkdir()
    sandbox.mkdir()
    reply = inputs / "draft.txt"
    reply.write_text(LONG_REPLY, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(sandbox),
        "XDG_CACHE_HOME": str(sandbox / ".cache"),
        "XDG_CONFIG_HOME": str(sandbox / ".config"),
        "XDG_DATA_HOME": str(sandbox / ".local/share"),
        "XDG_STATE_HOME": str(sandbox / ".local/state"),
        "NLTK_DATA": str(sandbox / "nltk_data"),
        "TMPDIR": str(sandbox),
        "TEMP": str(sandbox),
        "TMP": str(sandbox),
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
    }
    result = subprocess.run(
        [sys.executable, "-m", "replylint", "check", str(reply)],
        cwd=sandbox,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""
    assert "[readability]" in result.stdout, result.stdout  # the check that could download
    assert _snapshot(sandbox) == []
    assert _snapshot(inputs) == ["draft.txt"]
    assert reply.read_text(encoding="utf-8") == LONG_REPLY
