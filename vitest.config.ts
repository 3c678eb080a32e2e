import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,bank-tools,proctoring,client}/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    // test/bench holds *.bench.ts (run by `npm run bench`); only its quick smoke test matches include.
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
