-- Distributes a migrated 共富 Gongfu database on Citus (ADR 0027). Run on the coordinator, as a superuser, in the
-- application's database, after `CREATE EXTENSION citus` and the workers were added (infra/citus/database.sh does
-- both), after the migrations and before any data is loaded. Tables already distributed are left alone.
--
-- Reference tables (a copy on every node): districts, and every table without district_id — users, sessions,
-- platform admins, the login throttle, idempotency keys. Distributed tables: every other table, by district_id,
-- all in one co-location group, so one district's rows of every table live on the same node and a district's
-- statements — joins, foreign keys, the policies' checks, the KPI roll-up triggers — stay on that node.
-- The migrator's own tables (kysely_migration*) and the security log (security_events) stay on the coordinator.
--
-- The order: the foreign keys of the tables to convert are dropped, the tables converted (reference tables first),
-- and the same foreign keys added back — Citus checks each one then (co-located, district_id paired, or pointing at
-- a reference table). Converting table by table with the keys in place does not work: a key from a local table
-- to a new reference table turns the local table into a "Citus local table", which then blocks distributing the
-- tables it references. The lists come from the catalog, so a table added by a later migration is converted too
-- (citus-rules.test.ts keeps the schema distributable).
DO $$
DECLARE
  t record;
  k record;
  keys text[] := '{}';
  anchor text;
BEGIN
  -- several tables with foreign keys to reference tables in one transaction
  PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);

  CREATE TEMP TABLE gongfu_citus_plan ON COMMIT DROP AS
    SELECT c.oid AS relid, c.relname::text AS name,
           CASE WHEN c.relname = 'districts'
                  OR NOT EXISTS (SELECT 1 FROM pg_attribute a
                                 WHERE a.attrelid = c.oid AND a.attname = 'district_id' AND NOT a.attisdropped)
                THEN 'reference' ELSE 'distributed' END AS kind
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname NOT LIKE 'kysely\_%'
      -- the login/security log: district_id is empty for unknown accounts; it stays on the coordinator (its keys to
      -- users and districts make it a Citus local table there)
      AND c.relname <> 'security_events'
      AND NOT EXISTS (SELECT 1 FROM pg_dist_partition d WHERE d.logicalrelid = c.oid);

  FOR k IN SELECT con.conname, con.conrelid::regclass AS rel, pg_get_constraintdef(con.oid) AS def
           FROM pg_constraint con JOIN gongfu_citus_plan p ON p.relid = con.conrelid
           WHERE con.contype = 'f'
           UNION
           SELECT con.conname, con.conrelid::regclass, pg_get_constraintdef(con.oid)
           FROM pg_constraint con JOIN gongfu_citus_plan p ON p.relid = con.confrelid
           WHERE con.contype = 'f' LOOP
    keys := keys || format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.rel, k.conname, k.def);
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', k.rel, k.conname);
  END LOOP;

  FOR t IN SELECT * FROM gongfu_citus_plan WHERE kind = 'reference' ORDER BY name LOOP
    PERFORM create_reference_table(t.relid::regclass);
    RAISE NOTICE 'citus: reference table %', t.name;
  END LOOP;
  FOR t IN SELECT * FROM gongfu_citus_plan WHERE kind = 'distributed' ORDER BY name LOOP
    anchor := NULL;
    SELECT d.logicalrelid::regclass::text INTO anchor FROM pg_dist_partition d
    JOIN pg_class c ON c.oid = d.logicalrelid
    WHERE d.partmethod = 'h' AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname LIMIT 1;
    PERFORM create_distributed_table(t.relid::regclass, 'district_id', colocate_with => coalesce(anchor, 'default'));
    RAISE NOTICE 'citus: distributed table %', t.name;
  END LOOP;

  FOR i IN 1 .. cardinality(keys) LOOP
    EXECUTE keys[i];
  END LOOP;
  RAISE NOTICE 'citus: % foreign keys restored', cardinality(keys);
END $$;
