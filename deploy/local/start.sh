#!/usr/bin/env bash
# Starts the Topline suite locally: embedded PostgreSQL, a real KRaft Kafka broker, the topics, the three
# services and the web console as packaged apps. Builds what is missing first. Safe to run twice: what already
# runs is left alone.
#
#   deploy/local/start.sh [--example] [--rebuild]
#
# --example  also imports the example organisation into drivers-service once everything is ready
# --rebuild  packages the project even if the packaged apps already exist
#
# TOPLINE_REPLICAS=2 runs two instances of each service (the second on each port + TOPLINE_REPLICA_PORT_STEP, 100);
# they share the databases and the broker, as replicas do in production.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/local/env.sh"
cd "$ROOT"

LOAD_EXAMPLE=false
REBUILD=false
for arg in "$@"; do
  case "$arg" in
    --example) LOAD_EXAMPLE=true ;;
    --rebuild) REBUILD=true ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "Unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

command -v java >/dev/null || { echo "Java 17 or newer is required on the PATH." >&2; exit 1; }
mkdir -p "$STATE_DIR/logs" "$STATE_DIR/pids"
# absolute, since the services run from their own folder (below)
STATE_DIR="$(cd "$STATE_DIR" && pwd)"

# --- JVM options (issue 15: footprint and start time on 2 cores) ----------------------------------------------------
# The serial collector: no concurrent GC threads competing for 2 cores, the smallest collector data structures, and
# a heap that grows only as far as the live data needs. A small initial heap, because the default one is 1/64 of the
# machine's memory (384 MiB on 24 GiB), which the young generation then fills and touches before the first
# collection. The first metaspace threshold above what a service's classes take once warm: at the default (21 MiB) the
# JVM collects the whole heap each time the loaded classes pass the next threshold, and one such full collection
# (about 100 ms) fell among the benchmark's measured misses long after the start; the threshold reserves nothing.
# TOPLINE_SERVICE_JAVA_OPTS replaces these for the services and the console, TOPLINE_KAFKA_JAVA_OPTS for the broker
# (the heap limits stay TOPLINE_SERVICE_XMX and TOPLINE_CONSOLE_XMX).
SERVICE_JAVA_OPTS="${TOPLINE_SERVICE_JAVA_OPTS--XX:+UseSerialGC -Xms32m -XX:MetaspaceSize=160m}"
KAFKA_JAVA_OPTS="${TOPLINE_KAFKA_JAVA_OPTS--XX:+UseSerialGC -Xms32m -Xmx512m}"
# glibc gives each thread that allocates natively an arena of its own, up to 8 per core, and each keeps what it once
# held; the JVMs here allocate natively from dozens of threads (compilers, Kafka's network threads, the JDBC driver's
# buffers), so two arenas per process keep that memory reused instead of spread out
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# The application class-data archive (AppCDS): the classes an app loaded, already parsed and verified, mapped from
# one file at the next start instead of read from its jars. Quarkus's build-time archive
# (-Dquarkus.package.jar.appcds.enabled=true) holds only what the app loads up to its static initialisation, about a
# third of the 19,000 classes a service loads by the time it is ready, and made no difference a start could show
# here (alerts-service 9.9 s without it, 9.6 and 10.6 s with it). So the first replica of each app records its own:
# started without a current archive, it runs with -XX:ArchiveClassesAtExit and writes app-cds-recorded.jsa when it
# stops (stop.sh waits for that), and every later start maps it (alerts-service then started in 7.1-7.5 s). An
# archive is current while it is newer than every jar of the app and than the JDK's own modules (the JVM refuses one
# whose jars or JDK changed), and is mapped with -Xshare:auto, so a broken one costs only the speed-up.
# TOPLINE_APPCDS=off neither records nor uses one
JDK_MODULES="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/modules"
current_archive() { # app folder, archive file -> true when the archive exists and is current
  [ -f "$1/$2" ] && [ -z "$(find "$1" -name '*.jar' -newer "$1/$2" | head -n 1)" ] && ! [ "$JDK_MODULES" -nt "$1/$2" ]
}
cds_options() { # app folder, "record" when this instance may record -> the options for its archive
  if [ "${TOPLINE_APPCDS:-on}" = off ]; then
    return
  elif current_archive "$1" app-cds-recorded.jsa; then
    echo "-XX:SharedArchiveFile=app-cds-recorded.jsa -Xshare:auto"
  elif [ "$2" = record ]; then
    # an instance that records cannot also map an archive, so it does without Quarkus's
    echo "-XX:ArchiveClassesAtExit=app-cds-recorded.jsa"
  elif current_archive "$1" app-cds.jsa; then
    echo "-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto"
  fi
}

