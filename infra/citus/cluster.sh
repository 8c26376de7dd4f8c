#!/usr/bin/env bash
# A Citus cluster on loopback for tests and benchmarks: a coordinator and two workers, three separate PostgreSQL
# clusters (initdb) with shared_preload_libraries = 'citus'.
#   infra/citus/cluster.sh up      start (creating the clusters the first time); the runtime roles on every node
#   infra/citus/cluster.sh down    stop the three servers and remove their data
#   infra/citus/cluster.sh status
# Ports: CITUS_COORDINATOR_PORT (5441), CITUS_WORKER_PORTS ("5442 5443"); data in CITUS_DIR
# (default: $TMPDIR/gongfu-citus). Trust authentication on 127.0.0.1 only: a test cluster, never a deployment.
# Runs the servers as the postgres system user when started as root (initdb refuses root).
set -euo pipefail
cd "$(dirname "$0")/../.."

COORDINATOR_PORT=${CITUS_COORDINATOR_PORT:-5441}
WORKER_PORTS=${CITUS_WORKER_PORTS:-"5442 5443"}
DIR=${CITUS_DIR:-${TMPDIR:-/tmp}/gongfu-citus}
BIN=${PG_BIN:-$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -V | tail -n 1)")}
ROLES_SQL=infra/postgres/roles.sql

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ports() { echo "$COORDINATOR_PORT $WORKER_PORTS"; }

up() {
  if [ ! -f "$BIN/../lib/citus.so" ] && [ ! -f "$("$BIN/pg_config" --pkglibdir)/citus.so" ]; then
    echo "citus is not installed: run infra/citus/install.sh first" >&2
    exit 2
  fi
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
  for port in $(ports); do
    data="$DIR/$port"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_pg "$BIN/initdb" -D "$data" -U postgres -A trust --no-instructions -E UTF8 --locale=C.UTF-8 >/dev/null
      cat >>"$data/postgresql.conf" <<CONF
# gongfu test cluster (infra/citus/cluster.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$DIR'
shared_preload_libraries = 'citus'
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
# the KPI roll-up triggers (ADR 0006) write co-located shards of the same district
citus.enable_unsafe_triggers = on
# SET LOCAL of the scope reaches the workers (ADR 0022, ADR 0027)
citus.propagate_set_commands = 'local'
# one connection per node in a transaction: a transaction that read a distributed table (a policy's lookup does)
# may then write a reference table that distributed tables reference (districts), which Citus refuses after a
# parallel access (ADR 0027); a district's statements go to one node anyway
citus.multi_shard_modify_mode = 'sequential'
# a small loopback cluster: 32 shards per table is plenty
citus.shard_count = 32
CONF
    fi
    if ! as_pg "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null
    fi
  done
  for port in $(ports); do
    # the runtime roles exist on every node, and can log in: the coordinator connects to the workers as the role
    # in force after SET LOCAL ROLE
    psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres -f "$ROLES_SQL" >/dev/null
  done
  echo "citus cluster up: coordinator 127.0.0.1:$COORDINATOR_PORT, workers $(for p in $WORKER_PORTS; do printf '127.0.0.1:%s ' "$p"; done)"
}

down() {
  for port in $(ports); do
    data="$DIR/$port"
    if [ -f "$data/PG_VERSION" ]; then as_pg "$BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true; fi
  done
  rm -rf "$DIR"
  echo "citus cluster down"
}

status() {
  for port in $(ports); do
    if pg_isready -q -h 127.0.0.1 -p "$port"; then echo "127.0.0.1:$port up"; else echo "127.0.0.1:$port down"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
