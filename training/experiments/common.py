"""Shared pieces of the modelling experiments: paths, folds, the model's input (feature
docs built from replylint's analysis), training with ``spacy train``, prediction, metrics.

The model never sees raw text: it reads a *feature doc* built from the tokens of the
analysis replylint already computes once per reply (blank English tokenizer + its
sentence splitter), lower-cased, with URLs and numbers masked, plus marker tokens:

- structure markers (``__first__`` before the first sentence, ``__last__`` before the
  last content sentence, ``__lastpara__``/``__signoff__`` where they apply, the channel);
- optionally the rules' verdicts (``__r_next_step_yes__``, ``__r_next_step_link__`` ...),
  so the bag-of-words learns how far to trust each rule.

A feature doc is made with ``Doc(vocab, words=...)``: no second tokenisation.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

CHECKS = ("greeting", "apology", "empathy", "next_step", "next_step_timeframe", "closing_thanks")
SOURCES = ("sumo_tb", "sumo_ff", "ibm_twcare", "sgd_roleplay", "firefox_gplay", "written")
WORK = Path(os.environ.get("REPLYLINT_WORK", "/tmp/rl"))
GOLD_DIR = WORK
HERE = Path(__file__).resolve().parent
CONFIGS = HERE.parent / "configs"  # textcat_bow.cfg is now replylint/model/textcat.cfg
RESULTS = HERE / "results"
PY = sys.executable

_NUMERIC = re.compile(r"[\d][\d.,:/\-]*[a-z]{0,2}$")


def word_form(token) -> str:
    """The model's form of a token: lower case; URLs, e-mails and numbers masked."""
    if token.like_url or token.like_email:
        return "__url__"
    low = token.lower_
    if _NUMERIC.match(low):
        return "__num__"
    return low


def load_cache(split: str) -> list[dict]:
    with (WORK / f"cache_{split}.jsonl").open() as f:
        return [json.loads(line) for line in f]


def fold_of(rec_id: str, k: int = 5) -> int:
    """Cross-validation fold by sha1 of the id, salted: the test split is sha1(id) % 5 == 0
    (settle.py), so an unsalted sha1 % 5 would leave fold 0 with only enriched records."""
    return int(hashlib.sha1(f"cv:{rec_id}".encode()).hexdigest(), 16) % k


def _slug(reason: str | None) -> str | None:
    if not reason:
        return None
    words = re.findall(r"[a-z]+", reason.lower())[:3]
    return "_".join(words) if words else None


def rule_tokens(rec: dict, checks: Sequence[str] = CHECKS) -> list[str]:
    toks = []
    for c in checks:
        r = rec["rules"][c]
        toks.append(f"__r_{c}_{'yes' if r['present'] else 'no'}__")
        slug = _slug(r["reason"])
        if slug and c not in ("apology", "empathy"):  # their reasons are the problem signal
            toks.append(f"__r_{c}_{slug}__")
    if rec.get("problem"):
        toks.append("__problem__")
    return toks


def _overlaps(seg: dict, spans: Iterable[Sequence[int]] | None) -> bool:
    if not spans:
        return False
    return any(s < seg["end"] and seg["start"] < e for s, e in spans)


def segments(rec: dict) -> list[tuple[dict, list[str]]]:
    """Content sentences and the sign-off, each with its position markers."""
    sents = rec["sents"]
    out = []
    last_para = sents[-1]["para"] if sents else 0
    for i, s in enumerate(sents):
        marks = []
        if i == 0:
            marks.append("__first__")
        if i == len(sents) - 1:
            marks.append("__last__")
        if s["para"] == last_para and len(sents) > 1:
            marks.append("__lastpara__")
        if len(sents) <= 2:
            marks.append("__short__")
        out.append((s, marks))
    if rec["signoff"]:
        out.append((rec["signoff"], ["__signoff__"]))
    return out


