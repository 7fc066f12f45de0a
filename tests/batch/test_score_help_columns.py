"""`score --help` names the columns each role is guessed from, all of them: it listed
fewer than :data:`replylint.batch.columns.DEFAULTS`, which the guess uses, and the two
lists drifted apart. The help now reads that list."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from replylint.batch.columns import DEFAULTS
from replylint.cli import build_parser


def print_score_help() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["score", "--help"])


@pytest.mark.parametrize("role", sorted(DEFAULTS))
def test_the_help_names_every_guessed_column(role: str, capsys: pytest.CaptureFixture[str]) -> None:
    print_score_help()
    text = " ".join(capsys.readouterr().out.split())  # the help's lines joined
    option = f"--{role.replace('_', '-')}-col NAME"
    default = re.search(re.escape(option) + r" \(default: ([^)]*)\)", text)
    assert default is not None, f"{option} has no default in the help"
    listed = default.group(1).split(";")[0]
    assert listed == (", ".join(DEFAULTS[role]) or "none, never guessed")


def test_a_column_option_still_names_the_column() -> None:
    args = build_parser().parse_args(["score", "in.csv", "--out", "o.jsonl", "--text-col", "Body"])
    assert (args.text_col, args.agent_col) == ("Body", None)


def test_building_the_parser_does_not_load_the_batch_modules() -> None:
    """Every command builds the whole parser: the names are read when help is shown."""
    code = ("import sys\nfrom replylint.cli import build_parser\nbuild_parser()\n"
            "print([m for m in sys.modules if m.startswith('replylint.batch')])\n")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
