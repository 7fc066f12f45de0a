"""The run summary: numbers only where there is something to count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_summary_json_has_no_made_up_numbers_when_nothing_was_scored() -> None:
    from replylint.batch.summary import Summary

    summary = Summary()
    summary.add({"id": "1", "error": "the reply is empty"})
    data = summary.as_dict()
    assert data["mean_score"] is None
    assert set(data["missing_rate"].values()) == {None}


def test_error_rows_are_counted_by_reason_with_row_details_blanked() -> None:
    from replylint.batch.summary import Summary, format_summary

    summary = Summary()
    for error in (
        "empty reply",
        "unknown channel 'fax'; use email, chat or social",
        "unknown channel 'sms'; use email, chat or social",
        "line 12: 3 fields where the header has 5 (a stray quote?)",
        "line 40: 4 fields where the header has 5 (a stray quote?)",
        "empty reply",
    ):
        summary.add({"id": "x", "error": error})
    assert summary.as_dict()["error_kinds"] == {
        "empty reply": 2,
        "unknown channel '…'; use email, chat or social": 2,
        "line N: N fields where the header has N (a stray quote?)": 2,
    }
    printed = format_summary(summary)
    assert "rows not scored, by reason" in printed
    assert "unknown channel '…'; use email, chat or social" in printed


def test_error_kinds_stay_bounded_however_varied_the_errors() -> None:
    from replylint.batch.summary import MAX_ERROR_KINDS, Summary

    summary = Summary()
    for index in range(200):
        summary.add({"id": str(index), "error": f"internal error: Boom{chr(65 + index % 26)}x"})
    kinds = summary.as_dict()["error_kinds"]
    assert len(kinds) == MAX_ERROR_KINDS + 1  # 26 kinds: the first 20, then "other"
    assert kinds["other"] > 0 and sum(kinds.values()) == 200  # every row counted once


def result(score: int | None, language: str = "en", agent: str = "kim") -> dict[str, object]:
    residue = {"template_residue": {"applicable": True, "present": score == 100}}
    return {"id": "x", "agent": agent, "score": score, "language": language,
            "checks": residue, "findings": []}  # fmt: skip


def test_percentiles_are_exact_scores_not_the_floor_of_a_bucket() -> None:
    from replylint.batch.summary import Summary, format_summary

    summary = Summary()
    summary.add(result(76))
    assert (summary.percentile(0.1), summary.percentile(0.5), summary.percentile(0.9)) == (76,) * 3
    for score in (50, 60, 70, 80, 90, 95, 97, 99, 100):
        summary.add(result(score))
    assert (summary.percentile(0.1), summary.percentile(0.5), summary.percentile(0.9)) == (
        50, 80, 99,
    )  # fmt: skip
    assert "(p10 50, median 80, p90 99)" in format_summary(summary)
    assert summary.as_dict()["score_histogram"]["70"] == 2  # 70 and 76: the 70-79 bucket


def test_replies_in_another_language_are_counted_apart_from_the_mean() -> None:
    """Only template_residue reads a French reply: its 100 says nothing about the reply,
    so it must not lift the mean or an agent's figures."""
    from replylint.batch.summary import Summary, format_summary

    summary = Summary()
    summary.add(result(40))
    summary.add(result(100, "fr"))
    summary.add(result(0, "es"))  # a leftover placeholder still counts as missing
    assert summary.mean_score() == 40 and summary.percentile(0.5) == 40
    assert summary.agents["kim"].replies == 1
    assert summary.missing["template_residue"] == 2 and summary.applicable["template_residue"] == 3
    data = summary.as_dict()
    assert data["other_language"] == {"fr": 1, "es": 1} and data["mean_score"] == 40
    assert "not in English: 2 rows (fr 1, es 1); only the checks that read them" in (
        format_summary(summary)
    )
    only_french = Summary()
    only_french.add(result(100, "fr"))
    assert only_french.as_dict()["mean_score"] is None
    assert "no reply in English, so no mean score" in format_summary(only_french)


