import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import type { AppEnv, Deps } from './context';
import { errorBody, handleError, validationHook } from './errors';
import { apiTokenRoutes } from './features/api-tokens/routes';
import { authRoutes, meRoutes } from './features/auth/routes';
import { communityRoutes } from './features/communities/routes';
import { docsRoutes } from './features/docs/routes';
import { createExportRoutes } from './features/exports/routes';
import { publicRoutes } from './features/funds/public-routes';
import { fundRoutes } from './features/funds/routes';
import { healthRoutes } from './features/health/routes';
import { kpiRoutes } from './features/kpis/routes';
import { oversightRoutes } from './features/oversight/routes';
import { registerRoutes } from './features/register/routes';
import {
  attachmentBodyLimit,
  attachmentRoutes,
  isAttachmentUpload,
} from './features/reports/attachment-routes';
import { reportRoutes } from './features/reports/routes';
import { WORKBOOK_UPLOAD_PATHS, workbookBodyLimit, workbookRoutes } from './features/reports/workbook-routes';
import { testClockRoutes } from './features/test-support/routes';
import { platformRoutes, userRoutes } from './features/users/routes';
import { bearerToken } from './middleware/api-token';
import { limitBody } from './middleware/body-limit';
import { rejectCrossSite } from './middleware/cross-site';
import { idempotency } from './middleware/idempotency';
import { jsonInOneWrite } from './middleware/json-wire';
import { requestContext } from './middleware/request-context';
import { revalidated } from './middleware/revalidate';
import { securityHeaders } from './middleware/security-headers';
import { loadSession } from './middleware/session';
import { finishOpenApiDocument } from './openapi-document';
import { serveAdmin } from './static-admin';

export type { Deps } from './context';

/**
 * The composition root: every feature's router mounted under /api, one error shape, and the admin app
 * at `/`. Tests call `createApp(deps).request(...)`; the server hands the same app to node.
 */
export function createApp(deps: Deps) {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.use('*', requestContext(deps));
  // JSON and text bodies gzip/deflate when the client accepts it (the admin's assets come precompressed)
  api.use('*', compress());
  // …but a JSON answer is measured and, when worth it, gzipped in one call before compress() sees it
  api.use('*', jsonInOneWrite);
  api.use('*', (c, next) => {
    // Set before the handler, so it is in the answer c.json builds: compress() adds it after the handler
    // with c.header(), which rebuilds a finished answer around its body as a stream — @hono/node-server then
    // pumps it chunk by chunk instead of writing the string at once (issue 14's profile: ~10 % of a list's CPU)
    c.header('Vary', 'Accept-Encoding');
    return next();
  });
  // uploads of filled report templates (5 MB) and of report attachments (10 MB) have their own, larger limits;
  // every other body the 1 MB one.
  // GET and HEAD have no body to limit (@hono/node-server never reads one for them): reading c.req.raw.body
  // there would make it build a whole fetch Request for nothing
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : WORKBOOK_UPLOAD_PATHS.includes(c.req.path)
        ? workbookBodyLimit(c, next)
        : isAttachmentUpload(c.req.method, c.req.path)
          ? attachmentBodyLimit(c, next)
          : limitBody(c, next),
  );
  api.use('/v1/*', async (c, next) => {
    await next();
    // the authenticated API's answers are the user's data: no cache keeps them (the public board, outside
    // /v1, sets its own). Registered before idempotency, so this runs after it has stored the answer.
    // On the response's headers, not c.header(): after the handler, c.header() rebuilds the response
    // around its body as a stream, which @hono/node-server then pumps chunk by chunk (the slow path)
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // KPI answers: an ETag and private, no-cache instead (inside the no-store step, so it sees theirs)
  api.use('/v1/kpis/*', revalidated);
  api.use('/v1/*', rejectCrossSite);
  api.use('/v1/*', bearerToken(deps.apiTokenRateLimit));
  api.use('/v1/*', loadSession);
  api.use('/v1/*', idempotency);

  api.route('/', healthRoutes);
  api.route('/docs', docsRoutes);
  api.route('/v1/auth', authRoutes);
  api.route('/v1', meRoutes);
  api.route('/v1/communities', communityRoutes);
  api.route('/v1', registerRoutes);
  api.route('/v1', workbookRoutes);
  api.route('/v1', attachmentRoutes);
  api.route('/v1', reportRoutes);
  api.route('/v1', fundRoutes);
  api.route('/v1', oversightRoutes);
  api.route('/v1', kpiRoutes);
  api.route('/v1', userRoutes);
  api.route('/v1', platformRoutes);
  api.route('/v1', apiTokenRoutes);
  // an export reads its view through the view's own route, in-process, as the same caller (ADR 0018)
  api.route(
    '/v1',
    createExportRoutes((request) => api.fetch(request)),
  );
  api.route('/public', publicRoutes);
  // browser flows only (GONGFU_TEST_CLOCK=1, never with NODE_ENV=production): moves the business clock
  if (deps.testClock) api.route('/test', testClockRoutes);

  // the generated document, finished in one place: security, the middleware's error answers, operationIds
  api.get('/openapi.json', (c) =>
    c.json(
      finishOpenApiDocument(
        api.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: '共富 Gongfu API',
            version: '0.1.0',
            description:
              'District-wide oversight of community economy. Sessions are cookies set by POST /api/v1/auth/login. ' +
              'Errors are `{ error: { code, message, fields? } }`, in the language of Accept-Language (zh-CN default, en).',
          },
          servers: [{ url: '/api' }],
        }),
      ),
    ),
  );
  api.onError(handleError);

  const app = new OpenAPIHono<AppEnv>();
  // CSP, framing, Referrer-Policy, nosniff for everything: the admin app, the docs and the API
  app.use('*', securityHeaders);
  app.route('/api', api);
  if (deps.adminDist) {
    const admin = serveAdmin(deps.adminDist);
    app.get('*', admin);
  }
  // a mounted router's notFound is not consulted: the outer app answers unknown paths
  app.notFound((c) => c.json(errorBody(c, 'not_found'), 404));
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
