"""template_residue, run alone: every leftover of a template or draft in a reply about to
be sent is one finding on its exact words; Markdown links, bracketed references, emphasis,
sizes, file paths and templates in a macro repository are not residue."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "template_residue"

#: (reply, the leftovers it holds, exactly as written)
LEFTOVERS = [
    ("Hi {{first_name}}, your refund is on its way.", ["{{first_name}}"]),
    ("Hello {customer}, your table is booked.", ["{customer}"]),
    ("Dear %FIRSTNAME%, your policy renews today.", ["%FIRSTNAME%"]),
    ("Dear $NAME, your policy renews today.", ["$NAME"]),
    ("Hi [Customer Name], the parcel left our depot.", ["[Customer Name]"]),
    ("Hi [NAME], the parcel left our depot.", ["[NAME]"]),
    ("Your engineer, <insert name>, calls before 10am.", ["<insert name>"]),
    ("You can reset your password here: [link]", ["[link]"]),
    ("The steps are in our guide (link here).", ["(link here)"]),
    ("Your appointment is on [insert date] at 10am.", ["[insert date]"]),
    ("Your refund of £XXX was processed today.", ["XXX"]),
    ("Your new card arrives on xx/xx.", ["xx/xx"]),
    # a date with x's in one part: the value is half filled in, whatever stands before it
    ("Your delivery is booked for 12/XX/2025.", ["12/XX/2025"]),
    ("Your freeze ends on XX/03/2025.", ["XX/03/2025"]),
    ("Please enter the date as 12/XX/2025.", ["12/XX/2025"]),
    # a word of x's alone after "as" is a value all the same
    ("Your refund reference is listed as XXX.", ["XXX"]),
    ("The fix ships in version TBD. TODO: ask the devs.", ["TBD", "TODO"]),
    ("See the setup steps {web link} and restart.", ["{web link}"]),
    # Salesforce's merge fields
    (
        "Hi {!Contact.FirstName}, case {!Case.CaseNumber} is closed.",
        ["{!Contact.FirstName}", "{!Case.CaseNumber}"],
    ),
    ("Hi {{ first_name }}, it ships {% if express %}today{% endif %}.", None),
    # other help desks' fields: Smarty, double underscores, FreeMarker, osTicket
    ("Hi {$firstname}, your order {$order.number} ships.", ["{$firstname}", "{$order.number}"]),
    ("Dear __FIRST_NAME__, your table is booked.", ["__FIRST_NAME__"]),
    ('Hi ${user.firstName!"there"}, your table is booked.', ['${user.firstName!"there"}']),
    ("Hi %{ticket.name.first}, your table is booked.", ["%{ticket.name.first}"]),
]
CLEAN = [
    "Hi Dana, see [the setup guide](https://example.com/guide) for the steps.",
    "Your order [#48213] ships today.",
    "Please do NOT reply to this email: the refund is ALREADY on its way.",
    "We have the jacket in size XXL and XXXL.",
    "Press [ESC], choose [YES] and click [OK] to keep your changes.",
    "Open C:\\Users\\[Name]\\AppData\\Roaming and delete the folder.",
    "Type %APPDATA%\\Mozilla in the address bar of Explorer.",
    "Your mail server is pop.xxx.com, as your provider says.",
    # a format shown to the customer, not a value left out
    "Enter the date as XX/XX/2025 in the form.",
    "Type your date of birth in the box (format: XX/XX/XXXX).",
    "Write the date the usual way, e.g. XX/XX/XXXX, and press Save.",
    "Your voucher code looks like XXXX-XXXX.",
    "Firefox 3.xx and 115-xx are older versions.",
    "Click the menu button [Horizontal Three Line] and choose Settings.",
    "Go to Tools > Account Settings > <account name> and untick the box.",
    "The link to the article is below (see the second step).",
    "Run `echo $HOME` in a terminal to see your home folder.",
    "The form field is called [Add to Firefox] on the page.",
]


@pytest.mark.parametrize(("reply", "expected"), LEFTOVERS)
def test_each_leftover_is_one_finding_on_its_exact_words(
    rule: RuleUnderTest, reply: str, expected: list[str] | None
) -> None:
    findings = rule.findings(reply)
    for finding in findings:
        assert reply[finding.start : finding.end] == finding.text
        assert finding.severity.value == "error"
    if expected is None:  # template tags: the variable and both tags
        assert rule.spans(reply) == ["{{ first_name }}", "{% if express %}", "{% endif %}"]
    else:
        assert rule.spans(reply) == expected
    assert rule.verdict(reply).present is False


@pytest.mark.parametrize("reply", CLEAN)
def test_no_false_alarm(rule: RuleUnderTest, reply: str) -> None:
    assert rule.passes(reply)
    assert rule.verdict(reply).present is True


def test_html_keeps_exact_spans(rule: RuleUnderTest) -> None:
    reply = "<p>Hi {{first_name}},</p><p>Your engineer <insert name> will call.</p>"
    assert rule.spans(reply) == ["{{first_name}}", "<insert name>"]


def test_not_applicable_to_a_template(rule: RuleUnderTest) -> None:
    reply = "Hi {{ticket.requester.first_name}}, your refund of [AMOUNT] is on its way."
    assert rule.passes(reply, template=True)
    verdict = rule.verdict(reply, template=True)
    assert verdict.applicable is False and verdict.present is True
    assert rule.fires(reply, template=False)


def test_the_configuration_sets_template_mode_and_the_call_overrides_it() -> None:
    from replylint import Linter, LinterConfig

    linter = Linter(LinterConfig(select=[RULE], template=True))
    reply = "Hi {{first_name}}, thanks!"
    assert not linter.check(reply).findings
    assert [f.text for f in linter.check(reply, template=False).findings] == ["{{first_name}}"]


def test_a_name_field_suggests_the_customers_name(rule: RuleUnderTest) -> None:
    [finding] = rule.findings("Hi {{first_name}}, thanks!", customer_name="Dana Lee")
    assert finding.suggestion is not None and '"Dana Lee"' in finding.suggestion


@pytest.mark.parametrize(
    "reply",
    [
        "Your refund is done.\n\nBest wishes,\n[Agent Name]",
        "Hi Dana, your refund is done. Thanks, {{STAFF_FIRST_NAME}}",
        "Your refund is done.\n\nBest wishes,\n{{first_name}}",  # where the agent signs
    ],
)
def test_the_agents_name_field_is_not_given_the_customers_name(
    rule: RuleUnderTest, reply: str
) -> None:
    """A field for the agent's own name (by its words, or where the agent signs) is
    signed by the agent: telling them to write the customer's name there is wrong."""
    [finding] = rule.findings(reply, customer_name="Dana Lee")
    assert finding.suggestion == "Sign with your own name, or remove it, before sending."


