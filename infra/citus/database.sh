#!/usr/bin/env bash
# Creates (or drops) an application database on the loopback Citus cluster of cluster.sh: the database on every node,
# the citus extension in each, the coordinator and the workers registered in the coordinator's metadata.
#   infra/citus/database.sh create NAME      then migrate (DATABASE_URL=…:5441/NAME pnpm migrate) and distribute:
#   infra/citus/database.sh distribute NAME  runs infra/citus/distribute.sql and functions.sql on the coordinator
#   infra/citus/database.sh drop NAME
set -euo pipefail
cd "$(dirname "$0")/../.."
COORDINATOR_PORT=${CITUS_COORDINATOR_PORT:-5441}
WORKER_PORTS=${CITUS_WORKER_PORTS:-"5442 5443"}
action=${1:?usage: $0 create|distribute|drop NAME}
name=${2:?usage: $0 create|distribute|drop NAME}
[[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "database name must be a plain identifier" >&2; exit 2; }

sql() { local port=$1 db=$2; shift 2; psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"; }

case "$action" in
  create)
    for port in $WORKER_PORTS $COORDINATOR_PORT; do
      sql "$port" postgres -c "CREATE DATABASE $name OWNER gongfu_owner"
      sql "$port" "$name" -c "GRANT ALL ON SCHEMA public TO gongfu_owner" -c "CREATE EXTENSION citus"
    done
    sql "$COORDINATOR_PORT" "$name" -c "SELECT citus_set_coordinator_host('127.0.0.1', $COORDINATOR_PORT)" >/dev/null
    for port in $WORKER_PORTS; do
      sql "$COORDINATOR_PORT" "$name" -c "SELECT citus_add_node('127.0.0.1', $port)" >/dev/null
    done
    ;;
  distribute)
    # the tables, then the KPI roll-up functions in the form Citus runs (functions.sql); both idempotent, so run
    # this again after migrating a distributed database
    sql "$COORDINATOR_PORT" "$name" -f infra/citus/distribute.sql
    sql "$COORDINATOR_PORT" "$name" -f infra/citus/functions.sql
    ;;
  drop)
    sql "$COORDINATOR_PORT" postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"
    for port in $WORKER_PORTS; do sql "$port" postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"; done
    ;;
  *) echo "usage: $0 create|distribute|drop NAME" >&2; exit 2 ;;
esac
