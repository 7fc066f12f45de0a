"""The live draft page in a real headless Chromium, driven over the DevTools protocol
(``--remote-debugging-pipe``: no extra package, no network): type a draft, see the
jargon marked over the right words, reach its suggestion with the keyboard, fix the words,
see the mark go; the strict CSP holds (no violation, no script error)."""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from replylint import Linter
from replylint.formatters.outcome import hidden_note, suppressed_note
from replylint.report import Report

CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium not installed (Debian: apt-get install chromium); browser test skipped",
)

# An emoji before the jargon: Python counts it as one character, JavaScript as two.
DRAFT = (
    "Hi Priya 👋,\n\nYour RMA is approved and the refund reaches your card within 5 days."
    "\n\nThanks for your patience!"
)


class Browser:
    """A headless Chromium spoken to over its DevTools pipe (fds 3 and 4)."""

    def __init__(self, profile: Path) -> None:
        assert CHROMIUM is not None
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire_pipes() -> None:  # in the child: its fd 3 reads commands, fd 4 answers
            high_r, high_w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        command = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-pipe", f"--user-data-dir={profile}", "--window-size=1200,900",
            "about:blank",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            preexec_fn=wire_pipes,
            pass_fds=(3, 4),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def send(self, method: str, params: dict[str, Any] | None = None, **kw: Any) -> Any:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        session = kw.get("session", self.session)
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            for answer in self._read(deadline):
                if answer.get("id") == self._next_id:
                    assert "error" not in answer, answer
                    return answer["result"]
                self.events.append(answer)

    def _read(self, deadline: float) -> Iterator[dict[str, Any]]:
        ready, _, _ = select.select(
            [self._from_chrome], [], [], max(0.0, deadline - time.monotonic())
        )
        assert ready, "chromium did not answer within 30 s"
        chunk = os.read(self._from_chrome, 1 << 20)
        assert chunk, "chromium closed its pipe"
        self._buffer += chunk
        *messages, self._buffer = self._buffer.split(b"\0")
        for raw in messages:
            yield json.loads(raw)

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=None)
        attached = self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, session=None
        )
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete' && !!document.getElementById('draft')")

    def js(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.js(expression)
            if value:
                return value
            assert time.monotonic() < deadline, f"timed out waiting for: {expression}"
            time.sleep(0.05)

    def key(self, key: str, code: int) -> None:
        for kind in ("rawKeyDown", "keyUp"):
            self.send(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code},
            )
        if key == "Enter":
            self.send("Input.dispatchKeyEvent", {"type": "char", "text": "\r"})

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Browser]:
    chrome = Browser(tmp_path / "profile")
    try:
        yield chrome
    finally:
        chrome.close()


MARKS = "[...document.querySelectorAll('#highlights mark')].map(m => m.textContent)"


