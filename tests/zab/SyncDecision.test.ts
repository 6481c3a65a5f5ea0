/**
 * zk-reference §4, "Worked examples": every row of the table, checked on the pure sync decision
 * (LearnerHandler.syncFollower + queueCommittedProposals + startForwarding).
 */
import { describe, expect, it } from 'vitest';
import { syncFollower, PREALLOC_BYTES } from '../../src/zk/SyncDecision';
import type { SyncInputs } from '../../src/zk/SyncDecision';
import { makeZxid, zxidToHex } from '../../src/zk/Zxid';
import type { TxnRecord } from '../../src/zk/txn';
import type { TxnLogFile } from '../../src/zk/persistence/FileTxnSnapLog';

const z = makeZxid;
const rec = (zxid: number): TxnRecord => ({
  hdr: { clientId: '0x1', cxid: 1, zxid, time: 0 },
  txn: { type: 'create', path: `/n${zxid}`, data: '', ephemeralOwner: '0x0', parentCVersion: 1 },
});
const range = (e: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => rec(z(e, from + i)));

function inputs(committed: TxnRecord[], lastProcessed: number, more: Partial<SyncInputs> = {}): SyncInputs {
  return {
    committedLog: committed,
    minCommittedLog: committed.length ? committed[0].hdr.zxid : 0,
    maxCommittedLog: committed.length ? committed[committed.length - 1].hdr.zxid : 0,
    lastProcessedZxid: lastProcessed,
    snapshotSizeFactor: 0.33,
    txnLogFiles: [],
    newestSnapshotSize: 1000,
    lastProposed: lastProcessed,
    toBeApplied: [],
    outstanding: [],
    observer: false,
    ...more,
  };
}
/** packets as "TYPE zxid" strings */
const shape = (d: ReturnType<typeof syncFollower>) => d.packets.map((p) => `${p.type} ${zxidToHex(p.zxid)}`);

