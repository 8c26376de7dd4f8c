import { z } from '@hono/zod-openapi';

// In a browser these schemas run under the server's Content-Security-Policy, which forbids eval: zod would
// probe for it with `new Function('')` on its first object parse (to compile fast parsers), and the probe is
// reported as a CSP violation. Jitless zod never probes. The API keeps the compiled parsers.
if ('document' in globalThis) z.config({ jitless: true });

/** The one error shape of the API. `message` is in the request's language (zh-CN default, en). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: '请求内容有误' }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .openapi({ description: 'Field path → message, for validation errors' }),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Uuid = z.uuid();

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is refused
const NO_NUL = /^[^\u0000]*$/;
/** The message code of a NUL refusal; the API words it in the user's language. */
export const NUL_REFUSED = 'nul_character';

/**
 * The one schema of text a client sends — every body field and query-string filter a person types or
 * a client makes up. PostgreSQL cannot store U+0000 ("invalid byte sequence for encoding UTF8: 0x00"):
 * without this check a NUL reached the database and answered 500, so it is refused here with a 400
 * naming the field. Trimmed and at least 1 character unless told otherwise; always bounded.
 */
export function text(max: number, options: { min?: number; trim?: boolean } = {}) {
  const { min = 1, trim = true } = options;
  return (trim ? z.string().trim() : z.string()).min(min).max(max).regex(NO_NUL, { error: NUL_REFUSED });
}

/** Optional text that may be cleared with null. */
export const optionalText = (max: number, options: { min?: number; trim?: boolean } = {}) =>
  text(max, options).nullable().optional();

export const IdParam = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
});

export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorBody } } },
  401: { description: 'No valid session', content: { 'application/json': { schema: ErrorBody } } },
  403: {
    description: 'The role does not allow this',
    content: { 'application/json': { schema: ErrorBody } },
  },
  404: { description: 'Not found in scope', content: { 'application/json': { schema: ErrorBody } } },
} as const;
