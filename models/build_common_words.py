"""Build ``common_words_en.txt``: English words common enough that every customer knows them.

The jargon check treats a word as *rare* (a jargon candidate) when it is not in this list.
It is derived from the ``wordfreq`` package (Robyn Speer et al.; data CC BY-SA 4.0, see
NOTICE.md) and shipped so that replylint needs neither wordfreq nor its 30 MB of data at
run time. Rebuild with:

    pip install wordfreq==3.1.1 && python models/build_common_words.py
"""

from __future__ import annotations

from pathlib import Path

import wordfreq  # type: ignore[import-not-found]

#: Zipf 3.0 = once per million words: "cache" (3.6) is common, "chipsets" (2.3) is not.
MIN_ZIPF = 3.0


def main() -> None:
    words = wordfreq.get_frequency_dict("en", wordlist="best")
    cutoff = 10 ** (MIN_ZIPF - 9)
    kept = sorted(w for w, f in words.items() if f >= cutoff and w.isprintable() and " " not in w)
    out = Path(__file__).with_name("common_words_en.txt")
    header = f"# English words with wordfreq zipf >= {MIN_ZIPF} (wordfreq 3.1.1, CC BY-SA 4.0)\n"
    out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"wrote {len(kept)} words to {out}")


if __name__ == "__main__":
    main()
