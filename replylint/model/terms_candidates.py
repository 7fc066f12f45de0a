"""Candidates of the jargon term model: which words of a reply may be jargon, and what
the model reads about each (its features).

Why rules here, when a model decides: candidate *generation* should miss little, and a
rule that is broad on purpose does (issue 12): every whitespace-delimited word with a
technical shape (acronym, CamelCase, a digit in a word, a dotted or underscored
identifier, a word outside the common-words list) and every phrase of the pack's
technical lexicon. Structural exclusions are mechanisms, not word lists: nothing inside a
URL, a Markdown link target, an e-mail address, a handle, a template placeholder (also
``[ AGENT NAME ]`` with spaces, ``$order_id``, and fill-in slots such as ``[insert SSO
link]``), the sign-off or the greeted name is a candidate, and a term the reply explains
is not either (GUIDE.md).

Each candidate carries sparse binary features (its shape, casing, length, character
3-grams, how common the word is in English, whether the pack lists it, whether the
customer used it, its neighbouring words, the channel, and the term itself), which
:mod:`replylint.model.terms` weighs. This module is apart from the model so that the
jargon rule's explanation and masking helpers, the model and its training share one
definition of a candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby, islice
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from replylint.matchers import Phrases
from replylint.normalize.placeholders import DRAFTING_XS
from replylint.verdicts import Verdicts

if TYPE_CHECKING:
    from replylint.analysis import AnalyzedReply
    from replylint.rule import RuleContext

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
#: A template variable in the shell's or a mail-merge's form: ``$first_name``,
#: ``${ORDER_ID}`` (a sum of money, "$5", starts with a digit).
_DOLLAR_VARIABLE = re.compile(r"(?<![\w$\\])\$\{?[A-Za-z_]\w*(?:\.\w+)*\}?")
#: A UK postcode ("MW1 2AB", "SW1A 1AA") or a Canadian one ("K1A 0B1"): an address, not
#: a term, though its halves look like codes ("2AB").
_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d[A-Z] \d[A-Z]\d)\b")
#: A time zone right after a clock time ("by 17:00 SAST", "at 9am PT", "10 p.m. UTC"): the
#: customer's own clock, not a term.
_CLOCK_ZONE = re.compile(
    r"(?:(?<=\d:\d\d )|(?<=[ap]m )|(?<=[AP]M )|(?<=\.m\. ))(?:[A-Z]{1,4}T|UTC)\b"
)
#: A code the customer types, after the word for it ("use the code **STRAP25** at
#: checkout", "voucher REPLANT25", "sort code 40-12-76"): a value to copy, not a term.
_TYPED_CODE = re.compile(
    r"(?:(?<=[Cc]ode )|(?<=CODE )|(?<=[Cc]ode: )|(?<=[Cc]oupon )|(?<=[Vv]oucher ))"
    r"[*\"'“‘]{0,2}[A-Z0-9][A-Z0-9-]{2,24}\b"
)
#: Each structure, with the strings without which it cannot occur (a cheap test first)
#: and, where those are common (a full stop ends most sentences, most replies hold a
#: digit, "$5" is money), what must stand beside them in any match: a regex opening
#: with a character or a class of them, which the engine scans for in C, where the
#: structure's own pattern (opening with a lookbehind or a word boundary) is tried at
#: every character. Each is found in every match of its pattern, so a text it does not
#: find has none: a domain has a dot before a name (``\.[\w-]``), a postcode a
#: capital before a digit, an address a name after its "@".
_STRUCTURES: tuple[tuple[re.Pattern[str], tuple[str, ...], re.Pattern[str] | None], ...] = (
    (_MARKDOWN_TARGET, ("](",), None),
    (_URL, ("://", "www.", "WWW."), None),
    (_EMAIL, ("@",), re.compile(r"@[\w-]")),
    (_HANDLE, ("@", "#"), re.compile(r"[@#][\w.]")),
    (_DOLLAR_VARIABLE, ("$",), re.compile(r"\$\{?[A-Za-z_]")),
    (_DOMAIN, (".",), re.compile(r"\.[\w-]")),
    (DRAFTING_XS, ("xx", "XX", "xX", "Xx"), None),
    (_POSTCODE, tuple("0123456789"), re.compile(r"[A-Z]\d")),
    (_CLOCK_ZONE, ("T",), re.compile(r"[\dmM.] (?:[A-Z]{1,4}T|UTC)\b")),
    (
        _TYPED_CODE,
        ("ode", "ODE", "oupon", "oucher"),
        re.compile(r"[CcVv][a-zA-Z]{2,5}:? [*\"'“‘]{0,2}[A-Z0-9]"),
    ),
)
#: Bracketed text that may be a template field: square, curly or angle brackets.
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,60})\]|\{([^{}\n]{1,60})\}|<([^<>\n]{1,60})>")
_PLACEHOLDER_WORD = re.compile(r"^[A-Z0-9_]+$|^[A-Z][a-z]+$")
#: Marks of a sentence, a remark or markup: bracketed text with one is not a fill-in slot.
_SENTENCE_MARKS = re.compile(r"[.:;!?=\"@]")
#: Everything ``_strip`` may take off a word, for the quick test of ordinary words.
_AROUND = "\"'([{<*“‘`«_.,;:!?)]}>”’»…"
_LEADING = "\"'([{<*“‘`«_,;!?"
_TRAILING = ".,;:!?)]}>\"'*”’`»…_"
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LETTER = re.compile(r"[^\W\d_]")
#: A letter or a digit (what ``str.isalnum`` accepts), found without a loop in Python.
_ALPHANUMERIC = re.compile(r"[^\W_]")
_CAPITALS = re.compile(r"[A-Z]")
_DIGIT = re.compile(r"\d")
_INNER_MARK = re.compile(r"\w[._:/\\]+\w|^\.\w")
_PART_SPLIT = re.compile(r"[/]")
#: Protocol and standard names with a version digit: CTAP2, FIDO2, IPV6 (not FF57, PS3).
VERSIONED_STANDARD = re.compile(r"^[A-Z]{3,}[0-9]{1,2}$")
#: A short name with a version or model number glued on: "FF32", "FF37.0.1", "Win10",
#: "MS365", "Acc2". In replies these are a product and its version, model numbers and
#: account labels: of the 60 such words among the training split's candidates, 5 were
#: flagged by any annotator, and the rules never report them. A technical base ("POP3",
#: "WPA2", "H264") or a versioned standard's shape ("FIDO2") keeps one a candidate.
_VERSIONED_NAME = re.compile(r"^([A-Za-z]{1,4})\d+(?:\.\d+)*$")
#: Curly apostrophes, read as the straight one the word lists spell ("you’re", "we’ve"):
#: until stop 53 such contractions were rare words, 150 candidates of the training replies
#: that no annotator flagged, which taught the term model that a word it had never seen
#: is seldom jargon.
_STRAIGHT_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
#: A number a customer reads as one: an ordinal ("26th"), a clock time or a range of
#: them ("10am", "7:30pm", "7am–7pm", "8–11am"), a quantity with its unit ("47kg",
#: "50mph", "270cc"): never a term (GUIDE.md: units, ordinary words).
_NUMBER_WORD = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)"
    r"|\d{1,2}(?:[.:]\d\d)?(?:[ap]m)?(?:[–—-]\d{1,2}(?:[.:]\d\d)?)?[ap]m"
    r"|\d+(?:[.,]\d+)?(?:mg|g|kg|cm|mm|m|km|ml|l|cc|mph|kph|kmh|lb|lbs|oz|ft|in))$",
    re.IGNORECASE,
)
#: A web address written without its scheme, with a path of words ("example.org/help",
#: "ironleaf.fit/book-now"): a link, as GUIDE.md's URL. File names have no such path
#: ("key4.db"), and a pair of them has a dot after the slash ("userChrome.css/user.js").
_WEB_ADDRESS = re.compile(
    r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/[^.\s]*$", re.IGNORECASE
)
#: ``_shape``'s classes of the ASCII letters and digits (other characters stand as they are).
_ASCII_SHAPES = str.maketrans(
    {chr(c): "X" if chr(c).isupper() else "x" if chr(c).isalpha() else "d" for c in range(128)
     if chr(c).isalnum()}
)  # fmt: skip
#: Where a term splits into parts, for their rarity: spaces, slashes, dots and the like.
_PART_BREAKS = re.compile(r"[\s/_.:\\-]+")
#: How many words' ordinariness a finder keeps before it drops them (then gathers them
#: again): enough for the words that recur, a few MiB at most.
_MAX_WORD_VERDICTS = 20_000
#: How many terms' descriptions a finder keeps before it drops them (about a kilobyte
#: each).
_MAX_DESCRIBED = 1_024


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
class _Context:
    """What every candidate of one reply reads: the analysed text, its words (the
    chunks, stripped), the lower-cased content text and customer message (per reply,
    never shared)."""

    text: str
    words: list[str]
    region: str
    customer: str | None
    #: The features of the reply every candidate ends with (channel, customer message).
    reply_features: tuple[str, ...]
    #: Whether each lower-cased term occurs twice in the region, counted once per term:
    #: counted per candidate, a term met 6,000 times in 100 KB scanned it 6,000 times.
    repeated: dict[str, bool] = field(default_factory=dict)


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

    def __init__(
        self,
        context: RuleContext,
        word_bands: Mapping[str, int],
        *,
        technical_terms: Phrases | None = None,
        salutations: Phrases | None = None,
    ) -> None:
        """``technical_terms`` and ``salutations``: the jargon rule's matches of those
        lexicons, when it has them, else taken here from the linter's shared phrase
        index (one matcher run per reply for every lexicon)."""
        packs = context.packs
        self._bands = word_bands
        self._common = context.common_words
        #: The words met so far that are ordinary (:func:`_ordinary`), and those not.
        self._ordinary_words: Verdicts[str] = Verdicts(_MAX_WORD_VERDICTS)
        #: What each term met so far looks like (its shape, rarity, character 3-grams):
        #: it depends on the term's text alone (and this finder's lists), so a term met
        #: again, in the reply or a later one, reads the same without working it out
        #: again (about 20 µs a term). Bounded: dropped when full.
        self._described: dict[str, tuple[str, ...]] = {}
        self._common_acronyms = frozenset(
            w.upper() for w in packs.lexicon("jargon.common_acronyms")
        )
        self._products = frozenset(w.lower() for w in packs.lexicon("jargon.product_names"))
        self._technical = frozenset(w.lower() for w in packs.lexicon("jargon.technical_terms"))
        if technical_terms is None:
            technical_terms = context.analyses.phrases("jargon.technical_terms")
        if salutations is None:
            salutations = context.analyses.phrases("greeting.salutations")
        self._phrases = technical_terms
        self._salutations = salutations
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
        # The whitespace-delimited chunks of the content, and each stripped once: word i
        # is chunk i.
        chunks = masked[begin:finish].split()
        words = [w.strip(_AROUND) for w in chunks]
        distinct = frozenset(words)
        # (most words recur from reply to reply: those met before are not tested again)
        odd = distinct - self._ordinary_words.holding(distinct, lambda w: _ordinary(w, common))
        odd -= {""}
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
        starts = _chunk_starts(masked, begin, chunks)
        ends = [start + len(chunk) for start, chunk in zip(starts, chunks, strict=True)]
        wanted: list[tuple[int, int, str, int]] = []  # start, end, kind, chunk index
        greeted: set[str] | None = None
        for phrase in phrases:
            if greeted is None:
                greeted = self._greeted(reply)
            if phrase.text not in greeted:
                start = phrase.start_char
                index = _chunk_at(ends, start)
                wanted.append((start, phrase.end_char, "phrase", index))
        for index, stripped in enumerate(() if ordinary else words):
            if stripped not in odd:
                continue  # the common case: an ordinary word
            word = _strip(starts[index], chunks[index])
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
        context = _Context(
            text=text,
            words=words,
            region=masked[begin:finish].lower(),
            customer=reply.customer_text.lower() if reply.customer_text else None,
            reply_features=_reply_features(reply, reply.shouting),
        )
        for start, end, kind, index in wanted:
            if (start, end) in taken:
                continue
            taken.add((start, end))
            candidate = self._candidate(context, index, (start, end, kind))
            found.append(candidate)
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
        of a slashed pair ("SSL/TLS": the pair, "SSL" and "TLS"); nothing of a web
        address without its scheme ("example.org/help")."""
        if _WEB_ADDRESS.match(word.text):
            return  # "example.org/help": a link, and its parts with it
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
        word outside the common-words list, or a single-word entry of the lexicon. Not a
        short name with a version glued on ("FF32") unless its base is technical, nor an
        ordinal, a clock time or a quantity with its unit ("26th", "10am", "47kg")."""
        if len(text) < 2 or sum(char.isalpha() for char in text) < 2:
            return False  # (a superscript is no letter: "m³" is a unit)
        if _NUMBER_WORD.match(text):
            return False  # "26th", "10am", "47kg"
        versioned = _VERSIONED_NAME.match(text)
        if versioned and not (
            versioned.group(1).lower() in self._technical
            or text.lower() in self._technical
            or VERSIONED_STANDARD.match(text)
        ):
            return False  # "FF32", "Win10": a name and its version
        if _CAPITALS.search(text, 1) or _DIGIT.search(text) or _INNER_MARK.search(text):
            return True
        lower = text.lower().translate(_STRAIGHT_APOSTROPHES)
        return lower not in self._common or lower in self._technical

    def _candidate(self, context: _Context, index: int, where: tuple[int, int, str]) -> Candidate:
        """The candidate with its features."""
        start, end, kind = where
        text = context.text[start:end]
        lower = text.lower()
        described = self._described.get(text)
        if described is None:
            if len(self._described) >= _MAX_DESCRIBED:
                self._described.clear()
            described = self._described[text] = (
                *self._shape_features(text, lower),
                *_char_grams(lower),
            )
        features = [f"kind={kind}", f"term={lower}", *described]
        if context.customer and lower in context.customer:
            features.append("customer_used")
        repeated = context.repeated.get(lower)
        if repeated is None:  # (as a substring: cheap, and close enough)
            repeated = context.repeated[lower] = context.region.count(lower) > 1
        if repeated:
            features.append("repeated")
        before = [_context_word(w) for w in _neighbours(context.words, index, -1)]
        after = [_context_word(w) for w in _neighbours(context.words, index, 1)]
        features.append(f"prev={before[0]}" if before else "prev=^")
        if after:
            features.append(f"next={after[0]}")
        features.extend(f"ctx={w}" for w in before + after)
        opening = context.text[max(0, start - 2) : start]
        if opening.endswith(("(", "[")):
            features.append("in_brackets")
        if opening.endswith(('"', "'", "“", "‘", "`")):
            features.append("quoted")
        features.extend(context.reply_features)
        return Candidate(start, end, text, tuple(features))

    def _shape_features(self, text: str, lower: str) -> list[str]:
        """What the term looks like: casing, shape, length, rarity, lexicon membership."""
        letters = _LETTER.findall(text)
        upper = sum(map(str.isupper, letters))
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
        parts = [p for p in _PART_BREAKS.split(lower) if p]
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
        return greeted_names(reply, self._salutations)

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
    gives ``comma_loose``: that one the model weighs; the others are explanations, as is
    a loose opener's noun phrase that a relative clause defines ("ANPR, a camera that
    reads your number plate")."""
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
        if after[1].lower_ in loose and not _defined_by_relative(doc, end + 2):
            return "comma_loose"
        return "comma"
    if len(after) >= 2 and after[0].lower_ in {"is", "are"}:
        return "is" if after[1].lower_ in after_is else None
    return "verb" if len(after) >= 1 and after[0].lower_ in verbs else None


