/**
 * Stored data that can be trusted (issue 14): checksums as ZooKeeper keeps them (FileTxnLog's
 * txnEntryCRC, SnapStream's seal), a server that refuses to start on a bad record (naming the file
 * and the zxid), the operator's remedy (wipe the dataDir → SNAP), and every stored shape checked
 * on load with an error naming the database, the store and the key.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { readFileSync } from 'node:fs';
import { adler32, snapshotChecksum, txnChecksum } from '../../src/zk/persistence/Checksum';
import { InMemoryDurableStore, restoreCheck } from '../../src/zk/persistence/FileTxnSnapLog';
import type { StorageOp } from '../../src/zk/persistence/FileTxnSnapLog';
import { IdbDurableStore, serverDbName } from '../../src/runtime/IdbDurableStore';
import { isRuntimeFailure } from '../../src/runtime/errors';
import { parseScenario } from '../../src/sim/Scenario';
import { runScenarioText, traceHash, traceToJsonl } from '../../src/sim/run';
import { Simulation } from '../../src/sim/Simulation';
import type { TxnRecord } from '../../src/zk/txn';
import { makeZxid } from '../../src/zk/Zxid';

const CORRUPT_FOLLOWER = readFileSync('scenarios/storage/corrupt-follower.json', 'utf8');

function txn(zxid: number, data = 'x'): TxnRecord {
  return {
    hdr: { clientId: '0x0', cxid: 0, zxid, time: 5 },
    txn: { type: 'create', path: `/n${zxid.toString(16)}`, data, ephemeralOwner: '0x0', parentCVersion: 0 },
  };
}

const append = (zxid: number, newFile = false): StorageOp => ({ op: 'append', txn: txn(zxid), newFile });

function snapshot(zxid: number): StorageOp {
  return {
    op: 'snapshot',
    snap: { zxid, tree: { nodes: [], lastProcessedZxid: zxid }, sessions: [] },
  };
}

describe('checksums (FileTxnLog txnEntryCRC, SnapStream seal)', () => {
  it('adler32 is java.util.zip.Adler32 over UTF-8', () => {
    expect(adler32('')).toBe(1);
    expect(adler32('Wikipedia')).toBe(0x11e60398);
    // 'é' is two bytes in UTF-8 (0xc3 0xa9): a = 1 + 0xc3 + 0xa9, b = (1 + 0xc3) + a
    expect(adler32('é')).toBe(((1 + 0xc3 + (1 + 0xc3 + 0xa9)) << 16) | (1 + 0xc3 + 0xa9));
    // long input (past zlib's NMAX) still reduces correctly
    const long = 'z'.repeat(100_000);
    let a = 1;
    let b = 0;
    for (let i = 0; i < long.length; i++) {
      a = (a + 122) % 65521;
      b = (b + a) % 65521;
    }
    expect(adler32(long)).toBe(((b << 16) | a) >>> 0);
  });

  it('does not depend on the order of an object’s keys', () => {
    const t = txn(makeZxid(1, 1));
    const reordered: TxnRecord = {
      txn: { ...t.txn },
      hdr: { time: 5, zxid: t.hdr.zxid, cxid: 0, clientId: '0x0' },
    };
    expect(txnChecksum(reordered)).toBe(txnChecksum(t));
    expect(txnChecksum(txn(makeZxid(1, 1), 'y'))).not.toBe(txnChecksum(t));
  });

  it('a disk keeps one checksum per record; a process’s own copy keeps none', () => {
    const store = new InMemoryDurableStore();
    store.apply([snapshot(0), append(makeZxid(1, 1), true), append(makeZxid(1, 2))]);
    const img = store.image();
    expect(img.logs[0].crcs).toEqual([txnChecksum(txn(makeZxid(1, 1))), txnChecksum(txn(makeZxid(1, 2)))]);
    expect(img.snapshots[0].checksum).toBe(snapshotChecksum(img.snapshots[0]));
    expect(restoreCheck(img)).toEqual({ ok: true, snapshot: 0, skipped: [] });
  });

  it('a flipped bit stops the load with "CRC check failed", naming the file and the zxid', () => {
    const store = new InMemoryDurableStore();
    store.apply([snapshot(0), append(makeZxid(1, 1), true), append(makeZxid(1, 2)), append(makeZxid(1, 3))]);
    expect(store.corrupt(makeZxid(1, 2))).toBe('log.100000001');
    expect(store.corrupt(makeZxid(7, 7))).toBeNull();
    expect(restoreCheck(store.image())).toEqual({
      ok: false,
      reason: 'CRC check failed in log.100000001 at zxid 0x100000002',
      file: 'log.100000001',
      zxid: makeZxid(1, 2),
    });
  });

  it('a log file wholly below the snapshot is not read (FileTxnIterator starts at snapZxid + 1)', () => {
    const store = new InMemoryDurableStore();
    store.apply([snapshot(0), append(makeZxid(1, 1), true), append(makeZxid(1, 2))]);
    store.apply([append(makeZxid(2, 1), true), append(makeZxid(2, 2), true), snapshot(makeZxid(2, 2))]);
    store.corrupt(makeZxid(1, 2));
    // log.100000001 lies below log.200000001, the last file starting before 0x200000003
    expect(restoreCheck(store.image()).ok).toBe(true);
    // log.200000001 too: the reader starts at log.200000002, the last file starting below it
    store.corrupt(makeZxid(2, 1));
    expect(restoreCheck(store.image()).ok).toBe(true);
    // a txn at or below the snapshot in that file is still read (fast-forwarded through) and checked
    store.corrupt(makeZxid(2, 2));
    expect(restoreCheck(store.image())).toMatchObject({ ok: false, file: 'log.200000002' });
  });

  it('a snapshot whose seal does not match is skipped for an older one; none valid refuses', () => {
    const store = new InMemoryDurableStore();
    store.apply([snapshot(0), append(makeZxid(1, 1), true), snapshot(makeZxid(1, 1))]);
    const img = store.image();
    img.snapshots[1].tree.nodes.push({
      path: '/evil',
      data: 'x',
      stat: {
        czxid: 0,
        mzxid: 0,
        ctime: 0,
        mtime: 0,
        version: 0,
        cversion: 0,
        aversion: 0,
        ephemeralOwner: '0x0',
        dataLength: 1,
        numChildren: 0,
        pzxid: 0,
      },
    });
    expect(restoreCheck(img)).toEqual({ ok: true, snapshot: 0, skipped: ['snapshot.100000001'] });
    img.snapshots[0].sessions.push(['0x5', 1]);
    expect(restoreCheck(img)).toMatchObject({
      ok: false,
      reason: 'Not able to find valid snapshots (CRC corruption in snapshot.100000001, snapshot.0)',
    });
  });
});

describe('a corrupted follower refuses to start, then rejoins by SNAP after its dataDir is wiped', () => {
  const run = runScenarioText(CORRUPT_FOLLOWER);
  if (!run.ok) throw new Error(run.errors.join('\n'));

  it('refuses to start, naming the server, the file and the zxid; the others go on', () => {
    const refusal = run.trace.find((e) => e.ev === 'shutdown' && e.sid === 2 && e.t >= 1700);
    expect(refusal).toEqual({
      t: 1700,
      ev: 'shutdown',
      sid: 2,
      reason: 'Unable to load database on disk: CRC check failed in log.100000001 at zxid 0x100000002',
    });
    // the write made while S2 was refusing committed on the other two
    const set = run.summary.clients.find((c) => c.cmd === 'set /a again');
    expect(set).toMatchObject({ ok: true, zxid: '0x100000004' });
  });

  it('after the wipe it is SNAP-synced and holds the same tree as the others', () => {
    expect(run.trace.some((e) => e.ev === 'wipe' && e.sid === 2)).toBe(true);
    const snap = run.summary.syncs.filter((s) => s.learner === 2 && s.mode === 'SNAP');
    expect(snap.length).toBe(1);
    const trees = run.summary.servers.map((s) => JSON.stringify(s.tree));
    expect(new Set(trees).size).toBe(1);
    expect(run.summary.servers.find((s) => s.sid === 2)?.tree['/a']?.data).toBe('again');
    expect(run.summary.violations).toEqual([]);
  });

  it('is deterministic, and the same faults done as user actions replay the same (links, resume)', () => {
    const again = runScenarioText(CORRUPT_FOLLOWER);
    if (!again.ok) throw new Error('parse');
    expect(traceHash(again.traceJsonl)).toBe(traceHash(run.traceJsonl));
    const parsed = parseScenario(CORRUPT_FOLLOWER);
    if (!parsed.ok) throw new Error('parse');
    const base = {
      ...parsed.scenario,
      actions: parsed.scenario.actions.filter((a) => !('wipe' in a || 'corrupt' in a || 'restart' in a)),
    };
    // done by hand, between steps, as the app's buttons do
    const live = new Simulation(base);
    const stepTo = (t: number) => {
      while (live.now < t && live.step());
    };
    stepTo(1600);
    live.act({ corrupt: { sid: 2, zxid: '0x100000002' } });
    live.act({ restart: [2] });
    stepTo(2500);
    live.act({ wipe: { sid: 2 } });
    live.act({ restart: [2] });
    live.runToEnd();
    expect(
      live.trace.some((e) => e.ev === 'shutdown' && e.sid === 2 && /CRC check failed/.test(e.reason)),
    ).toBe(true);
    // replayed from the recorded actions, as a link or a resume does
    const replay = new Simulation(base, live.recorded);
    replay.runToEnd();
    expect(traceHash(traceToJsonl(replay.trace))).toBe(traceHash(traceToJsonl(live.trace)));
  });

  it('the scenario format reads the actions and explains a bad one', () => {
    const bad = JSON.parse(CORRUPT_FOLLOWER) as { actions: unknown[] };
    bad.actions.push({ at: 5000, corrupt: { sid: 2, zxid: '100000002' } });
    bad.actions.push({ at: 5000, corrupt: { sid: 9, zxid: '0x100000002' } });
    bad.actions.push({ at: 5000, wipe: { sid: 2, now: true } });
    const r = parseScenario(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/corrupt\.zxid.*"0x", lower-case hex/);
    expect(r.errors.join('\n')).toMatch(/corrupt\.sid: 9 is not a server of this ensemble/);
    expect(r.errors.join('\n')).toMatch(/unknown key "now"/);
  });
});

describe('every stored shape is checked on load (IndexedDB)', () => {
  let n = 0;
  async function storeWith(ops: StorageOp[]): Promise<{ s: IdbDurableStore; name: string }> {
    const name = serverDbName(`trust-${++n}`, 1);
    const s = await IdbDurableStore.open(name, { sid: 1 });
    await s.apply(ops);
    return { s, name };
  }

  it('records carry their checksum; a record changed by hand is refused by the load', async () => {
    const { s, name } = await storeWith([snapshot(0), append(makeZxid(1, 1), true), append(makeZxid(1, 2))]);
    const db = await openDB(name);
    const rec = (await db.get('txnlog', 2)) as { txn: TxnRecord; crc: number };
    expect(rec.crc).toBe(txnChecksum(txn(makeZxid(1, 2))));
    rec.txn.txn = { ...rec.txn.txn, data: 'HACKED' } as TxnRecord['txn'];
    await db.put('txnlog', rec);
    db.close();
    expect(restoreCheck(await s.image())).toMatchObject({
      ok: false,
      reason: 'CRC check failed in log.100000001 at zxid 0x100000002',
    });
    s.close();
  });

  it('garbage records give an error naming the database, store and key — never a TypeError', async () => {
    const garbage: [string, IDBValidKey | undefined, unknown, RegExp][] = [
      [
        'txnlog',
        undefined,
        { seq: 3, garbage: true },
        /store "txnlog", key 3: .*fileNo|store "txnlog", key 3/,
      ],
      [
        'txnlog',
        undefined,
        { seq: 4, fileNo: 1, zxid: 5, txn: { hdr: null } },
        /store "txnlog", key 4: txn\.hdr/,
      ],
      [
        'logfiles',
        undefined,
        { fileNo: 7, startZxid: -1, name: 'log.x' },
        /store "logfiles", key 7: startZxid/,
      ],
      [
        'snapshots',
        undefined,
        { zxid: 9, name: 'snapshot.9', snap: 'nope' },
        /store "snapshots", key 9: snap/,
      ],
      ['epochs', 'currentEpoch', 'one', /store "epochs", key "currentEpoch": \(the record\)/],
      ['epochs', 'updatingEpoch', 7, /key "updatingEpoch": 7 is neither 0 nor 1/],
      ['meta', 'lastTx', { inc: 'x' }, /store "meta", key "lastTx": inc/],
    ];
    for (const [store, key, value, want] of garbage) {
      const { s, name } = await storeWith([
        snapshot(0),
        append(makeZxid(1, 1), true),
        append(makeZxid(1, 2)),
      ]);
      const db = await openDB(name);
      await (key === undefined ? db.put(store, value) : db.put(store, value, key));
      db.close();
      const err = await s.image().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isRuntimeFailure(err), `${store}: ${String(err)}`).toBe(true);
      if (!isRuntimeFailure(err)) continue;
      expect(err.error.code).toBe('storage-corrupt');
      expect(err.error.detail).toContain(`database "${name}"`);
      expect(err.error.detail).toMatch(want);
      expect(err.error.sid).toBe(1);
      s.close();
    }
  });

  it('a record in a log file that does not exist is refused, not dropped', async () => {
    const { s, name } = await storeWith([snapshot(0), append(makeZxid(1, 1), true)]);
    const db = await openDB(name);
    await db.put('txnlog', { seq: 2, fileNo: 9, zxid: makeZxid(1, 2), txn: txn(makeZxid(1, 2)) });
    db.close();
    await expect(s.image()).rejects.toMatchObject({
      error: {
        code: 'storage-corrupt',
        detail: expect.stringMatching(/key 2: its log file 9 is not in "logfiles"/),
      },
    });
    s.close();
  });

  it('a write after the database was deleted says so (storage-diverged), naming the dataDir', async () => {
    const { s, name } = await storeWith([snapshot(0)]);
    await IdbDurableStore.delete(name);
    const err = await s.apply([append(makeZxid(1, 1), true)]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isRuntimeFailure(err)).toBe(true);
    if (!isRuntimeFailure(err)) return;
    expect(err.error).toMatchObject({
      code: 'storage-diverged',
      sid: 1,
      write: `dataDir of server 1 (${name})`,
    });
  });
});
