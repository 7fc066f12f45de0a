"""The jargon term model: broad rule-made candidates, a learned decision on each.

Why a model: whether "IMAP" or "about:config" is jargon depends on who reads it and how
the reply uses it, and phrase lists tuned one error at a time over-fit (issue 12). So
candidate *generation* stays rule-based and broad (it should miss little): every
whitespace-delimited word with a technical shape (acronym, CamelCase, a digit in a word,
a dotted or underscored identifier, a word outside the common-words list) and every
phrase of the pack's technical lexicon. Structural exclusions are mechanisms, not word
lists: nothing inside a URL, a Markdown link target, an e-mail address, a handle, a
template placeholder (also ``[ AGENT NAME ]`` with spaces), the sign-off or the greeted
name is a candidate, and a term the reply explains is not either (GUIDE.md).

The *decision* is a logistic regression over sparse binary features of each candidate
(its shape, casing, length, character 3-grams, how common the word is in English,
whether the pack lists it, whether the customer used it, its neighbouring words, the
channel, and the term itself),
trained with numpy on the labelled replies of ``training/labels``. Its score is
calibrated (Platt scaling on out-of-fold predictions of a 5-fold cross-validation), and
the reporting threshold is chosen on those out-of-fold predictions, never on the test
split. Training is deterministic: the folds come from a salted sha1 of the record id and
the optimiser starts from zeros, so the same data and seed give the same model.

The artifact is a directory: the weights as one small JSON file (``terms.json``, no
pickle) and the word-frequency table the features were computed with
(``word_zipf.txt.gz``), so a trained directory stands alone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy
import numpy.typing as npt
from spacy.tokens import Doc

from replylint.matchers import Phrases
from replylint.resources import data_dir

if TYPE_CHECKING:
    from replylint.analysis import AnalyzedReply
    from replylint.evaluation import GoldRecord
    from replylint.rule import RuleContext

#: File name of the artifact inside ``<model_dir>/terms/``.
MODEL_FILE = "terms.json"
#: How common each English word is (see training/terms_experiments/build_word_zipf.py);
#: shipped next to the weights, as the features depend on it.
WORDS_FILE = "word_zipf.txt.gz"
#: Bumped when the features or the file layout change: an old file is then refused.
FORMAT_VERSION = 1

FloatArray = npt.NDArray[numpy.float64]
IntArray = npt.NDArray[numpy.int64]

# --- structure of the text --------------------------------------------------------------

#: A URL written out, bare (www.) or with a scheme; it ends at whitespace or a closer.
#: (Square brackets may be part of it: "https://[2606:4700::1111]/" is an IPv6 address.)
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,10}://|\bwww\.)[^\s<>()\"']+", re.IGNORECASE)
#: A bare domain name or path ("support.example.com/kb"). File names ("prefs.js",
#: "key4.db") are not domains: a two-letter top-level domain (a country's) counts only
#: after two dots ("bbc.co.uk") or before a path ("example.de/help").
_DOMAIN_END = r"(?=[\s)\]>,;:!?\"']|\.(?:\s|$)|$)"
_DOMAIN_PATH = r"(?:/[^\s<>()\[\]\"']*)?"
_DOMAIN = re.compile(  # (one scan of the first label, then the three kinds)
    r"(?<![\w.-])[\w-]+\.(?:"
    r"(?:[\w-]+\.)*(?:com|org|net|edu|gov|io|co|info|biz|me|ly|app|dev)"
    + _DOMAIN_PATH
    + _DOMAIN_END
    + r"|(?:[\w-]+\.)+[a-z]{2}"
    + _DOMAIN_PATH
    + _DOMAIN_END
    + r"|[a-z]{2}/[^\s<>()\[\]\"']*)",
    re.IGNORECASE,
)
#: The target of a Markdown link or image: ``[label](target "title")``.
_MARKDOWN_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
#: (Each starts only where a run of its characters starts: linear time on long runs.)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w@])[@#][\w.]+")
#: Each structure, with the strings without which it cannot occur (a cheap test first).
_STRUCTURES = (
    (_MARKDOWN_TARGET, ("](",)),
    (_URL, ("://", "www.", "WWW.")),
    (_EMAIL, ("@",)),
    (_HANDLE, ("@", "#")),
    (_DOMAIN, (".",)),
)
#: Bracketed text that may be a template field: square, curly or angle brackets.
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,60})\]|\{([^{}\n]{1,60})\}|<([^<>\n]{1,60})>")
_PLACEHOLDER_WORD = re.compile(r"^[A-Z0-9_]+$|^[A-Z][a-z]+$")
_CHUNK = re.compile(r"\S+")
#: Everything ``_strip`` may take off a word, for the quick test of ordinary words.
_AROUND = "\"'([{<*“‘`«_.,;:!?)]}>”’»…"
_LEADING = "\"'([{<*“‘`«_"
_TRAILING = ".,;:!?)]}>\"'*”’`»…_"
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LETTER = re.compile(r"[^\W\d_]")
_CAPITALS = re.compile(r"[A-Z]")
_DIGIT = re.compile(r"\d")
_INNER_MARK = re.compile(r"\w[._:/\\]+\w|^\.\w")
_PART_SPLIT = re.compile(r"[/]")
_SHAPE_RUN = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Candidate:
    """One possible jargon term: its characters in the analysed text and its features."""

    start: int
    end: int
    text: str
    features: tuple[str, ...]

    def with_features(self, extra: tuple[str, ...]) -> Candidate:
        return Candidate(self.start, self.end, self.text, self.features + extra)


@dataclass(frozen=True)
class _Chunk:
    start: int
    end: int
    text: str


class CandidateFinder:
    """Finds the possible jargon terms of a reply and describes each for the model.

    Built once per rule from the rule context (the packs' lexicons, the common-words
    list); ``find`` is on the linter's hot path, so it reads the text with regular
    expressions and touches spaCy tokens only around each candidate.
    """

    def __init__(self, context: RuleContext, word_bands: Mapping[str, int]) -> None:
        packs = context.packs
        self._bands = word_bands
        self._common = context.common_words
        self._common_acronyms = frozenset(
            w.upper() for w in packs.lexicon("jargon.common_acronyms")
        )
        self._products = frozenset(w.lower() for w in packs.lexicon("jargon.product_names"))
        self._technical = frozenset(w.lower() for w in packs.lexicon("jargon.technical_terms"))
        self._phrases = Phrases(packs, context.make_doc, "jargon.technical_terms")
        self._salutations = Phrases(packs, context.make_doc, "greeting.salutations")
        self._openers = packs.words("jargon.definition_openers")
        self._after_is = packs.words("jargon.definition_after_is")
        self._verbs = packs.words("jargon.definition_verbs")
        self._loose = packs.words("jargon.definition_openers_loose")

    def find(self, reply: AnalyzedReply) -> list[Candidate]:
        """The candidates of the reply's content sentences, in text order.

        On the hot path: most words are common lower-case or capitalised words, and are
        passed over with one set lookup; features are computed for candidates only."""
        sentences = reply.sentences
        if not sentences:
            return []
        text = reply.normalized.text
        begin, finish = sentences[0].start_char, sentences[-1].end_char
        masked = mask_structures(text, begin, finish, reply.placeholder_spans)
        common = self._common
        words = {w.strip(_AROUND) for w in masked[begin:finish].split()}
        odd = {w for w in words if w and not _ordinary(w, common)}
        ordinary = not odd  # every word ordinary (the usual reply): no loop needed
        phrases = [
            p
            for p in self._phrases.find(reply.doc)
            if begin <= p.start_char
            and p.end_char <= finish
            and masked[p.start_char : p.end_char] == text[p.start_char : p.end_char]
            and not self._known(text[p.start_char : p.end_char])
        ]
        if ordinary and not phrases:
            return []
        chunks = list(_CHUNK.finditer(masked, begin, finish))
        wanted: list[tuple[int, int, str, int]] = []  # start, end, kind, chunk index
        greeted: set[str] | None = None
        for phrase in phrases:
            if greeted is None:
                greeted = self._greeted(reply)
            if phrase.text not in greeted:
                start = phrase.start_char
                wanted.append((start, phrase.end_char, "phrase", _chunk_at(chunks, start)))
        for index, match in enumerate(() if ordinary else chunks):
            if match.group().strip(_AROUND) not in odd:
                continue  # the common case: an ordinary word
            word = _strip(match.start(), match.group())
            if word is None:
                continue
            spans = list(self._spans_of(word))
            if not spans:
                continue
            if greeted is None:
                greeted = self._greeted(reply)
            if word.text not in greeted:
                wanted.extend((start, end, kind, index) for start, end, kind in spans)
        if not wanted:
            return []
        found: list[Candidate] = []
        taken: set[tuple[int, int]] = set()
        reply_features = _reply_features(reply, _is_shouting(text))
        region = masked[begin:finish].lower()
        for start, end, kind, index in wanted:
            if (start, end) in taken:
                continue
            taken.add((start, end))
            candidate = self._candidate(reply, chunks, index, (start, end, kind), region)
            found.append(candidate.with_features(reply_features))
        found = self._unless_explained(reply.doc, found)
        found.sort(key=lambda c: (c.start, -c.end))
        return found

    def _unless_explained(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """Without the terms the reply explains anywhere (GUIDE.md: a term explained in
        the same reply is not jargon, so every mention of it goes). After a loose cue
        ("For POP, the settings") a mention stays, the model weighing the cue."""
        kinds = [self._explanation(doc, c) for c in found]
        explained = {
            c.text.lower()
            for c, k in zip(found, kinds, strict=True)
            if k not in (None, "comma_loose")
        }
        return [
            c.with_features(("explained=loose",)) if k == "comma_loose" else c
            for c, k in zip(found, kinds, strict=True)
            if c.text.lower() not in explained
        ]

    def _known(self, text: str) -> bool:
        """A widely known acronym (PDF, USB, "IDs") or a public product name (Firefox):
        never jargon (GUIDE.md), and the pack's lists are precise (of 1,822 such
        candidates in the training replies, 7 were flagged). A team extends both."""
        bare = text[:-1] if text.endswith("s") and text[:-1].isupper() else text
        upper = text.upper()
        return (
            upper in self._common_acronyms
            or bare.upper() in self._common_acronyms
            or text.lower() in self._products
        )

    def _spans_of(self, word: _Chunk) -> Iterator[tuple[int, int, str]]:
        """The word itself when its shape or rarity makes it a candidate, and the parts
        of a slashed pair ("SSL/TLS": the pair, "SSL" and "TLS")."""
        if self._is_candidate(word.text) and not self._known(word.text):
            yield word.start, word.end, "word"
        if "/" in word.text:
            offset = word.start
            for part in _PART_SPLIT.split(word.text):
                if len(part) >= 2 and self._is_candidate(part) and not self._known(part):
                    yield offset, offset + len(part), "part"
                offset += len(part) + 1

    def _is_candidate(self, text: str) -> bool:
        """Broad on purpose: the model decides. Needs two letters; then any of a capital
        after the first letter, a digit, an inner dot, colon, slash or underscore, a
        word outside the common-words list, or a single-word entry of the lexicon."""
        if len(text) < 2 or len(_LETTER.findall(text)) < 2:
            return False
        if _CAPITALS.search(text, 1) or _DIGIT.search(text) or _INNER_MARK.search(text):
            return True
        lower = text.lower()
        return lower not in self._common or lower in self._technical

    def _candidate(
        self,
        reply: AnalyzedReply,
        chunks: list[re.Match[str]],
        index: int,
        where: tuple[int, int, str],
        region: str,
    ) -> Candidate:
        """The candidate with its features; ``region`` is the lower-cased content text."""
        start, end, kind = where
        text = reply.normalized.text[start:end]
        lower = text.lower()
        features = [f"kind={kind}", f"term={lower}", *self._shape_features(text)]
        features.extend(_char_grams(lower))
        customer = reply.customer_text
        if customer and lower in customer.lower():
            features.append("customer_used")
        if region.count(lower) > 1:  # (as a substring: cheap, and close enough)
            features.append("repeated")
        before = _neighbours(chunks, index, -1)
        after = _neighbours(chunks, index, 1)
        features.append(f"prev={_context_word(before[0])}" if before else "prev=^")
        if after:
            features.append(f"next={_context_word(after[0])}")
        features.extend(f"ctx={_context_word(w)}" for w in before + after)
        opening = reply.normalized.text[max(0, start - 2) : start]
        if opening.endswith(("(", "[")):
            features.append("in_brackets")
        if opening.endswith(('"', "'", "“", "‘", "`")):
            features.append("quoted")
        return Candidate(start, end, text, tuple(features))

    def _shape_features(self, text: str) -> list[str]:
        """What the term looks like: casing, shape, length, rarity, lexicon membership."""
        lower = text.lower()
        letters = _LETTER.findall(text)
        upper = sum(c.isupper() for c in letters)
        if upper == len(letters):
            case = "upper"
        elif upper == 0:
            case = "lower"
        elif upper == 1 and text[0].isupper():
            case = "title"
        elif text[0].islower():
            case = "camel"
        else:
            case = "mixed"
        parts = [p for p in re.split(r"[\s/_.:\\-]+", lower) if p]
        common_parts = sum(p in self._common for p in parts)
        common = "all" if common_parts == len(parts) else "some" if common_parts else "none"
        bands = [self._bands.get(p, 0) for p in parts if _LETTER.search(p)]
        band = f"zipf={min(bands) if bands else 0}"
        features = [
            band,
            f"{band}|case={case}",
            f"case={case}",
            f"shape={_shape(text)}",
            f"len={_bucket(len(text), (2, 3, 4, 6, 9, 14))}",
            f"words={min(len(text.split()), 3)}",
            f"common={lower in self._common}",
            f"common_parts={common}",
            f"case={case}|common={common}",
        ]
        if lower in self._technical:
            features.append("lex=technical")
        if _DIGIT.search(text):
            features.append("has_digit")
        for mark, name in ((".", "dot"), ("_", "underscore"), (":", "colon"), ("/", "slash")):
            if mark in text:
                features.append(f"has_{name}")
        if "-" in text:
            features.append("has_hyphen")
        if "." in text.strip("."):
            extension = text.rsplit(".", 1)[1].lower()
            if extension.isalpha():
                features.append(f"ext={extension}")
        if text.startswith("."):
            features.append("leading_dot")
        return features

    def _greeted(self, reply: AnalyzedReply) -> set[str]:
        """The name in "Hi PJMFOX44," (a forum user name is not jargon, wherever it
        recurs): up to five words after the opening salutation, to the first punctuation."""
        opening = reply.opening
        salutation = self._salutations.first(opening) if opening is not None else None
        if opening is None or salutation is None or salutation.start != opening.start:
            return set()
        names = set()
        for token in opening.doc[salutation.end : min(salutation.end + 5, opening.end)]:
            if token.is_punct:
                break
            names.add(token.text)
        return names

    def _explanation(self, doc: Doc, candidate: Candidate) -> str | None:
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None:
            return None
        return explanation(
            doc, span.start, span.end, self._openers, self._after_is, self._verbs, self._loose
        )


def explanation(
    doc: Doc,
    start: int,
    end: int,
    openers: frozenset[str],
    after_is: frozenset[str],
    verbs: frozenset[str],
    loose: frozenset[str] = frozenset(),
) -> str | None:
    """How the tokens ``start:end`` are explained where they stand, if they seem to be:
    'EHR (electronic health record)' (``paren_after``), 'electronic health record
    (EHR)' (``paren_around``), 'SSO, our single sign-on' (``comma``), 'TTL is a
    setting' (``is``), 'TTL means ...' (``verb``), 'RMA (RMA, return authorisation)'
    (``paren_list``). After a comma, an opener in ``loose`` ("For POP, the settings")
    gives ``comma_loose``: that one the model weighs; the others are explanations."""
    after = doc[end : end + 3]
    before = doc[start - 1] if start > 0 else None
    if len(after) >= 2 and after[0].text == "(" and after[1].is_alpha:
        return "paren_after"
    if before is not None and before.text == "(" and after:
        if after[0].text == ")":
            if start >= 3 and all(t.is_alpha for t in doc[start - 3 : start - 1]):
                return "paren_around"
            return None
        if after[0].text in {",", ":", "=", "-", "–"} and len(after) >= 2:
            # "(RMA, return ...)" explains; "(POP, IMAP)" lists
            return "paren_list" if after[1].is_lower else None
    if len(after) >= 2 and after[0].text in {",", "-", "–", ":"}:
        if after[1].lower_ not in openers:
            return None
        return "comma_loose" if after[1].lower_ in loose else "comma"
    if len(after) >= 2 and after[0].lower_ in {"is", "are"}:
        return "is" if after[1].lower_ in after_is else None
    return "verb" if len(after) >= 1 and after[0].lower_ in verbs else None


def mask_structures(
    text: str, begin: int, finish: int, placeholders: Iterable[tuple[int, int]]
) -> str:
    """The text with every structural non-candidate blanked (same length, so offsets
    hold): URLs, domains, Markdown link targets, e-mail addresses, handles, placeholders,
    and bracketed template fields such as ``[ AGENT NAME ]`` or ``<customer name>``."""
    region = text[begin:finish]
    blanks: list[tuple[int, int]] = [(s - begin, e - begin) for s, e in placeholders]
    for pattern, triggers in _STRUCTURES:
        if any(t in region for t in triggers):
            blanks.extend(m.span() for m in pattern.finditer(region))
    if "[" in region or "{" in region or "<" in region:
        for match in _BRACKETED.finditer(region):
            inner = next(g for g in match.groups() if g is not None)
            if _is_template_field(inner):
                blanks.append(match.span())
    if not blanks:
        return text
    pieces = [text[:begin]]
    position = 0
    for start, end in sorted(blanks):
        start, end = max(start, position), min(end, len(region))
        if start < end:
            pieces.extend((region[position:start], " " * (end - start)))
            position = end
    pieces.extend((region[position:], text[finish:]))
    return "".join(pieces)


def _is_template_field(inner: str) -> bool:
    """``[ AGENT NAME ]``, ``{order_id}``, ``<Customer Name>``: every word a capitalised
    or all-caps label (or the text has an underscore), at most five words."""
    words = inner.split()
    if not 1 <= len(words) <= 5 or not any(c.isalpha() for c in inner):
        return False
    if "_" in inner and " " not in inner.strip():
        return True
    return all(_PLACEHOLDER_WORD.match(w.strip(":.,")) for w in words) and (
        inner.upper() == inner or len(words) > 1
    )


def _strip(start: int, raw: str) -> _Chunk | None:
    """A whitespace-delimited word without the punctuation around it (keeping the dot
    that starts a file extension, ".msf") and without a possessive "'s"."""
    left, right = 0, len(raw)
    while left < right and raw[left] in _LEADING:
        left += 1
    while right > left and raw[right - 1] in _TRAILING:
        right -= 1
    core = raw[left:right]
    possessive = _POSSESSIVE.search(core)
    if possessive and possessive.start() > 0:
        right -= len(possessive.group())
        core = raw[left:right]
    while core.startswith(".") and (len(core) < 2 or not core[1].isalnum()):
        left += 1  # "...and": an ellipsis, not a file extension
        core = raw[left:right]
    if not core or not any(c.isalnum() for c in core):
        return None
    return _Chunk(start + left, start + right, core)


def _ordinary(word: str, common: frozenset[str]) -> bool:
    """A common word in lower case or capitalised, without digits or inner marks: never
    a candidate (``_is_candidate`` says no, and ``_strip`` could not make it one)."""
    return (
        word[1:].islower()
        and word.lower() in common
        and not _DIGIT.search(word)
        and not _INNER_MARK.search(word)
    )


def _chunk_at(chunks: list[re.Match[str]], start: int) -> int:
    """The index of the chunk at or after ``start`` (a phrase's first word)."""
    for index, chunk in enumerate(chunks):
        if chunk.end() > start:
            return index
    return max(len(chunks) - 1, 0)


def _neighbours(chunks: list[re.Match[str]], index: int, step: int, count: int = 4) -> list[str]:
    """Up to ``count`` words before (``step`` -1, nearest first) or after the chunk,
    without the punctuation around them (a quick strip: context words need not be exact)."""
    found: list[str] = []
    position = index + step
    while 0 <= position < len(chunks) and len(found) < count:
        word = chunks[position].group().strip(_AROUND)
        if word:
            found.append(word)
        position += step
    return found


def _char_grams(lower: str) -> list[str]:
    """Character 3-grams of the term, with word boundaries: they let what was learned of
    "oauth" carry over to "oauth2", and of ".json" files to a file never seen."""
    padded = f"<{lower}>"
    return sorted({f"c3={padded[i : i + 3]}" for i in range(len(padded) - 2)})


def _context_word(text: str) -> str:
    lower = text.lower()
    if _DIGIT.search(lower) and not _LETTER.search(lower):
        return "#num"
    return lower if len(lower) <= 20 else "#long"


def _shape(text: str) -> str:
    """Xxxx -> Xx, SMTP -> X, userChrome.css -> xXx.x, FIDO2 -> Xd (runs collapsed)."""
    mapped = "".join(
        "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in text
    )
    return _SHAPE_RUN.sub(r"\1", mapped)[:8]


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _is_shouting(text: str) -> bool:
    """Mostly capitals: then capitalised words are emphasis, not acronyms."""
    letters = len(_LETTER.findall(text))
    return letters > 20 and len(_CAPITALS.findall(text)) > 0.6 * letters


def _reply_features(reply: AnalyzedReply, shouting: bool) -> tuple[str, ...]:
    features = [f"channel={reply.channel}", f"customer={reply.customer_text is not None}"]
    if shouting:
        features.append("shouting")
    return tuple(features)


@lru_cache(maxsize=4)
def load_word_bands(path: Path) -> Mapping[str, int]:
    """Word -> twice its zipf frequency, rounded down (0 = rarer than the table goes).
    Cached: one table serves every linter built in the process (read-only)."""
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise TermModelError(
            f"word table {path} cannot be read ({exc}); retrain the model"
        ) from None
    bands: dict[str, int] = {}
    for section in text.split("\n@band ")[1:]:  # "@band 5\nword\nword...": see the builder
        band, _, words = section.partition("\n")
        bands.update(dict.fromkeys(words.split(), int(band)))
    return MappingProxyType(bands)


# --- the model --------------------------------------------------------------------------


@dataclass(frozen=True)
class TermModel:
    """A trained jargon decision: feature weights, a Platt calibration and a threshold.

    ``probability`` is the calibrated chance that a candidate is jargon an annotator
    would flag; ``select`` keeps the candidates at or above ``threshold``, one per
    overlapping group (the likeliest), each term once.
    """

    weights: dict[str, float]
    bias: float
    platt_a: float
    platt_b: float
    threshold: float
    #: The word-frequency table the features were computed with (``WORDS_FILE``).
    words_path: Path
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def word_bands(self) -> Mapping[str, int]:
        return load_word_bands(self.words_path)

    @classmethod
    def load(cls, path: Path) -> TermModel:
        """Read the model in directory ``path`` (as written by ``save``)."""
        file = path / MODEL_FILE
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise TermModelError(
                f"no term model at {file}; train one with `replylint train` or use the rules only"
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise TermModelError(f"term model {file} cannot be read ({exc}); retrain it") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise TermModelError(
                f"term model {file} is not format {FORMAT_VERSION}; retrain it with this version"
            )
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            platt_a=float(data["platt"][0]),
            platt_b=float(data["platt"][1]),
            threshold=float(data["threshold"]),
            words_path=path / WORDS_FILE,
            meta=dict(data.get("meta", {})),
        )

    def save(self, path: Path) -> None:
        """Write the model to directory ``path`` (created if needed): the weights as one
        JSON file, and a copy of the word-frequency table, so the directory stands alone."""
        path.mkdir(parents=True, exist_ok=True)
        target_words = path / WORDS_FILE
        if not target_words.exists() or not target_words.samefile(self.words_path):
            shutil.copyfile(self.words_path, target_words)
        data = {
            "format": FORMAT_VERSION,
            "bias": round(self.bias, 5),
            "platt": [round(self.platt_a, 5), round(self.platt_b, 5)],
            "threshold": round(self.threshold, 4),
            "meta": self.meta,
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())},
        }
        (path / MODEL_FILE).write_text(
            json.dumps(data, indent=0, sort_keys=False, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )

    def score(self, candidate: Candidate) -> float:
        """The uncalibrated log-odds of the candidate."""
        weights = self.weights
        return self.bias + sum(weights.get(f, 0.0) for f in candidate.features)

    def probability(self, candidate: Candidate) -> float:
        """The calibrated probability that the candidate is jargon."""
        return _sigmoid(self.platt_a * self.score(candidate) + self.platt_b)

    def select(self, candidates: Sequence[Candidate]) -> list[tuple[Candidate, float]]:
        """The candidates to report, with their probabilities, in text order."""
        return decode(candidates, [self.probability(c) for c in candidates], self.threshold)


class TermModelError(ValueError):
    """The term model could not be read; says what to do."""


def decode(
    candidates: Sequence[Candidate], probabilities: Sequence[float], threshold: float
) -> list[tuple[Candidate, float]]:
    """Keep candidates at or above ``threshold``; of overlapping ones the likeliest;
    each term (case-insensitively) once, at its first place."""
    order = sorted(range(len(candidates)), key=lambda i: (-probabilities[i], i))
    kept: list[int] = []
    for i in order:
        if probabilities[i] < threshold:
            break
        c = candidates[i]
        if all(c.end <= candidates[k].start or candidates[k].end <= c.start for k in kept):
            kept.append(i)
    kept.sort(key=lambda i: candidates[i].start)
    seen: set[str] = set()
    result = []
    for i in kept:
        key = candidates[i].text.lower()
        if key not in seen:
            seen.add(key)
            result.append((candidates[i], probabilities[i]))
    return result


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


# --- training ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledReply:
    """A gold record's candidates with the labels the annotators gave."""

    id: str
    source: str
    candidates: tuple[Candidate, ...]
    strict: frozenset[str]
    lenient: frozenset[str]


@dataclass(frozen=True)
class TermFigures:
    """Per-term precision (vs the lenient list) and recall (vs the strict list)."""

    predicted: int
    correct: int
    gold: int
    found: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class TermModelSummary:
    """What training did: the data it saw and the cross-validated figures."""

    replies: int
    candidates: int
    positives: int
    gold_terms: int
    candidate_recall: float
    features: int
    threshold: float
    cv_precision: float
    cv_recall: float
    cv_f1: float
    seed: int


@dataclass(frozen=True)
class TrainingOptions:
    """The choices training makes; the defaults were picked by cross-validation on the
    train split (training/terms_experiments/REPORT.md)."""

    l2: float = 3e-4
    iterations: int = 300
    learning_rate: float = 0.1
    min_count: int = 2
    lenient_target: float = 0.5
    min_precision: float = 0.70
    folds: int = 5


def shipped_words_path() -> Path:
    """The word table shipped with replylint: the bundled model's own copy (a trained
    directory keeps a copy beside its weights, so it stands alone)."""
    return data_dir("models") / "default" / "terms" / WORDS_FILE


def labelled_replies(
    gold: Sequence[GoldRecord],
    progress: Callable[[str], None] | None = None,
    words_path: Path | None = None,
) -> list[LabelledReply]:
    """Analyse each gold record as the linter does and find its candidates."""
    from replylint.linter import InputError, Linter  # the linter loads the rules

    linter = Linter({"select": ["jargon"]})
    context = next(r.context for r in linter.rules if r.id == "jargon")
    finder = CandidateFinder(context, load_word_bands(words_path or shipped_words_path()))
    result = []
    for number, record in enumerate(gold, 1):
        try:
            reply = linter.analyze(
                record.reply, channel=record.channel, customer_message=record.customer_message
            )
            candidates = tuple(finder.find(reply))
        except InputError:
            candidates = ()
        extra = record.model_extra or {}
        result.append(
            LabelledReply(
                id=record.id,
                source=str(extra.get("source", "")),
                candidates=candidates,
                strict=frozenset(t.strip() for t in record.labels.jargon),
                lenient=frozenset(t.strip() for t in record.labels.jargon_lenient),
            )
        )
        if progress is not None and number % 500 == 0:
            progress(f"term model: analysed {number} of {len(gold)} replies")
    return result


def fold_of(record_id: str, seed: int, folds: int) -> int:
    """The cross-validation fold of a record: a salted sha1 of its id (stable)."""
    digest = hashlib.sha1(f"terms-cv:{seed}:{record_id}".encode()).hexdigest()
    return int(digest, 16) % folds


def target(candidate: Candidate, reply: LabelledReply, lenient_target: float) -> float:
    """1 for a term every annotator flagged, ``lenient_target`` for one only some did."""
    if candidate.text in reply.strict:
        return 1.0
    if candidate.text in reply.lenient:
        return lenient_target
    return 0.0


def fit(
    replies: Sequence[LabelledReply], options: TrainingOptions
) -> tuple[dict[str, float], float]:
    """Fit the logistic regression on the candidates of ``replies``: (weights, bias)."""
    counts = Counter(f for r in replies for c in r.candidates for f in set(c.features))
    vocabulary = sorted(f for f, n in counts.items() if n >= options.min_count)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows: list[list[int]] = []
    labels: list[float] = []
    for reply in replies:
        for candidate in reply.candidates:
            rows.append(sorted({index[f] for f in candidate.features if f in index}))
            labels.append(target(candidate, reply, options.lenient_target))
    if not rows:
        raise ValueError("no candidates to train the term model on; is the gold file empty?")
    coefficients = _logistic_regression(rows, numpy.array(labels), len(vocabulary), options)
    weights = {f: float(w) for f, w in zip(vocabulary, coefficients[1:], strict=True) if w}
    return weights, float(coefficients[0])


def _logistic_regression(
    rows: list[list[int]], labels: FloatArray, n_features: int, options: TrainingOptions
) -> FloatArray:
    """L2-regularised logistic regression on binary sparse rows, full-batch Adam from
    zeros (deterministic). Index 0 of the result is the bias (not regularised)."""
    lengths = numpy.array([len(r) for r in rows], dtype=numpy.int64)
    columns = numpy.array([i + 1 for r in rows for i in r], dtype=numpy.int64)
    row_ids = numpy.repeat(numpy.arange(len(rows)), lengths)
    n = len(rows)
    w = numpy.zeros(n_features + 1)
    m = numpy.zeros_like(w)
    v = numpy.zeros_like(w)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    penalty = numpy.full_like(w, options.l2)
    penalty[0] = 0.0
    for step in range(1, options.iterations + 1):
        logits = w[0] + numpy.bincount(row_ids, weights=w[columns], minlength=n)
        residual = 1.0 / (1.0 + numpy.exp(-logits)) - labels
        counts: FloatArray = numpy.bincount(
            columns, weights=residual[row_ids], minlength=n_features + 1
        ).astype(numpy.float64)
        counts[0] = residual.sum()
        gradient: FloatArray = counts / n + penalty * w
        m = beta1 * m + (1 - beta1) * gradient
        v = beta2 * v + (1 - beta2) * gradient * gradient
        m_hat = m / (1 - beta1**step)
        v_hat = v / (1 - beta2**step)
        w = w - options.learning_rate * m_hat / (numpy.sqrt(v_hat) + eps)
    return w


def platt(scores: Sequence[float], labels: Sequence[float]) -> tuple[float, float]:
    """Platt scaling: a, b so that sigmoid(a * score + b) matches the labels (Newton's
    method on the log loss, from a = 1, b = 0)."""
    x = numpy.array(scores)
    y = numpy.array(labels)
    a, b = 1.0, 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + numpy.exp(-(a * x + b)))
        g = numpy.array([numpy.sum((p - y) * x), numpy.sum(p - y)])
        s = p * (1 - p) + 1e-9
        h = numpy.array([[numpy.sum(s * x * x), numpy.sum(s * x)], [numpy.sum(s * x), s.sum()]])
        step = numpy.linalg.solve(h + 1e-6 * numpy.eye(2), g)
        a, b = a - float(step[0]), b - float(step[1])
        if abs(step).max() < 1e-8:
            break
    return a, b