#: The relative pronouns that end a definition's noun phrase ("ANPR, a camera that reads
#: your number plate").
_DEFINING_RELATIVES = frozenset({"that", "which", "who"})


def _defined_by_relative(doc: Doc, start: int, reach: int = 6) -> bool:
    """After "TERM, a" or "TERM, the", a noun phrase of words only and then a relative
    clause ("ANPR, a camera that reads your number plate", "your DIN, the release setting
    that decides ..."): an appositive that defines the term, where "For POP, the settings
    are ..." starts the next clause."""
    for token in doc[start : min(start + reach, len(doc))]:
        if token.lower_ in _DEFINING_RELATIVES:
            return True
        if not token.is_alpha:
            return False
    return False


def mask_structures(
    text: str, begin: int, finish: int, placeholders: Iterable[tuple[int, int]]
) -> str:
    """The text with every structural non-candidate blanked (same length, so offsets
    hold): URLs, domains, Markdown link targets, e-mail addresses, handles, postcodes,
    time zones after a clock time, codes to type after "code" or "voucher", placeholders
    (also ``$collection_day``, a template variable the normaliser does not know),
    bracketed template fields such as ``[ AGENT NAME ]`` or ``<Customer Name>``, and
    fill-in slots such as ``[insert link to the SSO guide]`` (:func:`_is_fill_in_slot`).
    A Markdown link's label is never blanked: the customer reads it."""
    region = text[begin:finish]
    blanks: list[tuple[int, int]] = [(s - begin, e - begin) for s, e in placeholders]
    for pattern, triggers, beside in _STRUCTURES:
        for trigger in triggers:  # (a loop, not any(): no generator per structure)
            if trigger in region:
                if beside is None or beside.search(region) is not None:
                    blanks.extend(m.span() for m in pattern.finditer(region))
                break
    if "[" in region or "{" in region or "<" in region:
        for match in _BRACKETED.finditer(region):
            inner = next(g for g in match.groups() if g is not None)
            # "[the SAML guide](...)": a Markdown link's label is text the customer reads
            if match.group(1) is not None and region.startswith(("(", "["), match.end()):
                continue
            # "if a < 5 and b > 2": angle brackets around spaced text are comparisons
            spaced = match.group(3) is not None and inner[:1].isspace()
            if _is_template_field(inner) or (not spaced and _is_fill_in_slot(inner)):
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


