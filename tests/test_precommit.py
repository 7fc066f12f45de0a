"""The pre-commit hook, run for real with `pre-commit try-repo` against this checkout on a
temporary repository of macros: the bad macro fails with its finding, the good one passes."""

from __future__ import annotations

import json
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

    # One run for everything: try-repo builds the hook's environment afresh each time (a
    # temporary store, whatever PRE_COMMIT_HOME says), about 30 s of pip a run. The commit
    # holds a config change as well as the macros: pre-commit used to split the files
    # between processes (one per core), the config's re-check took in every tracked
    # macro, and the macros in the other process were reported twice; the hook runs
    # serially now. The config is `template = true`, what the hook's --default-template
    # does anyway, so it changes no verdict and the good macro passes on its own merits.
    (macros / ".replylint.toml").write_text("template = true\n", encoding="utf-8")
    (macros / "-urgent.txt").write_text(GOOD, encoding="utf-8")
    (macros / "README.md").write_text("# Macros\n", encoding="utf-8")
    git(macros, "add", ".")
    (macros / ".github").mkdir()
    (macros / ".github" / "PULL_REQUEST_TEMPLATE.md").write_text(BAD, encoding="utf-8")
    git(macros, "add", ".")
    macro_names = ["refund_sent.hbs", "rma_status.txt", "-urgent.txt", "README.md"]
    run = try_repo(".replylint.toml", *macro_names[:2], "./-urgent.txt", "README.md",
                   ".github/PULL_REQUEST_TEMPLATE.md")  # fmt: skip
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    rma_lines = "\n".join(line for line in out.splitlines() if line.startswith("rma_status.txt:"))
    assert "[jargon]" in rma_lines and '"RMA"' in rma_lines and "[next_step]" in rma_lines, out
    good_lines = [line for line in out.splitlines() if line.startswith("refund_sent.hbs:")]
    assert any(": score " in line for line in good_lines), out  # the good one was checked...
    failing = [line for line in good_lines if " warning [" in line or " error [" in line]
    assert not failing, out  # ...and passes: nothing at the hook's --fail-on or above
    for name in macro_names:
        assert out.count(f"\n{name}: score") == 1, out
    assert "PULL_REQUEST_TEMPLATE" not in out  # hidden: as `check DIR` skips it