def figures(
    replies: Sequence[LabelledReply],
    probabilities: Sequence[Sequence[float]],
    threshold: float,
) -> TermFigures:
    """Per-term figures of the decoded predictions, counted as ``replylint eval`` does."""
    predicted = correct = gold = found = 0
    for reply, probs in zip(replies, probabilities, strict=True):
        terms = {c.text.strip() for c, _ in decode(reply.candidates, probs, threshold)}
        predicted += len(terms)
        correct += len(terms & (reply.lenient | reply.strict))
        gold += len(reply.strict)
        found += len(terms & reply.strict)
    return TermFigures(predicted, correct, gold, found)


def choose_threshold(
    replies: Sequence[LabelledReply],
    probabilities: Sequence[Sequence[float]],
    min_precision: float,
) -> tuple[float, TermFigures]:
    """The threshold with the best F1 among those with precision >= ``min_precision``
    (or the best F1 overall when none reaches it), on out-of-fold probabilities."""
    best: tuple[bool, float, float] | None = None
    chosen = (0.5, figures(replies, probabilities, 0.5))
    for step in range(10, 91):
        threshold = step / 100
        result = figures(replies, probabilities, threshold)
        key = (result.precision >= min_precision, result.f1, -threshold)
        if best is None or key > best:
            best, chosen = key, (threshold, result)
    return chosen