@pytest.mark.parametrize(
    ("reply", "suggestion"),
    [
        ("Your refund is done.\n\nBest,\nKim\n[Team Phone Number]", "Fill in the value"),
        ("Your refund is done today. Thanks, [Customer Name]", 'name, "Dana Lee"'),
    ],
)
def test_other_fields_in_the_signoff_keep_their_suggestion(
    rule: RuleUnderTest, reply: str, suggestion: str
) -> None:
    [finding] = rule.findings(reply, customer_name="Dana Lee", channel="chat")
    assert finding.suggestion is not None and suggestion in finding.suggestion


def test_residue_lowers_the_score_only_when_found() -> None:
    from replylint import Linter, LinterConfig

    linter = Linter(LinterConfig(select=["greeting", RULE]))
    assert linter.check("Hi Dana, your refund is sent.").score == 100
    # greeting (10) present, residue (30) failing: 10 / (10 + 30)
    assert linter.check("Hi Dana, your refund of £XXX is sent.").score == 25


@pytest.mark.parametrize(
    ("reply", "leftovers"),
    [
        ("Write to <help@acme.io> {{ticket_url}} for more.", ["{{ticket_url}}"]),
        ("See <https://acme.io/help> [link] for the steps.", ["[link]"]),
        ("See https://acme.io/help -> {{article_link}} for more.", ["{{article_link}}"]),
        (
            "Dear <Venue Name> <Venue Address>, your seat is booked.",
            ["<Venue Name>", "<Venue Address>"],
        ),
        # a menu path's items, however many in a row, are places in the program
        ("Choose Apply Columns to > Folder > <account name> <account name>.", []),
        ("<p>Choose Folder &gt; &lt;account name&gt; &lt;account name&gt;.</p>", []),
        ("<p>Select Apply columns to &gt; Folder &gt; [Your Account Name] now.</p>", []),
    ],
)
def test_a_closing_angle_bracket_is_no_menu_separator(
    rule: RuleUnderTest, reply: str, leftovers: list[str]
) -> None:
    """A ">" that closes "<help@acme.io>" or a field before it leads into no menu (the
    unfilled field after it passed); only a field in brackets can be a menu's item."""
    assert rule.spans(reply) == leftovers


@pytest.mark.parametrize("branch", ["{{else}}", "{{ else }}", "{{else if gift}}", "{{~else~}}"])
def test_a_handlebars_else_is_a_leftover_as_its_block_tags_are(
    rule: RuleUnderTest, branch: str
) -> None:
    """Unrendered, a Handlebars macro shows the customer its ``{{else}}`` between the
    two branches, as it shows ``{{#if}}`` and ``{{/if}}``; it passed, so a sent reply
    whose only leftover is the ``{{else}}`` was clean."""
    reply = f"Your parcel {{{{#if express}}}}ships today{branch}ships tomorrow{{{{/if}}}}."
    assert rule.spans(reply) == ["{{#if express}}", branch, "{{/if}}"]
    assert rule.fires(f"Your parcel ships today {branch} tomorrow, as booked.")


@pytest.mark.parametrize(
    ("reply", "message", "suggestion"),
    [
        (
            "Your parcel {% if express %}ships today{% endif %}.",
            '"{% if express %}" is a template tag;',
            "keep only the text meant for this customer",
        ),
        (
            "Your parcel ships today.{# check the stock first #}",
            '"{# check the stock first #}" is a template comment, a note to the team;',
            "Remove it before sending.",
        ),
        (
            "Your parcel ships today.\n{% comment %}\nOld: we ship on Mondays.\n{% endcomment %}",
            '"{% comment %}..." is a template comment',
            "Remove it before sending.",
        ),
    ],
)
def test_a_template_tag_or_comment_is_not_called_a_field_to_fill_in(
    rule: RuleUnderTest, reply: str, message: str, suggestion: str
) -> None:
    """An unrendered tag or comment has no value to fill in: the finding says what it
    is and how to fix it (its text stays the exact span, the whole comment block)."""
    [finding, *_] = rule.findings(reply)
    assert finding.message.startswith(message)
    assert finding.suggestion is not None and suggestion in finding.suggestion
    assert "Fill in the value" not in finding.suggestion
    assert reply[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "partial", ["{{> signature}}", "{% include 'footer' %}", '<#include "footer.ftl">']
)
def test_a_partial_left_in_a_sent_reply_is_an_include_to_fill_in(
    rule: RuleUnderTest, partial: str
) -> None:
    """A partial unrendered shows the customer its tag where a signature or footer should
    be; the finding says it is an include (not "an if's branches"), and what to do."""
    reply = f"Your refund is on its way.\n\nThanks,\n{partial}"
    [finding] = rule.findings(reply)
    assert finding.text == partial
    assert finding.message == (
        f'"{partial}" is a template include (a partial); the customer would see it as is.'
    )
    assert finding.suggestion == "Put in the text it includes, or remove it, before sending."
    assert rule.passes(reply, template=True)


@pytest.mark.parametrize(
    ("reply", "tags"),
    [
        ("Your parcel ships <#if express>today</#if>.", ["<#if express>", "</#if>"]),
        ("Your parcel ships {if $express}today{/if}.", ["{if $express}", "{/if}"]),
        ("Your parcel ships *|IF:EXPRESS|*today*|END:IF|*.", ["*|IF:EXPRESS|*", "*|END:IF|*"]),
        ("Your parcel ships today.<#-- check the date -->", ["<#-- check the date -->"]),
        ("Your parcel ships today.{* check the date *}", ["{* check the date *}"]),
    ],
)
def test_tags_of_other_template_languages_are_leftovers(
    rule: RuleUnderTest, reply: str, tags: list[str]
) -> None:
    """FreeMarker, Smarty and Mailchimp macros unrendered show the customer their tags as
    Liquid's do: each is one finding on its exact words."""
    assert rule.spans(reply) == tags
    assert rule.passes(reply, template=True)


