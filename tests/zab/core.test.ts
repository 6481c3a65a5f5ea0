/**
 * Unit tests of the core's smaller parts: group commit (SyncRequestProcessor), the scheduler's
 * queue, the seeded PRNG, zxid helpers, the §5.2 boot checks, and per-link FIFO delivery.
 */
import { describe, expect, it } from 'vitest';
import { SyncRequestProcessor } from '../../src/zk/SyncRequestProcessor';
import type { StorageOp } from '../../src/zk/persistence/FileTxnSnapLog';
import { applyStorageOps, emptyImage, truncateImage } from '../../src/zk/persistence/FileTxnSnapLog';
import { EventQueue } from '../../src/sim/EventQueue';
import { Random } from '../../src/zk/Random';
import { makeZxid, zxidFromHex, zxidToHex, zxidToEpochCounter, getEpochFromZxid } from '../../src/zk/Zxid';
import { QuorumPeer } from '../../src/zk/QuorumPeer';
import { DataTree } from '../../src/zk/DataTree';
import type { PeerConfig } from '../../src/zk/QuorumPeer';
import type { TxnRecord } from '../../src/zk/txn';
import { makeScenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';

const rec = (zxid: number): TxnRecord => ({
  hdr: { clientId: '0x1', cxid: 1, zxid, time: 0 },
  txn: { type: 'setData', path: '/a', data: 'x', version: 0 },
});

describe('SyncRequestProcessor (group commit)', () => {
  function make(snapCount = 100000) {
    const flushes: { token: number; ops: StorageOp[] }[] = [];
    let snaps = 0;
    const p = new SyncRequestProcessor(
      {
        emitFlush: (token, ops) => flushes.push({ token, ops }),
        takeSnapshot: () => snaps++,
        randInt: () => 0,
      },
      snapCount,
    );
    return { p, flushes, snaps: () => snaps };
  }
  it('one flush covers the batch; requests are released only after it is durable', () => {
    const { p, flushes } = make();
    const released: number[] = [];
    for (let i = 1; i <= 3; i++) p.append(rec(i), () => released.push(i));
    p.flushIfIdle();
    expect(flushes).toHaveLength(1);
    expect(flushes[0].ops).toHaveLength(3);
    expect(released).toEqual([]);
    // appends during the flush form the next batch
    p.append(rec(4), () => released.push(4));
    p.flushIfIdle();
    expect(flushes).toHaveLength(1);
    p.flushed(flushes[0].token);
    expect(released).toEqual([1, 2, 3]);
    p.flushIfIdle();
    expect(flushes).toHaveLength(2);
    p.flushed(flushes[1].token);
    expect(released).toEqual([1, 2, 3, 4]);
    expect(p.unflushed()).toEqual([]);
  });
  it('the first append opens a new log file; a snapshot trigger rolls the log', () => {
    const { p, flushes, snaps } = make(4); // snapCount/2 + randRoll(0) = 2: the 3rd txn triggers
    for (let i = 1; i <= 4; i++) p.append(rec(i), null);
    p.flushIfIdle();
    const newFile = flushes[0].ops.map((o) => (o.op === 'append' ? o.newFile : null));
    expect(newFile).toEqual([true, false, false, true]);
    expect(snaps()).toBe(1);
  });
});

describe('txn log storage', () => {
  it('truncate keeps the first txn ≥ target and deletes newer files (FileTxnLog.truncate)', () => {
    const img = emptyImage();
    applyStorageOps(img, [
      { op: 'append', txn: rec(1), newFile: true },
      { op: 'append', txn: rec(2), newFile: false },
      { op: 'append', txn: rec(4), newFile: true },
      { op: 'append', txn: rec(5), newFile: false },
    ]);
    const a = structuredClone(img);
    truncateImage(a, 2);
    expect(a.logs.map((f) => f.txns.map((t) => t.hdr.zxid))).toEqual([[1, 2]]);
    const b = structuredClone(img);
    truncateImage(b, 3); // 3 is not logged: 4 survives (the quirk of §5.1)
    expect(b.logs.map((f) => f.txns.map((t) => t.hdr.zxid))).toEqual([[1, 2], [4]]);
  });
});

describe('scheduler and randomness', () => {
  it('EventQueue pops by time, ties in insertion order', () => {
    const q = new EventQueue<string>();
    q.push(5, 'a');
    q.push(1, 'b');
    q.push(5, 'c');
    q.push(3, 'd');
    q.push(1, 'e');
    const out: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e.item);
    expect(out).toEqual(['b', 'e', 'd', 'a', 'c']);
  });
  it('Random is a pure function of (seed, stream)', () => {
    const a = new Random(42, 1);
    const b = new Random(42, 1);
    const c = new Random(42, 2);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs);
    for (let i = 0; i < 1000; i++) {
      const v = a.int(3, 7);
      expect(v >= 3 && v <= 7 && Number.isInteger(v)).toBe(true);
    }
  });
  it('zxid helpers print like ZooKeeper', () => {
    expect(zxidToHex(makeZxid(1, 2))).toBe('0x100000002');
    expect(zxidToHex(0)).toBe('0x0');
    expect(zxidToHex(-1)).toBe('0xffffffffffffffff');
    expect(zxidFromHex('0x200000005')).toBe(makeZxid(2, 5));
    expect(zxidFromHex('0xffffffffffffffff')).toBe(-1);
    expect(zxidToEpochCounter(makeZxid(3, 10))).toBe('3:10');
    expect(getEpochFromZxid(makeZxid(7, 0xffffffff))).toBe(7);
  });
});

