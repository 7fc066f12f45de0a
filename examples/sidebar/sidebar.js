// A help-desk sidebar app asking replylint serve about the agent's draft.
// Start the service with the sidebar's origin allowed, e.g.
//   REPLYLINT_API_TOKEN=s3cret replylint serve --cors-origin https://acme.zendesk.com
// and keep the token in the app's secure settings, never in the page's source.

async function checkDraft(baseUrl, token, draft, context = {}) {
  // offsets=utf16: start and end count UTF-16 code units, as JavaScript strings do, so
  // draft.slice(f.start, f.end) is a finding's words even after an emoji
  const response = await fetch(`${baseUrl}/v1/check?offsets=utf16`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ reply: draft, ...context }), // customer_message, customer_name, channel
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error); // one sentence: what to fix
  return answer; // the report: score, checks, findings (draft.slice(start, end) is the words)
}

// Block sending while an error-severity finding remains; show the rest as hints.
async function beforeSend(baseUrl, token, draft, context) {
  const report = await checkDraft(baseUrl, token, draft, context);
  const blocking = report.findings.filter((f) => f.severity === "error");
  return { block: blocking.length > 0, score: report.score, findings: report.findings };
}

if (typeof module !== "undefined") module.exports = { checkDraft, beforeSend };
