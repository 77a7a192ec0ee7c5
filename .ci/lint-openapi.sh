#!/usr/bin/env bash
# Lints the OpenAPI document each service stores when it is built (quarkus.smallrye-openapi.store-schema-directory)
# against redocly.yaml: redocly's recommended rules and a few stricter ones. Any error or warning fails, since redocly
# itself exits 0 on warnings. Run it after the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."

REDOCLY="@redocly/cli@2.77.0"
failed=0
for service in drivers-service metrics-service alerts-service; do
  document="$service/target/openapi/openapi.yaml"
  if [[ ! -f "$document" ]]; then
    echo "lint-openapi: $document is missing; build the service first (./mvnw package)" >&2
    failed=1
    continue
  fi
  # the readable report first; its exit code only counts errors
  npx --yes "$REDOCLY" lint --config redocly.yaml --max-problems 1000 "$document" || true
  report=$(mktemp)
  npx --yes "$REDOCLY" lint --config redocly.yaml --format=json "$document" > "$report" 2>/dev/null || true
  totals=$(node -e 'const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).totals;
    console.log(t.errors + " " + t.warnings)' "$report") || totals="unknown unknown"
  rm -f "$report"
  read -r errors warnings <<< "$totals"
  echo "lint-openapi: $service: $errors error(s), $warnings warning(s)"
  if [[ "$errors" != "0" || "$warnings" != "0" ]]; then
    failed=1
  fi
done
exit "$failed"