def test_the_mean_says_how_many_replies_it_is_of() -> None:
    """ "mean score 40.0": the rows in another language have no score, and the number of
    replies the mean, percentiles and histogram describe was said nowhere, in the
    terminal or on the page, for a QA lead tracing the mean to the rows."""
    from replylint.batch.html_report import _headline
    from replylint.batch.summary import Summary, format_summary

    summary = Summary()
    for row in (result(40), result(60), result(None, "fr"), result(None, "de")):
        summary.add(row)
    assert format_summary(summary).startswith(
        "rows 4, scored 2, not in English 2, errors 0; mean score 50.0 of 2 replies in English"
    )
    assert "Mean score of 2 replies in English</span>" in _headline(summary)
    english = Summary()
    english.add(result(40))
    assert "mean score 40.0 (p10 40" in format_summary(english)  # all of them: as before
    assert "Mean score</span>" in _headline(english)


def test_rows_not_in_utf8_are_one_reason_with_what_to_do(tmp_path: Path) -> None:
    """An export saved as Excel's plain 'CSV' (Windows-1252): every row fails the same
    way, counted under one readable reason ("UTF-8", not "UTF-N"), and the summary says
    how to get a file that scores."""
    from replylint.batch.summary import Summary, format_summary
    from replylint.cli import main

    export = tmp_path / "export.csv"
    export.write_bytes(
        b'id,reply\n1,"Hi Ann, I\x92ve chased the courier. Thanks, Sam"\n'
        b'2,"Hi Bo, it left today \x96 allow 3 days. Thanks, Sam"\n'
    )
    out = tmp_path / "scores.jsonl"
    summary_json = tmp_path / "summary.json"
    # every row an error: exit 2 (a broken export), with the summary written all the same
    assert main(["score", str(export), "--out", str(out), "--summary-json", str(summary_json)]) == 2
    saved = json.loads(summary_json.read_text(encoding="utf-8"))
    # the column named (the same on every row, and where the cells to fix are)
    assert saved["error_kinds"] == {"the 'reply' column is not valid UTF-8 text on this row": 2}
    assert any("save it as 'CSV UTF-8'" in note for note in saved["notes"])  # for scripts too
    summary = Summary()
    summary.add({"id": "1", "error": "the 'reply' column is not valid UTF-8 text on this row"})
    assert "save it as 'CSV UTF-8'" in format_summary(summary)
    other = Summary()
    other.add({"id": "1", "error": "empty reply"})
    assert "CSV UTF-8" not in format_summary(other)


