"""The branches of a macro's conditional are read apart: lines or sentences each on a line
of their own, words inside a sentence as the sentence would be sent (its first branch)."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.normalize import normalize
from replylint.normalize.placeholders import unbalanced_template_tags


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # sentences (Liquid), each its own
        (
            "{% if refund %}Your refund is on its way.{% else %}We can't refund this order."
            "{% endif %}",
            "Your refund is on its way.\nWe can't refund this order.",
        ),
        # two greetings, filling their line: one a line (Handlebars)
        (
            "{{#if vip}}Hi {{first_name}},{{else}}Hello {{first_name}},{{/if}}\n\n"
            "Your order ships today.",
            "Hi Name,\nHello Name,\n\nYour order ships today.",
        ),
        # two sign-offs of two lines each: the name never runs into the next valediction
        (
            "Your order ships today.\n\n{% if vip %}Best regards,\nSam{% else %}Kind regards,"
            "\nThe Acme Team{% endif %}",
            "Your order ships today.\n\nBest regards,\nSam\nKind regards,\nThe Acme Team",
        ),
        # names under the valediction: a line each, so the sign-off keeps them
        (
            "Your order ships today.\n\nKind regards,\n{% if vip %}Sam{% else %}Alex{% endif %}",
            "Your order ships today.\n\nKind regards,\nSam\nAlex",
        ),
        # Liquid's case, whose text before the first when renders nothing
        (
            "{% case plan %}\n{% when 'pro' %}Your Pro plan renews today.{% when 'basic' %}"
            "Your Basic plan renews today.{% else %}Your plan renews today.{% endcase %}",
            "Your Pro plan renews today.\nYour Basic plan renews today.\nYour plan renews today.",
        ),
        ("{% if a %}Call us.{% elif b %}Write to us.{% endif %}", "Call us.\nWrite to us."),
        ("{%- if a -%}Call us.{%- elsif b -%}Write to us.{%- endif -%}", "Call us.\nWrite to us."),
        ("<#if a>Call.<#elseif b>Write.<#else>Visit.</#if>", "Call.\nWrite.\nVisit."),
        ("{if $a}Call.{elseif $b}Write.{else}Visit.{/if}", "Call.\nWrite.\nVisit."),
        ("*|IF:A|*Call us.*|ELSEIF:B|*Write to us.*|END:IF|*", "Call us.\nWrite to us."),
        ("{{#if a}}Call us.{{^}}Write to us.{{/if}}", "Call us.\nWrite to us."),
        # Mustache's else: a section closed and the same name's inverted section opened
        ("{{#vip}}Call us.{{/vip}}{{^vip}}Write to us.{{/vip}}", "Call us.\nWrite to us."),
        # a loop's else, for the empty case
        ("{% for i in items %}{{ i }} is in stock. {% else %}Nothing is in stock.{% endfor %}",
         "Placeholder is in stock.\nNothing is in stock."),
        # nested conditionals
        (
            "{% if a %}{% if b %}Call us.{% else %}Write to us.{% endif %}{% else %}Visit us."
            "{% endif %}",
            "Call us.\nWrite to us.\nVisit us.",
        ),
        # sentences inside a paragraph: the separator ends a line, the rest flows on
        (
            "We moved your booking. {% if x %}Your seat is 4A.{% else %}Pick a seat online."
            "{% endif %} Thanks!",
            "We moved your booking. Your seat is 4A.\nPick a seat online. Thanks!",
        ),
        # a branch of lines (tags on lines of their own), as before
        (
            "Hi Dana,\n{{#if vip}}\nYour upgrade is free.\n{{else}}\nUpgrade for £5.\n{{/if}}\nBye",
            "Hi Dana,\n\nYour upgrade is free.\n\nUpgrade for £5.\n\nBye",
        ),
        # a block partial inside a branch closes itself, not the conditional around it
        ("{{#if a}}{{#> box}}Call.{{/box}}{{else}}Write.{{/if}}", "Call.\nWrite."),
        # an empty branch separates nothing
        ("{% if a %}{% else %}Sorry, no refund.{% endif %}", "Sorry, no refund."),
    ],
)  # fmt: skip
def test_branches_that_are_lines_or_sentences_are_each_a_line(raw: str, text: str) -> None:
    assert normalize(raw).text == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("from our {% if eu %}EU{% else %}US{% endif %} warehouse", "from our EU warehouse"),
        ("Hi {{#if vip}}gold{{else}}silver{{/if}}!", "Hi gold!"),
        ("Hi {% if n %}{{ first_name }}{% else %}there{% endif %},", "Hi Name,"),
        (
            "Your order {% if shipped %}has shipped{% else %}is being packed{% endif %}.",
            "Your order has shipped.",
        ),
        ("It ships <#if fast>today<#elseif slow>next week<#else>soon</#if>.", "It ships today."),
        # FreeMarker's camel-case form of the same tag
        ("It ships <#if fast>today<#elseIf slow>next week</#if>.", "It ships today."),
        # the first branch with words is read
        ("Hi {% if a %}{% else %}there{% endif %}!", "Hi there!"),
        # the words either side of what is cut do not glue
        ("{% if a %}gold{% else %}silver {% endif %}member", "gold member"),
        # a conditional never closed: where it ends is not known, so no words are cut
        ("It ships {{#if fast}}today{{else}}tomorrow.", "It ships today tomorrow."),
    ],
)  # fmt: skip
def test_branches_inside_a_sentence_read_as_the_first_branch(raw: str, text: str) -> None:
    """Alternatives for the same words: read together they make a sentence no customer
    is sent ("our EU US warehouse", "has shipped is being packed")."""
    assert normalize(raw).text == text


def test_the_tags_and_values_of_a_branch_not_read_are_still_cut_one_by_one() -> None:
    raw = (
        "Dear {% if a %}{{first_name}}{% else %}{{nickname}} {% if b %}x{% else %}y{% endif %}"
        "{% endif %}, hi"
    )
    result = normalize(raw)
    assert result.text == "Dear Name, hi"
    markup = [raw[r.start : r.end] for r in result.removed if r.kind == "markup"]
    assert markup == [
        "{% if a %}", "{% else %}", "{{nickname}}", "{% if b %}", "{% else %}", "{% endif %}",
        "{% endif %}",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def linter(rules_only: Linter) -> Linter:
    return rules_only


@pytest.mark.parametrize(
    ("branches", "signoff"),
    [
        ("{% if vip %}Thanks,\nSam{% else %}Cheers!{% endif %}", "Cheers!"),
        (
            "{% if vip %}Best regards,\nSam{% else %}Thanks,\nThe Acme Team{% endif %}",
            "Thanks,\nThe Acme Team",
        ),
    ],
)
def test_the_sign_off_is_read_whole_from_the_last_branch(
    linter: Linter, branches: str, signoff: str
) -> None:
    """Glued to the first branch's name ("Sam Cheers!", "Sam Thanks,"), the last branch's
    valediction was no sign-off: none was found, or only the team's line under it."""
    reply = linter.analyze(f"Hi Dana,\n\nYour refund was sent today.\n\n{branches}")
    assert reply.signoff is not None and reply.signoff.text == signoff


