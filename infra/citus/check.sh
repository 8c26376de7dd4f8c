#!/usr/bin/env bash
# Checks a migrated, distributed database on the loopback cluster (cluster.sh, database.sh):
#   infra/citus/check.sh NAME
# 1. every runtime role logs in on every node (the coordinator connects to the workers as the role in force);
# 2. the scope reaches the workers: two districts' communities, read through the coordinator under the tenant
#    transaction's scope message (BEGIN; SET LOCAL ROLE …; SET LOCAL app.… as one message, ADR 0022), the read in a
#    message of its own — the policies run on the workers' shards and each district sees its own row only. (Citus
#    forwards the whole text of a message holding a SET LOCAL to the workers, so a query in that same message would
#    run there too: ADR 0027.)
# 3. a district's statement is a router plan (one task, one shard group).
set -euo pipefail
cd "$(dirname "$0")/../.."
COORDINATOR_PORT=${CITUS_COORDINATOR_PORT:-5441}
WORKER_PORTS=${CITUS_WORKER_PORTS:-"5442 5443"}
name=${1:?usage: $0 NAME}
q() { psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 "$@"; }
fail() { echo "citus check: $*" >&2; exit 1; }

for port in $COORDINATOR_PORT $WORKER_PORTS; do
  for role in gongfu_app gongfu_district gongfu_community gongfu_partner; do
    [ "$(q -p "$port" -U "$role" -d "$name" -c 'select current_user')" = "$role" ] || fail "$role cannot log in on $port"
  done
done
echo "runtime roles log in on every node"

A=00000000-0000-4000-8000-0000000000a1
B=00000000-0000-4000-8000-0000000000b1
q -p "$COORDINATOR_PORT" -U postgres -d "$name" -q <<SQL
INSERT INTO districts (district_id, name) VALUES ('$A', 'citus check A'), ('$B', 'citus check B');
INSERT INTO communities (district_id, community_id, name, admin_code)
  VALUES ('$A', gen_random_uuid(), 'A 社区', '310000000001'), ('$B', gen_random_uuid(), 'B 社区', '310000000002');
SQL
shards=$(q -p "$COORDINATOR_PORT" -U postgres -d "$name" -c \
  "select count(distinct get_shard_id_for_distribution_column('communities', d)) from unnest(array['$A','$B']::uuid[]) d")
for d in $A $B; do
  seen=$(q -p "$COORDINATOR_PORT" -U postgres -d "$name" \
    -c "begin; SET LOCAL ROLE gongfu_district; SET LOCAL app.scope_kind = 'district'; SET LOCAL app.user_id = '$d'; SET LOCAL app.district_id = '$d'" \
    -c "select string_agg(district_id::text, ',') from communities" -c "commit" 2>/dev/null | grep -v -e "^$" -e "^BEGIN$" -e "^SET$" -e "^COMMIT$" | tail -n 1)
  [ "$seen" = "$d" ] || fail "district $d read communities of [$seen] through the coordinator"
done
echo "the scope reaches the workers: each district reads its own community only ($shards shard(s) hold the two)"

plan=$(q -p "$COORDINATOR_PORT" -U postgres -d "$name" \
  -c "begin; SET LOCAL ROLE gongfu_district; SET LOCAL app.scope_kind = 'district'; SET LOCAL app.user_id = '$A'; SET LOCAL app.district_id = '$A'" \
  -c "explain select month, sum(revenue_fen) from kpi_venture_months where district_id = '$A' group by month" -c "commit")
echo "$plan" | grep -q 'Task Count: 1' || { echo "$plan"; fail "the district's KPI statement is not a one-task router plan"; }
echo "a district's KPI statement is a router plan (Task Count: 1)"

q -p "$COORDINATOR_PORT" -U postgres -d "$name" -q -c "DELETE FROM communities WHERE district_id IN ('$A', '$B')" -c "DELETE FROM districts WHERE district_id IN ('$A', '$B')"