def out_of_fold(
    replies: Sequence[LabelledReply], options: TrainingOptions, seed: int
) -> list[list[float]]:
    """Raw scores of every candidate from a model trained without its fold."""
    folds = [fold_of(r.id, seed, options.folds) for r in replies]
    scores: list[list[float]] = [[] for _ in replies]
    for fold in range(options.folds):
        train = [r for r, f in zip(replies, folds, strict=True) if f != fold]
        weights, bias = fit(train, options)
        model = TermModel(weights, bias, 1.0, 0.0, 0.5, shipped_words_path())
        for i, reply in enumerate(replies):
            if folds[i] == fold:
                scores[i] = [model.score(c) for c in reply.candidates]
    return scores


def calibrate(
    replies: Sequence[LabelledReply], scores: Sequence[Sequence[float]], options: TrainingOptions
) -> tuple[float, float, float, TermFigures]:
    """Platt parameters from out-of-fold scores, then the threshold on the calibrated
    probabilities: (a, b, threshold, figures at that threshold)."""
    flat = [s for row in scores for s in row]
    flat_labels = [1.0 if target(c, r, 1.0) > 0 else 0.0 for r in replies for c in r.candidates]
    a, b = platt(flat, flat_labels)
    probabilities = [[_sigmoid(a * s + b) for s in row] for row in scores]
    threshold, result = choose_threshold(replies, probabilities, options.min_precision)
    return a, b, threshold, result


