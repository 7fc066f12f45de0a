// The live draft page: sends the draft to POST /v1/check as the agent types (debounced),
// marks each finding's words in a backdrop laid exactly under the textarea, lists the
// findings (Tab to one to read its suggestion, Enter to select its words) and the checks.
// Served as a file so the page's Content-Security-Policy can forbid inline script.
"use strict";

(function () {
  const DEBOUNCE_MS = 250;
  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const backdrop = $("highlights");
  const statusLine = $("status");
  const current = $("current");
  const tooltip = $("tooltip");
  const fields = [draft, $("customer-message"), $("customer-name"), $("channel"), $("token")];
  let timer = 0;
  let sequence = 0;
  let inFlight = null;
  let shown = { text: "", findings: [] }; // findings with UTF-16 offsets into shown.text

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, DEBOUNCE_MS);
  }

  async function check() {
    const text = draft.value;
    const mine = ++sequence;
    if (inFlight) inFlight.abort();
    if (!text.trim()) {
      render(text, null);
      statusLine.textContent = "Type a draft to check it.";
      return;
    }
    const body = { reply: text, channel: $("channel").value };
    const customer = $("customer-message").value;
    const name = $("customer-name").value.trim();
    if (customer.trim()) body.customer_message = customer;
    if (name) body.customer_name = name;
    const headers = { "Content-Type": "application/json" };
    const token = $("token").value.trim();
    if (token) headers.Authorization = "Bearer " + token;
    inFlight = new AbortController();
    statusLine.textContent = "Checking...";
    let response;
    let answer;
    try {
      // offsets in UTF-16 code units, as JavaScript strings count them (an emoji is two)
      response = await fetch("/v1/check?offsets=utf16", {
        method: "POST", headers, body: JSON.stringify(body), signal: inFlight.signal,
      });
      answer = await response.json();
    } catch (error) {
      if (error.name !== "AbortError" && mine === sequence) {
        statusLine.textContent = "The service did not answer; is replylint serve running?";
      }
      return;
    }
    if (mine !== sequence || draft.value !== text) return; // a newer draft is on its way
    if (response.status === 401) {
      $("token-row").hidden = false;
      statusLine.textContent = "This service needs its API token: enter it above.";
      return;
    }
    if (!response.ok) {
      render(text, null);
      statusLine.textContent = answer.error || "The check failed (HTTP " + response.status + ").";
      return;
    }
    render(text, answer);
    statusLine.textContent = statusOf(answer);
  }

  // What the status line says of a report. "Nothing to improve." only when nothing is:
  // not for a draft in another language (the English checks did not run), nor when
  // min-confidence hid findings (the score still counts them: a team's threshold that
  // hid every finding of a 0/100 draft read as a clean reply), nor when the checks table
  // shows a check missing.
  function statusOf(report) {
    if (report.language !== "en") return "Not checked in English: see the note below.";
    const n = report.findings.length;
    if (n > 0) return n + (n === 1 ? " finding." : " findings.");
    const missing = Object.entries(report.checks)
      .filter(([, result]) => stateOf(result)[0] === "missing").map(([name]) => name);
    if (missing.length) {
      return "No findings shown, but " + listed(missing)
        + (missing.length === 1 ? " is" : " are") + " missing.";
    }
    if (report.below_confidence) return "No findings shown: see the note below.";
    return "Nothing to improve.";
  }

  function listed(names) {
    return names.length === 1 ? names[0]
      : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  // The findings the report counts and does not list, in the words of `replylint check`
  // (replylint/formatters/outcome.py: hidden_note and suppressed_note).
  function hiddenNote(hidden) {
    return hidden + " finding" + (hidden > 1 ? "s" : "") + " below min-confidence "
      + (hidden > 1 ? "are" : "is") + " not shown (still scored; lower min-confidence "
      + "to see them)";
  }

  function suppressedNote(suppressed) {
    return suppressed === 1
      ? "1 finding silenced by a replylint: disable directive is not shown"
      : suppressed + " findings silenced by replylint: disable directives are not shown";
  }

  function notShown(report) {
    const notes = [];
    if (report && report.below_confidence) notes.push(hiddenNote(report.below_confidence));
    if (report && report.suppressed) notes.push(suppressedNote(report.suppressed));
    return notes;
  }

  function render(text, report) {
    const findings = report ? report.findings.map((f, i) => ({
      ...f, index: i, from: Math.min(f.start, text.length), to: Math.min(f.end, text.length),
    })) : [];
    shown = { text, findings };
    drawHighlights(text, findings);
    drawFindings(findings);
    drawChecks(report);
    drawNotices(report);
    const left = report ? (report.below_confidence || 0) + (report.suppressed || 0) : 0;
    $("not-shown").replaceChildren(...notShown(report).map((note) => {
      const li = document.createElement("li");
      li.textContent = note;
      return li;
    }));
    // a null score: the draft was not read as English (the status line says which language)
    $("score").textContent = !report ? "-" : report.score === null ? "n/a" : report.score + "/100";
    $("finding-count").textContent = !report ? ""
      : "(" + findings.length + (left ? "; " + left + " not shown" : "") + ")";
    showCurrent();
  }

  function drawHighlights(text, findings) {
    const spans = findings.filter((f) => f.to > f.from).sort((a, b) => a.from - b.from || b.to - a.to);
    const parts = [];
    let at = 0;
    for (const f of spans) {
      if (f.from < at) continue; // overlaps one already marked: listed, not marked twice
      parts.push(document.createTextNode(text.slice(at, f.from)));
      const mark = document.createElement("mark");
      mark.className = "sev-" + f.severity;
      mark.dataset.finding = String(f.index);
      mark.textContent = text.slice(f.from, f.to);
      parts.push(mark);
      at = f.to;
    }
    // a final newline needs something after it to take up its line, as in the textarea
    parts.push(document.createTextNode(text.slice(at) + "\u200b"));
    backdrop.replaceChildren(...parts);
    backdrop.scrollTop = draft.scrollTop;
  }

  function describe(f, container) {
    const sev = document.createElement("span");
    sev.className = "sev " + f.severity;
    sev.textContent = f.severity;
    container.append(sev, f.check + ": " + f.message);
    if (f.text) {
      const words = document.createElement("span");
      words.className = "words";
      words.textContent = " \u201c" + f.text + "\u201d";
      container.append(words);
    }
    if (f.suggestion) {
      const s = document.createElement("span");
      s.className = "suggestion";
      s.textContent = "Suggestion: " + f.suggestion;
      container.append(s);
    }
  }

  function drawFindings(findings) {
    const list = $("findings");
    const items = findings.map((f) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.finding = String(f.index);
      describe(f, button);
      button.addEventListener("focus", () => activate(f, true));
      button.addEventListener("mouseenter", () => activate(f, true));
      button.addEventListener("blur", () => activate(null, false));
      button.addEventListener("mouseleave", () => activate(null, false));
      button.addEventListener("click", () => {
        draft.focus();
        draft.setSelectionRange(f.from, f.to);
        showCurrent();
      });
      li.append(button);
      return li;
    });
    list.replaceChildren(...items);
  }

  // A check's class and word in the checks table ("missing" also for a further check or a
  // plugin's that failed, which `replylint check` calls "failed").
  function stateOf(result) {
    return !result.applicable ? ["na", "not needed"]
      : result.present ? ["ok", "ok"]
      : result.optional ? ["na", "optional"] : ["missing", "missing"];
  }

  function drawChecks(report) {
    const rows = [];
    if (report) {
      for (const [name, result] of Object.entries(report.checks)) {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = name;
        const td = document.createElement("td");
        const state = stateOf(result);
        td.className = state[0];
        td.textContent = state[1];
        if (result.reason) td.title = result.reason;
        tr.append(th, td);
        rows.push(tr);
      }
    }
    $("checks").tBodies[0].replaceChildren(...rows);
  }

  // how the draft was read (another language, a chat transcript, a customer message
  // with no problem in it): the report says it once, beside the findings
  function drawNotices(report) {
    const items = (report ? report.notices : []).map((notice) => {
      const li = document.createElement("li");
      li.textContent = notice;
      return li;
    });
    $("notices").replaceChildren(...items);
  }

  function markOf(f) {
    return f ? backdrop.querySelector('mark[data-finding="' + f.index + '"]') : null;
  }

  // One finding is "active": its words outlined and its suggestion in a tooltip beside them.
  function activate(f, withTooltip) {
    for (const m of backdrop.querySelectorAll("mark.active")) m.classList.remove("active");
    const mark = markOf(f);
    if (mark) mark.classList.add("active");
    if (!f || !withTooltip) { tooltip.hidden = true; return; }
    tooltip.replaceChildren();
    describe(f, tooltip);
    const anchor = (mark || draft).getBoundingClientRect();
    tooltip.style.left = window.scrollX + anchor.left + "px";
    tooltip.style.top = window.scrollY + anchor.bottom + 6 + "px";
    tooltip.hidden = false;
  }

  // The finding under the caret is spelled out below the editor (read by screen readers).
  function showCurrent() {
    const caret = draft.selectionStart;
    const here = shown.text === draft.value
      ? shown.findings.find((f) => f.to > f.from && caret >= f.from && caret <= f.to) : null;
    current.replaceChildren();
    if (here) describe(here, current);
    if (document.activeElement === draft) activate(here || null, false);
  }

  // Hovering the textarea: which mark lies under the pointer (the backdrop has the same layout).
  function hover(event) {
    for (const mark of backdrop.querySelectorAll("mark")) {
      for (const r of mark.getClientRects()) {
        if (event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom) {
          activate(shown.findings[Number(mark.dataset.finding)], true);
          return;
        }
      }
    }
    tooltip.hidden = true;
  }

  for (const field of fields) field.addEventListener("input", schedule);
  $("channel").addEventListener("change", schedule);
  draft.addEventListener("scroll", () => { backdrop.scrollTop = draft.scrollTop; });
  for (const type of ["keyup", "click", "select", "focus"]) draft.addEventListener(type, showCurrent);
  draft.addEventListener("mousemove", hover);
  draft.addEventListener("mouseleave", () => { tooltip.hidden = true; });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") tooltip.hidden = true;
  });
  if (draft.value) schedule();
})();
