# Settings of the local stack, shared by start.sh, stop.sh and load-example.sh. Every value can be overridden
# from the environment; see README.md.
STATE_DIR="${TOPLINE_LOCAL_DIR:-$ROOT/.local}"
PG_PORT="${TOPLINE_PG_PORT:-5432}"
KAFKA_PORT="${TOPLINE_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${TOPLINE_KAFKA_CONTROLLER_PORT:-9093}"
DRIVERS_PORT="${TOPLINE_DRIVERS_PORT:-8081}"
METRICS_PORT="${TOPLINE_METRICS_PORT:-8082}"
ALERTS_PORT="${TOPLINE_ALERTS_PORT:-8083}"
# the web console: one instance, in front of the first replica of each service
CONSOLE_PORT="${TOPLINE_CONSOLE_PORT:-8080}"
# instances of each service; replica n (from 2) runs on the service's port + (n - 1) * the step, as <service>-<n>
REPLICAS="${TOPLINE_REPLICAS:-1}"
REPLICA_PORT_STEP="${TOPLINE_REPLICA_PORT_STEP:-100}"
PG_JDBC_BASE="${TOPLINE_PG_JDBC_BASE:-jdbc:postgresql://127.0.0.1:$PG_PORT}"
DB_USER="${TOPLINE_DB_USER:-topline}"
DB_PASSWORD="${TOPLINE_DB_PASSWORD:-topline}"
KAFKA_BOOTSTRAP="${TOPLINE_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"
KAFKA_REPLICATION="${TOPLINE_KAFKA_REPLICATION_FACTOR:-1}"
JWT_PUBLIC_KEY="${TOPLINE_JWT_PUBLIC_KEY_LOCATION:-file:$ROOT/deploy/local/keys/dev-public-key.pem}"
JWT_ISSUER="${TOPLINE_JWT_ISSUER:-https://topline.local/issuer}"
SERVICES="drivers-service metrics-service alerts-service"

replica_name() { # service, replica number -> the first replica keeps the service's name, replica n is <service>-n
  if [ "$2" -eq 1 ]; then echo "$1"; else echo "$1-$2"; fi
}
JWT_AUDIENCE="${TOPLINE_JWT_AUDIENCE:-https://topline.local/api}"