def test_a_field_in_a_branch_not_read_is_still_a_leftover(rule: RuleUnderTest) -> None:
    """Inside a sentence only a conditional's first branch is read; a field in another
    branch is still shown to the customer of a reply sent unrendered."""
    reply = "Hi {% if n %}{{ first_name }}{% else %}[Customer Name]{% endif %}, it ships today."
    assert rule.spans(reply) == [
        "{% if n %}", "{{ first_name }}", "{% else %}", "[Customer Name]", "{% endif %}",
    ]  # fmt: skip


UNCLOSED_BODY = "Your order ships Monday.\n\n"
#: (a macro whose conditional is never closed, its opening tag, the tag that closes it)
UNCLOSED = [
    # Liquid / Jinja: the branch runs to the end, or past a separator
    (
        "{% if vip %}Thanks for being a member!\n\nBest,\n{{agent.name}}",
        "{% if vip %}",
        "{% endif %}",
    ),
    (
        "{%- unless vip -%}Please reply with your address.{%- else -%}Thanks!\n\nBest,\nSam",
        "{%- unless vip -%}",
        "{% endunless %}",
    ),
    ("{% for item in items %}{{ item }} is back in stock.\n\nBest,\nSam", "{% for item in items %}",
     "{% endfor %}"),
    # nested: the inner conditional is closed, the outer one is not
    (
        "{% if vip %}{% if gift %}Your gift is packed.{% endif %}\nThanks for being a member!",
        "{% if vip %}",
        "{% endif %}",
    ),
    # Handlebars, and Mustache's inverted section after the section it closes
    (
        "{{#if vip}}Thanks for being a member!{{else}}Please reply with your address.",
        "{{#if vip}}",
        "{{/if}}",
    ),
    ("{{#vip}}Thanks for being a member!{{/vip}}{{^vip}}Please reply.", "{{^vip}}", "{{/vip}}"),
    # FreeMarker, Smarty, Mailchimp
    ("<#if vip>Thanks for being a member!<#else>Please reply.", "<#if vip>", "</#if>"),
    ("{if $vip}Thanks for being a member!{else}Please reply.", "{if $vip}", "{/if}"),
    ("*|IF:VIP|*Thanks for being a member!*|ELSE:|*Please reply.", "*|IF:VIP|*", "*|END:IF|*"),
]  # fmt: skip


@pytest.mark.parametrize(("macro", "opening", "closing"), UNCLOSED)
def test_a_conditional_never_closed_fails_the_template(
    rule: RuleUnderTest, macro: str, opening: str, closing: str
) -> None:
    """A macro whose conditional is never closed cannot be rendered (the template engine
    stops at it), and where it ends is not known. In a template, where its
    tags are expected, it passed: the author learned of it only when a reply failed."""
    reply = UNCLOSED_BODY + macro
    [finding] = rule.findings(reply, template=True)
    assert finding.text == opening == reply[finding.start : finding.end]
    block = "loop" if "for " in opening else "conditional"
    assert finding.message == (
        f'"{opening}" opens a {block} that is never closed: the template cannot be '
        "rendered, and where it ends is not known."
    )
    assert finding.suggestion == f'Close it with "{closing}" where it should end.'
    verdict = rule.verdict(reply, template=True)
    assert verdict.applicable and not verdict.present, verdict


@pytest.mark.parametrize(("macro", "opening", "closing"), UNCLOSED)
def test_a_conditional_never_closed_says_so_in_a_sent_reply(
    rule: RuleUnderTest, macro: str, opening: str, closing: str
) -> None:
    """Sent unrendered, each tag is a leftover; the opening one says it is never closed."""
    reply = UNCLOSED_BODY + macro
    findings = {f.text: f for f in rule.findings(reply)}
    assert "that is never closed" in findings[opening].message
    assert closing in (findings[opening].suggestion or "")


@pytest.mark.parametrize(
    "macro",
    [
        "{% if vip %}Thanks for being a member!{% else %}Please reply.{% endif %}\n\nBest,\nSam",
        "{{#vip}}Thanks for being a member!{{/vip}}{{^vip}}Please reply.{{/vip}}",
        "{% for item in items %}{{ item }} is back.{% endfor %}",
        # blocks of each kind nested in another, each closed by its own tag
        "{% if vip %}{% for gift in gifts %}{{ gift }} is packed.{% endfor %}{% endif %}",
        "{%- unless paid -%}{% case plan %}{% when 'pro' %}Pro.{% endcase %}{%- endunless -%}",
        "{{#if vip}}{{#each gifts}}{{this}} is packed.{{/each}}{{else}}No gifts.{{/if}}",
        "{{#vip}}{{#gift}}Your gift is packed.{{/gift}}{{/vip}}{{^vip}}Join us!{{/vip}}",
        "{{#if vip}}{{#> box}}Your gift is packed.{{/box}}{{/if}}",
        '{{#*inline "gift"}}Your gift is packed.{{/inline}}',
        "<#if vip><#list gifts as gift>Your gift is packed.</#list><#else>Join us!</#if>",
        "<#switch plan><#case 'pro'>Pro.<#break><#default>Basic.</#switch>",
        "{if $vip}{foreach $gifts as $gift}{$gift} is packed.{/foreach}{else}Join us!{/if}",
        "{section name=i loop=$gifts}Your gift is packed.{sectionelse}No gifts.{/section}",
        "*|INTERESTED:Gifts:Wrapping|**|IF:VIP|*Your gift is wrapped.*|END:IF|*"
        "*|ELSE:|*No wrapping.*|END:INTERESTED|*",
        "*|IFNOT:PAID|*Please pay by Friday.*|END:IF|*",
    ],
)
def test_a_closed_conditional_is_no_leftover_in_a_template(rule: RuleUnderTest, macro: str) -> None:
    assert rule.passes(UNCLOSED_BODY + macro, template=True)


