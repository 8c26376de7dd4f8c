-- Roles for running 共富 Gongfu on a PostgreSQL server (15 or later).
-- Run once per cluster as a superuser, e.g.:  psql -U postgres -f infra/postgres/roles.sql
-- then set passwords:  ALTER ROLE gongfu_owner PASSWORD '…';  ALTER ROLE gongfu_app PASSWORD '…';
--
-- gongfu_owner  owns the schema and runs the migrations; the API connects as this role and switches to
--               gongfu_app (SET LOCAL ROLE) at the start of every request transaction.
-- gongfu_app    the runtime role: owns nothing, no superuser, no BYPASSRLS, so row-level security
--               always applies. LOGIN because a Citus coordinator connects to its workers as the role
--               in force after SET ROLE.
-- gongfu_district, gongfu_community, gongfu_partner
--               the runtime roles of the tenant scopes (ADR 0007): the same rights as gongfu_app, with
--               policies specialised to their scope kind. The migrations create their policies.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongfu_owner') THEN
    CREATE ROLE gongfu_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongfu_app') THEN
    CREATE ROLE gongfu_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongfu_district') THEN
    CREATE ROLE gongfu_district LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongfu_community') THEN
    CREATE ROLE gongfu_community LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongfu_partner') THEN
    CREATE ROLE gongfu_partner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;

-- the owner may switch to the runtime roles
GRANT gongfu_app, gongfu_district, gongfu_community, gongfu_partner TO gongfu_owner;

-- gongfu_app may switch to the scope roles, and holds none of their rights (NOINHERIT: their privileges and
-- their policies do not apply to gongfu_app, ADR 0007). A request's transaction checks its session as
-- gongfu_app and then switches to its scope role; on a Citus coordinator the worker connections were opened as
-- gongfu_app, and PostgreSQL checks SET ROLE against the session user, there gongfu_app (ADR 0027). The scope
-- roles are no stronger than gongfu_app: the same grants, its policies with the scope kind folded in.
ALTER ROLE gongfu_app NOINHERIT;
GRANT gongfu_district, gongfu_community, gongfu_partner TO gongfu_app;

-- a database owned by the owner role:
--   CREATE DATABASE gongfu OWNER gongfu_owner;
-- and in it (PostgreSQL 15 no longer lets everyone create in public):
--   \c gongfu
--   GRANT ALL ON SCHEMA public TO gongfu_owner;
