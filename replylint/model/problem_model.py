"""The customer-problem model: does the customer's message report a problem or a negative
feeling, where the problem words of the rules found none?

Why a model: apology and empathy apply only when the customer reports a problem
(GUIDE.md), and customers report problems in more ways than a word list holds ("the
jeans are a 34 but I ordered a 32", "they say there's no car for me!!", "Pathetic").
A missed problem is a silent failure: no "missing apology" for a customer left stranded.
The rules' problem words stay first (precise, and they name the words as the reason);
the model is asked only about the messages they find nothing in, and says "problem" only
from a threshold chosen, out of fold, for precision (a false "problem" would raise a
false "missing apology").

The model is a logistic regression over the message's words and word pairs (lower
case) and a few marks of tone ("!!", "?!", a sad face, a word in capitals), read with a
regex, not spaCy: customer messages are never tokenised (see
:class:`replylint.problem.ProblemDetector`), and this costs a few microseconds. Its
score is calibrated (Platt scaling on out-of-fold scores). It is a directory
``problem/`` in a model directory, one JSON file; how it is trained is in
:mod:`replylint.model.problem_training`.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from replylint.config import ConfigError
from replylint.model.logistic import read_weights_file

#: The directory inside a model directory, and its one file.
PROBLEM_DIR = "problem"
MODEL_FILE = "problem.json"
#: Bumped when the features or the file change: an old file is then refused.
FORMAT_VERSION = 1

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
#: Marks of tone the words miss: repeated "!", "?!" or "!?", a sad or angry face, a
#: word of three or more capitals (shouting, not an acronym alone: see ``features``).
_MARKS = (
    ("<!!>", re.compile(r"!{2,}|!\s+!")),
    ("<?!>", re.compile(r"\?!|!\?")),
    (
        "<sad>",
        re.compile(r"(?<![\w/]):-?[(\[/]|\u2639|\U0001f620|\U0001f621|\U0001f622|\U0001f62d"),
    ),
)
_CAPITALS = re.compile(r"\b[A-Z]{3,}\b")
#: How much of a message is read: the start says what the problem is; a pasted log
#: or quoted thread after it adds only time (out of fold, 1,000 characters did as well
#: as 2,000, at half the cost on forum questions).
MAX_CHARS = 1000


class ProblemModelError(ConfigError):
    """A problem model directory cannot be used; says which and what to do."""


def features(text: str) -> set[str]:
    """The features of a customer message: its words and word pairs in lower case, and
    its marks of tone. Two or more words in capitals mark shouting ("WHERE IS MY
    ORDER"); one alone is likely an acronym."""
    text = text[:MAX_CHARS]
    words = _WORD.findall(text.lower().translate(_APOSTROPHES))
    found = set(words)
    found.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    found.update(_marks(text, words))
    return found


def _marks(text: str, words: list[str]) -> list[str]:
    """The marks of tone of ``text`` (``<caps>`` for two words in capitals or more),
    and ``<empty>`` for a message without a word."""
    found = [name for name, mark in _MARKS if mark.search(text)]
    if len(_CAPITALS.findall(text)) >= 2:
        found.append("<caps>")
    if not words:
        found.append("<empty>")
    return found


@dataclass(frozen=True)
class ProblemModel:
    """A trained decision: weights of the features, a Platt calibration, and the
    probability from which a message the rules found no problem in reports one."""

    weights: dict[str, float]
    bias: float
    platt_a: float
    platt_b: float
    threshold: float
    meta: dict[str, object] = field(default_factory=dict)
    #: ``weights`` split for scoring: single features, and word pairs keyed as tuples
    #: (the pairs of a message are then ``zip``'s tuples, not strings built one by one).
    _singles: dict[str, float] = field(init=False, repr=False, compare=False)
    _pairs: dict[tuple[str, ...], float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        singles = {f: w for f, w in self.weights.items() if " " not in f}
        pairs = {tuple(f.split(" ")): w for f, w in self.weights.items() if " " in f}
        object.__setattr__(self, "_singles", singles)
        object.__setattr__(self, "_pairs", pairs)

    def probability(self, text: str) -> float:
        """The calibrated probability that ``text`` reports a problem: the weights of
        :func:`features`, summed without building them as strings."""
        text = text[:MAX_CHARS]
        words = _WORD.findall(text.lower().translate(_APOSTROPHES))
        singles, pairs = self._singles, self._pairs
        score = self.bias
        score += sum(singles.get(word, 0.0) for word in set(words))
        score += sum(pairs.get(pair, 0.0) for pair in set(itertools.pairwise(words)))
        score += sum(singles.get(mark, 0.0) for mark in _marks(text, words))
        return _sigmoid(self.platt_a * score + self.platt_b)

    @classmethod
    def load(cls, path: Path) -> ProblemModel:
        """Read the model in directory ``path`` (as written by :meth:`save`)."""
        return read_weights_file(
            path / MODEL_FILE, FORMAT_VERSION, "problem model", ProblemModelError, cls._from_data
        )

    @classmethod
    def _from_data(cls, data: dict[str, Any]) -> ProblemModel:
        threshold = float(data["threshold"])
        if not 0.0 <= threshold <= 1.01:
            raise ValueError(f"threshold {threshold} is not a probability")
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            platt_a=float(data["platt"][0]),
            platt_b=float(data["platt"][1]),
            threshold=threshold,
            meta=dict(data.get("meta", {})),
        )

    def save(self, path: Path) -> None:
        """Write the model to directory ``path`` (created if needed) as one JSON file,
        its features sorted, so the same model is the same bytes."""
        path.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT_VERSION,
            "bias": round(self.bias, 5),
            "platt": [round(self.platt_a, 5), round(self.platt_b, 5)],
            "threshold": round(self.threshold, 4),
            "meta": self.meta,
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items()) if round(v, 4)},
        }
        (path / MODEL_FILE).write_text(
            json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8"
        )


def load_problem_model(model_dir: Path | None) -> ProblemModel | None:
    """The problem model of a model directory, or None: the rules alone (no model
    directory), or a model trained without problem labels (no ``problem/`` in it)."""
    if model_dir is None or not (model_dir / PROBLEM_DIR).is_dir():
        return None
    return ProblemModel.load(model_dir / PROBLEM_DIR)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
