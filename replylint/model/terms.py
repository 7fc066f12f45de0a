"""The jargon term model: a learned decision on each candidate the rules find.

Why a model: whether "IMAP" or "about:config" is jargon depends on who reads it and how
the reply uses it, and phrase lists tuned one error at a time over-fit (issue 12). The
candidates and their features come from :mod:`replylint.model.terms_candidates`; this
module holds what the jargon rule loads at run time, kept small because it is on the
linter's path: a logistic regression over the candidates' sparse binary features, its
Platt calibration, and the two thresholds of :func:`combine`, the one place where the
rules' terms and the model's probabilities become the terms to report. How it is trained
is in :mod:`replylint.model.terms_training`.

The artifact is a directory: the weights as one small JSON file (``terms.json``, no
pickle) and the word-frequency table the features were computed with
(``word_zipf.txt.gz``), so a trained directory stands alone.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import shutil
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from types import MappingProxyType
from typing import Any

from replylint.config import ConfigError
from replylint.model.logistic import read_weights_file
from replylint.model.terms_candidates import Candidate
from replylint.resources import data_dir

#: File name of the artifact inside ``<model_dir>/terms/``.
MODEL_FILE = "terms.json"
#: A model directory's folder for its term model.
TERMS_DIR = "terms"
#: How common each English word is (see training/terms_experiments/build_word_zipf.py);
#: shipped next to the weights, as the features depend on it.
WORDS_FILE = "word_zipf.txt.gz"
#: The word table's licence notice, copied with it.
NOTICE_FILE = "NOTICE.md"
#: Bumped when the features or the file layout change: an old file is then refused.
#: (2: the ``veto`` threshold, and ``threshold`` became that of the model's additions.)
FORMAT_VERSION = 2

#: What joins the parts of a compound term ("SSL/TLS", "WPA2-Enterprise"), and what a
#: part is made of (not "TLS)Outgoing", text glued without a space).
_COMPOUND_JOINS = re.compile(r"[/-]")
_COMPOUND_PART = re.compile(r"[\w.+]+")
_CAPITAL = re.compile(r"[A-Z]")

#: A term the rules report: its characters in the analysed text and its text.
RuleTerm = tuple[int, int, str]


@dataclass(frozen=True)
class Decision:
    """A term to report: where it is, its text, how sure we are, and who found it."""

    start: int
    end: int
    text: str
    confidence: float
    by_rules: bool


# --- the model --------------------------------------------------------------------------


@dataclass(frozen=True)
class TermModel:
    """A trained jargon decision: feature weights, a Platt calibration and two thresholds.

    ``probability`` is the calibrated chance that a candidate is jargon an annotator
    would flag. ``decide`` reports the rules' terms unless the model gives them less than
    ``veto``, and adds the candidates the model gives at least ``threshold`` (see
    :func:`combine`); ``select`` is the model alone (``threshold`` only).
    """

    weights: dict[str, float]
    bias: float
    platt_a: float
    platt_b: float
    threshold: float
    #: The word-frequency table the features were computed with (``WORDS_FILE``).
    words_path: Path
    #: A rule's term below this probability is dropped (0: the rules are never vetoed).
    veto: float = 0.0
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def word_bands(self) -> Mapping[str, int]:
        return load_word_bands(self.words_path)

    @classmethod
    def load(cls, path: Path) -> TermModel:
        """Read the model in directory ``path`` (as written by ``save``)."""
        return read_weights_file(
            path / MODEL_FILE,
            FORMAT_VERSION,
            "term model",
            TermModelError,
            lambda data: cls._from_data(data, path),
        )

    @classmethod
    def _from_data(cls, data: dict[str, Any], path: Path) -> TermModel:
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            platt_a=float(data["platt"][0]),
            platt_b=float(data["platt"][1]),
            threshold=float(data["threshold"]),
            words_path=path / WORDS_FILE,
            veto=float(data["veto"]),
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
            "veto": round(self.veto, 4),
            "meta": self.meta,
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())},
        }
        (path / MODEL_FILE).write_text(
            json.dumps(data, indent=0, sort_keys=False, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )

    def score(self, candidate: Candidate) -> float:
        """The uncalibrated log-odds of the candidate."""
        return self.bias + sum(map(self.weights.get, candidate.features, repeat(0.0)))

    def probability(self, candidate: Candidate) -> float:
        """The calibrated probability that the candidate is jargon."""
        return sigmoid(self.platt_a * self.score(candidate) + self.platt_b)

    def select(self, candidates: Sequence[Candidate]) -> list[tuple[Candidate, float]]:
        """The candidates to report, with their probabilities, in text order."""
        return decode(candidates, [self.probability(c) for c in candidates], self.threshold)

    def decide(
        self, candidates: Sequence[Candidate], rule_terms: Sequence[RuleTerm]
    ) -> list[Decision]:
        """The terms to report: the rules' and the model's, combined by :func:`combine`."""
        probabilities = [self.probability(c) for c in candidates]
        return combine(candidates, probabilities, rule_terms, self.veto, self.threshold)


class TermModelError(ConfigError):
    """The term model could not be read; says what to do. A configuration error, as an
    unusable checks model is: the model directory is what the configuration chose."""


def decode(
    candidates: Sequence[Candidate], probabilities: Sequence[float], threshold: float
) -> list[tuple[Candidate, float]]:
    """Keep candidates at or above ``threshold``; of overlapping ones the likeliest;
    each term (case-insensitively) once, at its first place."""
    order = sorted(range(len(candidates)), key=lambda i: (-probabilities[i], i))
    # The kept spans never overlap, so in order of their starts their ends rise too: the
    # one kept span that can overlap a candidate is the last starting before it ends (a
    # search; comparing with every kept span was quadratic in a reply of many terms).
    kept: list[int] = []
    kept_starts: list[int] = []
    for i in order:
        if probabilities[i] < threshold:
            break
        c = candidates[i]
        at = bisect_left(kept_starts, c.end)
        if at and candidates[kept[at - 1]].end > c.start:
            continue
        kept.insert(at, i)
        kept_starts.insert(at, c.start)
    seen: set[str] = set()
    result = []
    for i in kept:
        key = candidates[i].text.lower()
        if key not in seen:
            seen.add(key)
            result.append((candidates[i], probabilities[i]))
    return result


def combine(
    candidates: Sequence[Candidate],
    probabilities: Sequence[float],
    rule_terms: Sequence[RuleTerm],
    veto: float,
    threshold: float,
) -> list[Decision]:
    """The jargon decision: the rules' terms, less those the model vetoes, plus the
    model's confident additions; each term (case-insensitively) once, in text order.

    Why both: measured leaving one source out (training/terms_experiments/REPORT.md),
    the model alone learns which terms each source's annotators flag and, on replies of
    an organisation it never saw, reports almost nothing (recall about 0.2), while the
    rules' generic cues (an unexplained all-caps acronym, a file name, a snake_case
    identifier) hold across sources but are imprecise. So a rule's term is reported
    unless the likeliest candidate overlapping it has a probability below ``veto``, and
    a candidate the rules did not report is added when its probability is at least
    ``threshold`` and it overlaps no kept term. A rule's term no candidate overlaps is
    dropped: the candidates leave out on purpose what GUIDE.md says is not jargon and
    the rules see only where it stands (a term explained elsewhere in the reply). Both
    thresholds are fitted on out-of-fold probabilities with one fold per source, so they
    are those that held on a source the model had not seen.

    A rule's term is reported with the boundaries of the compound it is part of
    (:func:`compound_around`): the rules read spaCy tokens, which split "SSL/TLS" and
    "WPA2-Enterprise", while annotators write the term as it stands (GUIDE.md: "exactly
    as it appears"), and scoring is by exact text, so a part costs a false alarm and a
    miss. The veto still reads every overlapping candidate.
    """
    kept: list[Decision] = []
    for start, end, text in rule_terms:
        overlapping = [
            (c, p)
            for c, p in zip(candidates, probabilities, strict=True)
            if c.start < end and start < c.end
        ]
        if not overlapping:
            continue
        confidence = max(p for _, p in overlapping)
        if confidence >= veto:
            whole = compound_around(start, end, [c for c, _ in overlapping])
            if whole is not None:
                start, end, text = whole.start, whole.end, whole.text
            kept.append(Decision(start, end, text, confidence, by_rules=True))
    added = [
        Decision(c.start, c.end, c.text, p, by_rules=False)
        for c, p in decode(candidates, probabilities, threshold)
        if all(c.end <= k.start or k.end <= c.start for k in kept)
    ]
    seen: set[str] = set()
    result = []
    for decision in sorted(kept + added, key=lambda d: (d.start, not d.by_rules)):
        key = decision.text.lower()
        if key not in seen:
            seen.add(key)
            result.append(decision)
    return result


def compound_around(start: int, end: int, candidates: Sequence[Candidate]) -> Candidate | None:
    """The longest candidate that holds the characters ``start:end`` and is a compound of
    named parts joined by slashes or hyphens, whose first and last parts have a capital
    ("SSL/TLS", "WPA2-Enterprise", "DNS-over-HTTPS"); None when there is none.

    Why the capitals: measured on the training split, annotators flag such a compound
    whole more often than its parts (16 against 6), while a part with a plain word
    ("XML-format", "H264-forcing") is flagged alone; and "24/01873/FUL", a reference
    number, is no compound of names. A part is word characters, dots and pluses: text
    glued without a space ("SSL/TLS)Outgoing") is no compound.
    """
    best: Candidate | None = None
    for candidate in candidates:
        if not (candidate.start <= start and end <= candidate.end):
            continue
        if candidate.end - candidate.start <= end - start:
            continue
        parts = _COMPOUND_JOINS.split(candidate.text)
        if len(parts) < 2 or not all(_COMPOUND_PART.fullmatch(part) for part in parts):
            continue
        if not (_CAPITAL.search(parts[0]) and _CAPITAL.search(parts[-1])):
            continue
        if best is None or candidate.end - candidate.start > best.end - best.start:
            best = candidate
    return best


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
