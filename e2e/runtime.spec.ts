import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenarioText, traceHash } from '../src/sim/run';
import type { ServerCheck } from '../bench/harness/runtime-harness';
import { persistent } from './guards';

/**
 * The worker runtime in real Chromium (runtime-harness.html): every server in its own Web Worker
 * with its txn log and snapshots in IndexedDB, on a persistent (on-disk) profile.
 *  - the same scenario gives the same trace hash and summary as Node, also when the run is first
 *    replayed in-process and then handed to the workers (seeking);
 *  - what IndexedDB holds is what the servers report (log files, txns, snapshots, epochs);
 *  - workers terminated at random real moments under a write load lose no acknowledged write;
 *  - a reload keeps the ensemble, which resumes (recovering from IndexedDB) or is deleted;
 *  - IndexedDB refused, a worker that cannot start, a full quota: typed errors, in-memory fallback.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const scenarioText = (name: string): string =>
  readFileSync(path.join(ROOT, 'scenarios', 'reference', `${name}.json`), 'utf8');

function nodeRun(text: string) {
  const r = runScenarioText(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { hash: traceHash(r.traceJsonl), summary: r.summary, steps: r.sim.stepCount };
}

async function openHarness(page: Page): Promise<void> {
  await page.goto('/runtime-harness.html');
  await page.waitForFunction(() => typeof window.zablab === 'object');
}

function expectStorageAgrees(servers: ServerCheck[]): void {
  for (const s of servers) expect(s.disk, `S${s.sid}: IndexedDB vs the page's mirror`).toBe(s.mirror);
}

test.describe.configure({ mode: 'serial' });

for (const name of ['s8', 's12']) {
  test(`${name}: workers + IndexedDB give the same trace as Node`, async () => {
    const testInfo = test.info();
    test.setTimeout(120_000);
    const text = scenarioText(name);
    const node = nodeRun(text);
    const { page, done } = await persistent(testInfo);
    await openHarness(page);
    const r = await page.evaluate((t) => window.zablab.runScenario(t), text);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.kind).toBe('workers+indexeddb');
    expect(r.hash).toBe(node.hash);
    expect(r.summary).toEqual(node.summary);
    expect(r.stats!.bootMismatches).toEqual([]);
    expect(r.stats!.bootsVerified).toBeGreaterThanOrEqual(3);
    expect(r.stats!.errors).toEqual([]);
    expectStorageAgrees(r.servers);

    // seeking: replay in-process to a step, hand over to the workers, go on: still the same run
    for (const frac of [0.3, 0.7]) {
      const seekTo = Math.floor(node.steps * frac);
      const s = await page.evaluate(([t, n]) => window.zablab.runScenario(t, { seekTo: n }), [
        text,
        seekTo,
      ] as const);
      if (!s.ok) throw new Error(s.errors.join('\n'));
      expect(s.hash, `seek to ${seekTo}`).toBe(node.hash);
      expect(s.stats!.hydrateMismatches).toEqual([]);
      expect(s.stats!.hydrations).toBeGreaterThan(0);
      expectStorageAgrees(s.servers);
    }
    await done();
  });
}

test('IndexedDB holds what each server reports: log files, txns, snapshots, epochs', async () => {
  const testInfo = test.info();
  test.setTimeout(120_000);
  const { page, done } = await persistent(testInfo);
  await openHarness(page);
  const r = await page.evaluate((t) => window.zablab.runScenario(t), scenarioText('s8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  for (const s of r.servers) {
    // read the database with the plain IndexedDB API, not the runtime's own code
    const raw = await page.evaluate(
      async ([id, sid]) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(`zablab/${id}/server-${sid}`);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const all = <T>(store: string): Promise<T[]> =>
          new Promise((resolve, reject) => {
            const req = db.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result as T[]);
            req.onerror = () => reject(req.error);
          });
        const get = (key: string): Promise<number | undefined> =>
          new Promise((resolve, reject) => {
            const req = db.transaction('epochs').objectStore('epochs').get(key);
            req.onsuccess = () => resolve(req.result as number | undefined);
            req.onerror = () => reject(req.error);
          });
        const out = {
          stores: [...db.objectStoreNames],
          files: await all<{ fileNo: number; startZxid: number; name: string }>('logfiles'),
          txns: await all<{ seq: number; fileNo: number; zxid: number }>('txnlog'),
          snapshots: await all<{ zxid: number; name: string }>('snapshots'),
          acceptedEpoch: (await get('acceptedEpoch')) ?? null,
          currentEpoch: (await get('currentEpoch')) ?? null,
        };
        db.close();
        return out;
      },
      [r.ensembleId, s.sid] as const,
    );
    expect(raw.stores.sort()).toEqual(['epochs', 'logfiles', 'meta', 'snapshots', 'txnlog']);
    const unflushed = new Set(s.reported.unflushed);
    const reportedLogs = s.reported.logs
      .map((f) => ({ startZxid: f.startZxid, zxids: f.zxids.filter((z) => !unflushed.has(z)) }))
      .filter((f) => f.zxids.length > 0);
    const diskLogs = raw.files.map((f) => ({
      startZxid: f.startZxid,
      zxids: raw.txns.filter((t) => t.fileNo === f.fileNo).map((t) => t.zxid),
    }));
    expect(diskLogs, `S${s.sid} txn log`).toEqual(reportedLogs);
    for (const f of raw.files) expect(f.name).toBe(`log.${f.startZxid.toString(16)}`);
    expect(raw.snapshots.map((x) => x.zxid)).toEqual(s.reported.snapshots);
    for (const x of raw.snapshots) expect(x.name).toBe(`snapshot.${x.zxid.toString(16)}`);
    expect(raw.acceptedEpoch).toBe(s.reported.acceptedEpoch);
    expect(raw.currentEpoch).toBe(s.reported.currentEpoch);
    expect(raw.txns.length).toBeGreaterThan(0);
  }
  await done();
});

test('workers killed at random real moments lose no acknowledged write', async () => {
  const testInfo = test.info();
  test.setTimeout(300_000);
  const { page, done } = await persistent(testInfo);
  await openHarness(page);
  const r = await page.evaluate(() =>
    window.zablab.crashTest({ cycles: 60, minAcked: 101, voters: 5, clients: 5, seed: 3 }),
  );
  console.log(
    `crash test: ${r.cycles} crash/restart cycles, ${r.stats.hardKills} kills (${r.stats.hardKillsInCall} during a call: ` +
      `${r.stats.flushesLost} batches lost, ${r.stats.syncWritesLanded} blocking writes landed; ` +
      `${r.stats.flushedAhead} flushes heard before their commit, ${r.stats.diedBeforeLanding} deaths before ` +
      `one was known landed, ${r.stats.flushesRestored} databases written from the mirror then), ` +
      `${r.acked}/${r.attempted} ` +
      `(${r.reconnects} new sessions after one expired) ` +
      `writes acknowledged, ${r.steps} steps, ${(r.virtualMs / 1000).toFixed(1)} s virtual, ${(r.wallMs / 1000).toFixed(1)} s wall; ` +
      `shutdowns: ${JSON.stringify(r.shutdowns)}`,
  );
  if (r.traceOnViolation !== null)
    await testInfo.attach('trace.jsonl', { body: r.traceOnViolation, contentType: 'application/x-ndjson' });
  expect(r.errors).toEqual([]);
  expect(r.cycles).toBeGreaterThanOrEqual(50);
  expect(r.stats.hardKillsInCall).toBeGreaterThan(0);
  expect(r.acked).toBeGreaterThan(100);
  // 3.9.5 has no updatingEpoch file (ZOOKEEPER-1653 is 3.4-only): a server killed between the
  // synced txns' flush and currentEpoch refuses to start (QuorumPeer.loadDataBase), as ZooKeeper
  // does; the harness applies the operator's remedy (wipe its dataDir) and it rejoins by SNAP.
  // Every server ends synced, and each refusal was one the runtime reported
  testInfo.annotations.push({
    type: 'refused to start, wiped, rejoined',
    description: String(r.wipedAfterRefusal),
  });
  expect(r.refusalReports).toBeGreaterThanOrEqual(r.wipedAfterRefusal);
  expect(r.refusedToStart).toEqual([]);
  expect(r.syncedServers).toHaveLength(5);
  expect(r.missing).toEqual([]);
  expect(r.violations).toEqual([]);
  expect(r.stats.bootMismatches).toEqual([]);
  expect(r.storageMismatches).toEqual([]);
  await done();
});

test('a reload keeps the ensemble: resume recovers from IndexedDB, delete removes it', async () => {
  const testInfo = test.info();
  test.setTimeout(180_000);
  const text = scenarioText('s8');
  const node = nodeRun(text);
  const { page, done } = await persistent(testInfo);
  await openHarness(page);

  // continue: the processes are re-created as they were; the run is the one Node gives
  const a = await page.evaluate(([t, n]) => window.zablab.startSaved(t, n), [
    text,
    Math.floor(node.steps * 0.45),
  ] as const);
  await page.reload();
  await page.waitForFunction(() => typeof window.zablab === 'object');
  const listed = await page.evaluate(() => window.zablab.listEnsembles());
  expect(listed.map((e) => e.id)).toContain(a.id);
  const saved = listed.find((e) => e.id === a.id)!;
  expect(saved.step).toBeGreaterThan(0);
  expect(saved.voters).toBe(3);
  const c = await page.evaluate((id) => window.zablab.resumeSaved(id, 'continue'), a.id);
  expect(c.warnings).toEqual([]);
  expect(c.step0).toBeGreaterThanOrEqual(saved.step);
  expect(c.hash).toBe(node.hash);
  expectStorageAgrees(c.servers);

  // recover: the reload killed every process; the servers restart from what they wrote
  const b = await page.evaluate(([t, n]) => window.zablab.startSaved(t, n), [
    text,
    Math.floor(node.steps * 0.6),
  ] as const);
  await page.reload();
  await page.waitForFunction(() => typeof window.zablab === 'object');
  const rec = await page.evaluate((id) => window.zablab.resumeSaved(id, 'recover'), b.id);
  expect(rec.warnings).toEqual([]);
  expect(rec.stats!.bootMismatches).toEqual([]);
  expect(rec.stats!.bootsVerified).toBeGreaterThanOrEqual(3);
  expect(rec.summary.violations).toEqual([]);
  expect(rec.summary.leader).not.toBeNull();
  // every write acknowledged before the reload survived the restart of the whole ensemble
  for (const s of rec.summary.servers.filter((x) => x.zabState === 'BROADCAST'))
    for (const p of ['/a1', '/a2', '/a3']) expect(Object.keys(s.tree), `S${s.sid}`).toContain(p);
  expectStorageAgrees(rec.servers);

  await page.evaluate(
    async (ids) => {
      for (const id of ids) await window.zablab.deleteEnsemble(id);
    },
    [a.id, b.id],
  );
  const after = await page.evaluate(() => window.zablab.listEnsembles());
  expect(after.map((e) => e.id)).not.toContain(a.id);
  expect(after.map((e) => e.id)).not.toContain(b.id);
  const dbs = await page.evaluate(() => indexedDB.databases());
  expect(dbs.map((d) => d.name).filter((n) => n?.startsWith(`zablab/${a.id}/`))).toEqual([]);
  await done();
});

test('IndexedDB refused, a worker that cannot start, a full quota, storage failing mid-run: typed errors', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const text = scenarioText('s12');
  const node = nodeRun(text);

  // a private window that refuses IndexedDB
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
  });
  await openHarness(page);
  const noIdb = await page.evaluate(() => window.zablab.probe({}));
  expect(noIdb.kind).toBe('in-memory');
  expect(noIdb.warning?.code).toBe('indexeddb-unavailable');
  expect(noIdb.warning?.meaning).toMatch(/in memory/);
  const mem = await page.evaluate((t) => window.zablab.runScenario(t), text);
  if (!mem.ok) throw new Error(mem.errors.join('\n'));
  expect(mem.kind).toBe('in-memory');
  expect(mem.hash).toBe(node.hash);
  await ctx.close();

  // a worker script that does not load
  const ctx2 = await browser.newContext();
  const page2 = await ctx2.newPage();
  await openHarness(page2);
  const badWorker = await page2.evaluate(() => window.zablab.probe({ badWorker: true }));
  expect(badWorker.kind).toBe('in-memory');
  expect(badWorker.warning?.code).toBe('worker-failed');

  await ctx2.close();

  // the origin's quota is used up: the start-up check says so, and the run goes in memory
  const p3 = await persistent(testInfo);
  await p3.page.goto('/runtime-harness.html');
  const cdp = await p3.ctx.newCDPSession(p3.page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(p3.page.url()).origin, quotaSize: 1 });
  await p3.page.waitForFunction(() => typeof window.zablab === 'object');
  const full = await p3.page.evaluate(() => window.zablab.probe({}));
  expect(full.kind).toBe('in-memory');
  expect(full.warning?.code).toBe('quota-exceeded');
  expect(full.warning?.meaning).toMatch(/Delete saved ensembles/);
  await p3.done();

  // storage fails under running servers (here: the ensemble is deleted while it runs): each server
  // that cannot write its log stops with a typed error, as ZooKeeper's SyncRequestProcessor does,
  // and the error says the database was deleted (storage-diverged, with the wipe/restore remedies)
  const { page: page4, done } = await persistent(testInfo);
  await openHarness(page4);
  const { h, id } = await page4.evaluate((t) => window.zablab.openRun(t), text);
  await page4.evaluate((x) => window.zablab.advanceRun(x, 60), h);
  await page4.evaluate((x) => window.zablab.deleteEnsemble(x), id);
  const broken = await page4.evaluate((x) => window.zablab.finishRun(x), h);
  const failed = broken.errors.filter((e) => e.code === 'storage-diverged');
  expect(failed.length).toBeGreaterThan(0);
  expect(failed[0].sid).toBeGreaterThan(0);
  expect(failed[0].detail).toMatch(/was deleted .* while the server was running/);
  expect(failed[0].meaning).toMatch(/deleted or changed outside the app/);
  expect(broken.summary.servers.some((x) => x.state === 'DOWN')).toBe(true);
  expect(broken.summary.violations).toEqual([]);
  await done();
});
