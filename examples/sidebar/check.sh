#!/bin/sh
# A help-desk sidebar (or any script) asking replylint serve about a draft.
# Start the service first:  REPLYLINT_API_TOKEN=s3cret replylint serve --port 8000
# Then:                     REPLYLINT_API_TOKEN=s3cret sh examples/sidebar/check.sh
set -eu
URL="${REPLYLINT_URL:-http://127.0.0.1:8000}"
curl -sS "$URL/v1/check" \
  -H "Authorization: Bearer ${REPLYLINT_API_TOKEN:?set REPLYLINT_API_TOKEN}" \
  -H "Content-Type: application/json" \
  --data @"$(dirname "$0")/draft.json"
echo
