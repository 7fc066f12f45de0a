"""`replylint check` over files in several folders: each file is checked with the nearest
configuration from its own folder upwards (as the README and the language server have
it), not with the first file's; `--config` and `--isolated` still mean one for all."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import replylint.linter
from replylint.cli import main

REPO = Path(__file__).resolve().parents[1]
SARIF_SCHEMA_PATH = REPO.parent.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

#: Jargon (RMA), no greeting, no next step: warnings by default.
REPLY = "Your RMA is approved.\n"
#: Leaves only info findings, and fails on errors alone: the reply passes.
LAX = 'ignore = ["jargon", "greeting", "next_step"]\nfail-on = "error"\n'
#: The defaults, but a missing greeting is an error.
STRICT = '[rules.greeting]\nseverity = "error"\n'
#: Rules-only: quick to build, fixed severities.
RULES_ONLY = ["--model", "none"]


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``lax/r.txt`` and ``strict/r.txt``, the same reply under the two configurations;
    the current folder is their parent, which has none."""
    for name, config in (("lax", LAX), ("strict", STRICT)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "r.txt").write_text(REPLY, encoding="utf-8")
        (tmp_path / name / ".replylint.toml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _rules_by_path(out: str) -> dict[str, set[str]]:
    return {report["path"]: {f["rule"] for f in report["findings"]} for report in json.loads(out)}


def test_each_file_is_checked_with_its_own_folders_config(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "lax/r.txt", "strict/r.txt", "--format", "json", *RULES_ONLY])
    found = _rules_by_path(capsys.readouterr().out)
    assert list(found) == ["lax/r.txt", "strict/r.txt"]  # input order
    assert not found["lax/r.txt"] & {"jargon", "greeting", "next_step"}
    assert {"jargon", "greeting", "next_step"} <= found["strict/r.txt"]
    assert code == 1  # strict/r.txt fails by its own fail-on