#: (a macro whose inner block is left open inside an outer one closed, the inner block's
#: opening tag, the tag that closes it, the outer block's closing tag)
MISNESTED = [
    ("{% if stock %}{% for item in items %}{{ item }} is back.{% endif %}",
     "{% for item in items %}", "{% endfor %}", "{% endif %}"),
    ("{%- unless paid -%}{% if late %}A late fee applies.{%- endunless -%}",
     "{% if late %}", "{% endif %}", "{%- endunless -%}"),
    ("{{#if vip}}{{#each gifts}}{{this}} is packed.{{/if}}",
     "{{#each gifts}}", "{{/each}}", "{{/if}}"),
    ("{{#vip}}{{#gift}}Your gift is packed.{{/vip}}", "{{#gift}}", "{{/gift}}", "{{/vip}}"),
    ("<#if vip><#list gifts as gift>Your gift is packed.</#if>",
     "<#list gifts as gift>", "</#list>", "</#if>"),
    ("{if $vip}{foreach $gifts as $gift}Your gift is packed.{/if}",
     "{foreach $gifts as $gift}", "{/foreach}", "{/if}"),
    ("*|INTERESTED:Gifts:Wrapping|**|IF:VIP|*Your gift is wrapped.*|END:INTERESTED|*",
     "*|IF:VIP|*", "*|END:IF|*", "*|END:INTERESTED|*"),
]  # fmt: skip


@pytest.mark.parametrize(("macro", "opening", "closing", "outer"), MISNESTED)
def test_the_block_left_open_inside_another_is_the_one_named(
    rule: RuleUnderTest, macro: str, opening: str, closing: str, outer: str
) -> None:
    """A closing tag closes the innermost block of its own kind, as a template engine reads
    it. The outer block's closing tag was taken to close the inner block, so the finding
    named the outer block and the wrong tag to add ("{% endif %}" for a "{% for %}")."""
    reply = UNCLOSED_BODY + macro
    [finding] = rule.findings(reply, template=True)
    assert finding.text == opening == reply[finding.start : finding.end]
    assert finding.suggestion == (
        f'Close it with "{closing}" where it should end: before the "{outer}" that closes '
        "the block around it."
    )
    loops = ("{% endfor %}", "{{/each}}", "</#list>", "{/foreach}")
    block = "loop" if closing in loops else "conditional"
    assert finding.message.startswith(f'"{opening}" opens a {block} that is never closed')


#: (a closing tag, the tag that opens its block, whether that block is a loop)
STRAYS = [
    ("{% endif %}", "{% if ... %}", False),
    ("{%- endfor -%}", "{% for ... %}", True),
    ("{% endunless %}", "{% unless ... %}", False),
    ("{{/if}}", "{{#if ...}}", False),
    ("{{~/each~}}", "{{#each ...}}", True),
    ("{{/vip}}", "{{#vip}}", False),
    ("</#if>", "<#if ...>", False),
    ("</#list>", "<#list ...>", True),
    ("{/if}", "{if ...}", False),
    ("{/foreach}", "{foreach ...}", True),
    ("*|END:IF|*", "*|IF:...|*", False),
    ("*|END:INTERESTED|*", "*|INTERESTED:...|*", False),
]
STRAY_MACRO = "Your parcel left our depot this morning.\n{stray}\n\nThanks,\nSam"


@pytest.mark.parametrize(("stray", "opening", "loop"), STRAYS)
def test_a_closing_tag_that_closes_nothing_fails_the_template(
    rule: RuleUnderTest, stray: str, opening: str, loop: bool
) -> None:
    """No template engine renders a closing tag with no block of its kind open, and a reply
    sent unrendered shows it; in a template, where tags are expected, it passed."""
    reply = STRAY_MACRO.format(stray=stray)
    [finding] = rule.findings(reply, template=True)
    assert finding.text == stray == reply[finding.start : finding.end]
    block = "loop" if loop else "conditional"
    assert finding.message == (
        f'"{stray}" closes a {block} that is never opened: the template cannot be rendered.'
    )
    assert finding.suggestion == f'Remove it, or add "{opening}" where the {block} should start.'
    verdict = rule.verdict(reply, template=True)
    assert verdict.applicable and not verdict.present, verdict
    [sent] = rule.findings(reply)
    assert sent.message == finding.message


@pytest.mark.parametrize(
    ("macro", "unbalanced"),
    [
        # a closing tag of another kind closes nothing: both tags are reported
        ("{% if vip %}Thanks for being a member!{% endfor %}", ["{% if vip %}", "{% endfor %}"]),
        ("{{#if vip}}Thanks for being a member!{{/each}}", ["{{#if vip}}", "{{/each}}"]),
        ("{{#vip}}Thanks for being a member!{{/gold}}", ["{{#vip}}", "{{/gold}}"]),
        ("<#if vip>Thanks for being a member!</#list>", ["<#if vip>", "</#list>"]),
        ("{if $vip}Thanks for being a member!{/foreach}", ["{if $vip}", "{/foreach}"]),
        # one closing tag too many, after a block closed
        ("{% if vip %}Thanks for being a member!{% endif %}{% endif %}", ["{% endif %}"]),
        # crossed: the inner block ends after the outer one
        ("{% if a %}{% for x in xs %}{{ x }} is back.{% endif %}{% endfor %}",
         ["{% for x in xs %}", "{% endfor %}"]),
    ],
)  # fmt: skip
def test_each_tag_of_a_mismatched_pair_is_reported(
    rule: RuleUnderTest, macro: str, unbalanced: list[str]
) -> None:
    """A closing tag of another kind was taken to close the block open before it, and the
    template passed though no engine renders it."""
    reply = UNCLOSED_BODY + macro
    findings = rule.findings(reply, template=True)
    assert [f.text for f in findings] == unbalanced
    # each on its own words: the last of two "{% endif %}" is the one that closes nothing
    assert [f.start for f in findings] == [reply.rindex(text) for text in unbalanced]


def test_a_conditional_never_closed_in_an_html_macro_is_found(rule: RuleUnderTest) -> None:
    reply = "<p>{% if vip %}Your upgrade is free.{% else %}Upgrade for £5.</p><p>Best,<br>Sam</p>"
    [finding] = rule.findings(reply, template=True)
    assert finding.text == "{% if vip %}" == reply[finding.start : finding.end]
    assert finding.suggestion == 'Close it with "{% endif %}" where it should end.'


@pytest.mark.parametrize(
    "macro",
    [
        "To show a tag, write {% raw %}{% endif %}{% endraw %} in your template.",
        "Write {% raw %}{% if vip %}{% endraw %} where the offer starts.",
        "Django prints {% verbatim %}{% endif %}{% endverbatim %} as it is.",
        "Our editor shows {%- raw -%}{% for x in items %}{%- endraw -%} as a loop.",
        # Smarty's {literal} and FreeMarker's <#noparse> print their tags as written too
        "To show a branch, write {literal}{else}{/literal} between the two texts.",
        "Smarty prints {literal}{/if}{/literal} as it is.",
        "FreeMarker prints <#noparse><#else></#if></#noparse> as it is.",
        "FreeMarker prints <#noParse><#else></#noParse> as it is.",
    ],
)
def test_tags_inside_a_raw_block_are_text_not_unbalanced(rule: RuleUnderTest, macro: str) -> None:
    """The engine prints a raw block's tags as written: an "{% endif %}" there closes
    nothing, so it is no tag left unbalanced (it failed the template)."""
    reply = f"Hi Dana,\n\n{macro}\n\nThanks,\nSam"
    assert rule.findings(reply, template=True) == []


