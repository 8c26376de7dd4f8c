import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.config.shared';

export default defineConfig({
  test: {
    ...sharedTestConfig(import.meta.dirname),
    include: ['src/**/*.test.ts'],
  },
});
