import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chrome or Chromium usually is, when a machine has one of its own. */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * The browser for the tests: CHROMIUM_PATH, else a system Chrome or Chromium, else the Chromium that
 * the @sparticuz/chromium devDependency ships (so `npm install` alone is enough on a fresh machine).
 * `SYSTEM_BROWSERS=none` skips the system ones, to check that last path.
 */
export async function browserPath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const system =
    env.SYSTEM_BROWSERS === 'none' ? undefined : SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return system;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/** A headless browser with the flags a machine with a closed network needs (no background requests). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await browserPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--no-zygote',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
