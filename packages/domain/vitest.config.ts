import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A run that finds no test files must fail, not report green.
    passWithNoTests: false,
  },
});
