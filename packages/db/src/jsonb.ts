import { sql } from 'kysely';

/**
 * A value for a jsonb column that both drivers store as a JSON object. A plain string parameter does
 * not: postgres.js serialises a jsonb parameter with JSON.stringify again, so pre-stringified JSON would
 * land as a JSON *string*; PGlite parses it. Casting text → jsonb in SQL behaves the same on both.
 */
export function jsonb(value: unknown) {
  return sql<string>`cast(${JSON.stringify(value)} as text)::jsonb`;
}

/** The JSON text of an HTTP body as a jsonb value (parsed by the database, same on both drivers). */
export function jsonbFromText(text: string) {
  return sql<string>`cast(${text} as text)::jsonb`;
}