def train_term_model(
    gold: Sequence[GoldRecord],
    out_dir: Path,
    *,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
    options: TrainingOptions | None = None,
) -> TermModelSummary:
    """Train the jargon term model on ``gold`` and write it to ``out_dir``.

    5-fold cross-validation (folds by salted sha1 of the id) gives out-of-fold scores;
    Platt scaling and the threshold are fitted on them; the final weights come from all
    of ``gold``. Returns the counts and the cross-validated figures."""
    options = options or TrainingOptions()
    replies = labelled_replies(gold, progress)
    if progress is not None:
        progress(f"term model: {options.folds}-fold cross-validation")
    scores = out_of_fold(replies, options, seed)
    a, b, threshold, cv = calibrate(replies, scores, options)
    weights, bias = fit(replies, options)
    candidates = sum(len(r.candidates) for r in replies)
    positives = sum(1 for r in replies for c in r.candidates if c.text in r.strict)
    gold_terms = sum(len(r.strict) for r in replies)
    reachable = sum(len(r.strict & {c.text for c in r.candidates}) for r in replies)
    summary = TermModelSummary(
        replies=len(replies),
        candidates=candidates,
        positives=positives,
        gold_terms=gold_terms,
        candidate_recall=reachable / gold_terms if gold_terms else 0.0,
        features=len(weights),
        threshold=threshold,
        cv_precision=cv.precision,
        cv_recall=cv.recall,
        cv_f1=cv.f1,
        seed=seed,
    )
    model = TermModel(
        weights, bias, a, b, threshold, shipped_words_path(), meta={"summary": asdict(summary)}
    )
    model.save(out_dir)
    if progress is not None:
        progress(
            f"term model: CV precision {cv.precision:.3f}, recall {cv.recall:.3f} "
            f"at threshold {threshold:.2f}; written to {out_dir}"
        )
    return summary