def test_a_file_fails_by_its_own_configs_fail_on(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clean file under a strict configuration listed first does not make the lax
    configuration's file fail on what its own ``fail-on`` lets pass."""
    (folders / "only_jargon").mkdir()
    (folders / "only_jargon" / ".replylint.toml").write_text(
        'select = ["jargon"]\n', encoding="utf-8"
    )
    (folders / "only_jargon" / "clean.txt").write_text("Your order is approved.\n", "utf-8")
    assert main(["check", "only_jargon/clean.txt", "lax/r.txt", *RULES_ONLY]) == 0
    assert main(["check", "only_jargon/clean.txt", "strict/r.txt", *RULES_ONLY]) == 1


def test_command_line_options_apply_on_top_of_each_config(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["check", "lax/r.txt", "strict/r.txt", "--format", "json", "--ignore", "jargon",
         "--fail-on", "error", *RULES_ONLY]
    )  # fmt: skip
    found = _rules_by_path(capsys.readouterr().out)
    assert "jargon" not in found["strict/r.txt"]
    assert "greeting" in found["strict/r.txt"]  # strict's severity: an error
    assert code == 1


@pytest.mark.parametrize("one_for_all", [["--config", "lax/.replylint.toml"], ["--isolated"]])
def test_config_and_isolated_still_mean_one_config_for_all(
    folders: Path, capsys: pytest.CaptureFixture[str], one_for_all: list[str]
) -> None:
    args = ["check", "strict/r.txt", "lax/r.txt", "--format", "json", *one_for_all]
    main([*args, *RULES_ONLY])
    found = _rules_by_path(capsys.readouterr().out)
    assert found["strict/r.txt"] == found["lax/r.txt"]


def test_one_linter_is_built_per_configuration_not_per_file(
    folders: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    built: list[object] = []
    real = replylint.linter.Linter

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, config: Any = None, **kwargs: Any) -> None:
            built.append(config)
            super().__init__(config, **kwargs)

    monkeypatch.setattr(replylint.linter, "Linter", Counting)
    (folders / "lax" / "deeper").mkdir()
    (folders / "lax" / "deeper" / "s.txt").write_text(REPLY, encoding="utf-8")
    (folders / "strict" / "t.txt").write_text(REPLY, encoding="utf-8")
    files = ["lax/r.txt", "strict/r.txt", "lax/deeper/s.txt", "strict/t.txt"]
    main(["check", *files, "--format", "json", *RULES_ONLY])
    assert len(built) == 2
    found = _rules_by_path(capsys.readouterr().out)
    assert list(found) == files
    assert found["lax/deeper/s.txt"] == found["lax/r.txt"]  # the nearest config: lax's


@pytest.mark.parametrize("fmt", ["text", "jsonl", "github"])
def test_a_bad_config_in_any_folder_stops_the_run_before_checking(
    folders: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    (folders / "strict" / ".replylint.toml").write_text('fail-on = "bogus"\n', "utf-8")
    assert main(["check", "lax/r.txt", "strict/r.txt", "--format", fmt, *RULES_ONLY]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    error = captured.err.strip()
    assert error.startswith("replylint: error: ")
    assert str(folders / "strict" / ".replylint.toml") in error and "fail-on" in error


def test_stdin_takes_the_current_folders_config_beside_files(
    folders: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(folders / "lax")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(REPLY.encode())))
    main(["check", "-", "../strict/r.txt", "--format", "json", *RULES_ONLY])
    found = _rules_by_path(capsys.readouterr().out)
    assert not found["<stdin>"] & {"jargon", "greeting"}
    assert {"jargon", "greeting"} <= found["../strict/r.txt"]


def test_the_hooks_command_line_checks_each_file_with_its_config(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hook = ["check", "--default-template", "--recheck-on-config", "--format", "json"]
    assert main([*hook, "lax/r.txt", "strict/r.txt", *RULES_ONLY]) == 1
    found = _rules_by_path(capsys.readouterr().out)
    assert "jargon" not in found["lax/r.txt"] and "jargon" in found["strict/r.txt"]


def test_sarif_is_one_log_describing_every_configurations_rules(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule only one configuration loads (a pack's) is described in the one log, and
    each result points at its own rule's descriptor."""
    shutil.copy(REPO / "examples" / "packs" / "promises.yaml", folders / "strict")
    (folders / "strict" / ".replylint.toml").write_text(
        'packs = ["promises.yaml"]\n' + STRICT, encoding="utf-8"
    )
    (folders / "strict" / "r.txt").write_text(
        "Hi Dana,\nI guarantee your refund arrives tomorrow.\nThanks, Sam\n", "utf-8"
    )
    assert main(["check", "lax/r.txt", "strict/r.txt", "--format", "sarif", *RULES_ONLY]) == 1
    [run] = json.loads(capsys.readouterr().out)["runs"]
    descriptors = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert len(descriptors) == len(set(descriptors))
    pack_results = [r for r in run["results"] if r["ruleId"].startswith("promises")]
    assert pack_results, [r["ruleId"] for r in run["results"]]
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]] == result["ruleId"]
    _valid_sarif({"version": "2.1.0", "runs": [run]})


def test_a_config_error_in_sarif_still_writes_a_log_that_says_so(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folders / "strict" / ".replylint.toml").write_text('fail-on = "bogus"\n', "utf-8")
    assert main(["check", "lax/r.txt", "strict/r.txt", "--format", "sarif", *RULES_ONLY]) == 2
    captured = capsys.readouterr()
    log = json.loads(captured.out)
    [run] = log["runs"]
    assert run["results"] == []
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert f"replylint: error: {notification['message']['text']}" == captured.err.strip()
    _valid_sarif(log)


def test_config_naming_a_folder_says_which_file_to_name(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "lax/r.txt", "--config", "strict"]) == 2
    error = capsys.readouterr().err.strip()
    assert "no such file" not in error
    assert "config strict: is a folder" in error
    assert "--config strict/.replylint.toml" in error


def test_a_relative_config_reads_its_packs_from_its_folder_once(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--config strict/.replylint.toml`` with ``packs = ["promises.yaml"]``: the pack
    is strict/promises.yaml, not strict/strict/promises.yaml; and ``--pack`` is read
    from the current folder, not from the configuration's."""
    shutil.copy(REPO / "examples" / "packs" / "promises.yaml", folders / "strict")
    config = folders / "strict" / ".replylint.toml"
    config.write_text('packs = ["promises.yaml"]\n', encoding="utf-8")
    assert main(["check", "strict/r.txt", "--config", "strict/.replylint.toml"]) == 1
    config.write_text("", encoding="utf-8")
    assert main(["check", "strict/r.txt", "--pack", "strict/promises.yaml", *RULES_ONLY]) == 1
    assert "no such file" not in capsys.readouterr().err


def test_a_name_ignored_by_the_config_and_the_flag_is_listed_once(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folders / "strict" / ".replylint.toml").write_text('ignore = ["jargon"]\n', "utf-8")
    args = ["check", "strict/r.txt", "--select", "jargon", "--ignore", "jargon"]
    assert main([*args, *RULES_ONLY]) == 2
    error = capsys.readouterr().err
    assert "ignore ['jargon'] " in error


def test_every_output_names_the_configuration_each_file_was_checked_with(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Which configuration governed a file was said nowhere, though a nested one
    replaces the one above entirely: the text summary line ends with it, the JSON and
    JSONL reports and the SARIF artifacts carry it (null, or nothing, for none)."""
    (folders / "none").mkdir()
    (folders / "none" / "r.txt").write_text(REPLY, encoding="utf-8")
    paths = ["lax/r.txt", "strict/r.txt"]
    main(["check", *paths, *RULES_ONLY])
    summaries = [line for line in capsys.readouterr().out.splitlines() if ": score " in line]
    assert [line.rpartition(" | ")[2] for line in summaries] == [
        "config: lax/.replylint.toml",
        "config: strict/.replylint.toml",
    ]
    main(["check", "none/r.txt", *RULES_ONLY])  # no file: nothing said
    assert " | config: " not in capsys.readouterr().out
    main(["check", "lax/r.txt", "--format", "json", *RULES_ONLY])
    report = json.loads(capsys.readouterr().out)
    assert list(report)[:2] == ["config", "schema_version"]
    assert report["config"] == "lax/.replylint.toml"
    main(["check", *paths, "none/r.txt", "--format", "json", *RULES_ONLY])
    listed = [(r["path"], r["config"]) for r in json.loads(capsys.readouterr().out)]
    assert listed == [
        ("lax/r.txt", "lax/.replylint.toml"),
        ("strict/r.txt", "strict/.replylint.toml"),
        ("none/r.txt", None),
    ]
    main(["check", *paths, "none/r.txt", "--format", "jsonl", *RULES_ONLY])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["path"], r["config"]) for r in lines] == listed
    main(["check", *paths, "none/r.txt", "--format", "sarif", *RULES_ONLY])
    [run] = json.loads(capsys.readouterr().out)["runs"]
    said = [a.get("properties", {}).get("config") for a in run["artifacts"]]
    assert said == ["lax/.replylint.toml", "strict/.replylint.toml", None]
    _valid_sarif({"version": "2.1.0", "runs": [run]})


def test_a_configuration_above_the_current_folder_is_named_by_its_full_path(
    folders: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (folders / "lax" / "drafts").mkdir()
    (folders / "lax" / "drafts" / "r.txt").write_text(REPLY, encoding="utf-8")
    monkeypatch.chdir(folders / "lax" / "drafts")
    main(["check", "r.txt", "--format", "json", *RULES_ONLY])
    assert json.loads(capsys.readouterr().out)["config"] == str(
        (folders / "lax" / ".replylint.toml").resolve()
    )


@pytest.mark.parametrize("command", [["rules"], ["explain", "greeting"]])
def test_rules_and_explain_say_which_configuration_they_read(
    folders: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """`rules` and `explain` read the current folder's configuration, `check` each
    file's nearest: they now say which they read, and that `check` differs."""
    nearest = "; `check` reads the nearest to each file"
    assert main(command) == 0  # the parent folder has none
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == f"Configuration: none found from the current folder upwards{nearest}"
    monkeypatch.chdir(folders / "strict")
    assert main(command) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == f"Configuration: .replylint.toml (the nearest from the current folder){nearest}"
    assert main([*command, "--config", "../lax/.replylint.toml"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == f"Configuration: {(folders / 'lax' / '.replylint.toml').resolve()} (--config)"
    assert main([*command, "--isolated"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Configuration: none (--isolated)"


def _valid_sarif(log: dict[str, Any]) -> None:
    """``log`` against the official schema, when the shared copy is there (as in
    test_formatters)."""
    if not SARIF_SCHEMA_PATH.is_file():
        return
    import jsonschema

    schema = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft7Validator(schema).iter_errors(log))
