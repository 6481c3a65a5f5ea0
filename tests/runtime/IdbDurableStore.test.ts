/**
 * IdbDurableStore (a server's dataDir on IndexedDB) against the in-memory reference: the same ops give
 * the same DurableImage (log files, truncate, snapshots, epochs), a group-commit batch is one
 * transaction, and the position survives closing and reopening the database. Runs on fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { IdbDurableStore, logFileName, serverDbName } from '../../src/runtime/IdbDurableStore';
import {
  InMemoryDurableStore,
  applyStorageOps,
  emptyImage,
  truncateImage,
} from '../../src/zk/persistence/FileTxnSnapLog';
import type { DurableImage, StorageOp } from '../../src/zk/persistence/FileTxnSnapLog';
import type { TxnRecord } from '../../src/zk/txn';
import { txnChecksum } from '../../src/zk/persistence/Checksum';
import { makeZxid } from '../../src/zk/Zxid';

let dbCounter = 0;
const opened: IdbDurableStore[] = [];

async function fresh(): Promise<IdbDurableStore> {
  const s = await IdbDurableStore.open(serverDbName(`test-${++dbCounter}`, 1));
  opened.push(s);
  return s;
}

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  vi.restoreAllMocks();
});

function txn(zxid: number, tag = ''): TxnRecord {
  return {
    hdr: { clientId: '0x0', cxid: 0, zxid, time: 0 },
    txn: {
      type: 'create',
      path: `/n${zxid.toString(16)}${tag}`,
      data: 'x',
      ephemeralOwner: '0x0',
      parentCVersion: 0,
    },
  };
}

function append(zxid: number, newFile = false, tag = ''): StorageOp {
  return { op: 'append', txn: txn(zxid, tag), newFile };
}

function snapshot(zxid: number): StorageOp {
  return {
    op: 'snapshot',
    snap: {
      zxid,
      tree: { nodes: [{ path: '/', data: '', stat: stat(zxid) }], lastProcessedZxid: zxid },
      sessions: [['0x1', 30000]],
    },
  };
}

function stat(z: number) {
  return {
    czxid: 0,
    mzxid: z,
    ctime: 0,
    mtime: 0,
    version: 0,
    cversion: 0,
    aversion: 0,
    ephemeralOwner: '0x0',
    dataLength: 0,
    numChildren: 0,
    pzxid: z,
  };
}

function reference(batches: StorageOp[][]): DurableImage {
  const m = new InMemoryDurableStore();
  for (const b of batches) m.apply(b);
  return m.image();
}

describe('IdbDurableStore', () => {
  it('writes a group-commit batch in one IndexedDB transaction', async () => {
    const s = await fresh();
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const batch: StorageOp[] = [];
    for (let i = 1; i <= 200; i++) batch.push(append(makeZxid(1, i), i === 1));
    await s.apply(batch, { inc: 1, call: 1, step: 1, phase: 'flush', token: 1 });
    const rw = spy.mock.calls.filter((c) => c[1] === 'readwrite');
    expect(rw).toHaveLength(1);
    expect(s.transactions).toBe(1);
    const raw = await s.raw();
    expect(raw.txnlog).toHaveLength(200);
    expect(raw.lastTx).toEqual({ inc: 1, call: 1, step: 1, phase: 'flush', token: 1 });
  });

  it('keeps the log file boundaries ZooKeeper would have (log.<hex zxid of its first txn>)', async () => {
    const s = await fresh();
    const b1 = [append(makeZxid(1, 1), true), append(makeZxid(1, 2)), append(makeZxid(1, 3))];
    const b2 = [append(makeZxid(1, 4)), append(makeZxid(2, 1), true), append(makeZxid(2, 2))];
    await s.apply(b1);
    await s.apply(b2);
    const raw = await s.raw();
    expect(raw.logfiles.map((f) => f.name)).toEqual(['log.100000001', 'log.200000001']);
    expect(raw.txnlog.map((r) => [r.fileNo, r.zxid])).toEqual([
      [1, makeZxid(1, 1)],
      [1, makeZxid(1, 2)],
      [1, makeZxid(1, 3)],
      [1, makeZxid(1, 4)],
      [2, makeZxid(2, 1)],
      [2, makeZxid(2, 2)],
    ]);
    expect(await s.image()).toEqual(reference([b1, b2]));
    expect(logFileName(0)).toBe('log.0');
  });

  it('an append without a file opens one (the first append after boot)', async () => {
    const s = await fresh();
    await s.apply([append(5), append(6)]);
    expect((await s.raw()).logfiles.map((f) => f.name)).toEqual(['log.5']);
    expect(await s.image()).toEqual(reference([[append(5), append(6)]]));
  });

  it('truncates like truncateImage: keeps the first txn ≥ target, drops later txns and files', async () => {
    const base = [
      append(makeZxid(1, 1), true),
      append(makeZxid(1, 2)),
      append(makeZxid(1, 3)),
      append(makeZxid(2, 1), true),
      append(makeZxid(2, 2)),
      append(makeZxid(3, 1), true),
    ];
    for (const target of [
      0,
      makeZxid(1, 2),
      makeZxid(1, 3) + 5,
      makeZxid(2, 2),
      makeZxid(3, 1),
      makeZxid(9, 9),
    ]) {
      const s = await fresh();
      await s.apply(base);
      await s.apply([{ op: 'truncate', zxid: target }]);
      const img = reference([base]);
      truncateImage(img, target);
      expect(await s.image()).toEqual(img);
      // the next append without newFile goes into the last kept file, as with applyStorageOps
      await s.apply([append(makeZxid(4, 1))]);
      applyStorageOps(img, [append(makeZxid(4, 1))], true);
      expect(await s.image()).toEqual(img);
    }
  });

  it('keeps a zxid twice when the log holds it twice (TRUNC quirk, then a new file at that zxid)', async () => {
    const s = await fresh();
    const ops: StorageOp[] = [
      append(makeZxid(1, 1), true, 'a'),
      append(makeZxid(1, 2), false, 'a'),
      { op: 'truncate', zxid: 0 },
      append(makeZxid(1, 1), true, 'b'),
      append(makeZxid(1, 2), false, 'b'),
    ];
    await s.apply(ops);
    const img = reference([ops]);
    expect(img.logs.map((f) => f.txns.length)).toEqual([1, 2]);
    expect(await s.image()).toEqual(img);
    expect((await s.raw()).logfiles.map((f) => f.name)).toEqual(['log.100000001', 'log.100000001']);
  });

  it('snapshots are keyed by zxid (same zxid overwrites), epochs are files', async () => {
    const s = await fresh();
    const ops: StorageOp[] = [
      snapshot(0),
      { op: 'epoch', file: 'currentEpoch', value: 0 },
      { op: 'epoch', file: 'acceptedEpoch', value: 1 },
      snapshot(makeZxid(1, 3)),
      snapshot(makeZxid(1, 1)),
      snapshot(makeZxid(1, 3)),
      { op: 'epoch', file: 'currentEpoch', value: 1 },
    ];
    await s.apply(ops.slice(0, 3));
    await s.apply(ops.slice(3));
    expect(await s.image()).toEqual(reference([ops]));
    expect((await s.raw()).snapshots.map((x) => x.name)).toEqual([
      'snapshot.0',
      'snapshot.100000001',
      'snapshot.100000003',
    ]);
  });

  it('a snapshot with a znode ACL (digest, ip) reads back equal: the stored shape knows acl', async () => {
    // a digest-protected lock (preset acl-lock, the chaos ACL stream) in a snapshot used to be
    // refused at load as "damaged: snap.tree.nodes.1: Unrecognized key: acl"
    const s = await fresh();
    const acl = [
      { perms: 31, id: { scheme: 'digest', id: 'alice:pP6kVv0h+ukZo1ofJEy5rAo6Ho8=' } },
      { perms: 1, id: { scheme: 'ip', id: '10.0.0.0/8' } },
    ];
    const op: StorageOp = {
      op: 'snapshot',
      snap: {
        zxid: 5,
        tree: {
          nodes: [
            { path: '/', data: '', stat: stat(5) },
            { path: '/lock', data: 'x', stat: stat(5), acl },
          ],
          lastProcessedZxid: 5,
        },
        sessions: [],
      },
    };
    await s.apply([op]);
    expect(await s.image()).toEqual(reference([[op]]));
    expect((await s.image()).snapshots[0].tree.nodes[1].acl).toEqual(acl);
  });

  it('an aborted transaction leaves nothing and keeps the append position', async () => {
    const s = await fresh();
    await s.apply([append(makeZxid(1, 1), true)]);
    const bad = {
      op: 'append',
      txn: { ...txn(makeZxid(1, 2)), fn: () => 0 },
      newFile: false,
    } as unknown as StorageOp;
    await expect(s.apply([append(makeZxid(1, 2)), bad])).rejects.toMatchObject({
      error: { code: 'storage-failed' },
    });
    expect(await s.image()).toEqual(reference([[append(makeZxid(1, 1), true)]]));
    await s.apply([append(makeZxid(1, 2))]);
    expect(await s.image()).toEqual(reference([[append(makeZxid(1, 1), true), append(makeZxid(1, 2))]]));
  });

  it('replace() writes an image that reads back equal, and reopening continues where it was', async () => {
    const name = serverDbName(`reopen-${++dbCounter}`, 2);
    const s = await IdbDurableStore.open(name);
    const ops = [snapshot(0), append(makeZxid(1, 1), true), append(makeZxid(1, 2))];
    const img = reference([ops]);
    await s.replace(img, { inc: 3, call: 0, step: 10, phase: 'hydrate' });
    expect(await s.image()).toEqual(img);
    s.close();
    const again = await IdbDurableStore.open(name);
    opened.push(again);
    await again.apply([append(makeZxid(1, 3))]);
    applyStorageOps(img, [append(makeZxid(1, 3))], true);
    expect(await again.image()).toEqual(img);
    expect((await again.raw()).lastTx).toMatchObject({ phase: 'hydrate', step: 10 });
    await again.replace(emptyImage());
    expect(await again.image()).toEqual(emptyImage());
  });

  it('opens a version-1 database (txnlog indexed by fileNo too): drops that index, keeps the data', async () => {
    const name = serverDbName(`v1-${++dbCounter}`, 1);
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        const d = req.result;
        const log = d.createObjectStore('txnlog', { keyPath: 'seq' });
        log.createIndex('zxid', 'zxid');
        log.createIndex('fileNo', 'fileNo');
        d.createObjectStore('logfiles', { keyPath: 'fileNo' });
        d.createObjectStore('snapshots', { keyPath: 'zxid' });
        d.createObjectStore('epochs');
        d.createObjectStore('meta');
        log.put({ seq: 1, fileNo: 1, zxid: makeZxid(1, 1), txn: txn(makeZxid(1, 1)) });
        req
          .transaction!.objectStore('logfiles')
          .put({ fileNo: 1, startZxid: makeZxid(1, 1), name: logFileName(makeZxid(1, 1)) });
      };
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const s = await IdbDurableStore.open(name);
    opened.push(s);
    await s.apply([{ op: 'append', txn: txn(makeZxid(1, 2)), newFile: false }]);
    expect((await s.image()).logs).toEqual([
      {
        startZxid: makeZxid(1, 1),
        txns: [txn(makeZxid(1, 1)), txn(makeZxid(1, 2))],
        // the old record has no checksum (taken as it is), the new one was written with one
        crcs: [txnChecksum(txn(makeZxid(1, 1))), txnChecksum(txn(makeZxid(1, 2)))],
      },
    ]);
    s.close();
    const names = await new Promise<string[]>((resolve) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        const d = req.result;
        const idx = [...d.transaction('txnlog').objectStore('txnlog').indexNames];
        d.close();
        resolve(idx);
      };
    });
    expect(names).toEqual(['zxid']);
  });

  it('any sequence of ops, in any batches, gives the image InMemoryDurableStore gives', async () => {
    type Mk = (z: { e: number; c: number }) => StorageOp;
    const opArb: fc.Arbitrary<Mk> = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.boolean().map(
          (nf): Mk =>
            (z) =>
              append(makeZxid(z.e, ++z.c), nf),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.boolean().map((b): Mk => (z) => {
          z.e++;
          z.c = 0;
          return append(makeZxid(z.e, ++z.c), b);
        }),
      },
      {
        weight: 1,
        arbitrary: fc
          .nat(6)
          .map((d): Mk => (z) => ({ op: 'truncate', zxid: makeZxid(z.e, Math.max(0, z.c - d)) })),
      },
      { weight: 1, arbitrary: fc.constant<Mk>(() => ({ op: 'truncate', zxid: 0 })) },
      {
        weight: 1,
        arbitrary: fc.nat(3).map(
          (d): Mk =>
            (z) =>
              snapshot(makeZxid(z.e, Math.max(0, z.c - d))),
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom<'acceptedEpoch' | 'currentEpoch'>('acceptedEpoch', 'currentEpoch')
          .map((file): Mk => (z) => ({ op: 'epoch', file, value: z.e })),
      },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(opArb, fc.nat(3)), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        async (steps, reopen) => {
          const z = { e: 1, c: 0 };
          const batches: StorageOp[][] = [[]];
          for (const [mk, cut] of steps) {
            batches[batches.length - 1].push(mk(z));
            if (cut === 0) batches.push([]);
          }
          const name = serverDbName(`prop-${++dbCounter}`, 1);
          let s = await IdbDurableStore.open(name);
          for (const [i, b] of batches.entries()) {
            await s.apply(b);
            if (reopen && i % 2 === 1) {
              s.close();
              s = await IdbDurableStore.open(name);
            }
          }
          const got = await s.image();
          s.close();
          expect(got).toEqual(reference(batches));
        },
      ),
      { numRuns: 60 },
    );
  });
});