def _branch_signoffs(raw: str) -> list[str]:
    result = normalize(raw)
    return [result.text[r.start : r.end] for r in result.regions if r.kind == "branch_signoff"]


@pytest.mark.parametrize(
    ("raw", "signoffs"),
    [
        (
            "Your refund was sent.\n\n{% if agent %}Best,\n{{agent.name}}{% else %}Best,\n"
            "The Acme team{% endif %}",
            ["Best,\nName"],
        ),
        (
            "<p>Your refund was sent.</p><p>{% if agent %}Best,<br>{{agent.name}}{% else %}"
            "Kind regards,<br>The Acme team{% endif %}</p>",
            ["Best,\nName"],
        ),
        (
            "Your refund was sent.\n\n*|IF:AGENT|*\nCheers,\nMila\n*|ELSEIF:BOT|*\nCheers,\n"
            "Acme Bot\n*|ELSE:|*\nCheers,\nThe Acme team\n*|END:IF|*",
            ["Cheers,\nMila", "Cheers,\nAcme Bot"],
        ),
        # branches of the body, not of the sign-off: nothing closes them
        (
            "{% if refund %}Your refund was sent.{% else %}We can't refund this order."
            "{% endif %}\n\nBest,\nSam",
            [],
        ),
        # no conditional: the reply's own lines are never read as a branch
        ("Your refund was sent.\n\nBest,\nSam\n\nKind regards,\nThe Acme team", []),
    ],
)
def test_the_sign_off_closing_each_earlier_branch_is_marked(raw: str, signoffs: list[str]) -> None:
    """Only the last branch's sign-off was found: a name signed in an earlier one was read
    as two sentences of the reply."""
    assert _branch_signoffs(raw) == signoffs


