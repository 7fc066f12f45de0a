"""`replylint lsp` as a command: pygls is optional, and its absence is one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from replylint.cli import main

#: Python that hides the lsp extra's modules, then runs the CLI with the given argv.
WITHOUT_EXTRA = (
    "import sys\n"
    "for name in ('pygls', 'lsprotocol'):\n"
    "    sys.modules[name] = None\n"
    "from replylint.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def run(code: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_without_the_extra_lsp_is_one_line_telling_what_to_install() -> None:
    result = run(WITHOUT_EXTRA, "lsp")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "pip install 'replylint[lsp]'" in result.stderr
    assert run(WITHOUT_EXTRA, "rules").returncode == 0  # the rest works without it


def test_importing_replylint_does_not_import_pygls() -> None:
    code = (
        "import sys, replylint, replylint.cli, replylint.lsp\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))\n"
    )
    result = run(code)
    assert result.returncode == 0 and result.stdout.strip() == "[]"


def test_a_missing_config_file_is_a_usage_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["lsp", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "nope.toml: no such file" in capsys.readouterr().err
