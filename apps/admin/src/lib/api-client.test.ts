import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { api, errorBody, server } from '../testing/server';
import { ApiError, apiRequest } from './api-client';
import { changeLanguage } from './i18n';

describe('apiRequest', () => {
  it('throws an ApiError with the status, code, message and field errors of the error body', async () => {
    server.use(
      http.post(api('/communities'), () =>
        HttpResponse.json(errorBody('validation_failed', '请求内容有误', { name: '必填' }), { status: 400 }),
      ),
    );
    const error = await apiRequest('/communities', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: '请求内容有误',
      fields: { name: '必填' },
    });
  });

  it('sends the UI language, JSON content type on writes, and resolves 204 with undefined', async () => {
    await changeLanguage('en');
    const seen: Record<string, string | null>[] = [];
    server.use(
      http.post(api('/auth/logout'), ({ request }) => {
        seen.push({
          language: request.headers.get('accept-language'),
          type: request.headers.get('content-type'),
          mode: request.credentials,
        });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await expect(apiRequest('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
    expect(seen).toEqual([{ language: 'en', type: 'application/json', mode: 'same-origin' }]);
  });

  it('turns a non-JSON failure into an ApiError in the UI language', async () => {
    server.use(http.get(api('/me'), () => new HttpResponse('<html>Bad gateway</html>', { status: 502 })));
    const error = await apiRequest('/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'http_502', message: '服务暂时不可用，请稍后再试' });
  });
});