def test_score_exits_2_when_rows_were_read_and_none_could_be_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A nightly pipeline must notice a broken export (every reply empty, every row in an
    unknown channel); a day with no tickets (a header only) is no error."""
    from replylint.cli import main

    broken = tmp_path / "broken.csv"
    broken.write_text("id,channel,reply\n1,fax,Hi Sam.\n2,email,\n", encoding="utf-8")
    assert main(["score", str(broken), "--out", str(tmp_path / "a.jsonl")]) == 2
    captured = capsys.readouterr()
    assert "nothing was scored" in captured.out
    assert "no row of" in captured.err and "could be scored" in captured.err
    assert len((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    quiet = tmp_path / "quiet.csv"
    quiet.write_text("id,channel,reply\n", encoding="utf-8")
    assert main(["score", str(quiet), "--out", str(tmp_path / "b.jsonl")]) == 0
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("id,channel,reply\n1,fax,Hi Sam.\n2,email,Hi Al. Done.\n", encoding="utf-8")
    assert main(["score", str(mixed), "--out", str(tmp_path / "c.jsonl")]) == 0


def test_the_terminal_summary_says_which_agents_it_ranks_and_shows_no_rate_for_no_row() -> None:
    """Four agents, three with fewer than five replies: the table listed only the one it
    ranked, under a heading that did not say why; a check that applied to no row showed
    "0.0%" (the JSON says null)."""
    from replylint.batch.summary import Summary, format_summary

    summary = Summary()
    for agent, count, score in (("good", 5, 88), ("poor", 4, 10), ("new", 1, 0)):
        for _ in range(count):
            summary.add({"id": "x", "agent": agent, "score": score, "checks": {}, "findings": []})
    printed = format_summary(summary)
    assert "lowest-scoring agents (5+ replies)" in printed
    assert "(2 agents with fewer than 5 replies not ranked" in printed
    hold = next(line for line in printed.splitlines() if line.startswith("hold "))
    assert hold.split() == ["hold", "0", "0", "-"]


def test_without_an_agent_column_no_agent_is_ranked_or_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The note said there were no per-agent figures, and the table below it ranked an
    agent "(none)" holding every reply (and the JSON listed it)."""
    from replylint.cli import main

    source = tmp_path / "no_agents.jsonl"
    replies = [f"Hi Noor, your parcel {n} left our depot today. Thanks, Felix" for n in range(6)]
    source.write_text(
        "".join(json.dumps({"id": f"p{n}", "reply": r}) + "\n" for n, r in enumerate(replies)),
        encoding="utf-8",
    )
    out, summary = tmp_path / "scores.jsonl", tmp_path / "summary.json"
    argv = ["score", str(source), "--out", str(out), "--summary-json", str(summary)]
    assert main([*argv, "--jobs", "1", "--isolated"]) == 0
    printed = capsys.readouterr().out
    assert "no agent column" in printed
    assert "(none)" not in printed and "lowest-scoring agents" not in printed
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["agents"] == {} and data["mean_score"] is not None


def test_with_an_agent_column_replies_without_an_agent_are_unassigned() -> None:
    from replylint.batch.summary import Summary

    summary = Summary()
    for agent in ("", "", "kim"):
        summary.add(result(60, agent=agent))
    assert summary.as_dict()["agents"].keys() == {"kim"}
    assert summary.as_dict()["unassigned"]["replies"] == 2
    assert summary.mean_score() == 60


def test_a_long_reason_is_shown_whole_not_cut_off_before_its_fix() -> None:
    """ "... split it or rai" was all the summary showed of the advice."""
    from replylint.batch.summary import Summary, format_summary

    long_reason = (
        "the reply has 250,000 characters, over the limit of 100,000; split it or raise "
        "the max-reply-chars setting (or check the export: a reply this long is rarely one)"
    )
    summary = Summary()
    summary.add({"id": "a", "error": long_reason})
    summary.add({"id": "b", "error": "empty reply"})
    kind = next(k for k in summary.error_kinds if k.startswith("the reply has"))
    assert kind.endswith("a reply this long is rarely one)")  # the JSON's too
    lines = format_summary(summary).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("the reply has N"))
    assert lines[start].split()[-1] == "1"  # the count on the reason's first line
    reason = [lines[start].rsplit(None, 1)[0], *lines[start + 1 : start + 3]]
    shown = " ".join(line.strip() for line in reason)
    assert "split it or raise the max-reply-chars setting" in shown
    assert shown.endswith("a reply this long is rarely one)")
    assert all(len(line) <= 72 for line in lines[start : start + 3])


