import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Namespace, capture and browser tests share the machine's network and Chromium: run files one by one.
    fileParallelism: false,
    reporters: ['default'],
  },
});
