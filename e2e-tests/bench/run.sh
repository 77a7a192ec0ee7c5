#!/usr/bin/env bash
# End-to-end benchmark of issue 6 (not a test: ./mvnw verify never runs it).
#
#   bash e2e-tests/bench/run.sh
#
# Starts the whole suite from a fresh state in e2e-tests/target/bench-suite on the e2e ports (PostgreSQL 25432,
# Kafka 29092/29093, services 28081-28083; so not while the e2e tests run), measures start time and memory, alert
# latency (Kafka and webhook), scorecard latency and sustained ingestion, prints a Markdown report, writes it to
# e2e-tests/bench/results/<date>-<commit>.md (kept in git) and stops the suite. Needs only what the README's two
# commands leave (the packaged services from ./mvnw verify); nothing has to be installed into ~/.m2: the classpath is
# resolved in the reactor (-am), so the upstream modules resolve to their target/classes.
# The comparison phase runs Debian's prometheus, prometheus-pushgateway and prometheus-alertmanager; the script
# installs the missing ones with apt-get when run as root, else the phase is skipped and says why.
# BENCH_OPTS passes -D options, e.g. BENCH_OPTS="-Dbench.misses=1000 -Dbench.ingest.seconds=60".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
missing=()
command -v prometheus > /dev/null || missing+=(prometheus)
command -v prometheus-pushgateway > /dev/null || missing+=(prometheus-pushgateway)
command -v prometheus-alertmanager > /dev/null || missing+=(prometheus-alertmanager)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "Missing ${missing[*]}: the Prometheus comparison is skipped (as root: apt-get install -y ${missing[*]})" >&2
  fi
fi
# relative outputFile: each reactor module writes its own target/test-classpath.txt, e2e-tests' is the one used
./mvnw -B -q -o test-compile dependency:build-classpath -pl e2e-tests -am \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
# the services record and use their class-data archives as start.sh does for a user (the e2e tests turn that off)
export TOPLINE_APPCDS="${TOPLINE_APPCDS:-on}"
exec java -Xmx512m -Dtopline.root="$ROOT" -Dtopline.e2e.state="$ROOT/e2e-tests/target/bench-suite" ${BENCH_OPTS:-} \
  -cp "$ROOT/e2e-tests/target/test-classes:$(cat "$ROOT/e2e-tests/target/test-classpath.txt")" \
  io.topline.e2e.bench.EndToEndBenchmark
