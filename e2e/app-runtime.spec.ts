/**
 * The app on the browser runtime, end to end, as a student uses it: the header says where the
 * servers run; a run through Web Workers + IndexedDB gives the trace Node gives; a reload offers to
 * resume, and resuming restarts the servers from IndexedDB with every znode kept; the Storage panel
 * reads a server's database back and finds what the server reports; an old saved ensemble is
 * deleted with its databases; `?runtime=memory` and a browser that refuses IndexedDB run in memory,
 * clearly labelled. Screenshots go to the run's results folder (app-runtime-*.png).
 */
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { parseScenario, validateScenario } from '../src/sim/Scenario';
import { encodeLink } from '../src/share/link';
import { Simulation } from '../src/sim/Simulation';
import { traceHash, traceToJsonl } from '../src/sim/run';
import { failOnConsoleErrors, idle, persistent } from './guards';
import { evenPace } from './pace';

failOnConsoleErrors();
test.describe.configure({ mode: 'serial' });

const cards = (page: Page) => page.locator('.server-card');
const leaderCard = (page: Page) => page.locator('.server-card[data-role="LEADING"][data-phase="BROADCAST"]');
const badge = (page: Page) => page.getByTestId('runtime-badge');

function shot(name: string): string {
  return path.join(test.info().project.outputDir, `app-runtime-${name}.png`);
}

async function setPlaying(page: Page, on: boolean) {
  const play = page.getByTestId('play');
  const playing = (await play.getAttribute('aria-label')) === 'Pause';
  if (playing !== on) await play.click();
  await idle(page);
}

async function openPanel(page: Page, title: string) {
  await page.getByRole('tab', { name: title, exact: true }).click();
}

/** Plays at full speed until a leader broadcasts with all five servers synced, then pauses. */
async function playUntilSynced(page: Page) {
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('1000');
  await setPlaying(page, true);
  await expect(leaderCard(page)).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('.server-card[data-phase="BROADCAST"]')).toHaveCount(5, { timeout: 60_000 });
  await setPlaying(page, false);
}

/** Runs zkCli commands in the console panel; plays until each has its answer. */
async function zkCli(page: Page, commands: [string, string][]) {
  await openPanel(page, 'zkCli console');
  const input = page.getByTestId('console-input');
  for (const [cmd, answer] of commands) {
    await expect(input).toBeEnabled();
    await input.fill(cmd);
    await input.press('Enter');
    await setPlaying(page, true);
    await expect(page.getByTestId('console-transcript')).toContainText(answer, { timeout: 60_000 });
    await setPlaying(page, false);
  }
}

const ZNODES = ['/a', '/b', '/b/c'];