def reply_words(rec: dict, markers: bool, rules: bool) -> list[str]:
    words: list[str] = []
    for seg, marks in segments(rec):
        if markers:
            words.extend(m for m in marks if m in ("__first__", "__last__", "__signoff__"))
        words.extend(seg["words"])
    if markers:
        words.append(f"__ch_{rec['channel']}__")
    if rules:
        words.extend(rule_tokens(rec))
    if rules >= 2:
        words.extend(sorted({f"__step_{k}__" for _, _, k in rec.get("steps", ())}))
    return words or ["__empty__"]


def sentence_words(rec: dict, rules: int) -> list[list[str]]:
    """One word list per segment (sentence or sign-off). ``rules``: 0 none; 1 the rules'
    reply verdicts and which sentence holds their evidence; 2 also the step kind the
    rules' step finder gave each sentence."""
    out = []
    rtoks = rule_tokens(rec) if rules else []
    for seg, marks in segments(rec):
        words = [*marks, f"__ch_{rec['channel']}__", *seg["words"]]
        if rules:
            for c in CHECKS:
                if _overlaps(seg, [rec["rules"][c]["span"]] if rec["rules"][c]["span"] else None):
                    words.append(f"__r_{c}_here__")
            words.extend(rtoks)
        if rules >= 2:
            words.extend(
                f"__step_{k}__"
                for s, e, k in rec.get("steps", ())
                if s < seg["end"] and seg["start"] < e
            )
        out.append(words)
    return out


def sentence_cats(rec: dict) -> list[dict[str, float]]:
    """Per segment, the checks it is labelled for (absent key = unknown)."""
    out = []
    for seg, _ in segments(rec):
        cats = {}
        for c in CHECKS:
            if not rec["labels"][c]:
                cats[c] = 0.0
            else:
                spans = rec["gold_spans"].get(c)
                if spans is None:
                    continue  # evidence not found: leave unknown
                if _overlaps(seg, spans):
                    cats[c] = 1.0
        out.append(cats)
    return out


# --------------------------------------------------------------------------- docbins


def make_docbin(examples: Iterable[tuple[list[str], dict[str, float]]], path: Path) -> int:
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("en").vocab
    db = DocBin(store_user_data=False)
    n = 0
    for words, cats in examples:
        if not words:
            continue
        doc = Doc(vocab, words=words)
        doc.cats = dict(cats)
        db.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def examples_for(recs: Iterable[dict], level: str, markers: bool, rules: bool):
    for rec in recs:
        if level == "reply":
            yield reply_words(rec, markers, rules), {c: float(rec["labels"][c]) for c in CHECKS}
        else:
            for words, cats in zip(sentence_words(rec, rules), sentence_cats(rec), strict=True):
                if cats:
                    yield words, cats


# --------------------------------------------------------------------------- training


def spacy_train(
    config: Path,
    train: Path,
    dev: Path,
    out: Path,
    overrides: dict | None = None,
    log: Path | None = None,
) -> float:
    cmd = [
        PY,
        "-m",
        "spacy",
        "train",
        str(config),
        "--output",
        str(out),
        "--paths.train",
        str(train),
        "--paths.dev",
        str(dev),
    ]
    for k, v in (overrides or {}).items():
        cmd += [f"--{k}", str(v)]
    t0 = time.time()
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    with open(log or os.devnull, "w") as fh:
        subprocess.run(cmd, check=True, stdout=fh, stderr=subprocess.STDOUT, env=env)
    return time.time() - t0


def load_model(path: Path):
    import spacy

    return spacy.load(path)


