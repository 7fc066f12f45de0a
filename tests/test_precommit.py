"""The pre-commit hook, run for real with `pre-commit try-repo` against this checkout on a
temporary repository of macros: the bad macro fails with its finding, the good one passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = (
    "Hi {{ticket.requester.first_name}},\n\n"
    "Your refund was sent today and will reach your card within 3 business days.\n\n"
    "Thanks for your patience!\n{{current_user.name}}\n"
)
BAD = "Your RMA is in the escalation queue. Let us know if you need anything.\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo_fails_bad_macro_and_passes_good(tmp_path: Path) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    macros = tmp_path / "macros"
    macros.mkdir()
    git(macros, "init", "-q")
    (macros / "refund_sent.hbs").write_text(GOOD, encoding="utf-8")
    (macros / "rma_status.txt").write_text(BAD, encoding="utf-8")
    git(macros, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(ROOT), "replylint", "--files", *files],
            cwd=macros, env=env, capture_output=True, text=True, timeout=900,
        )  # fmt: skip

    good = try_repo("refund_sent.hbs")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = try_repo("rma_status.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "[jargon]" in bad.stdout and '"RMA"' in bad.stdout and "[next_step]" in bad.stdout


def test_the_hook_checks_macros_in_template_mode() -> None:
    """Placeholders are expected in a macro repository: the hook passes --template, so a
    {{first_name}} is never reported as template residue there."""
    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"].split()[:2] == ["replylint", "check"]
    assert "--template" in hook["entry"].split()
