"""Template placeholders in macros become one ordinary word."""

from __future__ import annotations

import re
import time
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import pytest

from replylint.normalize import NormalizedReply, normalize, placeholders
from replylint.normalize.placeholders import is_template_tag, template_markup_spans


def _placeholders(result: NormalizedReply) -> list[tuple[str, str]]:
    """(word in text, original placeholder) for every placeholder region."""
    pairs = []
    for region in result.regions:
        if region.kind == "placeholder":
            a, b = result.offsets.to_original(region.start, region.end)
            pairs.append((result.text[region.start : region.end], result.original[a:b]))
    return pairs


def test_email_macro_with_placeholders() -> None:
    raw = (
        "Hi {{ticket.requester.first_name}},\n\n"
        "{{#if ticket.is_vip}}As a valued member, {{/if}}your ticket {{ticket.id}} "
        "is now solved.{{! internal: check refund }}\n\n"
        "Best regards,\n{{current_user.name}}"
    )
    result = normalize(raw)
    assert result.text == (
        "Hi Name,\n\nAs a valued member, your ticket Placeholder is now solved.\n\n"
        "Best regards,\nName"
    )
    assert _placeholders(result) == [
        ("Name", "{{ticket.requester.first_name}}"),
        ("Placeholder", "{{ticket.id}}"),
        ("Name", "{{current_user.name}}"),
    ]
    markup = [raw[r.start : r.end] for r in result.removed if r.kind == "markup"]
    assert markup == ["{{#if ticket.is_vip}}", "{{/if}}", "{{! internal: check refund }}"]


