import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// One config for every unit and conformance test. Files that need a DOM opt in with a
// `// @vitest-environment happy-dom` docblock; everything else runs in Node.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'lib/**/*.test.{ts,tsx}',
      'components/**/*.test.{ts,tsx}',
      'entrypoints/**/*.test.{ts,tsx}',
      'e2e/sim/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    mockReset: true,
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
