/**
 * docs/environment.md lists every variable env.ts reads, with the code's default: a variable added to env.ts
 * without a line there fails here (issue 16).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnv } from './env';

const repository = resolve(import.meta.dirname, '../../..');
const reference = readFileSync(resolve(repository, 'docs/environment.md'), 'utf8');

/** The table's rows: variable → its Default and Secret cells. */
const documented = new Map(
  [...reference.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|([^|]+)\|([^|]+)\|/gm)].map((m) => [
    m[1] as string,
    { default: (m[2] as string).trim(), secret: (m[3] as string).trim() },
  ]),
);

/** Every variable the schema reads: an empty environment that records each name looked up. */
function variablesRead(): string[] {
  const seen = new Set<string>();
  const record = (_target: object, key: string | symbol) => {
    if (typeof key === 'string') seen.add(key);
    return undefined;
  };
  readEnv(
    new Proxy({}, { get: record, has: (t, k) => record(t, k) !== undefined }) as Record<string, string>,
  );
  return [...seen].sort();
}

describe('docs/environment.md', () => {
  const variables = variablesRead();

  it('lists every variable env.ts reads, and none it does not', () => {
    expect(variables.length).toBeGreaterThan(10);
    expect([...documented.keys()].sort()).toEqual(variables);
  });

  it('gives each variable the default the code has', () => {
    const defaults = readEnv({}) as Record<string, unknown>;
    for (const name of variables) {
      const cell = documented.get(name)?.default ?? '';
      const actual = defaults[name];
      const expected =
        cell === 'unset'
          ? undefined
          : cell === 'off'
            ? false
            : cell === 'empty'
              ? ''
              : cell.replace(/^`|`$/g, '').replace(/^<repository>\//, `${repository}/`);
      expect({ name, value: typeof actual === 'number' ? String(actual) : actual }).toEqual({
        name,
        value: expected,
      });
    }
  });

  it('says of each variable whether it is a secret, and the database URL is one', () => {
    expect(documented.get('DATABASE_URL')?.secret).toMatch(/^\*\*yes\*\*/);
    for (const [name, row] of documented)
      expect({ name, secret: row.secret }).toMatchObject({
        name,
        secret: expect.stringMatching(/^(no|\*\*yes\*\*.*)$/),
      });
  });
});
