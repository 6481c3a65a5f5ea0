#!/usr/bin/env node
/**
 * Runs the Playwright e2e suite (e2e/**) against a Chromium found on this machine.
 *
 *   node scripts/e2e.mjs [playwright test args…]     e.g. `node scripts/e2e.mjs e2e/smoke.spec.ts`
 *
 * Chromium is looked for, in order:
 *   1. $CHROMIUM_PATH
 *   2. Playwright's own browser (`npx playwright install chromium`), if it is on disk
 *   3. /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome
 *   4. as root on Debian/Ubuntu: `apt-get install chromium`
 * The chosen binary goes to playwright.config.ts as $ZABLAB_CHROMIUM.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function log(msg) {
  console.log(`[e2e] ${msg}`);
}

function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    return p && isExecutableFile(p) ? p : null;
  } catch {
    return null;
  }
}

function aptInstallChromium() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
  if (!isRoot || !hasApt) return false;
  log('no Chromium found; installing Debian chromium with apt-get (this takes a minute)…');
  const run = (args) =>
    spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  const update = run(['update']);
  if (update.status !== 0) log(`apt-get update exited with ${update.status}; trying the install anyway`);
  const install = run(['install', '-y', '-o', 'DPkg::Lock::Timeout=600', 'chromium']);
  return install.status === 0;
}

async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return { path: fromEnv, how: '$CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH is set to "${fromEnv}", which is not an executable file.`);
  }
  const own = await playwrightChromium();
  if (own) return { path: own, how: "Playwright's installed browser" };
  for (const p of SYSTEM_CHROMIUMS) if (isExecutableFile(p)) return { path: p, how: 'system browser' };
  if (aptInstallChromium()) {
    for (const p of SYSTEM_CHROMIUMS)
      if (isExecutableFile(p)) return { path: p, how: 'installed with apt-get' };
  }
  return null;
}

const found = await findChromium().catch((e) => {
  console.error(`[e2e] ${e.message}`);
  process.exit(2);
});
if (!found) {
  console.error(
    [
      '[e2e] No Chromium found. Get one of these, then run again:',
      '  - npx playwright install chromium            (Playwright’s own build; needs its download host)',
      '  - sudo apt-get install -y chromium           (Debian/Ubuntu; gives /usr/bin/chromium)',
      '  - CHROMIUM_PATH=/path/to/chrome npm test     (any Chromium or Chrome you already have)',
    ].join('\n'),
  );
  process.exit(2);
}
log(`Chromium: ${found.path} (${found.how})`);

const cli = path.join(path.dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
const child = spawn(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  // ZABLAB_HARNESS: the build the tests run against includes runtime-harness.html (vite.config.ts)
  env: { ...process.env, ZABLAB_CHROMIUM: found.path, ZABLAB_HARNESS: '1' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