test('workers + IndexedDB: same trace as Node, read-back, reload → resume, delete', async () => {
  const testInfo = test.info();
  test.setTimeout(300_000);
  const { page, done } = await persistent(testInfo, { consoleErrors: true });
  await page.goto('/');
  await expect(cards(page)).toHaveCount(5);
  await idle(page);

  // a. where the servers run
  expect(await page.evaluate(() => window.__zablab!.runtime().kind)).toBe('workers+indexeddb');
  await expect(badge(page)).toHaveAccessibleName('Servers: Web Workers + IndexedDB');
  await expect(badge(page)).toContainText('Web Workers + IndexedDB');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await badge(page).click();
  const info = page.getByTestId('runtime-info');
  await expect(info).toContainText('Each server runs in its own Web Worker');
  await expect(info).toContainText('recovers from IndexedDB');
  const ensembleId = await page.evaluate(() => window.__zablab!.runtime().ensembleId);
  expect(ensembleId).toBeTruthy();
  await expect(info).toContainText(ensembleId!);
  await page.locator('.app-bar').screenshot({ path: shot('badge') });
  await info.screenshot({ path: shot('badge-info') });
  await page.keyboard.press('Escape');
  await expect(info).toHaveCount(0);
  // the lecture bar has the short badge
  await page.getByTestId('lecture-on').click();
  await expect(page.locator('.lecture-bar').getByTestId('runtime-badge')).toHaveAttribute(
    'title',
    'Servers: Web Workers + IndexedDB',
  );
  await page.locator('.lecture-bar').screenshot({ path: shot('badge-lecture') });
  await page.getByTestId('lecture-off').click();

  // start all, elect, write through the console
  await page
    .locator('.stage-toolbar')
    .getByRole('button', { name: /Start all/ })
    .click();
  await playUntilSynced(page);
  await zkCli(page, [
    ['create /a hello', 'Created /a'],
    ['create /b world', 'Created /b'],
    ['create /b/c deep', 'Created /b/c'],
  ]);
  await idle(page);

  // the same (scenario, recorded actions, step) in Node gives the same trace
  const h = await page.evaluate(() => window.__zablab!.history());
  const browserHash = await page.evaluate(() => window.__zablab!.traceHash());
  const parsed = parseScenario(h.scenario);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const sim = new Simulation(parsed.scenario, h.recorded);
  sim.runToStep(h.step);
  expect(sim.stepCount).toBe(h.step);
  expect(h.recorded.length).toBeGreaterThanOrEqual(4);
  expect(browserHash).toBe(traceHash(traceToJsonl(sim.trace)));

  // c. the Storage panel reads the leader's database back: it holds what the leader reports
  const leaderSid = Number(await leaderCard(page).getAttribute('data-sid'));
  await openPanel(page, 'Storage');
  const storage = page.getByTestId('panel-storage');
  await storage.getByTitle(new RegExp(`^Show server ${leaderSid} `)).click();
  const readback = page.getByTestId('idb-readback');
  await readback.getByRole('button', { name: 'Read back from IndexedDB' }).click();
  await expect(page.getByTestId('idb-verdict')).toHaveText(
    /IndexedDB holds exactly what this server reports as durable/,
  );
  await expect(readback).toContainText(`read at step ${h.step}`);
  await expect(readback.getByTestId('idb-log').first()).toContainText('log.100000001');
  await expect(readback).toContainText('currentEpoch');
  await readback.scrollIntoViewIfNeeded();
  await page.locator('aside.panels').screenshot({ path: shot('readback') });

  // b. reload: the saved ensemble is offered; resuming restarts the servers from IndexedDB
  await page.reload();
  const dialog = page.getByRole('dialog', { name: 'Resume where you left off?' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  const item = dialog.locator(`[data-testid="saved-item"][data-id="${ensembleId}"]`);
  await expect(item).toContainText('5 voters');
  await expect(item).toContainText(`step ${h.step.toLocaleString('en')}`);
  await expect(dialog).toContainText('txn log');
  await page.screenshot({ path: shot('dialog-en') });
  await item.getByRole('button', { name: /^Resume/ }).click();
  await expect(dialog).toHaveCount(0);
  await idle(page);
  await expect.poll(() => page.evaluate(() => window.__zablab!.runtime().ensembleId)).toBe(ensembleId);
  // the restarted servers are not synced yet
  await expect(page.locator('.server-card[data-phase="BROADCAST"]')).toHaveCount(0);
  await playUntilSynced(page);
  await idle(page);

  // the event log shows each server rebuilding its DataTree from what it wrote (zxid > 0)
  await openPanel(page, 'Event log');
  await page.getByTestId('log-kind').selectOption('ev:restore');
  const log = page.getByTestId('log-list');
  for (let sid = 1; sid <= 5; sid++)
    await expect(log).toContainText(
      new RegExp(`server ${sid} rebuilds its DataTree from disk, up to 1:[1-9]`),
    );

  // every znode written before the reload is on every server
  const summary = await page.evaluate(() => window.__zablab!.summary());
  expect(summary.servers).toHaveLength(5);
  for (const s of summary.servers) {
    expect(s.up, `server ${s.sid} is up`).toBe(true);
    for (const p of ZNODES) expect(Object.keys(s.tree), `server ${s.sid} has ${p}`).toContain(p);
  }
  expect(summary.servers.find((s) => s.sid === 1)!.tree['/a'].data).toBe('hello');
  expect(await page.evaluate(() => window.__zablab!.runtime().errors)).toEqual([]);

  // d. reload again and start fresh; the resumed ensemble is now an old one: delete it
  await page.reload();
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await dialog.getByTestId('start-fresh').click();
  await expect(dialog).toHaveCount(0);
  await idle(page);
  expect(await page.evaluate(() => window.__zablab!.runtime().ensembleId)).not.toBe(ensembleId);

  // the dialog in Chinese
  await page.getByRole('button', { name: '简体中文' }).click();
  await page.getByTestId('open-saved').click();
  const zh = page.getByRole('dialog', { name: '已保存的集群' });
  await expect(zh).toBeVisible();
  await expect(zh.locator(`[data-id="${ensembleId}"]`)).toContainText('5 个投票者');
  await page.screenshot({ path: shot('dialog-zh') });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'English' }).click();

  await page.getByTestId('open-saved').click();
  const saved = page.getByRole('dialog', { name: 'Saved ensembles' });
  const old = saved.locator(`[data-testid="saved-item"][data-id="${ensembleId}"]`);
  await expect(old).toBeVisible();
  await old.getByRole('button', { name: /^Delete/ }).click();
  await expect(old).toHaveCount(0);
  await expect(saved.getByRole('alert')).toHaveCount(0);
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  expect(names.filter((n) => n.startsWith(`zablab/${ensembleId}/`))).toEqual([]);
  await page.keyboard.press('Escape');
  await done();
});

