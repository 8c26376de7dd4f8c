import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { currentLanguage } from './lib/i18n';
import { createQueryClient } from './lib/query-client';
import { createAppRouter } from './router';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

document.documentElement.lang = currentLanguage();
const queryClient = createQueryClient();
const router = createAppRouter({ queryClient });

createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} router={router} />
  </StrictMode>,
);
