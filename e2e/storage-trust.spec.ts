/**
 * Stored data that can be trusted (issues 14 and 15), end to end on Web Workers + IndexedDB:
 * a record corrupted by hand in IndexedDB makes that server refuse to start, naming the file and
 * the zxid (its card, the Storage panel, a banner), the others go on, and "wipe and rejoin" brings
 * it back by SNAP with the same tree; garbage records give a precise error (database, store, key),
 * not a worker crash; a database deleted while running is reported and recoverable; a resume asks
 * instead of rewriting a disk that disagrees; a full quota is one banner naming the saved-ensemble
 * record; two tabs on one ensemble: the second is told, takes over, and the first writes nothing
 * more. Screenshots (en, zh-CN) go to /tmp/shots/storage.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { encodeLink } from '../src/share/link';
import { validateScenario } from '../src/sim/Scenario';
import { failOnConsoleErrors, idle, persistent } from './guards';
import { evenPace } from './pace';

failOnConsoleErrors();

const SHOTS = '/tmp/shots/storage';
mkdirSync(SHOTS, { recursive: true });

/** Five voters, two znodes written at once: the story starts synced. */
function link(): string {
  const v = validateScenario({
    format: 1,
    title: 'Storage trust',
    seed: 11,
    ensemble: { voters: 5, observers: 0 },
    config: { tickTime: 200 },
    actions: [
      { at: 0, start: [1, 2, 3, 4, 5] },
      { at: 600, client: { id: 'c1', server: 1, cmd: 'create /a hello' } },
      { at: 700, client: { id: 'c1', cmd: 'create /b world' } },
    ],
    until: 600_000,
  });
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return `/?s=${encodeLink({ scenario: v.scenario, recorded: [], step: 0 })}`;
}

const card = (page: Page, sid: number) => page.locator(`.server-card[data-sid="${sid}"]`);
const broadcasting = (page: Page) => page.locator('.server-card[data-phase="BROADCAST"]');

async function setPlaying(page: Page, on: boolean) {
  const play = page.getByTestId('play');
  if (((await play.getAttribute('aria-label')) === 'Pause') !== on) await play.click();
  await idle(page);
}

/** Plays until both znodes are acknowledged on all five servers, then pauses. */
async function openSynced(page: Page): Promise<string> {
  await page.goto(link());
  await idle(page);
  expect(await page.evaluate(() => window.__zablab!.runtime().kind)).toBe('workers+indexeddb');
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('1000');
  await setPlaying(page, true);
  await expect
    .poll(
      async () => (await page.evaluate(() => window.__zablab!.summary().clients)).filter((c) => c.ok).length,
      {
        timeout: 60_000,
      },
    )
    .toBe(2);
  await expect(broadcasting(page)).toHaveCount(5, { timeout: 60_000 });
  await setPlaying(page, false);
  return (await page.evaluate(() => window.__zablab!.runtime().ensembleId))!;
}

async function menu(page: Page, sid: number, item: 'Crash' | 'Restart') {
  await card(page, sid).click();
  await page.getByRole('menuitem', { name: new RegExp(item) }).click();
  await idle(page);
}

/** Runs `f(db)` on a server's IndexedDB database in the page. */
async function onDb(page: Page, name: string, f: string): Promise<unknown> {
  return page.evaluate(
    async ({ name, f }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      try {
        const fn = new Function('db', `return (async () => { ${f} })()`) as (
          d: IDBDatabase,
        ) => Promise<unknown>;
        return await fn(db);
      } finally {
        db.close();
      }
    },
    { name, f },
  );
}

/** Every record of every server's database, as one string (to see whether anything wrote). */
async function allDbs(page: Page, id: string): Promise<string> {
  const out: unknown[] = [];
  for (let sid = 1; sid <= 5; sid++)
    out.push(
      await onDb(
        page,
        `zablab/${id}/server-${sid}`,
        `const names = [...db.objectStoreNames];
         const tx = db.transaction(names);
         const all = {};
         for (const n of names) all[n] = await new Promise((res) => { const r = tx.objectStore(n).getAll(); r.onsuccess = () => res(r.result); });
         return all;`,
      ),
    );
  return JSON.stringify(out);
}

async function treesEqual(page: Page) {
  const servers = await page.evaluate(() => window.__zablab!.summary().servers);
  const trees = servers.filter((s) => s.up).map((s) => JSON.stringify(s.tree));
  return { up: trees.length, distinct: new Set(trees).size, tree: servers[0]?.tree };
}