@pytest.mark.parametrize(
    ("raw", "text", "original"),
    [
        ("Hi {{ name }}!", "Hi Name!", "{{ name }}"),
        ("Hi {{{customer}}}!", "Hi Placeholder!", "{{{customer}}}"),
        ("Hi {first_name}, welcome", "Hi Name, welcome", "{first_name}"),
        ("Dear [Customer Name], thanks", "Dear Name, thanks", "[Customer Name]"),
        ("Dear [NAME], thanks", "Dear Name, thanks", "[NAME]"),
        ("Dear [FIRSTNAME], thanks", "Dear Name, thanks", "[FIRSTNAME]"),
        ("Ref [ORDERNUMBER] shipped", "Ref Placeholder shipped", "[ORDERNUMBER]"),
        ("Dear [CUSTOMER NAME], thanks", "Dear Name, thanks", "[CUSTOMER NAME]"),
        ("Order [ORDER_NUMBER] shipped", "Order Placeholder shipped", "[ORDER_NUMBER]"),
        ("Delivery on [Date] is booked", "Delivery on Placeholder is booked", "[Date]"),
        ("Hi %FIRSTNAME%, hello", "Hi Name, hello", "%FIRSTNAME%"),
        # Salesforce Marketing Cloud's personalization strings, in any case
        ("Hi %%FirstName%%, hello", "Hi Name, hello", "%%FirstName%%"),
        ("Ships on %%Ship_Date%%.", "Ships on Placeholder.", "%%Ship_Date%%"),
        ("Hi *|FNAME|*, hello", "Hi Name, hello", "*|FNAME|*"),
        # a dotted name alone between {% and %} is a value, not a template tag
        ("Hi {%customer.firstName%}, hello", "Hi Name, hello", "{%customer.firstName%}"),
        ("Due on {%plan.renewalDate%}.", "Due on Placeholder.", "{%plan.renewalDate%}"),
        (
            "Hi {%customer.firstName,fallback=there%}!",
            "Hi Name!",
            "{%customer.firstName,fallback=there%}",
        ),
        # other tools' brackets
        ("Hi ${customer.firstName}, hello", "Hi Name, hello", "${customer.firstName}"),
        ("Rebooked for ##NEW_DATE##.", "Rebooked for Placeholder.", "##NEW_DATE##"),
        ("Dear <<Surname>>, thanks", "Dear Name, thanks", "<<Surname>>"),
        ("Ships on <<dispatch date>>.", "Ships on Placeholder.", "<<dispatch date>>"),
        ("Dear «FirstName», thanks", "Dear Name, thanks", "«FirstName»"),
        ("Moved to [[NEW_DATE]].", "Moved to Placeholder.", "[[NEW_DATE]]"),
        ("Due on [[Renewal Date]].", "Due on Placeholder.", "[[Renewal Date]]"),
        # a field's name in single angle brackets
        ("Hi <FirstName>, hello", "Hi Name, hello", "<FirstName>"),
        ("Booked for <DELIVERY_DATE>.", "Booked for Placeholder.", "<DELIVERY_DATE>"),
        ("Dear <Customer First Name>, thanks", "Dear Name, thanks", "<Customer First Name>"),
        # a field name in lower case, written as an identifier or between double brackets
        ("Hi [[first_name]], hello", "Hi Name, hello", "[[first_name]]"),
        ("Booked for [[date]].", "Booked for Placeholder.", "[[date]]"),
        ("Return it by [return_date].", "Return it by Placeholder.", "[return_date]"),
        ("Hi $NAME, hello", "Hi Name, hello", "$NAME"),
        ("Booked for $DELIVERY_DATE.", "Booked for Placeholder.", "$DELIVERY_DATE"),
        ("Departs at $NEWTIME now", "Departs at Placeholder now", "$NEWTIME"),
        ("Thanks, $AGENT", "Thanks, Placeholder", "$AGENT"),
        # Salesforce's merge fields, a global and a formula with its fallback
        ("Hi {!Contact.FirstName}, hello", "Hi Name, hello", "{!Contact.FirstName}"),
        ("Thanks, {!$User.FirstName}", "Thanks, Name", "{!$User.FirstName}"),
        ("Case {!Case.CaseNumber} is closed.", "Case Placeholder is closed.", "{!Case.CaseNumber}"),
        (
            'Hi {!NullValue(Contact.FirstName, "there")}!',
            "Hi Name!",
            '{!NullValue(Contact.FirstName, "there")}',
        ),
    ],
)
def test_value_placeholders(raw: str, text: str, original: str) -> None:
    result = normalize(raw)
    assert result.text == text
    assert [pair[1] for pair in _placeholders(result)] == [original]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (
            "{% if vip %}Priority support: {% endif %}we are on it.",
            "Priority support: we are on it.",
        ),
        ("Thanks!{# reviewed by QA #} Bye.", "Thanks! Bye."),
        ("{{#each items}}{{this}}{{/each}} in stock", "Placeholder in stock"),
        ("{%if vip%}Priority support: {%endif%}we are on it.", "Priority support: we are on it."),
    ],
)
def test_control_tags_and_comments_disappear(raw: str, text: str) -> None:
    assert normalize(raw).text == text


@pytest.mark.parametrize(
    "raw",
    [
        "Details are in the guide [see below] for you.",
        "Read [the article](https://example.com/help) first.",
        "[Copying my answer from the other thread] try safe mode.",
        'Tap "[Device] Language" and pick one.',
        "The sale is 50% off until 20% of stock is gone.",
        "Save 50%% today and 20%% tomorrow.",
        "A list a[i] and a checkbox [x] stay.",
        "Please try again ^[SP]",
        "Click [OK], then press [ENTER] or [ESC] to close the [VIDEO] panel.",
        "JSON like {} or {{}} stays.",
        # prices, shell variables, headings, shifts and wiki links to articles
        "It costs $60, or $32.18 with VAT.",
        "Run echo $HOME and set $YOUR_KEY_ID first.",
        "## Step 1 ## then #2",
        "Write x << 2 >> 1 in C.",
        "See [[Clear cookies and site data]] for help.",
        # a lower-case word in single brackets: a note or a part of a path
        "Open C:\\Users\\[profilename]\\AppData and tick [x] or [email].",
        "See [[profiles]] and [[cookies]] for help.",
        # keys in angle brackets
        "Press <Enter>, then <Ctrl> and <Tab>.",
        "Use the sidebar <Windows Only> to change it.",
    ],
)
def test_not_placeholders(raw: str) -> None:
    result = normalize(raw)
    assert not [r for r in result.regions if r.kind == "placeholder"]
    assert result.text == raw


