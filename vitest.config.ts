import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Nest 12 ships ESM only; Vitest loads it natively while SWC compiles our TypeScript with decorator metadata,
// which Nest's dependency injection needs (esbuild does not emit it).
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@choice-sherpa\/events$/, replacement: path.resolve(__dirname, 'libs/events/src/index.ts') },
      { find: /^@choice-sherpa\/events\/(.*)$/, replacement: path.resolve(__dirname, 'libs/events/src/$1') },
      { find: /^@choice-sherpa\/platform$/, replacement: path.resolve(__dirname, 'libs/platform/src/index.ts') },
      { find: /^@choice-sherpa\/platform\/(.*)$/, replacement: path.resolve(__dirname, 'libs/platform/src/$1') },
    ],
  },
  test: {
    globals: true,
    // PostgreSQL and Redis for the run: the configured ones, else embedded PostgreSQL and redis-server from PATH.
    // Then every service log the run produced is checked for confidential text after it (README "Security").
    globalSetup: ['test/setup/test-infrastructure.ts', 'test/support/log-check.global-setup.ts'],
    include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'hosts/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
  plugins: [swc.vite({ module: { type: 'es6' } })],
});
