import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.config.shared';

export default defineConfig({
  test: {
    ...sharedTestConfig(import.meta.dirname),
    include: ['flows/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    // one browser, one server: flows run one after another
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
