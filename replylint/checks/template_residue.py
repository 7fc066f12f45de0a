"""template_residue: a reply about to be sent holds no leftovers of a template or draft.

Standard: *a reply ready to send*. "Hi {{first_name}}," or "your engineer, <insert name>,
will call" tells the customer they got a form letter nobody read. One finding per
leftover, with its exact span:

- unfilled variables: the placeholders normalisation already recognised and marked as
  regions (``{{first_name}}``, ``{customer}``, ``{web link}``, ``%FIRSTNAME%``, ``%%FirstName%%``,
  ``[Customer Name]``, ``[NAME]``, ``*|FNAME|*``, Salesforce's ``{!Contact.FirstName}``),
  template tags it dropped (``{% if vip %}``, ``{{#if vip}}``, a Handlebars ``{{else}}``,
  FreeMarker's ``<#if vip>``, Smarty's ``{if $vip}``, Mailchimp's ``*|IF:VIP|*``),
  partials (``{{> signature}}``, ``{% include 'footer' %}``: the text they include is not
  in a reply sent unrendered) and ``$NAME`` variables;
- bracketed fields and drafting notes: ``[link]``, ``[insert date]``, ``(link here)``,
  ``<insert name>`` (words of the pack's field and insert lists only, so a Markdown link
  ``[the guide](https://...)``, an order reference ``[#48213]`` or a button label
  ``[Add to Firefox]`` is prose), and a field the lists cannot know, one word before a
  field's head noun in square or angle brackets (``<Venue Name>``, ``[PROJECT ADDRESS]``),
  and a field of one or two words on a signature line of the sign-off, whatever it names
  (``<Job Title>`` or ``[Department]`` under the agent's name), or standing as a part of
  a contact line under it, or as the value of its label, in square or angle brackets
  (``Acme Support | [Website]``, ``Phone: <phone number>``, which the normaliser cuts
  from the analysed text as signature but the customer reads): prose never stands there
  in brackets;
- a conditional or loop never closed (``{% if vip %}`` with no ``{% endif %}``,
  ``{{#if vip}}`` with no ``{{/if}}``), and a closing tag that closes none (an ``{% endif
  %}`` with no ``{% if %}`` open), in every template language the normaliser reads: the
  template engine cannot render the macro. A closing tag closes the innermost block open
  of its own kind, as an engine pairs them: in ``{% if a %}{% for x in items %}...{%
  endif %}`` the ``for`` is the block never closed. Where a block never closed ends is
  not known, so its text is read as written. The finding is on the opening tag and names the
  tag that closes it (and, of a block left open inside another, the closing tag it
  belongs before), or on the closing tag that closes none, saying to remove it or to add
  the tag that opens it;
- a tag that separates two branches outside the block it belongs in: an ``{% else %}``,
  ``{% elsif %}``, ``{% when %}``, ``{% empty %}``, ``{{else}}``, ``<#else>``, ``{else}``
  or ``*|ELSE:|*`` with no block of its template language open (before any, or after it
  closed), said with the block to move it into, or inside one that takes no such tag (an
  ``{% elsif %}`` in a ``{% for %}``), said with that block's closing tag to add before
  it: the engine reads it as a branch of the innermost block open, and refuses it; and
  one after its block's else branch (``{% elsif b %}`` or a second ``{% else %}`` after
  the ``{% else %}``, ``{{else if b}}`` after ``{{else}}``), said with the else it follows
  and its block: the engine refuses it, or (Liquid) never sends its branch;
- drafting marks: ``TODO``, ``TBD`` in capitals, and ``XXX`` or ``xx/xx`` standing for a
  value (a word of x's only, so ``XXL`` is a size), a date with x's in one part
  (``12/XX/2025``). A shape of x's in several parts right after a word that introduces
  a format (``template_residue.format_cues``: "enter the date as XX/XX/2025", "(format:
  XX/XX/XXXX)") shows the customer how to write a value, so it is no leftover; a date
  with a real day or month in it is a value half filled in, whatever stands before it.

A leftover inside a file path or address (``C:\\Users\\[Name]\\AppData``,
``%APPDATA%\\Mozilla``, ``pop.xxx.com``) is an instruction to the customer, not residue.
In a template kept in a macro repository (``template=True``) placeholders are expected,
so only drafting marks (``TODO``, ``XXX``), a conditional never closed, a closing tag
that closes none and a branch tag outside its block are leftovers there, the macro
itself being unfinished or broken: the check applies only when one is found.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from replylint.analysis import AnalyzedReply
from replylint.normalize.branches import Span, UnbalancedTag, is_last_branch_tag
from replylint.normalize.comments import comment_spans
from replylint.normalize.model import NormalizedReply, Removed
from replylint.normalize.placeholders import (
    DRAFTING_XS,
    is_partial,
    is_template_tag,
    is_value_placeholder,
    unbalanced_template_tags,
)
from replylint.normalize.slots import contact_slot_spans, field_slot_words
from replylint.packs import Example, Examples
from replylint.report import CheckResult, Finding, Severity
from replylint.rule import Rule, RuleContext, RuleOutcome

#: A bracketed phrase: [ ... ], ( ... ) or < ... > of a few words, not glued to a word
#: before it (``appendChild(link)``) nor followed by a Markdown link target.
#: (Each bracket opens its alternative and the character before it is read behind it:
#: a pattern that opens with a lookbehind is tried at every character of the reply, one
#: that opens with a character only where that character is.)
_BRACKETED = re.compile(
    r"\[(?<![\w\]\\/.!]\[)(?P<square>[^\[\]\n]{1,60})\](?![(\[])"
    r"|\((?<![\w\]\\/.!]\()(?P<round>[^()\n]{1,60})\)"
    r"|<(?<![\w\]\\/.!]<)(?P<angle>[^<>\n]{1,60})>"
)
#: $NAME, $FIRST_NAME or ${customer}.
_DOLLAR = re.compile(
    r"(?<![\w$\\])\$(?:\{(?P<braced>[A-Za-z_]\w{0,40})\}|(?P<bare>[A-Z][A-Z0-9_]{1,40})\b)"
)
_WORD = re.compile(r"[A-Za-z]+")
#: The only characters a bracketed field holds: words, spaces, apostrophes, hyphens.
_FIELD_CHARACTERS = re.compile(r"[A-Za-z_ '’-]+")
#: A word in capitals, the shape of a drafting mark (TODO, TBD): two to eight capitals
#: after no word character (read behind the first capital, so the search skips to
#: capitals instead of trying "\b" at every character) and before none.
_CAPITALS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{1,7}\b")
#: AMPscript's "ELSE IF" in two words: an ELSE with an IF nested in it, which needs an
#: ENDIF of its own; "ELSEIF" is the branch its author most likely meant.
_AMPSCRIPT_ELSE_IF = re.compile(r"%%\[\s*ELSE\s+IF\b", re.IGNORECASE)
_PERCENT = re.compile(r"%(\w+)%")
#: The separators between the parts of a shape of x's ("XX/XX/2025", "XXXX-XXXX").
_PART_SEPARATORS = re.compile(r"[/:.,-]")
_XS = re.compile(r"[xX]+")
#: What may stand between a format cue and the shape: "format: XX/XX", "as 'XX/XX'",
#: "(e.g. XX/XX)".
_BEFORE_FORMAT = " \t\n:(\"'\u201c\u2018"
#: How far back the cue is looked for, in characters (a word and its punctuation).
_CUE_REACH = 24
#: Characters that, right next to a leftover, put it in a file path or an address.
_PATH_CHARS = frozenset("\\/")
#: Separators of a menu path ("Settings > <account name>"): what follows names a place
#: in the program, an instruction rather than a leftover.
_MENU_SEPARATORS = frozenset(">→»")
#: How a bracketed field opens in a reply as written (an HTML answer escapes "<").
_BRACKET_OPENINGS = ("<", "[", "&lt;")
#: How many bracketed items in a row a menu path is followed through.
_MAX_MENU_ITEMS = 8
_CAMEL_PART = re.compile(r"[A-Z][a-z]*|[a-z]+")
#: A field on a signature line names one detail: "<Job Title>", "[Department]".
_MAX_SIGNATURE_FIELD_WORDS = 2


@dataclass(frozen=True)
class _Leftover:
    """One leftover: where it is in the original input and what kind it is."""

    start: int
    end: int
    #: "variable", "tag" (a template tag or comment), "unclosed" (the opening tag of a
    #: conditional never closed), "stray" (a closing tag that closes none), "misplaced"
    #: (a tag separating two branches outside a block that takes it) or "mark"
    kind: str
    #: Where it starts in the analysed text (None: in markup normalisation dropped).
    text_start: int | None = None
    #: Of an "unclosed" or "stray" tag: what the normaliser read of it (the tag to add).
    unbalanced: UnbalancedTag | None = None


#: A finding's confidence: how often a leftover found is one. Of the placeholders and
#: drafting marks the rule found in the training split's replies, 62 of 65 (0.954) were
#: labelled leftovers. The rules' default 0.9 understated it, so a ``min-confidence``
#: above 0.9, meant to hide doubtful model alarms, dropped an unfilled field and let the
#: reply pass while its summary said ``template_residue: failed``.
CONFIDENCE = 0.95
#: Leftovers that are defects of a template itself, found in template mode too: a
#: drafting mark (the macro is unfinished), a conditional never closed, a closing tag
#: that closes none and a branch tag outside its block (the engine cannot render it).
_TEMPLATE_DEFECTS = frozenset({"mark", "unclosed", "stray", "misplaced"})


class TemplateResidueRule(Rule):
    id = "template_residue"
    default_severity = Severity.error
    #: Counted only when residue is found (replylint/scoring.py): as much as a missing
    #: next step, the heaviest of the core checks.
    weight = 30
    standard = "A reply ready to send"
    #: Placeholders and drafting marks ({{first_name}}, [link], TODO) are marks, not
    #: English: a French draft with one is as unready as an English one.
    languages = None
    rationale = (
        "A reply that still holds {{first_name}}, [link] or TODO shows the customer a form "
        "letter nobody read, and often misses the very detail they needed."
    )
    examples = Examples(
        fire=[
            Example(reply="Hi {{first_name}}, your refund was sent today. Thanks!"),
            Example(reply="Hello [Customer Name], you can reset it here: [link]"),
            Example(reply="Your engineer, <insert name>, will call before 10am."),
            Example(reply="Hi %%FirstName%%, your refund was sent today. Thanks!"),
            # help desks' variables in lower or camel case, and a field whose name was deleted
            Example(reply="Hi $first_name, your refund of $refundAmount was sent today."),
            Example(reply="Hi %name%, your refund was sent today. Thanks!"),
            Example(reply="Hi Dana, your refund reaches your card within {{ }} days."),
            Example(reply="Your new card arrives on xx/xx. TODO: check the date."),
            Example(reply="Hi Ruth, your new licence key is valid until XX/XX/2025."),
            # a date half filled in: the drafter knew the month, not the day
            Example(reply="Hi Ruth, your delivery is booked for 12/XX/2025."),
            Example(reply="Dear $NAME, your order ships tomorrow."),
            # a field named by what the organisation deals in, before a field's head noun
            Example(reply="Dear <Attendee Name>, your seat at <Venue Name> is reserved."),
            # a slot for the agent's details under the name, whatever it names
            Example(reply="Your refund was sent today.\n\nThanks,\nSam\n<Job Title>"),
            # ... or on a contact line under it
            Example(reply="Your refund was sent today.\n\nThanks,\nSam\nAcme Support | [Website]"),
            Example(reply="Your refund was sent today.\n\nThanks,\nSam\nPhone: <phone number>"),
            # a template may hold placeholders, not an unfinished sentence
            Example(reply="Hi {{first_name}}, TODO: add the refund date.", template=True),
            # ... nor a conditional never closed, which no template engine renders
            Example(
                reply="Hi {{first_name}},\n\n{% if vip %}Your upgrade is free.\n\nBest,\nSam",
                template=True,
            ),
            # ... nor a closing tag that closes none
            Example(
                reply="Hi {{first_name}},\n\nYour upgrade is free.\n{{/if}}\n\nBest,\nSam",
                template=True,
            ),
            # ... nor an else outside any conditional
            Example(
                reply="Hi {{first_name}},\n\n{% else %}Your upgrade is free.\n\nBest,\nSam",
                template=True,
            ),
            # placeholders are not English: a French draft is read too
            Example(reply="Bonjour {{first_name}}, votre colis part demain matin. Merci !"),
        ],
        pass_=[
            Example(reply="Hi Dana, see [the setup guide](https://example.com/guide)."),
            Example(reply="Your order [#48213] ships today in size XXL."),
            # a format shown to the customer, not a value left out
            Example(reply="Please enter your date of birth as XX/XX/XXXX in the form."),
            Example(reply="Please do NOT reply to this email; the refund is ALREADY sent."),
            Example(reply="Open C:\\Users\\[Name]\\AppData and delete the folder."),
            # a shell's or a script's variables, and Windows' folders, name no field
            Example(reply="Run `echo $profile` in PowerShell, then open %appdata% and look."),
            Example(reply="Click [OK], then press [ENTER] to save the new address."),
            # a name in code, and a value the customer is told to type, are no leftovers
            Example(reply='Add user_pref("<setting_name>", true); to the user.js file.'),
            Example(reply="Set User Name to <your e-mail address> and save."),
            Example(reply="Hi {{ticket.requester.first_name}}, thanks!", template=True),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        packs = context.packs
        self._fields = packs.words("template_residue.field_words")
        self._inserts = packs.words("template_residue.insert_verbs")
        self._fillers = packs.words("template_residue.field_fillers")
        #: Every word a bracketed field may hold (asked of every bracket and HTML tag).
        self._field_vocabulary = self._fields | self._inserts | self._fillers
        self._heads = packs.words("template_residue.field_heads")
        self._variables = packs.words("template_residue.variable_words")
        self._system = packs.words("template_residue.system_variables")
        self._agent_words = packs.words("template_residue.agent_field_words")
        # matched as written: "TBD" is a mark, "tbd" in a sentence may be a word
        self._marks = frozenset(packs.lexicon("template_residue.drafting_marks"))
        self._format_cues = packs.words("template_residue.format_cues")

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        yield from self.run(reply).findings

    def run(self, reply: AnalyzedReply) -> RuleOutcome:
        """The verdict (present = no leftover) and one finding per leftover."""
        leftovers = self._leftovers(reply)
        if reply.template:
            # its placeholders are expected; a drafting mark (TODO, XXX) is not: the
            # macro itself is unfinished, and every reply made from it would show it; nor
            # a conditional never closed, a closing tag that closes none or a branch tag
            # outside its block: no reply can
            # be made from it
            marks = [
                self._finding(reply, left) for left in leftovers if left.kind in _TEMPLATE_DEFECTS
            ]
            if not marks:
                verdict = CheckResult(
                    present=True,
                    applicable=False,
                    reason="a template: placeholders are expected",
                    evidence=None,
                )
                return RuleOutcome(verdict=verdict, findings=[])
            verdict = CheckResult(
                present=False,
                applicable=True,
                reason=f"a template with {len(marks)} drafting mark(s) or unbalanced tag(s)",
                evidence=marks[0].text,
            )
            return RuleOutcome(verdict=verdict, findings=marks)
        findings = [self._finding(reply, leftover) for leftover in leftovers]
        verdict = CheckResult(
            present=not findings,
            applicable=True,
            reason=f"{len(findings)} template leftover(s)" if findings else None,
            evidence=findings[0].text if findings else None,
        )
        return RuleOutcome(verdict=verdict, findings=findings)

    # --- finding the leftovers ------------------------------------------------------------

    def _leftovers(self, reply: AnalyzedReply) -> Iterator[_Leftover]:
        """The candidates that are leftovers, in order, one per span: a span found two
        ways (a placeholder that is also bracketed) is reported once. Sorted first, so
        overlaps are dropped in one pass however many placeholders a reply holds."""
        original = reply.original
        candidates = sorted(self._candidates(reply), key=lambda x: (x.start, -x.end))
        reached = -1
        for leftover in candidates:
            span = (leftover.start, leftover.end)
            if leftover.start < reached:
                continue
            if _in_path(original, *span) or self._system_variable(original, *span):
                continue
            if leftover.text_start is not None and _after_menu(
                reply, leftover.text_start, original[leftover.start : leftover.end]
            ):
                continue
            reached = leftover.end
            yield leftover

    def _candidates(self, reply: AnalyzedReply) -> Iterator[_Leftover]:
        original = reply.original
        unbalanced = _unbalanced_tags(reply.normalized)
        for text_start, text_end in reply.placeholder_spans:
            start, end, raw = reply.to_original(text_start, text_end)
            if self._labelled_field(raw) or _signature_field(reply, text_start, text_end, raw):
                yield _Leftover(start, end, "variable", text_start)
        for removed in reply.normalized.removed:
            if removed.kind == "signature":
                yield from _contact_line_fields(reply.normalized, removed)
            if removed.kind != "markup":
                continue
            raw = original[removed.start : removed.end]
            if is_template_tag(raw):
                block = unbalanced.get((removed.start, removed.end))
                kind = "tag" if block is None else block.role
                yield _Leftover(removed.start, removed.end, kind, unbalanced=block)
            elif is_value_placeholder(raw) and self._labelled_field(raw):
                # a field in a conditional's branch that is not read (one inside a
                # sentence after its first): the customer of a reply sent unrendered sees it
                yield _Leftover(removed.start, removed.end, kind="variable")
            elif raw.startswith("<") and self._is_field(raw[1:-1]):
                yield _Leftover(removed.start, removed.end, kind="variable")
        text = reply.normalized.text
        for match in _BRACKETED.finditer(text):
            inner = match.group("square") or match.group("round") or match.group("angle") or ""
            if self._is_field(inner, strict=match.group("round") is not None) or (
                _signature_field(reply, *match.span(), match.group())
            ):
                yield self._mapped(reply, match, "variable")
        # cheap tests first: most replies have no "$" and no "xx" for these to find
        for match in _DOLLAR.finditer(text) if "$" in text else ():
            name = match.group("braced") or match.group("bare") or ""
            if any(part.lower() in self._variables for part in re.split(r"[_\W]+", name)):
                yield self._mapped(reply, match, "variable")
        for match in DRAFTING_XS.finditer(text) if "xx" in text.lower() else ():
            if not self._format_hint(text, match):
                yield self._mapped(reply, match, "mark")
        for match in _CAPITALS.finditer(text):
            if match.group() in self._marks:
                yield self._mapped(reply, match, "mark")

    def _format_hint(self, text: str, match: re.Match[str]) -> bool:
        """A format shown to the customer, not a value left out: x's in several parts,
        none of them a value but a year at the end ("XX/XX/2025", "XXXX-XXXX"), right
        after a word of ``template_residue.format_cues`` ("enter the date as", "format:",
        "e.g."). A bare "XXX" after "as" ("your reference is listed as XXX") is a value
        all the same, and so is "12/XX/2025": the drafter knew the month."""
        parts = _PART_SEPARATORS.split(match.group())
        if len(parts) < 2 or not all(_XS.fullmatch(part) for part in parts[:-1]):
            return False
        if not (_XS.fullmatch(parts[-1]) or parts[-1].isdigit()):
            return False
        before = text[max(0, match.start() - _CUE_REACH) : match.start()]
        words = before.rstrip(_BEFORE_FORMAT).split()
        return bool(words) and words[-1].lower().lstrip(_BEFORE_FORMAT) in self._format_cues

    def _is_field(self, inner: str, *, strict: bool = False) -> bool:
        """A bracketed phrase that is a template field or a drafting note: field words
        (``[link]``, ``[first name]``), or an insert verb before one (``[insert date]``).
        In round brackets a lone field word is prose ("the app (link)") unless a filler
        or a verb says it is a slot: ``(link here)``, ``(insert link)``."""
        # (at most six words read: a long parenthesis is prose, and reading all of it
        # for every bracket of every reply was 2% of the checks' time under cProfile)
        words = [w.group().lower() for w in islice(_WORD.finditer(inner), 6)]
        if not words or len(words) > 5 or not _FIELD_CHARACTERS.fullmatch(inner.strip()):
            return False
        known = self._field_vocabulary
        unknown = [w for w in words if w not in known]
        if not unknown:
            return any(w in self._fields for w in words) and (not strict or len(words) > 1)
        return not strict and " " in inner.strip() and self._named_field(words, unknown)

    def _named_field(self, words: list[str], unknown: list[str]) -> bool:
        """A field the lists do not know, named by what the organisation deals in: one
        unknown word before a head noun of ``template_residue.field_heads``, in square or
        angle brackets ("<Venue Name>", "[PROJECT ADDRESS]", "<Attendee Name>"). One word
        and a head only, written as two words: "<your Windows login username>" or
        "[Horizontal Three Line]" is prose, an instruction or a menu's name, and
        "<setting_name>" a name in code."""
        return len(words) == 2 and words[0] in unknown and words[1] in self._heads

    def _labelled_field(self, raw: str) -> bool:
        """A placeholder normalisation found, kept when it names a field: a Title Case
        label in square brackets must hold a field word (``[Customer Name]``), since
        forum answers bracket menu and button names (``[Horizontal Three Line]``) that
        read as words all the same, unless one word names it before a field's head noun
        (``[Store Location]``: see :meth:`_named_field`). Braces, percent signs and
        capitals always count."""
        if not raw.startswith("[") or raw.upper() == raw:
            return True
        if any(part.lower() in self._fields for part in _CAMEL_PART.findall(raw)):
            return True
        return self._is_field(raw.strip("[]"))

    def _system_variable(self, original: str, start: int, end: int) -> bool:
        """``%APPDATA%``: an operating-system variable in a technical answer."""
        match = _PERCENT.fullmatch(original[start:end])
        return match is not None and match.group(1).lower() in self._system

    @staticmethod
    def _mapped(reply: AnalyzedReply, match: re.Match[str], kind: str) -> _Leftover:
        start, end, _ = reply.to_original(*match.span())
        return _Leftover(start, end, kind, match.start())

    # --- reporting ------------------------------------------------------------------------

    def _finding(self, reply: AnalyzedReply, leftover: _Leftover) -> Finding:
        text = reply.original[leftover.start : leftover.end]
        if leftover.kind == "mark":
            message = f'"{text}" is a drafting mark left in the reply; the customer would see it.'
            suggestion = "Put in the real value or finish the sentence, then remove the mark."
        elif leftover.unbalanced is not None:
            message, suggestion = _unbalanced(reply.original, text, leftover.unbalanced)
        elif is_partial(text):
            message = (
                f'"{_shown(text)}" is a template include (a partial); the customer would see '
                "it as is."
            )
            suggestion = "Put in the text it includes, or remove it, before sending."
        elif leftover.kind == "tag" and _TEMPLATE_COMMENT.match(text):
            message = (
                f'"{_shown(text)}" is a template comment, a note to the team; the customer '
                "would see it as is."
            )
            suggestion = "Remove it before sending."
        elif leftover.kind == "tag" and _in_html_comment(reply.original, leftover.start):
            message = (
                f'"{_shown(text)}" is a template tag no engine ran; in an HTML comment the '
                "customer would not see it, but the conditional text around it was not "
                "chosen for them."
            )
            suggestion = (
                "Remove the tag before sending, and of an if's branches keep only the text "
                "meant for this customer."
            )
        elif leftover.kind == "tag":
            message = f'"{_shown(text)}" is a template tag; the customer would see it as is.'
            suggestion = (
                "Remove the tag before sending, and of an if's branches keep only the text "
                "meant for this customer."
            )
        else:
            message = f'"{text}" is an unfilled template field; the customer would see it as is.'
            suggestion = "Fill in the value, or remove it, before sending."
            if self._agents_field(reply, leftover, text):
                suggestion = "Sign with your own name, or remove it, before sending."
            elif reply.customer_name and "name" in text.lower():
                suggestion = f'Replace it with the customer\'s name, "{reply.customer_name}".'
        return Finding(
            rule=self.id,
            check=self.check_name,
            severity=self.severity,
            message=message,
            start=leftover.start,
            end=leftover.end,
            text=text,
            suggestion=suggestion,
            confidence=CONFIDENCE,
        )

    def _agents_field(self, reply: AnalyzedReply, leftover: _Leftover, text: str) -> bool:
        """The field stands for the agent, not the customer: a name field whose words say
        so ("[Agent Name]", "{{staff.first_name}}"), or a name field in the sign-off,
        where the agent signs ("{{first_name}}" under "Best,"), unless its words name the
        customer ("[Customer Name]"). A phone number field there is no name."""
        words = _field_words(text)
        if "name" not in words:
            return False
        if not self._agent_words.isdisjoint(words):
            return True
        if not _CUSTOMER_FIELD_WORDS.isdisjoint(words):
            return False
        signoff, at = reply.signoff, leftover.text_start
        return (
            signoff is not None and at is not None and signoff.start_char <= at < signoff.end_char
        )


#: A template comment, a note to the team: {{! ... }}, {# ... #}, {% comment %}, {% # %}.
_TEMPLATE_COMMENT = re.compile(r"\{\{~?!|\{#|\{%-?[ \t]*(?:comment\b|#)")
#: How much of a template comment or tag a message quotes: a Liquid comment block runs
#: to its {% endcomment %}, lines below.
_MAX_QUOTED = 60


def _unbalanced_tags(normalized: NormalizedReply) -> dict[tuple[int, int], UnbalancedTag]:
    """The original input's tags no template engine renders (the opening tags of its
    conditionals never closed, its closing tags that close none, its branch tags outside
    their block), by their spans; asked
    only of a reply the normaliser dropped template markup from."""
    if not any(removed.kind == "markup" for removed in normalized.removed):
        return {}
    return {tag.span: tag for tag in unbalanced_template_tags(normalized.original)}


def _unbalanced(original: str, text: str, tag: UnbalancedTag) -> tuple[str, str]:
    """The message and suggestion of a tag no template engine renders: ``text``, an
    opening tag never closed, a closing tag that closes none or a branch tag outside its
    block."""
    block = "loop" if tag.loop else "conditional"
    if tag.role == "misplaced":
        return _misplaced(original, text, tag)
    if tag.role == "stray":
        message = (
            f'"{_shown(text)}" closes a {block} that is never opened: the template cannot '
            "be rendered."
        )
        return message, f'Remove it, or add "{tag.missing}" where the {block} should start.'
    message = (
        f'"{_shown(text)}" opens a {block} that is never closed: the template cannot be '
        "rendered, and where it ends is not known."
    )
    if tag.before is None:
        if _AMPSCRIPT_ELSE_IF.match(text):
            return message, (
                f'Close it with "{tag.missing}" where it should end, or write "ELSEIF" as one '
                "word to make it a branch of the block above."
            )
        return message, f'Close it with "{tag.missing}" where it should end.'
    outer = _shown(original[tag.before[0] : tag.before[1]])
    return message, (
        f'Close it with "{tag.missing}" where it should end: before the "{outer}" that '
        "closes the block around it."
    )


def _misplaced(original: str, text: str, tag: UnbalancedTag) -> tuple[str, str]:
    """The message and suggestion of a tag separating two branches (``text``) that stands
    outside a block taking it: with none open around it, or inside one that takes no such
    tag (``{% elsif %}`` in a ``{% for %}``)."""
    if tag.after is not None and tag.inside is not None:
        return _after_last_branch(original, text, tag.after, tag.inside[0])
    closing, what = tag.belongs or ("", "block")
    move = f'move it between "{tag.missing}" and "{closing}"'
    if tag.inside is None:
        message = f'"{_shown(text)}" stands outside any {what}: the template cannot be rendered.'
        return message, f"{move[0].upper()}{move[1:]}, or remove it."
    (start, end), inside_closing = tag.inside
    message = (
        f'"{_shown(text)}" stands inside "{_shown(original[start:end])}", which takes no such '
        "tag: the template cannot be rendered."
    )
    block = "loop" if tag.loop else "conditional"
    return message, f'Close the {block} with "{inside_closing}" before it, or {move}.'


def _after_last_branch(original: str, text: str, last: Span, block: Span) -> tuple[str, str]:
    """The message and suggestion of a branch tag (``text``) after the ``last`` branch
    (its else) of the ``block`` it stands in: the engine refuses it, or never sends it."""
    shown_last = _shown(original[last[0] : last[1]])
    message = (
        f'"{_shown(text)}" comes after "{shown_last}", the last branch of '
        f'"{_shown(original[block[0] : block[1]])}": the template cannot be rendered, or '
        "its branch is never sent."
    )
    if is_last_branch_tag(text):
        return message, "A block takes one else branch: remove one, or merge the two."
    return message, f'Move it and its branch above "{shown_last}", or remove it.'


def _in_html_comment(original: str, start: int) -> bool:
    """Whether ``start`` is inside an HTML comment of the original (as the normaliser finds
    them: :func:`~replylint.normalize.comments.comment_spans`): a tag there is hidden
    from the customer of an HTML e-mail, though no engine ran it."""
    return any(begin <= start < end for begin, end in comment_spans(original))


def _shown(text: str) -> str:
    """A tag or comment as a message quotes it: its first line, cut short."""
    first = text.split("\n", 1)[0]
    return first if len(first) <= _MAX_QUOTED and first == text else first[:_MAX_QUOTED] + "..."


#: Words that make a name field the customer's, wherever it stands.
_CUSTOMER_FIELD_WORDS = frozenset({"customer", "client", "recipient", "requester", "user"})


def _field_words(text: str) -> set[str]:
    """The lower-cased words of a field's text: "{{AGENT_NAME}}", "[AgentName]" and
    "{{staff.first_name}}" are split at case changes and at anything not a letter."""
    words: set[str] = set()
    for part in re.findall(r"[A-Za-z]+", text):
        words.update(w.lower() for w in ([part] if part.isupper() else _CAMEL_PART.findall(part)))
    return words


def _signature_field(reply: AnalyzedReply, start: int, end: int, raw: str) -> bool:
    """A slot for one of the agent's details on a signature line of the sign-off
    ("<Job Title>" under the name, "Support Team, <Website>"): a field of one or two words
    written as a label (:func:`~replylint.normalize.slots.is_field_slot`), whatever it
    names, since prose never stands there in brackets. It fills its line, or stands on
    it as a word of its own in square or angle brackets: "Sam (Billing)" says where Sam
    works, and "^[SP]" signs with initials. ``start`` and
    ``end`` are in the analysed text, ``raw`` is the slot as written."""
    signoff = reply.signoff
    if signoff is None or not signoff.start_char <= start < signoff.end_char:
        return False
    if not 1 <= field_slot_words(raw) <= _MAX_SIGNATURE_FIELD_WORDS:
        return False
    text = reply.normalized.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    if line == text[start:end]:
        return True
    # a word of its own: "^[SP]" or "-[JK]" is the agent's initials after a marker
    return raw.startswith(("[", "<")) and (
        not text[line_start:start].strip() or text[start - 1] in " \t"
    )


def _contact_line_fields(normalized: NormalizedReply, cut: Removed) -> Iterator[_Leftover]:
    """The fields of one or two words standing as a part of a contact line the sign-off
    reader cut from the analysed text as signature, or as the value of its label ("Acme
    Support | [Website]", "Sam | Acme | <phone number>", "Phone: <phone number>":
    :func:`~replylint.normalize.slots.contact_slot_spans`). The customer reads the line
    all the same, so its field is a leftover, as one on a signature line the text keeps
    is (:func:`_signature_field`). Read in the original input, a line at a time; an HTML
    answer's tags break its lines there, and its escaped brackets ("&lt;Phone&gt;") are
    read as its reader sees them."""
    original = normalized.original
    for start, end in _cut_lines(normalized, cut):
        line = original[start:end]
        for slot_start, slot_end in contact_slot_spans(line):
            words = field_slot_words(html.unescape(line[slot_start:slot_end]))
            if 1 <= words <= _MAX_SIGNATURE_FIELD_WORDS:
                yield _Leftover(start + slot_start, start + slot_end, "variable")


def _cut_lines(normalized: NormalizedReply, cut: Removed) -> Iterator[tuple[int, int]]:
    """Where the lines of the original input in the span ``cut`` are, split at its line
    breaks and at the markup removed inside it ("<br>", "</p>")."""
    breaks = [
        (r.start, r.end)
        for r in normalized.removed
        if r.kind == "markup" and cut.start <= r.start and r.end <= cut.end
    ]
    start = cut.start
    for break_start, break_end in breaks:
        yield from _split_lines(normalized.original, start, break_start)
        start = break_end
    yield from _split_lines(normalized.original, start, cut.end)


def _split_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of the lines of ``text[start:end]``."""
    for line in text[start:end].split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _after_menu(reply: AnalyzedReply, text_start: int, raw: str) -> bool:
    """Does a menu path lead to a bracketed field ("Apply Columns to > <account name>")?
    Then it names a place in the program, an instruction. Read in the analysed text, where
    an HTML answer's ``&gt;`` is a ">" and its tags are gone. Only a field in brackets can
    be a menu's item (never ``{{ticket_url}}``), and a ">" that closes an angle bracket
    ("<help@acme.io> [link]", "<Venue Name> <Venue Address>") separates no menu, unless
    that bracket is itself a menu's item ("> <account name> <account name>")."""
    if not raw.startswith(_BRACKET_OPENINGS):  # as written: normalising may replace it
        return False
    text = reply.normalized.text
    at = text_start
    for _ in range(_MAX_MENU_ITEMS):
        head = text[max(0, at - 4) : at].rstrip()
        if not head or head[-1] not in _MENU_SEPARATORS:
            return False
        if head[-1] != ">":
            return True
        closing = max(0, at - 4) + len(head) - 1  # where the ">" stands
        line_start = text.rfind("\n", 0, closing) + 1
        opening = text.rfind("<", line_start, closing)
        if opening <= text.rfind(">", line_start, closing):
            return True  # no "<" it would close: a menu's separator
        at = opening  # it closes "<...>": is that one a menu's item?
    return False


def _in_path(original: str, start: int, end: int) -> bool:
    """Is the span part of a file path or a dotted address (``\\[Name]\\``,
    ``[XXX].default``)? Then it tells the customer where to look, and is no leftover."""
    before = original[start - 1] if start > 0 else " "
    after = original[end : end + 2]
    return (
        before in _PATH_CHARS
        or (after[:1] in _PATH_CHARS)
        or (after[:1] == "." and after[1:2].isalnum())
    )
