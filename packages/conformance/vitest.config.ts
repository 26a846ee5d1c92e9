import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vtiger/source'] },
  ssr: { resolve: { conditions: ['@vtiger/source'] } },
  test: {
    name: 'conformance',
    include: ['test/**/*.test.ts'],
  },
});
