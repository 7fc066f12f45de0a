"""First names and their short forms, from the maintained ``nicknames`` dataset
(Apache-2.0, a CSV shipped with its package, read offline): one home for the checks that
need to know a person's name (``customer_name``: is "Rob" Robert?; ``agent_identity``:
is the sign-off a person?).

Loaded once per process (~50 ms) and immutable afterwards. Kept as one dict of strings
rather than the dataset's thousands of sets: the garbage collector does not track it, so
it costs nothing per reply afterwards (the sets made every full collection of a long
batch run slower).
"""

from __future__ import annotations

from functools import lru_cache

from nicknames import NickNamer


@lru_cache(maxsize=1)
def short_forms() -> dict[str, str]:
    """Each first name the dataset knows, lower-case, with its short forms joined by
    spaces."""
    namer = NickNamer()
    return {name: " ".join(sorted(nicks)) for name, nicks in namer.nickname_lookup.items()}


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every first name and short form the dataset knows, lower-case."""
    forms = short_forms()
    return frozenset(forms) | frozenset(" ".join(forms.values()).split())