def test_a_tag_after_a_raw_block_is_read_again(rule: RuleUnderTest) -> None:
    reply = "Hi Dana,\n\nWrite {% raw %}{% if %}{% endraw %} first.\n{% endif %}\n\nThanks,\nSam"
    [finding] = rule.findings(reply, template=True)
    assert finding.text == "{% endif %}"


@pytest.mark.parametrize(
    "macro",
    [
        "{{$note}}Call us on 0800 123 456 if the parcel is late.{{/note}}",
        "{{<layout}}{{$body}}Your parcel left our depot today.{{/body}}{{/layout}}",
        "{{ $note }}Call us on 0800 123 456 if the parcel is late.{{/note}}",
    ],
)
def test_a_mustache_block_or_parent_closes_its_tag(rule: RuleUnderTest, macro: str) -> None:
    """Mustache's inheritance tags, a block ({{$note}}) and a parent ({{<layout}}), are
    closed by {{/note}}: the closing tag was reported as closing nothing."""
    reply = f"Hi Dana,\n\n{macro}\n\nThanks,\nSam"
    assert rule.findings(reply, template=True) == []


@pytest.mark.parametrize(
    ("macro", "stray"),
    [
        # Blade writes a value so: the closing tag of another name still closes nothing
        ("Hi {{ $name }}, your parcel is late.{{/if}}", "{{/if}}"),
        # closed before it is opened
        ("{{/note}}Call us if the parcel is late.{{$note}}", "{{/note}}"),
    ],
)
def test_a_closing_tag_no_block_or_parent_opened_is_still_reported(
    rule: RuleUnderTest, macro: str, stray: str
) -> None:
    reply = f"Hi Dana,\n\n{macro}\n\nThanks,\nSam"
    [finding] = rule.findings(reply, template=True)
    assert finding.text == stray


@pytest.mark.parametrize(
    "macro",
    [
        "{if vip}Thanks for being a member!{/if}",
        "{if true}Thanks for being a member!{/if}",
        "{if isset($gifts)}Your gift is packed.{/if}",
        "{if count($gifts) > 0}Your gift is packed.{/if}",
        "{if has_gift()}Your gift is packed.{elseif tier eq 'gold'}Gold.{else}Join us!{/if}",
        "{if not paid and total gte 100}Please pay by Friday.{/if}",
        "{if plan == 'pro' || trial}Pro.{/if}",
        # a config variable
        "{if #vip_offer#}Your upgrade is free.{/if}",
    ],
)
def test_a_smarty_condition_without_a_variable_opens_its_block(
    rule: RuleUnderTest, macro: str
) -> None:
    """Smarty reads a constant, a function call or an operator as a condition: ``{if vip}``
    was read as a value, so its ``{/if}`` was reported as closing nothing."""
    assert rule.findings(UNCLOSED_BODY + macro, template=True) == []


def test_a_smarty_condition_without_a_variable_never_closed_is_reported(
    rule: RuleUnderTest,
) -> None:
    reply = UNCLOSED_BODY + "{if $vip}Thanks!{/if}{if gold}Your upgrade is free."
    [finding] = rule.findings(reply, template=True)
    assert finding.text == "{if gold}" == reply[finding.start : finding.end]
    assert finding.suggestion == 'Close it with "{/if}" where it should end.'


def test_words_in_braces_are_no_smarty_condition(rule: RuleUnderTest) -> None:
    """Two words with no operator between them are prose (or a field), not a condition:
    the "{/if}" after them still closes nothing."""
    reply = UNCLOSED_BODY + "Reply {if you want} and we add it.{/if}"
    [finding] = rule.findings(reply, template=True)
    assert finding.text == "{/if}"


#: (a tag that separates two branches, the block it belongs in: its opening and closing
#: tags, and what it is)
SEPARATORS = [
    ("{% else %}", "{% if ... %}", "{% endif %}", "conditional or loop"),
    ("{% elsif gold %}", "{% if ... %}", "{% endif %}", "conditional"),
    ("{%- elif gold -%}", "{% if ... %}", "{% endif %}", "conditional"),
    ("{% elseif gold %}", "{% if ... %}", "{% endif %}", "conditional"),
    ("{% when 'pro' %}", "{% case ... %}", "{% endcase %}", "conditional"),
    ("{% empty %}", "{% for ... %}", "{% endfor %}", "loop"),
    ("{{else}}", "{{#if ...}}", "{{/if}}", "block"),
    ("{{else if gold}}", "{{#if ...}}", "{{/if}}", "block"),
    ("{{^}}", "{{#if ...}}", "{{/if}}", "block"),
    ("<#else>", "<#if ...>", "</#if>", "conditional or loop"),
    ("<#elseif gold>", "<#if ...>", "</#if>", "conditional"),
    ("<#elseIf gold>", "<#if ...>", "</#if>", "conditional"),
    ("<#case 'pro'>", "<#switch ...>", "</#switch>", "conditional"),
    ("<#default>", "<#switch ...>", "</#switch>", "conditional"),
    ("{else}", "{if ...}", "{/if}", "conditional"),
    ("{elseif $gold}", "{if ...}", "{/if}", "conditional"),
    ("{foreachelse}", "{foreach ...}", "{/foreach}", "loop"),
    ("{sectionelse}", "{section ...}", "{/section}", "loop"),
    ("*|ELSE:|*", "*|IF:...|*", "*|END:IF|*", "conditional"),
    ("*|ELSEIF:GOLD|*", "*|IF:...|*", "*|END:IF|*", "conditional"),
]
SEPARATOR_MACRO = (
    "Your parcel left our depot this morning.\n{separator}Please reply.\n\nThanks,\nSam"
)