def test_a_failing_plugin_is_named_in_the_reasons_and_its_row_details_blanked() -> None:
    """Each plugin's failures read "rule plugin '…' (...) failed": a team with several
    plugins could not tell from the summary which one to fix or --ignore."""
    from replylint.batch.summary import Summary, format_summary
    from replylint.errors import PluginFailed

    def failed(plugin: str, rule_id: str, cause: Exception) -> dict[str, object]:
        return {"id": "x", "error": str(PluginFailed(plugin, cause, rule_id))}

    ticket = "rule plugin 'acme.ticket_ref' (acme_refs:TicketRef, from package acme-refs)"
    order = "rule plugin 'acme.2fa_order' (acme_refs:OrderRef)"
    summary = Summary()
    summary.add(failed(ticket, "acme.ticket_ref", KeyError("ticket 4410")))
    summary.add(failed(ticket, "acme.ticket_ref", KeyError("ticket 981")))
    summary.add(failed(order, "acme.2fa_order", ValueError("no order in 3 lines")))
    assert summary.as_dict()["error_kinds"] == {
        f"{ticket} failed on this reply: KeyError: '…'; fix the plugin or uninstall it "
        "(`replylint rules` lists the rules installed), or leave its rule out with "
        "--ignore acme.ticket_ref": 2,
        f"{order} failed on this reply: ValueError: no order in N lines; fix the plugin or "
        "uninstall it (`replylint rules` lists the rules installed), or leave its rule out "
        "with --ignore acme.2fa_order": 1,
    }
    reasons = [line for line in format_summary(summary).splitlines() if "rule plugin" in line]
    assert [line.split()[2:3] + line.split()[-1:] for line in reasons] == [
        ["'acme.ticket_ref'", "2"],
        ["'acme.2fa_order'", "1"],
    ]


def test_a_check_the_channel_makes_optional_is_not_counted_missing(tmp_path: Path) -> None:
    """`[channels.social] optional = ["closing_thanks"]`: the reports say so and the score
    is whole, but the summary counted every social reply without thanks as "missing" it,
    and ranked their agents by it."""
    from replylint.cli import main

    (tmp_path / ".replylint.toml").write_text(
        '[channels.social]\noptional = ["closing_thanks"]\n', encoding="utf-8"
    )
    rows = [
        {"id": "e1", "channel": "email", "agent": "kim", "reply": "Hi Ana, it ships today."},
        {"id": "e2", "channel": "email", "agent": "kim", "reply": "Hi Di, it ships today. Thanks!"},
        {"id": "s1", "channel": "social", "agent": "kim", "reply": "Hi Bo, it ships today."},
        {"id": "s2", "channel": "social", "agent": "kim", "reply": "Hi Cy, it ships today."},
    ]
    source = tmp_path / "export.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out, summary = tmp_path / "scores.jsonl", tmp_path / "summary.json"
    command = ["score", str(source), "--out", str(out), "--jobs", "1", "--model", "none"]
    assert main([*command, "--summary-json", str(summary)]) == 0
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    optional = [r["checks"]["closing_thanks"]["optional"] for r in results]
    assert optional == [False, False, True, True]
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["missing_rate"]["closing_thanks"] == 0.5  # one email reply of the two
    assert data["agents"]["kim"]["missing"]["closing_thanks"] == 1


def test_the_summary_json_says_which_agents_are_ranked() -> None:
    """A dashboard reading --summary-json sorted a three-reply agent among agents with
    thousands: the JSON did not say which the summary and the report rank."""
    from replylint.batch.summary import Summary

    summary = Summary()
    for agent, count in (("veteran", 5), ("new", 3), ("", 7)):
        for _ in range(count):
            summary.add({"id": "x", "agent": agent, "score": 80, "checks": {}, "findings": []})
    data = summary.as_dict()
    assert data["agents"]["veteran"]["ranked"] is True
    assert data["agents"]["new"]["ranked"] is False
    assert data["unassigned"]["ranked"] is False


def test_every_count_is_of_the_rows_its_label_names() -> None:
    """Since schema 2.0 a reply not in English has no score, yet "scored" still counted
    it: "rows 5, scored 4" with a mean of 2 replies, a histogram of 2 and agents of 2.
    Each count now names the rows it is of, and the counts add up to the rows."""
    from replylint.batch.html_report import _headline
    from replylint.batch.summary import Summary, format_summary

    summary = Summary()
    rows = (result(40), result(60, agent="lou"), result(None, "fr"), result(None, "de", agent=""))
    for row in (*rows, {"id": "e", "agent": "kim", "error": "empty reply"}):
        summary.add(row)
    data = summary.as_dict()
    assert (data["rows"], data["checked"], data["scored"], data["errors"]) == (5, 4, 2, 1)
    assert data["checked"] + data["errors"] == data["rows"]
    assert data["scored"] + sum(data["other_language"].values()) == data["checked"]
    assert sum(data["score_histogram"].values()) == data["scored"]
    agents = sum(agent["replies"] for agent in data["agents"].values())
    assert agents + data["unassigned"]["replies"] == data["scored"]
    assert format_summary(summary).startswith(
        "rows 5, scored 2, not in English 2, errors 1; mean score 50.0 of 2 replies in English"
    )
    page = _headline(summary)
    assert '<span class="stat-value">2</span><span class="stat-label">Scored</span>' in page
    assert '<span class="stat-value">4</span><span class="stat-label">Scored' not in page


