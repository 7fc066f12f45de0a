#!/usr/bin/env bash
# Rebuild the shipped checks model (models/default/) from the labelled corpus, as it
# was built: the training split of training/labels/ (tweets' texts are joined from
# ../shared/corpus/pool/ at this moment and never written into the repository),
# `replylint train` with its defaults (seed 0, folds by source, 12 epochs). About 25 minutes on
# two cores. Run from the repository top with the project's venv active or on PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python "$here/gold.py" --split train --out "$work/train.jsonl"
replylint train "$work/train.jsonl" --out "$work/default"
rm -rf "$here/../models/default"
cp -r "$work/default" "$here/../models/default"
echo "models/default rebuilt; measure it with: python training/evaluate_model.py test"