def test_placeholder_in_html() -> None:
    raw = "<p>Hello {{ customer.first_name }},</p><p>Your order &amp; invoice are ready.</p>"
    result = normalize(raw)
    assert result.text == "Hello Name,\n\nYour order & invoice are ready."
    assert _placeholders(result) == [("Name", "{{ customer.first_name }}")]


def test_liquid_comment_block_is_dropped_whole() -> None:
    raw = "{% comment %}\nInternal: use for EU refunds only.\n{% endcomment %}\nHi {{ name }},"
    result = normalize(raw)
    assert result.text == "Hi Name,"
    assert "Internal" not in result.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ships today.{% if vip %}As a VIP{% endif %}", "ships today. As a VIP"),
        ("({% if x %}see below{% endif %})", "(see below)"),
        ("Hi{% if vip %}gold{% endif %}!", "Hi gold!"),
    ],
)
def test_dropped_control_tags_never_glue_words(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_a_handlebars_block_comment_is_dropped_whole() -> None:
    """``{{!-- ... --}}`` runs past any ``}}`` inside it; ``{{~! ... ~}}`` trims spaces."""
    raw = (
        "{{~! internal note ~}}\nHi {{first_name}},\nYour refund is sent.\n"
        "{{!-- Old line: Your RMA {{rma_id}} is in the tier-2 queue. --}}\nThanks!"
    )
    text = normalize(raw).text
    assert "tier-2" not in text and "RMA" not in text and "internal" not in text
    assert "Placeholder" not in text.split("Hi")[0]  # the trimmed comment is no value
    assert "Your refund is sent." in text and text.rstrip().endswith("Thanks!")


@pytest.mark.parametrize(
    ("raw", "text", "original"),
    [
        # Smarty (PHP help desks such as LiveAgent): a variable, a dotted or arrow path,
        # a modifier with its default
        ("Hi {$firstname}, hello", "Hi Name, hello", "{$firstname}"),
        ("Order {$order.number} ships", "Order Placeholder ships", "{$order.number}"),
        ("Order {$order->number} ships", "Order Placeholder ships", "{$order->number}"),
        (
            "Hi {$customer.first_name|default:'there'}!",
            "Hi Name!",
            "{$customer.first_name|default:'there'}",
        ),
        # a field written between double underscores, in capitals
        ("Dear __FIRST_NAME__, hello", "Dear Name, hello", "__FIRST_NAME__"),
        ("Booked for __NEW_DATE__.", "Booked for Placeholder.", "__NEW_DATE__"),
        # FreeMarker's default and built-ins after the name
        ('Hi ${user.firstName!"there"}, hello', "Hi Name, hello", '${user.firstName!"there"}'),
        ("Due ${renewal.date?date}.", "Due Placeholder.", "${renewal.date?date}"),
        # osTicket's %{...}: the percent sign is part of the field
        ("Hi %{ticket.name.first}, hello", "Hi Name, hello", "%{ticket.name.first}"),
    ],
)
def test_more_help_desk_value_syntaxes(raw: str, text: str, original: str) -> None:
    result = normalize(raw)
    assert result.text == text
    assert [pair[1] for pair in _placeholders(result)] == [original]


@pytest.mark.parametrize(
    "raw",
    [
        # Python's names and a user name made of underscores are no template fields
        "Delete __pycache__ and edit __init__.py, then print __name__.",
        "Set __DEBUG__ to false in the config.",
        "@Just______Alex thanks, we will look into it.",
        "Fill in the blank: ____ and sign here.",
    ],
)
def test_double_underscores_that_name_no_field(raw: str) -> None:
    result = normalize(raw)
    assert not _placeholders(result)


@pytest.mark.parametrize(
    "partial",
    [
        "{{> signature}}",
        "{{~> signature ~}}",
        "{% include 'signature' %}",
        '{%- render "signature" -%}',
        '<#include "signature.ftl">',
        "{include file='signature.tpl'}",
    ],
)
def test_a_partial_reads_as_a_placeholder(partial: str) -> None:
    """A partial pulls in text the linter cannot see (a signature, a footer): it reads as
    one stand-in word where it stands, as a value does, not as nothing."""
    raw = f"Hi {{{{name}}}},\n\nYour refund is on its way.\n\nThanks,\n{partial}"
    result = normalize(raw)
    assert result.text == "Hi Name,\n\nYour refund is on its way.\n\nThanks,\nPlaceholder"
    assert [pair[1] for pair in _placeholders(result)] == ["{{name}}", partial]


@pytest.mark.parametrize("header", ["{{> header}}", "{% include 'banner.html' %}"])
def test_a_partial_before_the_first_words_is_dropped(header: str) -> None:
    """Above the reply's first words a partial is a header (a logo, a banner): a word
    there would be read as the opening and hide the greeting under it."""
    result = normalize(f"{header}\nHi {{{{name}}}},\n\nYour refund is on its way.")
    assert result.text == "Hi Name,\n\nYour refund is on its way."
    markup = [result.original[r.start : r.end] for r in result.removed if r.kind == "markup"]
    assert markup == [header]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # FreeMarker: directives, a user macro and a comment render no words
        ("Your order ships <#if express>today</#if>.", "Your order ships today."),
        ('<#assign eta = "2 days">It ships in ${eta}.<#-- QA ok -->', "It ships in Placeholder."),
        ("Thanks!<@tracking_link order=order/> Bye.", "Thanks! Bye."),
        # Smarty: {if}/{/if}, {foreach}, and a {* comment *}
        ("{if $vip}Priority support: {/if}we are on it.", "Priority support: we are on it."),
        ("{foreach $items as $item}{$item} {/foreach}in stock", "Placeholder in stock"),
        ("Thanks!{* reviewed by QA *} Bye.", "Thanks! Bye."),
        # Mailchimp's conditional merge tags are tags, not values
        ("*|IF:VIP|*Priority support: *|END:IF|*we are on it.", "Priority support: we are on it."),
        ("*|IFNOT:VIP|*Upgrade today! *|END:IF|*Hi *|FNAME|*", "Upgrade today! Hi Name"),
    ],
)
def test_other_template_languages_tags_disappear(raw: str, text: str) -> None:
    assert normalize(raw).text == text


