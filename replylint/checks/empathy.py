"""empathy: the agent acknowledges the customer's feelings or situation.

Standard: *express empathy*. "I understand how frustrating this is", "I can imagine",
"that's not the experience we want for you" count. An apology that merely names a
feeling ("sorry for the frustration") is an apology only: a feeling word that is the
object of an apology in its clause does not count, but one predicated in a clause of its
own does ("I'm so sorry: missing it twice is really annoying"). Besides the pack's
frames, the rule reads each sentence clause by clause (:mod:`replylint.empathy_cues`): a
feeling or judgement predicated of the situation, a broken norm ("that's not OK"), the
agent knowing the customer's situation ("we know this disrupts your plans"), a wish
through a hardship ("we hope you're feeling better"), an apology that names what makes
it worse ("..., especially in this weather"), a reaction to the customer's report that
judges it ("that sounds dangerous"), the customer's trouble reflected back ("it sounds
like you're having trouble sending mail"), agreement that the customer is right ("you're
right to expect better", "I couldn't agree more"), the agent in the customer's place
("I'd be upset too"), an experience bad for anyone ("that would worry anyone", "nobody
likes finding extra costs", "that would gut anyone", "no use to anyone"), taking the
matter seriously ("we take incidents like this very seriously"), a spoiled occasion
("that's a rotten start to the weekend", "what a way to begin the week"), a situation
barely what it should be ("a lunch with no sandwiches is barely a lunch"), a strong norm
broken whatever the subject ("three missed visits isn't acceptable"), the company owning
a failure ("we should have called you"), the customer put to trouble ("you shouldn't
have to chase us"), a good thing denied where a judgement counts ("I know it won't have
been an easy decision", "that can't be easy"), the effect on the customer ("that must
have thrown your whole day out"), the company wanting something for the customer or
putting their wellbeing first ("we want your phone to work as it should", "your safety
is our top priority"), a hard time the customer is going through ("at such a difficult
time"), a bare "I understand." (the guide's generic "I understand"), what the customer
should have had from the company ("not the service you should get from us"), a feeling
called normal ("it's normal to feel a bit lost") or the trouble called common in a
reassurance ("please don't worry, this can happen sometimes"), the situation judged the
worst of its kind or not what the customer wanted ("cold chips are the worst", "not what
you want from a new bike"), the customer's caution or action called right ("you were
right to be cautious", "you did the right thing"); each only where it is stated, not
hedged, negated or asked. A frame that sees how a suggestion would be useful ("we can
see how that'd be useful") weighs a feature request, not the customer's situation.
Applicable like ``apology``."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span

from replylint.analysis import AnalyzedReply
from replylint.empathy_cues import (
    Clause,
    CueWords,
    SentenceReader,
    about_customer,
    first_person_subject,
)
from replylint.grammar import (
    FIRST_PERSON_SUBJECTS,
    NEGATIONS,
    SECOND_PERSON,
    SECOND_PERSON_POSSESSIVES,
    WOULD_SPELLINGS,
)
from replylint.packs import Example, Examples
from replylint.problem import ProblemSignal
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict

#: "I couldn't agree more": the one negated agreement that agrees.
_MORE = "more"
_MORE_SET = frozenset({_MORE})
#: "you're right | to | expect better".
_INFINITIVE = "to"
#: The perfect after a norm modal: "should have been told", "should've called".
_PERFECT = frozenset({"have", "'ve"})
_I = "i"

#: "have" of "have to": a norm modal's obligation ("nobody should have to ...").
_HAVE = "have"
_TO = frozenset({_INFINITIVE})
#: "I agree with you | that ...": what follows is the fact agreed to.
_THAT = frozenset({"that"})

#: What may join an agreement to an apology after it ("you're right, and I'm sorry").
_APOLOGY_JOINERS = frozenset(
    {",", ";", "-", "–", "—", "and", "so", "i", "we", "'m", "am", "are", "'re", "really",
     "very", "truly", "deeply"}
)  # fmt: skip

#: "no | use to anyone".
_NO = "no"
#: The last word of a frame that sees how or why something is: "I can see | how".
_SEEING_WORDS = frozenset({"how", "why"})
#: "a lot | of users".
_OF = "of"
#: The gerund's ending: "nobody likes | finding extra costs".
_GERUND = "ing"
#: After "nobody should": "be" ("nobody should be sworn at"); "no one should have
#: access to your password" is advice.
_BE = frozenset({"be"})


def _partitive(reader: SentenceReader, word: Span) -> bool:
    """``word`` is followed by "of" ("a lot of users"): a quantity, not a hardship."""
    i = word.end - reader.sentence.start
    return i < len(reader.norms) and reader.norms[i] == _OF


class EmpathyRule(PresenceRule):
    id = "empathy"
    default_severity = Severity.info
    weight = 10
    standard = "Express empathy"
    rationale = (
        "Naming the customer's situation or feeling shows it was heard; an apology alone "
        "can read as a formula."
    )
    missing_message = (
        "The customer had a problem, but the reply does not acknowledge how it affects them."
    )
    examples = Examples(
        fire=[
            # "good enough" for a purpose, or a guess at why a thing failed
            Example(
                reply="The photo isn't good enough to read the serial. Can you send another?",
                customer_message="My speaker is broken, so annoying.",
            ),
            Example(
                reply="I guess the old password wasn't good enough. Try a longer one.",
                customer_message="I can't log in, so annoying.",
            ),
            # "bad luck" that is no judgement of the customer's situation
            Example(
                reply="With bad luck the parcel could be held at customs. Track it here.",
                customer_message="My parcel still hasn't arrived, so annoying.",
            ),
            Example(
                reply="Sorry for the frustration. Please reinstall the app.",
                customer_message="The app keeps crashing, so annoying.",
            ),
            Example(
                reply="Please send us your order number.",
                customer_message="My parcel is two weeks late!",
            ),
            Example(
                reply="If I understand your setup, the router is on a timer.",
                customer_message="My internet keeps cutting out, so annoying!",
            ),
            Example(
                reply="You're right that the reset button is on the back.",
                customer_message="The router keeps dropping, is the reset on the back?",
            ),
            # the idiom as advice
            Example(
                reply="The last thing you want to do is delete your profile. Back it up first.",
                customer_message="Firefox lost all my bookmarks after the update!",
            ),
            # the helper's own slip in the thread, not the customer's situation
            Example(
                reply="You're right, I should have asked which browser you use. Which is it?",
                customer_message="My bookmarks are lost and you asked about my email?",
            ),
            Example(
                reply="I know the cause: the line card failed. We value your feedback.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="I'd be happy to check the line for you.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="There's no way to start the router remotely; please restart it.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="If that's not what you want, choose another plan in Settings.",
                customer_message="My bill went up again, this is a joke.",
            ),
            Example(
                reply="Worst case, we send an engineer. Please restart the router first.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="No joke: the sale ends tonight, so please order today.",
                customer_message="Your delivery times are terrible, mine is a week late.",
            ),
            Example(
                reply="Nobody should have access to your PIN. Please change it in the app.",
                customer_message="Someone used my card and I'm worried.",
            ),
            Example(
                reply="If my manager agrees, I'd be happy to refund the fee.",
                customer_message="You charged me twice, this is ridiculous.",
            ),
            Example(
                reply="The fee that you saw is not unfair: it is the yearly charge.",
                customer_message="You've charged me twice, this is ridiculous.",
            ),
            Example(
                reply="There's an alarming rise in scam texts. Please forward it to us.",
                customer_message="I got a text saying my parcel is stuck, I'm worried.",
            ),
            # agreeing with a fact, and a long time that is no wait
            Example(
                reply="You're right that the form asks for a postcode. Enter it without spaces.",
                customer_message="Your form keeps rejecting my address, this is ridiculous.",
            ),
            Example(
                reply="That was a long time ago, so the warranty has ended. Repairs cost £40.",
                customer_message="My kettle broke again and I'm fed up.",
            ),
            Example(
                reply="The poor signal at the depot held your parcel up. It ships today.",
                customer_message="My parcel is three days late and I'm fed up.",
            ),
            Example(
                reply="The bracket is hard enough to fit without a drill, so book our fitter.",
                customer_message="My shelf fell down and I'm fed up.",
            ),
        ],
        pass_=[
            # a judgement of the situation, in plain words
            Example(
                reply="Nobody should spend their wedding evening worrying about the toilets.",
                customer_message="The toilets at our wedding were blocked all night.",
            ),
            Example(
                reply="Forty minutes late isn't good enough. I've refunded the delivery fee.",
                customer_message="The food arrived 40 minutes late.",
            ),
            Example(
                reply="A broken wrist is rotten luck. We'll move your lessons to June.",
                customer_message="I broke my wrist and can't come to my lessons.",
            ),
            Example(
                reply="Oh no, poor pup. Stop the new food for now and DM us your order number.",
                customer_message="My dog has been sick twice since starting your new food.",
            ),
            Example(
                reply="Moving house is hard enough without a dead router. A new one ships today.",
                customer_message="My router died the day we moved in.",
            ),
            Example(
                reply="That's a miserable way to lose a day's work. Your files are restored.",
                customer_message="The sync wiped my spreadsheet.",
            ),
            Example(
                reply="Three weeks of work and a hole in the picture is just cruel! Send a photo?",
                customer_message="A piece is missing from my 1000-piece puzzle.",
            ),
            # agreeing that a norm was broken, a wait judged too long, and the agent
            # imagining the customer's feeling
            Example(
                reply="You're right that we should have rung you first. I've rebooked you.",
                customer_message="Your engineer turned up when I was out and left.",
            ),
            Example(
                reply="Three weeks is far too long to wait. Your refund went out today.",
                customer_message="Still no refund after three weeks.",
            ),
            Example(
                reply="Sorry about that, definitely not ideal! Can you DM us your order number?",
                customer_message="My new bike lock arrived broken.",
            ),
            Example(
                reply="Finding out this close to the day must be a real blow. I've refunded you.",
                customer_message="The car we booked for our wedding isn't available now!",
            ),
            Example(
                reply="That would make me nervous too. The seal is safe to use.",
                customer_message="The jar lid hissed when I opened it, is that bad?",
            ),
            Example(
                reply="If that happened to me I'd be livid too. We'll replace the lamp.",
                customer_message="The lamp arrived smashed, again.",
            ),
            Example(
                reply="I understand how frustrating this is. Please reinstall the app.",
                customer_message="The app keeps crashing, so annoying.",
            ),
            # luck judged bad, and a wish that someone the customer names gets well
            Example(
                reply="That's rotten luck, Sam. We'll refund the hire today.",
                customer_message="The scooter battery died halfway home.",
            ),
            Example(
                reply="I'm sorry to hear about your mum's fall; I hope she's on the mend.",
                customer_message="I need to cancel, my mum had a fall last night.",
            ),
            Example(
                reply="Please don't worry, this can happen after a power cut. Reset it here.",
                customer_message="My alarm panel is beeping and I'm panicking.",
            ),
            Example(
                reply="A week of headaches is miserable. Please bring the glasses in today.",
                customer_message="My new glasses give me headaches and I can't read.",
            ),
            Example(
                reply="I can imagine how worrying that was. Your card is now blocked.",
                customer_message="Someone used my card!",
            ),
            Example(
                reply="That's not the experience we want for you. A refund is on its way.",
                customer_message="Worst delivery ever.",
            ),
            Example(
                reply="Delays are never fun. Your parcel arrives tomorrow.",
                customer_message="Still waiting for my parcel.",
            ),
            Example(
                reply="I'm so sorry: missing it twice is really annoying. It ships today.",
                customer_message="My box was missing the sauce again.",
            ),
            Example(
                reply="We know this disrupts your plans. Your new seat is 14C.",
                customer_message="My flight was cancelled.",
            ),
            Example(
                reply="Sorry to hear you've been ill; we hope you're feeling better.",
                customer_message="I missed my classes, I was in hospital.",
            ),
            Example(
                reply="You're right, that should never have happened. An engineer comes today.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="Oh no, that's the last thing you want with a wedding coming up.",
                customer_message="The invitations came back with the wrong date!",
            ),
            Example(
                reply="You're quite right, you should have been told. The van is fixed now.",
                customer_message="The library van didn't come again and nobody said why.",
            ),
            Example(
                reply="I know two days offline is hard when you work from home.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="We understand how much you rely on us for work. An engineer comes today.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="I'd be fed up too. An engineer comes today.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="What a way to start the week. An engineer comes today.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="Two days without a connection isn't acceptable. An engineer comes today.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="That must have thrown your whole week out. An engineer comes today.",
                customer_message="My internet has been down for two days!",
            ),
            Example(
                reply="Cold chips are the worst. I've refunded the meal.",
                customer_message="My chips arrived cold and soggy.",
            ),
            Example(
                reply="That's not what you want from a bike this new. Please update it.",
                customer_message="My new e-bike keeps cutting out.",
            ),
            Example(
                reply="You were right to be cautious. Please delete that email.",
                customer_message="I got an odd email asking for my password, is it you?",
            ),
            Example(
                reply="That must have been a shock. Your card is now blocked.",
                customer_message="Someone used my card!",
            ),
            Example(
                reply="Ugh, that sounds like a rubbish journey. Your refund is on its way.",
                customer_message="Two hours to get home tonight. Thanks for nothing.",
            ),
            Example(
                reply="Poor Biscuit must have been terrified. The vet will call you today.",
                customer_message="The groomer cut my dog's ear and she is shaking.",
            ),
            Example(
                reply="A cold shower in February is no joke. Our engineer will call you today.",
                customer_message="My boiler's broken, no hot water since this morning.",
            ),
            Example(
                reply="We know life gets in the way. Just reply with a new date that suits.",
                customer_message="I missed my appointment and now you've charged me.",
            ),
            Example(
                reply="Waiting in for a parcel that never comes is maddening. It's on the van now.",
                customer_message="I waited in all day and my parcel never came.",
            ),
            Example(
                reply="That's really not on. A new engineer visit is booked for Friday.",
                customer_message="Your engineer didn't turn up and I took the day off.",
            ),
            Example(
                reply="You're right, and I'm sorry. Bring the bike in on Thursday.",
                customer_message="There's a new scratch on my bike after the service.",
            ),
            Example(
                reply="If my cat had been sick after dinner I'd be worried too. DM us the batch.",
                customer_message="My cat was sick after eating the new food.",
            ),
            Example(
                reply="A cancelled film after the adverts is nobody's idea of a good night out.",
                customer_message="The film was cancelled after 20 minutes of adverts!",
            ),
            Example(
                reply="Nobody should have to chase a refund twice. It's on its way today.",
                customer_message="This is the second time I've asked for my refund.",
            ),
            Example(
                reply="Hi Sam, your refund is on its way.",
                customer_message="I'd like a refund for my unused ticket, please.",
            ),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        analyses = context.analyses
        self._frames = analyses.phrases("empathy.frames")
        self._feelings = analyses.phrases("empathy.feelings")
        self._norms = analyses.phrases(
            "empathy.norm_words", "empathy.norm_modals", "empathy.norm_wants",
            "empathy.standard_words", "empathy.strong_norms", "empathy.hopes",
        )  # fmt: skip
        self._cognition = analyses.phrases("empathy.cognition_verbs")
        self._wishes = analyses.phrases("empathy.wishes")
        self._wellbeing = analyses.phrases("empathy.wellbeing")
        self._wellbeing_words = tuple(
            tuple(entry.lower().split()) for entry in context.packs.lexicon("empathy.wellbeing")
        )
        self._elaborations = analyses.phrases("empathy.elaborations")
        self._reactions = analyses.phrases("empathy.reactions")
        self._reflections = analyses.phrases("empathy.reflections")
        self._hardships = analyses.phrases("empathy.hardships")
        self._apologies = analyses.phrases("apology.phrases")
        self._agreements = analyses.phrases("empathy.agreements")
        self._hypotheticals = analyses.phrases("empathy.hypotheticals")
        self._universals = analyses.phrases("empathy.universals")
        self._negative_universals = analyses.phrases("empathy.negative_universals")
        self._seriousness = analyses.phrases("empathy.seriousness")
        self._occasions = analyses.phrases("empathy.occasions", "empathy.manners")
        self._scarcely = analyses.phrases("empathy.scarcely")
        self._too_long = analyses.phrases("empathy.too_long")
        self._enough = analyses.phrases("empathy.sufficiency")
        self._pity = analyses.phrases("empathy.pity_words")
        self._intense = analyses.phrases("empathy.intense_feelings")
        self._positives = analyses.phrases("empathy.positives")
        self._distress = analyses.phrases("empathy.distress_verbs")
        self._priorities = analyses.phrases("empathy.priorities")
        self._trying = analyses.phrases("empathy.trying")
        self._normal = analyses.phrases("empathy.normal_words")
        self._reassurances = analyses.phrases("empathy.reassurances")
        self._commonplace = analyses.phrases("empathy.commonplace")
        self._not_after_reassurance = context.packs.words("empathy.not_after_reassurance")
        # every cue word in one lookup: the gate that spares most sentences any reading
        self._cue_words = analyses.phrases(
            *(name for matcher in (
                self._frames, self._feelings, self._norms, self._cognition, self._wishes,
                self._elaborations, self._reactions, self._reflections, self._agreements,
                self._hypotheticals,
                self._universals, self._seriousness, self._occasions, self._scarcely,
                self._priorities, self._trying, self._normal, self._reassurances,
                self._too_long, self._enough, self._pity,
            ) for name in matcher.names)
        )  # fmt: skip
        self._words = CueWords.of(context.packs)

    def detect(self, reply: AnalyzedReply) -> Verdict:
        problem = reply.problem
        # where any cue word is (one cached lookup per lexicon): most sentences hold none
        # and need no clause reading at all
        starts = self._cue_words.starts(reply.doc)
        for sentence in reply.sentences if starts else ():
            i = bisect_left(starts, sentence.start)
            if i == len(starts) or starts[i] >= sentence.end:
                continue
            found = self._cue(sentence)
            if found is not None:
                evidence, confidence = found
                return self._verdict(problem, evidence, confidence)
        confidence = 0.75 if problem.firm else 0.5
        return Verdict(
            present=False,
            applicable=problem.applicable,
            reason=problem.reason,
            confidence=confidence,
        )

    def _cue(self, sentence: Span) -> tuple[Span, float] | None:
        """The first acknowledgement in the sentence and how sure of it the rule is.
        The lexicons come from the linter's one phrase-matcher run: a sentence none of
        them matches (most) costs nothing more."""
        frames = self._frames.find(sentence)
        feelings = self._feelings.find(sentence)
        norms = self._norms.find(sentence)
        cognition = self._cognition.find(sentence)
        wishes = self._wishes.find(sentence)
        elaborations = self._elaborations.find(sentence)
        reactions = self._reactions.find(sentence)
        reflections = self._reflections.find(sentence)
        agreements = self._agreements.find(sentence)
        hypotheticals = self._hypotheticals.find(sentence)
        universals = self._universals.find(sentence)
        serious = self._seriousness.find(sentence)
        occasions = self._occasions.find(sentence)
        scarcely = self._scarcely.find(sentence)
        priorities = self._priorities.find(sentence)
        trying = self._trying.find(sentence)
        normal = self._normal.find(sentence)
        reassurances = self._reassurances.find(sentence)
        too_long = self._too_long.find(sentence)
        enough = self._enough.find(sentence)
        pity = self._pity.find(sentence)
        if not (
            frames or feelings or norms or cognition or wishes or elaborations or reactions
            or reflections or agreements or hypotheticals or universals or serious
            or occasions or scarcely or priorities or trying or normal or reassurances
            or too_long or enough or pity
        ):  # fmt: skip
            return None
        reader = SentenceReader(sentence, self._words)
        apologies = self._apologies.find(sentence)
        for frame in frames:
            if self._frame_holds(reader, frame, cognition) and not self._weighs_merit(
                reader, frame
            ):
                return frame, 0.85
        for word in feelings:
            if self._predicated(reader, word, apologies):
                return word, 0.7
        if norms or universals:  # "not what anyone needs": the universal opens it
            for clause in reader.clauses:
                breach = reader.breaks_norm(clause)
                if breach is not None:
                    return breach, 0.7
        for noun in occasions:
            spoiled = reader.spoils_occasion(noun)
            if spoiled is not None:
                return spoiled, 0.7
        for excess in too_long:
            judged = reader.judges_wait(excess)
            if judged is not None:
                return judged, 0.6
        for word in pity:
            pitied = reader.pities(word)
            if pitied is not None:
                return pitied, 0.6
        for word in enough:
            burdened = reader.burdened_enough(word)
            if burdened is not None:
                return burdened, 0.7
        for word in scarcely:
            denied = reader.denies_identity(word)
            if denied is not None:
                return denied, 0.6
        for verb in cognition:
            knowing = self._knows_situation(reader, verb, feelings)
            if knowing is not None:
                return knowing, 0.7
        for wish in wishes:
            if self._wishes_well(reader, wish):
                return wish, 0.7
        for word in elaborations:
            if any(apology.start < word.start for apology in apologies):
                return word, 0.6
        for reaction in reactions:
            judged = self._reacts(reader, reaction, feelings)
            if judged is not None:
                return judged, 0.7
        for reflection in reflections:
            reflected = reader.reflects_trouble(reflection)
            if reflected is not None:
                return reflected, 0.6
        for agreement in agreements:
            if self._agrees(reader, agreement):
                return agreement, 0.6
        for word in norms:
            if self._you_are_right(reader, word):
                return self._that_breaks_norm(reader, word) or word, 0.6
            wanted = self._wants_for_customer(reader, word)
            if wanted is not None:
                return wanted, 0.6
        for hypothetical in hypotheticals:
            placed = self._in_their_place(reader, hypothetical, feelings)
            if placed is not None:
                return placed, 0.7
        for universal in universals:
            if self._universal(reader, universal, feelings):
                return universal, 0.6
        for word in serious:
            taken = self._takes_seriously(reader, word)
            if taken is not None:
                return taken, 0.7
        for priority in priorities:
            first = reader.puts_wellbeing_first(priority)
            if first is not None:
                return first, 0.6
        for word in trying:
            hard = reader.hard_time(word)
            if hard is not None:
                return hard, 0.6
        for word in normal:
            normalised = reader.normalises_feeling(word)
            if normalised is not None:
                return normalised, 0.6
        for reassurance in reassurances:
            common = self._reassures(reader, reassurance)
            if common is not None:
                return common, 0.6
        return None

    def _weighs_merit(self, reader: SentenceReader, frame: Span) -> bool:
        """A frame that sees how or why ("I can see how", "we understand why") is about a
        suggestion's merit when its clause calls it useful ("We can see how that'd be
        useful!"): the agent weighs a feature request, not the customer's situation."""
        if reader.norms[frame.end - 1 - reader.sentence.start] not in _SEEING_WORDS:
            return False
        return reader.holds_word(reader.after(frame, reader.clause_of(frame)), self._words.merits)

    def _reassures(self, reader: SentenceReader, reassurance: Span) -> Span | None:
        """The agent reassures the customer that their trouble is common: "please don't
        worry, this can happen sometimes", "don't worry - nearly every bride says the same
        thing": a stated reassurance, then a word of the commonplace later in its
        sentence. "Don't worry about losing your data" and "don't worry if it's in
        German" tell the customer something does not matter, no feeling."""
        if reader.question or not reader.stated(reassurance):
            return None
        following = reader.next_word(reassurance, frozenset())
        if following is not None and reader.norms[following] in self._not_after_reassurance:
            return None
        sentence = reader.sentence
        common = [m for m in self._commonplace.find(sentence) if m.start >= reassurance.end]
        if not common:
            return None
        return sentence.doc[reassurance.start : common[0].end]

    def _wants_for_customer(self, reader: SentenceReader, want: Span) -> Span | None:
        """The company wants something for the customer: "we want your iPhone to work as
        expected", "we want your AirPods to work as they should": "we", a want, the
        customer's thing, then "to" in the clause; stated, not asked or negated ("we
        don't want your data to leave the device" is a policy)."""
        words = self._words
        base = reader.sentence.start
        i = want.start - base
        if reader.norms[i] not in words.norm_wants or reader.question:
            return None
        subject = reader.subject_before(want[0], words.auxiliaries | WOULD_SPELLINGS)
        if subject is None or reader.norms[subject] not in words.admitting:
            return None
        if not reader.stated(want) or reader.negated_before(want):
            return None
        following = reader.next_word(want, frozenset())
        if following is None or reader.norms[following] not in SECOND_PERSON_POSSESSIVES:
            return None
        rest = reader.after(want, reader.clause_of(want))
        if not reader.holds_word(rest, _TO):
            return None
        return reader.sentence.doc[base + subject : rest.end]

    def _takes_seriously(self, reader: SentenceReader, word: Span) -> Span | None:
        """The agent takes the customer's matter seriously: "we take incidents like this
        very seriously", "we take the security of your account seriously": in the clause
        before "seriously", a taking verb with a first-person subject; stated, not asked,
        not negated ("we didn't take it seriously" is a confession, not empathy)."""
        if reader.question or not reader.stated(word) or reader.negated_before(word):
            return None
        clause = reader.clause_of(word)
        base = reader.sentence.start
        for i in range(clause.start - base, word.start - base):
            if reader.norms[i] in self._words.taking and first_person_subject(
                reader, reader.sentence[i], self._words.auxiliaries
            ):
                return reader.sentence.doc[base + i : word.end]
        return None

    def _judged_after(self, reader: SentenceReader, span: Span) -> bool:
        """The rest of the sentence after ``span`` predicates a hardship of the situation
        ("I agree this is bad", "I know a week without heating is hard"); an attributive
        use judges nothing ("the hard drive")."""
        return self._judged_within(reader, reader.sentence.doc[span.end : reader.sentence.end])

    def _agrees(self, reader: SentenceReader, agreement: Span) -> bool:
        """The agent agrees with the customer ("I agree with you", "I couldn't agree
        more", "I agree this is bad"): a first-person subject, stated, not asked; alone in
        its sentence and addressed to the customer, or with a judgement after it. "I
        agree, the setting is under Options" agrees with a fact; "I don't agree"
        disagrees; a bare "I agree." in a forum thread may answer another helper."""
        if reader.question or not reader.stated(agreement):
            return False
        token = agreement[0]
        if not first_person_subject(reader, token, self._words.auxiliaries | NEGATIONS):
            return False
        if reader.negated_before(agreement):
            following = reader.next_word(agreement, frozenset())
            if following is None or reader.norms[following] != _MORE:  # "couldn't agree more"
                return False
        if reader.alone_after(agreement):
            # alone, it must be addressed to the customer ("I agree with you", "I couldn't
            # agree more"): a bare "I agree." in a thread may answer another helper
            rest = reader.sentence.doc[agreement.end : reader.sentence.end]
            return about_customer(rest) or reader.holds_word(rest, _MORE_SET)
        # "I agree with you - I think it's premature": alone in its clause, addressed to
        # the customer, and not conceded ("Even though I agree with you; ...")
        clause = reader.clause_of(agreement)
        rest = reader.after(agreement, clause)
        if (
            about_customer(rest)
            and reader.only_tails(rest)
            and not reader.holds_word(rest, _THAT)  # "I agree with you that, ...": a fact
            and not reader.conceding(clause)
        ):
            return True
        return (
            self._judged_after(reader, agreement)
            or self._that_breaks_norm(reader, agreement) is not None
        )

    @staticmethod
    def _that_breaks_norm(reader: SentenceReader, agreement: Span) -> Span | None:
        """What the agent agrees to, in a that-clause, is a broken norm: "you're right
        that we should have called you", "I agree that someone should have told you",
        "you're right that you shouldn't have had to chase us". "You're right that the
        button is on the left" agrees with a fact. The agreement and the breach, or
        None."""
        following = reader.next_word(agreement, reader.words.degree)
        if following is None or reader.norms[following] not in _THAT:
            return None
        base = reader.sentence.start
        clause = reader.clause_of(agreement)
        if base + following + 1 >= clause.end:
            return None
        breach = reader.breaks_norm(Clause(base + following + 1, clause.end))
        return None if breach is None else reader.sentence.doc[clause.start : breach.end]

    def _you_are_right(self, reader: SentenceReader, word: Span) -> bool:
        """The agent tells the customer they are right about their problem: "you're
        right to expect better", "you're absolutely right." alone in its sentence; "you're
        right that the button is on the left" (a fact) and "you're right, the setting is
        under Options" are agreement with a fact, which the clause reading after it
        judges (a broken norm there counts: "you're right, that should never have
        happened")."""
        if reader.norms[word.start - reader.sentence.start] not in self._words.norm_words:
            return False
        if reader.question or not reader.stated(word):
            return False
        link = reader.subject_before(word[0], self._words.degree)
        if link is None or reader.norms[link] not in self._words.linking:
            return False
        if link == 0 or reader.norms[link - 1] not in SECOND_PERSON:
            return False
        if reader.alone_after(word) or self._apology_after(reader, word):
            return True
        if self._that_breaks_norm(reader, word) is not None or self._what_should_have_been(
            reader, word
        ):
            return True
        following = reader.next_word(word, self._words.degree)
        if following is None or reader.norms[following] != _INFINITIVE:
            return False
        verb = reader.next_word(reader.sentence[following : following + 1], self._words.degree)
        return verb is not None and reader.norms[verb] in self._words.norm_wants

    def _what_should_have_been(self, reader: SentenceReader, word: Span) -> bool:
        """After the agreement, the sentence says what should have happened and did not:
        "you're quite right, you should have been told", "you're right, the driver should
        have called ahead" (a norm modal and a perfect: the customer's complaint agreed
        to), where "you're right, you should see it under Options" agrees with a fact.
        Not the agent's own slip in the conversation ("you're right; I should have asked
        which provider you use"), which is about the help given, not the situation."""
        norms = reader.norms
        for i in range(word.end - reader.sentence.start, len(norms) - 1):
            if norms[i] not in self._words.norm_modals:
                continue
            if norms[i - 1] == _I:
                return False
            k = i + 1
            while k < len(norms) and norms[k] in self._words.norm_adverbs | NEGATIONS:
                k += 1
            return k < len(norms) and norms[k] in _PERFECT
        return False

    def _apology_after(self, reader: SentenceReader, word: Span) -> bool:
        """Only an apology follows the agreement ("you're right, and I'm sorry", "you're
        right - we apologise"): it agrees with the customer's complaint, not with a fact
        stated next."""
        following = reader.next_word(word, _APOLOGY_JOINERS)
        if following is None:
            return False
        start = reader.sentence.start + following
        return any(
            word.end <= apology.start <= start < apology.end
            for apology in self._apologies.find(reader.sentence)
        )

    def _in_their_place(
        self, reader: SentenceReader, hypothetical: Span, feelings: list[Span]
    ) -> Span | None:
        """The agent imagines feeling what the customer feels: "I'd be upset too", "I'd
        be just as frustrated", "I'd feel exactly the same way", "If I were in your
        shoes, I'd be furious as well", "that would make me nervous too": a hypothetical
        first person and a linking verb (or the situation making the agent feel), and
        "the same" or a feeling with a word that makes it the customer's ("too"). "I'd
        be happy to help" feels nothing; "I'd be worried about the battery" is advice."""
        if reader.question or not reader.stated(hypothetical, imagining=True):
            return None
        clause = reader.clause_of(hypothetical)
        rest = reader.after(hypothetical, clause)
        # "would make me nervous too": the causative stands where the linking verb would
        causative = reader.norms[hypothetical.end - 1 - reader.sentence.start] in (
            self._words.agent_objects
        )
        link = hypothetical.end - 1 - reader.sentence.start if causative else None
        if link is None:
            link = reader.next_word(hypothetical, self._words.degree)
            if link is None or reader.norms[link] not in self._words.linking:
                return None
        if not len(rest):
            return None
        felt = any(rest.start <= f.start and f.end <= rest.end for f in feelings)
        same = reader.holds_word(rest, self._words.sameness)
        if same or (felt and reader.holds_word(rest, self._words.likewise)):
            return reader.sentence.doc[hypothetical.start : rest.end]
        # a feeling strong enough to be the customer's without "too": "I'd be beside
        # myself", "I'd be livid" (right after the linking verb)
        feeling = reader.next_word(reader.sentence[link : link + 1], self._words.degree)
        base = reader.sentence.start
        for intense in self._intense.find(rest):
            if feeling is not None and intense.start == base + feeling:
                return reader.sentence.doc[hypothetical.start : intense.end]
        return None

    @staticmethod
    def _wants_an_experience(reader: SentenceReader, want: int) -> bool:
        """What nobody wants is something that happens to one, an infinitive or a
        gerund ("nobody wants to be charged twice", "no one likes finding extra costs"),
        not a thing: "no one wants threads" is an opinion of a feature."""
        following = want + 1
        if following >= len(reader.norms):
            return False
        norm = reader.norms[following]
        return norm == _INFINITIVE or (
            norm.endswith(_GERUND) and reader.sentence[following].is_alpha
        )

    def _universal(self, reader: SentenceReader, universal: Span, feelings: list[Span]) -> bool:
        """What happened would be bad for anyone: "a bill that size would worry anyone",
        "three days without hot water would be hard for anyone" (a would-modal and a
        feeling or hardship in the clause), "nobody likes finding extra costs", "no one
        should be sworn at", "nobody should have to chase a refund", "nobody should spend
        their evening worrying" (a negative universal with a want or a norm modal). "Everyone
        wants the new feature" and "if anyone is worried" say nothing of the customer."""
        if reader.question or not reader.stated(universal):
            return False
        words = self._words
        denying = self._negative_universals.find(universal)
        if any((d.start, d.end) == (universal.start, universal.end) for d in denying):
            after = reader.next_word(universal, words.auxiliaries | words.degree)
            if after is not None and reader.norms[after] in words.norm_wants:
                return self._wants_an_experience(reader, after)
            if after is not None and reader.norms[after] in words.norm_modals:
                be = reader.next_word(reader.sentence[after : after + 1], _TO | words.degree)
                if be is not None and reader.norms[be] in _BE:
                    return True
                # "nobody should have to wipe mould off the wall every winter"
                if be is not None and reader.norms[be] == _HAVE and be + 1 < len(reader.norms):
                    return reader.norms[be + 1] == _INFINITIVE
                # "nobody should spend their wedding evening worrying about the toilets"
                return be is not None and reader.sentence[be].is_alpha
        clause = reader.clause_of(universal)
        if self._of_no_use(reader, universal, clause):
            return True
        words_of = reader.sentence.doc[clause.start : clause.end]
        if not reader.holds_word(words_of, WOULD_SPELLINGS):
            return False
        if any(d.end == universal.start for d in self._distress.find(words_of)):
            return True  # "that would gut anyone", "would wear anyone down"
        return any(clause.start <= f.start < clause.end for f in feelings) or any(
            not _partitive(reader, h) for h in self._hardships.find(words_of)
        )

    def _of_no_use(self, reader: SentenceReader, universal: Span, clause: Clause) -> bool:
        """The thing is of no use to anyone: "a cartridge your printer won't accept is no
        use to anyone", the universal ending its clause ("no use to anyone using IMAP"
        is a group)."""
        i = universal.start - reader.sentence.start
        if i < 3 or (universal.end < clause.end and reader.sentence.doc[universal.end].is_alpha):
            return False
        norms = reader.norms
        return (
            norms[i - 1] == _INFINITIVE and norms[i - 2] in self._words.uses and norms[i - 3] == _NO
        )

    def _reacts(self, reader: SentenceReader, reaction: Span, feelings: list[Span]) -> Span | None:
        """The agent reacts to what the customer reported with a judgement of it: "that
        sounds dangerous", "that sounds like it can be difficult to use your phone": a
        reaction verb, then in its clause a hardship or a feeling; stated, not asked.
        A diagnosis ("that sounds like you clicked New Account") names no hardship."""
        if reader.question or not reader.stated(reaction):
            return None
        if first_person_subject(reader, reaction[0], self._words.degree):
            return None  # the agent's own state: "I can't be bothered", "I must be tired"
        rest = reader.after(reaction, reader.clause_of(reaction))
        if not len(rest):
            return None
        judged = [h for h in self._hardships.find(rest) if not _partitive(reader, h)] + [
            f for f in feelings if rest.start <= f.start and f.end <= rest.end
        ]
        judged += self._denied_goods(reader, rest)
        judged += self._effect_on_customer(reader, rest)
        if not judged:
            return None
        return reader.sentence.doc[reaction.start : max(j.end for j in judged)]

    def _effect_on_customer(self, reader: SentenceReader, rest: Span) -> list[Span]:
        """Right after a reaction ("must have"), a verb of distress with the customer in
        its clause: "that must have thrown your whole day out", "this must have worried
        you"; "the valve must have worn out" names no one."""
        first = reader.next_word(rest[:0], self._words.degree)
        if first is None or not about_customer(rest):
            return []
        return [d for d in self._distress.find(rest) if d.start == reader.sentence.start + first]

    @staticmethod
    def _frame_holds(reader: SentenceReader, frame: Span, cognition: list[Span]) -> bool:
        """A frame is stated, and one that knows or understands ("I understand how",
        "we know how") is neither negated ("I don't fully understand"), asked ("Do I
        understand that ...?") nor knowledge of a method ("we know how to fix it")."""
        if not reader.stated(frame) or reader.asked_by(frame):
            return False
        knows = [verb for verb in cognition if frame.start <= verb.start < frame.end]
        if not knows:
            return True
        if reader.question or reader.negated_before(knows[0]):
            return False
        return not reader.of_fact(knows[0])

    def _predicated(self, reader: SentenceReader, word: Span, apologies: list[Span]) -> bool:
        """A feeling or judgement predicated of the situation: stated, not the agent's
        own ("I'm so frustrated with ..."), not the object of an apology before it in its
        clause ("sorry for the frustration", "sorry you're frustrated")."""
        link = reader.predicated(word)
        if link is None or not reader.stated(word) or reader.negated_before(word):
            # denied: "I don't think there's a reason to be concerned", "it isn't confusing"
            return False
        if link.i < word.start and first_person_subject(reader, link, self._words.degree):
            return False
        clause = reader.clause_of(word)
        return not any(clause.start <= a.start < word.start for a in apologies)

    def _knows_situation(
        self, reader: SentenceReader, verb: Span, feelings: list[Span]
    ) -> Span | None:
        """The agent knows the customer's situation: "we know this disrupts your plans",
        "I understand you've waited a week": a first-person subject, stated, not negated
        or asked, and what is known is about the customer (a second-person word, not
        "lots of you") or a feeling; not a fact or a method ("I know of no way")."""
        if reader.question or not reader.stated(verb) or reader.negated_before(verb):
            return None
        token = verb[0]
        subject = reader.subject_before(token, self._words.auxiliaries)
        if (
            subject is None
            or reader.norms[subject] not in FIRST_PERSON_SUBJECTS
            or reader.of_fact(verb)
        ):
            return None
        clause = reader.clause_of(verb)
        known = reader.after(verb, clause)
        if self._understood_alone(reader, verb, subject, clause):
            return reader.sentence.doc[reader.sentence.start + subject : verb.end]
        if not len(known):  # "I understand, having no heating ... is really hard"
            known = reader.spliced_after(verb, clause)
            if not len(known):
                return None
            clause = reader.clause_of(known)
        felt = [
            f
            for f in feelings
            if known.start <= f.start and f.end <= known.end and not reader.attributive(f)
        ]  # "I know I need to handle annoying pop-ups": no feeling known
        if felt or self._judged_within(reader, known) or self._situation_known(reader, verb):
            return reader.sentence.doc[reader.sentence.start + subject : clause.end]
        if self._customer_known(reader, verb) and not self._conceded(reader, verb):
            return reader.sentence.doc[reader.sentence.start + subject : clause.end]
        return None

    def _understood_alone(
        self, reader: SentenceReader, verb: Span, subject: int, clause: Clause
    ) -> bool:
        """The agent understands, and nothing more is said: "I understand.", "Oh, we
        completely understand!" (the guide's generic "I understand", which refers to the
        customer's situation). The subject opens its clause ("some are on port 8080 I
        understand" hedges a fact) and the verb is not a guess ("I imagine.")."""
        if not reader.alone_after(verb):
            return False
        if reader.norms[verb.start - reader.sentence.start] in self._words.suppositions:
            return False
        base = reader.sentence.start
        return not any(t.is_alpha for t in reader.sentence.doc[clause.start : base + subject])

    def _judged_within(self, reader: SentenceReader, words: Span) -> bool:
        """``words`` predicate a hardship of the situation ("a week without heating is
        hard"); an attributive use judges nothing ("the hard drive")."""
        return any(
            reader.predicated(h) is not None and not _partitive(reader, h)
            for h in self._hardships.find(words)
        ) or bool(self._denied_goods(reader, words))

    def _denied_goods(self, reader: SentenceReader, words: Span) -> list[Span]:
        """Good things predicated of the situation and negated in their clause, which
        judge it as a hardship does: "it won't have been an easy decision", "price rises
        are never welcome", "that can't be easy"."""
        return [
            p
            for p in self._positives.find(words)
            if reader.predicated(p) is not None and reader.negated_before(p)
        ]

    def _conceded(self, reader: SentenceReader, verb: Span) -> bool:
        """Knowing the customer's situation without a feeling in it is only a fact granted
        when a "but" follows in the sentence ("I know you don't have this problem with
        Edge, but ...") or when the verb supposes rather than knows ("I imagine you
        should see it too")."""
        if reader.norms[verb.start - reader.sentence.start] in self._words.suppositions:
            return True
        if reader.knows_content(verb):
            return True
        rest = reader.sentence.doc[verb.end : reader.sentence.end]
        return reader.holds_word(rest, self._words.concessions)

    def _situation_known(self, reader: SentenceReader, verb: Span) -> bool:
        """What the agent knows is the customer's situation or concern, named: "I
        understand your situation", "I understand your concern"."""
        first = reader.next_word(verb, self._words.degree)
        if first is None or reader.norms[first] not in SECOND_PERSON_POSSESSIVES:
            return False
        return reader.holds_word(reader.after(verb, reader.clause_of(verb)), self._words.situations)

    def _customer_known(self, reader: SentenceReader, verb: Span) -> bool:
        """What the agent knows is about the customer: a clause ("I understand you've
        waited a week", "we know this disrupts your plans"); "we understand your request"
        knows a thing the customer asked for, not what they go through (the customer's
        situation named is :meth:`_situation_known`)."""
        known = reader.known_after(verb)
        if not about_customer(known):
            return False
        first = reader.next_word(verb, self._words.degree)
        return first is None or reader.norms[first] not in SECOND_PERSON_POSSESSIVES

    def _wishes_well(self, reader: SentenceReader, wish: Span) -> bool:
        """A wish through a hardship: "we hope you're feeling better", "I hope the
        surgery goes well", "glad no one was hurt", degree words inside it too ("I hope
        you're feeling much better"); not a wish about a thing ("I hope that's
        alright")."""
        if not reader.stated(wish) or reader.wish_about_thing(wish):
            return False
        rest = reader.after(wish, reader.clause_of(wish))
        if not len(rest):
            return False
        return bool(self._wellbeing.find(rest)) or reader.holds_phrase(rest, self._wellbeing_words)

    @staticmethod
    def _verdict(problem: ProblemSignal, evidence: Span, confidence: float) -> Verdict:
        """Empathy found: applicable as the customer's problem says."""
        return Verdict(
            present=True,
            applicable=problem.applicable,
            reason=problem.reason,
            evidence=evidence,
            confidence=confidence,
        )

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return 'Acknowledge their situation, e.g. "I understand how frustrating this must be."'
