/**
 * `pnpm gen --districts D --communities N --months M --seed S`: fills DATABASE_URL (as the owner role),
 * or the embedded database in DATA_DIR (default: .data/pglite at the repository root), with generated
 * districts — migrating first. Prints progress, the row counts and the time.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../connect';
import { migrateToLatest } from '../migrate';
import { generate, PRESETS } from '../seed/generator';

const { values } = parseArgs({
  options: {
    districts: { type: 'string', default: String(PRESETS.gen.districts) },
    communities: { type: 'string', default: String(PRESETS.gen.communities) },
    months: { type: 'string', default: String(PRESETS.gen.months) },
    seed: { type: 'string', default: String(PRESETS.gen.seed) },
    concurrency: { type: 'string', default: '2' },
  },
});
const int = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number (got ${values[name]})`);
    process.exit(2);
  }
  return value;
};
const options = {
  districts: int('districts'),
  communities: int('communities'),
  months: int('months'),
  seed: int('seed'),
  concurrency: int('concurrency'),
};

const url = process.env.DATABASE_URL;
const dataDir = process.env.DATA_DIR ?? resolve(import.meta.dirname, '../../../../.data/pglite');
if (!url) mkdirSync(dataDir, { recursive: true });
const handle = await openDatabase(url ? { url, maxConnections: options.concurrency + 1 } : { dataDir });
const where = url ? url.replace(/\/\/[^@/]*@/, '//…@') : `PGlite ${dataDir}`;
try {
  await migrateToLatest(handle.db);
  console.log(
    `generating ${options.districts} district(s) × ${options.communities} communities × ${options.months} months, seed ${options.seed}, into ${where}`,
  );
  const every = Math.max(1, Math.round(options.districts / 20));
  const result = await generate(handle.db, {
    ...options,
    onProgress: (p) => {
      if (p.district % every === 0 || p.district === p.districts) {
        const s = p.ms / 1000;
        console.log(
          `  ${p.district}/${p.districts} districts · ${p.rows.toLocaleString('en')} rows · ${s.toFixed(1)} s · ${Math.round(p.rows / s).toLocaleString('en')} rows/s`,
        );
      }
    },
  });
  console.log(`months ${result.firstMonth} … ${result.lastMonth}`);
  for (const [table, count] of Object.entries(result.counts)) {
    console.log(`  ${table.padEnd(20)} ${count.toLocaleString('en').padStart(12)}`);
  }
  console.log(
    `${result.rows.toLocaleString('en')} rows in ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.rows / (result.ms / 1000)).toLocaleString('en')} rows/s)`,
  );
  console.log(`log in as ${result.districts[0]?.adminEmail} (password gongfu-demo-2026)`);
} finally {
  await handle.close();
}
