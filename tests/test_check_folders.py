"""`replylint check DIR`: a macro repository is walked the way the pre-commit hook picks
files, so one command checks every template."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from replylint.cli import main
from replylint.inputs import HOOK_FILES, MACRO_FILES

REPO = Path(__file__).resolve().parents[1]
GOOD = "Hi {{first_name}},\n\nYour refund reaches your card within 5 days.\n\nThanks!\n"


def test_the_hook_and_the_folder_walk_pick_the_same_files() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["files"] == HOOK_FILES.pattern
    assert HOOK_FILES.pattern.startswith(MACRO_FILES.pattern + "|")  # and the configs


def test_check_walks_a_folder_of_macros(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "refund.hbs").write_text(GOOD, encoding="utf-8")
    (tmp_path / "welcome.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.py").write_text("print('not a macro')\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "COMMIT_EDITMSG.txt").write_text("wip\n", encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json", "--isolated", "--template"]) == 0
    paths = [Path(r["path"]).relative_to(tmp_path).as_posix() for r in json.loads(
        capsys.readouterr().out
    )]  # fmt: skip
    assert paths == ["billing/refund.hbs", "welcome.md"]


def test_a_twig_macro_is_walked_and_its_jinja_style_directive_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Twig is listed beside Jinja under "Suppressing findings": a folder of .twig macros
    is checked, and a ``{# ... #}`` directive in one silences its rule."""
    macro = GOOD.replace("Your refund", "{# replylint: disable=jargon #}\nYour RMA refund")
    (tmp_path / "refund.twig").write_text(macro, encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json", "--isolated", "--template"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert Path(report["path"]).name == "refund.twig"
    assert report["suppressed"] == 1
    assert not [f for f in report["findings"] if f["check"] == "jargon"]


@pytest.mark.parametrize(
    ("name", "comment"),
    [
        ("refund.tpl", "{* replylint: disable=jargon *}"),
        ("refund.ftl", "<#-- replylint: disable=jargon -->"),
        ("refund.amp", "%%[ /* replylint: disable=jargon */ ]%%"),
        ("refund.AMPSCRIPT", "%%[\n  /* replylint: disable=jargon */\n]%%"),
    ],
)
def test_smarty_and_freemarker_macros_are_walked_and_their_directives_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, comment: str
) -> None:
    """A folder of Smarty (.tpl) or FreeMarker (.ftl) macros was checked by nothing: not
    by the hook, not by ``check DIR``. They are walked now, and a directive in their own
    comment silences its rule."""
    (tmp_path / name).write_text(GOOD.replace("Your refund", comment + "\nYour RMA refund"))
    assert main(["check", str(tmp_path), "--format", "json", "--isolated", "--template"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert Path(report["path"]).name == name
    assert report["suppressed"] == 1
    assert not [f for f in report["findings"] if f["check"] == "jargon"]


def test_a_folder_without_macros_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "script.py").write_text("x = 1\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "holds no reply files" in err and "\n" not in err


#: What an empty reply file is told: what to do about it too.
EMPTY = (
    "is empty; write the reply in it, or leave the file out (in a folder or the pre-commit "
    "hook: `exclude` in the configuration)"
)


def _folder_with_an_empty_reply(tmp_path: Path) -> list[str]:
    """Three replies, the middle one empty; the paths in the order they are checked."""
    (tmp_path / "a.txt").write_text("Hi Lena,\nYour RMA is approved.\nThanks!\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Hello Omar,\nThe SLA is two days.\n", encoding="utf-8")
    return [str(tmp_path / name) for name in ("a.txt", "b.txt", "c.txt")]


def test_an_empty_file_in_a_folder_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = _folder_with_an_empty_reply(tmp_path)
    assert main(["check", str(tmp_path), "--isolated"]) == 2  # an input error still says so
    out, err = capsys.readouterr()
    assert f"{a}: score " in out and f"{c}: score " in out
    assert '"RMA"' in out and '"SLA"' in out
    assert b not in out
    assert err == (f"replylint: error: reply {b}: {EMPTY}\n")


def test_the_json_formats_put_an_error_in_place_of_the_unreadable_files_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = _folder_with_an_empty_reply(tmp_path)
    assert main(["check", str(tmp_path), "--isolated", "--format", "json"]) == 2
    items = json.loads(capsys.readouterr().out)
    assert [item["path"] for item in items] == [a, b, c]
    assert items[1] == {"path": b, "error": f"reply {b}: {EMPTY}"}
    assert "score" in items[0] and "score" in items[2]
    assert main(["check", str(tmp_path), "--isolated", "--format", "jsonl"]) == 2
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == items


def test_sarif_logs_the_unreadable_file_as_a_failed_execution(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = _folder_with_an_empty_reply(tmp_path)
    assert main(["check", str(tmp_path), "--isolated", "--format", "sarif"]) == 2
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert [artifact["location"]["uri"] for artifact in run["artifacts"]] == [a, b, c]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == f"reply {b}: {EMPTY}"
    where = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where == {"uri": b, "index": 1}
    checked = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert checked == {a, c}


def test_github_annotates_the_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = _folder_with_an_empty_reply(tmp_path)
    assert main(["check", str(tmp_path), "--isolated", "--format", "github"]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert f"::error file={b}::reply {b}: {EMPTY}" in lines
    assert any(f"file={a}," in line for line in lines) and any(
        f"file={c}," in line for line in lines
    )


def test_a_reply_the_linter_refuses_is_reported_and_the_others_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Empty once its markup is left out: read fine, refused by the linter."""
    (tmp_path / "a.html").write_text("<p><style>p {}</style></p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Hi Ines,\nThe parcel left today.\n", encoding="utf-8")
    assert main(["check", str(tmp_path), "--isolated", "--format", "json"]) == 2
    out, err = capsys.readouterr()
    refused, checked = json.loads(out)
    assert "empty" in refused["error"] and "score" in checked
    assert (
        err.startswith(f"replylint: error: reply {tmp_path / 'a.html'}: ") and err.count("\n") == 1
    )


def test_extensions_are_matched_whatever_their_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("REPLY.TXT", "Welcome.Md", "refund.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json", "--isolated", "--template"]) == 0
    paths = {Path(r["path"]).name for r in json.loads(capsys.readouterr().out)}
    assert paths == {"REPLY.TXT", "Welcome.Md", "refund.txt"}


def test_a_folder_of_one_file_is_still_a_list_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shape follows the command line: a folder gives the list with paths whether it
    holds one file or many; one file named on the command line gives the bare report."""
    reply = tmp_path / "only.md"
    reply.write_text(GOOD, encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json", "--isolated", "--template"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["path"] == str(reply) and "score" in listed
    assert main(["check", str(reply), "--format", "json", "--isolated", "--template"]) == 0
    bare = json.loads(capsys.readouterr().out)
    assert "path" not in bare and bare == {k: v for k, v in listed.items() if k != "path"}
    assert main(["check", str(tmp_path), "--format", "jsonl", "--isolated", "--template"]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [listed]


def test_a_folder_of_one_unreadable_file_lists_its_error_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json", "--isolated"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out) == [{"path": str(empty), "error": f"reply {empty}: {EMPTY}"}]
    assert err == f"replylint: error: reply {empty}: {EMPTY}\n"
    assert main(["check", str(empty), "--format", "json", "--isolated"]) == 2  # one file
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "is empty" in err


def test_sarif_uris_of_a_folder_are_percent_encoded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mix").mkdir()
    (tmp_path / "mix" / "pct 100%.md").write_text("Your RMA is approved.\n", encoding="utf-8")
    (tmp_path / "mix" / "#empty.txt").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "mix", "--isolated", "--format", "sarif"]) == 2
    run = json.loads(capsys.readouterr().out)["runs"][0]
    uris = ["mix/%23empty.txt", "mix/pct%20100%25.md"]
    assert [artifact["location"]["uri"] for artifact in run["artifacts"]] == uris
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    where = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where == {"uri": uris[0], "index": 0}
    assert run["results"] and {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    } == {uris[1]}


def test_one_unreadable_file_still_gets_a_log_in_the_log_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CI step uploads the SARIF log whatever happened: one empty file named alone gets
    a log holding the failed execution; text and json keep the one-line error."""
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["check", str(empty), "--isolated", "--format", "sarif"]) == 2
    captured = capsys.readouterr()
    (invocation,) = json.loads(captured.out)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "is empty" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert "replylint: error:" in captured.err
    assert main(["check", str(empty), "--isolated", "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1


def test_outside_git_a_config_stands_for_the_macros_under_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check --recheck-on-config` (the pre-commit hook) lists the macros git tracks; with
    no repository, the ones `check FOLDER` finds. A file named twice is checked once."""
    from replylint.inputs import expand_configs

    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # no repository

    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "refund.hbs").write_text(GOOD, encoding="utf-8")
    (tmp_path / "welcome.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.py").write_text("print('not a macro')\n", encoding="utf-8")
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.replylint]\n", encoding="utf-8")
    welcome = tmp_path / "welcome.md"
    assert expand_configs([welcome, config, None]) == [
        welcome, tmp_path / "billing" / "refund.hbs", None,
    ]  # fmt: skip


def test_a_config_to_recheck_that_does_not_exist_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped config path stood for no macro: nothing was checked and the run passed."""
    missing = tmp_path / "nosuch" / "replylint.toml"
    assert main(["check", "--recheck-on-config", str(missing)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_check_dir_leaves_out_what_the_configs_exclude_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`exclude` in the config, relative to its folder: a bare name at any depth, a
    path anchored at the folder, a folder with all under it. A file named on the command
    line is still checked, as ruff checks one."""
    for name in ("refund.hbs", "README.md", "help/README.md", "help/guide.md", "drafts/a.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (tmp_path / ".replylint.toml").write_text(
        'exclude = ["README.md", "./help/*.md", "drafts/"]\ntemplate = true\n', encoding="utf-8"
    )
    assert main(["check", str(tmp_path), "--format", "json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [Path(r["path"]).relative_to(tmp_path).as_posix() for r in reports] == ["refund.hbs"]
    assert main(["check", str(tmp_path / "README.md"), "--format", "json"]) == 0
    assert "score" in json.loads(capsys.readouterr().out)
    (tmp_path / "refund.hbs").unlink()
    assert main(["check", str(tmp_path)]) == 2
    assert "that the config's `exclude` and --exclude/--extend-exclude leave in" in (
        capsys.readouterr().err
    )


def test_a_file_named_twice_or_inside_a_folder_named_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two identical reports, and a file counted twice, for one file."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "refund.txt").write_text("Hi Dana, your refund ships today. Thanks!")
    (tmp_path / "drafts" / "delay.txt").write_text("Hi Sam, sorry for the delay. Thanks!")
    monkeypatch.chdir(tmp_path)
    main(["check", "drafts/refund.txt", "drafts", "./drafts/refund.txt", "--format", "jsonl",
          "--isolated"])  # fmt: skip
    paths = [json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()]
    assert sorted(paths) == ["drafts/delay.txt", "drafts/refund.txt"]
    assert paths[0] == "drafts/refund.txt"  # where first named


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_a_folder_is_skipped_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check macros/` opened `macros/pipe.txt` and waited for a writer for ever: no
    macro was checked, nothing was said. git and pre-commit skip such files too."""
    (tmp_path / "refund.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    assert main(["check", str(tmp_path), "--format", "json", "--isolated", "--template"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert Path(report["path"]).name == "refund.txt"