@pytest.mark.parametrize(
    "raw",
    [
        "{% if vip %}Your upgrade is free.{% else %}Upgrade for £5.\n\nBest,\nSam",
        "{{#if vip}}Your upgrade is free.{{else}}Upgrade for £5.\n\nBest,\nSam",
        "{{#vip}}Your upgrade is free.{{/vip}}{{^vip}}Upgrade for £5.\n\nBest,\nSam",
        "<#if vip>Your upgrade is free.<#else>Upgrade for £5.\n\nBest,\nSam",
        "{if $vip}Your upgrade is free.{else}Upgrade for £5.\n\nBest,\nSam",
        "*|IF:VIP|*Your upgrade is free.*|ELSE:|*Upgrade for £5.\n\nBest,\nSam",
        "<p>{% if vip %}Your upgrade is free.{% else %}Upgrade for £5.</p><p>Best,<br>Sam</p>",
    ],
)
def test_a_conditional_never_closed_is_read_as_written(raw: str) -> None:
    """Where its last branch ends is not known (a template engine refuses to render it,
    and template_residue says so): every word is read, each separator ending a line, and
    no branch is read apart as the reply one customer is sent."""
    result = normalize(raw)
    assert result.text == "Your upgrade is free.\nUpgrade for £5.\n\nBest,\nSam"
    assert [r.kind for r in result.regions] == ["signoff"]


@pytest.mark.parametrize(
    "raw",
    [
        "{% if vip %}Your upgrade is free.{% endfor %}{% else %}Upgrade for £5.{% endif %}",
        "{{#if vip}}Your upgrade is free.{{/each}}{{else}}Upgrade for £5.{{/if}}",
        "{{#vip}}Your upgrade is free.{{/gold}}{{/vip}}{{^vip}}Upgrade for £5.{{/vip}}",
        "<#if vip>Your upgrade is free.</#list><#else>Upgrade for £5.</#if>",
        "{if $vip}Your upgrade is free.{/foreach}{else}Upgrade for £5.{/if}",
    ],
)
def test_a_closing_tag_of_another_kind_does_not_end_the_conditional_around_it(raw: str) -> None:
    """A closing tag closes only a block of its own kind (template_residue reports one that
    closes none). Taken to close the conditional open before it, it left that conditional's
    separator with nothing to separate, and its two branches ran into one line."""
    result = normalize(raw + "\n\nBest,\nSam")
    assert result.text == "Your upgrade is free.\nUpgrade for £5.\n\nBest,\nSam"
    assert [r.kind for r in result.regions] == ["branch", "branch", "signoff"]


AMPSCRIPT_MACRO = (
    "Hi %%FirstName%%,\n\n"
    '%%[ IF @tier == "gold" THEN ]%%\nAs a gold member, your return label is free.\n'
    '%%[ ELSEIF @tier == "silver" THEN ]%%\nYour return label is half price.\n'
    "%%[ else ]%%\nYour return label costs five pounds.\n%%[ ENDIF ]%%\n\n"
    "Best,\nSam"
)


def test_ampscript_branches_are_read_apart() -> None:
    """An AMPscript conditional's branches are lines of their own, as Liquid's are."""
    result = normalize(AMPSCRIPT_MACRO)
    branches = [result.text[r.start : r.end].strip() for r in result.regions if r.kind == "branch"]
    assert branches == [
        "As a gold member, your return label is free.",
        "Your return label is half price.",
        "Your return label costs five pounds.",
    ]
    liquid = _as_liquid(
        AMPSCRIPT_MACRO, '%%[ ELSEIF @tier == "silver" THEN ]%%', "{% elsif silver %}"
    )
    assert result.text == normalize(liquid).text


def _as_liquid(macro: str, branch: str, liquid_branch: str) -> str:
    """The AMPscript test macro written in Liquid, its silver ``branch`` as ``liquid_branch``."""
    return (
        macro.replace("%%FirstName%%", "{{first_name}}")
        .replace('%%[ IF @tier == "gold" THEN ]%%', "{% if gold %}")
        .replace(branch, liquid_branch)
        .replace("%%[ else ]%%", "{% else %}")
        .replace("%%[ ENDIF ]%%", "{% endif %}")
    )


