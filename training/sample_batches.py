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
from typing import Any

# source file (relative to shared/corpus) -> (random, enriched) counts
PLAN: dict[str, tuple[int, int]] = {
    "pool/sumo_tb.jsonl": (650, 350),
    "pool/sumo_ff.jsonl": (500, 250),
    "pool/ibm_twcare.jsonl": (400, 200),
    "pool/sgd_roleplay.jsonl": (200, 100),
    "bench/firefox_gplay.jsonl": (250, 150),
}
#: A second draw (round 2), after the first: the next replies in the same order, all at
#: random, leaning to the sources the first round had least of.
PLAN_ROUND_2: dict[str, int] = {
    "pool/ibm_twcare.jsonl": 300,
    "pool/sgd_roleplay.jsonl": 150,
    "pool/sumo_tb.jsonl": 250,
    "pool/sumo_ff.jsonl": 200,
    "bench/firefox_gplay.jsonl": 100,
}
#: A third draw (round 3), after the first two: per source, replies neither round took,
#: all enriched for what the model judged worst on held-out sources: empathy said
#: without the stock frames (judging the situation, agreeing, shared wants) and next
#: steps at the edge (handoffs, links, "we will consider"). Half of each source's count
#: from each cue, in sha1 order. All go to the training split (enriched draws never
#: enter the test split), so the test split stays comparable across rounds.
PLAN_ROUND_3: dict[str, int] = {
    "pool/sumo_tb.jsonl": 70,
    "pool/sumo_ff.jsonl": 60,
    "pool/ibm_twcare.jsonl": 70,
    "pool/sgd_roleplay.jsonl": 30,
    "bench/firefox_gplay.jsonl": 70,
}
#: A fourth draw (labelling round 7), past the first three: per source, the next replies
#: in sha1 order at random, leaning to the sources where next_step held worst on the
#: test split (the forum answers and the brand tweets). Random, so a fifth of it joins
#: the test split like every random draw.
PLAN_ROUND_4: dict[str, int] = {
    "pool/sumo_tb.jsonl": 70,
    "pool/sumo_ff.jsonl": 60,
    "pool/ibm_twcare.jsonl": 50,
    "pool/sgd_roleplay.jsonl": 10,
    "bench/firefox_gplay.jsonl": 10,
}
#: A fifth draw (labelling round 8), past the first four, at random, the same lean.
PLAN_ROUND_5: dict[str, int] = {
    "pool/sumo_tb.jsonl": 110,
    "pool/sumo_ff.jsonl": 100,
    "pool/ibm_twcare.jsonl": 60,
    "pool/sgd_roleplay.jsonl": 15,
    "bench/firefox_gplay.jsonl": 15,
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


FEELING_CUES = re.compile(
    r"shouldn't (?:happen|be)|not ideal|no ?one (?:wants|likes)|nobody (?:wants|likes)"
    r"|you(?:'re| are) (?:right|correct)|(?:completely|totally|fully) agree|\bi agree"
    r"|in your (?:shoes|position|place)|what a pain|hear that|\bi hear you|imagine"
    r"|(?:must|can) be (?:so |very |really |quite )?(?:frustrating|annoying|stressful|confusing"
    r"|difficult|hard|inconvenient|worrying)"
    r"|that(?:'s| is) (?:awful|terrible|not good|annoying|frustrating|a shame|unfortunate)"
    r"|understandabl|frustrat|annoy|inconvenien|disappoint|worr",
    re.IGNORECASE,
)
EDGE_STEP_CUES = re.compile(
    r"contact|reach out|get in touch|\bdm\b|send us|escalat|forward"
    r"|pass(?:ed)? (?:this|it) (?:on|along)"
    r"|\bteam\b|article|knowledge ?base|this link|consider|feedback|bug report|file a bug"
    r"|will (?:look|check|review)",
    re.IGNORECASE,
)


def _rank(record_id: str) -> str:
    return hashlib.sha1(record_id.encode("utf-8")).hexdigest()


def _for_annotators(record: dict[str, Any], draw_kind: str) -> dict[str, object]:
    msg = record.get("customer_message")
    if isinstance(msg, str) and len(msg) > CUSTOMER_CHARS:
        msg = msg[:CUSTOMER_CHARS] + " [...]"
    return {
        "id": record["id"],
        "source": record["source"],
        "channel": record["channel"],
        "draw": draw_kind,
        "customer_message": msg,
        "reply": record["reply"],
    }


def _ranked(shared: Path, rel: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (shared / "corpus" / rel).open(encoding="utf-8")]
    rows = [r for r in rows if len(r["reply"]) <= MAX_CHARS]
    rows.sort(key=lambda r: _rank(r["id"]))
    return rows


def draw(shared: Path, round_number: int = 1) -> list[dict[str, object]]:
    """Round 1: per source, the first replies in sha1 order at random, then the next
    ones with a cue. Round 2: per source, the next replies in sha1 order that round 1
    did not take, at random. Round 3: per source, past both rounds' draws, replies with a
    feeling cue and replies with an edge-of-a-step cue (``PLAN_ROUND_3``). Round 4: per
    source, past the first three draws, the next replies at random (``PLAN_ROUND_4``);
    round 5, the ones after those (``PLAN_ROUND_5``)."""
    picked: list[dict[str, object]] = []
    for rel, (n_random, n_enriched) in PLAN.items():
        rows = _ranked(shared, rel)
        random_part = rows[:n_random]
        enriched_part = [r for r in rows[n_random:] if CUES.search(r["reply"])][:n_enriched]
        if round_number == 1:
            picked += [_for_annotators(r, "random") for r in random_part]
            picked += [_for_annotators(r, "enriched") for r in enriched_part]
            continue
        taken = {r["id"] for r in [*random_part, *enriched_part]}
        rest = [r for r in rows[n_random:] if r["id"] not in taken]
        if round_number == 2:
            picked += [_for_annotators(r, "random") for r in rest[: PLAN_ROUND_2[rel]]]
            continue
        rest = rest[PLAN_ROUND_2[rel] :]
        half = PLAN_ROUND_3[rel] // 2
        feeling = [r for r in rest if FEELING_CUES.search(r["reply"])][:half]
        chosen = {r["id"] for r in feeling}
        edge = [r for r in rest if r["id"] not in chosen and EDGE_STEP_CUES.search(r["reply"])]
        edge = edge[: PLAN_ROUND_3[rel] - len(feeling)]
        if round_number == 3:
            picked += [_for_annotators(r, "enriched") for r in [*feeling, *edge]]
            continue
        chosen |= {r["id"] for r in edge}
        rest = [r for r in rest if r["id"] not in chosen]
        if round_number == 4:
            picked += [_for_annotators(r, "random") for r in rest[: PLAN_ROUND_4[rel]]]
            continue
        rest = rest[PLAN_ROUND_4[rel] :]
        picked += [_for_annotators(r, "random") for r in rest[: PLAN_ROUND_5[rel]]]
    # Interleave sources so every batch is a mix, in a fixed order.
    picked.sort(key=lambda r: _rank("batch:" + str(r["id"])))
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--round", type=int, choices=(1, 2, 3, 4, 5), default=1)
    parser.add_argument("--first-batch", type=int, default=1, help="number of the first file")
    args = parser.parse_args()
    records = draw(args.shared, args.round)
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(records), BATCH_SIZE):
        path = args.out / f"batch-{i // BATCH_SIZE + args.first_batch:03d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in records[i : i + BATCH_SIZE]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    batches = (len(records) + BATCH_SIZE - 1) // BATCH_SIZE
    print(f"{len(records)} replies in {batches} batches -> {args.out}")


if __name__ == "__main__":
    main()
