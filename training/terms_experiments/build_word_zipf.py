"""Build the term model's word table (``word_zipf.txt.gz`` in ``models/default/terms``): how common
each English word is, in half-zipf steps.

The term model reads a word's frequency band as a feature (a customer knows "toolbar",
zipf 2.7, better than "tarball", 1.3); the common-words list only says above or below 3.0.
Derived from ``wordfreq`` 3.1.1 (Robyn Speer et al.; data CC BY-SA 4.0, see
models/default/terms/NOTICE.md) so replylint needs neither wordfreq nor its data at run time:

    pip install wordfreq==3.1.1 && python training/terms_experiments/build_word_zipf.py
"""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import wordfreq  # type: ignore[import-not-found]

#: Words below zipf 1.5 (about once in 30 million words) are left out: "rare".
MIN_ZIPF = 1.5


def main() -> None:
    words = wordfreq.get_frequency_dict("en", wordlist="best")
    bands: dict[int, list[str]] = {}
    for word, frequency in sorted(words.items()):
        zipf = math.log10(frequency) + 9
        printable = word.isprintable() and not any(c.isspace() for c in word)
        if zipf >= MIN_ZIPF and printable and not word.startswith(("#", "@")):
            bands.setdefault(int(zipf * 2), []).append(word)
    out = Path(__file__).resolve().parents[2] / "models" / "default" / "terms" / "word_zipf.txt.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    # One section per band ("@band 5", then its words, one a line): read back with
    # dict.fromkeys per section, a tenth of the time of parsing a word-and-band line each.
    lines = [f"# bands of 2 x zipf, rounded down (wordfreq 3.1.1 'best', zipf >= {MIN_ZIPF})"]
    for band in sorted(bands):
        lines.append(f"@band {band}")
        lines.extend(bands[band])
    body = ("\n".join(lines) + "\n").encode("utf-8")
    out.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    count = sum(len(b) for b in bands.values())
    print(f"wrote {count} words to {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