def test_ampscript_else_if_in_two_words_is_read_as_a_nested_conditional() -> None:
    """AMPscript documents ELSEIF; ``ELSE IF`` is an ELSE whose branch opens a nested IF,
    closed by an ENDIF of its own (Marketing Cloud reads it so, like VB's ``Else If``).
    Its block was read as no tag at all: the outer ENDIF was then "a closing tag that
    closes none", and the nested branches ran together. Now it reads as Liquid's else
    with an if inside, every branch a line."""
    nested = AMPSCRIPT_MACRO.replace("ELSEIF", "ELSE IF").replace(
        "%%[ ENDIF ]%%", "%%[ ENDIF ]%%\n%%[ ENDIF ]%%"
    )
    assert unbalanced_template_tags(nested) == []
    liquid = _as_liquid(
        nested, '%%[ ELSE IF @tier == "silver" THEN ]%%', "{% else %}{% if silver %}"
    )
    result = normalize(nested)
    assert result.text == normalize(liquid).text
    branches = [result.text[r.start : r.end].strip() for r in result.regions if r.kind == "branch"]
    assert branches == [
        text.strip()
        for r in normalize(liquid).regions
        if r.kind == "branch"
        for text in [normalize(liquid).text[r.start : r.end]]
    ]
    assert "Your return label is half price." in branches
    assert "Your return label costs five pounds." in branches


def test_an_ampscript_block_that_ends_one_conditional_and_opens_the_next() -> None:
    """``%%[ ENDIF IF @b THEN ]%%`` closes one conditional and opens the next, as
    ``{% endif %}{% if b %}`` does; read as no tag, the second conditional's branches were
    read as the first's, and an ELSE of each made the first's branches run on into the
    second's. They are read as Liquid's: each branch a line of its own."""
    macro = AMPSCRIPT_MACRO.replace(
        "%%[ ENDIF ]%%",
        '%%[ ENDIF SET @eu = AttributeValue("EU") IF @eu == "true" THEN ]%%\n'
        "We ship it from Dublin.\n%%[ ELSE ]%%\nWe ship it from Leeds.\n%%[ ENDIF ]%%",
    )
    liquid = _as_liquid(macro, '%%[ ELSEIF @tier == "silver" THEN ]%%', "{% elsif silver %}")
    liquid = liquid.replace(
        '%%[ ENDIF SET @eu = AttributeValue("EU") IF @eu == "true" THEN ]%%',
        "{% endif %}{% if eu %}",
    ).replace("%%[ ELSE ]%%", "{% else %}")
    assert "%%" not in liquid.replace("%%FirstName%%", "")
    result, twin = normalize(macro), normalize(liquid)
    assert result.text == twin.text
    branches = [result.text[r.start : r.end].strip() for r in result.regions if r.kind == "branch"]
    assert branches == [
        twin.text[r.start : r.end].strip() for r in twin.regions if r.kind == "branch"
    ]
    assert branches[-2:] == ["We ship it from Dublin.", "We ship it from Leeds."]
    words = "Our %%[ IF @a THEN ]%%EU%%[ ELSE ]%%US%%[ ENDIF IF @b THEN ]%% depot%%[ ELSE ]%% store"
    assert normalize(words + "%%[ ENDIF ]%% ships it.").text == "Our EU depot ships it."


def test_ampscript_branches_inside_a_sentence_read_as_the_first() -> None:
    result = normalize("Our %%[ IF @eu THEN ]%%EU%%[ ELSE ]%%US%%[ ENDIF ]%% warehouse ships it.")
    assert result.text == "Our EU warehouse ships it."