test('a record corrupted in IndexedDB: that server refuses to start naming the zxid, the others go on, wipe and rejoin brings it back by SNAP', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = await openSynced(page);
  await menu(page, 2, 'Crash');
  // change the data of /a in S2's stored log, as a bad disk (or a curious user) would
  const changed = await onDb(
    page,
    `zablab/${id}/server-2`,
    `const tx = db.transaction('txnlog', 'readwrite');
     const store = tx.objectStore('txnlog');
     const recs = await new Promise((res) => { const r = store.getAll(); r.onsuccess = () => res(r.result); });
     const rec = recs.find((r) => r.txn.txn.type === 'create' && r.txn.txn.path === '/a');
     rec.txn.txn.data = 'HACKED';
     store.put(rec);
     await new Promise((res) => (tx.oncomplete = res));
     return '0x' + rec.zxid.toString(16);`,
  );
  await menu(page, 2, 'Restart');
  await setPlaying(page, true);
  const refused = page.getByTestId('card-refused-2');
  await expect(refused).toBeVisible({ timeout: 30_000 });
  await setPlaying(page, false);
  // the card writes zxids as epoch:counter
  await expect(refused).toContainText(`CRC 1:${parseInt(String(changed), 16) - 0x100000000}`);
  await expect(refused).toHaveAttribute(
    'title',
    new RegExp(`CRC check failed in log\\.\\w+ at zxid ${String(changed)}`),
  );
  await expect(card(page, 2)).toHaveAttribute('data-role', 'DOWN');
  const banner = page.locator('[data-testid="runtime-error"][data-code="storage-corrupt"][data-sid="2"]');
  await expect(banner).toHaveCount(1);
  await expect(banner).toContainText(`zxid ${String(changed)}`);
  // the others go on: a leader and three followers broadcasting; no worker crashed
  await expect(broadcasting(page)).toHaveCount(4);
  const errors = await page.evaluate(() => window.__zablab!.runtime().errors);
  expect(errors.filter((e) => e.startsWith('worker-failed'))).toEqual([]);
  // the Storage panel names the failing record
  await card(page, 2).click();
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Storage', exact: true }).click();
  await expect(page.getByTestId('storage-bad-record')).toContainText(`zxid ${String(changed)}`);
  await page.screenshot({ path: `${SHOTS}/refused-en.png` });
  await page.locator('.lang-switch').getByRole('button', { name: '简体中文' }).click();
  await expect(refused).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/refused-zh-CN.png` });
  await page.locator('.lang-switch').getByRole('button', { name: 'English' }).click();

  // the operator's remedy: wipe the dataDir; the server rejoins and the leader sends a SNAP
  await banner.locator('[data-action="wipe"]').click();
  await idle(page);
  await setPlaying(page, true);
  await expect(broadcasting(page)).toHaveCount(5, { timeout: 60_000 });
  await setPlaying(page, false);
  const syncs = await page.evaluate(() => window.__zablab!.summary().syncs);
  expect(syncs.some((s) => s.learner === 2 && s.mode === 'SNAP')).toBe(true);
  const trees = await treesEqual(page);
  expect(trees).toMatchObject({ up: 5, distinct: 1 });
  expect(JSON.stringify(trees.tree)).toContain('hello');
  expect(JSON.stringify(trees.tree)).not.toContain('HACKED');
  // the wipe is a recorded action: a link replays it
  const recorded = await page.evaluate(() => window.__zablab!.history().recorded);
  expect(recorded.some((r) => 'wipe' in r.action && r.action.wipe.sid === 2)).toBe(true);
});

test('garbage records give a precise error, not a worker crash', async ({ page }) => {
  test.setTimeout(90_000);
  const id = await openSynced(page);
  await menu(page, 1, 'Crash');
  await onDb(
    page,
    `zablab/${id}/server-1`,
    `const tx = db.transaction('txnlog', 'readwrite');
     tx.objectStore('txnlog').put({ seq: 900, garbage: true });
     tx.objectStore('txnlog').put({ seq: 901, fileNo: 1, zxid: 'x', txn: null });
     await new Promise((res) => (tx.oncomplete = res));`,
  );
  await menu(page, 1, 'Restart');
  await setPlaying(page, true);
  const banner = page.locator('[data-testid="runtime-error"][data-code="storage-corrupt"][data-sid="1"]');
  await expect(banner).toHaveCount(1, { timeout: 30_000 });
  await setPlaying(page, false);
  await banner.locator('summary').click();
  await expect(banner).toContainText(`database "zablab/${id}/server-1", store "txnlog", key 900`);
  await expect(page.getByTestId('card-refused-1')).toContainText('txnlog 900');
  await expect(page.getByTestId('card-refused-1')).toHaveAttribute('title', /store "txnlog", key 900/);
  const rt = await page.evaluate(() => window.__zablab!.runtime());
  expect(rt.kind).toBe('workers+indexeddb');
  expect(rt.errors.filter((e) => e.startsWith('worker-failed'))).toEqual([]);
  expect(rt.errors.join('\n')).not.toMatch(/TypeError/);
  await expect(broadcasting(page)).toHaveCount(4);
  // the other remedy: restore S1's dataDir from the run's replay; it starts and catches up
  await banner.locator('[data-action="restore"]').click();
  await idle(page);
  await setPlaying(page, true);
  await expect(broadcasting(page)).toHaveCount(5, { timeout: 60_000 });
  await setPlaying(page, false);
  await expect(page.getByTestId('card-refused-1')).toHaveCount(0);
  expect(await treesEqual(page)).toMatchObject({ up: 5, distinct: 1 });
  const raw = await onDb(
    page,
    `zablab/${id}/server-1`,
    `return await new Promise((res) => { const r = db.transaction('txnlog').objectStore('txnlog').getAll(); r.onsuccess = () => res(r.result.filter((x) => x.garbage || x.txn === null).length); });`,
  );
  expect(raw).toBe(0);
});

test('a database deleted while running is reported (and at the next boot) and recoverable by wipe and rejoin', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = await openSynced(page);
  // what "clear site data" does to one server, while it runs
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.deleteDatabase(name);
        r.onsuccess = () => resolve();
        r.onerror = () => reject(r.error);
      }),
    `zablab/${id}/server-3`,
  );
  // a write: S3's next log append finds its database gone
  await page.getByRole('tab', { name: 'zkCli console', exact: true }).click();
  await page.getByTestId('console-input').fill('create /c after');
  await page.getByTestId('console-input').press('Enter');
  await setPlaying(page, true);
  await expect(page.getByTestId('console-transcript')).toContainText('Created /c', { timeout: 60_000 });
  const diverged = page.locator('[data-testid="runtime-error"][data-code="storage-diverged"][data-sid="3"]');
  await expect(diverged.first()).toBeVisible({ timeout: 30_000 });
  await setPlaying(page, false);
  await expect(card(page, 3)).toHaveAttribute('data-role', 'DOWN');
  await page.screenshot({ path: `${SHOTS}/diverged-en.png` });
  // restarted from the empty database it now has: the boot says so too (stats.bootMismatches)
  await menu(page, 3, 'Restart');
  await setPlaying(page, true);
  await expect
    .poll(
      () =>
        page.evaluate(() => window.__zablab!.runtime().errors.filter((e) => /empty dataDir/.test(e)).length),
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(0);
  await setPlaying(page, false);
  // recover: wipe (recorded) and rejoin by SNAP
  await diverged.first().locator('[data-action="wipe"]').click();
  await idle(page);
  await setPlaying(page, true);
  await expect(broadcasting(page)).toHaveCount(5, { timeout: 60_000 });
  await setPlaying(page, false);
  const trees = await treesEqual(page);
  expect(trees).toMatchObject({ up: 5, distinct: 1 });
  expect(Object.keys(trees.tree)).toEqual(expect.arrayContaining(['/a', '/b', '/c']));
});

test('a full quota is one banner naming the saved-ensemble record, not one per step', async ({ page }) => {
  test.setTimeout(90_000);
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'ensembles' && (window as unknown as { __full?: boolean }).__full)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await openSynced(page);
  await page.evaluate(() => ((window as unknown as { __full?: boolean }).__full = true));
  await setPlaying(page, true);
  await expect
    .poll(() => page.evaluate(() => window.__zablab!.position().step), { timeout: 30_000 })
    .toBeGreaterThan((await page.evaluate(() => window.__zablab!.position().step)) + 300);
  await setPlaying(page, false);
  const banners = page.locator('[data-testid="runtime-error"][data-code="quota-exceeded"]');
  await expect(banners).toHaveCount(1);
  await expect(banners).toContainText('saved-ensemble record');
  await expect(banners).not.toContainText('cannot write its log');
  await expect(page.getByRole('alert')).toHaveCount(1);
});

test('a resume asks instead of rewriting a disk that disagrees with the replay', async () => {
  test.setTimeout(120_000);
  const { page, done } = await persistent(test.info(), { consoleErrors: true });
  const id = await openSynced(page);
  await page.waitForTimeout(300); // the last save
  // S4's database vanished while the page was closed
  await page.goto('/?runtime=memory');
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve) => {
        const r = indexedDB.deleteDatabase(name);
        r.onsuccess = () => resolve();
      }),
    `zablab/${id}/server-4`,
  );
  await page.goto('/');
  const dialog = page.getByRole('dialog', { name: 'Resume where you left off?' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await dialog
    .locator(`[data-testid="saved-item"][data-id="${id}"]`)
    .getByRole('button', { name: /^Resume/ })
    .click();
  await idle(page);
  const ask = page.locator('[data-testid="runtime-error"][data-code="resume-disagrees"]');
  await expect(ask).toHaveCount(1, { timeout: 20_000 });
  await expect(ask).toContainText('Servers: 4');
  await ask.locator('summary').click();
  await expect(ask).toContainText('server 4: its database is empty');
  // nothing was rewritten: S4's database is still empty
  const s4 = await onDb(
    page,
    `zablab/${id}/server-4`,
    `if (!db.objectStoreNames.contains('txnlog')) return 0;
     return await new Promise((res) => { const r = db.transaction('txnlog').objectStore('txnlog').count(); r.onsuccess = () => res(r.result); });`,
  );
  expect(s4).toBe(0);
  await page.screenshot({ path: `${SHOTS}/resume-asks-en.png` });
  // keep what the disks hold: S4 recovers from its empty disk, and the banner says it diverged
  await ask.locator('[data-action="keep"]').click();
  await idle(page);
  await expect.poll(() => page.evaluate(() => window.__zablab!.runtime().ensembleId)).toBe(id);
  await expect(
    page.locator('[data-testid="runtime-error"][data-code="storage-diverged"][data-sid="4"]'),
  ).toHaveCount(1);
  await done();
});

test('two tabs on one ensemble: the second is told, takes over, and the first writes nothing more', async () => {
  test.setTimeout(150_000);
  const { ctx, page: a, done } = await persistent(test.info(), { consoleErrors: true });
  const id = await openSynced(a);
  const b = await ctx.newPage();
  await b.goto('/');
  const dialog = b.getByRole('dialog', { name: 'Resume where you left off?' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  // the list already says so
  await expect(dialog.locator(`[data-testid="saved-item"][data-id="${id}"]`)).toContainText(
    'running in another tab',
  );
  await dialog
    .locator(`[data-testid="saved-item"][data-id="${id}"]`)
    .getByRole('button', { name: /^Resume/ })
    .click();
  await idle(b);
  const told = b.locator('[data-testid="runtime-error"][data-code="owned-elsewhere"]');
  await expect(told).toHaveCount(1, { timeout: 20_000 });
  await b.screenshot({ path: `${SHOTS}/owned-elsewhere-en.png` });
  // nothing of A's ensemble was touched by B so far
  expect(await b.evaluate(() => window.__zablab!.runtime().ensembleId)).not.toBe(id);
  await told.locator('[data-action="take"]').click();
  await idle(b);
  await expect
    .poll(() => b.evaluate(() => window.__zablab!.runtime().ensembleId), { timeout: 20_000 })
    .toBe(id);
  // A stopped and says why
  const taken = a.locator('[data-testid="runtime-error"][data-code="taken-over"]');
  await expect(taken).toHaveCount(1, { timeout: 10_000 });
  await a.screenshot({ path: `${SHOTS}/taken-over-en.png` });
  // A's transport is off, and says why next to it
  await expect(a.getByTestId('play')).toBeDisabled();
  await expect(a.getByTestId('taken-over-note')).toBeVisible();
  // A writes nothing more: its play (button and key) and actions reach no database (B is paused)
  await idle(b);
  const before = await allDbs(b, id);
  await a.getByTestId('play').click({ force: true });
  await a.keyboard.press('Space');
  await a.waitForTimeout(1500);
  expect((await a.evaluate(() => window.__zablab!.position())).playing).toBe(false);
  expect(await allDbs(b, id)).toBe(before);
  // B runs the ensemble
  await setPlaying(b, true);
  await expect(broadcasting(b)).toHaveCount(5, { timeout: 60_000 });
  await setPlaying(b, false);
  // A takes it back from the note: its transport is on again, and B is told
  await a.getByTestId('taken-over-take-back').click();
  await expect(a.getByTestId('play')).toBeEnabled({ timeout: 20_000 });
  await expect(a.getByTestId('taken-over-note')).toHaveCount(0);
  await expect(b.locator('[data-testid="runtime-error"][data-code="taken-over"]')).toHaveCount(1, {
    timeout: 10_000,
  });
  await expect(b.getByTestId('play')).toBeDisabled();
  await done();
});
