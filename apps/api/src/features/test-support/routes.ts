import { Hono } from 'hono';
import { z } from 'zod';
import { clock, clockOffset, today } from '../../clock';
import type { AppEnv } from '../../context';
import { errorBody } from '../../errors';
import { fieldsOf } from '../../i18n/validation';
import { rejectCrossSite } from '../../middleware/cross-site';

const DAY_MS = 86_400_000;

/** At most ten years either way: enough for any disclosure period or deadline a flow waits for. */
const ClockMove = z.object({ offsetDays: z.number().int().min(-3650).max(3650) });

function state() {
  return { offsetDays: clockOffset.get() / DAY_MS, now: clock.now().toISOString(), today: today() };
}

/**
 * Browser flows' way to let time pass on a real server without sleeping: the business clock
 * (src/clock.ts) runs `offsetDays` whole days ahead of (or behind) real time. Mounted at `/api/test`
 * only when the server started with GONGFU_TEST_CLOCK=1 outside production (env.ts refuses to start
 * otherwise); without it every path here is a 404 like any unknown path. Not in the OpenAPI document.
 * Sessions keep real time, so a flow's login survives any move.
 *
 * - `GET /api/test/clock` — `{ offsetDays, now, today }`
 * - `POST /api/test/clock {"offsetDays": 6}` — sets the offset from real time (not cumulative)
 * - `DELETE /api/test/clock` — back to real time
 */
export const testClockRoutes = new Hono<AppEnv>()
  .use('*', rejectCrossSite)
  .get('/clock', (c) => c.json(state(), 200))
  .post('/clock', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json(errorBody(c, 'malformed_json'), 400);
    }
    const parsed = ClockMove.safeParse(body);
    if (!parsed.success) {
      return c.json(errorBody(c, 'validation_failed', fieldsOf(parsed.error.issues, c.get('lang'))), 400);
    }
    clockOffset.set(parsed.data.offsetDays * DAY_MS);
    c.get('log')?.warn({ offsetDays: parsed.data.offsetDays }, 'test clock moved');
    return c.json(state(), 200);
  })
  .delete('/clock', (c) => {
    clockOffset.reset();
    return c.json(state(), 200);
  });
