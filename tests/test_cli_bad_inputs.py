"""Every subcommand over a table of bad inputs: exit 2, one line on stderr naming what is
wrong, never a traceback (DESIGN.md, exit codes). Each case builds its own files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from replylint.cli import main

REPLY = "Hi Ann,\n\nYour refund reaches your card within 5 days.\n\nThanks!\n"
Setup = Callable[[Path], list[str]]


def files(tmp: Path, **contents: str | bytes) -> None:
    for name, content in contents.items():
        path = tmp / name.replace("__", ".")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def check_select_typo(tmp: Path) -> list[str]:
    files(tmp, r__txt=REPLY)
    return ["check", str(tmp / "r.txt"), "--isolated", "--select", "jargn"]


def check_select_list_typo(tmp: Path) -> list[str]:
    files(tmp, r__txt=REPLY)
    return ["check", str(tmp / "r.txt"), "--isolated", "--select", "jargon,greetng"]


def check_ignore_typo(tmp: Path) -> list[str]:
    files(tmp, r__txt=REPLY)
    return ["check", str(tmp / "r.txt"), "--isolated", "--ignore", "greting"]


def check_config_rule_typo(tmp: Path) -> list[str]:
    files(tmp, r__txt=REPLY, **{".replylint.toml": '[rules.jargn]\nseverity = "error"\n'})
    return ["check", str(tmp / "r.txt")]


def check_config_option_typo(tmp: Path) -> list[str]:
    files(tmp, r__txt=REPLY, **{".replylint.toml": "[rules.readability.options]\nmax-grad = 9\n"})
    return ["check", str(tmp / "r.txt")]


def check_config_option_type(tmp: Path) -> list[str]:
    files(
        tmp, r__txt=REPLY, **{".replylint.toml": '[rules.readability.options]\nmax-grade = "x"\n'}
    )
    return ["check", str(tmp / "r.txt")]


def check_missing_file(tmp: Path) -> list[str]:
    return ["check", str(tmp / "nope.txt"), "--isolated"]


def check_empty_file(tmp: Path) -> list[str]:
    files(tmp, r__txt="")
    return ["check", str(tmp / "r.txt"), "--isolated"]


def check_binary_file(tmp: Path) -> list[str]:
    files(tmp, r__txt=b"\x00\x01\x02PK\x03\x04")
    return ["check", str(tmp / "r.txt"), "--isolated"]


def check_missing_pack(tmp: Path) -> list[str]:
    files(tmp, r__txt=REPLY)
    return ["check", str(tmp / "r.txt"), "--isolated", "--pack", str(tmp / "nope.yaml")]


def score_zero_byte_input(tmp: Path) -> list[str]:
    files(tmp, in__csv="")
    return ["score", str(tmp / "in.csv"), "--out", str(tmp / "out.jsonl"), "--isolated"]


def score_not_parquet(tmp: Path) -> list[str]:
    files(tmp, in__parquet="id,reply\n1,hello\n")
    return ["score", str(tmp / "in.parquet"), "--out", str(tmp / "out.jsonl"), "--isolated"]


def score_out_in_missing_folder(tmp: Path) -> list[str]:
    files(tmp, in__csv=f"id,reply\n1,{json.dumps(REPLY)}\n")
    return ["score", str(tmp / "in.csv"), "--out", str(tmp / "no" / "out.jsonl"), "--isolated"]


def score_resume_into_garbage(tmp: Path) -> list[str]:
    files(tmp, in__csv=f"id,reply\n1,{json.dumps(REPLY)}\n", out__jsonl="not json at all\n")
    return ["score", str(tmp / "in.csv"), "--out", str(tmp / "out.jsonl"), "--resume",
            "--isolated"]  # fmt: skip


def score_would_overwrite(tmp: Path) -> list[str]:
    files(tmp, in__csv=f"id,reply\n1,{json.dumps(REPLY)}\n", out__jsonl='{"id": "1"}\n')
    return ["score", str(tmp / "in.csv"), "--out", str(tmp / "out.jsonl"), "--isolated"]


def score_select_typo(tmp: Path) -> list[str]:
    files(tmp, in__csv=f"id,reply\n1,{json.dumps(REPLY)}\n")
    return ["score", str(tmp / "in.csv"), "--out", str(tmp / "out.jsonl"), "--isolated",
            "--select", "next_stp"]  # fmt: skip


def report_on_parquet(tmp: Path) -> list[str]:
    files(tmp, s__parquet=b"PAR1\x00\x00garbage")
    return ["report", str(tmp / "s.parquet"), "--html", str(tmp / "r.html")]


def report_into_missing_folder(tmp: Path) -> list[str]:
    files(tmp, s__jsonl=json.dumps({"id": "1", "error": "empty reply"}) + "\n")
    return ["report", str(tmp / "s.jsonl"), "--html", str(tmp / "no" / "r.html")]


def report_on_binary(tmp: Path) -> list[str]:
    files(tmp, s__jsonl=b"\xff\xfe\xdc\x00garbage")
    return ["report", str(tmp / "s.jsonl"), "--html", str(tmp / "r.html")]


def report_on_other_json(tmp: Path) -> list[str]:
    files(tmp, s__jsonl="[1, 2, 3]\n")
    return ["report", str(tmp / "s.jsonl"), "--html", str(tmp / "r.html")]


def report_over_the_run_record(tmp: Path) -> list[str]:
    # (a shell's completion of `--html s.jsonl<TAB>`: --force replaced the record that
    # report reads its notes from and --resume its settings)
    files(tmp, s__jsonl=json.dumps({"id": "1", "error": "empty reply"}) + "\n")
    (tmp / "s.jsonl.replylint-run.json").write_text('{"finished": true}', encoding="utf-8")
    return ["report", str(tmp / "s.jsonl"), "--html", str(tmp / "s.jsonl.replylint-run.json"),
            "--force"]  # fmt: skip


def eval_missing_file(tmp: Path) -> list[str]:
    return ["eval", str(tmp / "gold.jsonl"), "--isolated"]


def eval_not_gold(tmp: Path) -> list[str]:
    files(tmp, gold__jsonl='{"id": 1, "reply": "Hi"}\n')
    return ["eval", str(tmp / "gold.jsonl"), "--isolated"]


def eval_unicode_text_sheet(tmp: Path) -> list[str]:
    # Excel's "Unicode Text" (a tab-separated sheet in UTF-16) is saved as .txt: it was
    # "cannot read it as UTF-8 text ('utf-8' codec can't decode byte 0xff ...)"
    sheet = "id\treply\tgreeting\r\n1\tHi Ann, we refunded you. Thanks, Jo\tyes\r\n"
    files(tmp, card__txt=sheet.encode("utf-16"))
    return ["eval", str(tmp / "card.txt"), "--isolated"]


def train_missing_gold(tmp: Path) -> list[str]:
    return ["train", str(tmp / "nope.jsonl"), "--out", str(tmp / "model")]


def train_not_gold(tmp: Path) -> list[str]:
    files(tmp, gold__jsonl="not json\n")
    return ["train", str(tmp / "gold.jsonl"), "--out", str(tmp / "model")]


def train_out_is_a_file(tmp: Path) -> list[str]:
    files(tmp, gold__jsonl="", model="a file")
    return ["train", str(tmp / "gold.jsonl"), "--out", str(tmp / "model")]


def train_out_in_missing_folder(tmp: Path) -> list[str]:
    files(tmp, gold__jsonl="")
    return ["train", str(tmp / "gold.jsonl"), "--out", str(tmp / "no" / "model")]


def train_too_few_replies(tmp: Path) -> list[str]:
    record = {"id": "a", "reply": REPLY, "labels": dict.fromkeys(
        ("greeting", "apology", "empathy", "next_step", "next_step_timeframe",
         "closing_thanks"), False)}  # fmt: skip
    files(tmp, gold__jsonl=json.dumps(record) + "\n")
    return ["train", str(tmp / "gold.jsonl"), "--out", str(tmp / "model"), "--folds", "2"]


def check_model_not_a_model(tmp: Path) -> list[str]:
    files(tmp, r__txt=REPLY)
    return ["check", str(tmp / "r.txt"), "--isolated", "--model", str(tmp)]


def check_config_model_missing(tmp: Path) -> list[str]:
    files(tmp, r__txt=REPLY, **{".replylint.toml": 'model = "models/ours"\n'})
    return ["check", str(tmp / "r.txt")]


def check_min_confidence_as_percent(tmp: Path) -> list[str]:
    files(tmp, r__txt=REPLY)
    return ["check", str(tmp / "r.txt"), "--isolated", "--min-confidence", "80"]


# A folder where a file is expected: said as a folder (it was "no such file" for a
# folder that is there, and "cannot read it as UTF-8 text ([Errno 21] Is a directory")
def score_input_is_a_folder(tmp: Path) -> list[str]:
    (tmp / "exports").mkdir()
    return ["score", str(tmp / "exports"), "--out", str(tmp / "out.jsonl")]


def report_scores_is_a_folder(tmp: Path) -> list[str]:
    (tmp / "scores").mkdir()
    return ["report", str(tmp / "scores"), "--html", str(tmp / "r.html")]


def eval_gold_is_a_folder(tmp: Path) -> list[str]:
    (tmp / "labels").mkdir()
    return ["eval", str(tmp / "labels")]


def train_gold_is_a_folder(tmp: Path) -> list[str]:
    (tmp / "labels.csv").mkdir()
    return ["train", str(tmp / "labels.csv"), "--out", str(tmp / "model")]


def explain_unknown_rule(tmp: Path) -> list[str]:
    return ["explain", "jargn"]


def rules_missing_pack(tmp: Path) -> list[str]:
    return ["rules", "--pack", str(tmp / "nope.yaml")]


CASES: list[tuple[Setup, str]] = [
    (check_select_typo, "jargon"),
    (check_select_list_typo, "unknown rule or check 'greetng'; did you mean 'greeting'"),
    (check_ignore_typo, "greeting"),
    (check_config_rule_typo, "jargon"),
    (check_config_option_typo, "max-grade"),
    (check_config_option_type, "max-grade"),
    (check_missing_file, "no such file"),
    (check_empty_file, "empty"),
    (check_binary_file, "binary"),
    (check_missing_pack, "nope.yaml"),
    (score_zero_byte_input, "empty"),
    (score_not_parquet, "Parquet"),
    (score_out_in_missing_folder, "no"),
    (score_resume_into_garbage, "out.jsonl"),
    (score_would_overwrite, "--force"),
    (score_select_typo, "next_step"),
    (report_on_parquet, "JSONL"),
    (report_into_missing_folder, "does not exist"),
    (report_on_binary, "UTF-8"),
    (report_on_other_json, "not the JSONL output"),
    (report_over_the_run_record, "is the run record of the scores file"),
    (eval_missing_file, "no such file"),
    (eval_not_gold, "line 1"),
    (eval_unicode_text_sheet, "Unicode Text"),
    (train_missing_gold, "no such file"),
    (train_not_gold, "line 1"),
    (train_out_is_a_file, "is a file"),
    (train_out_in_missing_folder, "does not exist"),
    (train_too_few_replies, "at least 20"),
    (check_model_not_a_model, "model.json"),
    (check_config_model_missing, "models/ours"),
    (check_min_confidence_as_percent, "between 0 and 1 (for 80%, give 0.8)"),
    (score_input_is_a_folder, "exports is a folder; name the export file in it"),
    (report_scores_is_a_folder, "scores is a folder; name the results file in it"),
    (eval_gold_is_a_folder, "labels is a folder; name the gold files in it"),
    (train_gold_is_a_folder, "labels.csv is a folder; name the gold files in it"),
    (explain_unknown_rule, "jargon"),
    (rules_missing_pack, "nope.yaml"),
]


@pytest.mark.parametrize(("setup", "says"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_input_is_one_line_and_exit_2(
    setup: Setup, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = setup(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("replylint: error: ") and "\n" not in err, err
    assert "Traceback" not in err
    assert says.lower() in err.lower(), err


@pytest.mark.parametrize(("argv", "command"), [(["score", "x.csv", "--out", "y.jsonl", "--by",
                         "channel"], "score"), (["check", "--bogus"], "check")])  # fmt: skip
def test_an_unknown_option_shows_the_commands_own_usage(
    argv: list[str], command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It showed `usage: replylint [-h] COMMAND ...`, which lists no option of the command
    the user was typing."""
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: replylint {command} [-h]")
    assert f"replylint {command}: error: unrecognized arguments: " in err and argv[-1] in err


@pytest.mark.parametrize(
    ("name", "content", "advice"),
    [
        ("tickets.csv", "id,reply\nt-1,Your RMA is in the queue.\n", "score tickets.csv"),
        ("export.jsonl", '{"id": "t-1", "reply": "Hi Dana, thanks!"}\n', "score export.jsonl"),
        ("pyproject.toml", '[tool.replylint]\nfail-on = "error"\n', "configuration file"),
        (".replylint.toml", 'ignore = ["jargon"]\n', "configuration file, not a reply"),
    ],
)  # fmt: skip
def test_an_export_or_a_configuration_named_as_a_reply_is_refused_with_what_to_do(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str,
    advice: str,
) -> None:
    """Checked as one reply, an export scored its header as jargon, and a configuration
    file scored 0/100 and passed: neither said what to do instead."""
    (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", name, "--isolated"]) == 2
    error = capsys.readouterr().err
    assert f"reply {name}: " in error and advice in error