# --- build what is missing -------------------------------------------------------------------------------------
missing=false
for app in drivers-service metrics-service alerts-service console; do
  [ -f "$ROOT/$app/target/quarkus-app/quarkus-run.jar" ] || missing=true
done
[ -f "$ROOT/deploy/local/target/classpath.txt" ] || missing=true
if $missing || $REBUILD; then
  echo "Building the suite (./mvnw package -DskipTests) ..."
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
STACK_CP="$ROOT/deploy/local/target/topline-local-stack.jar:$(cat "$ROOT/deploy/local/target/classpath.txt")"

# --- helpers ---------------------------------------------------------------------------------------------------
running() { # name -> true when its recorded process is alive
  local pidfile="$STATE_DIR/pids/$1.pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
require_free_port() { # port, what, how to choose another port
  if port_in_use "$1"; then
    echo "Port $1 is already in use by another process, so $2 cannot start." >&2
    echo "Stop that process, or choose $3." >&2
    exit 1
  fi
}
launch() { # name, command... (the recorded pid is the java process itself, so stop.sh can signal it)
  local name="$1"; shift
  nohup "$@" >"$STATE_DIR/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/pids/$name.pid"
}
wait_for_port() { # port, name, seconds
  local deadline=$((SECONDS + $3))
  until port_in_use "$1"; do
    if ! running "$2"; then
      echo "$2 stopped while starting; see $STATE_DIR/logs/$2.log" >&2; tail -n 20 "$STATE_DIR/logs/$2.log" >&2; exit 1
    fi
    [ $SECONDS -lt $deadline ] || { echo "$2 did not open port $1 within $3 s; see $STATE_DIR/logs/$2.log" >&2; exit 1; }
    sleep 0.3
  done
}

# --- PostgreSQL ------------------------------------------------------------------------------------------------
postmaster_pid() { # -> the live postmaster of the stack's data folder, if any (its own pid file names it)
  local pid
  pid="$(head -n 1 "$STATE_DIR/pgdata/postmaster.pid" 2>/dev/null || true)"
  case "$pid" in ''|*[!0-9]*) return ;; esac
  # a pid file a crash left behind may name a process that has since reused the number
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "postgres"; then
    echo "$pid"
  fi
}
if [ -n "${TOPLINE_PG_JDBC_BASE:-}" ]; then
  echo "PostgreSQL: external, $TOPLINE_PG_JDBC_BASE"
elif [ -n "$(postmaster_pid)" ]; then
  postmaster_pid >"$STATE_DIR/pids/postgres.pid"
  echo "PostgreSQL: already running (pid $(cat "$STATE_DIR/pids/postgres.pid"))"
