import type { Database } from '@gongfu/db';
import type { Kysely } from 'kysely';
import { runCli } from './main';

/** One command line of `pnpm gongfu` on a test's database (left open): its status and what it printed. */
export async function runCliOn(db: Kysely<Database>, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, async () => ({
    db,
    close: async () => {},
  }));
  return { status, out: out.join('\n'), err: err.join('\n') };
}
