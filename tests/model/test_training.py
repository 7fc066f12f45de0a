"""``replylint train``: a model from gold files, reproducibly, and usable at once."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from replylint import Linter, __version__
from replylint.cli import main
from replylint.evaluation import read_gold
from replylint.model.card import ModelCard
from replylint.model.folds import assign_folds, fold_of
from replylint.model.training import TrainingError, locate, train

QUICK = ["--folds", "2", "--epochs", "2"]


@pytest.fixture(scope="module")
def trained(gold_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("models") / "quick"
    assert main(["train", str(gold_file), "--out", str(out), *QUICK]) == 0
    return out


def test_train_writes_a_model_directory_the_linter_loads(trained: Path) -> None:
    card = ModelCard.model_validate_json((trained / "model.json").read_bytes())
    assert card.records == 36 and card.folds == 2 and card.sources == {"tests": 36}
    linter = Linter({"model": str(trained)})
    assert linter.model is not None and linter.model.name == "quick"
    report = linter.check("Hi Dana, please sign out and back in. Thanks for your patience! Jo")
    assert report.checks["next_step"].confidence is not None


@pytest.fixture(scope="module")
def seed_zero(gold_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ModelCard]:
    """A model trained by the library on the gold file with seed 0 (the default), and its
    card: what the two seed tests below compare a second training with (each trained
    both of its models itself; this one is the same in both)."""
    out = tmp_path_factory.mktemp("seed") / "a"
    return out, train(list(read_gold(gold_file)), out, folds=2, epochs=2)


def test_same_data_and_seed_give_the_same_model(
    seed_zero: tuple[Path, ModelCard], gold_file: Path, tmp_path: Path
) -> None:
    first_dir, first = seed_zero
    second = train(list(read_gold(gold_file)), tmp_path / "b", folds=2, epochs=2)
    assert first.model_dump(exclude={"name"}) == second.model_dump(exclude={"name"})
    weights = sorted((first_dir / "textcat").rglob("model"))
    assert weights, "the classifier's weights were not written"
    for path in weights:
        twin = tmp_path / "b" / path.relative_to(first_dir)
        assert path.read_bytes() == twin.read_bytes()


def test_another_seed_gives_another_model(
    seed_zero: tuple[Path, ModelCard], gold_file: Path, tmp_path: Path
) -> None:
    first_dir, first = seed_zero
    assert first.seed == 0
    train(list(read_gold(gold_file)), tmp_path / "b", folds=2, epochs=2, seed=1)
    weights = next((first_dir / "textcat").rglob("model"))
    assert weights.read_bytes() != (tmp_path / "b" / weights.relative_to(first_dir)).read_bytes()


def test_train_prints_progress_and_a_summary(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_french = tmp_path / "gold.jsonl"
    french = {"id": "fr-1", "reply": "Bonjour Anne, votre colis arrive demain. Merci !",
              "labels": {"greeting": True}}  # fmt: skip
    with_french.write_text(gold_file.read_text(encoding="utf-8") + json.dumps(french) + "\n")
    assert main(["train", str(with_french), "--out", str(tmp_path / "m"), *QUICK]) == 0
    captured = capsys.readouterr()
    assert "fold 2/2 trained" in captured.err
    # --folds-by source (the default) fell back to folds by id without a word of why
    assert (
        "calibrating on 2 folds by id: --folds-by source needs at least 3 sources of "
        "20 replies or more, and the gold has 1 (tests 36); the held-out figures are not "
        "across sources" in captured.err
    )
    # which replies were left out, so that a team can look at them
    assert "1 reply not used: fr-1 (not in English (fr))" in captured.err
    assert "next_step" in captured.out and "use it with --model" in captured.out


def test_train_says_which_labelled_checks_it_leaves_to_the_rules(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scorecard's agent_identity or options column was read, checked, and then learnt
    from by nothing, without a word: the team took its model to decide them too."""
    records = [json.loads(line) for line in gold_file.read_text().splitlines()]
    for record in records:
        record["labels"]["agent_identity"] = True  # (every reply is signed "Jo")
    records[0]["labels"]["options"] = None  # null: not applicable, so not labelled
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["train", str(gold), "--out", str(tmp_path / "m"), *QUICK]) == 0
    err = capsys.readouterr().err
    assert (
        "agent_identity is labelled on 36 replies, but the checks model learns only "
        "greeting, apology, empathy, next_step, next_step_timeframe and closing_thanks "
        "(and the jargon and customer-problem models their labels): the rules decide "
        "agent_identity, as before; `replylint eval` measures it"
    ) in err
    assert "options is labelled" not in err