test('a reload in the middle of a write load: after resuming, every acknowledged create is on every server', async () => {
  const testInfo = test.info();
  test.setTimeout(180_000);
  const { page, done } = await persistent(testInfo, { consoleErrors: true });
  const actions: Record<string, unknown>[] = [{ at: 0, start: [1, 2, 3, 4, 5] }];
  for (let i = 0; i < 80; i++)
    actions.push({
      at: 1000 + i * 25,
      client: { id: `c${i % 4}`, server: (i % 5) + 1, cmd: `create /w${i} x` },
    });
  const v = validateScenario({
    format: 1,
    title: 'Reload under load',
    seed: 11,
    ensemble: { voters: 5, observers: 0 },
    config: { latencyMs: [1, 3] },
    actions,
    until: 60_000,
  });
  if (!v.ok) throw new Error(v.errors.join('\n'));
  await page.goto(`/?s=${encodeLink({ scenario: v.scenario, recorded: [], step: 0 })}`);
  await idle(page);
  const ensembleId = await page.evaluate(() => window.__zablab!.runtime().ensembleId);
  expect(await page.evaluate(() => window.__zablab!.runtime().kind)).toBe('workers+indexeddb');
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('1000');
  await page.getByTestId('play').click();
  const acked = async () =>
    (await page.evaluate(() => window.__zablab!.summary().clients))
      .filter((c) => c.ok && c.at !== null && c.cmd.startsWith('create '))
      .map((c) => c.cmd.split(' ')[1]);
  await expect.poll(async () => (await acked()).length, { timeout: 90_000 }).toBeGreaterThanOrEqual(20);
  // every create any client has seen acknowledged, then the page goes away mid-play
  const before = await acked();
  expect(await page.evaluate(() => window.__zablab!.position().playing)).toBe(true);
  await page.reload();
  await idle(page);
  // a link chose what opened; the saved ensemble is one click away
  await page.getByTestId('open-saved').click();
  await page
    .locator(`[data-testid="saved-item"][data-id="${ensembleId}"]`)
    .getByRole('button', { name: /^Resume/ })
    .click();
  await idle(page);
  // A reload at a real moment may leave a server's database ahead of every step the page saved
  // (a call in flight wrote it; never acknowledged): the app then asks before rewriting a durable
  // write (EnsembleRun.checkStorage). Keeping what the disks hold is what ZooKeeper's servers do —
  // they recover from their own logs — and still nothing acknowledged may be missing.
  const ask = page.locator('[data-testid="runtime-error"][data-code="resume-disagrees"]');
  await expect
    .poll(
      async () =>
        (await ask.count()) > 0 ||
        (await page.evaluate(() => window.__zablab!.runtime().ensembleId)) === ensembleId,
    )
    .toBe(true);
  if ((await ask.count()) > 0) {
    await ask.locator('summary').click();
    const detail = (await ask.textContent()) ?? '';
    console.log(`resume asked: ${detail}`);
    testInfo.annotations.push({ type: 'resume asked', description: detail });
    await ask.locator('[data-action="keep"]').click();
    await idle(page);
  }
  await expect.poll(() => page.evaluate(() => window.__zablab!.runtime().ensembleId)).toBe(ensembleId);
  await playUntilSynced(page);
  await idle(page);
  const summary = await page.evaluate(() => window.__zablab!.summary());
  expect(summary.servers).toHaveLength(5);
  for (const s of summary.servers) {
    expect(s.up, `server ${s.sid} is up`).toBe(true);
    const missing = before.filter((p) => !(p in s.tree));
    expect(missing, `acknowledged creates missing on server ${s.sid}`).toEqual([]);
  }
  expect(summary.violations).toEqual([]);
  // a server whose database held writes of calls still in flight may have been rewritten or kept
  // (said so); nothing else may go wrong
  const errors = await page.evaluate(() => window.__zablab!.runtime().errors);
  expect(
    errors.filter((e) => !e.startsWith('resume-rewritten') && !e.startsWith('storage-diverged')),
  ).toEqual([]);
  testInfo.annotations.push({ type: 'rewritten on resume', description: String(errors.length) });
  await done();
});