@pytest.mark.parametrize(
    "raw",
    [
        # Liquid / Jinja, Handlebars, FreeMarker, Smarty: words of one sentence, where the
        # branches after the first are cut from the text the checks read
        "Your parcel ships from our {% if eu %}EU{% else %}US{% endif %} warehouse.",
        "Your parcel ships from our {{#if eu}}EU{{else}}US or {{region}}{{/if}} warehouse.",
        "Your parcel ships from our <#if eu>EU<#else>US</#if> warehouse.",
        "Your parcel ships from our {if $eu}EU{else}US{/if} warehouse.",
    ],
)
def test_template_markup_spans_are_tags_and_comments_only(raw: str) -> None:
    """The words of a conditional's later branch render for some customers: they are no
    tag or comment. They were among the spans, so a ``disable-next-line`` directive
    reading them as markup passed over the line they were on."""
    spans = template_markup_spans(raw)
    assert spans, "the tags are found"
    assert all(is_template_tag(raw[start:end]) for start, end in spans), [
        raw[start:end] for start, end in spans
    ]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # Smarty's condition need not name a variable: a constant, a function call, an
        # operator, Smarty's word operators; read as tags in a macro that closes an {/if}
        ("{if vip}Priority support: {/if}we are on it.", "Priority support: we are on it."),
        ("{if true}Priority support: {/if}we are on it.", "Priority support: we are on it."),
        ("{if is_vip()}Priority support: {/if}we are on it.", "Priority support: we are on it."),
        ("{if total > 100}Shipping is free. {/if}We are on it.", "Shipping is free. We are on it."),
        (
            "{if tier eq 'gold'}Gold.{elseif not paid}Unpaid.{else}Basic.{/if}",
            "Gold.\nUnpaid.\nBasic.",
        ),
        ("{while more}Thanks! {/while}Bye.", "Thanks! Bye."),
    ],
)
def test_a_smarty_condition_without_a_variable_is_a_tag(raw: str, text: str) -> None:
    """``{if vip}`` was read as a value (``{first_name}``'s shape) and ``{if total > 100}``
    as text, so their ``{/if}`` closed nothing."""
    assert normalize(raw).text == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # no {/if} closes it: a note in braces, read as a field as before
        ("Send us the logs {if applicable} by Friday.", "Send us the logs Placeholder by Friday."),
        ("Your total {if > 100} ships free.", "Your total {if > 100} ships free."),
        # words without an operator between them are no condition, {/if} or not: read
        # as a field in braces is
        ("Reply {if you want}.{/if}", "Reply Placeholder."),
    ],
)
def test_braces_in_prose_are_no_smarty_condition(raw: str, text: str) -> None:
    assert normalize(raw).text == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # inline output is a value, a name when it names one
        ("Hi %%=v(@firstName)=%%, your order ships today.", "Hi Name, your order ships today."),
        ('It ships on %%=Format(@shipDate, "MMMM d")=%%.', "It ships on Placeholder."),
        # a block renders no words, however many statements and lines it holds
        ('%%[ SET @n = AttributeValue("FirstName") ]%%Hi %%FirstName%%,', "Hi Name,"),
        (
            '%%[\n  /* tier: gold or silver */\n  SET @tier = AttributeValue("Tier")\n]%%\n'
            "Your order ships today.",
            "Your order ships today.",
        ),
        ("Thanks!%%[ IF @vip THEN ]%% See you soon.%%[ ENDIF ]%%", "Thanks! See you soon."),
    ],
)
def test_ampscript_blocks_and_inline_output(raw: str, text: str) -> None:
    """Salesforce Marketing Cloud's AMPscript was not read: "%%=v(@firstName)=%%" was
    text, and each "%%[ ... ]%%" block words a check read ("SET", "THEN")."""
    result = normalize(raw)
    assert result.text.strip() == text


