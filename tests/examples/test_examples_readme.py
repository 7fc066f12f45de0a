"""examples/README.md shows what the commands print: every text block that runs
``replylint check``, ``eval``, ``rules`` or ``explain`` on the bundled examples is run
here, and its output (and any ``echo $?``) compared with the real one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
#: Text blocks that run replylint on the bundled files (not the plugin or serve blocks,
#: which install a package or start a server).
BLOCKS = [
    block
    for block in re.findall(r"```text\n(.*?)```", README, re.S)
    if block.startswith("$ replylint") and "serve" not in block
]


def _commands(block: str) -> list[tuple[str, str]]:
    """(command, what the README shows it printing) for each ``$`` line of ``block``."""
    parts = re.split(r"^\$ ", block, flags=re.M)[1:]
    return [(part.partition("\n")[0], part.partition("\n")[2].rstrip("\n")) for part in parts]


def test_the_blocks_are_found() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.partition("\n")[0][:60])
def test_the_shown_output_is_the_real_output(block: str) -> None:
    # the shell expands the globs and runs the pipes as a reader would, on this checkout
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    exit_code = 0
    for command, shown in _commands(block):
        if command == "echo $?":
            assert shown == str(exit_code), command
            continue
        run = subprocess.run(
            ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        exit_code = run.returncode
        assert run.stdout.rstrip("\n") == shown, command