def test_rows_all_in_another_language_are_checked_not_a_failed_run(tmp_path: Path) -> None:
    """A day of French tickets has no score to show, but every row was checked (for
    leftover placeholders): the summary shows those checks, and the run is no error."""
    from replylint.batch.summary import Summary, format_summary
    from replylint.cli import main

    only_french = Summary()
    only_french.add(result(None, "fr"))
    printed = format_summary(only_french)
    assert printed.startswith("rows 1, scored 0, not in English 1, errors 0; no reply in English")
    assert "template_residue" in printed and "nothing was" not in printed
    export = tmp_path / "fr.csv"
    export.write_text(
        'id,reply\n1,"Bonjour Claire, je suis désolée pour ce retard de livraison. Je '
        'vérifie avec le transporteur et je vous écris demain. Merci, Lucie"\n',
        encoding="utf-8",
    )
    out = tmp_path / "fr.jsonl"
    assert main(["score", str(export), "--out", str(out), "--model", "none"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["language"] == "fr"


def test_checks_no_row_ran_are_listed_apart_not_as_never_applicable() -> None:
    """`score --select jargon` printed every other check as "applicable 0", beside a mean
    of 98: a near-perfect run to anyone who did not know what was selected."""
    from replylint import Linter, LinterConfig
    from replylint.batch.summary import Summary, format_summary

    summary = Summary()
    selected = Linter(LinterConfig(model="none", select=["jargon", "greeting"]))
    everything = Linter(LinterConfig(model="none"))
    for linter in (selected, selected, everything):  # one row ran every check
        report = linter.check("Your RMA is in the queue.")
        summary.add({"id": "r", **report.model_dump(mode="json")})
    assert summary.not_run == ()
    only = Summary()
    for _ in range(2):
        report = selected.check("Your RMA is in the queue.")
        only.add({"id": "r", **report.model_dump(mode="json")})
    assert "greeting" not in only.not_run and "next_step" in only.not_run
    printed = format_summary(only)
    assert "not run (not selected, or ignored): apology, empathy, next_step" in printed
    table = printed.split("not run")[0]
    assert "next_step" not in table and "greeting" in table
    assert only.as_dict()["not_run"] == list(only.not_run)


def test_rows_whose_worker_died_are_counted_with_what_to_do() -> None:
    """Rows given up because their worker process died each time (results of this
    version, or of an older one that `report` reads) get the advice under the reasons
    and the warning a run prints; other errors get neither."""
    from replylint.batch.runner import ROW_KILLED_ITS_WORKER
    from replylint.batch.summary import Summary, format_summary, worker_died_warning

    summary = Summary()
    summary.add({"id": "1", "error": ROW_KILLED_ITS_WORKER})
    summary.add({"id": "2", "error": "worker process died while scoring this row's chunk"})
    summary.add({"id": "3", "error": "empty reply"})
    assert summary.worker_died == 2
    assert "note: rows whose worker process died each time" in format_summary(summary)
    warning = worker_died_warning(summary)
    assert warning is not None and warning.startswith("2 rows not scored: the worker process")
    other = Summary()
    other.add({"id": "1", "error": "empty reply"})
    assert worker_died_warning(other) is None
    assert "worker process died" not in format_summary(other)
