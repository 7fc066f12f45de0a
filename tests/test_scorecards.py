"""Gold records from a CSV scorecard (replylint.scorecards): a team's spreadsheet of
reviewed replies is read as the JSON-lines gold is, every row whole, and a header or cell
it cannot read is one clear error rather than a check silently left out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.evaluation import GoldError, read_gold, read_gold_files

HEADER = (
    "Ticket ID,Reply,Customer message,Greeting,Empathy,Next step,Next step evidence,"
    "Jargon,Customer name,Customer name check,Template,Source,Agent\n"
)
ROWS = [
    '101,"Hi Ann, sorry for the wait. I\'ll email the new invoice by Friday. Thanks!",'
    '"My invoice is wrong, again.",yes,no,yes,I\'ll email the new invoice by Friday.,,'
    "Ann Lee,yes,,billing,Jo\n",
    '102,"Your RMA is in the tier-2 queue.",,No,,n/a,,RMA; tier-2 queue,,,false,billing,Sam\n',
    '103,"Hello {{first_name}}, please restart the app.",App keeps crashing,TRUE,,1,'
    "please restart the app.,,,,true,app,Jo\n",
]


@pytest.fixture()
def scorecard(tmp_path: Path) -> Path:
    path = tmp_path / "scores.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    return path


def test_a_scorecard_row_becomes_a_gold_record(scorecard: Path) -> None:
    first, second, third = read_gold(scorecard)
    assert first.id == "101" and first.customer_message == "My invoice is wrong, again."
    assert first.reply.startswith("Hi Ann, sorry")
    labels = first.labels
    assert (labels.greeting, labels.empathy, labels.next_step) == (True, False, True)
    assert labels.apology is None and labels.closing_thanks is None  # no column: not scored
    assert labels.jargon == []  # an empty cell of a jargon column: no jargon
    assert first.customer_name == "Ann Lee" and labels.customer_name is True
    assert first.evidence == {"next_step": ["I'll email the new invoice by Friday."]}
    assert (first.model_extra or {})["source"] == "billing"
    # blank and n/a cells leave the row out of the check; lists split on ";"
    assert second.labels.empathy is None and second.labels.next_step is None
    assert second.labels.greeting is False
    assert second.labels.jargon == ["RMA", "tier-2 queue"]
    assert second.template is False and second.customer_name is None
    assert third.template is True and third.labels.next_step is True


def test_eval_scores_a_scorecard_as_it_scores_the_same_records_in_json_lines(
    scorecard: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twin = tmp_path / "scores.jsonl"
    twin.write_text(
        "".join(r.model_dump_json(exclude_none=True) + "\n" for r in read_gold(scorecard))
    )
    assert main(["eval", str(scorecard), "--isolated", "--format", "json"]) == 0
    from_csv = json.loads(capsys.readouterr().out)
    assert main(["eval", str(twin), "--isolated", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == from_csv
    assert from_csv["checks"]["greeting"]["n"] == 3 and from_csv["checks"]["empathy"]["n"] == 1
    assert from_csv["jargon"]["records"] == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,reply,greting,empathy\n1,Hi,yes,no\n",
         "the column 'greting' looks like the check 'greeting' but is not named so"),
        ("id,reply,greeting\n1,Hi,maybe\n",
         "line 2 (id \"1\"): column 'greeting' holds 'maybe'; write yes or no"),
        ('id,reply,greeting\n1,"Hi there, yes,\n2,Hello,yes\n', "line 2: "),
        ("id,reply,greeting\n1,Hi,yes,extra\n", "line 2: 4 fields where the header has 3"),
        ("id,comment,greeting\n1,Hi,yes\n", "no column holds the reply; name it one of reply"),
        ("id,reply,agent\n1,Hi,Jo\n", "no column names a check; name a column after each"),
        ("id,reply,greeting\n1,Hi,\n", 'line 2 (id "1"): no check is scored on this row'),
        ("id,Reply,reply,greeting\n1,Hi,Hi,yes\n", "'Reply' and 'reply' are the same column"),
        ("", "is empty"),
    ],
)  # fmt: skip
def test_a_scorecard_it_cannot_read_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.csv"):
        list(read_gold(path))
    assert main(["eval", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_pass_fail_and_met_are_yes_and_no(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(
        "id,reply,greeting,next step,closing thanks\n"
        "1,Hi. Done.,Pass,Not met,FAIL\n2,Done. Thanks!,Failed,met,passed\n",
        encoding="utf-8",
    )
    first, second = read_gold(path)
    assert (first.labels.greeting, first.labels.next_step, first.labels.closing_thanks) == (
        True,
        False,
        False,
    )
    assert (second.labels.greeting, second.labels.next_step) == (False, True)
    assert second.labels.closing_thanks is True


def test_a_scorecard_saved_as_windows_1252_is_an_error_not_garbled_replies(
    tmp_path: Path,
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        'id,reply,greeting\n1,"Hi Renée, your café order is ready.",yes\n'.encode("cp1252")
    )
    with pytest.raises(GoldError, match=r"line 2: not UTF-8 text .*save it as 'CSV UTF-8'"):
        list(read_gold(path))
    path.write_bytes(
        'id,reply,greeting\n1,"Hi Renée, your café order is ready.",yes\n'.encode("utf-8-sig")
    )
    [record] = read_gold(path)
    assert record.reply == "Hi Renée, your café order is ready."


def test_two_columns_it_ignores_may_share_a_name(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text("id,reply,Notes,greeting,notes\n1,Hi Al. Done.,a,yes,b\n", encoding="utf-8")
    [record] = read_gold(path)
    assert record.labels.greeting is True


def test_a_tab_separated_scorecard_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "scores.tsv"
    path.write_text("id\treply\tclosing thanks\n7\tAll sorted. Thanks!\tyes\n", encoding="utf-8")
    [record] = read_gold(path)
    assert record.id == "7" and record.labels.closing_thanks is True


def test_a_json_lines_file_named_csv_is_not_silently_misread(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text('{"id": "a", "reply": "Hi", "labels": {"greeting": true}}\n')
    with pytest.raises(GoldError, match=r"holds JSON lines, not a CSV scorecard; name it \.jsonl"):
        list(read_gold(path))


def test_a_customer_column_of_names_is_an_error_not_an_empty_complaint(tmp_path: Path) -> None:
    """A QA scorecard's "Customer" column usually names the customer; read as what they
    wrote, every reply would be judged against a customer who said nothing."""
    path = tmp_path / "scores.csv"
    path.write_text(
        "id,Customer,reply,empathy\n1,Dana Lee,Sorry. Done.,no\n2,Sam Park,Done.,no\n",
        encoding="utf-8",
    )
    with pytest.raises(
        GoldError,
        match=r"the column 'Customer' holds names \('Dana Lee', 'Sam Park'\), not the "
        r"customer's messages; rename it customer_name .* or customer_message",
    ):
        list(read_gold(path))
    path.write_text(
        "id,Customer,reply,empathy\n1,My parcel is lost!,Sorry. Done.,no\n", encoding="utf-8"
    )
    [record] = read_gold(path)
    assert record.customer_message == "My parcel is lost!"
    path.write_text(
        "id,Customer name,reply,empathy\n1,Dana Lee,Sorry. Done.,no\n", encoding="utf-8"
    )
    [record] = read_gold(path)
    assert (record.customer_name, record.customer_message) == ("Dana Lee", None)


def write(tmp_path: Path, text: str, name: str = "card.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # the customer's message would be scored as the reply
        ("ID,Message,Response,Greeting\n1,I was billed twice.,Hi Al. Fixed.,yes\n",
         "the columns 'Message' and 'Response' could each hold the reply; name the reply's "
         "column 'reply' and the customer's message 'customer_message'"),
        # a totals row, a footer note: no reply, so every check would read "missing"
        ("id,reply,greeting\n1,Hi Al. Fixed.,yes\nTotal,,1\n",
         "line 3 (id \"Total\"): reply: the reply is empty; give the reply's text, or remove "
         "the record"),
        # a check's column under another name is not dropped without a word
        ("id,reply,Empathy shown\n1,Hi Al. Fixed.,no\n",
         "the column 'Empathy shown' looks like the check 'empathy' but is not named so"),
        ("id,reply,Next step given\n1,Hi Al. Fixed.,no\n",
         "the column 'Next step given' looks like the check 'next_step'"),
        # a template column of macro names
        ("id,reply,greeting,Template\n1,Hi Al. Fixed.,yes,Refund macro v2\n",
         "line 2 (id \"1\"): column 'Template' holds 'Refund macro v2'; it is read as whether "
         "the row is a template (yes/no). If it names the macro used, rename it"),
        # Excel's separator line
        ("sep=;\nid;reply;greeting\n1;Hi Al.;yes\n",
         "line 1: 'sep=;' is Excel's separator line, not the header; delete that line"),
    ],
)  # fmt: skip
def test_what_a_spreadsheet_export_holds_is_read_or_refused_never_misread(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(GoldError, match=re.escape(message)):
        list(read_gold(write(tmp_path, text)))


def test_a_workbook_is_named_for_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(GoldError, match=r"an Excel workbook .*save it as CSV UTF-8"):
        list(read_gold(path))


def test_hints_in_headers_blank_rows_and_case_are_what_a_sheet_has(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Reply,Greeting (Y/N),Next step?,Channel\n"
        "Hi Al. Fixed.,Yes,N,Email\n"
        ",,,\n"  # a blank row between reviews
        "All done.,no,y,CHAT\n",
    )
    first, second = read_gold(path)
    assert (first.labels.greeting, first.labels.next_step, first.channel) == (True, False, "email")
    assert (second.labels.greeting, second.channel) == (False, "chat")
    # without an id column a row is named by its file (as given) and line
    assert (first.id, second.id) == (f"{path}:2", f"{path}:4")


def test_channel_names_score_reads_are_read_by_eval_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scorecard is often the export `score` ran on: the help desk's channel names
    `score` reads ("E-mail", "Live chat") are read alike; an unknown one is named, with
    what to write instead."""
    path = write(
        tmp_path,
        "Reply,Greeting,Channel\nHi Al. Fixed.,yes,E-mail\nHi. Done.,no,Live chat\n",
    )
    assert [record.channel for record in read_gold(path)] == ["email", "chat"]
    path.write_text("Reply,Greeting,Channel\nHi Al. Fixed.,yes,Fax\n", encoding="utf-8")
    assert main(["eval", str(path), "--isolated"]) == 2
    err = capsys.readouterr().err
    assert "line 2: channel: unknown channel 'Fax'; use email, chat or social" in err
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "a", "channel": "WhatsApp", "reply": "Hi.", "labels": {"greeting": True}})
        + "\n",
        encoding="utf-8",
    )
    assert [record.channel for record in read_gold(gold)] == ["chat"]


