import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start servers and child processes share 2 cores; keep them from starving each other.
    maxWorkers: 2,
    // The browser tests load the built screens: build them first when the sources changed.
    globalSetup: ['apps/window-display/scripts/ensure-built.ts', 'apps/kiosk/scripts/ensure-built.ts'],
  },
});