@pytest.mark.parametrize("run", ["%%[" * 33_000, "%%=a" * 25_000])
def test_ampscript_never_closed_is_read_in_linear_time(run: str) -> None:
    """Each "%%[" never closed was read up to 5,000 characters on, for its "]%%": 33,000
    of them took 10 s. A block now ends at the next "%%[" (inline output at the next
    "%%"), and the run takes a fraction of a second."""
    started = time.perf_counter()
    assert normalize(run).text
    assert time.perf_counter() - started < 3


def _first_characters(items: Any) -> set[str]:
    """The characters a parsed regex (``re._parser``'s items) can open a match with, and
    "" when it can match the empty string. Zero-width tests are passed over (a superset)."""
    found: set[str] = set()
    for op, value in items:
        if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue
        if op is _C.LITERAL:
            return found | {chr(value)}
        if op is _C.IN:
            for kind, item in value:
                if kind is _C.LITERAL:
                    found.add(chr(item))
                elif kind is _C.RANGE:
                    found.update(chr(c) for c in range(item[0], item[1] + 1))
                else:
                    raise AssertionError(f"a class opening with {kind}")
            return found
        if op is _C.SUBPATTERN:
            opening = _first_characters(value[-1])
        elif op is _C.BRANCH:
            opening = set().union(*(_first_characters(branch) for branch in value[1]))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            opening = _first_characters(value[2]) | ({""} if value[0] == 0 else set())
        else:
            raise AssertionError(f"a regex opening with {op}")
        found |= opening - {""}
        if "" not in opening:
            return found
    return found | {""}


@pytest.mark.parametrize("conditions", ["", placeholders._SMARTY_CONDITION_TAG])
def test_every_placeholder_opens_with_one_of_the_first_characters(conditions: str) -> None:
    """The regexes' opening lookahead (PLACEHOLDER_FIRSTS) passes wherever an alternative
    of the source can start a match, so it leaves the matches as they were."""
    source = placeholders._PLACEHOLDER_SOURCE.replace(placeholders._SMARTY_CONDITIONS, conditions)
    opening = _first_characters(_parser.parse(source, re.VERBOSE))
    assert "" not in opening
    assert opening <= set(placeholders.PLACEHOLDER_FIRSTS), opening