test('?runtime=memory: the badge says in memory, there is no IndexedDB to read back', async ({ page }) => {
  await page.goto('/?runtime=memory');
  await idle(page);
  expect(await page.evaluate(() => window.__zablab!.runtime().kind)).toBe('in-memory');
  await expect(badge(page)).toHaveAccessibleName('Servers: in this page (memory)');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await badge(page).click();
  await expect(page.getByTestId('runtime-info')).toContainText('nothing survives a reload');
  await page.keyboard.press('Escape');
  await openPanel(page, 'Storage');
  await expect(page.getByTestId('idb-none')).toContainText('No IndexedDB');
  await page.getByTestId('open-saved').click();
  await expect(page.getByTestId('saved-ensembles')).toContainText(
    'Saved ensembles need the servers in Web Workers with IndexedDB',
  );
});

test('a browser that refuses IndexedDB: the fallback is labelled, and the app still runs', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    Object.defineProperty(IDBFactory.prototype, 'open', {
      configurable: true,
      value() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto('/');
  await idle(page);
  expect(await page.evaluate(() => window.__zablab!.runtime().kind)).toBe('in-memory');
  const banner = page.getByTestId('runtime-fallback');
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText(
    'In memory: the ensemble runs in this page, and nothing survives a reload.',
  );
  await expect(banner).toContainText('Browser storage is not available');
  await expect(banner).toContainText('refuses IndexedDB');
  await banner.getByText('Technical detail').click();
  await expect(banner).toContainText('SecurityError');
  await expect(badge(page)).toHaveAccessibleName('Servers: in memory — Browser storage is not available');
  await page.screenshot({ path: shot('fallback-en') });

  // the ensemble runs the same, in this page
  await page
    .locator('.stage-toolbar')
    .getByRole('button', { name: /Start all/ })
    .click();
  await playUntilSynced(page);

  // in Chinese, the banner is translated (the browser's detail stays as it is)
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(banner).toContainText('浏览器存储不可用');
  await expect(banner).toContainText('重新加载后什么都不会保留');
  await page.screenshot({ path: shot('fallback-zh') });

  // put away, the badge still says where the servers run
  await banner.getByRole('button', { name: '关闭' }).click();
  await expect(banner).toHaveCount(0);
  await expect(badge(page)).toContainText('在内存中');
});

test('a server worker that cannot start: the fallback says so, and the app still runs', async ({ page }) => {
  // the worker's script never arrives (a blocked or broken deployment)
  await page.route(/peer\.worker[^/]*\.js/, (route) => route.abort());
  await page.goto('/');
  await idle(page);
  expect(await page.evaluate(() => window.__zablab!.runtime().kind)).toBe('in-memory');
  const banner = page.getByTestId('runtime-fallback');
  await expect(banner).toContainText('A server process could not start');
  await expect(banner).toContainText('nothing survives a reload');
  await expect(badge(page)).toHaveAccessibleName('Servers: in memory — A server process could not start');
  await page
    .locator('.stage-toolbar')
    .getByRole('button', { name: /Start all/ })
    .click();
  await playUntilSynced(page);
});
