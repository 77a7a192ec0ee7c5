#!/usr/bin/env bash
# Imports the example organisation (drivers, measures, targets) into the running drivers-service.
# Importing twice changes nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/local/env.sh"

EXAMPLE="${1:-$ROOT/drivers-service/src/main/resources/examples/example-organisation.json}"
TOKEN_FILE="$STATE_DIR/tokens/topline-admin.jwt"
[ -f "$TOKEN_FILE" ] || { echo "No development token in $TOKEN_FILE: start the stack first (deploy/local/start.sh)." >&2; exit 1; }

status=$(curl -s -o "$STATE_DIR/logs/import-response.json" -w '%{http_code}' -X POST \
  -H "Authorization: Bearer $(cat "$TOKEN_FILE")" -H 'Content-Type: application/json' \
  --data-binary "@$EXAMPLE" "http://127.0.0.1:$DRIVERS_PORT/drivers/import")
if [ "${status:0:1}" != "2" ]; then
  echo "Import failed with HTTP $status:" >&2
  cat "$STATE_DIR/logs/import-response.json" >&2; echo >&2
  exit 1
fi
echo "Example organisation imported (HTTP $status). See it: curl -H \"Authorization: Bearer \$(cat $STATE_DIR/tokens/topline-viewer.jwt)\" http://127.0.0.1:$DRIVERS_PORT/drivers/flow"