@pytest.mark.parametrize(
    ("macro", "tags"),
    [
        ("%%[ IF @vip THEN ]%%\nThanks, member.", [("unclosed", "%%[ IF @vip THEN ]%%")]),
        # a block that sets a value, then opens a conditional
        (
            '%%[ SET @n = AttributeValue("Tier") If @n == "gold" Then ]%%\nGold.',
            [("unclosed", '%%[ SET @n = AttributeValue("Tier") If @n == "gold" Then ]%%')],
        ),
        ("Thanks.\n%%[ ENDIF ]%%", [("stray", "%%[ ENDIF ]%%")]),
        ("Thanks.\n%%[ ELSE ]%%\nSorry.", [("misplaced", "%%[ ELSE ]%%")]),
        (
            "%%[ IF @a THEN ]%%A.%%[ ELSE ]%%B.%%[ ELSEIF @b THEN ]%%C.%%[ ENDIF ]%%",
            [("misplaced", "%%[ ELSEIF @b THEN ]%%")],
        ),
        ("%%[ FOR @i = 1 TO 3 DO ]%%Row.", [("unclosed", "%%[ FOR @i = 1 TO 3 DO ]%%")]),
        ("%%[ IF @a THEN ]%%A.%%[ NEXT @i ]%%", [("unclosed", "%%[ IF @a THEN ]%%"),
                                                ("stray", "%%[ NEXT @i ]%%")]),
        # ELSE IF in two words is ELSE and a nested IF, which needs an ENDIF of its own:
        # with one ENDIF, one conditional is left open, said on the ELSE IF that opened it
        ("%%[ IF @a THEN ]%%A.%%[ ELSE IF @b THEN ]%%B.%%[ ELSE ]%%C.%%[ ENDIF ]%%",
         [("unclosed", "%%[ ELSE IF @b THEN ]%%")]),
        ("%%[ IF @a THEN ]%%A.%%[ Else If @b Then ]%%B.%%[ ELSE IF @c THEN ]%%C.%%[ ENDIF ]%%",
         [("unclosed", "%%[ Else If @b Then ]%%"), ("unclosed", "%%[ ELSE IF @c THEN ]%%")]),
        # the same within one block: its IF is left open for the rest of the macro
        ("%%[ IF @a THEN SET @m = 1 ELSE IF @b THEN SET @m = 2 ENDIF ]%%Hi.",
         [("unclosed", "%%[ IF @a THEN SET @m = 1 ELSE IF @b THEN SET @m = 2 ENDIF ]%%")]),
        # a block of several statements is read statement by statement: its ENDIF closes
        # the IF before it, and the IF it opens is the one left open (not the first)
        ("%%[ IF @a THEN ]%%A.%%[ ENDIF IF @b THEN ]%%B.",
         [("unclosed", "%%[ ENDIF IF @b THEN ]%%")]),
        ("%%[ ENDIF SET @n = 1 IF @b THEN ]%%B.%%[ ENDIF ]%%",
         [("stray", "%%[ ENDIF SET @n = 1 IF @b THEN ]%%")]),
        # a second ELSE after the one its ENDIF ELSE block gives the outer IF
        ("%%[ IF @a THEN ]%%A.%%[ IF @c THEN ]%%C.%%[ ENDIF ELSE ]%%B.%%[ ELSE ]%%D.%%[ ENDIF ]%%",
         [("misplaced", "%%[ ELSE ]%%")]),
    ],
)  # fmt: skip
def test_unbalanced_ampscript_blocks(macro: str, tags: list[tuple[str, str]]) -> None:
    found = unbalanced_template_tags(macro)
    assert [(tag.role, macro[tag.span[0] : tag.span[1]]) for tag in found] == tags


@pytest.mark.parametrize(
    "macro",
    [
        "%%[ IF @a THEN ]%%A.%%[ ELSEIF @b THEN ]%%B.%%[ ELSE ]%%C.%%[ ENDIF ]%%",
        "%%[ for @i = 1 to 3 do ]%%Row.%%[ next @i ]%%",
        # whole in itself: it sets a value, and opens and closes nothing outside it
        '%%[ IF Empty(@n) THEN SET @n = "there" ELSE SET @n = Propercase(@n) ENDIF ]%%Hi.',
        # keywords in a comment or a string, or a variable's name, are no statements
        '%%[ /* if gold, endif */ SET @note = "Else, call us" SET @if = 1 ]%%Hi.',
        # a block that closes one conditional and opens the next, with SET statements
        "%%[ IF @a THEN ]%%A.%%[ ENDIF IF @b THEN ]%%B.%%[ ENDIF ]%%",
        "%%[ IF @a THEN ]%%A.%%[ ELSE ]%%B.%%[ ENDIF SET @x = 1 IF @b THEN SET @y = 2 ]%%C."
        "%%[ ELSE ]%%D.%%[ ENDIF ]%%",
        # one that closes a nested conditional and gives the else of the one around it
        "%%[ IF @a THEN ]%%A.%%[ IF @c THEN ]%%C.%%[ ENDIF ELSE ]%%B.%%[ ENDIF ]%%",
        # ELSE IF in two words, its nested IF closed by an ENDIF of its own
        "%%[ IF @a THEN ]%%A.%%[ ELSE IF @b THEN ]%%B.%%[ ELSE ]%%C.%%[ ENDIF ]%%%%[ ENDIF ]%%",
        # a block that opens a conditional and gives its else inside: closed later
        "%%[ IF @a THEN SET @m = 1 ELSE ]%%Other.%%[ ENDIF ]%%",
    ],
)
def test_balanced_ampscript_blocks(macro: str) -> None:
    assert unbalanced_template_tags(macro) == []