def predict(nlp, recs: Sequence[dict], level: str, markers: bool, rules: bool) -> np.ndarray:
    """Probability per record and check (sentence level: max over segments)."""
    from spacy.tokens import Doc

    pipe = nlp.get_pipe("textcat_multilabel")
    out = np.zeros((len(recs), len(CHECKS)))
    if level == "reply":
        docs = [Doc(nlp.vocab, words=reply_words(r, markers, rules)) for r in recs]
        for i, doc in enumerate(pipe.pipe(docs, batch_size=256)):
            out[i] = [doc.cats[c] for c in CHECKS]
        return out
    owners, docs = [], []
    for i, r in enumerate(recs):
        for words in sentence_words(r, rules):
            owners.append(i)
            docs.append(Doc(nlp.vocab, words=words))
    for j, doc in enumerate(pipe.pipe(docs, batch_size=512)):
        i = owners[j]
        out[i] = np.maximum(out[i], [doc.cats[c] for c in CHECKS])
    return out


def predict_sentences(nlp, rec: dict, rules: bool) -> list[dict[str, float]]:
    from spacy.tokens import Doc

    pipe = nlp.get_pipe("textcat_multilabel")
    docs = [Doc(nlp.vocab, words=w) for w in sentence_words(rec, rules)]
    return [dict(d.cats) for d in pipe.pipe(docs)]


# --------------------------------------------------------------------------- metrics


def confusion(gold: np.ndarray, pred: np.ndarray) -> tuple[int, int, int, int]:
    gold = gold.astype(bool)
    pred = pred.astype(bool)
    tp = int((gold & pred).sum())
    fp = int((~gold & pred).sum())
    fn = int((gold & ~pred).sum())
    tn = int((~gold & ~pred).sum())
    return tp, fp, fn, tn


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    tp, fp, fn, tn = confusion(gold, pred)
    p1 = tp / (tp + fp) if tp + fp else 0.0
    r1 = tp / (tp + fn) if tp + fn else 0.0
    p0 = tn / (tn + fn) if tn + fn else 0.0  # precision of "missing"
    r0 = tn / (tn + fp) if tn + fp else 0.0
    f1s = []
    if tp + fn:
        f1s.append(_f1(p1, r1))
    if tn + fp:
        f1s.append(_f1(p0, r0))
    return {
        "macro_f1": float(np.mean(f1s)) if f1s else 0.0,
        "p_present": p1,
        "r_present": r1,
        "p_missing": p0,
        "r_missing": r0,
        "n_missing_pred": tn + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def best_threshold(gold: np.ndarray, prob: np.ndarray) -> float:
    """The threshold on P(present) that maximises macro-F1 (ties: the one nearest 0.5)."""
    best, best_t = -1.0, 0.5
    for t in np.round(np.arange(0.05, 0.96, 0.01), 2):
        f = scores(gold, prob >= t)["macro_f1"]
        if f > best + 1e-9 or (abs(f - best) <= 1e-9 and abs(t - 0.5) < abs(best_t - 0.5)):
            best, best_t = f, float(t)
    return best_t


def reliability(
    gold: np.ndarray,
    prob: np.ndarray,
    bins: Sequence[float] = (0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001),
) -> list[tuple[str, int, float, float]]:
    rows = []
    for lo, hi in itertools.pairwise(bins):
        m = (prob >= lo) & (prob < hi)
        if m.sum():
            rows.append(
                (
                    f"{lo:.1f}-{min(hi, 1):.1f}",
                    int(m.sum()),
                    float(prob[m].mean()),
                    float(gold[m].mean()),
                )
            )
    return rows


def ece(gold: np.ndarray, prob: np.ndarray) -> float:
    rows = reliability(gold, prob)
    n = len(gold)
    return sum(k * abs(p - o) for _, k, p, o in rows) / n if n else 0.0


def gold_matrix(recs: Sequence[dict]) -> np.ndarray:
    return np.array([[rec["labels"][c] for c in CHECKS] for rec in recs], dtype=bool)


def rules_matrix(recs: Sequence[dict]) -> np.ndarray:
    return np.array([[rec["rules"][c]["present"] for c in CHECKS] for rec in recs], dtype=bool)


def save_json(obj, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=1, default=float))
