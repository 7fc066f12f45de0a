"""Closed-class English: the words and marks whose class is fixed by the language itself.

Two kinds of word list steer the checks, and each has one home:

- **Vocabulary** a team would tune for its domain (instruction verbs, salutations, apology
  phrases, the words that make a contact instruction a generic offer) lives in the rule
  packs, ``rules/*.yaml``, where a team pack can extend it without touching code.
- **Grammar** no team would tune (pronouns, auxiliaries and their contracted spellings,
  subordinating conjunctions, negations, clause punctuation, number words) lives here.
  A heuristic may pick a few of these words out of a class, but the class is spelled
  once, in this module, so two checks never disagree about what "a form of *be*" is.

Every set holds lower-case spellings as spaCy's tokenizer splits them ("we'll" is "we"
and "'ll"; "won't" is "wo" and "n't"), curly-apostrophe spellings included where a check
compares ``Token.lower_`` rather than ``Token.norm_``.
"""

from __future__ import annotations

#: Subject pronouns, with the indefinite "someone"/"somebody" that take their place.
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it", "someone", "somebody"})
#: The first-person subjects: who speaks for the company ("I've cancelled it").
FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
#: What may follow "let" when the speaker commits or asks: "let me", "let us", "let's",
#: "let our team".
FIRST_PERSON_AFTER_LET = frozenset({"us", "me", "our", "'s"})
#: Words that address the customer, with the texting spellings "u" and "ur".
SECOND_PERSON = frozenset({"you", "your", "yours", "u", "ur", "yourself"})
#: Second-person possessives: the customer's own thing ("your plan", "ur order").
SECOND_PERSON_POSSESSIVES = frozenset({"your", "ur"})
#: Third-person possessives of a person: someone's own thing ("his hearing aids", "her
#: booking"), as specific to a case as "your".
PERSON_POSSESSIVES = frozenset({"his", "her", "their"})
#: Pronouns and demonstratives standing for a thing already named ("I've cancelled it").
OBJECT_PRONOUNS = frozenset({"it", "this", "that", "them"})

#: Forms of *be*, contracted ones included ("we're", "it's").
BE_FORMS = frozenset({"am", "are", "is", "be", "'m", "'re", "'s", "been"})
#: What "'s" means "is" after (it is "has" or a possessive elsewhere: "your father's
#: passing", "Firefox's Tracking Protection"): pronouns, demonstratives and the words that
#: ask or point ("that's", "there's", "what's").
CONTRACTED_IS_SUBJECTS = SUBJECT_PRONOUNS | frozenset(
    {"that", "this", "there", "here", "what", "who", "everyone", "everything", "nobody", "one"}
)
#: Forms of *have*, as ``Token.norm_`` gives them (it maps curly "’ve" to "have").
HAVE_FORMS = frozenset({"have", "has", "'ve", "had"})
#: Spellings of *have* as ``Token.lower_`` gives them, apostrophe-less "ve" included.
HAVE_SPELLINGS = HAVE_FORMS | {"’ve", "ve"}
#: Spellings of the future auxiliaries: "will", "'ll", "shall", "wo" (of "won't").
FUTURE_SPELLINGS = frozenset({"will", "'ll", "’ll", "shall", "wo", "ll"})
#: Spellings of *would*: "would", "'d" ("we'd be glad to").
WOULD_SPELLINGS = frozenset({"would", "'d", "’d"})

#: Negations as ``Token.norm_`` gives them ("isn't" is "is" and "n't").
NEGATIONS = frozenset({"not", "n't", "never"})
#: Auxiliaries of the past: "your card was blocked on", "Was it Monday or Tuesday?".
PAST_AUXILIARIES = frozenset({"was", "were", "had", "did"})
#: Subordinating conjunctions that make a clause a condition or a time rather than a
#: statement ("if your order has shipped", "once the outage is over").
SUBORDINATORS = frozenset({"if", "when", "once", "unless", "until", "whether", "after", "before"})
#: Prepositions that put a time after them ("on Friday", "by {{due_date}}").
TIME_PREPOSITIONS = frozenset({"on", "by", "before", "until", "within", "in", "at"})

#: Words that cannot end a clause: conjunctions, articles, and the prepositions and
#: possessives that need a word after them ("Restart the app and" goes on); not those
#: that are a verb's particle too ("sign in", "turn it on").
CLAUSE_GOES_ON = frozenset(
    {"and", "or", "but", "nor", "the", "a", "an", "to", "of", "with", "for", "from", "into",
     "at", "your", "my", "our", "their", "its", "his", "her", "then"}
)  # fmt: skip

#: The dashes people type between clauses: hyphen, en dash, em dash.
DASHES = frozenset({"-", "–", "—"})
#: Punctuation that ends a clause inside a sentence.
CLAUSE_PUNCTUATION = frozenset({",", ";", ":", "(", ")"}) | DASHES
#: Punctuation that ends a sentence.
SENTENCE_PUNCTUATION = frozenset({".", "!", "?"})

#: Function words frequent in English and rare in other Latin-script languages, to tell an
#: English reply at a glance: no "a", "i", "to", "in", "is", "was", "we", "no", "me"
#: (Polish, Italian, German, Dutch, Spanish words too), so a Polish or Dutch reply does
#: not pass for English. Grammar, not vocabulary: language detection's threshold is
#: tuned against exactly this set, so it is not a team's to extend.
ENGLISH_MARKERS = frozenset(
    """about all also and any are at be been but by can could dear did does for from get
    had has have hello how if it it's its just know let may might not of or our please see
    she should some than thank thanks that the their them then there these they this those
    us were what when where which who will with would yes you your""".split()
)
