/**
 * `pnpm --filter @gongfu/api exec tsx src/scripts/bench-workbook-import.ts [--rows 5000] [--mode both|draft|submit]`
 *
 * Excel in at size (issue 15: a 5,000-row file imports in under 30 s on the embedded database). On a fresh
 * in-memory PGlite with the demo district, adds N operating ventures to 望江街, then through the real HTTP stack as
 * the community's admin: downloads the month's template, fills every row's figures with exceljs, uploads it to the
 * dry run, and imports it:
 *  - `both` (the default): as drafts (N new reports), then submitted from the same file (N drafts updated and
 *    submitted), then the same file again (the no-op);
 *  - `draft` or `submit`: in that mode straight away (N new reports), then again (the no-op).
 * Prints each step's time. With DATABASE_URL set it runs on that PostgreSQL database instead. Tests never assert a
 * time; this prints them. Profile with `node --cpu-prof --import tsx src/scripts/bench-workbook-import.ts`.
 */
import { parseArgs } from 'node:util';
import { DEMO_IDS } from '@gongfu/db';
import { shanghaiMonthOf } from '@gongfu/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { TEMPLATE_COLUMNS } from '../features/reports/workbook-columns';
import { createTestApp } from '../testing/test-app';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '5000' }, mode: { type: 'string', default: 'both' } },
});
const rows = Number(values.rows);
const modes: Array<'draft' | 'submit'> =
  values.mode === 'draft' ? ['draft'] : values.mode === 'submit' ? ['submit'] : ['draft', 'submit'];
const AS = 'wangjiangjie@dongqu.demo';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(2)} s`;

let started = performance.now();
const t = await createTestApp();
console.log(`database and demo district: ${seconds(started)}`);

started = performance.now();
await sql`
  insert into ventures (district_id, community_id, name, category, status, started_on)
  select ${DEMO_IDS.dongqu}, ${DEMO_IDS.wangjiangjie}, '压测项目' || lpad(n::text, 5, '0'),
         (array['parking', 'housekeeping', 'space_rental', 'help_desk'])[1 + n % 4], 'operating', '2020-01-01'
    from generate_series(1, ${rows}) as n`.execute(t.handle.db);
console.log(`${rows} ventures: ${seconds(started)}`);

const month = shanghaiMonthOf(new Date());
started = performance.now();
const template = await t.request(`/api/v1/reports/workbook/template?month=${month}`, { as: AS });
const workbook = new ExcelJS.Workbook();
await workbook.xlsx.load(await template.arrayBuffer());
console.log(`template (${template.status}): ${seconds(started)}`);

const column = (key: (typeof TEMPLATE_COLUMNS)[number]) => TEMPLATE_COLUMNS.indexOf(key) + 1;
let filled = 0;
for (const sheet of workbook.worksheets.slice(1)) {
  sheet.eachRow((row, n) => {
    if (n === 1 || !String(row.getCell(column('venture')).value).startsWith('压测项目')) return;
    row.getCell(column('revenueFen')).value = 1000 + (n % 97);
    row.getCell(column('operatingCostFen')).value = 600.5;
    row.getCell(column('stableJobs')).value = 2;
    row.getCell(column('residentsServed')).value = 30;
    row.getCell(column('serviceTransactions')).value = 80;
    filled += 1;
  });
}
const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
console.log(`filled ${filled} rows: ${(bytes.byteLength / 1024 / 1024).toFixed(2)} MB`);

const send = (path: string) =>
  t.request(`/api/v1/reports/workbook/${path}`, {
    method: 'POST',
    as: AS,
    body: bytes,
    headers: { 'Content-Type': XLSX },
  });

started = performance.now();
const check = await send('check');
const checked = await check.json();
console.log(
  `dry run (${check.status}, ${checked.rows} rows, ${checked.problems?.length} problems): ${seconds(started)}`,
);

for (const [i, mode] of modes.entries()) {
  if (i > 0) {
    // the dry run again, now that every row meets a draft
    started = performance.now();
    const recheck = await (await send('check')).json();
    console.log(`dry run again (${recheck.toUpdate} to update): ${seconds(started)}`);
  }
  started = performance.now();
  const imported = await send(`import?mode=${mode}`);
  const result = await imported.json();
  console.log(
    `import as ${mode} (${imported.status}, created ${result.created}, updated ${result.updated}, submitted ${result.submitted}): ${seconds(started)}`,
  );
}

const last = modes.at(-1) as string;
started = performance.now();
const again = await send(`import?mode=${last}`);
const noop = await again.json();
console.log(`the same file again (${again.status}, unchanged ${noop.unchanged}): ${seconds(started)}`);
await t.close();
