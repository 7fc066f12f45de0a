"""Analyse every labelled reply once and cache what the experiments need.

For each record of the train and test splits (built by ``training/gold.py``) this runs
replylint's own analysis (normaliser, blank pipeline, sentence splitter: the analysis the
linter computes once per reply) and the rules, and writes one JSON line with:

- ``sents``: content sentences as ``{"start", "end", "words", "para"}`` (char offsets
  into the normalised text; ``words`` are the model's tokens, see ``common.word_form``);
- ``signoff``: the sign-off block in the same form, or null;
- ``gold_spans``: per check, the char spans of the annotators' evidence passage(s) in the
  normalised text (``null`` when a present check's passage could not be found);
- ``rules``: per check the rules' ``present``, ``applicable``, ``reason`` and the char span
  of their evidence;
- ``steps``: every sentence the rules' step finder classed as a next step, with its kind.

The cache holds tweet texts (joined from ../shared at training time), so it is written
outside the repository (``$REPLYLINT_WORK``, default /tmp/rl), never checked in.

    python training/experiments/prep.py            # writes $WORK/cache_{train,test}.jsonl
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from pathlib import Path

from common import CHECKS, GOLD_DIR, WORK, word_form

from replylint import Linter
from replylint.linter import InputError

ROOT = Path(__file__).resolve().parents[2]
_WS = re.compile(r"\s+")


def _steps(analyzed) -> tuple:
    """The next steps the rules found in an analysed reply."""
    return analyzed.next_steps


def _squash(text: str) -> tuple[str, list[int]]:
    """Text with runs of whitespace made one space, lower-cased, and a map back to
    the original offsets."""
    out, where = [], []
    prev_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            prev_space = True
        else:
            out.append(ch.lower())
            prev_space = False
        where.append(i)
    return "".join(out), where


def locate(passage: str, text: str) -> tuple[int, int] | None:
    """Char span of ``passage`` in ``text``, tolerant of whitespace, case and HTML."""
    if not passage or not passage.strip():
        return None
    hay, where = _squash(text)
    candidates = [passage]
    if "<" in passage or "&" in passage:
        from replylint.normalize import normalize

        with contextlib.suppress(Exception):
            candidates.append(normalize(passage).text)
    for cand in candidates:
        needle = _squash(cand.strip())[0].strip()
        if not needle:
            continue
        for probe in (needle, needle.strip(".!?:, "), needle[:60], needle[-60:]):
            if len(probe) < 3:
                continue
            k = hay.find(probe)
            if k >= 0:
                return where[k], where[min(k + len(probe), len(where)) - 1] + 1
    return None


def _segment(span, para: int | None = None) -> dict:
    words = [word_form(t) for t in span if not t.is_space]
    return {"start": span.start_char, "end": span.end_char, "words": words, "para": para}


def analyse(linter: Linter, rec: dict, raw_label: dict) -> dict:
    out = {
        "id": rec["id"],
        "source": rec["source"],
        "channel": rec["channel"],
        "labels": {c: bool(rec["labels"][c]) for c in CHECKS},
        "text": "",
        "sents": [],
        "signoff": None,
        "gold_spans": {},
        "rules": {},
        "problem": False,
    }
    try:
        a = linter.analyze(
            rec["reply"], channel=rec["channel"], customer_message=rec["customer_message"]
        )
        report = linter._report(a)  # the rules on this same analysis (as check() does)
    except InputError:
        for c in CHECKS:
            out["rules"][c] = {
                "present": False,
                "applicable": False,
                "reason": "nothing to check",
                "span": None,
            }
        return out
    text = a.normalized.text
    out["text"] = text
    out["problem"] = bool(a.problem.applicable)
    out["sents"] = [_segment(s, p) for s, p in zip(a.sentences, a.paragraph_of, strict=True)]
    if a.signoff is not None:
        out["signoff"] = _segment(a.signoff)
    # every sentence the rules' step finder took for a next step (the shared next-steps analysis)
    out["steps"] = [
        [st.sentence.start_char, st.sentence.end_char, str(st.kind)] for st in _steps(a)
    ]
    for c in CHECKS:
        v = report.checks[c]
        span = locate(v.evidence, text) if v.evidence else None
        out["rules"][c] = {
            "present": bool(v.present),
            "applicable": bool(v.applicable),
            "reason": v.reason,
            "span": span,
        }
    evidence = raw_label.get("evidence", {}) if raw_label else {}
    for c in CHECKS:
        if not out["labels"][c]:
            continue
        spans = []
        keys = [k for k in evidence if k == c or (c == "next_step" and k in ("next_step_2", "n_2"))]
        for k in keys:
            ev = evidence[k]
            if isinstance(ev, list):  # ibm_twcare: offsets into the raw reply
                ev = rec["reply"][ev[0] : ev[1]]
            span = locate(ev, text)
            if span:
                spans.append(span)
        out["gold_spans"][c] = spans or None
    return out


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    raw = {}
    for f in sorted((ROOT / "training" / "labels").glob("*.jsonl")):
        for line in f.open():
            r = json.loads(line)
            raw[r["id"]] = r
    linter = Linter()
    for split in ("train", "test"):
        gold = GOLD_DIR / f"{split}.jsonl"
        if not gold.exists():
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "training" / "gold.py"),
                    "--split",
                    split,
                    "--out",
                    str(gold),
                ],
                check=True,
            )
        n = unfound = 0
        tmp = WORK / f"cache_{split}.jsonl.tmp"
        with tmp.open("w") as out:
            for line in gold.open():
                rec = json.loads(line)
                row = analyse(linter, rec, raw.get(rec["id"]))
                row["split"] = split
                unfound += sum(v is None for v in row["gold_spans"].values())
                out.write(json.dumps(row) + "\n")
                n += 1
        tmp.replace(WORK / f"cache_{split}.jsonl")
        print(f"{split}: {n} records, {unfound} present checks whose evidence was not found")


if __name__ == "__main__":
    main()