@pytest.mark.parametrize(
    ("setting", "reported"),
    [("", False), ("template = true\n", False), ("template = false\n", True)],
    ids=["unset", "true", "false"],
)
def test_the_hook_checks_macros_in_template_mode_unless_the_config_says_false(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    setting: str,
    reported: bool,
) -> None:
    """Placeholders are expected in a macro repository: the hook's own command line never
    reports a {{first_name}} as template residue there, unless the repository's config
    says its files are finished replies (as the language server reads it)."""
    import yaml

    from replylint.cli import main

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    program, *args = hook["entry"].split()
    assert program == "replylint"
    (tmp_path / ".replylint.toml").write_text(setting, encoding="utf-8")
    (tmp_path / "refund.hbs").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main([*args, "refund.hbs", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert ("template_residue" in {f["rule"] for f in report["findings"]}) is reported
    assert report["checks"]["greeting"]["present"]  # the macro itself was checked


def hook_command(*files: str, args: list[str] | None = None) -> list[str]:
    """The `replylint` command line pre-commit runs: the entry, the hook's `args` (the
    manifest's, unless a repository sets its own), then the file names."""
    import shlex

    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    program, *entry = shlex.split(hook["entry"])
    assert program == "replylint"
    return [*entry, *(hook["args"] if args is None else args), *files]


def hook_files(*names: str) -> list[str]:
    """Which of ``names`` pre-commit passes to the hook (its `files:` pattern, less what
    its `exclude:` matches)."""
    import re

    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return [
        name
        for name in names
        if re.search(hook["files"], name) and not re.search(hook["exclude"], name)
    ]


@pytest.mark.parametrize("args", [None, ["--fail-on", "error", "--"]], ids=["manifest", "own"])
def test_a_macro_named_like_an_option_is_read_as_a_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str] | None,
) -> None:
    """pre-commit puts the file names after the hook's `args`: the manifest's `args` are
    `--` (at the entry's end, it would turn a repository's own `args` into file names),
    and a repository that sets its own ends them with `--`, as the README shows."""
    from replylint.cli import main

    (tmp_path / "-urgent.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "refund.hbs").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(hook_command("-urgent.txt", "refund.hbs", args=args))
    out = capsys.readouterr().out
    assert '-urgent.txt:1:6: warning [jargon] "RMA"' in out and "refund.hbs: score" in out
    assert code == (1 if args is None else 0)  # the repository's own --fail-on error holds


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_commit_that_changes_only_the_config_rechecks_every_tracked_macro(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A config change can change any macro's verdict: pre-commit runs the hook on the
    config file, which stands for the macros git tracks beside and below it (not an
    untracked draft, not a hidden folder's files)."""
    from replylint.cli import main

    git(tmp_path, "init", "-q")
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "rma_status.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "refund.hbs").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "pull_request_template.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "notes.py").write_text("print('not a macro')\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    (tmp_path / "draft.txt").write_text(BAD, encoding="utf-8")  # untracked: not committed
    (tmp_path / ".replylint.toml").write_text('ignore = ["jargon"]\n', encoding="utf-8")
    git(tmp_path, "add", ".replylint.toml")
    staged = [".replylint.toml"]
    assert hook_files(*staged, "pyproject.toml", "sub/replylint.toml", "notes.py") == [
        ".replylint.toml", "pyproject.toml", "sub/replylint.toml",
    ]  # fmt: skip
    monkeypatch.chdir(tmp_path)
    command = hook_command(*staged, args=["--format", "json", "--"])
    assert main(command) == 1  # next_step still fails
    reports = json.loads(capsys.readouterr().out)
    assert [r["path"] for r in reports] == ["billing/rma_status.txt", "refund.hbs"]
    assert not any(f["rule"] == "jargon" for r in reports for f in r["findings"])  # the new config


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_configs_exclude_keeps_non_macros_out_of_the_recheck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hook's `exclude:` only filters what pre-commit passes; the re-check a config
    change triggers lists the tracked files itself, so the config's `exclude` is what
    keeps a README.md or CHANGELOG.md from being linted as a macro (and failing the
    commit). A README.md the commit changes, passed by pre-commit, is left out too."""
    from replylint.cli import main

    git(tmp_path, "init", "-q")
    (tmp_path / "refund.hbs").write_text(GOOD, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Our macros\n\nEdit with care.\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "CHANGELOG.md").write_text("- 1.0: first\n", encoding="utf-8")
    (tmp_path / ".replylint.toml").write_text(
        'exclude = ["README.md", "CHANGELOG*"]\n', encoding="utf-8"
    )
    git(tmp_path, "add", ".")
    monkeypatch.chdir(tmp_path)
    command = hook_command(".replylint.toml", "README.md", args=["--format", "json", "--"])
    assert main(command) == 0
    assert [r["path"] for r in json.loads(capsys.readouterr().out)] == ["refund.hbs"]
    assert main(hook_command("README.md")) == 0  # only excluded files: nothing to check


HIDDEN = [".github/PULL_REQUEST_TEMPLATE.md", ".github/ISSUE_TEMPLATE/bug.md",
          "macros/.drafts/wip.txt", ".notes.md"]  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_hook_leaves_out_hidden_files_and_folders_as_check_dir_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pull-request template in .github/ failed the commit with score 0, while `check
    .` skipped it: the hook's `exclude:` leaves hidden files and folders out, and its
    command does too, for a repository whose own `exclude:` replaces the hook's."""
    from replylint.cli import main

    git(tmp_path, "init", "-q")
    for name in [*HIDDEN, "macros/refund.hbs"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD if name.endswith(".hbs") else BAD, encoding="utf-8")
    (tmp_path / ".github" / ".replylint.toml").write_text('select = ["greeting"]\n', "utf-8")
    (tmp_path / ".replylint.toml").write_text("", encoding="utf-8")
    git(tmp_path, "add", ".")
    monkeypatch.chdir(tmp_path)
    assert main(["check", ".", "--default-template", "--format", "json"]) == 0
    assert [r["path"] for r in json.loads(capsys.readouterr().out)] == ["macros/refund.hbs"]
    names = [*HIDDEN, ".github/.replylint.toml", ".replylint.toml", "macros/refund.hbs"]
    assert hook_files(*names) == [".replylint.toml", "macros/refund.hbs"]
    # the command alone, given every file (a repository's own `exclude:` lets them through)
    command = hook_command(*names, args=["--format", "json", "--"])
    assert main(command) == 0, capsys.readouterr()
    assert [r["path"] for r in json.loads(capsys.readouterr().out)] == ["macros/refund.hbs"]
    assert main(hook_command(*HIDDEN, ".github/.replylint.toml")) == 0  # nothing to check
    assert capsys.readouterr().out == ""


def test_the_hooks_exclude_is_the_one_the_code_keeps() -> None:
    import yaml

    from replylint.inputs import HOOK_EXCLUDE

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["exclude"] == HOOK_EXCLUDE.pattern
    kept = ["refund.txt", "a.b/refund.txt", "macros/.replylint.toml", "replylint.toml"]
    assert hook_files(*kept, ".replylint.toml.bak", ".replylint.tomlx") == kept


def commit(repo: Path) -> None:
    git(repo, "add", ".")
    identity = ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    git(repo, *identity, "commit", "-q", "-m", "state")


BLACK = "[tool.black]\nline-length = 88\n"
REPLYLINT = '[tool.replylint]\nignore = ["greeting"]\n'


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    ("before", "after", "rechecked"),
    [
        (BLACK, BLACK.replace("88", "100"), False),
        (None, BLACK, False),
        (BLACK + REPLYLINT, BLACK, True),
        (BLACK, BLACK + REPLYLINT, True),
        (BLACK + REPLYLINT, BLACK.replace("88", "100") + REPLYLINT, True),
    ],
    ids=["other-tool", "new-without-table", "table-removed", "table-added", "table-kept"],
)
def test_a_pyproject_change_rechecks_only_when_it_is_replylints_config(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    before: str | None,
    after: str,
    rechecked: bool,
) -> None:
    """A pyproject.toml is every Python tool's: an edit to its [tool.black] must not fail
    the commit on an old macro under it. It is replylint's config when the staged file or
    the committed one has [tool.replylint]: a commit that removes the table changes the
    config too. In a folder below the repository's top, as pre-commit passes it."""
    from replylint.cli import main

    git(tmp_path, "init", "-q")
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "rma_status.txt").write_text(BAD, encoding="utf-8")
    if before is not None:
        (tmp_path / "billing" / "pyproject.toml").write_text(before, encoding="utf-8")
    commit(tmp_path)
    (tmp_path / "billing" / "pyproject.toml").write_text(after, encoding="utf-8")
    git(tmp_path, "add", ".")
    monkeypatch.chdir(tmp_path)
    assert main(hook_command("billing/pyproject.toml")) == (1 if rechecked else 0)
    assert ("billing/rma_status.txt" in capsys.readouterr().out) is rechecked


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("before", [None, REPLYLINT], ids=["new", "was-valid"])
def test_a_staged_pyproject_with_the_table_that_is_no_valid_toml_fails_the_commit(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    before: str | None,
) -> None:
    """A new one was not re-checked at all, and one that was valid before had every macro
    checked without its settings (the search skipped the broken file): the commit passed
    or failed on settings the team never wrote. Now the hook says what to fix."""
    from replylint.cli import main

    git(tmp_path, "init", "-q")
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "rma_status.txt").write_text(GOOD, encoding="utf-8")
    pyproject = tmp_path / "billing" / "pyproject.toml"
    if before is not None:
        pyproject.write_text(before, encoding="utf-8")
    commit(tmp_path)
    pyproject.write_text(REPLYLINT + '\n[project]\nname = "billing\n', encoding="utf-8")
    git(tmp_path, "add", ".")
    monkeypatch.chdir(tmp_path)
    assert main(hook_command("billing/pyproject.toml")) == 2
    err = capsys.readouterr().err
    assert f"{pyproject.resolve()}: invalid TOML: " in err and "(at line 5, column 16)" in err


