"""Draw the replies to be labelled for the training corpus, reproducibly.

Why a script: the labels in ``training/labels/`` are kept by id, and the texts they
describe come from ``../shared/corpus`` (tweets may not be copied into the repository).
Running this again gives the same ids in the same batches, so anyone can see which
replies were drawn and why.

The draw is stratified by source, and within each source a share is *enriched*: drawn
among replies with a cue for a rare label (feelings, times, refusals, waits), as
``dev_enriched.jsonl`` was, so those checks get enough positive examples to learn from.
Every record says how it was drawn (``draw``: ``random`` or ``enriched``); the test split
is taken from the random draw only.

    python training/sample_batches.py --shared ../shared --out /tmp/labelling/batches
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

# source file (relative to shared/corpus) -> (random, enriched) counts
PLAN: dict[str, tuple[int, int]] = {
    "pool/sumo_tb.jsonl": (650, 350),
    "pool/sumo_ff.jsonl": (500, 250),
    "pool/ibm_twcare.jsonl": (400, 200),
    "pool/sgd_roleplay.jsonl": (200, 100),
    "bench/firefox_gplay.jsonl": (250, 150),
}
MAX_CHARS = 3000  # longer replies are rare (about 3%) and slow to annotate well
BATCH_SIZE = 100
CUSTOMER_CHARS = 1200  # context for annotators; the full message is joined by id later

CUES = re.compile(
    r"frustrat|annoy|understand|imagine|worr|upset|disappoint|sorry|apolog"
    r"|within|hours?\b|days?\b|today|tomorrow|shortly|soon|by (?:mon|tue|wed|thu|fri|the end)"
    r"|can(?:no|')t|unable|not possible|isn't possible|unfortunately|policy"
    r"|don't (?:support|offer|ship)"
    r"|one moment|hold on|please hold|let me check|bear with|give me a (?:moment|minute|sec)"
    r"|thank",
    re.IGNORECASE,
)


def _rank(record_id: str) -> str:
    return hashlib.sha1(record_id.encode("utf-8")).hexdigest()


def draw(shared: Path) -> list[dict[str, object]]:
    picked: list[dict[str, object]] = []
    for rel, (n_random, n_enriched) in PLAN.items():
        rows = [json.loads(line) for line in (shared / "corpus" / rel).open(encoding="utf-8")]
        rows = [r for r in rows if len(r["reply"]) <= MAX_CHARS]
        rows.sort(key=lambda r: _rank(r["id"]))
        random_part = rows[:n_random]
        taken = {r["id"] for r in random_part}
        enriched_part = [r for r in rows[n_random:] if CUES.search(r["reply"])][:n_enriched]
        for draw_kind, part in (("random", random_part), ("enriched", enriched_part)):
            for r in part:
                assert r["id"] not in taken or draw_kind == "random"
                msg = r.get("customer_message")
                if isinstance(msg, str) and len(msg) > CUSTOMER_CHARS:
                    msg = msg[:CUSTOMER_CHARS] + " [...]"
                picked.append(
                    {
                        "id": r["id"],
                        "source": r["source"],
                        "channel": r["channel"],
                        "draw": draw_kind,
                        "customer_message": msg,
                        "reply": r["reply"],
                    }
                )
    # Interleave sources so every batch is a mix, in a fixed order.
    picked.sort(key=lambda r: _rank("batch:" + str(r["id"])))
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    records = draw(args.shared)
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(records), BATCH_SIZE):
        path = args.out / f"batch-{i // BATCH_SIZE + 1:03d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in records[i : i + BATCH_SIZE]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    batches = (len(records) + BATCH_SIZE - 1) // BATCH_SIZE
    print(f"{len(records)} replies in {batches} batches -> {args.out}")


if __name__ == "__main__":
    main()
