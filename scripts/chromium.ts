/**
 * The headless Chromium the benches and the Playwright config launch: the flags that work on this
 * machine and CI, and where the browser is (the same order as scripts/e2e.mjs, which also installs
 * one when there is none and passes its choice on as $ZABLAB_CHROMIUM).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** $ZABLAB_CHROMIUM or $CHROMIUM_PATH, then Playwright's own browser, then the system's. */
export function findChromium(): string {
  const fromEnv = process.env.ZABLAB_CHROMIUM || process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return fromEnv;
    throw new Error(`the Chromium named in the environment ("${fromEnv}") is not an executable file`);
  }
  try {
    const own = chromium.executablePath();
    if (own && isExecutableFile(own)) return own;
  } catch {
    // not installed
  }
  for (const p of SYSTEM_CHROMIUMS) if (isExecutableFile(p)) return p;
  throw new Error('No Chromium found: set CHROMIUM_PATH or install chromium (see scripts/e2e.mjs).');
}
