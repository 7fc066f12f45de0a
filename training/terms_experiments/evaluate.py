"""Per-term jargon precision/recall of the rules alone and with the term model, as
``replylint eval`` counts them, on any gold files.

python training/terms_experiments/evaluate.py [--by-source] GOLD.jsonl [GOLD.jsonl ...]

(``replylint eval`` gives the model figures; the rules alone are ``model="none"``.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from replylint import Linter, LinterConfig
from replylint.evaluation import evaluate, read_gold


def rules_only_linter() -> Linter:
    return Linter(LinterConfig(select=["jargon"], model="none"))


def main() -> None:
    linters = {"rules": rules_only_linter(), "model": Linter(LinterConfig(select=["jargon"]))}
    by_source = "--by-source" in sys.argv
    for name in [a for a in sys.argv[1:] if not a.startswith("--")]:
        records = list(read_gold(Path(name)))
        groups = {"all": records}
        if by_source:
            for record in records:
                source = str((record.model_extra or {}).get("source", "?"))
                groups.setdefault(source, []).append(record)
        for group, gold in groups.items():
            for mode, linter in linters.items():
                j = evaluate(linter, gold, score_unread=True).jargon
                print(
                    f"{Path(name).name:<18} {group:<14} {mode:<6} n={len(gold):<5} "
                    f"predicted {j.predicted:<4} gold {j.gold:<4} P {j.precision:.3f}  "
                    f"R {j.recall:.3f}  F1 {j.f1:.3f}"
                )


if __name__ == "__main__":
    main()
