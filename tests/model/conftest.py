"""Gold records written for these tests: small, varied replies with labels, enough for
``replylint train`` to run end to end in seconds (two folds, two epochs)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

_GREETINGS = ("Hi Dana,", "Hello Sam,", "")
_BODIES = (
    ("I've reset the sync token on your account.", False),
    ("Please sign out and back in, then tell me whether the list loads.", True),
    ("The export runs every night at midnight.", False),
    ("Our billing team will email you a corrected invoice by Friday.", True),
    ("That setting lives under Preferences > Privacy.", False),
    ("Could you send me a screenshot of the error so I can look into it?", True),
)
_CLOSINGS = ("Thanks for your patience!", "Best,")


def gold_lines() -> list[dict[str, object]]:
    """Every combination of greeting, body and closing, labelled by construction."""
    records = []
    for number, (greeting, (body, step), closing) in enumerate(
        itertools.product(_GREETINGS, _BODIES, _CLOSINGS)
    ):
        reply = " ".join(part for part in (greeting, body, closing, "Jo") if part)
        evidence = {"next_step": [body]} if step else {}
        records.append(
            {
                "id": f"t{number:03d}",
                "source": "tests",
                "channel": "email",
                "reply": reply,
                "labels": {
                    "greeting": bool(greeting),
                    "apology": False,
                    "empathy": False,
                    "next_step": step,
                    "next_step_timeframe": step and "Friday" in body,
                    "closing_thanks": closing.startswith("Thanks"),
                },
                "evidence": evidence,
            }
        )
    return records


@pytest.fixture(scope="session")
def gold_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in gold_lines()), encoding="utf-8")
    return path