else
  require_free_port "$PG_PORT" "PostgreSQL" "another port with TOPLINE_PG_PORT=<port>"
  echo "PostgreSQL: starting on 127.0.0.1:$PG_PORT (data in $STATE_DIR/pgdata) ..."
  # the launcher starts the server, creates the role and the databases, and exits: the server runs on detached (its
  # log in logs/postgresql.log), and pids/postgres.pid then names the server's postmaster, which stop.sh stops. The
  # embedded binaries' first extraction on a machine (into /tmp/embedded-pg) reads their 14 MB archive into memory
  # and unpacks it with a large xz dictionary, and a 32 MB heap ran out; 256 MB is only a cap, for seconds
  launch postgres java -Xmx256m -Xms8m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -cp "$STACK_CP" io.topline.local.LocalPostgres "$STATE_DIR/pgdata" "$PG_PORT" "$STATE_DIR/logs/postgresql.log"
  launcher="$(cat "$STATE_DIR/pids/postgres.pid")"
  deadline=$((SECONDS + 150))
  while kill -0 "$launcher" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      # neither the launcher nor a server it may have started stays behind, so that the next start begins afresh
      kill -TERM "$launcher" 2>/dev/null
      server="$(postmaster_pid)"
      [ -z "$server" ] || kill -INT "$server" 2>/dev/null
      echo "PostgreSQL did not start within 150 s; see $STATE_DIR/logs/postgres.log" >&2; exit 1
    fi
    sleep 0.3
  done
  server="$(postmaster_pid)"
  if ! grep -q "PostgreSQL ready" "$STATE_DIR/logs/postgres.log" || [ -z "$server" ]; then
    echo "PostgreSQL did not start; see $STATE_DIR/logs/postgres.log and postgresql.log" >&2
    tail -n 20 "$STATE_DIR/logs/postgres.log" >&2; exit 1
  fi
  echo "$server" >"$STATE_DIR/pids/postgres.pid"
fi

