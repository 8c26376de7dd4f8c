import { z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses } from './common';

/**
 * Building blocks of the register's schemas. Every bound here is also a bound of the database
 * (integer columns, dates PostgreSQL accepts, text without NUL), so no request can reach a
 * constraint the API did not name first.
 */

/** Text is the one shared text schema of common.ts (no NUL, trimmed, bounded). */
export { optionalText, text } from './common';

/** A calendar date PostgreSQL accepts and a person means: YYYY-MM-DD from 1900 to 2999. */
export const dateOnly = z.iso
  .date()
  .refine((value) => value >= '1900-01-01' && value <= '2999-12-31')
  .openapi({ example: '2024-03-01' });

/** Money: a whole number of fen (分), never negative. */
export const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).openapi({ example: 2_000_000 });

/** A share or rate in basis points (1 bp = 0.01 %). */
export const basisPoints = z.number().int().min(0).max(10_000).openapi({ example: 4000 });

/** A PostgreSQL integer column that counts something. */
export const count = z.number().int().min(0).max(2_147_483_647);

/** The version an update was based on; a stale one is refused with 409 `stale_version`. */
export const version = z.number().int().min(1).max(2_147_483_647).openapi({ example: 1 });

/** Optional `?version=` on deletes: when given and stale, the delete is refused with 409. */
export const DeleteQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional()
    .openapi({ param: { name: 'version', in: 'query' } }),
});

/** A uuid filter in the query string. */
export const uuidQuery = (name: string) =>
  z
    .uuid()
    .optional()
    .openapi({ param: { name, in: 'query' } });

export const conflictResponse = {
  description: 'Stale version (`stale_version`), a duplicate, or still in use',
  content: { 'application/json': { schema: ErrorBody } },
} as const;

export const readResponses = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
} as const;

export const writeResponses = { ...readResponses, 409: conflictResponse } as const;

export const noContent = { 204: { description: 'Deleted' } } as const;

export function listOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), total: z.number().int() }).openapi(name);
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true as const,
});
