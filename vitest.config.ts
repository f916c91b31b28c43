import { defineConfig } from 'vitest/config';

/** Files named *.pg.test.ts need a PostgreSQL server; CI's second pass sets PARLEY_TEST_DATABASE_URL. */
const postgresOnly = process.env.PARLEY_TEST_DATABASE_URL ? [] : ['**/*.pg.test.ts'];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', ...postgresOnly],
    include: [
      'packages/*/{src,test}/**/*.test.ts',
      'apps/*/{src,test}/**/*.test.ts',
      'e2e/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