const bootCfg: PeerConfig = {
  sid: 1,
  voters: [1, 2, 3],
  observers: [],
  tickTime: 2000,
  initLimit: 10,
  syncLimit: 5,
  snapCount: 100000,
  commitLogCount: 500,
  snapshotSizeFactor: 0.33,
  zkVersion: '3.9.5',
  incarnation: 1,
};

describe('QuorumPeer boot (§5.2)', () => {
  const cfg = bootCfg;
  it('an empty dir autocreates snapshot.0 and epoch files 0', () => {
    const p = new QuorumPeer(cfg, new Random(1));
    const fx = p.handle({ kind: 'boot', image: emptyImage() }, 0);
    const ops = fx.flatMap((e) => (e.kind === 'storageSync' ? e.ops : []));
    expect(ops.map((o) => o.op)).toEqual(['snapshot', 'epoch', 'epoch']);
    expect(p.booted).toBe(true);
  });
  it('refuses to start with logs but no snapshot, or a currentEpoch older than the last zxid', () => {
    const logsOnly = emptyImage();
    applyStorageOps(logsOnly, [{ op: 'append', txn: rec(makeZxid(1, 1)), newFile: true }]);
    const p1 = new QuorumPeer(cfg, new Random(1));
    expect(p1.handle({ kind: 'boot', image: logsOnly }, 0).some((e) => e.kind === 'exit')).toBe(true);

    const stale = emptyImage();
    applyStorageOps(stale, [
      { op: 'snapshot', snap: { zxid: 0, tree: new DataTree().serialize(), sessions: [] } },
      { op: 'append', txn: rec(makeZxid(2, 1)), newFile: true },
      { op: 'epoch', file: 'currentEpoch', value: 1 },
      { op: 'epoch', file: 'acceptedEpoch', value: 1 },
    ]);
    const p2 = new QuorumPeer(cfg, new Random(1));
    const fx = p2.handle({ kind: 'boot', image: stale }, 0);
    const exit = fx.find((e) => e.kind === 'exit');
    expect(exit && exit.kind === 'exit' && exit.reason).toMatch(
      /current epoch, 1, is older than the last zxid/,
    );
  });
});

describe('currentEpoch older than the last zxid (QuorumPeer.loadDataBase, 3.9.x)', () => {
  /** a server killed after its sync txns of epoch 2 are durable but before currentEpoch 3 */
  function stale() {
    const img = emptyImage();
    applyStorageOps(img, [
      { op: 'snapshot', snap: { zxid: 0, tree: new DataTree().serialize(), sessions: [] } },
      { op: 'epoch', file: 'acceptedEpoch', value: 3 },
      { op: 'epoch', file: 'currentEpoch', value: 1 },
      { op: 'append', txn: rec(makeZxid(2, 1)), newFile: true },
    ]);
    return img;
  }

  it('refuses to start: 3.9 has no updatingEpoch file (ZOOKEEPER-1653 is 3.4-only), even if one is on disk', () => {
    const img = stale();
    img.updatingEpoch = true;
    const p = new QuorumPeer({ ...bootCfg }, new Random(1));
    const fx = p.handle({ kind: 'boot', image: img }, 0);
    const exit = fx.find((e) => e.kind === 'exit');
    expect(exit && exit.kind === 'exit' && exit.reason).toBe(
      'Unable to load database on disk: The current epoch, 1, is older than the last zxid, 8589934593',
    );
    expect(p.booted).toBe(false);
  });

  it('a currentEpoch.tmp left by an interrupted epoch write gives the epoch (ZOOKEEPER-4269), and is renamed', () => {
    const img = stale();
    img.currentEpochTmp = 3;
    const p = new QuorumPeer({ ...bootCfg }, new Random(1));
    const fx = p.handle({ kind: 'boot', image: img }, 0);
    expect(fx.some((e) => e.kind === 'exit')).toBe(false);
    expect(p.currentEpoch).toBe(3);
    const written = fx.flatMap((e) => (e.kind === 'storageSync' ? e.ops : []));
    expect(written).toEqual([{ op: 'epoch', file: 'currentEpoch', value: 3 }]);
    applyStorageOps(img, written);
    expect(img.currentEpochTmp).toBeUndefined();
  });
});

describe('network', () => {
  it('messages on one link arrive in the order they were sent, whatever the latencies', () => {
    const sim = new Simulation(
      makeScenario({
        format: 1,
        seed: 3,
        ensemble: { voters: 5, observers: 0 },
        config: { latencyMs: [1, 40] },
        actions: [{ at: 0, start: [1, 2, 3, 4, 5] }],
        until: 5000,
      }),
    );
    sim.runToEnd();
    const sent = new Map<number, string>();
    const lastRecv = new Map<string, number>();
    for (const e of sim.trace) {
      if (e.ev === 'send') sent.set(e.id, `${e.from}>${e.to}`);
      if (e.ev === 'recv') {
        const link = sent.get(e.id)!;
        expect(e.id).toBeGreaterThan(lastRecv.get(link) ?? 0);
        lastRecv.set(link, e.id);
      }
    }
    expect(sim.leader()).not.toBeNull();
  });
});
