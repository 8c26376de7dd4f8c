import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.config.shared';

export default defineConfig({
  test: {
    ...sharedTestConfig(import.meta.dirname),
    include: ['flows/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    // one browser, one server: flows run one after another
    fileParallelism: false,
    // a flow waits up to 30 s for one screen; several screens make a flow
    testTimeout: 180_000,
  },
});
