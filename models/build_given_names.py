"""Build ``given_names_intl.txt``: first names from many countries, for telling a person
from a word where a name is expected (a sign-off, a greeting, who acts in a step).

Why: the ``nicknames`` dataset (replylint/names.py) knows English names and their short
forms, about 2,200 of them. Agents and customers are called Priya, Siobhan, Aisha or
Kwame too; a reply signed "Thanks, Priya" read as unsigned raised a false "missing
agent name". This list adds the Latin-script first names of the person providers of
Faker (MIT licence, see NOTICE.md), about seventy locales, and is shipped so replylint
needs neither Faker nor its 25 MB at run time.

A name that is also an English word in lower case ("hope", "sunny", "will", "us") is
left out: on the line of a sentence ("Thanks! Enjoy") such a word is more often a word
than a signature, and the short-form dataset keeps the common ones it knows; they are
written apart, to ``given_names_words.txt``, for where a name is expected all the same
(a reply opening "Robin, ..."). The words
are those of Debian's ``wbritish`` list (SCOWL, a permissive licence; only read here,
not shipped), where a name is written with its capital ("Aisha", "Diego") and a word
in lower case ("hope"): a frequency list would also drop frequent names. Rebuild with:

    apt-get install wbritish && pip install faker==40.63.0 && python models/build_given_names.py
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import faker  # type: ignore[import-not-found]
import faker.providers.person  # type: ignore[import-not-found]

#: A first name in the Latin script (with accents, an apostrophe or a hyphen).
_LATIN_NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'\-]+")
_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
HERE = Path(__file__).resolve().parent
#: The names, and apart the names that are also English words ("robin", "grace"): a
#: capitalised word that opens a reply before a comma ("Robin, ...") is a name all the
#: same, where on the line of a sentence ("Thanks! Hope ...") it is more often a word.
NAMES_FILE = "given_names_intl.txt"
WORD_NAMES_FILE = "given_names_words.txt"
#: Debian's ``wbritish`` word list: English words, proper nouns capitalised.
ENGLISH_WORDS = Path("/usr/share/dict/british-english")


def _first_names(provider: type) -> set[str]:
    """Every first name a locale's person provider lists (lists or weighted dicts)."""
    found: set[str] = set()
    for attribute in _ATTRIBUTES:
        for klass in provider.__mro__:
            value = klass.__dict__.get(attribute)
            if isinstance(value, (dict, list, tuple, set, frozenset)):
                found.update(value)
                break
    return found


def main() -> None:
    words = ENGLISH_WORDS.read_text(encoding="utf-8").split()
    common = {word for word in words if word.islower()}
    names: set[str] = set()
    for module in pkgutil.iter_modules(faker.providers.person.__path__):
        provider = getattr(
            importlib.import_module(f"faker.providers.person.{module.name}"), "Provider", None
        )
        if provider is not None:
            names.update(n.lower() for n in _first_names(provider) if _LATIN_NAME.fullmatch(n))
    for name, kept, what in (
        (NAMES_FILE, sorted(n for n in names if n not in common), "English words left out"),
        (
            WORD_NAMES_FILE,
            sorted(n for n in names if n in common),
            "only those that are English words",
        ),
    ):
        out = HERE / name
        header = (
            f"# First names of Faker {faker.VERSION}'s person providers, Latin script, lower"
            f" case, {what} (MIT licence; see NOTICE.md)\n"
        )
        out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
        print(f"wrote {len(kept)} names to {out}")


if __name__ == "__main__":
    main()
