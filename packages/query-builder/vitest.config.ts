import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vtiger/source'] },
  ssr: { resolve: { conditions: ['@vtiger/source'] } },
  test: {
    name: 'query-builder',
    include: ['test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './test/tsconfig.json',
    },
  },
});