def _is_fill_in_slot(inner: str) -> bool:
    """``[insert link to the SSO guide]``, ``[Agent Name - Tier 2 Support]``,
    ``<my email address>``: a bracketed phrase of two to eight words without sentence
    punctuation is a slot the agent fills in (or text a forum redacted), not words the
    customer reads. Template residue, whatever its case; never jargon. A remark in
    brackets ("[Edit: fixed in 115]") has a colon or a full stop and stays text, and so
    does markup (``<a href="...">``, ``{ display: none }``)."""
    words = inner.split()
    if not 2 <= len(words) <= 8 or not any(c.isalpha() for c in inner):
        return False
    return not _SENTENCE_MARKS.search(inner.rstrip(".").strip())


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
        while left < right and raw[left] in _LEADING:
            left += 1  # ".(SSL/TLS": the bracket after the stray dot goes too
        core = raw[left:right]
    if _ALPHANUMERIC.search(core) is None:
        return None
    return _Chunk(start + left, start + right, core)


def _ordinary(word: str, common: frozenset[str]) -> bool:
    """A common word in lower case or capitalised, without digits or inner marks: never
    a candidate (``_is_candidate`` says no, and ``_strip`` could not make it one). A
    curly apostrophe reads as a straight one ("you’re").

    Most words are letters only, where neither pattern can match (a digit or an inner
    mark is never a letter), so the patterns run only on the others."""
    return (
        word[1:].islower()
        and word.lower().translate(_STRAIGHT_APOSTROPHES) in common
        and (word.isalpha() or not (_DIGIT.search(word) or _INNER_MARK.search(word)))
    )


