/**
 * Debian's Chromium driven by playwright-core, for the reader's browser tests. Never downloads a
 * browser: it uses /usr/bin/chromium (or FEEDKEEPER_CHROMIUM). Where none is installed the tests
 * skip, except under CI, where a missing browser is a failure (.ci/run installs it).
 * The flags keep Chromium off the network: this machine reaches nothing but loopback.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.FEEDKEEPER_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser tests can run here; throws under CI when they cannot. */
export function haveChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`browser tests need Chromium at ${CHROMIUM} (apt-get install chromium); CI must install it`);
  return false;
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Playwright gives each launch a fresh, empty profile of its own (removed on close). */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
