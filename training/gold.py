"""Write the labelled corpus as gold JSONL (GUIDE.md's record format), the files that
``replylint eval`` and ``replylint train`` read.

Texts come from where they may live: the copyable sources' texts are in
``training/labels/`` itself, the written replies in ``training/written/``, and the tweets
are joined by id from ``../shared/corpus/pool/`` (they are never copied here).

    python training/gold.py --split test --out /tmp/gold-test.jsonl
    python training/gold.py --split train --exclude-source sumo_tb --out /tmp/train-no-tb.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _texts(shared: Path) -> dict[str, dict[str, Any]]:
    """Reply and customer message by id, for records whose text is not in labels/."""
    joined = {r["id"]: r for r in _lines(HERE / "written" / "replies.jsonl")}
    tweets = shared / "corpus" / "pool" / "ibm_twcare.jsonl"
    if tweets.exists():
        joined.update({r["id"]: r for r in _lines(tweets)})
    return joined


def gold_records(
    split: str, sources: set[str] | None, exclude: set[str], shared: Path = SHARED
) -> Iterator[dict[str, Any]]:
    texts = _texts(shared)
    for path in sorted((HERE / "labels").glob("*.jsonl")):
        for record in _lines(path):
            if split != "all" and record["split"] != split:
                continue
            if (sources and record["source"] not in sources) or record["source"] in exclude:
                continue
            if "reply" not in record:
                source = texts.get(record["id"])
                if source is None:
                    raise SystemExit(
                        f"{record['id']}: its text is not here; the tweets are read from "
                        f"{shared}/corpus/pool/ibm_twcare.jsonl"
                    )
                record = {**record, "reply": source["reply"],
                          "customer_message": source.get("customer_message")}  # fmt: skip
            gold = {
                "id": record["id"],
                "source": record["source"],
                "channel": record["channel"],
                "customer_message": record.get("customer_message"),
                "reply": record["reply"],
                "labels": record["labels"],
            }
            for key in ("customer_name", "template"):
                if key in record:
                    gold[key] = record[key]
            evidence = _evidence_passages(record)
            if evidence:
                gold["evidence"] = evidence
            yield gold


#: Second evidence passages some annotators wrote under their own key.
_SECOND_PASSAGE = {"next_step_2": "next_step", "n_2": "next_step"}


def _evidence_passages(record: dict[str, Any]) -> dict[str, list[str]]:
    """The annotators' evidence per present check, as passages of the reply (the tweets'
    labels keep char offsets, since their text may not be copied here). ``replylint
    train`` marks the sentences holding a passage as the ones that do what the check
    asks."""
    passages: dict[str, list[str]] = {}
    for key, where in record.get("evidence", {}).items():
        if isinstance(where, list) and len(where) == 2:
            where = record["reply"][where[0] : where[1]]
        if isinstance(where, str) and where.strip():
            passages.setdefault(_SECOND_PASSAGE.get(key, key), []).append(where)
    return passages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "test", "all"), default="all")
    parser.add_argument("--source", action="append", help="only these sources (repeatable)")
    parser.add_argument("--exclude-source", action="append", default=[], metavar="SOURCE")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    count = 0
    args.out.parent.mkdir(parents=True, exist_ok=True)  # as the other training scripts do
    with args.out.open("w", encoding="utf-8") as handle:
        for record in gold_records(
            args.split, set(args.source or ()), set(args.exclude_source), args.shared
        ):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} records -> {args.out}")


if __name__ == "__main__":
    main()
