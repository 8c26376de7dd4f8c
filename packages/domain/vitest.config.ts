import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.config.shared';

export default defineConfig({
  test: {
    ...sharedTestConfig(import.meta.dirname),
    include: ['src/**/*.test.ts'],
    // A run that finds no test files must fail, not report green.
    passWithNoTests: false,
  },
});