# --- Kafka (KRaft, single node) --------------------------------------------------------------------------------
if [ -n "${TOPLINE_KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  echo "Kafka: external, $KAFKA_BOOTSTRAP"
elif running kafka; then
  echo "Kafka: already running (pid $(cat "$STATE_DIR/pids/kafka.pid"))"
else
  require_free_port "$KAFKA_PORT" "Kafka" "another port with TOPLINE_KAFKA_PORT=<port>"
  require_free_port "$KAFKA_CONTROLLER_PORT" "the Kafka controller" "another port with TOPLINE_KAFKA_CONTROLLER_PORT=<port>"
  mkdir -p "$STATE_DIR/kafka"
  cat >"$STATE_DIR/kafka/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$STATE_DIR/kafka/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
# the log cleaner's key map for the compacted topics, allocated and zeroed on the heap at start: 128 MiB by default,
# 16 MiB still holds some 700,000 keys per cleaning pass
log.cleaner.dedupe.buffer.size=16777216
PROPS
  if [ ! -f "$STATE_DIR/kafka/data/meta.properties" ]; then
    echo "Kafka: formatting storage ..."
    java -Xmx256m -cp "$STACK_CP" kafka.tools.StorageTool format --standalone \
      -t "$(java -cp "$STACK_CP" kafka.tools.StorageTool random-uuid)" \
      -c "$STATE_DIR/kafka/server.properties" >"$STATE_DIR/logs/kafka-format.log" 2>&1
  fi
  echo "Kafka: starting on 127.0.0.1:$KAFKA_PORT ..."
  # shellcheck disable=SC2086 # the options are words
  launch kafka java $KAFKA_JAVA_OPTS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$STACK_CP" kafka.Kafka "$STATE_DIR/kafka/server.properties"
  wait_for_port "$KAFKA_PORT" kafka 60
fi

# --- topics (definitions and actuals are compacted so that a new instance can replay them) ---------------------
create_topic() { # name, extra args...
  local name="$1"; shift
  java -Xmx128m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$STACK_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
    --create --if-not-exists --topic "$name" --partitions 3 --replication-factor "$KAFKA_REPLICATION" "$@" \
    >>"$STATE_DIR/logs/topics.log" 2>&1 || { echo "Could not create topic $name; see $STATE_DIR/logs/topics.log" >&2; exit 1; }
}
if [ ! -f "$STATE_DIR/topics.done" ] || [ -n "${TOPLINE_KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  echo "Kafka: creating topics ..."
  create_topic topline.definitions --config cleanup.policy=compact
  create_topic topline.actuals --config cleanup.policy=compact
  create_topic topline.measurements
  create_topic topline.alerts
  create_topic topline.silences
  # dead-letter topics: records a consumer could not apply, with the reason in their headers, kept 30 days so that
  # they can be re-driven after the cause is fixed (docs/events.md)
  create_topic topline.measurements.dlq --config retention.ms=2592000000
  create_topic topline.definitions.metrics-service.dlq --config retention.ms=2592000000
  create_topic topline.definitions.alerts-service.dlq --config retention.ms=2592000000
  create_topic topline.actuals.alerts-service.dlq --config retention.ms=2592000000
  [ -n "${TOPLINE_KAFKA_BOOTSTRAP_SERVERS:-}" ] || touch "$STATE_DIR/topics.done"
fi

# --- the services (each replica with its own port, log and pid file; all share the databases and the broker) -----
case "$REPLICAS" in
  ''|*[!0-9]*|0) echo "TOPLINE_REPLICAS must be a whole number of 1 or more, not '$REPLICAS'." >&2; exit 2 ;;
esac
# TOPLINE_ALERTING_URL: drivers-service forwards the organisation file's alerting sections to alerts-service (its
# first replica; the others share its database, so any replica answers the same); the other services ignore it
start_service() { # service, replica name, port, how to choose another port, database
  local service="$1" name="$2" port="$3" hint="$4" database="$5"
  if running "$name"; then
    echo "$name: already running (pid $(cat "$STATE_DIR/pids/$name.pid"))"
    return
  fi
  require_free_port "$port" "$name" "$hint"
  echo "$name: starting on port $port ..."
  local app="$ROOT/$service/target/quarkus-app"
  # from the app's folder: the archive names its jars relative to it
  # shellcheck disable=SC2046,SC2086 # the options are words
  launch "$name" env -C "$app" \
    QUARKUS_PROFILE="${QUARKUS_PROFILE:-local}" \
    QUARKUS_HTTP_PORT="$port" \
    TOPLINE_DB_URL="$PG_JDBC_BASE/$database" \
    TOPLINE_DB_USER="$DB_USER" \
    TOPLINE_DB_PASSWORD="$DB_PASSWORD" \
    TOPLINE_KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" \
    TOPLINE_JWT_PUBLIC_KEY_LOCATION="$JWT_PUBLIC_KEY" \
    TOPLINE_JWT_ISSUER="$JWT_ISSUER" \
    TOPLINE_JWT_AUDIENCE="$JWT_AUDIENCE" \
    TOPLINE_ALERTING_URL="http://127.0.0.1:$ALERTS_PORT" \
    java -Xmx${TOPLINE_SERVICE_XMX:-384m} $SERVICE_JAVA_OPTS $(cds_options "$app" "$([ "$name" = "$service" ] && echo record)") -jar quarkus-run.jar
}
service_port() { # service -> the first replica's port
  case "$1" in
    drivers-service) echo "$DRIVERS_PORT" ;;
    metrics-service) echo "$METRICS_PORT" ;;
    alerts-service) echo "$ALERTS_PORT" ;;
  esac
}
port_variable() { # service -> the variable that sets its port
  case "$1" in
    drivers-service) echo TOPLINE_DRIVERS_PORT ;;
    metrics-service) echo TOPLINE_METRICS_PORT ;;
    alerts-service) echo TOPLINE_ALERTS_PORT ;;
  esac
}
replica_port() { # service, replica number
  echo $(( $(service_port "$1") + ($2 - 1) * REPLICA_PORT_STEP ))
}
for service in $SERVICES; do
  for replica in $(seq 1 "$REPLICAS"); do
    hint="another port with $(port_variable "$service")=<port>"
    [ "$replica" -eq 1 ] || hint="another distance between replicas' ports with TOPLINE_REPLICA_PORT_STEP=<ports>"
    start_service "$service" "$(replica_name "$service" "$replica")" "$(replica_port "$service" "$replica")" \
      "$hint" "topline_${service%-service}"
  done
done

# --- the console (one instance, in front of the first replica of each service; it signs people in with the
# development tokens below, read at sign-in time, so it may start before they are written) ----------------------
if running console; then
  echo "console: already running (pid $(cat "$STATE_DIR/pids/console.pid"))"
