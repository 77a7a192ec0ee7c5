#!/usr/bin/env bash
# Ingestion benchmark of metrics-service: starts PostgreSQL (Debian server) on 15432 and a KRaft Kafka on 19092,
# runs the packaged service on 18082, defines a measure over Kafka, drives it with IngestBenchmark, then stops
# everything it started (by process id). Run from the repository root:  bash metrics-service/bench/run-bench.sh [seconds]
# Needs Debian's PostgreSQL server (apt-get install -y postgresql; /usr/lib/postgresql/<version>/bin, run as root for
# su postgres): it loads pg_stat_statements from the server's contrib (not tried with the embedded PostgreSQL).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/topline-metrics-bench}
SECONDS_PER_PHASE=${1:-20}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
rm -rf "$WORK"; mkdir -p "$WORK"; chown -R postgres "$WORK" 2>/dev/null || true
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; su postgres -c "$PG_BIN/pg_ctl -D $WORK/pg stop -m fast" >/dev/null 2>&1 || true; }
trap cleanup EXIT

su postgres -c "$PG_BIN/initdb -D $WORK/pg -U postgres --auth=trust" >/dev/null
# pg_stat_statements: the script prints the statements that took the most time, to see where the database spends it
su postgres -c "$PG_BIN/pg_ctl -D $WORK/pg -o '-p 15432 -k $WORK -c max_connections=100 -c shared_buffers=256MB -c shared_preload_libraries=pg_stat_statements' -l $WORK/pg.log start" >/dev/null
sleep 2
psql -h 127.0.0.1 -p 15432 -U postgres -c "CREATE DATABASE topline_metrics" >/dev/null
psql -h 127.0.0.1 -p 15432 -U postgres -d topline_metrics -c "CREATE EXTENSION pg_stat_statements" >/dev/null

# Kafka: the broker's own main class from the Maven Central jars (classpath built by deploy/local)
CP="$ROOT/deploy/local/target/topline-local-stack.jar:$(cat "$ROOT/deploy/local/target/classpath.txt")"
mkdir -p "$WORK/kafka"
cat > "$WORK/kafka/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:19093
listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093
advertised.listeners=PLAINTEXT://127.0.0.1:19092
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$WORK/kafka/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.partitions=3
PROPS
java -cp "$CP" kafka.tools.StorageTool format --standalone -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid)" -c "$WORK/kafka/server.properties" >/dev/null
java -Xmx512m -cp "$CP" kafka.Kafka "$WORK/kafka/server.properties" > "$WORK/kafka.log" 2>&1 & PIDS+=($!)
until (echo > /dev/tcp/127.0.0.1/19092) 2>/dev/null; do sleep 0.5; done

KEY_DIR="$WORK/keys"; mkdir -p "$KEY_DIR"
cp "$ROOT/test-infra/src/main/resources/topline-test-keys/public-key.pem" "$KEY_DIR/"
TOPLINE_DB_URL=jdbc:postgresql://127.0.0.1:15432/topline_metrics TOPLINE_DB_USER=postgres TOPLINE_DB_PASSWORD=postgres \
TOPLINE_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092 TOPLINE_JWT_PUBLIC_KEY_LOCATION="file:$KEY_DIR/public-key.pem" \
TOPLINE_JWT_ISSUER=https://topline.test/issuer QUARKUS_HTTP_PORT=18082 \
  java -Xmx1g -XX:+FlightRecorder ${BENCH_SERVICE_OPTS:-} -jar "$ROOT/metrics-service/target/quarkus-app/quarkus-run.jar" > "$WORK/service.log" 2>&1 & PIDS+=($!)
SERVICE_PID=$!; echo "service pid $SERVICE_PID (profile with: jcmd $SERVICE_PID JFR.start duration=30s filename=/tmp/metrics.jfr)"
until curl -sf http://127.0.0.1:18082/q/health/ready >/dev/null; do sleep 1; done

EVENT=$(python3 - "$ROOT" <<'PY'
import json, sys
e = json.load(open(sys.argv[1] + "/contracts/events/examples/topline.measure.defined.json"))
e["subject"] = "measure:bench-measure"; e["data"]["key"] = "bench-measure"; e["data"]["aggregation"] = "SUM"; e["data"]["cadence"] = "WEEKLY"
print(json.dumps(e))
PY
)
echo "measure:bench-measure|$EVENT" | java -cp "$CP" org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:19092 \
  --topic topline.definitions --property parse.key=true --property key.separator='|' >/dev/null 2>&1
sleep 3
CP_FILE="$ROOT/metrics-service/target/bench-classpath.txt"
# in the reactor (-am), so chassis and test-infra resolve to their target/classes: nothing has to be in ~/.m2 after the
# README's ./mvnw verify; the relative outputFile gives each module its own file, metrics-service's is the one used
[ -f "$CP_FILE" ] || (cd "$ROOT" && ./mvnw -B -q -o test-compile dependency:build-classpath -pl metrics-service -am \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)
TEST_CP="$ROOT/metrics-service/target/test-classes:$(cat "$CP_FILE")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
SERVICE_CPU0=$(awk '{print $14+$15}' /proc/$SERVICE_PID/stat)
psql -h 127.0.0.1 -p 15432 -U postgres -d topline_metrics -qc "SELECT pg_stat_statements_reset()" >/dev/null
java -cp "$TEST_CP" io.topline.metrics.bench.IngestBenchmark http://127.0.0.1:18082 bench-measure "$SECONDS_PER_PHASE" \
  "${BENCH_BATCH_CLIENTS:-4}" "${BENCH_SINGLE_CLIENTS:-32}" "${BENCH_PHASES:-batch,single}" "${BENCH_WARMUP:-60}"
if [ -n "${BENCH_WRK:-}" ] && command -v wrk >/dev/null; then
  # cross-check of the single-POST figure with a C load generator (Debian's wrk), which costs far less CPU than the
  # Java harness on the same 2 cores
  TOKEN=$(java -cp "$TEST_CP" io.topline.metrics.bench.IngestBenchmark http://127.0.0.1:18082 bench-measure 0 1 1 token 2>/dev/null | tail -1)
  AT=$(date -u -d '-5 seconds' +%Y-%m-%dT%H:%M:%SZ)
  cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "$TOKEN"
wrk.body = '{"measure":"bench-measure","value":42.5,"occurredAt":"$AT","source":"bench"}'
LUA
  echo "wrk single POSTs (${BENCH_SINGLE_CLIENTS:-32} connections), load $(cut -d' ' -f1 /proc/loadavg):"
  wrk -t2 -c"${BENCH_SINGLE_CLIENTS:-32}" -d"${SECONDS_PER_PHASE}s" --latency -s "$WORK/post.lua" http://127.0.0.1:18082/measurements \
    | grep -E "Latency|50%|99%|Requests/sec|Non-2xx|Socket errors"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "service CPU (all phases incl. warm-up): $(( ($(awk '{print $14+$15}' /proc/$SERVICE_PID/stat) - SERVICE_CPU0) / $(getconf CLK_TCK) )) s"
psql -h 127.0.0.1 -p 15432 -U postgres -d topline_metrics -c "SELECT calls, round(total_exec_time::numeric, 0) AS total_ms,
    round(mean_exec_time::numeric, 2) AS mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS query
  FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12"