def test_type_a_draft_see_the_jargon_marked_fix_it_see_it_go(
    browser: Browser, serve: Callable[..., Any], linter: Linter, tmp_path: Path
) -> None:
    service = serve(linter=linter)
    page = service.request("GET", "/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    browser.open(f"http://127.0.0.1:{service.port}/")

    browser.js("document.getElementById('draft').focus()")
    browser.send("Input.insertText", {"text": DRAFT})  # typed, as an input method commits text
    marks = browser.wait_for(f"{MARKS}.includes('RMA') && {MARKS}")
    expected = {f.text for f in linter.check(DRAFT).findings if f.end > f.start}
    assert set(marks) == expected
    # the backdrop holds the same text in the same box as the textarea, and the mark sits
    # at the word's place in it: so it is drawn over "RMA" and nothing else
    layout = browser.js(
        """(() => {
          const d = document.getElementById('draft'), b = document.getElementById('highlights');
          const m = [...b.querySelectorAll('mark')].find(m => m.textContent === 'RMA');
          const before = document.createRange();
          before.setStart(b, 0); before.setEndBefore(m);
          const r = m.getBoundingClientRect(), e = d.getBoundingClientRect();
          const box = (x) => JSON.stringify([x.left, x.top, x.width, x.height]);
          return {same_text: b.textContent === d.value + '\\u200b',
                  same_box: box(b.getBoundingClientRect()) === box(e),
                  same_font: getComputedStyle(b).font === getComputedStyle(d).font,
                  offset: before.toString().length,
                  inside: r.left >= e.left && r.right <= e.right
                          && r.top >= e.top && r.bottom <= e.bottom,
                  score: document.getElementById('score').textContent,
                  checks: document.querySelectorAll('#checks tbody tr').length};
        })()"""
    )
    assert layout == {
        "same_text": True, "same_box": True, "same_font": True, "inside": True,
        "offset": DRAFT.encode("utf-16-le").index("RMA".encode("utf-16-le")) // 2,
        "score": f"{linter.check(DRAFT).score}/100", "checks": len(linter.check(DRAFT).checks),
    }  # fmt: skip
    shot = browser.send("Page.captureScreenshot", {"format": "png"})["data"]
    (tmp_path / "page.png").write_bytes(base64.b64decode(shot))  # to look at by hand
    assert (tmp_path / "page.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # keyboard: Tab from the draft to the findings until the RMA one has focus; its
    # suggestion shows beside the words, and Enter selects them in the draft
    for _ in range(12):
        browser.key("Tab", 9)
        focused = browser.js("document.activeElement.textContent")
        if "RMA" in focused:
            break
    assert "RMA" in focused and "Suggestion:" in focused
    tooltip = browser.js(
        "(() => { const t = document.getElementById('tooltip');"
        " return t.hidden ? null : t.textContent; })()"
    )
    assert tooltip is not None and "Suggestion:" in tooltip and "RMA" in tooltip
    assert browser.js("document.querySelector('#highlights mark.active').textContent") == "RMA"
    browser.key("Enter", 13)
    selected = browser.js(
        "(() => { const d = document.getElementById('draft');"
        " return [document.activeElement.id, d.value.slice(d.selectionStart, d.selectionEnd)]; })()"
    )
    assert selected == ["draft", "RMA"]
    assert "RMA" in browser.js("document.getElementById('current').textContent")

    # fix it: type over the selected words; the mark goes, the rest stays
    browser.send("Input.insertText", {"text": "return label"})
    fixed = DRAFT.replace("RMA", "return label")
    assert browser.js("document.getElementById('draft').value") == fixed
    backdrop = "document.getElementById('highlights').textContent"
    browser.wait_for(f"!{MARKS}.includes('RMA') && {backdrop}.includes('return label')")
    assert set(browser.js(MARKS)) == {
        f.text for f in linter.check(fixed).findings if f.end > f.start
    }

    assert page_errors(browser) == []


def page_errors(browser: Browser) -> list[dict[str, Any]]:
    """The script errors and error log entries the page gave so far."""
    return [
        e for e in browser.events
        if e.get("method") == "Runtime.exceptionThrown"
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]  # fmt: skip


NOTICES = "[...document.querySelectorAll('#notices li')].map(li => li.textContent)"


def test_a_draft_the_checks_do_not_read_says_so(
    browser: Browser, serve: Callable[..., Any], linter: Linter
) -> None:
    """A draft in another language was "Nothing to improve." at 100/100: the English
    checks had not run, and the report's notice saying so was never shown. The page now
    shows the report's notices, and its status says the draft was not checked."""
    service = serve(linter=linter)
    browser.open(f"http://127.0.0.1:{service.port}/")
    browser.js("document.getElementById('draft').focus()")
    spanish = (
        "Hola Ana,\n\nLamentamos mucho el retraso de tu pedido. Te enviaremos el reembolso "
        "mañana por la mañana.\n\nGracias,\nKim"
    )
    assert linter.check(spanish).language == "es"
    browser.send("Input.insertText", {"text": spanish})
    notices = browser.wait_for(f"{NOTICES}.length && {NOTICES}")
    assert notices == list(linter.check(spanish).notices)
    assert any("Spanish" in notice for notice in notices)
    status = browser.js("document.getElementById('status').textContent")
    assert status == "Not checked in English: see the note below."
    assert browser.js("document.getElementById('score').textContent") == "n/a"  # not null/100

    # an English draft: the note goes, the status counts the findings again
    browser.js("document.getElementById('draft').select()")
    browser.send("Input.insertText", {"text": DRAFT})
    browser.wait_for(f"!{NOTICES}.length && {MARKS}.includes('RMA')")
    assert browser.js("document.getElementById('status').textContent").endswith("findings.")


#: What the page says of the draft it last checked, once the backdrop holds that draft.
SHOWN = """(() => {
  const text = (id) => document.getElementById(id).textContent;
  return {status: text('status'), score: text('score'), count: text('finding-count'),
          not_shown: [...document.querySelectorAll('#not-shown li')].map(li => li.textContent),
          listed: document.querySelectorAll('#findings li').length};
})()"""


def shown_for(browser: Browser, draft: str) -> dict[str, Any]:
    """Type ``draft`` over the draft there is, wait for its check: what the page shows."""
    browser.js(
        "document.getElementById('draft').focus(); document.getElementById('draft').select()"
    )
    browser.send("Input.insertText", {"text": draft})
    backdrop = "document.getElementById('highlights').textContent"
    typed = json.dumps(draft + "\u200b")  # the backdrop's end, as in the first test
    browser.wait_for(f"{backdrop} === {typed}")
    shown: dict[str, Any] = browser.js(SHOWN)
    return shown


def missing(report: Report) -> list[str]:
    """The checks the page's table shows as missing."""
    return [
        name
        for name, result in report.checks.items()
        if result.applicable and not result.present and not result.optional
    ]


def test_findings_min_confidence_hid_are_counted_and_the_draft_is_not_called_clean(
    browser: Browser, serve: Callable[..., Any]
) -> None:
    """A team's ``min-confidence = 0.95`` hid all 7 findings of a 0/100 draft with four
    core checks missing, and the page said "Nothing to improve." and "Findings (0)": an
    agent read the status line and sent it. ``check`` says how many findings it hid; the
    page now says it too, in the same words, under the status line, and its status says
    what is missing instead."""
    team = Linter({"min_confidence": 0.95})
    service = serve(linter=team)
    browser.open(f"http://127.0.0.1:{service.port}/")

    bare = "Your RMA request is in the tier-2 escalation queue."
    report = team.check(bare)
    assert report.findings == [] and report.below_confidence > 1 and report.score == 0
    assert len(missing(report)) >= 4
    *first, last = missing(report)
    assert shown_for(browser, bare) == {
        "status": f"No findings shown, but {', '.join(first)} and {last} are missing.",
        "score": "0/100",
        "count": f"(0; {report.below_confidence} not shown)",
        "not_shown": [hidden_note(report.below_confidence)],
        "listed": 0,
    }

    # one finding hidden, every check there: still not "Nothing to improve."
    nearly = "Hi Dana,\n\nYour RMA is approved and ships today.\n\nThanks,\nSam"
    report = team.check(nearly)
    assert report.findings == [] and report.below_confidence == 1 and missing(report) == []
    assert shown_for(browser, nearly) == {
        "status": "No findings shown: see the note below.",
        "score": f"{report.score}/100",
        "count": "(0; 1 not shown)",
        "not_shown": ["1 finding below min-confidence is not shown (still scored; "
                      "lower min-confidence to see them)"],
        "listed": 0,
    }  # fmt: skip

    clean = "Hi Dana,\n\nYour order ships today and reaches you within 2 days.\n\nThanks,\nSam"
    report = team.check(clean)
    assert report.findings == [] and report.below_confidence == 0 and missing(report) == []
    assert shown_for(browser, clean) == {
        "status": "Nothing to improve.", "score": "100/100", "count": "(0)", "not_shown": [],
        "listed": 0,
    }  # fmt: skip
    assert page_errors(browser) == []


def test_findings_directives_silenced_are_counted(
    browser: Browser, serve: Callable[..., Any], linter: Linter
) -> None:
    """``check`` counts the findings ``replylint: disable`` silenced ("| 3 suppressed");
    the page did not, and a draft whose directive silenced its greeting check said
    "Nothing to improve." beside "greeting: missing"."""
    service = serve(linter=linter)
    browser.open(f"http://127.0.0.1:{service.port}/")

    jargon = (
        "<!-- replylint: disable=jargon -->\nHi Dana,\n\nYour RMA and SLA and the tier-2 "
        "queue are fine, we ship today.\n\nThanks,\nSam"
    )
    report = linter.check(jargon)
    assert len(report.findings) == 1 and report.suppressed == 3
    shown = shown_for(browser, jargon)
    assert shown["status"] == "1 finding."
    assert shown["count"] == "(1; 3 not shown)"
    assert shown["not_shown"] == [suppressed_note(3)]
    assert suppressed_note(3).startswith("3 findings silenced by replylint: disable directives")

    unsigned = (
        "<!-- replylint: disable=greeting -->\nYour order ships today and reaches you "
        "within 2 days.\n\nThanks,\nSam"
    )
    report = linter.check(unsigned)
    assert report.findings == [] and report.suppressed == 1 and missing(report) == ["greeting"]
    assert shown_for(browser, unsigned) == {
        "status": "No findings shown, but greeting is missing.",
        "score": f"{report.score}/100",
        "count": "(0; 1 not shown)",
        "not_shown": ["1 finding silenced by a replylint: disable directive is not shown"],
        "listed": 0,
    }
    assert page_errors(browser) == []
