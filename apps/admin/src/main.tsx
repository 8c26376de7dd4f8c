import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { currentLanguage, loadLanguage } from './lib/i18n';
import { createQueryClient } from './lib/query-client';
import { createAppRouter } from './router';
import { warmUp } from './warm-up';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

document.documentElement.lang = currentLanguage();
const queryClient = createQueryClient();
const router = createAppRouter({ queryClient });
warmUp(router, queryClient, window.location.pathname, window.location.search);

// a remembered English choice loads its strings first, so the first paint is already in English
void loadLanguage(currentLanguage())
  .catch(() => undefined) // offline: the default language's strings are built in
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App queryClient={queryClient} router={router} />
      </StrictMode>,
    ),
  );
