import { Server as NetServer } from 'node:net';
import type { ServerType } from '@hono/node-server';

/**
 * Stopping without dropping a request (issue 13, "SIGTERM under load drains in-flight requests").
 *
 * node's `server.close()` stops listening AND destroys every connection it counts as idle — which includes a
 * connection accepted a moment ago whose request is still unread in the socket's buffer: its client gets a
 * reset for a request it had sent. And closing the listener resets the connections the kernel queued but the
 * event loop (busy with PGlite, say) has not accepted yet. So, in this order:
 *
 * 1. keep accepting until a poll phase of the event loop accepts nothing: the kernel queued connections before the
 *    signal that the busy loop had not taken yet, and libuv (1.46) takes one of them per poll phase (measured: a
 *    server paused with SIGSTOP while 60 clients connected, then SIGTERM and SIGCONT — closing after one poll
 *    phase reset 57 of them; this was CI's "9 of 60" and "13 of 60" under load). Bounded by `acceptWindowMs`, so clients that keep coming cannot hold it open;
 * 2. stop listening (net's close: new connections are refused, open ones stay);
 * 3. every response from now on says `Connection: close` (`draining` below), so a keep-alive connection
 *    closes after the request it carries;
 * 4. after a grace period, connections with no request in progress are closed, each time after a poll phase has
 *    read what they had sent (so a request on its way is parsed first and counts as in progress). The grace is for
 *    a client that connected before the signal but had not written its request yet (a busy client, a slow
 *    network): to the server that connection looks idle, and closing it at once resets a request already sent
 *    (not seen failing yet; a connection with nothing to say after that is closed);
 * resolves when the last connection has closed.
 */
export function drain(
  server: ServerType,
  sweepEveryMs = 200,
  graceMs = 2000,
  acceptWindowMs = 5000,
): Promise<void> {
  draining = true;
  return new Promise<void>((resolve) => {
    // from a timer, setImmediate runs after the loop's next poll phase: reads and accepts happen first
    const afterPoll = (then: () => void) => setTimeout(() => setImmediate(then), 0);
    let accepted = 0;
    const counted = () => {
      accepted++;
    };
    server.on('connection', counted);
    const until = Date.now() + acceptWindowMs;
    const acceptQueued = () => {
      const before = accepted;
      afterPoll(() => (accepted > before && Date.now() < until ? acceptQueued() : stopListening()));
    };
    const stopListening = () => {
      server.off('connection', counted);
      NetServer.prototype.close.call(server, () => {
        clearTimeout(grace);
        clearInterval(sweep);
        resolve();
      });
      const closeIdle = () => {
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      };
      let sweep: ReturnType<typeof setInterval> | undefined;
      const grace = setTimeout(() => {
        afterPoll(closeIdle);
        sweep = setInterval(() => setImmediate(closeIdle), sweepEveryMs);
      }, graceMs);
    };
    acceptQueued();
  });
}

let draining = false;

/** The app's fetch, telling clients to close their connection once the server is draining. */
export function closingWhenDraining<A extends unknown[]>(
  fetch: (request: Request, ...rest: A) => Response | Promise<Response>,
) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    const response = await fetch(request, ...rest);
    if (draining) {
      try {
        response.headers.set('connection', 'close');
      } catch {
        // a response with immutable headers: its connection is closed by the sweep once idle
      }
    }
    return response;
  };
}
