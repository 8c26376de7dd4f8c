/**
 * `pnpm lint:openapi` (issue 13): writes the OpenAPI document the API serves at /api/openapi.json to a
 * temporary file — from createApp, no server, no database — and lints it with Spectral, using the
 * repository's .spectral.yaml (spectral:oas and the OWASP API Security ruleset, with the rules turned
 * off and why). Exits with Spectral's status: any error fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { createApp, type Deps } from '../app';

const root = resolve(import.meta.dirname, '../../../..');
// serving the document touches neither the database nor the login throttle
const deps = { logger: pino({ level: 'silent' }), dbKind: 'pglite' } as unknown as Deps;
const response = await createApp(deps).request('/api/openapi.json');
if (response.status !== 200) throw new Error(`GET /api/openapi.json answered ${response.status}`);
const dir = mkdtempSync(join(os.tmpdir(), 'gongfu-openapi-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, JSON.stringify(await response.json(), null, 2));
const spectral = join(root, 'node_modules/.bin/spectral');
const lint = () =>
  spawnSync(
    spectral,
    [
      'lint',
      file,
      '--ruleset',
      join(root, '.spectral.yaml'),
      '--fail-severity',
      'error',
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
let result = lint();
// Spectral that did not finish (no exit status: not started, or killed by a signal) has judged nothing: say why, and
// run it once more. Once, in a CI run, it ended so with nothing printed; a lint error is a status of 1 and not retried.
const unfinished = () =>
  result.status === null &&
  console.error(`spectral did not finish (${result.error?.message ?? `signal ${result.signal}`})`);
if (unfinished()) {
  result = lint();
  unfinished();
}
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
