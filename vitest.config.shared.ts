import { basename } from 'node:path';

type Reporter = 'default' | ['json', { outputFile: string }];

/**
 * Settings every package's vitest config shares. When GONGFU_TEST_REPORT_DIR is set (by .ci/run), each
 * run also writes a JSON report there, so CI can print one closing line for the whole tree. (No import
 * of vitest's types here: this file sits at the root, where vitest is not a dependency.)
 */
export function sharedTestConfig(packageDir: string): {
  testTimeout: number;
  hookTimeout: number;
  reporters: Reporter[];
} {
  const reportDir = process.env.GONGFU_TEST_REPORT_DIR;
  const suffix = process.env.CITUS_WORKERS ? '-citus' : process.env.DATABASE_URL ? '-postgres' : '';
  return {
    // The limits catch a hang; they do not time anything. CI machines differ up to 4× in speed (a hook
    // seeding the demo district took 14 s on one, 51 s on a loaded one; the admin's typing test takes 9 s).
    testTimeout: 90_000,
    hookTimeout: 240_000,
    reporters: reportDir
      ? ['default', ['json', { outputFile: `${reportDir}/${basename(packageDir)}${suffix}.json` }]]
      : ['default'],
  };
}