@pytest.mark.parametrize(("separator", "opening", "closing", "block"), SEPARATORS)
def test_a_branch_tag_outside_its_block_fails_the_template(
    rule: RuleUnderTest, separator: str, opening: str, closing: str, block: str
) -> None:
    """No template engine renders an "{% else %}" with no "{% if %}" open: it passed, in a
    template and in a reply about to be sent alike (there as a tag, not as this)."""
    reply = SEPARATOR_MACRO.format(separator=separator)
    [finding] = rule.findings(reply, template=True)
    assert finding.text == separator == reply[finding.start : finding.end]
    assert finding.message == (
        f'"{separator}" stands outside any {block}: the template cannot be rendered.'
    )
    assert finding.suggestion == f'Move it between "{opening}" and "{closing}", or remove it.'
    verdict = rule.verdict(reply, template=True)
    assert verdict.applicable and not verdict.present, verdict
    [sent] = rule.findings(reply)
    assert sent.message == finding.message


@pytest.mark.parametrize(
    ("macro", "separator"),
    [
        # after its block closed
        ("{% if vip %}Thanks!{% endif %}\n{% else %}Please reply.", "{% else %}"),
        ("{% if vip %}Thanks!{% endif %}{% elsif gold %}Gold!", "{% elsif gold %}"),
        ("{{#if vip}}Thanks!{{/if}}\n{{else}}\nPlease reply.", "{{else}}"),
        ("<#if vip>Thanks!</#if><#else>Please reply.", "<#else>"),
        ("{if $vip}Thanks!{/if}{else}Please reply.", "{else}"),
        ("*|IF:VIP|*Thanks!*|END:IF|**|ELSE:|*Please reply.", "*|ELSE:|*"),
        # of another template language than the block open around it
        ("{{#if vip}}Thanks!{% else %}Please reply.{{/if}}", "{% else %}"),
    ],
)
def test_a_branch_tag_after_its_block_closed_is_reported(
    rule: RuleUnderTest, macro: str, separator: str
) -> None:
    reply = UNCLOSED_BODY + macro
    [finding] = rule.findings(reply, template=True)
    assert finding.text == separator == reply[finding.start : finding.end]
    assert finding.message.startswith(f'"{separator}" stands outside any ')


#: (a macro with a branch tag inside a block that takes none such, the tag, the block's
#: opening tag, the tag closing it, what it is, where the tag belongs)
MISPLACED = [
    ("{% for x in items %}{{ x }}{% elsif gold %}Gold.{% endfor %}", "{% elsif gold %}",
     "{% for x in items %}", "{% endfor %}", "loop", ("{% if ... %}", "{% endif %}")),
    ("{% if vip %}Thanks!{% when 'pro' %}Pro.{% endif %}", "{% when 'pro' %}",
     "{% if vip %}", "{% endif %}", "conditional", ("{% case ... %}", "{% endcase %}")),
    ("{% if vip %}Thanks!{% empty %}Nothing.{% endif %}", "{% empty %}",
     "{% if vip %}", "{% endif %}", "conditional", ("{% for ... %}", "{% endfor %}")),
    ("<#list gifts as g>${g}<#case 1>One.</#list>", "<#case 1>",
     "<#list gifts as g>", "</#list>", "loop", ("<#switch ...>", "</#switch>")),
    ("{foreach $gifts as $g}{$g}{sectionelse}None.{/foreach}", "{sectionelse}",
     "{foreach $gifts as $g}", "{/foreach}", "loop", ("{section ...}", "{/section}")),
    ("*|INTERESTED:Gifts|*Wrapped.*|ELSEIF:GOLD|*Gold.*|END:INTERESTED|*", "*|ELSEIF:GOLD|*",
     "*|INTERESTED:Gifts|*", "*|END:INTERESTED|*", "conditional", ("*|IF:...|*", "*|END:IF|*")),
]  # fmt: skip


@pytest.mark.parametrize(("macro", "separator", "inside", "closing", "block", "home"), MISPLACED)
def test_a_branch_tag_in_a_block_that_takes_none_is_reported(
    rule: RuleUnderTest,
    macro: str,
    separator: str,
    inside: str,
    closing: str,
    block: str,
    home: tuple[str, str],
) -> None:
    """The engine reads a branch tag as one of the innermost block open ("Encountered
    unknown tag 'elif'... The innermost block that needs to be closed is 'for'")."""
    reply = UNCLOSED_BODY + macro
    [finding] = rule.findings(reply, template=True)
    assert finding.text == separator == reply[finding.start : finding.end]
    assert finding.message == (
        f'"{separator}" stands inside "{inside}", which takes no such tag: the template '
        "cannot be rendered."
    )
    assert finding.suggestion == (
        f'Close the {block} with "{closing}" before it, or move it between "{home[0]}" and '
        f'"{home[1]}".'
    )


@pytest.mark.parametrize(
    "macro",
    [
        "{% for gift in gifts %}{{ gift }}{% else %}No gifts.{% endfor %}",
        "{% for gift in gifts %}{{ gift }}{% empty %}No gifts.{% endfor %}",
        "{% unless paid %}Please pay.{% elsif late %}Late.{% else %}Thanks!{% endunless %}",
        "{% case plan %}{% when 'pro' %}Pro.{% else %}Basic.{% endcase %}",
        "{% if a %}{% for g in gifts %}{{ g }}{% endfor %}{% elsif b %}B.{% endif %}",
        "{% ifchanged day %}New day.{% else %}Same day.{% endifchanged %}",
        "{{#each gifts}}{{this}}{{else}}No gifts.{{/each}}",
        "{{#vip}}Thanks!{{else}}Join us!{{/vip}}",
        "{{#if vip}}Thanks!{{^}}Join us!{{/if}}",
        "<#list gifts as g>${g}<#else>No gifts.</#list>",
        "{foreach $gifts as $g}{$g}{foreachelse}No gifts.{/foreach}",
        "{if vip}Thanks!{elseif gold}Gold.{else}Join us!{/if}",
    ],
)
def test_a_branch_tag_in_its_block_is_no_leftover_in_a_template(
    rule: RuleUnderTest, macro: str
) -> None:
    assert rule.findings(UNCLOSED_BODY + macro, template=True) == []


