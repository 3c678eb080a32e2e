import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,bank-tools,proctoring,client}/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
