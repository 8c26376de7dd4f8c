import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

/**
 * Backups beyond pg_dump (docs/operations.md):
 *
 * - the embedded database's whole data folder as one .tar.gz (PGlite's dumpDataDir) and back (loadDataDir);
 * - ONE district's rows, on PostgreSQL and PGlite alike: every row of every table with a `district_id` of that
 *   district, the district's own row, and the global rows they reference (the users of its memberships and
 *   of its audit trail…), as JSON, tables in foreign-key order; loaded into a migrated database of the same
 *   schema in one transaction. Both ends must connect as a superuser: the tables' row-level security is
 *   forced, and the load turns triggers off (session_replication_role = replica) so that rows are written as
 *   they were (no audit of the import, rollups copied rather than recomputed).
 *
 * Not in a district export: sessions (everyone logs in again), login-throttle counters, the migration table.
 */

/**
 * /2 describes itself: when and from which district it was taken, each table's row count and a SHA-256 over
 * its content, so a file damaged or edited on the way is refused before anything is written. /1 (no counts, no
 * checksum) still loads.
 */
export const DISTRICT_DUMP_FORMAT = 'gongfu-district-dump/2';
const READABLE_FORMATS = ['gongfu-district-dump/1', DISTRICT_DUMP_FORMAT];

export interface DistrictDump {
  format: typeof DISTRICT_DUMP_FORMAT | 'gongfu-district-dump/1';
  districtId: string;
  /** the district's name, for the person who holds the file */
  districtName?: string;
  /** ISO time of the export */
  exportedAt?: string;
  /** the source's last migration: the target must be at the same one */
  migration: string | null;
  /** in foreign-key order (referenced tables first); `rows` is the JSON array as PostgreSQL wrote it */
  tables: Array<{ name: string; global: boolean; rows: string; count?: number }>;
  /** hex SHA-256 of districtDumpDigest's input (format /2) */
  checksum?: string;
}

/** Why a dump is refused before anything is written; `code` lets a caller say it in the user's language. */
export class DistrictDumpRefused extends Error {
  constructor(
    readonly code: 'format' | 'checksum' | 'migration' | 'exists',
    readonly params: Record<string, string>,
    message: string,
  ) {
    super(message);
  }
}

/** The checksum of a dump: every field but the checksum itself, in a fixed order. */
export function districtDumpChecksum(dump: Omit<DistrictDump, 'checksum'>): string {
  const hash = createHash('sha256');
  for (const part of [
    dump.format,
    dump.districtId,
    dump.districtName ?? '',
    dump.exportedAt ?? '',
    dump.migration ?? '',
  ]) {
    hash.update(`${part}\n`);
  }
  for (const t of dump.tables) hash.update(`${t.name}\n${t.global}\n${t.count ?? ''}\n${t.rows}\n`);
  return hash.digest('hex');
}

/** Stops PGlite first (no server may hold the folder): the data folder as a gzipped tarball. */
export async function exportDataDir(dataDir: string, file: string): Promise<void> {
  const pglite = new PGlite(dataDir);
  try {
    await pglite.waitReady; // dumpDataDir does not wait for it: on a database just opened it never settles
    const dump = await pglite.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

/** Into an empty (or new) folder: the database a tarball of exportDataDir holds. */
export async function importDataDir(file: string, dataDir: string): Promise<void> {
  const pglite = new PGlite(dataDir, { loadDataDir: new Blob([await readFile(file)]) });
  await pglite.waitReady;
  await pglite.close();
}

const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock', 'sessions', 'login_throttle']);

interface Catalog {
  tables: string[];
  districtTables: Set<string>;
  foreignKeys: Array<{ child: string; parent: string; childColumns: string[]; parentColumns: string[] }>;
}

async function catalogOf(db: Kysely<Database>): Promise<Catalog> {
  const tables = await sql<{ name: string; has_district: boolean }>`
    select t.table_name as name,
      exists (select 1 from information_schema.columns c
              where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'district_id')
        as has_district
    from information_schema.tables t
    where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by t.table_name`.execute(db);
  const keys = await sql<{
    child: string;
    parent: string;
    child_columns: string[];
    parent_columns: string[];
  }>`
    select cl.relname as child, pl.relname as parent,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as child_columns,
      array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as parent_columns
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_class pl on pl.oid = c.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where c.contype = 'f' and n.nspname = 'public'`.execute(db);
  const names = tables.rows.map((r) => r.name).filter((n) => !SKIPPED.has(n));
  return {
    tables: names,
    districtTables: new Set(
      tables.rows.filter((r) => r.has_district && !SKIPPED.has(r.name)).map((r) => r.name),
    ),
    foreignKeys: keys.rows
      .filter((k) => !SKIPPED.has(k.child) && !SKIPPED.has(k.parent))
      .map((k) => ({
        child: k.child,
        parent: k.parent,
        childColumns: k.child_columns,
        parentColumns: k.parent_columns,
      })),
  };
}

/** Referenced tables before the tables referencing them (self-references ignored). */
function foreignKeyOrder(tables: string[], foreignKeys: Catalog['foreignKeys']): string[] {
  const included = new Set(tables);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (placed.has(table) || visiting.has(table)) return; // a cycle: the load does not check keys anyway
    visiting.add(table);
    for (const k of foreignKeys)
      if (k.child === table && k.parent !== table && included.has(k.parent)) visit(k.parent);
    visiting.delete(table);
    placed.add(table);
    ordered.push(table);
  };
  for (const t of [...tables].sort()) visit(t);
  return ordered;
}

const ident = (name: string) => sql.id(name);

/** One district's rows and the global rows they reference (see the top of this file). Superuser only. */
export async function dumpDistrict(db: Kysely<Database>, districtId: string): Promise<DistrictDump> {
  const catalog = await catalogOf(db);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const tables: DistrictDump['tables'] = [];
      // global tables reached from the district's rows: the district itself, then whatever they reference
      const globals = new Map<string, ReturnType<typeof sql>[]>();
      globals.set('districts', [sql`id = ${districtId}`]);
      for (const k of catalog.foreignKeys) {
        if (!catalog.districtTables.has(k.child) || catalog.districtTables.has(k.parent)) continue;
        if (k.childColumns.length !== 1 || k.parentColumns.length !== 1) continue;
        const [childColumn] = k.childColumns as [string];
        const [parentColumn] = k.parentColumns as [string];
        const condition = sql`${ident(parentColumn)} in (select ${ident(childColumn)} from ${ident(k.child)} where district_id = ${districtId})`;
        globals.set(k.parent, [...(globals.get(k.parent) ?? []), condition]);
      }
      const wanted = [...catalog.districtTables, ...globals.keys()];
      for (const name of foreignKeyOrder(wanted, catalog.foreignKeys)) {
        const global = !catalog.districtTables.has(name);
        const where = global
          ? sql.join(globals.get(name) ?? [sql`false`], sql` or `)
          : sql`district_id = ${districtId}`;
        const result = await sql<{ rows: string }>`
        select coalesce(json_agg(t), '[]')::text as rows from ${ident(name)} t where ${where}`.execute(trx);
        const rows = result.rows[0]?.rows ?? '[]';
        tables.push({ name, global, rows, count: (JSON.parse(rows) as unknown[]).length });
      }
      const migration = await sql<{ name: string }>`
      select name from kysely_migration order by name desc limit 1`.execute(trx);
      const districtRows = JSON.parse(tables.find((t) => t.name === 'districts')?.rows ?? '[]') as Array<{
        name?: string;
      }>;
      const dump: Omit<DistrictDump, 'checksum'> = {
        format: DISTRICT_DUMP_FORMAT,
        districtId,
        districtName: districtRows[0]?.name ?? '',
        exportedAt: new Date().toISOString(),
        migration: migration.rows[0]?.name ?? null,
        tables,
      };
      return { ...dump, checksum: districtDumpChecksum(dump) };
    });
}