#: (a macro with a branch tag after its block's else branch, that tag, the else branch's
#: tag, the block's opening tag)
AFTER_ELSE = [
    ("{% if paid %}Paid.{% else %}Please pay.{% elsif late %}Late.{% endif %}",
     "{% elsif late %}", "{% else %}", "{% if paid %}"),
    ("{% if paid %}Paid.{% else %}Please pay.{% elif late %}Late.{% endif %}",
     "{% elif late %}", "{% else %}", "{% if paid %}"),
    ("{% case plan %}{% when 'pro' %}Pro.{% else %}Basic.{% when 'team' %}Team.{% endcase %}",
     "{% when 'team' %}", "{% else %}", "{% case plan %}"),
    ("{% for g in gifts %}{{ g }}{% empty %}None.{% empty %}Still none.{% endfor %}",
     "{% empty %}", "{% empty %}", "{% for g in gifts %}"),
    ("{{#if paid}}Paid.{{else}}Please pay.{{else if late}}Late.{{/if}}",
     "{{else if late}}", "{{else}}", "{{#if paid}}"),
    ("{{#if paid}}Paid.{{^}}Please pay.{{else}}Late.{{/if}}",
     "{{else}}", "{{^}}", "{{#if paid}}"),
    ("<#if paid>Paid.<#else>Please pay.<#elseif late>Late.</#if>",
     "<#elseif late>", "<#else>", "<#if paid>"),
    ("{if $paid}Paid.{else}Please pay.{elseif $late}Late.{/if}",
     "{elseif $late}", "{else}", "{if $paid}"),
    ("*|IF:PAID|*Paid.*|ELSE:|*Please pay.*|ELSEIF:LATE|*Late.*|END:IF|*",
     "*|ELSEIF:LATE|*", "*|ELSE:|*", "*|IF:PAID|*"),
]  # fmt: skip


@pytest.mark.parametrize(("macro", "separator", "last", "block"), AFTER_ELSE)
def test_a_branch_tag_after_the_else_branch_is_reported(
    rule: RuleUnderTest, macro: str, separator: str, last: str, block: str
) -> None:
    """An "{% elsif %}" after the "{% else %}" of its block passed: Jinja, Django,
    Handlebars, FreeMarker and Smarty refuse it, and Liquid never sends its branch."""
    reply = UNCLOSED_BODY + macro
    [finding] = rule.findings(reply, template=True)
    assert reply[finding.start : finding.end] == separator
    assert finding.start == reply.rindex(separator)
    assert finding.message == (
        f'"{separator}" comes after "{last}", the last branch of "{block}": the template '
        "cannot be rendered, or its branch is never sent."
    )
    if separator in ("{% empty %}", "{{else}}"):  # a second else branch: moving it helps not
        assert finding.suggestion == "A block takes one else branch: remove one, or merge the two."
    else:
        assert finding.suggestion == f'Move it and its branch above "{last}", or remove it.'
    verdict = rule.verdict(reply, template=True)
    assert verdict.applicable and not verdict.present, verdict


def test_a_second_else_is_told_to_keep_one(rule: RuleUnderTest) -> None:
    """Moving a second "{% else %}" above the first leaves two: the advice is to keep one."""
    reply = UNCLOSED_BODY + "{% if paid %}Paid.{% else %}Please pay.{% else %}Late.{% endif %}"
    [finding] = rule.findings(reply, template=True)
    assert finding.start == reply.rindex("{% else %}")
    assert finding.suggestion == "A block takes one else branch: remove one, or merge the two."


@pytest.mark.parametrize(
    "macro",
    [
        # an elsif before the else, and an else in a nested block of its own
        "{% if a %}A.{% elsif b %}B.{% else %}C.{% endif %}",
        "{% if a %}A.{% else %}{% if b %}B.{% else %}C.{% endif %}{% endif %}",
        "{{#if a}}A.{{else if b}}B.{{else}}C.{{/if}}",
        "{{#if a}}A.{{else}}{{#if b}}B.{{else}}C.{{/if}}{{/if}}",
        "<#if a>A.<#elseif b>B.<#else>C.</#if>",
        "{if $a}A.{elseif $b}B.{else}C.{/if}",
        "*|IF:A|*A.*|ELSEIF:B|*B.*|ELSE:|*C.*|END:IF|*",
        # two blocks in a row, each with its else
        "{% if a %}A.{% else %}B.{% endif %}{% if c %}C.{% else %}D.{% endif %}",
    ],
)
def test_branch_tags_before_the_else_are_no_leftover(rule: RuleUnderTest, macro: str) -> None:
    assert rule.findings(UNCLOSED_BODY + macro, template=True) == []


def test_a_smarty_condition_without_a_variable_before_an_else_is_its_block(
    rule: RuleUnderTest,
) -> None:
    """With no "{/if}" in the macro, its "{else}" tells it is Smarty all the same: the
    "{if vip}" is the block never closed, and the "{else}" stands inside it."""
    reply = UNCLOSED_BODY + "{if vip}Thanks for being a member!{else}Please reply."
    [finding] = rule.findings(reply, template=True)
    assert finding.text == "{if vip}"
    assert finding.suggestion == 'Close it with "{/if}" where it should end.'


@pytest.mark.parametrize("operator", ["&gt;", "&lt;=", "&amp;&amp;"])
def test_a_smarty_condition_in_an_html_macro_may_escape_its_operator(
    rule: RuleUnderTest, operator: str
) -> None:
    """An HTML editor writes "{if total > 100}" as "{if total &gt; 100}": the condition
    was no tag there, and its "{/if}" closed nothing."""
    reply = (
        f"<p>Hi {{$first_name}},</p><p>{{if total {operator} 100}}Shipping is free.{{/if}}</p>"
        "<p>Thanks,<br>Sam</p>"
    )
    assert rule.findings(reply, template=True) == []


#: (a macro with a template tag in an HTML comment that leaves a block unbalanced, the tag)
COMMENTED_UNBALANCED = [
    ("Thanks for your order.\n<!-- {% if vip %} -->\nMembers get free returns.", "{% if vip %}"),
    ("Thanks for your order.\n<!-- {% endif %} -->\nMembers get free returns.", "{% endif %}"),
    ("{% if vip %}Members first.{% else %}Thanks.<!-- {% elsif gold %} -->Gold.{% endif %}",
     "{% elsif gold %}"),
    ("<p>Thanks for your order.</p><!-- {{#if vip}} --><p>Members get free returns.</p>",
     "{{#if vip}}"),
    ("<p>Thanks for your order.</p>\n<!--<#if vip>-->\n<p>Members get free returns.</p>",
     "<#if vip>"),
]  # fmt: skip


