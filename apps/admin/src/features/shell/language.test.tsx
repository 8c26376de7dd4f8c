import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY, readStoredLanguage } from '../../lib/i18n';
import { meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, givenSession, server } from '../../testing/server';

describe('language switch', () => {
  it('switches the whole UI to English, remembers it, and asks the API in English', async () => {
    givenSession(meAs('district_admin'));
    const { user } = renderApp('/communities');
    expect(await screen.findByRole('menuitem', { name: /社区/ })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '社区名称' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /English/ }));

    expect(await screen.findByRole('menuitem', { name: /Communities/ })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Name' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /New community/ })).toBeInTheDocument();
    expect(screen.queryByText('社区名称')).not.toBeInTheDocument();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(readStoredLanguage()).toBe('en');
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));

    let language: string | null = null;
    server.use(
      http.post(api('/auth/logout'), ({ request }) => {
        language = request.headers.get('accept-language');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await user.click(screen.getByRole('button', { name: 'User menu' }));
    await user.click(await screen.findByText('Log out'));
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(language).toBe('en');

    await user.click(screen.getByRole('button', { name: /中文/ }));
    expect(await screen.findByRole('button', { name: /登\s*录/ })).toBeInTheDocument();
  });
});
