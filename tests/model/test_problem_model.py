"""The customer-problem model (replylint/model/problem_model.py, problem_training.py):
its features, its file, training it reproducibly, and the linter asking it only where the
rules' problem words find nothing. Every message here was written for these tests."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

from replylint import Linter
from replylint.config import ConfigError
from replylint.evaluation import GoldRecord
from replylint.model.checks_model import bundled_model_dir
from replylint.model.problem_model import (
    MODEL_FILE,
    PROBLEM_DIR,
    ProblemModel,
    ProblemModelError,
    features,
)
from replylint.model.problem_training import MIN_MESSAGES, ProblemOptions, train_problem_model

# Problems (most told without the rules' problem words) and requests with nothing wrong.
_PROBLEMS = (
    "the jeans are a 34 but I ordered a 32",
    "they say there is no table for us tonight!!",
    "third week in a row the bins sat outside untouched",
    "sat in the lobby for an hour and nobody came",
    "the parcel says delivered but the porch is empty",
)
_REQUESTS = (
    "could you tell me your opening hours on Sunday",
    "please change the delivery address to my office",
    "how do I add a second user to the account",
    "I would like to book two seats for Friday",
    "can I pay for the course in instalments",
)
_OPENERS = ("Hi,", "Hello team,", "", "Quick one:", "Morning!", "Hey")
_CLOSERS = ("", "Thanks.", "Cheers, Sam", "Regards", "ta")


def _messages() -> list[tuple[str, bool]]:
    """Every opener, body and closer: 300 messages, half of them problems."""
    return [
        (" ".join(part for part in (opener, body, closer) if part), problem)
        for (body, problem), opener, closer in itertools.product(
            [(b, True) for b in _PROBLEMS] + [(b, False) for b in _REQUESTS], _OPENERS, _CLOSERS
        )
    ]


def _gold(messages: list[tuple[str, bool]]) -> list[GoldRecord]:
    return [
        GoldRecord.model_validate(
            {
                "id": f"p{number:03d}",
                "source": ("chat", "email", "social")[number % 3],
                "channel": "email",
                "customer_message": text,
                "reply": "Thanks for getting in touch.",
                "labels": {"problem": problem},
            }
        )
        for number, (text, problem) in enumerate(messages)
    ]


def test_features_are_words_pairs_and_marks_of_tone() -> None:
    found = features("WHERE IS my ORDER?! Nobody answers :(")
    assert {"where", "my order", "nobody answers"} <= found
    assert {"<?!>", "<sad>", "<caps>"} <= found
    assert "<caps>" not in features("My VPN drops")  # one capitalised word: an acronym
    assert "<!!>" in features("no car for me!!") and "<!!>" not in features("Great!")
    assert features("It’s broken") == features("It's broken")


def test_a_model_is_written_and_read_back_the_same(tmp_path: Path) -> None:
    model = ProblemModel({"ordered": 2.5, "empty": 1.0}, -1.0, 1.2, 0.1, 0.8)
    model.save(tmp_path)
    again = ProblemModel.load(tmp_path)
    assert again == model
    assert again.probability("I ordered a 32") > again.probability("hello")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "no problem model"),
        ("{not json", "cannot be read"),
        ('{"format": 99}', "not format"),
        ('{"format": 1, "bias": 0}', "incomplete"),
    ],
)
def test_an_unusable_model_file_says_what_to_do(
    tmp_path: Path, content: str | None, says: str
) -> None:
    if content is not None:
        (tmp_path / MODEL_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ProblemModelError, match=says) as raised:
        ProblemModel.load(tmp_path)
    assert "retrain" in str(raised.value) or "train one" in str(raised.value)


def test_training_is_reproducible_and_learns_the_problems(tmp_path: Path) -> None:
    gold = _gold(_messages())
    said: list[str] = []
    figures = train_problem_model(gold, tmp_path / "a", progress=said.append)
    train_problem_model(gold, tmp_path / "b")
    first = (tmp_path / "a" / MODEL_FILE).read_bytes()
    assert first == (tmp_path / "b" / MODEL_FILE).read_bytes()
    assert figures is not None and figures.messages == 300 and figures.problems == 150
    assert figures.cv_recall > figures.rules_recall  # the model finds what the words miss
    assert figures.cv_added_precision >= ProblemOptions().min_precision
    assert any(line.startswith("problem model: recall") for line in said)
    model = ProblemModel.load(tmp_path / "a")
    assert model.probability("Hi, the parcel says delivered but the porch is empty") > 0.5
    assert model.probability("Hi, could you tell me your opening hours on Sunday") < 0.5


def test_too_few_labels_train_no_model(tmp_path: Path) -> None:
    said: list[str] = []
    few = _gold(_messages()[: MIN_MESSAGES - 1])
    assert train_problem_model(few, tmp_path / "p", progress=said.append) is None
    assert not (tmp_path / "p").exists()
    assert "problem model skipped" in said[0]


def _model_dir(tmp_path: Path, weights: dict[str, float]) -> Path:
    """The bundled model with a hand-set problem model: "ordered" makes a problem."""
    copy = tmp_path / "model"
    shutil.copytree(bundled_model_dir(), copy)
    shutil.rmtree(copy / PROBLEM_DIR, ignore_errors=True)
    ProblemModel(weights, -4.0, 1.0, 0.0, 0.8).save(copy / PROBLEM_DIR)
    return copy


def test_the_model_is_asked_only_where_the_problem_words_find_nothing(tmp_path: Path) -> None:
    model = _model_dir(tmp_path, {"ordered": 8.0})
    with_model, rules = Linter({"model": str(model)}), Linter({"model": "none"})
    message = "It's order 5581, the jeans are a 34 but I ordered a 32"
    read = with_model.analyze("Thanks, Sophie.", customer_message=message).problem
    assert read.applicable and read.by_model and "problem model" in read.reason
    assert not rules.analyze("Thanks, Sophie.", customer_message=message).problem.applicable
    # the rules' words still decide, and name themselves as the reason
    worded = with_model.analyze("Thanks.", customer_message="I ordered it and it's broken")
    assert worded.problem.applicable and not worded.problem.by_model
    assert "broken" in worded.problem.reason
    # below the threshold: no problem
    calm = with_model.analyze("Thanks.", customer_message="Can I change my delivery day?")
    assert not calm.problem.applicable


def test_a_missing_apology_found_by_the_model_is_less_sure(tmp_path: Path) -> None:
    model = _model_dir(tmp_path, {"ordered": 8.0})
    message = "the jeans are a 34 but I ordered a 32"
    by_model = Linter({"model": str(model)}).check(
        "Hi Sophie, a new pair is on its way.", customer_message=message
    )
    by_words = Linter({"model": str(model)}).check(
        "Hi Sophie, a new pair is on its way.", customer_message="the jeans arrived torn"
    )
    assert not by_model.checks["apology"].present and by_model.checks["apology"].applicable
    assert by_model.checks["apology"].confidence < by_words.checks["apology"].confidence


def test_an_unusable_problem_model_is_a_config_error(tmp_path: Path) -> None:
    model = _model_dir(tmp_path, {"ordered": 8.0})
    (model / PROBLEM_DIR / MODEL_FILE).write_text('{"format": 1}', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"model: problem model .* incomplete"):
        Linter({"model": str(model)})


def test_gold_labels_take_a_problem_label_as_a_boolean() -> None:
    record = {"id": "x", "reply": "Hi", "labels": {"problem": True}}
    assert GoldRecord.model_validate(record).labels.problem is True
    with pytest.raises(ValueError, match="not a label"):
        GoldRecord.model_validate({**record, "labels": {"problem": "yes"}})


def test_eval_scores_the_problem_reading_and_lists_its_misreadings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from replylint.cli import main

    records = [
        {"id": "a", "customer_message": "my card was charged twice", "labels": {"problem": True}},
        {
            "id": "b",
            "customer_message": "they say there is no table for us tonight",
            "labels": {"problem": True},
        },
        {"id": "c", "customer_message": "What time do you open?", "labels": {"problem": False}},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(json.dumps({**r, "reply": "Hi, thanks for asking. Jo"}) + "\n" for r in records),
        encoding="utf-8",
    )
    assert main(["eval", str(gold), "--errors", "problem", "--isolated", "--model", "none"]) == 0
    out = capsys.readouterr().out
    assert "problem (apology applies)  3 labelled, 2 with a problem: precision 1.000" in out
    assert "1 record misjudged on problem" in out and "== b [problem]" in out


def test_eval_compares_the_problem_reading_of_the_rules_and_a_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from replylint.cli import main

    model = _model_dir(tmp_path, {"ordered": 8.0})
    records = [
        {"id": "a", "customer_message": "I ordered a 32 and got a 34", "labels": {"problem": True}},
        {"id": "b", "customer_message": "What time do you open?", "labels": {"problem": False}},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(json.dumps({**r, "reply": "Hi, thanks for asking. Jo"}) + "\n" for r in records),
        encoding="utf-8",
    )
    assert main(["eval", str(gold), "--isolated", "--model", str(model)]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["problem", "recall", "0.000", "1.000", "+1.000"] in rows


def test_replylint_train_writes_the_problem_model_and_says_how_it_did(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from replylint.cli import main

    gold = tmp_path / "gold.jsonl"
    lines = [
        {
            "id": f"p{number:03d}",
            "source": ("chat", "email", "social")[number % 3],
            "customer_message": text,
            "reply": "Hi, thanks for getting in touch. Please restart the app. Jo",
            "labels": {"problem": problem, "next_step": True, "greeting": True},
        }
        for number, (text, problem) in enumerate(_messages())
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    out = tmp_path / "model"
    assert main(["train", str(gold), "--out", str(out), "--folds", "2", "--epochs", "2"]) == 0
    summary = capsys.readouterr().out
    assert f"customer problem model ({out / PROBLEM_DIR}): 300 labelled messages" in summary
    card = json.loads((out / "model.json").read_text(encoding="utf-8"))
    assert card["problem"]["messages"] == 300
    assert (out / PROBLEM_DIR / MODEL_FILE).is_file()
    reply = Linter({"model": str(out)}).analyze(
        "Thanks.", customer_message="Hi, the parcel says delivered but the porch is empty"
    )
    assert reply.problem.applicable


def test_the_probability_is_that_of_the_features(tmp_path: Path) -> None:
    """Scoring sums the weights of :func:`features` without building them as strings:
    the same number, on messages with pairs, marks and nothing at all."""
    import math

    weights = {"ordered": 1.5, "i ordered": 0.7, "<!!>": 0.4, "<caps>": 0.3, "<empty>": -2.0}
    model = ProblemModel(weights, -1.0, 1.1, 0.2, 0.8)
    for text in ("I ordered a 32!! WHERE IS IT", "ordered, ordered", "", "ok thanks"):
        score = -1.0 + sum(weights.get(f, 0.0) for f in features(text))
        expected = 1 / (1 + math.exp(-(1.1 * score + 0.2)))
        assert model.probability(text) == pytest.approx(expected)


def test_training_reads_a_message_as_the_linter_asks_the_model_about_it() -> None:
    """The linter asks the model about the customer's message without what says there is
    no problem ("it still works"); trained on the whole message, the model would learn
    from words it is never asked about."""
    from replylint.model.problem_training import labelled_messages

    [message] = labelled_messages(_gold([("It still works after the update, thanks!", False)]))
    assert "update" in message.features and "still" not in message.features
    assert "works" not in message.features
