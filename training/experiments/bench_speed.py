"""Throughput of a trained design against spacy.blank("en").pipe on the same replies.

    python bench_speed.py DESIGN [DESIGN ...] [--count 3000]

Replies: the first ``count`` distinct replies (by whitespace-normalised text, lowest sha1
of the id first) of ../shared/corpus/pool/sumo_tb.jsonl, each processed once. Measured in
one process, single thread, after a warm-up on other replies:

- ``blank``: spacy.blank("en").pipe(texts) (the unit of the speed budget);
- ``proselint``: proselint on the same texts (the budget says >= 1.2x it);
- ``rules``: replylint today, rules only (analyse + rules, one reply at a time);
- ``model_alone``: analyse (normalise, tokenize, split sentences) + feature doc + model,
  without the rules (for designs that read rule tokens the rules' verdicts are needed, so
  this is reported for the designs without them);
- ``rules+model``: analyse + rules + feature doc + model: what ``score --jobs 1`` would run;
- ``model_increment``: feature doc + model only, on replies already analysed (what the
  model adds per reply);
- warm p50/p95 latency of rules+model on 100-word replies;
- the model's size on disk (model-last of the full-train run, and its weights file).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import time
from pathlib import Path

import spacy
from common import RESULTS, WORK, load_model, reply_words, save_json, sentence_words
from run_cv import DESIGNS
from spacy.tokens import Doc

from replylint import Linter
from replylint.linter import InputError

POOL = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pool" / "sumo_tb.jsonl"
# /work/main/training/experiments -> /work/shared/corpus/pool
if not POOL.exists():
    POOL = Path("/work/shared/corpus/pool/sumo_tb.jsonl")


def _steps(analyzed) -> tuple:
    """The next steps the rules found in an analysed reply."""
    return analyzed.next_steps


def load_texts(count: int) -> tuple[list[str], list[str]]:
    recs = [json.loads(line) for line in POOL.open()]
    recs.sort(key=lambda r: hashlib.sha1(str(r["id"]).encode()).hexdigest())
    seen, texts = set(), []
    for r in recs:
        key = " ".join(str(r["reply"]).split())
        if key and key not in seen:
            seen.add(key)
            texts.append(r["reply"])
    return texts[:count], texts[count : count + 200]


def record_from(analyzed, report=None) -> dict:
    from common import word_form

    rec = {
        "channel": analyzed.channel,
        "sents": [],
        "signoff": None,
        "problem": bool(analyzed.problem.applicable),
        "rules": {},
    }
    for s, p in zip(analyzed.sentences, analyzed.paragraph_of, strict=True):
        rec["sents"].append(
            {
                "start": s.start_char,
                "end": s.end_char,
                "para": p,
                "words": [word_form(t) for t in s if not t.is_space],
            }
        )
    if analyzed.signoff is not None:
        so = analyzed.signoff
        rec["signoff"] = {
            "start": so.start_char,
            "end": so.end_char,
            "para": None,
            "words": [word_form(t) for t in so if not t.is_space],
        }
    rec["steps"] = [
        (st.sentence.start_char, st.sentence.end_char, str(st.kind)) for st in _steps(analyzed)
    ]
    if report is not None:
        for c, v in report.checks.items():
            span = None
            if v.evidence:
                k = analyzed.normalized.text.find(v.evidence)
                span = (k, k + len(v.evidence)) if k >= 0 else None
            rec["rules"][c] = {"present": v.present, "reason": v.reason, "span": span}
    return rec


class Model:
    """One design, or several joined by '+' (their probabilities are averaged)."""

    def __new__(cls, design: str):
        if "+" in design:
            return Combo([Model(d) for d in design.split("+")])
        return super().__new__(cls)

    def __init__(self, design: str):
        self.level, self.markers, self.rules, _, _ = DESIGNS[design]
        self.design = design
        self.nlp = load_model(WORK / "models" / design / "full" / "model-last")
        self.pipe = self.nlp.get_pipe("textcat_multilabel")

    def __call__(self, rec: dict) -> list[dict[str, float]]:
        vocab = self.nlp.vocab
        if self.level == "reply":
            doc = Doc(vocab, words=reply_words(rec, self.markers, self.rules))
            return [self.pipe(doc).cats]
        docs = [Doc(vocab, words=w) for w in sentence_words(rec, self.rules)]
        return [d.cats for d in self.pipe.pipe(docs)]


class Combo:
    def __init__(self, models):
        self.models = models
        self.rules = any(m.rules for m in models)
        self.dirs = [WORK / "models" / m.design / "full" / "model-last" for m in models]

    def __call__(self, rec: dict):
        return [m(rec) for m in self.models]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("designs", nargs="+")
    ap.add_argument("--count", type=int, default=3000)
    args = ap.parse_args()
    texts, warm = load_texts(args.count)
    n = len(texts)
    out: dict[str, object] = {"replies": n}

    blank = spacy.blank("en")
    list(blank.pipe(warm))
    t0 = time.perf_counter()
    list(blank.pipe(texts, batch_size=256))
    out["blank_rps"] = blank_rps = n / (time.perf_counter() - t0)

    from proselint.checks import __register__
    from proselint.config import load_from
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    config = load_from(None)
    for t in warm[:20]:
        LintFile("<warm>", t).lint(config)
    t0 = time.perf_counter()
    for t in texts:
        LintFile("<bench>", t).lint(config)
    out["proselint_rps"] = n / (time.perf_counter() - t0)

    linter = Linter()

    def analyse(t):
        try:
            return linter.analyze(t, channel="email")
        except InputError:
            return None

    for t in warm:
        a = analyse(t)
        if a is not None:
            linter._report(a)
    t0 = time.perf_counter()
    analysed = [analyse(t) for t in texts]
    t_an = time.perf_counter() - t0
    out["analyse_rps"] = n / t_an
    t0 = time.perf_counter()
    reports = [linter._report(a) if a is not None else None for a in analysed]
    t_rules = time.perf_counter() - t0
    out["rules_rps"] = n / (t_an + t_rules)
    print(
        f"blank {blank_rps:.0f}/s  proselint {out['proselint_rps']:.0f}/s  analyse "
        f"{out['analyse_rps']:.0f}/s  rules-only {out['rules_rps']:.0f}/s "
        f"({out['rules_rps'] / blank_rps:.3f}x blank)",
        flush=True,
    )

    for design in args.designs:
        model = Model(design)
        for t in warm:
            a = analyse(t)
            if a is not None:
                model(record_from(a, linter._report(a)))
        t0 = time.perf_counter()
        recs = [
            record_from(a, r) if a is not None else None
            for a, r in zip(analysed, reports, strict=True)
        ]
        for rec in recs:
            if rec is not None:
                model(rec)
        t_inc = time.perf_counter() - t0
        res = {"model_increment_rps": n / t_inc, "rules+model_rps": n / (t_an + t_rules + t_inc)}
        res["rules+model_x_blank"] = res["rules+model_rps"] / blank_rps
        res["rules+model_x_proselint"] = res["rules+model_rps"] / out["proselint_rps"]
        if not model.rules:
            res["model_alone_rps"] = n / (t_an + t_inc)
            res["model_alone_x_blank"] = res["model_alone_rps"] / blank_rps
        # warm latency on 100-word replies
        words = " ".join(t for t in texts if "<" not in t).split() or " ".join(texts).split()
        words = [w for w in words if not w.startswith(">")]
        samples = [
            " ".join(words[i : i + 100]) for i in range(0, min(len(words) - 100, 30000), 100)
        ]
        lat = []
        for s in samples[:300]:
            t1 = time.perf_counter()
            a = analyse(s)
            if a is None:
                continue
            r = linter._report(a)
            model(record_from(a, r))
            lat.append((time.perf_counter() - t1) * 1000)
        lat.sort()
        res["p50_ms_100w"] = statistics.median(lat)
        res["p95_ms_100w"] = lat[int(0.95 * len(lat)) - 1]
        dirs = getattr(model, "dirs", [WORK / "models" / design / "full" / "model-last"])
        res["size_bytes"] = sum(dir_size(d) for d in dirs)
        out[design] = res
        print(design, json.dumps({k: round(v, 3) for k, v in res.items()}), flush=True)
    save_json(out, RESULTS / f"speed_{'_'.join(args.designs)}.json")


if __name__ == "__main__":
    main()
