"""Settle two independent annotation passes into the corpus labels in ``training/labels/``.

Run once after labelling (the passes and the adjudicator's decisions live outside the
repository; what lands here is the settled result, by id):

    python training/settle.py --batches B --pass-a A --pass-b B2 --decisions D.jsonl

How a label is settled:
- a boolean or "not applicable" (null) both passes agree on is kept; where they differ,
  the adjudicator's decision (made by re-reading GUIDE.md) is taken;
- ``next_step_timeframe`` is false wherever ``next_step`` is;
- ``jargon`` holds the terms both annotators flagged, ``jargon_lenient`` the terms either
  flagged (GUIDE.md: precision is scored against the lenient list, recall the strict);
- ``template_residue`` holds what either flagged, the shorter spelling where one contains
  the other (residue is visible text: a miss is worse than a duplicate);
- ``evidence``: the passages the first pass gave (second pass where the first gave none),
  as text for copyable sources and as character offsets into the reply for tweets, whose
  text never enters the repository.

Records whose id or text is in ``../shared/corpus/dev*.jsonl`` are dropped: dev stays a
set the model never trained on. A fifth of the randomly drawn and the written replies
(by sha1 of the id) form the test split, never used for training or tuning.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BOOLS = ["greeting", "apology", "empathy", "next_step", "next_step_timeframe", "closing_thanks"]
MAYBE = ["options", "agent_identity", "hold", "customer_name"]
NOT_COPIED = {"ibm_twcare"}  # tweets: labels by id only (see training/README.md)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _flat(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text or "")).lower().split())


def split_of(record: dict[str, Any]) -> str:
    if record["draw"] == "enriched":
        return "train"
    digest = int(hashlib.sha1(record["id"].encode("utf-8")).hexdigest(), 16)
    return "test" if digest % 5 == 0 else "train"


def _terms_both(a: list[str], b: list[str]) -> list[str]:
    lower_b = {t.lower() for t in b}
    return [t for t in a if t.lower() in lower_b]


def _terms_either(a: list[str], b: list[str]) -> list[str]:
    seen = {t.lower() for t in a}
    return [*a, *(t for t in b if t.lower() not in seen)]


def _residue(a: list[str], b: list[str]) -> list[str]:
    terms = _terms_either(a, b)
    return [t for t in terms if not any(o != t and o in t for o in terms)]


def _evidence(record: dict[str, Any], a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    merged = {**b.get("evidence", {}), **a.get("evidence", {})}
    if record["source"] not in NOT_COPIED:
        return merged
    offsets = {}
    for key, passage in merged.items():
        start = record["reply"].find(passage)
        if start >= 0:
            offsets[key] = [start, start + len(passage)]
    return offsets


def settle(
    record: dict[str, Any],
    a: dict[str, Any],
    b: dict[str, Any],
    decided: dict[str, Any],
    full_message: str | None,
) -> dict[str, Any]:
    la, lb = a["labels"], b["labels"]
    labels: dict[str, Any] = {}
    for key in BOOLS + MAYBE:
        if key not in la and key not in lb:
            continue
        labels[key] = la.get(key) if la.get(key) == lb.get(key) else decided[key]
    if not labels["next_step"]:
        labels["next_step_timeframe"] = False
    labels["jargon"] = _terms_both(la["jargon"], lb["jargon"])
    labels["jargon_lenient"] = _terms_either(la["jargon"], lb["jargon"])
    labels["template_residue"] = _residue(la["template_residue"], lb["template_residue"])
    out: dict[str, Any] = {
        "id": record["id"],
        "source": record["source"],
        "channel": record["channel"],
        "draw": record["draw"],
        "split": split_of(record),
    }
    for key in ("customer_name", "template"):
        if key in record:
            out[key] = record[key]
    if record["source"] not in NOT_COPIED and record["source"] != "written":
        out["customer_message"] = full_message  # the batch showed annotators a cut one
        out["reply"] = record["reply"]
    out["labels"] = labels
    out["evidence"] = _evidence(record, a, b)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=Path, required=True)
    parser.add_argument("--pass-a", type=Path, required=True)
    parser.add_argument("--pass-b", type=Path, required=True)
    parser.add_argument("--decisions", type=Path, action="append", required=True, help="repeatable")
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "labels")
    args = parser.parse_args()
    decisions = {d["id"]: d["decisions"] for path in args.decisions for d in _lines(path)}
    dev_ids: set[str] = set()
    dev_texts: set[str] = set()
    for name in ("dev.jsonl", "dev_enriched.jsonl"):
        for r in _lines(args.shared / "corpus" / name):
            dev_ids.add(r["id"])
            dev_texts.add(_flat(r["reply"]))
    messages = {
        r["id"]: r["customer_message"]
        for path in [*(args.shared / "corpus" / "pool").glob("*.jsonl"),
                     args.shared / "corpus" / "bench" / "firefox_gplay.jsonl"]
        for r in _lines(path)
    }  # fmt: skip
    by_source: dict[str, list[dict[str, Any]]] = {}
    dropped = 0
    for batch in sorted(args.batches.glob("batch-*.jsonl")):
        if not (args.pass_a / batch.name).exists() or not (args.pass_b / batch.name).exists():
            print(f"{batch.name}: not labelled twice yet, left out")
            continue
        a = {r["id"]: r for r in _lines(args.pass_a / batch.name)}
        b = {r["id"]: r for r in _lines(args.pass_b / batch.name)}
        for record in _lines(batch):
            if record["id"] in dev_ids or _flat(record["reply"]) in dev_texts:
                dropped += 1
                continue
            rid = record["id"]
            full = messages.get(rid, record["customer_message"])
            settled = settle(record, a[rid], b[rid], decisions.get(rid, {}), full)
            by_source.setdefault(record["source"], []).append(settled)
    args.out.mkdir(parents=True, exist_ok=True)
    for source, records in sorted(by_source.items()):
        records.sort(key=lambda r: r["id"])
        with (args.out / f"{source}.jsonl").open("w", encoding="utf-8") as handle:
            for r in records:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    total = sum(len(v) for v in by_source.values())
    print(f"{total} settled records in {len(by_source)} files; {dropped} dropped (in dev)")


if __name__ == "__main__":
    main()