else
  require_free_port "$CONSOLE_PORT" "the console" "another port with TOPLINE_CONSOLE_PORT=<port>"
  echo "console: starting on port $CONSOLE_PORT ..."
  console_app="$ROOT/console/target/quarkus-app"
  # shellcheck disable=SC2046,SC2086 # the options are words
  launch console env -C "$console_app" \
    QUARKUS_PROFILE="${QUARKUS_PROFILE:-local}" \
    QUARKUS_HTTP_PORT="$CONSOLE_PORT" \
    TOPLINE_DRIVERS_URL="http://127.0.0.1:$DRIVERS_PORT" \
    TOPLINE_METRICS_URL="http://127.0.0.1:$METRICS_PORT" \
    TOPLINE_ALERTS_URL="http://127.0.0.1:$ALERTS_PORT" \
    TOPLINE_TOKENS_DIR="$STATE_DIR/tokens" \
    java -Xmx${TOPLINE_CONSOLE_XMX:-128m} $SERVICE_JAVA_OPTS $(cds_options "$console_app" record) -jar quarkus-run.jar
fi

# every instance starts at once, so more replicas on the same cores take longer to become ready
READY_TIMEOUT="${TOPLINE_READY_TIMEOUT:-$((120 * REPLICAS))}"
wait_ready() { # name, port
  local deadline=$((SECONDS + READY_TIMEOUT))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/q/health/ready")" = "200" ]; do
    running "$1" || { echo "$1 stopped while starting; see $STATE_DIR/logs/$1.log" >&2; tail -n 30 "$STATE_DIR/logs/$1.log" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "$1 was not ready within $READY_TIMEOUT s (TOPLINE_READY_TIMEOUT); see $STATE_DIR/logs/$1.log" >&2; exit 1; }
    sleep 0.5
  done
}
for service in $SERVICES; do
  for replica in $(seq 1 "$REPLICAS"); do
    wait_ready "$(replica_name "$service" "$replica")" "$(replica_port "$service" "$replica")"
  done
done
wait_ready console "$CONSOLE_PORT"

# --- development tokens ----------------------------------------------------------------------------------------
java -cp "$STACK_CP" io.topline.local.DevTokens "$ROOT/deploy/local/keys/dev-private-key.pem" "$JWT_ISSUER" "$STATE_DIR/tokens" "$JWT_AUDIENCE"

if $LOAD_EXAMPLE; then
  "$ROOT/deploy/local/load-example.sh"
fi

cat <<INFO

Topline is ready.
  console          http://127.0.0.1:$CONSOLE_PORT   (sign in with a role's development token)
  drivers-service  http://127.0.0.1:$DRIVERS_PORT   (Swagger UI http://127.0.0.1:$DRIVERS_PORT/q/swagger-ui)
  metrics-service  http://127.0.0.1:$METRICS_PORT   (Swagger UI http://127.0.0.1:$METRICS_PORT/q/swagger-ui)
  alerts-service   http://127.0.0.1:$ALERTS_PORT   (Swagger UI http://127.0.0.1:$ALERTS_PORT/q/swagger-ui)
INFO
for replica in $(seq 2 "$REPLICAS"); do
  for service in $SERVICES; do
    printf '  %-16s http://127.0.0.1:%s\n' "$(replica_name "$service" "$replica")" "$(replica_port "$service" "$replica")"
  done
done
cat <<INFO
  Kafka            $KAFKA_BOOTSTRAP
  PostgreSQL       ${PG_JDBC_BASE#jdbc:}  (user $DB_USER)
  Logs             $STATE_DIR/logs

Development tokens (valid 7 days, trusted only by the local configuration; also in $STATE_DIR/tokens):
INFO
for role in topline-admin topline-ingest topline-viewer topline-oncall; do
  printf '  %-15s %s\n' "$role" "$(cat "$STATE_DIR/tokens/$role.jwt")"
done
cat <<INFO

Try:  curl -H "Authorization: Bearer \$(cat $STATE_DIR/tokens/topline-viewer.jwt)" http://127.0.0.1:$DRIVERS_PORT/drivers
INFO
$LOAD_EXAMPLE || echo "Load the example organisation:  deploy/local/load-example.sh"
echo "Stop everything:  deploy/local/stop.sh"
