import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vtiger/source'] },
  ssr: { resolve: { conditions: ['@vtiger/source'] } },
  test: {
    name: 'exporter',
    include: ['test/**/*.test.ts'],
  },
});
