import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20000,
    // removes the temp folders each test file made (test/temp.ts)
    setupFiles: ['test/setup.ts'],
  },
});
