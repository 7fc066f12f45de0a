"""The jargon term model: a learned decision on each candidate the rules find.

Why a model: whether "IMAP" or "about:config" is jargon depends on who reads it and how
the reply uses it, and phrase lists tuned one error at a time over-fit (issue 12). The
candidates and their features come from :mod:`replylint.model.terms_candidates`; this
module holds what the jargon rule loads at run time, kept small because it is on the
linter's path: a logistic regression over the candidates' sparse binary features, its
Platt calibration and reporting threshold, and :func:`decode`, which turns the
probabilities into the terms to report. How it is trained is in
:mod:`replylint.model.terms_training`.

The artifact is a directory: the weights as one small JSON file (``terms.json``, no
pickle) and the word-frequency table the features were computed with
(``word_zipf.txt.gz``), so a trained directory stands alone.
"""

from __future__ import annotations

import gzip
import json
import math
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from replylint.model.terms_candidates import Candidate
from replylint.resources import data_dir

#: File name of the artifact inside ``<model_dir>/terms/``.
MODEL_FILE = "terms.json"
#: How common each English word is (see training/terms_experiments/build_word_zipf.py);
#: shipped next to the weights, as the features depend on it.
WORDS_FILE = "word_zipf.txt.gz"
#: The word table's licence notice, copied with it.
NOTICE_FILE = "NOTICE.md"
#: Bumped when the features or the file layout change: an old file is then refused.
FORMAT_VERSION = 1


# --- the model --------------------------------------------------------------------------


@dataclass(frozen=True)
class TermModel:
    """A trained jargon decision: feature weights, a Platt calibration and a threshold.

    ``probability`` is the calibrated chance that a candidate is jargon an annotator
    would flag; ``select`` keeps the candidates at or above ``threshold``, one per
    overlapping group (the likeliest), each term once.
    """

    weights: dict[str, float]
    bias: float
    platt_a: float
    platt_b: float
    threshold: float
    #: The word-frequency table the features were computed with (``WORDS_FILE``).
    words_path: Path
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def word_bands(self) -> Mapping[str, int]:
        return load_word_bands(self.words_path)

    @classmethod
    def load(cls, path: Path) -> TermModel:
        """Read the model in directory ``path`` (as written by ``save``)."""
        file = path / MODEL_FILE
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise TermModelError(
                f"no term model at {file}; train one with `replylint train` or use the rules only"
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise TermModelError(f"term model {file} cannot be read ({exc}); retrain it") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise TermModelError(
                f"term model {file} is not format {FORMAT_VERSION}; retrain it with this version"
            )
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            platt_a=float(data["platt"][0]),
            platt_b=float(data["platt"][1]),
            threshold=float(data["threshold"]),
            words_path=path / WORDS_FILE,
            meta=dict(data.get("meta", {})),
        )

    def save(self, path: Path) -> None:
        """Write the model to directory ``path`` (created if needed): the weights as one
        JSON file, and a copy of the word-frequency table with its licence notice (CC
        BY-SA: the notice travels with every copy), so the directory stands alone."""
        path.mkdir(parents=True, exist_ok=True)
        for name in (WORDS_FILE, NOTICE_FILE):
            source, target = self.words_path.with_name(name), path / name
            if source.exists() and not (target.exists() and target.samefile(source)):
                shutil.copyfile(source, target)
        data = {
            "format": FORMAT_VERSION,
            "bias": round(self.bias, 5),
            "platt": [round(self.platt_a, 5), round(self.platt_b, 5)],
            "threshold": round(self.threshold, 4),
            "meta": self.meta,
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())},
        }
        (path / MODEL_FILE).write_text(
            json.dumps(data, indent=0, sort_keys=False, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )

    def score(self, candidate: Candidate) -> float:
        """The uncalibrated log-odds of the candidate."""
        weights = self.weights
        return self.bias + sum(weights.get(f, 0.0) for f in candidate.features)

    def probability(self, candidate: Candidate) -> float:
        """The calibrated probability that the candidate is jargon."""
        return sigmoid(self.platt_a * self.score(candidate) + self.platt_b)

    def select(self, candidates: Sequence[Candidate]) -> list[tuple[Candidate, float]]:
        """The candidates to report, with their probabilities, in text order."""
        return decode(candidates, [self.probability(c) for c in candidates], self.threshold)


class TermModelError(ValueError):
    """The term model could not be read; says what to do."""


def decode(
    candidates: Sequence[Candidate], probabilities: Sequence[float], threshold: float
) -> list[tuple[Candidate, float]]:
    """Keep candidates at or above ``threshold``; of overlapping ones the likeliest;
    each term (case-insensitively) once, at its first place."""
    order = sorted(range(len(candidates)), key=lambda i: (-probabilities[i], i))
    kept: list[int] = []
    for i in order:
        if probabilities[i] < threshold:
            break
        c = candidates[i]
        if all(c.end <= candidates[k].start or candidates[k].end <= c.start for k in kept):
            kept.append(i)
    kept.sort(key=lambda i: candidates[i].start)
    seen: set[str] = set()
    result = []
    for i in kept:
        key = candidates[i].text.lower()
        if key not in seen:
            seen.add(key)
            result.append((candidates[i], probabilities[i]))
    return result


def sigmoid(x: float) -> float:
    """The logistic function, without overflow for large ``|x|``."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


# --- the word table ---------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_word_bands(path: Path) -> Mapping[str, int]:
    """Word -> twice its zipf frequency, rounded down (0 = rarer than the table goes).
    Cached: one table serves every linter built in the process (read-only)."""
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise TermModelError(
            f"word table {path} cannot be read ({exc}); retrain the model"
        ) from None
    bands: dict[str, int] = {}
    for section in text.split("\n@band ")[1:]:  # "@band 5\nword\nword...": see the builder
        band, _, words = section.partition("\n")
        bands.update(dict.fromkeys(words.split(), int(band)))
    return MappingProxyType(bands)


def shipped_words_path() -> Path:
    """The word table shipped with replylint: the bundled model's own copy (a trained
    directory keeps a copy beside its weights, so it stands alone)."""
    return data_dir("models") / "default" / "terms" / WORDS_FILE
