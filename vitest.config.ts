import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Tests are type-checked by `npm run typecheck`; vitest only runs them.
    testTimeout: 20_000,
    pool: 'forks',
  },
});