def test_train_refuses_to_overwrite_without_force(
    gold_file: Path, trained: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", str(gold_file), "--out", str(trained), *QUICK]) == 2
    assert "pass --force" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--folds", "1"], "at least 2"),
        (["--epochs", "0"], "1 or more"),
    ],
)
def test_train_rejects_bad_settings(
    gold_file: Path, tmp_path: Path, extra: list[str], message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert main(["train", str(gold_file), "--out", str(tmp_path / "m"), *extra]) == 2
    assert message in capsys.readouterr().err


def test_train_needs_enough_replies(gold_file: Path, tmp_path: Path) -> None:
    few = list(read_gold(gold_file))[:5]
    with pytest.raises(TrainingError, match="at least 20"):
        train(few, tmp_path / "m", folds=2, epochs=1)


def test_train_rejects_repeated_ids(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["train", str(gold_file), str(gold_file), "--out", str(tmp_path / "m"), *QUICK]
    assert main(args) == 2
    assert "is named twice; name it once" in capsys.readouterr().err
    copy = tmp_path / "copy.jsonl"  # the same records under another name
    copy.write_text(gold_file.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["train", str(gold_file), str(copy), "--out", str(tmp_path / "m"), *QUICK]) == 2
    assert f"in {gold_file} and in {copy}: each record is one reply" in capsys.readouterr().err


def test_eval_with_model_compares_it_with_the_rules(
    gold_file: Path, trained: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(gold_file), "--model", str(trained), "--isolated"]) == 0
    out = capsys.readouterr().out
    assert "rules only" in out and "change" in out
    assert main(["eval", str(gold_file), "--model", str(trained), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["rules_only"]["records"] == payload["records"] == 36


def test_an_unusable_model_directory_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("not a model")
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Dana, please restart the app. Thanks! Jo")
    assert main(["check", "--model", str(tmp_path), str(draft)]) == 2
    assert "model.json" in capsys.readouterr().err
    assert main(["check", "--model", str(tmp_path / "missing"), str(draft)]) == 2
    assert "no such directory" in capsys.readouterr().err
    assert main(["check", "--model", str(tmp_path / "notes.txt"), str(draft)]) == 2
    assert "notes.txt: a file, not a model directory" in capsys.readouterr().err


def test_a_model_of_another_format_is_refused_with_what_to_do(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    copy = tmp_path / "old"
    shutil.copytree(trained, copy)
    card = json.loads((copy / "model.json").read_text())
    card["format"] = 99
    (copy / "model.json").write_text(json.dumps(card))
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Dana, please restart the app. Thanks! Jo")
    assert main(["check", "--model", str(copy), str(draft)]) == 2
    assert "train it again" in capsys.readouterr().err


@pytest.mark.parametrize("change", ["a newer format", "a field this version does not know"])
def test_a_model_of_another_replylint_names_the_version_that_wrote_it(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    """A model a newer replylint trained was refused with "train it again", or as
    "damaged or edited" for a card field added since: not a word of the version, so a
    team whose colleague had upgraded retrained, or copied the folder again, in vain."""
    import shutil

    copy = tmp_path / "newer"
    shutil.copytree(trained, copy)
    card = json.loads((copy / "model.json").read_text())
    card["replylint_version"] = "99.1.0"
    if change == "a newer format":
        card["format"] = 2
    else:
        card["reviewed_by"] = "QA"
    (copy / "model.json").write_text(json.dumps(card))
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Dana, please restart the app. Thanks! Jo")
    assert main(["check", "--model", str(copy), str(draft)]) == 2
    err = capsys.readouterr().err
    assert "written by replylint 99.1.0" in err and f"this is replylint {__version__}" in err
    assert "use it with replylint 99.1.0" in err and "damaged" not in err


@pytest.mark.parametrize("damage", ["cut short", "a key removed"])
def test_a_damaged_model_card_says_what_to_do(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    """A model.json cut short by a copy, or edited, said only pydantic's words ("EOF
    while parsing", "Field required")."""
    import shutil

    copy = tmp_path / "copied"
    shutil.copytree(trained, copy)
    text = (copy / "model.json").read_text()
    if damage == "cut short":
        (copy / "model.json").write_text(text[: len(text) // 2])
    else:
        card = json.loads(text)
        del card["checks"]
        (copy / "model.json").write_text(json.dumps(card))
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Dana, please restart the app. Thanks! Jo")
    assert main(["check", "--model", str(copy), str(draft)]) == 2
    err = capsys.readouterr().err
    assert "model.json" in err
    assert "copy the whole model directory again, or train it again" in err


def test_folds_are_stable_and_spread() -> None:
    folds = [fold_of(f"r{i}", 5) for i in range(1000)]
    assert folds == [fold_of(f"r{i}", 5) for i in range(1000)]
    assert min(folds.count(k) for k in range(5)) > 150


def test_locate_finds_a_passage_despite_case_whitespace_and_cut_ends() -> None:
    text = "Hi Dana,\n\nPlease  restart the app,\nthen try again. Thanks!"
    assert text[slice(*locate("please restart the app, then try again.", text))].startswith(  # type: ignore[misc]
        "Please"
    )
    assert locate("nothing like this", text) is None


def test_folds_follow_sources_when_there_are_enough() -> None:
    ids = [f"r{i}" for i in range(100)]
    sources = ["forum"] * 40 + ["tweets"] * 30 + ["chat"] * 25 + ["tiny"] * 5
    folds, count, by = assign_folds(ids, sources, 5, "source")
    assert by == "source" and count == 3
    by_source = {s: {f for f, t in zip(folds, sources, strict=True) if t == s} for s in sources}
    assert len({next(iter(by_source[s])) for s in ("forum", "tweets", "chat")}) == 3
    assert all(len(by_source[s]) == 1 for s in ("forum", "tweets", "chat"))
    assert by_source["tiny"] <= {0, 1, 2}  # small sources are spread over those folds


def test_sources_differing_in_case_or_spacing_are_one_fold() -> None:
    """As eval --by source reads them: "Billing" and "billing " typed by hand are one
    team, not two folds each holding half of it."""
    ids = [f"r{i}" for i in range(120)]
    sources = ["Billing"] * 20 + ["billing "] * 20 + ["Forum"] * 40 + ["chat"] * 40
    folds, count, by = assign_folds(ids, sources, 5, "source")
    assert (count, by) == (3, "source")
    assert len(set(folds[:40])) == 1


def test_folds_fall_back_to_ids_with_few_sources() -> None:
    ids = [f"r{i}" for i in range(100)]
    folds, count, by = assign_folds(ids, ["forum"] * 60 + ["chat"] * 40, 4, "source")
    assert (count, by) == (4, "id") and set(folds) == {0, 1, 2, 3}
    assert assign_folds(ids, ["a"] * 100, 4, "id")[0] == folds


def test_the_summary_says_which_checks_the_model_tempers(trained: Path) -> None:
    from replylint.cli.train import summary

    card = ModelCard.model_validate_json((trained / "model.json").read_bytes())
    step = card.checks["next_step"]
    weak_rules = step.held_out.model_copy(update={"rules_missing_precision": 0.6})
    left_to_rules = step.model_copy(
        update={"decides": False, "error_below": 0.2, "held_out": weak_rules}
    )
    tempered = card.model_copy(update={"checks": {**card.checks, "next_step": left_to_rules}})
    assert "the rules decide next_step, but their 'missing' findings" in summary(tempered, trained)
    unbanded = left_to_rules.model_copy(update={"error_below": 0.0})
    lowered = card.model_copy(update={"checks": {**card.checks, "next_step": unbanded}})
    assert "no band to tell the right ones: every one is reported one severity lower" in (
        summary(lowered, trained)
    )
    decided = card.model_copy(
        update={"checks": {**card.checks, "next_step": step.model_copy(update={"decides": True})}}
    )
    assert "the rules decide next_step" not in summary(decided, trained)


def test_the_summary_leaves_a_check_it_could_not_calibrate_to_the_rules(trained: Path) -> None:
    # A small scorecard: the rules find next_step applies to too few replies, and their
    # few alarms were often wrong. The n/a line said the rules decide, and the next line
    # that the model lowered every one of their findings.
    from replylint.cli.train import summary

    card = ModelCard.model_validate_json((trained / "model.json").read_bytes())
    step = card.checks["next_step"]
    unmeasured = step.held_out.model_copy(
        update={
            "model_macro_f1": None,
            "model_missing_precision": None,
            "expected_calibration_error": None,
            "rules_missing_precision": 0.6,
        }
    )
    uncalibrated = step.model_copy(
        update={"decides": False, "error_below": 0.0, "held_out": unmeasured}
    )
    text = summary(
        card.model_copy(update={"checks": {**card.checks, "next_step": uncalibrated}}), trained
    )
    [unmeasured_line] = [line for line in text.splitlines() if line.startswith("n/a: ")]
    assert "next_step" in unmeasured_line.split(": ")[1].split(", ")
    assert "the rules decide next_step, but" not in text


def test_the_summary_says_when_a_decided_check_raises_no_errors(trained: Path) -> None:
    # With the band held on every source, a model can decide a check and yet find no
    # P(present) below which its "missing" is right 90% of the time on each: every
    # such finding is then a warning, and a gate that fails on errors never fails on
    # it. The summary must say so rather than leave "0.00" in a column.
    from replylint.cli.train import summary

    card = ModelCard.model_validate_json((trained / "model.json").read_bytes())
    step = card.checks["next_step"]
    unbanded = card.model_copy(
        update={
            "checks": {
                **card.checks,
                "next_step": step.model_copy(update={"decides": True, "error_below": 0.0}),
            }
        }
    )

    def unbanded_checks(text: str) -> list[str]:
        prefix, marker = "the model decides ", ", but below no P(present)"
        line = next((ln for ln in text.splitlines() if ln.startswith(prefix)), "")
        return line[len(prefix) : line.find(marker)].split(", ") if marker in line else []

    assert "next_step" in unbanded_checks(summary(unbanded, trained))
    banded = card.model_copy(
        update={
            "checks": {
                **card.checks,
                "next_step": step.model_copy(update={"decides": True, "error_below": 0.1}),
            }
        }
    )
    assert "next_step" not in unbanded_checks(summary(banded, trained))


def test_the_summary_says_where_the_model_adds_to_the_rules(trained: Path) -> None:
    from replylint.cli.train import summary

    card = ModelCard.model_validate_json((trained / "model.json").read_bytes())
    empathy = card.checks["empathy"]

    def with_empathy(**update: object) -> ModelCard:
        checks = {**card.checks, "empathy": empathy.model_copy(update=update)}
        return card.model_copy(update={"checks": checks})

    adding = summary(with_empathy(decides=False, adds_from=0.87), trained)
    [line] = [ln for ln in adding.splitlines() if "the model adds" in ln]
    named = line.removeprefix("the rules decide ").split(", and the model adds")[0]
    assert "empathy" in named.split(", ")
    assert "empathy from P(present) 0.87" in line
    quiet = summary(with_empathy(decides=False, adds_from=None), trained)
    assert "the model adds" not in quiet


def test_a_scorecard_of_some_checks_trains_those_and_leaves_the_rest_to_the_rules(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [json.loads(line) for line in gold_file.read_text().splitlines()]
    for number, record in enumerate(records):
        labels = record["labels"]
        record["labels"] = {"greeting": labels["greeting"], "next_step": labels["next_step"]}
        if number % 4 == 0:
            del record["labels"]["next_step"]  # this record does not score next_step
    gold = tmp_path / "scorecard.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "m"
    assert main(["train", str(gold), "--out", str(out), *QUICK]) == 0
    card = ModelCard.model_validate_json((out / "model.json").read_bytes())
    assert card.checks["greeting"].held_out.replies == 36
    assert card.checks["next_step"].held_out.replies == 27  # the 9 unscored left out
    for check in ("apology", "empathy", "next_step_timeframe", "closing_thanks"):
        assert card.checks[check].held_out.replies == 0
        assert not card.checks[check].decides
    summary = capsys.readouterr().out
    assert "closing_thanks               0  not labelled in the gold files: the rules decide" in (
        summary
    )


def test_train_reads_a_csv_scorecard(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    records = [json.loads(line) for line in gold_file.read_text().splitlines()]
    checks = ["greeting", "next_step", "closing_thanks"]
    scorecard = tmp_path / "scorecard.csv"
    with scorecard.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ticket", "Reply", "Source", *[c.replace("_", " ") for c in checks],
                         "Next step evidence"])  # fmt: skip
        for record in records:
            labels, evidence = record["labels"], record["evidence"].get("next_step", [""])
            scores = ["yes" if labels[c] else "no" for c in checks]
            writer.writerow([record["id"], record["reply"], record["source"], *scores, evidence[0]])
    out = tmp_path / "m"
    assert main(["train", str(scorecard), "--out", str(out), *QUICK]) == 0
    card = ModelCard.model_validate_json((out / "model.json").read_bytes())
    assert card.records == 36 and card.sources == {"tests": 36}
    assert {c for c, k in card.checks.items() if k.held_out.replies} == set(checks)
    assert "model written to" in capsys.readouterr().out


def test_replies_without_term_candidates_train_without_a_term_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Jargon labelled on replies in which the candidate finder weighs no word: the term
    model is skipped (the rule decides), not a traceback and a half-written model."""
    rows = ["id,reply,greeting,jargon"]
    for i in range(32):
        text = f"Hi Al, your order number is on the receipt {i}. Thanks!"
        rows.append(f'{i},"{text}",yes,order number')
    gold = tmp_path / "card.csv"
    gold.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["train", str(gold), "--out", str(tmp_path / "m"), *QUICK]) == 0
    captured = capsys.readouterr()
    assert "term model skipped: no reply holds a term candidate" in captured.err
    assert "jargon: no term model" in captured.out
    assert "customer problem: no model" in captured.out  # (no `problem` labels)
    assert not (tmp_path / "m" / "problem").exists()
    assert (tmp_path / "m" / "model.json").is_file()


def test_a_failed_run_leaves_the_model_it_would_replace(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m"
    out.mkdir()
    (out / "model.json").write_text("the model a team uses today", encoding="utf-8")
    french = tmp_path / "french.jsonl"
    french.write_text(
        "".join(
            json.dumps({"id": f"fr{i}", "reply": f"Bonjour, votre colis numéro {i} arrive "
                        "demain matin. Merci de votre patience !", "labels": {"greeting": False}})
            + "\n"
            for i in range(25)
        ),
        encoding="utf-8",
    )  # fmt: skip
    assert main(["train", str(french), "--out", str(out), "--force", *QUICK]) == 2
    assert "usable labelled replies" in capsys.readouterr().err
    assert (out / "model.json").read_text(encoding="utf-8") == "the model a team uses today"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["french.jsonl", "m"]  # no scratch


@pytest.mark.parametrize("out", [".", "..", "{here}"])
def test_train_refuses_the_current_folder_and_those_above_it(
    gold_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    here = tmp_path / "project"
    here.mkdir()
    gold = here / "gold.jsonl"
    gold.write_text(gold_file.read_text(encoding="utf-8"), encoding="utf-8")
    (here / "model.json").write_text("{}", encoding="utf-8")  # (looks like a model, even)
    monkeypatch.chdir(here)
    argv = ["train", "gold.jsonl", "--out", out.format(here=here), "--force", *QUICK]
    assert main(argv) == 2
    assert "is the current folder or one above it" in capsys.readouterr().err
    assert gold.is_file() and (here / "model.json").is_file()


@pytest.mark.parametrize("looks_like_a_model", [True, False])
def test_train_refuses_an_out_folder_holding_a_gold_file(
    gold_file: Path, tmp_path: Path, looks_like_a_model: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = tmp_path / "self"
    (out / "data").mkdir(parents=True)
    gold = out / "data" / "gold.jsonl"
    gold.write_text(gold_file.read_text(encoding="utf-8"), encoding="utf-8")
    if looks_like_a_model:
        (out / "model.json").write_text("{}", encoding="utf-8")
    assert main(["train", str(gold), "--out", str(out), "--force", *QUICK]) == 2
    assert f"holds the gold file {gold}" in capsys.readouterr().err
    assert gold.is_file()


def test_force_replaces_only_a_model_folder(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from replylint.cli.train import _check_out

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "notes.txt").write_text("a team's notes", encoding="utf-8")
    assert main(["train", str(gold_file), "--out", str(notes), "--force", *QUICK]) == 2
    assert "is not a model folder `replylint train` wrote" in capsys.readouterr().err
    assert (notes / "notes.txt").is_file()
    empty, model = tmp_path / "empty", tmp_path / "model"
    empty.mkdir()
    model.mkdir()
    (model / "model.json").write_text("{}", encoding="utf-8")
    _check_out(empty, force=False, keep=[gold_file])
    _check_out(tmp_path / "new", force=False, keep=[gold_file])
    _check_out(model, force=True, keep=[gold_file])


@pytest.mark.parametrize(("stop", "code"), [("SIGTERM", 143), ("Ctrl-C", 130)])
def test_a_stopped_run_leaves_no_scratch_folder_and_says_out_is_as_it_was(
    gold_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: str, code: int,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """SIGTERM (a service manager, `timeout`) cleans up as Ctrl-C does, and neither
    asks for --force: the model is moved into --out only once trained."""
    import signal

    from replylint.model import training

    def stopped(_gold: object, staged: Path, **_: object) -> None:
        staged.mkdir()
        (staged / "half-written").write_text("", encoding="utf-8")
        if stop == "SIGTERM":
            signal.raise_signal(signal.SIGTERM)
        raise KeyboardInterrupt

    monkeypatch.setattr(training, "train", stopped)
    handler = signal.getsignal(signal.SIGTERM)
    assert main(["train", str(gold_file), "--out", str(tmp_path / "m"), *QUICK]) == code
    err = capsys.readouterr().err
    assert "--out was left as it was" in err and "--force" not in err
    assert list(tmp_path.iterdir()) == []  # neither --out nor a `.m.training-*` folder
    assert signal.getsignal(signal.SIGTERM) == handler


def test_the_summary_names_the_term_model_where_it_is(trained: Path) -> None:
    from replylint.cli.train import summary
    from replylint.model.card import TermFigures

    card = ModelCard.model_validate_json((trained / "model.json").read_bytes())
    terms = TermFigures(replies=40, gold_terms=35, candidate_recall=1.0, threshold=0.5,
                        cv_precision=0.9, cv_recall=0.8)  # fmt: skip
    text = summary(card.model_copy(update={"terms": terms}), trained)
    assert f"jargon term model ({trained / 'terms'}): 35 strict terms" in text


def test_a_null_or_empty_source_is_no_source(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`"source": null` was a source named "None" in the card and the summary."""
    records = [json.loads(line) for line in gold_file.read_text().splitlines()]
    for number, record in enumerate(records[:24]):
        record["source"] = None if number % 2 else ""
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "m"
    assert main(["train", str(gold), "--out", str(out), *QUICK]) == 0
    card = ModelCard.model_validate_json((out / "model.json").read_bytes())
    assert card.sources == {"(none)": 24, "tests": 12}
    assert "36 replies: (none) 24, tests 12;" in capsys.readouterr().out


def test_replies_without_a_source_are_not_a_source_of_their_own() -> None:
    ids = [f"r{i}" for i in range(90)]
    sources = ["forum"] * 30 + ["chat"] * 30 + ["(none)"] * 30
    assert assign_folds(ids, sources, 4, "source")[1:] == (4, "id")


def test_a_check_labelled_with_one_class_is_said_to_be_left_to_the_rules(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It trained to "model F1 0.000" without a word."""
    records = [json.loads(line) for line in gold_file.read_text().splitlines()]
    for record in records:
        record["labels"]["apology"] = True  # (however the replies read)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "m"
    assert main(["train", str(gold), "--out", str(out), *QUICK]) == 0
    summary = capsys.readouterr().out
    assert (
        "apology                     36  one class only (every reply labelled present): "
        "nothing to learn, the rules decide"
    ) in summary
    assert (
        "empathy                     36  one class only (every reply labelled missing)" in summary
    )
    card = ModelCard.model_validate_json((out / "model.json").read_bytes())
    assert not card.checks["apology"].decides and card.checks["apology"].held_out.present == 36
    assert "next_step                   36  one class" not in summary


def test_train_refuses_more_folds_than_replies(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["train", str(gold_file), "--out", str(tmp_path / "m"), "--folds", "37", "--epochs", "1"]
    assert main(argv) == 2
    assert "--folds 37 is more than the 36 labelled replies; give --folds 36 at most" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "m").exists()


def _never_trains(*_: object, **__: object) -> None:
    raise AssertionError("trained, though --out was to be refused first")


@pytest.mark.parametrize("force", [True, False])
def test_train_refuses_a_symlinked_out_before_training(
    gold_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """`--out LINK --force` trained to the end, then crashed in rmtree ("Cannot call
    rmtree on a symbolic link"), throwing the new model away."""
    from replylint.model import training

    monkeypatch.setattr(training, "train", _never_trains)
    real, link, dangling = tmp_path / "real", tmp_path / "link", tmp_path / "dangling"
    real.mkdir()
    (real / "model.json").write_text("the model a team uses today", encoding="utf-8")
    link.symlink_to(real, target_is_directory=True)
    dangling.symlink_to(tmp_path / "gone", target_is_directory=True)
    for out in (link, dangling):
        argv = ["train", str(gold_file), "--out", str(out), *QUICK]
        assert main([*argv, "--force"] if force else argv) == 2
        err = capsys.readouterr().err
        assert f"--out {out} is a symbolic link (to {out.resolve()})" in err
        assert f"give the folder itself (--out {out.resolve()})" in err
        assert out.is_symlink()
    assert (real / "model.json").read_text(encoding="utf-8") == "the model a team uses today"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling", "link", "real"]


def test_an_out_in_a_folder_not_made_yet_says_to_make_it(
    gold_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """docs/model.md trains `--out models/ours`; in a project without `models/` that was
    "the folder models does not exist", with nothing said of what to do."""
    from replylint.model import training

    monkeypatch.setattr(training, "train", _never_trains)
    out = tmp_path / "our models" / "ours"
    assert main(["train", str(gold_file), "--out", str(out), *QUICK]) == 2
    err = capsys.readouterr().err
    assert f"--out {out}: the folder {out.parent} does not exist" in err
    assert f"make it first (mkdir -p '{out.parent}'), or name a folder that exists" in err
    assert not out.parent.exists()


def test_train_refuses_an_out_under_a_file_before_training(
    gold_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """`--out gold.jsonl/m` was a NotADirectoryError traceback."""
    from replylint.model import training

    monkeypatch.setattr(training, "train", _never_trains)
    assert main(["train", str(gold_file), "--out", str(gold_file / "m"), *QUICK]) == 2
    assert f"--out {gold_file / 'm'}: {gold_file} is a file, not a folder" in (
        capsys.readouterr().err
    )


def _refuse_writing_in(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` read-only for this process, as chmod does for any user but root."""
    import tempfile

    make = tempfile.mkdtemp

    def mkdtemp(suffix: str | None = None, prefix: str | None = None,
                dir: str | Path | None = None) -> str:  # fmt: skip
        if dir is not None and Path(dir).resolve() == folder.resolve():
            raise PermissionError(13, "Permission denied", str(Path(dir) / f"{prefix}x"))
        return make(suffix, prefix, dir)

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)


def _folder_never_trained_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A new folder ``ro`` to aim ``--out`` into, with training itself made to fail the
    test if it ever starts: the refusal must come first."""
    from replylint.model import training

    monkeypatch.setattr(training, "train", _never_trains)
    ro = tmp_path / "ro"
    ro.mkdir()
    return ro


def test_train_refuses_a_folder_it_cannot_write_in_before_training(
    gold_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """`--out ro/m` (ro read-only) was a PermissionError traceback."""
    ro = _folder_never_trained_in(monkeypatch, tmp_path)
    _refuse_writing_in(monkeypatch, ro)
    assert main(["train", str(gold_file), "--out", str(ro / "m"), *QUICK]) == 2
    assert (
        f"replylint: error: --out {ro / 'm'}: cannot write in the folder {ro} (Permission "
        "denied); name a folder you can write (--out models/NAME)"
    ) in capsys.readouterr().err
    assert list(ro.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_train_refuses_a_read_only_folder_before_training(
    gold_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    ro = _folder_never_trained_in(monkeypatch, tmp_path)
    ro.chmod(0o555)
    try:
        assert main(["train", str(gold_file), "--out", str(ro / "m"), *QUICK]) == 2
        assert "cannot write in the folder" in capsys.readouterr().err
        model = tmp_path / "model"  # a model the user may not change: not replaceable
        model.mkdir()
        (model / "model.json").write_text("{}", encoding="utf-8")
        model.chmod(0o555)
        assert main(["train", str(gold_file), "--out", str(model), "--force", *QUICK]) == 2
        assert "you may not change that folder" in capsys.readouterr().err
    finally:
        ro.chmod(0o755)
        (tmp_path / "model").chmod(0o755)


def _trains_to(card: ModelCard, content: str) -> object:
    def fake(_gold: object, staged: Path, **_: object) -> ModelCard:
        staged.mkdir()
        (staged / "model.json").write_text(content, encoding="utf-8")
        return card

    return fake


def test_force_replaces_the_model_and_leaves_nothing_beside_it(
    gold_file: Path, trained: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from replylint.model import training

    card = ModelCard.model_validate_json((trained / "model.json").read_bytes())
    monkeypatch.setattr(training, "train", _trains_to(card, "the new model"))
    out = tmp_path / "m"
    (out / "textcat").mkdir(parents=True)
    (out / "model.json").write_text("the old model", encoding="utf-8")
    assert main(["train", str(gold_file), "--out", str(out), "--force", *QUICK]) == 0
    assert [p.name for p in out.iterdir()] == ["model.json"]
    assert (out / "model.json").read_text(encoding="utf-8") == "the new model"
    assert [p.name for p in tmp_path.iterdir()] == ["m"]  # no scratch, no old model


def test_a_failure_to_write_while_training_is_one_line_and_leaves_out_as_it_was(
    gold_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from replylint.model import training

    def full_disk(_gold: object, staged: Path, **_: object) -> None:
        staged.mkdir()
        raise OSError(28, "No space left on device", str(staged / "textcat"))

    monkeypatch.setattr(training, "train", full_disk)
    out = tmp_path / "m"
    out.mkdir()
    (out / "model.json").write_text("the model a team uses today", encoding="utf-8")
    assert main(["train", str(gold_file), "--out", str(out), "--force", *QUICK]) == 2
    err = capsys.readouterr().err
    assert err.startswith("replylint: error: cannot write ") and err.count("\n") == 1
    assert "No space left on device; --out was left as it was" in err
    assert "make room (or name a folder you can write) and train again" in err
    assert (out / "model.json").read_text(encoding="utf-8") == "the model a team uses today"
    assert [p.name for p in tmp_path.iterdir()] == ["m"]


def test_a_model_that_cannot_be_moved_in_is_kept_and_out_restored(
    gold_file: Path, trained: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from replylint.model import training

    card = ModelCard.model_validate_json((trained / "model.json").read_bytes())
    monkeypatch.setattr(training, "train", _trains_to(card, "the new model"))
    out = tmp_path / "m"
    out.mkdir()
    (out / "model.json").write_text("the model a team uses today", encoding="utf-8")
    rename = Path.rename

    def refused(self: Path, target: Path) -> Path:
        if self.name == "m" and ".training-" in self.parent.name:  # (the new model)
            raise OSError(18, "Invalid cross-device link")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", refused)
    assert main(["train", str(gold_file), "--out", str(out), "--force", *QUICK]) == 2
    err = capsys.readouterr().err
    assert f"cannot move the trained model into --out {out} (Invalid cross-device link)" in err
    assert (out / "model.json").read_text(encoding="utf-8") == "the model a team uses today"
    (scratch,) = (p for p in tmp_path.iterdir() if p.name != "m")
    assert f"the new model is in {scratch / 'm'}: move it" in err
    assert (scratch / "m" / "model.json").read_text(encoding="utf-8") == "the new model"


def test_model_figures_not_measured_are_n_a_and_the_summary_says_why(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A check of two classes that the rules find applies to fewer than 20 labelled
    replies (next_step_timeframe: 12, the replies with a step) was "model F1 0.000"
    without a word, under a column "n" that counts the labelled replies."""
    out = tmp_path / "m"
    assert main(["train", str(gold_file), "--out", str(out), *QUICK]) == 0
    captured = capsys.readouterr()
    assert (
        "replylint train: next_step_timeframe: the rules find it applies to 12 of the 36 "
        "replies labelled for it, fewer than 20: too few to calibrate the model on or "
        "measure it; the rules decide"
    ) in captured.err
    table = captured.out.splitlines()
    assert table[2].split()[:4] == ["check", "labelled", "rules", "F1"]
    row = next(line for line in table if line.startswith("next_step_timeframe "))
    assert row.split() == ["next_step_timeframe", "36", "1.000", "n/a", "rules", "n/a", "n/a",
                           "n/a"]  # fmt: skip
    assert (
        "n/a: next_step_timeframe: the rules find it applies to fewer than 20 of the "
        "replies labelled for it (the counts are in the progress above), too few to "
        "calibrate the model on or to measure it, so the rules decide; label more replies "
        "it applies to"
    ) in captured.out
    assert "0.000" not in row and "n/a:" not in captured.err
    figures = ModelCard.model_validate_json((out / "model.json").read_bytes()).checks
    held_out = figures["next_step_timeframe"].held_out
    assert held_out.replies == 36 and held_out.model_macro_f1 is None
    assert held_out.expected_calibration_error is held_out.model_missing_precision is None
    assert not figures["next_step_timeframe"].decides
    assert figures["next_step"].held_out.model_macro_f1 is not None  # (measured)


def test_evidence_passages_not_found_in_their_reply_are_counted_and_named(
    gold_file: Path, tmp_path: Path
) -> None:
    """A passage `locate` could not find was dropped without a word: a team whose
    evidence was copied from another version of the reply never learnt it was unused.
    Found passages are read as before (the shipped model rebuilds byte for byte)."""
    from replylint.model.training import analyse

    records = [json.loads(line) for line in gold_file.read_text().splitlines()]
    by_id = {r["id"]: r for r in records}
    by_id["t000"]["evidence"] = {"greeting": ["Hi"]}  # too short to find; the rule's stands in
    by_id["t001"]["labels"]["closing_thanks"] = True  # (the rule finds no thanks here)
    by_id["t001"]["evidence"] = {"closing_thanks": ["Cheers,  and THANKS again for waiting!"]}
    by_id["t002"]["evidence"]["next_step"].append("Restart your router first.")  # one found
    by_id["t004"]["evidence"] = {"next_step": ["Call us back"]}  # labelled missing: unread
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    said: list[str] = []
    examples, _ = analyse(list(read_gold(gold)), said.append)
    assert said[1:] == [
        '3 evidence passages not found in the reply, so not used: t000 greeting "Hi", '
        't001 closing_thanks "Cheers, and THANKS again for waiting!", t002 next_step '
        '"Restart your router first."; copy each from its reply as written, 3 characters '
        "or more (case and spacing may differ)",
        "of those, 1 left a reply labelled present with no sentence marked for the check "
        "(no other passage of it was found, and the rule did not find it), so its "
        "sentences were left out of the check's training: t001 closing_thanks "
        '"Cheers, and THANKS again for waiting!"',
    ]
    before, _ = analyse(list(read_gold(gold_file)), [].append)
    cats = {e.id: e.cats for e in examples}
    assert cats["t002"] == next(e.cats for e in before if e.id == "t002")  # (the found one)
    assert not any("closing_thanks" in sentence for sentence in cats["t001"])


def test_rules_that_never_said_missing_are_not_measured_and_not_doubted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scorecard where every reply greets, some greetings marked "not met" by QA: the
    rules said "missing" on none, 0 right of 0. Read as 0.0, the rules' greeting alarms
    were "right less than 90% of the time", and every later reply with no greeting at
    all was reported one severity lower by the team's model: its gate stopped failing."""
    steps = [
        "Our billing team will refund you by Friday.",
        "I have updated your address; the next parcel goes there.",
        "Your subscription is now paused until March.",
        "Please reset your password from the login page.",
    ]
    gold = tmp_path / "greeted.jsonl"
    gold.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"A-{i}",
                    "reply": f"Hi Dana,\n\n{steps[i % 4]}\n\nThanks,\nSam",
                    "labels": {"greeting": i % 3 != 0},
                }
            )
            + "\n"
            for i in range(30)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "m"
    assert main(["train", str(gold), "--out", str(out), *QUICK]) == 0
    summary = capsys.readouterr().out
    card = ModelCard.model_validate_json((out / "model.json").read_bytes())
    greeting = card.checks["greeting"]
    assert greeting.held_out.rules_missing_precision is None
    assert "greeting, but their 'missing' findings were right less than" not in summary
    report = Linter({"model": str(out)}).check(
        "Our billing team will refund you by Friday.\n\nThanks for your patience!\nSam"
    )
    [finding] = [f for f in report.findings if f.rule == "greeting"]
    no_model = Linter({"model": "none"}).check(
        "Our billing team will refund you by Friday.\n\nThanks for your patience!\nSam"
    )
    [plain] = [f for f in no_model.findings if f.rule == "greeting"]
    assert finding.severity == plain.severity


def _gold_lines(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("labels", "said"),
    [
        # a scorecard of the further checks alone, and a gold file of jargon terms alone
        (lambda i: {"agent_identity": i % 2 == 0, "options": True}, "none of the 25 usable"),
        (lambda i: {"jargon": ["RMA"]}, "none of the 25 usable"),
        # one reply labelled: a calibration fold holds it out, and its models learn nothing
        # (the others label a further check: a record with no label at all is an error)
        (
            lambda i: {"greeting": True} if i == 0 else {"agent_identity": True},
            "holds out every one of them",
        ),
    ],
)
def test_gold_that_cannot_teach_the_checks_model_is_one_clear_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    labels: Callable[[int], dict[str, object]],
    said: str,
) -> None:
    """Each ended in spaCy's E923 as an internal error (exit 3), after training."""
    gold = _gold_lines(
        tmp_path / "gold.jsonl",
        [
            {
                "id": f"R-{i}",
                "reply": f"Hi Dana, your RMA {i} ships today; we can't refund it. Thanks, Sam",
                "labels": labels(i),
            }
            for i in range(25)
        ],
    )
    out = tmp_path / "m"
    assert main(["train", str(gold), "--out", str(out), "--folds", "3", "--epochs", "1"]) == 2
    err = capsys.readouterr().err
    assert said in err and "internal error" not in err
    assert not out.exists()


def test_replies_over_the_length_limit_are_named_with_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Training on replies over max-reply-chars blamed their language ("only 0 usable
    labelled replies (in English, with text)"): English replies, with text."""
    gold = _gold_lines(
        tmp_path / "long.jsonl",
        [
            {
                "id": f"L-{i}",
                "reply": "Hi Dana, " + "we will refund you soon. " * 5000,
                "labels": {"greeting": i % 2 == 0},
            }
            for i in range(25)
        ],
    )
    assert main(["train", str(gold), "--out", str(tmp_path / "m")]) == 2
    err = capsys.readouterr().err
    assert "25 replies not used: L-0, L-1, L-2 and 22 more (the reply has 125,009" in err
    assert "max-reply-chars" in err
