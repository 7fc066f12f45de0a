"""Rewrite ``parsed-packs.json``: the packs of this folder as parsed YAML, so that
building a linter reads JSON instead of parsing them (see replylint/parsed_packs.py).
Run after editing a pack (tests/test_parsed_packs.py fails until then; the pre-commit
hook `parsed-packs` runs it when a commit changes a pack):

    python rules/build_parsed_packs.py
"""

from __future__ import annotations

from replylint.parsed_packs import write_snapshot

if __name__ == "__main__":
    print(f"wrote {write_snapshot()}")
