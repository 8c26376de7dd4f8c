/**
 * `pnpm --filter @gongfu/db backup <command>` (docs/operations.md). On DATABASE_URL (a superuser's URL: the
 * tables' row-level security is forced), or the embedded database in DATA_DIR (default .data/pglite; stop
 * the server first, PGlite is one process's).
 *
 *   district-export <districtId> <file.json>   one district's rows and the global rows they reference
 *   district-import <file.json>                into a database migrated to the same version (`pnpm migrate`)
 *   data-dir-export <file.tar.gz>              the embedded database's whole folder
 *   data-dir-import <file.tar.gz>              into DATA_DIR, which must be empty or absent
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type DistrictDump, dumpDistrict, exportDataDir, importDataDir, loadDistrict } from '../backup';
import { openDatabase } from '../connect';

const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR ?? resolve(import.meta.dirname, '../../../../.data/pglite');
const [command, first, second] = process.argv.slice(2);

function usage(): never {
  console.error(
    'usage: backup district-export <districtId> <file.json> | district-import <file.json> |\n' +
      '              data-dir-export <file.tar.gz> | data-dir-import <file.tar.gz>',
  );
  process.exit(2);
}

if (command === 'district-export' && first && second) {
  const handle = await openDatabase(url ? { url } : { dataDir });
  try {
    const dump = await dumpDistrict(handle.db, first);
    if (!dump.tables.some((t) => t.name === 'districts' && t.rows !== '[]')) {
      throw new Error(`no district ${first} in this database`);
    }
    await writeFile(second, JSON.stringify(dump));
    console.log(`district ${first}: ${dump.tables.length} tables written to ${second}`);
  } finally {
    await handle.close();
  }
} else if (command === 'district-import' && first) {
  const dump = JSON.parse(await readFile(first, 'utf8')) as DistrictDump;
  const handle = await openDatabase(url ? { url } : { dataDir });
  try {
    const { rows } = await loadDistrict(handle.db, dump);
    console.log(`district ${dump.districtId}: ${rows} rows loaded`);
  } finally {
    await handle.close();
  }
} else if (command === 'data-dir-export' && first) {
  if (url) throw new Error('data-dir-export is for the embedded database: unset DATABASE_URL (use pg_dump)');
  await exportDataDir(dataDir, first);
  console.log(`${dataDir} written to ${first}`);
} else if (command === 'data-dir-import' && first) {
  if (url)
    throw new Error('data-dir-import is for the embedded database: unset DATABASE_URL (use pg_restore)');
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty: move it away or set DATA_DIR to a new folder`);
  }
  await importDataDir(first, dataDir);
  console.log(`${first} loaded into ${dataDir}`);
} else usage();
