/**
 * PurgeTxnLog against ZooKeeper 3.9.5: which files purge removes (PurgeTxnTest's layouts), the
 * retain count's lower bound (COUNT_ERR_MSG; QuorumPeerConfig resets autopurge.snapRetainCount
 * below 3 to 3), and the `purge` StorageOp in both stores (in memory and IndexedDB) giving the
 * same image.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { IdbDurableStore, serverDbName } from '../../src/runtime/IdbDurableStore';
import {
  InMemoryDurableStore,
  applyStorageOps,
  emptyImage,
  type DurableImage,
  type StorageOp,
} from '../../src/zk/persistence/FileTxnSnapLog';
import {
  COUNT_ERR_MSG,
  effectiveSnapRetainCount,
  planPurge,
  purgedFileNames,
} from '../../src/zk/persistence/PurgeTxnLog';
import type { TxnRecord } from '../../src/zk/txn';

function txn(zxid: number): TxnRecord {
  return {
    hdr: { clientId: '0x0', cxid: 0, zxid, time: 0 },
    txn: {
      type: 'create',
      path: `/n${zxid.toString(16)}`,
      data: 'x',
      ephemeralOwner: '0x0',
      parentCVersion: 0,
    },
  };
}

function snapOp(zxid: number): StorageOp {
  return {
    op: 'snapshot',
    snap: { zxid, tree: { nodes: [], lastProcessedZxid: zxid }, sessions: [] },
  };
}

/** A dataDir holding `log.<l>` (one txn each, at l) and `snapshot.<s>` files. */
function dataDir(logs: number[], snaps: number[]): DurableImage {
  const img = emptyImage();
  const ops: StorageOp[] = [];
  for (const l of [...logs].sort((a, b) => a - b)) ops.push({ op: 'append', txn: txn(l), newFile: true });
  for (const s of snaps) ops.push(snapOp(s));
  applyStorageOps(img, ops);
  return img;
}

const names = (img: DurableImage) => ({
  logs: img.logs.map((f) => f.startZxid),
  snaps: img.snapshots.map((s) => s.zxid),
});

describe('PurgeTxnLog.purge', () => {
  it('refuses a count below 3 with COUNT_ERR_MSG', () => {
    const img = dataDir([1], [0]);
    expect(() => planPurge(img, 2)).toThrow('count should be greater than or equal to 3');
    expect(() => planPurge(img, 0)).toThrow(COUNT_ERR_MSG);
    expect(() => planPurge(img, 3)).not.toThrow();
  });

  it('autopurge.snapRetainCount below 3 is reset to 3 (QuorumPeerConfig), others are kept', () => {
    expect([0, 1, 2, 3, 4, 10].map(effectiveSnapRetainCount)).toEqual([3, 3, 3, 3, 4, 10]);
  });

  it('PurgeTxnTest.testSnapFilesGreaterThanToRetain: removes older snapshots and logs, keeps the log before the oldest kept snapshot', () => {
    // createDataDirFiles: to purge log.3 snap.2 log.1 snap.0; recent log.b snap.a … log.5 snap.4;
    // above them log.13 snap.12 … log.d snap.c
    const logs = [0x1, 0x3, 0x5, 0x7, 0x9, 0xb, 0xd, 0xf, 0x11, 0x13];
    const snaps = [0x0, 0x2, 0x4, 0x6, 0x8, 0xa, 0xc, 0xe, 0x10, 0x12];
    const img = dataDir(logs, snaps);
    const plan = planPurge(img, 8); // the 8 newest: snapshot.4 … snapshot.12
    expect(plan.leastZxidToBeRetain).toBe(0x4);
    expect(purgedFileNames(plan)).toEqual(['log.1', 'snapshot.0', 'snapshot.2']);
    applyStorageOps(img, [{ op: 'purge', logs: plan.logs, snapshots: plan.snapshots }]);
    expect(names(img)).toEqual({ logs: logs.slice(1), snaps: snaps.slice(2) });
  });

  it('keeps every log file when none starts at or below the oldest kept snapshot (getLogFiles from 0)', () => {
    const img = dataDir([0x5, 0x7], [0x1, 0x2, 0x3, 0x4]);
    const plan = planPurge(img, 3);
    expect(purgedFileNames(plan)).toEqual(['snapshot.1']);
  });

  it('with no more snapshots than the count, only logs older than the one before the oldest snapshot go', () => {
    const img = dataDir([0x1, 0x3, 0x6], [0x4, 0x7]);
    expect(purgedFileNames(planPurge(img, 3))).toEqual(['log.1']);
    expect(purgedFileNames(planPurge(dataDir([0x1], []), 3))).toEqual([]);
  });

  it('a log file that starts exactly at the oldest kept snapshot is the one kept; older ones go', () => {
    const img = dataDir([0x1, 0x4, 0x6], [0x3, 0x4, 0x6, 0x8]);
    expect(purgedFileNames(planPurge(img, 3))).toEqual(['log.1', 'snapshot.3']);
  });
});

describe('the purge StorageOp', () => {
  const opened: IdbDurableStore[] = [];
  afterEach(() => {
    for (const s of opened.splice(0)) s.close();
  });

  it('IndexedDB deletes the same files (records and all) as the in-memory store', async () => {
    const ops: StorageOp[] = [];
    for (const [z, newFile] of [
      [0x100000001, true],
      [0x100000002, false],
      [0x100000003, true],
      [0x100000004, true],
      [0x100000005, false],
    ] as const)
      ops.push({ op: 'append', txn: txn(z), newFile });
    for (const s of [0, 0x100000002, 0x100000003, 0x100000004, 0x100000005]) ops.push(snapOp(s));
    const mem = new InMemoryDurableStore();
    mem.apply(ops);
    const plan = planPurge(mem.peek(), 3);
    expect(purgedFileNames(plan)).toEqual(['log.100000001', 'snapshot.0', 'snapshot.100000002']);
    const purge: StorageOp = { op: 'purge', logs: plan.logs, snapshots: plan.snapshots };
    mem.apply([purge]);

    const idb = await IdbDurableStore.open(serverDbName('purge-test', 1));
    opened.push(idb);
    await idb.apply(ops);
    await idb.apply([purge]);
    expect(await idb.image()).toEqual(mem.image());
    // the next append still goes to the open (newest) log file
    await idb.apply([{ op: 'append', txn: txn(0x100000006), newFile: false }]);
    mem.apply([{ op: 'append', txn: txn(0x100000006), newFile: false }]);
    expect(await idb.image()).toEqual(mem.image());
    expect(names(mem.image())).toEqual({
      logs: [0x100000003, 0x100000004],
      snaps: [0x100000003, 0x100000004, 0x100000005],
    });
  });
});