/**
 * Loads a district dump into a migrated database at the same migration, in one transaction: the district's
 * rows must not be there yet (a conflict fails the whole load); global rows already there are kept as they are.
 */
export async function loadDistrict(
  db: Kysely<Database>,
  dump: DistrictDump,
  onTable?: (done: number, of: number, table: string) => void,
): Promise<{ rows: number }> {
  if (!READABLE_FORMATS.includes(dump?.format)) {
    throw new DistrictDumpRefused(
      'format',
      { format: String(dump?.format) },
      `not a district dump this version reads (${String(dump?.format)}; it reads ${READABLE_FORMATS.join(', ')})`,
    );
  }
  if (dump.format === DISTRICT_DUMP_FORMAT) {
    const { checksum, ...rest } = dump;
    const counted = dump.tables.every((t) => (JSON.parse(t.rows) as unknown[]).length === t.count);
    if (!counted || checksum !== districtDumpChecksum(rest)) {
      throw new DistrictDumpRefused(
        'checksum',
        {},
        'the file is damaged or was edited: its checksum does not match',
      );
    }
  }
  const migration = await sql<{ name: string }>`
    select name from kysely_migration order by name desc limit 1`.execute(db);
  if ((migration.rows[0]?.name ?? null) !== dump.migration) {
    throw new DistrictDumpRefused(
      'migration',
      { dump: String(dump.migration), database: migration.rows[0]?.name ?? 'none' },
      `the dump was taken at migration ${dump.migration}, this database is at ${migration.rows[0]?.name ?? 'none'}: migrate it to the same version first`,
    );
  }
  const present = await sql<{ n: number }>`
    select count(*)::int as n from districts where district_id = ${dump.districtId}`.execute(db);
  if ((present.rows[0]?.n ?? 0) > 0) {
    throw new DistrictDumpRefused(
      'exists',
      { district: dump.districtId },
      `district ${dump.districtId} is already in this database: nothing was loaded`,
    );
  }
  return db.transaction().execute(async (trx) => {
    // rows as they were: no trigger (audit, rollups, key checks) fires; the dump holds the rollups too
    await sql`set local session_replication_role = replica`.execute(trx);
    let rows = 0;
    for (const [index, table] of dump.tables.entries()) {
      onTable?.(index, dump.tables.length, table.name);
      const columns = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = 'public' and table_name = ${table.name} and is_generated = 'NEVER'
        order by ordinal_position`.execute(trx);
      const list = sql.join(columns.rows.map((c) => ident(c.column_name)));
      const result = await sql`
        insert into ${ident(table.name)} (${list}) overriding system value
        select ${list} from json_populate_recordset(null::${ident(table.name)}, cast(${table.rows} as text)::json)
        ${table.global ? sql`on conflict do nothing` : sql``}`.execute(trx);
      rows += Number(result.numAffectedRows ?? 0);
    }
    return { rows };
  });
}
