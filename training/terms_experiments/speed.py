"""What the term model costs: replies per second of ``Linter().check_many`` on ~2,000
pool replies, rules only against the shipped term model, next to spaCy's blank
``nlp.pipe`` on the same texts.

python training/terms_experiments/speed.py [COUNT]

Each configuration runs in its own fresh process (no warm tokenizer cache from another
run); the best of three runs is kept. Replies are read in place from
../shared/corpus/pool/ (distinct texts, lowest sha1 of the id first), never copied.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POOL = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pool"


def load(count: int) -> list[str]:
    records = []
    for path in sorted(POOL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").split("\n"):  # not splitlines: U+2028
            if not line.strip():
                continue
            record = json.loads(line)
            records.append((hashlib.sha1(record["id"].encode()).hexdigest(), record["reply"]))
    seen: set[str] = set()
    texts = []
    for _, reply in sorted(records):
        key = " ".join(reply.split())
        if key and key not in seen:
            seen.add(key)
            texts.append(reply)
        if len(texts) == count:
            break
    return texts


def run(mode: str, count: int) -> float:
    """Replies per second of one mode: blank, rules, model."""
    texts = load(count)
    if mode == "blank":
        import spacy

        nlp = spacy.blank("en")
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=256):
            pass
        return len(texts) / (time.perf_counter() - started)
    import replylint.linter as linter_module
    from replylint import Linter

    if mode == "rules":  # a model directory without terms/: the rules-only path
        empty = Path(tempfile.mkdtemp())
        (empty / "common_words_en.txt").write_bytes(
            (linter_module.data_dir("models") / "common_words_en.txt").read_bytes()
        )
        original = linter_module.data_dir
        linter_module.data_dir = lambda name: empty if name == "models" else original(name)
    linter = Linter()
    started = time.perf_counter()
    for _ in linter.check_many(texts):
        pass
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(run(sys.argv[2], int(sys.argv[3])))
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    results = {}
    for mode in ("blank", "rules", "model"):
        rates = [
            float(
                subprocess.run(
                    [sys.executable, __file__, "--one", mode, str(count)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.split()[-1]
            )
            for _ in range(3)
        ]
        results[mode] = max(rates)
        runs = ", ".join(f"{r:.1f}" for r in rates)
        print(f"{mode:<6} {results[mode]:8.1f} replies/s  (runs: {runs})")
    for mode in ("rules", "model"):
        print(f"{mode}: {results[mode] / results['blank']:.3f}x blank nlp.pipe")
    print(
        f"term model cost: {1 - results['model'] / results['rules']:.1%} of rules-only throughput"
    )


if __name__ == "__main__":
    main()
