"""Train the shipped jargon term model: ``models/default/terms/`` from the train split.

python training/gold.py --split train --out train.jsonl
python training/terms_experiments/train.py train.jsonl [OUT_DIR]
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

from replylint.evaluation import read_gold
from replylint.model.terms_training import train_term_model
from replylint.resources import data_dir


def main() -> None:
    gold = list(read_gold(Path(sys.argv[1])))
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else data_dir("models") / "default" / "terms"
    summary = train_term_model(gold, out, seed=0, progress=print)
    for key, value in asdict(summary).items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
