"""examples/plugin: a third-party rule package, really built and installed, then found by
replylint through its `replylint.rules` entry point (importlib.metadata, nothing faked).

It is installed offline into a temporary folder that only the subprocesses get on their
PYTHONPATH, so this test process and the rest of the suite never see the plugin.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from replylint.registry import discover_rule_classes

PLUGIN = Path(__file__).resolve().parents[2] / "examples" / "plugin"
RULE = "refund_policy.timeframe"
FIRES = "Hi Sam,\n\nI've refunded your order.\n\nThanks for your patience!\n"
# Hard-wrapped, as plain-text macros are: the rule matches "5 business\ndays" too.
PASSES = (
    "Hi Sam,\n\nI've refunded your order; it reaches your card within 5 business\n"
    "days.\n\nThanks!\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin, built with hatchling (replylint's own backend) and pip-installed."""
    pytest.importorskip("hatchling", reason="the plugin builds with hatchling (test extra)")
    root = tmp_path_factory.mktemp("plugin")
    source = shutil.copytree(PLUGIN, root / "src")  # never build inside the checkout
    target = root / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--disable-pip-version-check", "--target", str(target),
         str(source)],
        check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return target


def replylint(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed replylint with the plugin's folder first on the import path
    (an empty PYTHONPATH entry would mean the working folder, so none is added)."""
    paths = [str(site), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "replylint", *args],
        cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_plugin_is_not_there_without_the_install() -> None:
    assert RULE not in {cls.id for cls in discover_rule_classes()}


def test_installed_plugin_is_listed(site: Path, tmp_path: Path) -> None:
    result = replylint(site, tmp_path, "rules")
    assert result.returncode == 0, result.stderr
    assert f"{RULE} warning  Manage expectations" in result.stdout
    assert "A refund without a date" in result.stdout


def test_installed_plugin_fires_and_passes(site: Path, tmp_path: Path) -> None:
    (tmp_path / "fires.txt").write_text(FIRES, "utf-8")
    (tmp_path / "passes.txt").write_text(PASSES, "utf-8")
    result = replylint(site, tmp_path, "check", "fires.txt", "passes.txt", "--format", "json")
    assert result.returncode == 1, result.stderr
    fires, passes = json.loads(result.stdout)
    (finding,) = [f for f in fires["findings"] if f["rule"] == RULE]
    assert finding["check"] == "refund_policy" and finding["severity"] == "warning"
    assert fires["checks"]["refund_policy"]["present"] is False
    assert not [f for f in passes["findings"] if f["rule"] == RULE]
    assert passes["checks"]["refund_policy"]["present"] is True


OWN_EXAMPLES = """
import json
from replylint import Linter
linter = Linter()
(rule,) = [r for r in linter.rules if r.id == "refund_policy.timeframe"]
out = []
for kind, examples in (("fire", rule.examples.fire), ("pass", rule.examples.pass_)):
    for ex in examples:
        report = linter.check(ex.reply, channel=ex.channel, customer_message=ex.customer_message)
        out.append([kind, any(f.rule == rule.id for f in report.findings)])
print(json.dumps(out))
"""


def test_plugin_keeps_its_own_examples(site: Path, tmp_path: Path) -> None:
    """The examples `replylint explain` shows for the plugin are true (as for built-ins)."""
    paths = [str(site), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    result = subprocess.run(
        [sys.executable, "-c", OWN_EXAMPLES],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    outcomes = json.loads(result.stdout)
    assert {kind for kind, _ in outcomes} == {"fire", "pass"}
    assert all(fired == (kind == "fire") for kind, fired in outcomes), outcomes


def test_plugin_options_come_from_the_config_file(site: Path, tmp_path: Path) -> None:
    """A team widens what counts as a refund, in kebab-case, under the rule's id."""
    (tmp_path / ".replylint.toml").write_text(
        '[rules."refund_policy.timeframe"]\nseverity = "error"\n'
        '[rules."refund_policy.timeframe".options]\nrefund-words = ["store credit"]\n',
        "utf-8",
    )
    (tmp_path / "credit.txt").write_text(
        "Hi Sam, I've added store credit for you. Thanks!", "utf-8"
    )
    result = replylint(site, tmp_path, "check", "credit.txt", "--select", RULE, "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [(RULE, "error")]


def test_the_examples_readme_shows_what_check_prints(site: Path, tmp_path: Path) -> None:
    """examples/README.md says what it shows is what replylint does; its plugin transcript
    had drifted (a finding's position, a check's finding and verdict) unnoticed."""
    readme = (PLUGIN.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ replylint check refund.txt\n", 1)[1].split("```", 1)[0]
    (tmp_path / "refund.txt").write_text(FIRES, "utf-8")
    result = replylint(site, tmp_path, "check", "refund.txt")
    assert result.returncode == 1, result.stderr
    assert result.stdout == shown
