"""What a pack may say, as the pack-format reference (docs/rules.md) says it: an
existence rule's own suggestion, and names refused with the shape they must have, not
pydantic's regular expression."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import Linter, PackError
from replylint.packs import load_pack

PACK = """schema: replylint.pack/1
name: {name}
rules:
  - id: {id}
    kind: {kind}
    check: {check}
    message: '"{{match}}" promises what support cannot.'
    rationale: A broken promise costs more trust than the problem.
    standard: Manage expectations
    phrases: [we guarantee]
{extra}"""


def write(
    tmp_path: Path,
    *,
    name: str = "promises",
    id_: str = "promises.guarantee",
    kind: str = "existence",
    check: str = "promises",
    extra: str = "",
) -> Path:
    path = tmp_path / "promises.yaml"
    text = PACK.format(name=name, id=id_, kind=kind, check=check, extra=extra)
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(PackError) as error:
        load_pack(path)
    return str(error.value).removeprefix(f"rule pack {path}: ")


def test_an_existence_rule_carries_its_suggestion(tmp_path: Path) -> None:
    """`suggestion:` was an unknown key, so its findings printed no "suggestion:" line."""
    extra = '    suggestion: Say what you will do instead of "{match}".\n'
    pack = write(tmp_path, extra=extra)
    linter = Linter({"model": "none", "select": ["promises"], "packs": [str(pack)]})
    (finding,) = linter.check("Hi Dana, we guarantee it works. Thanks!").findings
    assert finding.suggestion == 'Say what you will do instead of "we guarantee".'


def test_an_existence_rule_without_one_suggests_nothing(tmp_path: Path) -> None:
    linter = Linter({"model": "none", "select": ["promises"], "packs": [str(write(tmp_path))]})
    (finding,) = linter.check("Hi Dana, we guarantee it works. Thanks!").findings
    assert finding.suggestion is None


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            '    suggestion: Say "{term}".\n',
            "rules.0.suggestion: unknown placeholder {term}; only {match} is allowed",
        ),
        ('    suggestion: "Say it\\nplainly."\n', "rules.0.suggestion: the suggestion has a line"),
    ],
)
def test_a_suggestion_is_one_line_with_only_match(
    tmp_path: Path, extra: str, expected: str
) -> None:
    assert expected in refusal(write(tmp_path, extra=extra))


def test_a_substitution_with_a_suggestion_is_refused(tmp_path: Path) -> None:
    """It suggests its swap's wording: a second suggestion would be dropped silently."""
    extra = "    swap: {we guarantee: we expect}\n    suggestion: Say it plainly.\n"
    message = refusal(write(tmp_path, kind="substitution", extra=extra))
    assert "suggestion is read only by kind: existence" in message


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (
            {"id_": "promises.Guarantee"},
            "rules.0.id: 'promises.Guarantee' is not a rule id: a rule id is made of "
            "lower-case letters, digits and '_', beginning with a letter, in parts joined by "
            "'.' (a part after the first may also hold '-'), such as 'acme.no_promises'; "
            "write 'promises.guarantee'",
        ),
        (
            {"id_": "promises guarantee"},
            "rules.0.id: 'promises guarantee' is not a rule id: a rule id is made of lower-case",
        ),
        ({"check": "Promises"}, "rules.0.check: 'Promises' is not a check name"),
        ({"name": "Promises"}, "name: 'Promises' is not a pack name"),
    ],
    ids=["capital id", "space in id", "capital check", "capital pack name"],
)
def test_a_name_of_the_wrong_shape_says_what_names_look_like(
    tmp_path: Path, field: dict[str, str], expected: str
) -> None:
    """A capitalised id was refused with "String should match pattern '^[a-z][a-z0-9_]*
    (\\.[a-z0-9_-]+)*$'"."""
    message = refusal(write(tmp_path, **field))
    assert message.startswith(expected) and "should match pattern" not in message


def test_the_reference_lists_every_key_and_every_list_a_pack_may_extend() -> None:
    """Nothing listed the keys a pack takes or the lists it may extend: a user found
    `greeting.salutations` by guessing, or in site-packages. The reference is generated
    into docs/rules.md (tests/test_ruledocs.py keeps the file fresh)."""
    from replylint.pack_lists import ShippedLists
    from replylint.packs import Example, Pack, PackRuleSpec, PackSet, builtin_pack_paths
    from replylint.ruledocs import pack_format_markdown

    text = "\n".join(pack_format_markdown())
    for model in (Pack, PackRuleSpec, Example):
        for name, info in model.model_fields.items():
            assert f"| `{info.alias or name}` |" in text, (model.__name__, name)
    shipped = ShippedLists.of(PackSet.load(builtin_pack_paths()))
    for name in shipped.lexicons | shipped.patterns:
        assert f"`{name}`" in text
    assert not any(f"`{name}`" in text for name in shipped.normaliser - shipped.lexicons)


def test_explain_lists_the_word_lists_of_the_rules_pack(linter: Linter) -> None:
    from replylint.ruledocs import explain, find_rule

    text = explain(find_rule(linter.rules, "greeting"))
    assert "Word lists (in greeting.yaml; a pack's lexicon or pattern list of the same" in text
    assert "greeting.salutations" in text
    assert "Word lists" not in explain(find_rule(linter.rules, "readability"))
