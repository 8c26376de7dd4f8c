#!/usr/bin/env bash
# The pool-leak, tenant-scope, RLS and isolation-matrix tests with PgBouncer in transaction mode between the
# code and PostgreSQL (issue 16; ADR 0028). A throw-away PgBouncer on a loopback port, its configuration
# generated here, pointed at the PostgreSQL server the CI already runs; stopped on exit.
#
#   infra/pgbouncer/test-through-pgbouncer.sh [postgres-host] [postgres-port] [pgbouncer-port]
#
# The pool is deliberately smaller than the clients' pools (4 server connections against the API's 10), so
# transactions of different client connections take turns on the same server connection: a scope or a prepared
# statement left behind by one would reach the next.
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_HOST=${1:-127.0.0.1}
PG_PORT=${2:-5432}
BOUNCER_PORT=${3:-6433}

if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y pgbouncer
fi
PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)

work=$(mktemp -d /tmp/gongfu-pgbouncer-XXXXXX)
chmod 755 "$work"
# PgBouncer refuses to run as root: as root, run it as the postgres user (Debian's package makes it)
run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(-u postgres); chown postgres "$work"; fi

# A test-only configuration: trust on loopback, like the CI's PostgreSQL. infra/pgbouncer/pgbouncer.ini is the
# production one (scram-sha-256, an auth file).
cat >"$work/pgbouncer.ini" <<INI
[databases]
; every database of the server, by its own name: the tests create and drop theirs
* = host=$PG_HOST port=$PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $work/userlist.txt
pool_mode = transaction
default_pool_size = 4
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = 400
server_reset_query =
server_check_delay = 0
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
admin_users = postgres
INI
echo '"postgres" ""' >"$work/userlist.txt"
[ "$(id -u)" = 0 ] && chown postgres "$work"/*

stop() {
  if [ -f "$work/pgbouncer.pid" ]; then kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null || true; fi
  for _ in $(seq 1 20); do [ -f "$work/pgbouncer.pid" ] || break; sleep 0.25; done
  rm -rf "$work"
}
trap stop EXIT

# another server on the port would answer pg_isready below and take the tests: refuse instead
if pg_isready -q -h 127.0.0.1 -p "$BOUNCER_PORT"; then
  echo "port $BOUNCER_PORT is taken: stop what listens there, or give another port" >&2
  exit 1
fi
"$PGBOUNCER" -d "${run_as[@]}" "$work/pgbouncer.ini"
for _ in $(seq 1 40); do pg_isready -q -h 127.0.0.1 -p "$BOUNCER_PORT" && break; sleep 0.25; done
pg_isready -h 127.0.0.1 -p "$BOUNCER_PORT"

# prepare=false: PgBouncer 1.18 (Debian 12) cannot carry named prepared statements across transactions; the
# statements go out unnamed (extended protocol, bind parameters as before). See ADR 0028.
export DATABASE_URL="postgres://postgres@127.0.0.1:$BOUNCER_PORT/postgres?prepare=false"
# CI's JSON reports (GONGFU_TEST_REPORT_DIR) would be written as db-postgres.json and api-postgres.json, over
# the PostgreSQL run's: write them aside and keep them as db-pgbouncer.json and api-pgbouncer.json
reports=${GONGFU_TEST_REPORT_DIR:-}
if [ -n "$reports" ]; then export GONGFU_TEST_REPORT_DIR="$work/reports"; fi
status=0
( cd packages/db && pnpm exec vitest run src/pool-leak.test.ts src/pool-concurrency.test.ts src/migrate-lock.test.ts src/tenant.test.ts src/rls.test.ts ) || status=$?
( cd apps/api && pnpm exec vitest run src/isolation-matrix.test.ts ) || status=$?
if [ -n "$reports" ]; then
  for f in "$work"/reports/*-postgres.json; do
    [ -e "$f" ] && mv "$f" "$reports/$(basename "$f" -postgres.json)-pgbouncer.json"
  done
fi
if [ "$status" != 0 ]; then
  echo "--- pgbouncer.log (last 40 lines)"
  tail -n 40 "$work/pgbouncer.log" || true
fi
exit "$status"