def _chunk_starts(text: str, begin: int, chunks: list[str]) -> list[int]:
    """Where each of ``chunks`` (``text[begin:...].split()``, in order) starts in
    ``text``: each is the first occurrence after the one before, as only whitespace lies
    between them. Plain offsets rather than a match object per word, which the cyclic
    garbage collector would have to visit while the reply is read."""
    starts = []
    position = begin
    for chunk in chunks:
        position = text.find(chunk, position)
        starts.append(position)
        position += len(chunk)
    return starts


def _chunk_at(ends: list[int], start: int) -> int:
    """The index of the chunk at or after ``start`` (a phrase's first word), given where
    each chunk ends (rising). A search, not a walk: a reply repeating a known phrase on
    every line walked all its words once per phrase found (5 s for 100 KB)."""
    return min(bisect_right(ends, start), max(len(ends) - 1, 0))


def _neighbours(words: list[str], index: int, step: int, count: int = 4) -> list[str]:
    """Up to ``count`` words before (``step`` -1, nearest first) or after word ``index``
    (the stripped chunks: a quick strip, as context words need not be exact), skipping
    those that were punctuation only."""
    positions = range(index - 1, -1, -1) if step < 0 else range(index + 1, len(words))
    return list(islice(filter(None, map(words.__getitem__, positions)), count))


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
    """Xxxx -> Xx, SMTP -> X, userChrome.css -> xXx.x, FIDO2 -> Xd (runs collapsed).

    ASCII (nearly every term) is mapped by one ``str.translate``; other text character
    by character, with Unicode's own classes."""
    if text.isascii():
        mapped = text.translate(_ASCII_SHAPES)
    else:
        mapped = "".join(
            "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in text
        )
    return "".join(kind for kind, _ in groupby(mapped))[:8]


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _reply_features(reply: AnalyzedReply, shouting: bool) -> tuple[str, ...]:
    features = [f"channel={reply.channel}", f"customer={reply.customer_text is not None}"]
    if shouting:
        features.append("shouting")
    return tuple(features)


def greeted_names(reply: AnalyzedReply, salutations: Phrases) -> set[str]:
    """The name in "Hi PJMFOX44," (a forum user name is not jargon, wherever it recurs):
    up to five words after the opening salutation, to the first punctuation."""
    opening = reply.opening
    salutation = salutations.first(opening) if opening is not None else None
    if opening is None or salutation is None or salutation.start != opening.start:
        return set()
    names = set()
    for token in opening.doc[salutation.end : min(salutation.end + 5, opening.end)]:
        if token.is_punct:
            break
        names.add(token.text)
    return names
