import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vtiger/source'] },
  ssr: { resolve: { conditions: ['@vtiger/source'] } },
  test: {
    name: 'cli',
    include: ['test/**/*.test.ts'],
    // Each case starts the built CLI as a child process, several times.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