PACK = """schema: replylint.pack/1
name: team
rules:
  - id: team.promise
    kind: existence
    check: promises
    severity: error
    message: '"{match}" promises what support cannot guarantee.'
    rationale: A broken guarantee costs more trust than the problem.
    standard: Manage expectations
    phrases: [we guarantee]
"""
PROMISE = GOOD.replace("Your refund", "We guarantee it: your refund")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_commit_that_changes_only_a_rule_pack_rechecks_what_its_config_governs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack the config loads is part of the config: a changed one can change any
    macro's verdict, and a broken one failed the next commit, on an unrelated macro. The
    hook ran on neither: its `files:` took no YAML, so such a commit passed unchecked."""
    from replylint.cli import main

    git(tmp_path, "init", "-q")
    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "refund.hbs").write_text(PROMISE, encoding="utf-8")
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "team.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "compose.yml").write_text("services: {}\n", encoding="utf-8")
    (tmp_path / ".replylint.toml").write_text('packs = ["packs/team.yaml"]\n', encoding="utf-8")
    git(tmp_path, "add", ".")
    assert hook_files("packs/team.yaml", "compose.yml", ".github/workflows/ci.yml") == [
        "packs/team.yaml",
        "compose.yml",
    ]
    monkeypatch.chdir(tmp_path)
    assert main(hook_command("packs/team.yaml", args=["--format", "json", "--"])) == 1
    [report] = json.loads(capsys.readouterr().out)
    assert report["path"] == "macros/refund.hbs"
    assert [f["rule"] for f in report["findings"]] == ["team.promise"]

    assert main(hook_command("compose.yml")) == 0  # no config loads it: nothing to check
    assert capsys.readouterr().out == ""

    (tmp_path / "packs" / "team.yaml").write_text(PACK + "  - broken: [\n", encoding="utf-8")
    assert main(hook_command("packs/team.yaml")) == 2
    assert "packs/team.yaml: invalid YAML" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_pack_given_with_pack_in_the_hooks_args_rechecks_every_macro(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from replylint.cli import main

    git(tmp_path, "init", "-q")
    (tmp_path / "refund.hbs").write_text(PROMISE, encoding="utf-8")
    (tmp_path / "team.yaml").write_text(PACK, encoding="utf-8")
    git(tmp_path, "add", ".")
    monkeypatch.chdir(tmp_path)
    args = ["--pack", "team.yaml", "--format", "json", "--"]
    assert main(hook_command("team.yaml", args=args)) == 1
    [report] = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in report["findings"]] == ["team.promise"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(("fmt", "parsed"), [("sarif", "runs"), ("json", None)])
def test_a_recheck_with_nothing_to_check_still_writes_its_log(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
    parsed: str | None,
) -> None:
    """A pyproject.toml edit that is not replylint's rechecks nothing: exit 0, and the
    SARIF log a CI step uploads was an empty file (no SARIF), `json` printed nothing."""
    from replylint.cli import main

    git(tmp_path, "init", "-q")
    (tmp_path / "pyproject.toml").write_text(BLACK, encoding="utf-8")
    git(tmp_path, "add", ".")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--recheck-on-config", "--format", fmt, "pyproject.toml"]) == 0
    log = json.loads(capsys.readouterr().out)
    if parsed is None:
        assert log == []
    else:
        assert log[parsed][0]["results"] == []
