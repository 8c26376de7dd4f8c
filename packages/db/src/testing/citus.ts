import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import postgres from 'postgres';

/**
 * With CITUS_WORKERS set ("host:port,host:port"), a test database is created on a Citus cluster whose coordinator
 * is DATABASE_URL (infra/citus/cluster.sh): the database on every node, the citus extension in each, the
 * coordinator and the workers in the coordinator's metadata — what infra/citus/database.sh does. After the
 * migrations, `distributeTestDatabase` runs infra/citus/distribute.sql and functions.sql, and the database is
 * opened as a Citus coordinator's (`openDatabase({ citus: true })`). Tests themselves are unchanged.
 */
export function citusWorkers(value: string | undefined): Array<{ host: string; port: number }> {
  if (!value) return [];
  return value.split(',').map((entry) => {
    const [host, port] = entry.trim().split(':');
    if (!host || !port || !/^\d+$/.test(port)) throw new Error(`CITUS_WORKERS: "${entry}" is not host:port`);
    return { host, port: Number(port) };
  });
}

function nodeUrl(url: string, node: { host: string; port: number }, database: string): string {
  const u = new URL(url);
  u.hostname = node.host;
  u.port = String(node.port);
  u.pathname = `/${database}`;
  return u.toString();
}

async function run(url: string, statements: string[]) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (const statement of statements) await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

/** After CREATE DATABASE on the coordinator: the same database on the workers, citus everywhere, nodes added. */
export async function prepareCitusDatabase(coordinatorUrl: string, name: string, workers: string) {
  const nodes = citusWorkers(workers);
  await Promise.all(
    nodes.map((node) => run(nodeUrl(coordinatorUrl, node, 'postgres'), [`CREATE DATABASE ${name}`])),
  );
  await Promise.all(
    nodes.map((node) => run(nodeUrl(coordinatorUrl, node, name), ['CREATE EXTENSION citus'])),
  );
  const coordinator = new URL(coordinatorUrl);
  const db = new URL(coordinatorUrl);
  db.pathname = `/${name}`;
  await run(db.toString(), [
    'CREATE EXTENSION citus',
    `SELECT citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port || 5432)})`,
    ...nodes.map((node) => `SELECT citus_add_node('${node.host}', ${node.port})`),
  ]);
}

/**
 * Distributes a migrated test database as infra/citus/database.sh does: distribute.sql, then functions.sql (the
 * KPI roll-up functions in the form Citus runs).
 */
export async function distributeTestDatabase(databaseUrl: string) {
  const scripts = await Promise.all(
    ['distribute.sql', 'functions.sql'].map((file) =>
      readFile(resolve(import.meta.dirname, '../../../../infra/citus', file), 'utf8'),
    ),
  );
  await run(databaseUrl, scripts);
}

/**
 * After the coordinator's database is dropped: the workers'. A worker may still hold a prepared transaction of a
 * two-phase commit that the coordinator's drop cut off (a request still running at close), which blocks
 * DROP DATABASE ("is being used by prepared transactions"); its coordinator is gone, so nothing can still decide it:
 * it is rolled back first.
 */
export async function dropCitusDatabase(coordinatorUrl: string, name: string, workers: string) {
  await Promise.all(
    citusWorkers(workers).map(async (node) => {
      const sql = postgres(nodeUrl(coordinatorUrl, node, name), { max: 1, onnotice: () => {} });
      try {
        const prepared = await sql<{ gid: string }[]>`
          select gid from pg_prepared_xacts where database = current_database()`;
        for (const { gid } of prepared) await sql.unsafe(`ROLLBACK PREPARED '${gid.replaceAll("'", "''")}'`);
      } finally {
        await sql.end();
      }
      await run(nodeUrl(coordinatorUrl, node, 'postgres'), [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    }),
  );
}