describe('§4 sync decision — worked examples', () => {
  const ten = range(1, 1, 10);

  it('in sync → DIFF(0x10000000a), nothing else', () => {
    const d = syncFollower(inputs(ten, z(1, 10)), z(1, 10));
    expect([d.mode, shape(d)]).toEqual(['DIFF', ['DIFF 0x10000000a']]);
  });

  it('DIFF → DIFF(0x10000000a), P+C …8, …9, …a', () => {
    const d = syncFollower(inputs(ten, z(1, 10)), z(1, 7));
    expect(d.mode).toBe('DIFF');
    expect(shape(d)).toEqual([
      'DIFF 0x10000000a',
      'PROPOSAL 0x100000008',
      'COMMIT 0x100000008',
      'PROPOSAL 0x100000009',
      'COMMIT 0x100000009',
      'PROPOSAL 0x10000000a',
      'COMMIT 0x10000000a',
    ]);
  });

  it('TRUNC: new leader without writes, peer with an unreplicated txn', () => {
    const d = syncFollower(inputs(range(1, 1, 4), z(2, 0), { lastProposed: z(2, 0) }), z(1, 5));
    expect([d.mode, shape(d)]).toEqual(['TRUNC', ['TRUNC 0x100000004']]);
  });

  it('TRUNC + forwarded outstanding proposal (TRUNC+DIFF in practice)', () => {
    const d = syncFollower(
      inputs(range(1, 1, 4), z(2, 0), { lastProposed: z(2, 1), outstanding: [rec(z(2, 1))] }),
      z(1, 5),
    );
    expect([d.mode, shape(d)]).toEqual(['TRUNC+DIFF', ['TRUNC 0x100000004', 'PROPOSAL 0x200000001']]);
  });

  it('SNAP across an epoch boundary', () => {
    const log = [...range(1, 1, 4), rec(z(2, 1)), rec(z(2, 2))];
    const d = syncFollower(inputs(log, z(2, 2)), z(1, 5));
    expect([d.mode, d.zxid]).toEqual(['SNAP', z(2, 2)]);
  });

  it('TRUNC+DIFF with a synthetic gap (2, 3, 5, 6)', () => {
    const log = [rec(z(1, 2)), rec(z(1, 3)), rec(z(1, 5)), rec(z(1, 6))];
    const d = syncFollower(inputs(log, z(1, 6)), z(1, 4));
    expect(d.mode).toBe('TRUNC+DIFF');
    expect(shape(d)).toEqual([
      'TRUNC 0x100000003',
      'PROPOSAL 0x100000005',
      'COMMIT 0x100000005',
      'PROPOSAL 0x100000006',
      'COMMIT 0x100000006',
    ]);
  });

  const last500 = range(1, 0x1f5, 0x3e8);
  it('SNAP: too old, txn-log sync disabled', () => {
    const d = syncFollower(inputs(last500, z(1, 0x3e8), { snapshotSizeFactor: -1 }), z(1, 0x64));
    expect([d.mode, d.zxid]).toEqual(['SNAP', z(1, 0x3e8)]);
  });

  it('DIFF via the txn log: one log file holds 0x100000001…0x1000003e8 → 900 P+C pairs', () => {
    const file: TxnLogFile = { startZxid: z(1, 1), txns: range(1, 1, 0x3e8) };
    const d = syncFollower(inputs(last500, z(1, 0x3e8), { txnLogFiles: [file] }), z(1, 0x64));
    expect(d.mode).toBe('DIFF');
    expect(d.packets[0]).toMatchObject({ type: 'DIFF', zxid: z(1, 0x3e8) });
    expect(d.packets.filter((p) => p.type === 'PROPOSAL')).toHaveLength(900);
    expect(d.packets[1]).toMatchObject({ type: 'PROPOSAL', zxid: z(1, 0x65) });
  });

  it('txn-log sync refused when newer log files exceed snapshotSizeFactor × snapshot size', () => {
    const files: TxnLogFile[] = [
      { startZxid: z(1, 1), txns: range(1, 1, 0x200) },
      { startZxid: z(1, 0x201), txns: range(1, 0x201, 0x3e8) },
    ];
    const small = syncFollower(
      inputs(last500, z(1, 0x3e8), { txnLogFiles: files, newestSnapshotSize: 1000 }),
      z(1, 0x64),
    );
    expect(small.mode).toBe('SNAP');
    const huge = syncFollower(
      inputs(last500, z(1, 0x3e8), { txnLogFiles: files, newestSnapshotSize: (PREALLOC_BYTES / 0.33) * 2 }),
      z(1, 0x64),
    );
    expect(huge.mode).toBe('DIFF');
  });

  it('a log file that starts exactly at peerLastZxid comes with the file before it (FileTxnIterator.init)', () => {
    const last100 = range(1, 0x385, 0x3e8);
    const files: TxnLogFile[] = [
      { startZxid: z(1, 1), txns: range(1, 1, 0x200) },
      { startZxid: z(1, 0x201), txns: range(1, 0x201, 0x3e8) },
    ];
    // two files are read, so one counts for the size limit: a small snapshot refuses txn-log sync
    const small = syncFollower(
      inputs(last100, z(1, 0x3e8), { txnLogFiles: files, newestSnapshotSize: 1000 }),
      z(1, 0x201),
    );
    expect(small.mode).toBe('SNAP');
    const huge = syncFollower(
      inputs(last100, z(1, 0x3e8), { txnLogFiles: files, newestSnapshotSize: (PREALLOC_BYTES / 0.33) * 2 }),
      z(1, 0x201),
    );
    expect(huge.mode).toBe('DIFF');
    expect(huge.packets[1]).toMatchObject({ type: 'PROPOSAL', zxid: z(1, 0x202) });
  });

  it('new-epoch peer in range → DIFF(0x200000002), P+C 0x200000001, 0x200000002', () => {
    const log = [rec(z(1, 1)), rec(z(1, 2)), rec(z(2, 1)), rec(z(2, 2))];
    const d = syncFollower(inputs(log, z(3, 0)), z(2, 0));
    expect(shape(d)).toEqual([
      'DIFF 0x200000002',
      'PROPOSAL 0x200000001',
      'COMMIT 0x200000001',
      'PROPOSAL 0x200000002',
      'COMMIT 0x200000002',
    ]);
  });

  it('new-epoch peer above max → SNAP(0x300000000)', () => {
    const d = syncFollower(inputs([rec(z(1, 1)), rec(z(1, 2))], z(3, 0)), z(2, 0));
    expect([d.mode, d.zxid]).toEqual(['SNAP', z(3, 0)]);
  });

  it('fresh joiner, initial sync window → DIFF(0x0)', () => {
    const d = syncFollower(inputs([], 0), 0);
    expect([d.mode, shape(d)]).toEqual(['DIFF', ['DIFF 0x0']]);
  });

  it('fresh joiner after establishment → SNAP(0x100000000)', () => {
    const d = syncFollower(inputs([], z(1, 0)), 0);
    expect([d.mode, d.zxid]).toEqual(['SNAP', z(1, 0)]);
  });

  it('fresh joiner, leader has writes, log file starts above 0 → SNAP(0x100000002)', () => {
    const file: TxnLogFile = { startZxid: z(1, 1), txns: [rec(z(1, 1)), rec(z(1, 2))] };
    const d = syncFollower(inputs([rec(z(1, 1)), rec(z(1, 2))], z(1, 2), { txnLogFiles: [file] }), 0);
    expect([d.mode, d.zxid]).toEqual(['SNAP', z(1, 2)]);
  });

  it('observers get toBeApplied as PROPOSAL+COMMIT but never outstanding proposals', () => {
    const d = syncFollower(
      inputs(ten, z(1, 10), {
        lastProposed: z(1, 12),
        toBeApplied: [rec(z(1, 11))],
        outstanding: [rec(z(1, 12))],
        observer: true,
      }),
      z(1, 10),
    );
    expect(shape(d)).toEqual(['DIFF 0x10000000a', 'PROPOSAL 0x10000000b', 'COMMIT 0x10000000b']);
  });
});
