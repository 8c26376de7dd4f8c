import type { Community, Me } from '@gongfu/contract';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { COMMUNITIES } from './fixtures';

/** Every test starts with no handlers: each test declares the API it talks to (unhandled requests fail). */
export const server = setupServer();

const api = (path: string) => `*/api/v1${path}`;

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

/** A logged-in session as `me`, seeing `communities`. */
export function givenSession(me: Me, communities: Community[] = COMMUNITIES) {
  server.use(
    http.get(api('/me'), () => HttpResponse.json(me)),
    http.get(api('/communities'), () => HttpResponse.json({ items: communities, total: communities.length })),
    http.get(api('/communities/:id'), ({ params }) => {
      const found = communities.find((c) => c.id === params.id);
      return found
        ? HttpResponse.json(found)
        : HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
    }),
  );
}

export function givenNoSession() {
  server.use(
    http.get(api('/me'), () => HttpResponse.json(errorBody('unauthenticated', '请先登录'), { status: 401 })),
  );
}

export { api };
