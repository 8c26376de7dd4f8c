import { serve } from '@hono/node-server';
import type { Env } from './env';

export interface ServerSettings {
  port: number;
  host: string;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
}

export function serverSettings(env: Env): ServerSettings {
  return {
    port: env.PORT,
    host: env.HOST,
    headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    maxConnections: env.MAX_CONNECTIONS,
  };
}

/**
 * Node's HTTP server with the app, bounded against slow clients: headers must arrive within
 * `headersTimeoutMs` and the whole request within `requestTimeoutMs` (node answers 408 and closes), checked
 * every second at most (node's default is every 30 s, which lets a slowloris hold sockets that long past
 * the timeout); past `maxConnections` open sockets new ones are refused at once. /api/health touches no
 * database, so it answers as long as a connection can be made.
 */
export function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  settings: ServerSettings,
  onListening?: (info: { port: number }) => void,
) {
  const server = serve(
    {
      fetch,
      port: settings.port,
      hostname: settings.host,
      serverOptions: {
        headersTimeout: settings.headersTimeoutMs,
        requestTimeout: settings.requestTimeoutMs,
        connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(settings.headersTimeoutMs / 2))),
      },
    },
    onListening,
  );
  server.maxConnections = settings.maxConnections;
  return server;
}
