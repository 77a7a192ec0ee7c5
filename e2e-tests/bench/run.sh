#!/usr/bin/env bash
# End-to-end benchmark of issue 6 (not a test: ./mvnw verify never runs it).
#
#   bash e2e-tests/bench/run.sh
#
# Starts the whole suite from a fresh state in e2e-tests/target/bench-suite on the e2e ports (PostgreSQL 25432,
# Kafka 29092/29093, services 28081-28083; so not while the e2e tests run), measures start time and memory, alert
# latency (Kafka and webhook), scorecard latency and sustained ingestion, prints a Markdown report, writes it to
# e2e-tests/target/bench/results.md and stops the suite. Needs the packaged services (./mvnw package -DskipTests).
# BENCH_OPTS passes -D options, e.g. BENCH_OPTS="-Dbench.ingest.seconds=60 -Dbench.scorecard.calls=500".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -B -q -o test-compile dependency:build-classpath -pl e2e-tests \
  -Dmdep.outputFile="$ROOT/e2e-tests/target/test-classpath.txt" -Dmdep.includeScope=test
echo "Machine: $(nproc) cores; $(free -g | awk '/Mem:/ {print $2 " GiB RAM"}'); load: $(uptime | sed 's/.*load average: //')"
exec java -Xmx512m -Dtopline.root="$ROOT" -Dtopline.e2e.state="$ROOT/e2e-tests/target/bench-suite" ${BENCH_OPTS:-} \
  -cp "$ROOT/e2e-tests/target/test-classes:$(cat "$ROOT/e2e-tests/target/test-classpath.txt")" \
  io.topline.e2e.bench.EndToEndBenchmark