@pytest.mark.parametrize(
    ("cell", "terms"),
    [
        ("TTL; CDN edge", ["TTL", "CDN edge"]),
        ('"TTL, CDN edge"', ["TTL", "CDN edge"]),  # jargon terms never hold a comma
        ('"TTL\nCDN edge"', ["TTL", "CDN edge"]),  # a term per line in the cell
        ("TTL;; CDN edge;", ["TTL", "CDN edge"]),  # no term between separators: none
        ("", []),
        ("none", []),
        ("-", []),
        ("0", []),  # a 1/0 scorecard's "no", not the term "0"
        ("n/a", None),  # not reviewed on this row: not scored
    ],
)
def test_jargon_cells(tmp_path: Path, cell: str, terms: list[str] | None) -> None:
    path = write(tmp_path, f"id,reply,greeting,jargon\n1,Your TTL is set.,no,{cell}\n")
    [record] = read_gold(path)
    assert record.labels.jargon == terms


def test_a_leftover_may_hold_a_comma(tmp_path: Path) -> None:
    path = write(tmp_path, 'id,reply,template residue\n1,"Hi [Name, Surname].","[Name, Surname]"\n')
    [record] = read_gold(path)
    assert record.labels.template_residue == ["[Name, Surname]"]


def test_columns_it_does_not_read_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path, "id,reply,greeting,Thanks,Agent,Hold time\n1,Hi Al. Done.,yes,yes,Jo,0\n"
    )
    assert main(["eval", str(path), "--isolated", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["records"] == 1  # stdout stays the JSON
    assert (
        f"replylint eval: note: {path}: columns not read: Thanks, Agent, Hold time (a check's "
        "column is named after the check: greeting, apology" in captured.err
    )


@pytest.mark.parametrize("command", ["eval", "train"])
def test_a_check_column_that_scores_no_row_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """An export that left a column's cells empty (formulas saved without their values)
    read as that check not scored, n 0, as if the sheet had no such column: no word."""
    path = write(
        tmp_path,
        "id,reply,greeting,Empathy,Next step,jargon\n1,Hi Al. Done.,yes,,n/a,\n2,Done.,no,,,\n",
    )
    argv = [command, str(path), "--isolated"] if command == "eval" else [command, str(path)]
    # (train stops after the notes: two replies are too few to train on)
    main([*argv, *(["--out", str(tmp_path / "m")] if command == "train" else [])])
    err = capsys.readouterr().err
    assert (
        f"replylint {command}: note: {path}: no row scores Empathy, Next step (every cell "
        "empty or n/a), so those checks are not measured; fill the cells in" in err
    )
    assert "greeting" not in err.split("no row scores")[1].split("(")[0]
    assert "jargon" not in err.split("no row scores")[1].split("(")[0]  # empty: no terms


def test_a_column_without_a_header_that_holds_cells_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scores pasted beside the table, under no header, were ignored without a word; the
    empty column of lines ending in the separator (an Excel export's) is no column."""
    path = write(tmp_path, "id;reply;greeting;;\r\n1;Hi Al.;yes;;\r\n2;Done.;no;;no\r\n")
    assert main(["eval", str(path), "--isolated", "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert f"note: {path}: columns not read: column 5 (no header: 'no') (a check's" in err
    assert "column 4" not in err
    trailing = write(tmp_path, "id;reply;greeting;\r\n1;Hi Al.;yes;\r\n", "trailing.csv")
    assert main(["eval", str(trailing), "--isolated", "--format", "json"]) == 0
    assert "note" not in capsys.readouterr().err


GRADED = "id,reply,greeting,empathy,next step\n1,Hi Al. Done.,2,0,1\n2,Done.,0,n/a,2\n"


def test_a_graded_scorecard_is_read_with_a_pass_mark(tmp_path: Path) -> None:
    path = write(tmp_path, GRADED)
    with pytest.raises(
        GoldError,
        match=r'line 2 \(id "1"\): '
        r"column 'greeting' holds '2', a score rather than yes or no; for a "
        r"graded scorecard pass --pass-mark N",
    ):
        list(read_gold(path))
    first, second = read_gold(path, pass_mark=1)
    assert (first.labels.greeting, first.labels.empathy, first.labels.next_step) == (
        True, False, True,
    )  # fmt: skip
    assert (second.labels.greeting, second.labels.empathy, second.labels.next_step) == (
        False, None, True,  # n/a still means not scored; 2 >= 1
    )  # fmt: skip
    first, _ = read_gold(path, pass_mark=2)
    assert (first.labels.greeting, first.labels.next_step) == (True, False)  # 1 < 2


def test_a_scorecard_of_percentages_is_read_with_a_pass_mark_in_percent(tmp_path: Path) -> None:
    path = write(tmp_path, "id,reply,greeting,empathy\n1,Hi Al. Done.,80%,75 %\n2,Done.,100%,\n")
    first, second = read_gold(path, pass_mark=80)
    assert (first.labels.greeting, first.labels.empathy) == (True, False)
    assert (second.labels.greeting, second.labels.empathy) == (True, None)


def test_a_pass_mark_may_be_written_with_its_percent_sign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The help says "N%"; `--pass-mark 80%` was refused as an invalid float value."""
    path = write(tmp_path, "id,reply,greeting,empathy\n1,Hi Al. Done.,80%,75 %\n2,Done.,0%,\n")
    runs = []
    for mark in ("80", "80%", " 80 % "):
        assert main(["eval", str(path), "--pass-mark", mark, "--isolated", "--format", "json",
                     "--model", "none"]) == 0  # fmt: skip
        runs.append(capsys.readouterr().out)
    assert runs[0] == runs[1] == runs[2]
    with pytest.raises(SystemExit):
        main(["eval", str(path), "--pass-mark", "eighty", "--isolated"])
    assert "'eighty' is not a pass mark; give the points" in capsys.readouterr().err


@pytest.mark.parametrize("mark", ["2", "80"])
def test_percentages_and_points_in_one_scorecard_are_refused_not_compared_with_one_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mark: str
) -> None:
    """With --pass-mark 2 (points) a cell of 10% counted as met, and with --pass-mark 80
    a cell of 2 points out of 2 as not met: the figures were wrong without a word."""
    path = write(tmp_path, "id,reply,greeting,apology\n1,Hi Al. Sorry.,2,80%\n2,Done.,0,10%\n")
    assert main(["eval", str(path), "--pass-mark", mark, "--isolated"]) == 2
    err = capsys.readouterr().err.strip()
    assert (
        f"card.csv: the check cells mix percentages (line 2, column 'apology': '80%') and "
        f"points (line 2, column 'greeting': '2'), and --pass-mark {mark} is compared with "
        "both as one number; write every graded cell on one scale"
    ) in err
    assert "\n" not in err


@pytest.mark.parametrize("command", ["eval", "train"])
def test_a_graded_column_none_of_whose_cells_reaches_the_mark_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A yes/no column written 1/0 beside points of 0 to 2: under --pass-mark 2 each "1"
    was 1 point, and the check was never met, without a word."""
    path = write(
        tmp_path,
        "id,reply,greeting,Apology (1/0)\n1,Hi Al. Sorry.,2,1\n2,Done.,0,0\n3,Hi Bo.,1,\n",
    )
    argv = [command, str(path), "--pass-mark", "2"]
    # (train stops after the notes: three replies are too few to train on)
    main([*argv, *(["--out", str(tmp_path / "m")] if command == "train" else ["--isolated"])])
    err = capsys.readouterr().err
    assert (
        f"replylint {command}: note: {path}: no cell of the column 'Apology (1/0)' reaches "
        "--pass-mark 2 (the most is 1), so every row it scores counts as not met; if it is "
        "a yes/no column written 1/0, write yes and no"
    ) in err
    assert "'greeting' reaches" not in err


@pytest.mark.parametrize("cell", ["NaN", "nan", "inf", "1,5", "1_0"])
def test_a_graded_cell_that_is_not_points_is_an_error_not_a_miss(tmp_path: Path, cell: str) -> None:
    """float() reads "NaN" (a blank as pandas or a sheet's formula exports it): the cell
    was compared with the pass mark and counted as not met, without a word."""
    path = write(tmp_path, f'id,reply,greeting\n1,Hi Al. Done.,2\n2,Done.,"{cell}"\n')
    with pytest.raises(
        GoldError,
        match=re.escape(
            f"line 3 (id \"2\"): column 'greeting' holds {cell!r}; write the points (2, 1.5 "
            "or 80%), yes or no, or leave it empty"
        ),
    ):
        list(read_gold(path, pass_mark=1))


def test_pass_mark_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, GRADED)
    assert main(["eval", str(path), "--pass-mark", "1", "--isolated", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["checks"]["greeting"]["n"] == 2
    jsonl = tmp_path / "gold.jsonl"
    jsonl.write_text('{"id": "a", "reply": "Hi Al.", "labels": {"greeting": true}}\n')
    assert main(["eval", str(jsonl), "--pass-mark", "1"]) == 2
    assert "--pass-mark reads the points of a CSV scorecard, and no gold file is one" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("mark", "outcome"),
    [
        ("0", "every graded cell would count as met"),
        ("-1", "every graded cell would count as met"),
        ("nan", "no cell would count as met"),
        ("inf", "no cell would count as met"),
    ],
)
@pytest.mark.parametrize("command", ["eval", "train"])
def test_a_pass_mark_that_splits_no_cells_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mark: str, outcome: str, command: str
) -> None:
    """``--pass-mark 0`` counted every graded cell as met, 0 points included."""
    path = write(tmp_path, GRADED)
    argv = [command, str(path), f"--pass-mark={mark}"]
    assert main([*argv, *(["--out", str(tmp_path / "m")] if command == "train" else [])]) == 2
    err = capsys.readouterr().err
    assert f"--pass-mark {mark} cannot be a pass mark: it is the points (or percentage)" in err
    assert f"a number more than 0 (with {mark}, {outcome}); give the scorecard's own" in err
    with pytest.raises(GoldError, match=r"--pass-mark 0 cannot be a pass mark"):
        list(read_gold(path, pass_mark=0))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ID,Message,Agent reply,Greeting\n1,My parcel is late,Hi Al. It left today.,yes\n",
         "the columns 'Message' and 'Agent reply' could each hold the reply"),
        ("id,reply,greeting,Jargon (Y/N)\n1,Your RMA is open.,no,Y\n",
         "line 2 (id \"1\"): column 'Jargon (Y/N)' holds 'Y'; it lists the terms themselves"),
        ("id,reply,greeting,Customer name\n1,Hi Al. Done.,yes,Yes\n2,Hi Bo. Done.,yes,no\n",
         "the column 'Customer name' holds yes/no, but it is read as the customer's name; "
         "name the check's column 'customer_name_check'"),
        ("id,reply,customer name check\n1,Hi Al. Done.,yes\n",
         "scores the customer_name check, which compares the reply with the customer's name; "
         "add a 'customer_name' column"),
        ("id,reply,hold\n1,One moment while I check.,no\n",
         "scores the hold check, which applies in a live conversation; add a 'channel' column"),
        ("id,reply,problem\n1,Sorry about that.,yes\n",
         "the column 'problem' says whether the customer's message reports a problem, and no "
         "column holds the messages (every row's label would be dropped); add a "
         "'customer_message' column"),
        ("id,reply,jargon lenient\n1,Your RMA is open.,RMA\n",
         "the column 'jargon lenient' lists the jargon any annotator flagged; add a 'jargon' "
         "column with the terms every annotator flagged"),
        ("id,reply,jargon,jargon lenient\n1,Your RMA is open.,n/a,RMA\n",
         'line 2 (id "1"): labels: jargon_lenient is given without jargon; give jargon too'),
    ],
)  # fmt: skip
def test_columns_that_would_be_misread_are_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(GoldError, match=re.escape(message)):
        list(read_gold(write(tmp_path, text)))


def test_a_comma_file_named_tsv_says_which_separator_it_read(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match=r"the header reads as one column: is the separator"):
        list(read_gold(write(tmp_path, "id,reply,greeting\n1,Hi.,yes\n", "card.tsv")))


def test_more_spreadsheet_habits_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id,Agent reply,Greeting [Y/N],Apology - Y/N,Jargon\n1,Hi Al. Sorry. Done.,Y,Yes,N\n",
    )
    [record] = read_gold(path)
    assert record.reply == "Hi Al. Sorry. Done."  # the one column that says it is a reply
    assert (record.labels.greeting, record.labels.apology, record.labels.jargon) == (
        True, True, [],  # "N" in a jargon column: none
    )  # fmt: skip


def test_id_less_files_of_one_name_in_two_folders_are_two_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", "reply,greeting\nHi Al.,yes\n")
    second = write(tmp_path / "b", "reply,greeting\nHi Bo.,yes\n")
    assert [r.id for r in read_gold_files([first, second])] == [f"{first}:2", f"{second}:2"]
