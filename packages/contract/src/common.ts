import { z } from '@hono/zod-openapi';

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
