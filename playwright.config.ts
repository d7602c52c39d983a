import { defineConfig } from '@playwright/test';

// Every spec launches the built extension (.output/chrome-mv3-e2e) in Debian's Chromium against
// the simulators started in-process by the fixtures. One worker: each test has its own browser
// profile, and two cores are not enough for parallel Chromium instances to stay fast.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
