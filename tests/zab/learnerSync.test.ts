/**
 * Learner.syncWithLeader driven packet by packet on one QuorumPeer (no network): the 3.9.4+
 * committedLog path of in-sync commits (ZooKeeperServer.processTxn → ZKDatabase.addCommittedProposal,
 * ZOOKEEPER-4925) against 3.9.1's tree-only processTxn(hdr, txn).
 */
import { describe, expect, it } from 'vitest';
import { QuorumPeer, type PeerConfig } from '../../src/zk/QuorumPeer';
import { Learner } from '../../src/zk/Learner';
import { ZKDatabase } from '../../src/zk/ZKDatabase';
import { DataTree } from '../../src/zk/DataTree';
import { Random } from '../../src/zk/Random';
import { applyStorageOps, emptyImage } from '../../src/zk/persistence/FileTxnSnapLog';
import type { QuorumPacket } from '../../src/zk/QuorumPacket';
import type { TxnRecord } from '../../src/zk/txn';
import type { PeerEffect } from '../../src/zk/PeerIO';
import { makeZxid as z } from '../../src/zk/Zxid';

const create = (zxid: number, path: string): TxnRecord => ({
  hdr: { clientId: '0x1', cxid: 1, zxid, time: 0 },
  txn: { type: 'create', path, data: 'x', ephemeralOwner: '0x0', parentCVersion: 0 },
});

function cfg(zkVersion: '3.9.5' | '3.9.1'): PeerConfig {
  return {
    sid: 1,
    voters: [1, 2, 3],
    observers: [],
    tickTime: 2000,
    initLimit: 10,
    syncLimit: 5,
    snapCount: 100000,
    commitLogCount: 500,
    snapshotSizeFactor: 0.33,
    zkVersion,
    incarnation: 1,
  };
}

/** S1 with /n1, /n2 logged in epoch 1, following S2 into epoch 2 (up to the first sync packet) */
function follower(zkVersion: '3.9.5' | '3.9.1') {
  const img = emptyImage();
  applyStorageOps(img, [
    { op: 'snapshot', snap: { zxid: 0, tree: new DataTree().serialize(), sessions: [] } },
    { op: 'epoch', file: 'acceptedEpoch', value: 1 },
    { op: 'epoch', file: 'currentEpoch', value: 1 },
    { op: 'append', txn: create(z(1, 1), '/n1'), newFile: true },
    { op: 'append', txn: create(z(1, 2), '/n2'), newFile: false },
  ]);
  const peer = new QuorumPeer(cfg(zkVersion), new Random(1));
  peer.handle({ kind: 'boot', image: img }, 0);
  const learner = new Learner(peer, 2, false);
  peer.learner = learner;
  learner.start();
  let now = 1;
  const fx: PeerEffect[] = [];
  const deliver = (p: QuorumPacket) => {
    fx.push(
      ...peer.handle({ kind: 'message', from: 2, msg: { channel: 'quorum', conn: learner.conn, p } }, now++),
    );
  };
  deliver({ type: 'LEADERINFO', zxid: z(2, 0), protocolVersion: 0x10000 });
  return { peer, deliver, fx };
}

