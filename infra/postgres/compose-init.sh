#!/usr/bin/env bash
# First start of the compose file's PostgreSQL (after 10-roles.sql): the owner's password and its database.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -v pw="$GONGFU_OWNER_PASSWORD" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
ALTER ROLE gongfu_owner PASSWORD :'pw';
CREATE DATABASE gongfu OWNER gongfu_owner;
\c gongfu
GRANT ALL ON SCHEMA public TO gongfu_owner;
SQL
