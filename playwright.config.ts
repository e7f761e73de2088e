// End-to-end tests in Debian's Chromium against the built server with a fresh embedded
// database. Browser downloads are not used: the system Chromium is required.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium))
  throw new Error(
    `Chromium is required for the end-to-end tests and was not found at ${chromium} (apt-get install chromium)`,
  );

const port = 8797;
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  workers: 1,
  // CI shares its machine: one retry there, so a test must fail twice to fail the run, and
  // the list names any test that needed it (flaky) for a look.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `rm -rf .tmp/e2e-data && node --import tsx src/server/main.ts`,
    env: { PORT: String(port), DATA_DIR: '.tmp/e2e-data' },
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
  },
});