describe('in-sync commits and committedLog (ZOOKEEPER-4925 path)', () => {
  it('3.9.5: a COMMIT before NEWLEADER (TRUNC sync) is cached in committedLog: no hole after the sync', () => {
    const { peer, deliver } = follower('3.9.5');
    deliver({ type: 'TRUNC', zxid: z(1, 1) });
    deliver({ type: 'PROPOSAL', zxid: z(1, 2), txn: create(z(1, 2), '/m2') });
    deliver({ type: 'COMMIT', zxid: z(1, 2) });
    deliver({ type: 'PROPOSAL', zxid: z(1, 3), txn: create(z(1, 3), '/m3') });
    deliver({ type: 'COMMIT', zxid: z(1, 3) });
    deliver({ type: 'NEWLEADER', zxid: z(2, 0) });
    deliver({ type: 'UPTODATE', zxid: -1 });
    expect(peer.state).toBe('FOLLOWING');
    expect(peer.zkDb.lastProcessedZxid).toBe(z(1, 3));
    // 0x100000001 came from the TRUNC reload (the replay's PlayBackListener), the rest from the sync
    expect(peer.zkDb.committedLog.map((r) => r.hdr.zxid)).toEqual([z(1, 1), z(1, 2), z(1, 3)]);
    expect(peer.zkDb.maxCommittedLog).toBe(z(1, 3));
  });

  it('3.9.5 and 3.9.1: NEWLEADER writes currentEpoch and no 3.4-style updatingEpoch marker', () => {
    for (const v of ['3.9.5', '3.9.1'] as const) {
      const { deliver, fx } = follower(v);
      deliver({ type: 'DIFF', zxid: z(1, 2) });
      deliver({ type: 'NEWLEADER', zxid: z(2, 0) });
      const epochFiles = fx.flatMap((e) =>
        e.kind === 'storageSync' ? e.ops.filter((o) => o.op === 'epoch').map((o) => o.file) : [],
      );
      expect(epochFiles).toEqual(['acceptedEpoch', 'currentEpoch']);
    }
  });

  it('3.9.1: the same commits reach the tree only (processTxn(hdr, txn)), committedLog keeps a hole', () => {
    const { peer, deliver } = follower('3.9.1');
    deliver({ type: 'TRUNC', zxid: z(1, 1) });
    deliver({ type: 'PROPOSAL', zxid: z(1, 2), txn: create(z(1, 2), '/m2') });
    deliver({ type: 'COMMIT', zxid: z(1, 2) });
    deliver({ type: 'PROPOSAL', zxid: z(1, 3), txn: create(z(1, 3), '/m3') });
    deliver({ type: 'COMMIT', zxid: z(1, 3) });
    deliver({ type: 'NEWLEADER', zxid: z(2, 0) });
    deliver({ type: 'UPTODATE', zxid: -1 });
    expect(peer.zkDb.lastProcessedZxid).toBe(z(1, 3));
    expect(peer.zkDb.maxCommittedLog).toBe(z(1, 1));
  });

  it('3.9.5: a DIFF whose first txn is not maxCommittedLog + 1 aborts the sync at NEWLEADER', () => {
    const { peer, deliver } = follower('3.9.5');
    deliver({ type: 'DIFF', zxid: z(1, 4) });
    deliver({ type: 'PROPOSAL', zxid: z(1, 4), txn: create(z(1, 4), '/n4') });
    deliver({ type: 'COMMIT', zxid: z(1, 4) });
    deliver({ type: 'NEWLEADER', zxid: z(2, 0) });
    expect(peer.state).toBe('LOOKING');
    expect(peer.currentEpoch).toBe(1);
  });

  it('3.9.5: a sync INFORM/PROPOSAL of a lower epoch after a newer one aborts (enforceContinuousProposal)', () => {
    const { peer, deliver } = follower('3.9.5');
    deliver({ type: 'DIFF', zxid: z(1, 2) });
    deliver({ type: 'PROPOSAL', zxid: z(2, 1), txn: create(z(2, 1), '/x') });
    expect(peer.state).toBe('FOLLOWING');
    deliver({ type: 'PROPOSAL', zxid: z(1, 3), txn: create(z(1, 3), '/y') });
    expect(peer.state).toBe('LOOKING');
  });
});

describe('ZKDatabase.addCommittedProposal', () => {
  it('3.9.5 ignores a zxid ≤ max and refuses a gap within an epoch; a new epoch may start anywhere', () => {
    const db = new ZKDatabase(500, true);
    expect(db.addCommittedProposal(create(z(1, 1), '/a'))).toBe('added');
    expect(db.addCommittedProposal(create(z(1, 1), '/a'))).toBe('ignored');
    expect(db.addCommittedProposal(create(z(1, 3), '/c'))).toBe('gap');
    expect(db.gapMessage()).toBe(
      'Committed proposal cached out of order: 0x100000003 is not the next proposal of 0x100000001',
    );
    expect(db.addCommittedProposal(create(z(2, 5), '/e'))).toBe('added');
    expect(db.committedLog.map((r) => r.hdr.zxid)).toEqual([z(1, 1), z(2, 5)]);
  });
  it('3.9.1 appends whatever it is given', () => {
    const db = new ZKDatabase(500, false);
    db.addCommittedProposal(create(z(1, 1), '/a'));
    expect(db.addCommittedProposal(create(z(1, 3), '/c'))).toBe('added');
    expect(db.maxCommittedLog).toBe(z(1, 3));
  });
});

describe('TRUNC with no txn at or above the target (FileTxnLog.truncate)', () => {
  it('the learner exits when its log holds only older txns, not only when it has no log file', () => {
    const { peer, deliver, fx } = follower('3.9.5');
    // S1's log holds 0x100000001 and 0x100000002; a TRUNC to 0x100000005 finds nothing ≥ it
    deliver({ type: 'TRUNC', zxid: z(1, 5) });
    const exit = fx.find((e) => e.kind === 'exit');
    expect(exit && exit.kind === 'exit' && exit.reason).toBe(
      'Not able to truncate the log 0x100000005: No log files found to truncate!',
    );
    expect(peer.exited).toBe(true);
  });

  it('a target inside the log truncates and goes on', () => {
    const { peer, deliver, fx } = follower('3.9.5');
    deliver({ type: 'TRUNC', zxid: z(1, 1) });
    expect(fx.some((e) => e.kind === 'exit')).toBe(false);
    expect(peer.disk.logs.flatMap((f) => f.txns.map((t) => t.hdr.zxid))).toEqual([z(1, 1)]);
  });
});
