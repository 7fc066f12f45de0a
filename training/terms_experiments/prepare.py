"""Analyse a gold file once and keep its candidates (pickle) for fast experiments.

python training/terms_experiments/prepare.py GOLD.jsonl OUT.pkl
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

from replylint.evaluation import read_gold
from replylint.model.terms_training import labelled_replies


def main() -> None:
    gold = list(read_gold(Path(sys.argv[1])))
    started = time.perf_counter()
    replies = labelled_replies(gold, progress=print)
    print(f"{len(replies)} replies in {time.perf_counter() - started:.1f}s")
    candidates = sum(len(r.candidates) for r in replies)
    strict = sum(len(r.strict) for r in replies)
    reachable = sum(len(r.strict & {c.text for c in r.candidates}) for r in replies)
    print(f"{candidates} candidates; strict terms {strict}, reachable {reachable}")
    Path(sys.argv[2]).write_bytes(pickle.dumps(replies))


if __name__ == "__main__":
    main()
