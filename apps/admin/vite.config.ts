/// <reference types="vitest/config" />
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { sharedTestConfig } from '../../vitest.config.shared';

// The API serves the built admin at `/` and itself under `/api`; in dev, Vite proxies `/api` to it so the
// session cookie stays same-origin.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  const apiPort = env.API_PORT ?? '3000';
  return {
    plugins: [
      tanstackRouter({
        target: 'react',
        autoCodeSplitting: true,
        // loaders ride with their page's component: they import the feature's API modules, which otherwise sit in
        // the entry chunk every visitor of the login page downloads (budget 250 KB gzip, e2e bundle-budget)
        codeSplittingOptions: {
          defaultBehavior: [
            ['loader', 'component'],
            ['pendingComponent'],
            ['errorComponent'],
            ['notFoundComponent'],
          ],
        },
        routesDirectory: './src/routes',
        generatedRouteTree: './src/routeTree.gen.ts',
      }),
      react(),
    ],
    server: {
      port: 5173,
      strictPort: true,
      proxy: {
        '/api': { target: `http://localhost:${apiPort}`, changeOrigin: false },
      },
    },
    preview: {
      port: 4173,
      proxy: {
        '/api': { target: `http://localhost:${apiPort}`, changeOrigin: false },
      },
    },
    test: {
      ...sharedTestConfig(import.meta.dirname),
      environment: 'jsdom',
      setupFiles: ['./src/testing/setup.ts'],
      include: ['src/**/*.test.{ts,tsx}'],
      css: false,
      // generous: antd in jsdom is slow, and CI machines are shared (2 cores)
      testTimeout: 60_000,
      // "no tests" must fail the run, never pass it
      passWithNoTests: false,
    },
    build: {
      target: 'es2022',
      rolldownOptions: {
        // @gongfu/domain is pure rules without side effects (docs: engineering.md §2), but its top-level constants
        // (e.g. `KPI_DEFINITIONS.map(...)`) look impure to the bundler: say so, or one `can()` drags in every module.
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]domain[\\/]/.test(id) },
      },
      sourcemap: false,
      chunkSizeWarningLimit: 700,
    },
  };
});
