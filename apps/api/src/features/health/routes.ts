import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { errorBody } from '../../errors';
import { createRouter } from '../../router';

const Health = z.object({ status: z.literal('ok') }).openapi('Health');
const Ready = z
  .object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) })
  .openapi('Ready');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['operations'],
  summary: 'The process is alive (does not touch the database)',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: Health } } } },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['operations'],
  summary: 'The database answers',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Ready } } },
    503: { description: 'The database does not answer' },
  },
});

const READY_TIMEOUT_MS = 2000;

export const healthRoutes = createRouter()
  .openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(readyRoute, async (c) => {
    const { db, dbKind } = c.get('deps');
    try {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
      return c.json({ status: 'ready' as const, database: dbKind }, 200);
    } catch (error) {
      c.get('log').warn({ err: error }, 'readiness check failed');
      return c.json(errorBody(c, 'unavailable'), 503);
    }
  });