@pytest.mark.parametrize(("macro", "tag"), COMMENTED_UNBALANCED)
def test_an_unbalanced_tag_in_an_html_comment_is_reported(
    rule: RuleUnderTest, macro: str, tag: str
) -> None:
    """The engine runs a tag inside an HTML comment: "<!-- {% if vip %} -->" never closed
    breaks the macro as the bare tag does. It passed, unreported."""
    reply = UNCLOSED_BODY + macro
    [finding] = rule.findings(reply, template=True)
    assert reply[finding.start : finding.end] == tag


@pytest.mark.parametrize(
    "macro",
    [
        "<!-- {% if vip %} -->\nMembers get free returns.\n{% endif %}",
        "{% if vip %}\nMembers get free returns.\n<!-- {% endif %} -->",
        "<p>Hi!</p><!-- {{#if vip}} --><p>Members get free returns.</p><!-- {{/if}} -->",
    ],
)
def test_a_tag_in_an_html_comment_pairs_with_those_outside(rule: RuleUnderTest, macro: str) -> None:
    assert rule.findings(UNCLOSED_BODY + macro, template=True) == []


@pytest.mark.parametrize(
    ("macro", "tag", "message", "suggestion"),
    [
        (
            '%%[ IF @tier == "gold" THEN ]%%\nGold members ship free.',
            '%%[ IF @tier == "gold" THEN ]%%',
            "opens a conditional that is never closed",
            'Close it with "%%[ ENDIF ]%%" where it should end.',
        ),
        (
            "Gold members ship free.\n%%[ ENDIF ]%%",
            "%%[ ENDIF ]%%",
            "closes a conditional that is never opened",
            'Remove it, or add "%%[ IF ... THEN ]%%" where the conditional should start.',
        ),
        (
            "Gold members ship free.\n%%[ ELSE ]%%\nOthers pay.",
            "%%[ ELSE ]%%",
            "stands outside any conditional",
            'Move it between "%%[ IF ... THEN ]%%" and "%%[ ENDIF ]%%", or remove it.',
        ),
        (  # ELSE IF is an ELSE and a nested IF: one ENDIF leaves one of the two open
            '%%[ IF @tier == "gold" THEN ]%%\nGold ships free.\n%%[ ELSE IF @tier == "silver" '
            "THEN ]%%\nSilver ships at half price.\n%%[ ENDIF ]%%",
            '%%[ ELSE IF @tier == "silver" THEN ]%%',
            "opens a conditional that is never closed",
            'Close it with "%%[ ENDIF ]%%" where it should end, or write "ELSEIF" as one word '
            "to make it a branch of the block above.",
        ),
        (
            "%%[ FOR @i = 1 TO 3 DO ]%%\nRow %%=v(@i)=%%.",
            "%%[ FOR @i = 1 TO 3 DO ]%%",
            "opens a loop that is never closed",
            'Close it with "%%[ NEXT ]%%" where it should end.',
        ),
        (  # the ENDIF and the next IF in one block: that IF is the one never closed
            '%%[ IF @tier == "gold" THEN ]%%\nGold ships free.\n%%[ ENDIF IF @eu THEN ]%%\n'
            "EU orders ship from Dublin.",
            "%%[ ENDIF IF @eu THEN ]%%",
            "opens a conditional that is never closed",
            'Close it with "%%[ ENDIF ]%%" where it should end.',
        ),
    ],
)
def test_unbalanced_ampscript_is_reported_in_a_template(
    rule: RuleUnderTest, macro: str, tag: str, message: str, suggestion: str
) -> None:
    """AMPscript's blocks were not read: an IF never closed, or an ENDIF closing none,
    passed a template Marketing Cloud refuses to send."""
    reply = UNCLOSED_BODY + macro
    [finding] = rule.findings(reply, template=True)
    assert reply[finding.start : finding.end] == tag
    assert message in finding.message
    assert finding.suggestion == suggestion


def test_ampscript_fields_are_expected_in_a_template_and_residue_in_a_reply(
    rule: RuleUnderTest,
) -> None:
    reply = (
        "Hi %%=v(@firstName)=%%,\n%%[ IF @vip THEN ]%%\nMembers ship free.\n%%[ ENDIF ]%%\n"
        "Your order ships today."
    )
    assert rule.findings(reply, template=True) == []
    found = [reply[f.start : f.end] for f in rule.findings(reply)]
    assert found == ["%%=v(@firstName)=%%", "%%[ IF @vip THEN ]%%", "%%[ ENDIF ]%%"]


def test_a_tag_in_an_html_comment_says_the_customer_would_not_see_it(rule: RuleUnderTest) -> None:
    """An engine runs a tag in an HTML comment, so one left there was never run; but in an
    HTML e-mail the customer does not see it, and the finding must not say they would."""
    reply = (
        "<p>Hi Sam,</p><!-- {% if vip %} --><p>Your lounge pass is attached.</p>"
        "<!-- {% endif %} -->"
    )
    findings = rule.findings(reply)
    assert [f.text for f in findings] == ["{% if vip %}", "{% endif %}"]
    assert all("would not see it" in f.message for f in findings)
    visible = rule.findings("<p>Hi Sam, {% if vip %}your lounge pass is attached{% endif %}.</p>")
    assert [f.text for f in visible] == ["{% if vip %}", "{% endif %}"]
    assert all("would see it as is" in f.message for f in visible)


def test_an_ampscript_block_of_several_statements_is_read_statement_by_statement(
    rule: RuleUnderTest,
) -> None:
    """``%%[ ENDIF IF @b THEN ]%%`` closes one conditional and opens the next. Read as no
    tag, its ENDIF closed nothing: the next ENDIF closed the first conditional, so the
    second's ELSE came "after the last branch" of the first, a finding on a macro
    Marketing Cloud sends as written. Read statement by statement, with SET statements
    beside them too, the macro is balanced, as its Liquid twin is."""
    reply = UNCLOSED_BODY + (
        '%%[ IF @tier == "gold" THEN ]%%\nGold members ship free.\n%%[ ELSE ]%%\n'
        "Shipping costs five pounds.\n"
        '%%[ ENDIF SET @eu = AttributeValue("EU") IF @eu == "true" THEN ]%%\n'
        'EU orders ship from Dublin.\n%%[ ELSE SET @hub = "Leeds" ]%%\n'
        "Other orders ship from Leeds.\n%%[ ENDIF ]%%"
    )
    assert rule.findings(reply, template=True) == []
