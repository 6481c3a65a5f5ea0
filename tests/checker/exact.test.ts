/**
 * The exact checker (issue 11): every way a server's history changes (live applies, boot replays,
 * fast-forwards, TRUNC reloads, SNAP loads, a cleared database reloaded) is held against the
 * committed history, and each violation names its cause. Every rule: one hand-built trace that must
 * trip it, one that must not.
 */
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/sim/InvariantChecker';
import { TraceBuilder, names, z } from './traceBuilder';

const TXN_LOG = 'peerLastZxid 0x0 < minCommittedLog 0x100000001: served from the txn log, then committedLog';

/** 3 fresh servers, S3 leads epoch 1, `n` committed writes 0x100000001.. applied everywhere. */
function ensembleWith(n: number): TraceBuilder {
  const b = new TraceBuilder().boot(1, 2, 3).elect(3, [1, 2], 1, 0);
  for (let i = 1; i <= n; i++) b.write(3, [1, 2], [1, 2], z(1, i), `create /n${i}`);
  return b;
}

/**
 * S1 was SNAP-synced at 0x100000003 (snapshot.100000003), then logged an uncommitted 0x100000004
 * proposal and crashed; it comes back and S3 sends TRUNC(0x100000003).
 */
function keptTxn(targetInLog: boolean): TraceBuilder {
  const b = ensembleWith(3);
  b.snapshot(1, z(1, 3));
  b.propose(3, z(1, 4), 'create /u').log(3, z(1, 4)).log(1, z(1, 4)).crash(1);
  b.restart(1)
    .restoreFrom(1, z(1, 4), 'boot', z(1, 3), [z(1, 4)])
    .state(1, 'LOOKING', 'ELECTION');
  // S3 dropped 0x100000004 meanwhile (it never reached a quorum): TRUNC to 0x100000003
  b.state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(3, 1, 'TRUNC', z(1, 3), z(1, 4));
  if (targetInLog) {
    b.log(1, z(1, 3)); // (a log that also holds the target)
    b.truncate(1, z(1, 3)).restoreFrom(1, z(1, 3), 'TRUNC', z(1, 3), []);
  } else {
    b.truncate(1, z(1, 3)).restoreFrom(1, z(1, 3), 'TRUNC', z(1, 3), [z(1, 4)]);
    b.anomaly(1, 'TruncKeptTxn', 'TRUNC(0x100000003) kept txns up to 0x100000004');
  }
  return b.state(1, 'FOLLOWING', 'BROADCAST');
}

describe('UncommittedTxn', () => {
  it('trips: a TRUNC keeps a never-committed txn and the learner serves it (FileTxnLog.truncate)', () => {
    const { found } = keptTxn(false).run();
    expect(names(found)).toEqual(['CheckDuringAction', 'UncommittedTxn']);
    const v = found.find((x) => x.invariant === 'UncommittedTxn')!;
    expect(v.sids).toEqual([1]);
    expect(v.zxids).toEqual(['0x100000004']);
    expect(v.cause).toEqual(CAUSES.TRUNC_KEPT);
    expect(found.find((x) => x.invariant === 'CheckDuringAction')!.cause).toEqual(CAUSES.TRUNC_KEPT);
  });

  it('does not trip when the target is in the log (the uncommitted txn is cut)', () => {
    expect(keptTxn(true).run().found).toEqual([]);
  });

  it('trips: a leader serving from its txn log sends an orphan it does not hold (ZOOKEEPER-2846)', () => {
    const b = ensembleWith(2);
    // S2's log holds an orphan 0x100000005 from an old sync; its history does not
    b.log(2, z(1, 5));
    b.restart(1).state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(2, 1, 'DIFF', z(1, 5), 0, TXN_LOG);
    b.send(2, 1, 'PROPOSAL', z(1, 5)).send(2, 1, 'COMMIT', z(1, 5)).apply(1, z(1, 5), 'create /o');
    b.state(1, 'FOLLOWING', 'BROADCAST');
    const { found } = b.run();
    const v = found.find((x) => x.invariant === 'UncommittedTxn');
    expect(v?.zxids).toEqual(['0x100000005']);
    expect(v?.cause).toEqual(CAUSES.ZK2846);
  });

  it('does not trip for a txn of the leader’s own history sent in the sync', () => {
    const b = ensembleWith(2);
    b.crash(1).write(3, [2], [2], z(1, 3), 'create /n3');
    b.restart(1)
      .restoreFrom(1, z(1, 2), 'boot', 0, [z(1, 1), z(1, 2)])
      .state(1, 'LOOKING', 'ELECTION');
    b.state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(3, 1, 'DIFF', z(1, 3), z(1, 2));
    b.send(3, 1, 'PROPOSAL', z(1, 3)).log(1, z(1, 3)).apply(1, z(1, 3), 'create /n3');
    b.state(1, 'FOLLOWING', 'BROADCAST');
    expect(b.run().found).toEqual([]);
  });

  it('trips: a serving follower applies a proposed txn nobody committed', () => {
    const b = ensembleWith(1);
    b.propose(3, z(1, 2), 'create /p').apply(1, z(1, 2), 'create /p');
    const { found } = b.run();
    expect(names(found)).toEqual(['UncommittedTxn']);
    expect(found[0].cause).toEqual({ bug: null, mechanism: 'unexplained' });
  });
});

describe('MissingCommitted', () => {
  it('trips: a learner served from a txn log that skips committed txns starts serving (ZOOKEEPER-2846)', () => {
    const b = ensembleWith(3);
    // S1's memory after the sync holds 1 and 3 but not 2
    b.crash(1)
      .restart(1)
      .restoreFrom(1, z(1, 3), 'boot', 0, [z(1, 1), z(1, 3)]);
    b.state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(3, 1, 'DIFF', z(1, 3), z(1, 3), TXN_LOG);
    b.state(1, 'FOLLOWING', 'BROADCAST');
    const { found } = b.run();
    expect(names(found)).toEqual(['MissingCommitted']);
    expect(found[0].zxids).toEqual(['0x100000002']);
    expect(found[0].sids).toEqual([1, 3]);
    expect(found[0].cause).toEqual(CAUSES.ZK2846);
  });

  it('does not trip when the replay holds every committed txn', () => {
    const b = ensembleWith(3);
    b.crash(1)
      .restart(1)
      .restoreFrom(1, z(1, 3), 'boot', 0, [z(1, 1), z(1, 2), z(1, 3)]);
    b.state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(3, 1, 'DIFF', z(1, 3), z(1, 3), TXN_LOG);
    b.state(1, 'FOLLOWING', 'BROADCAST');
    expect(b.run().found).toEqual([]);
  });
});

describe('restores are followed exactly', () => {
  /**
   * S1 gets SNAP(0x100000003) from S3, then `cleared`: the sync is cut and the database reloaded;
   * S3 and S2 die, S1 leads epoch 2
   */
  function snapCut(cleared: 'fields' | 'legacy' | 'no'): TraceBuilder {
    const b = ensembleWith(1);
    b.crash(1).write(3, [2], [2], z(1, 2), 'create /n2').write(3, [2], [2], z(1, 3), 'create /n3');
    b.restart(1)
      .restoreFrom(1, z(1, 1), 'boot', 0, [z(1, 1)])
      .state(1, 'LOOKING', 'ELECTION');
    b.state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(3, 1, 'SNAP', z(1, 3), z(1, 1));
    b.restore(1, z(1, 3), 'SNAP');
    // Learner.shutdown → zk.shutdown(true) (ZOOKEEPER-3642): memory is what the disk holds
    if (cleared === 'fields') b.restoreFrom(1, z(1, 1), 'boot', 0, [z(1, 1)]);
    if (cleared === 'legacy') b.restore(1, z(1, 1), 'boot');
    b.state(1, 'LOOKING', 'ELECTION').crash(3).crash(2);
    return b.state(1, 'LEADING', 'DISCOVERY').epoch(1, 2, 1).established(1, 2);
  }

  it('a SNAP then a cleared database: the memory is the disk again (with or without restore fields)', () => {
    for (const how of ['fields', 'legacy'] as const) {
      const { found } = snapCut(how).run();
      expect(names(found)).toEqual(['Durability']);
      expect(found[0].zxids).toEqual(['0x100000002', '0x100000003']);
    }
  });

  it('a SNAP kept in memory holds the leader’s history', () => {
    expect(snapCut('no').run().found).toEqual([]);
  });

  it('no LocalPrimaryOrder after a TRUNC whose reload kept a committed txn (seed 1218 was a false positive)', () => {
    const b = ensembleWith(3);
    b.snapshot(1, z(1, 3)).log(1, z(1, 4)).crash(1);
    b.write(3, [2], [2], z(1, 4), 'create /n4');
    b.restart(1).restoreFrom(1, z(1, 4), 'boot', z(1, 3), [z(1, 4)]);
    b.state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(3, 1, 'TRUNC+DIFF', z(1, 3), z(1, 4));
    b.truncate(1, z(1, 3)).restoreFrom(1, z(1, 3), 'TRUNC', z(1, 3), [z(1, 4)]);
    b.write(3, [2], [2], z(2, 1), 'create /e2');
    b.send(3, 1, 'PROPOSAL', z(2, 1)).apply(1, z(2, 1), 'create /e2');
    b.state(1, 'FOLLOWING', 'BROADCAST');
    expect(b.run().found).toEqual([]);
  });

  it('LocalPrimaryOrder still trips when a reload lacks a committed txn below an apply', () => {
    const b = ensembleWith(2);
    b.crash(1).write(3, [2], [2], z(1, 3), 'create /n3');
    b.restart(1).restoreFrom(1, z(1, 2), 'boot', 0, [z(1, 1), z(1, 2)]);
    b.state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(3, 1, 'DIFF', z(1, 2), z(1, 2));
    b.write(3, [2], [2], z(1, 4), 'create /n4').apply(1, z(1, 4), 'create /n4');
    const { found } = b.run();
    expect(names(found)).toEqual(['LocalPrimaryOrder']);
    expect(found[0].zxids).toEqual(['0x100000003']);
  });
});

describe('the initial history of a leader is committed at its NEWLEADER quorum', () => {
  function leaderWith(quorum: boolean): TraceBuilder {
    const b = ensembleWith(1);
    // only S2 logged 0x100000002; S3 dies; S2 leads epoch 2 with it in its history
    b.propose(3, z(1, 2), 'create /x').log(3, z(1, 2)).log(2, z(1, 2)).log(1, z(1, 2)).crash(3);
    b.state(2, 'LOOKING', 'ELECTION').restoreFrom(2, z(1, 2), 'boot', null, [z(1, 2)]);
    b.state(2, 'LEADING', 'DISCOVERY').epoch(2, 2, 1).established(2, 2).epoch(2, 2, 2);
    b.state(2, 'LEADING', 'SYNCHRONIZATION');
    if (quorum) b.state(2, 'LEADING', 'BROADCAST');
    // a learner is then truncated below it
    b.state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(4, 1, 'TRUNC', z(1, 1), z(1, 2)).truncate(1, z(1, 1));
    return b;
  }
  it('trips TruncBelowCommitted once the leader reached BROADCAST', () => {
    const { found } = leaderWith(true).run({ voters: [1, 2, 3, 4], observers: [] });
    expect(names(found)).toEqual(['TruncBelowCommitted']);
  });
  it('does not trip before (the txn is still only proposed)', () => {
    expect(leaderWith(false).run({ voters: [1, 2, 3, 4], observers: [] }).found).toEqual([]);
  });
});

describe('causes of the old versions’ bugs', () => {
  /** zk-reference §8.2's 4643 schedule, with the sync stream's sends (S2 → S3: PROPOSAL T). */
  function zk4643(ackInstead: boolean): TraceBuilder {
    const Z = z(1, 1);
    const T = z(1, 2);
    const b = new TraceBuilder().boot(1, 2, 3).elect(1, [2, 3], 1, 0);
    b.write(1, [2, 3], [2, 3], Z, 'create /z');
    b.propose(1, T, 'create /t').log(1, T).log(2, T).commit(1, T).apply(1, T, 'create /t');
    b.reply('c1', 1, T).apply(2, T, 'create /t');
    b.crash(1);
    b.state(2, 'LOOKING', 'ELECTION').state(3, 'LOOKING', 'ELECTION');
    b.state(2, 'LEADING', 'DISCOVERY').state(3, 'FOLLOWING', 'DISCOVERY');
    b.epoch(2, 2, 1).epoch(3, 2, 1).established(2, 2).epoch(2, 2, 2).state(2, 'LEADING', 'SYNCHRONIZATION');
    b.sync(2, 3, 'DIFF', T, Z).state(3, 'FOLLOWING', 'SYNCHRONIZATION');
    b.send(2, 3, 'PROPOSAL', T).send(2, 3, 'COMMIT', T);
    if (ackInstead) b.send(3, 2, 'ACK', z(2, 0));
    else b.epoch(3, 2, 2);
    b.crash(3).crash(2);
    b.restart(1).restoreFrom(1, T, 'boot', 0, [Z, T]).state(1, 'LOOKING', 'ELECTION');
    b.restart(3).restoreFrom(3, Z, 'boot', 0, [Z]).state(3, 'LOOKING', 'ELECTION');
    b.state(3, 'LEADING', 'DISCOVERY').state(1, 'FOLLOWING', 'DISCOVERY');
    b.epoch(3, 3, 2).epoch(1, 3, 1).established(3, 3).epoch(3, 3, 3).state(3, 'LEADING', 'SYNCHRONIZATION');
    b.sync(3, 1, 'TRUNC', Z, T).truncate(1, Z).restoreFrom(1, Z, 'TRUNC', 0, [Z]);
    return b;
  }

  it('currentEpoch before the synced txn was durable, then a crash: ZOOKEEPER-4643', () => {
    const { found } = zk4643(false).run();
    expect(names(found)).toEqual(['Durability', 'TruncBelowCommitted']);
    for (const v of found) expect(v.cause).toEqual(CAUSES.ZK4643);
    expect(found.find((v) => v.invariant === 'TruncBelowCommitted')!.sids).toEqual([1, 3]);
  });

  it('a NEWLEADER ACK before the synced txn was durable: ZOOKEEPER-4646', () => {
    const { found } = zk4643(true).run();
    expect(names(found)).toEqual(['Durability', 'TruncBelowCommitted']);
    for (const v of found) expect(v.cause).toEqual(CAUSES.ZK4646);
  });

  it('the same losses with nothing in the trace to explain them stay unexplained', () => {
    const b = zk4643(false);
    const events = b.events.filter((e) => e.ev !== 'send');
    const nb = new TraceBuilder();
    nb.events.push(...events);
    const { found } = nb.run();
    expect(names(found)).toEqual(['Durability', 'TruncBelowCommitted']);
    for (const v of found) expect(v.cause?.bug).toBeNull();
  });

  it('the 4394 anomaly names ZOOKEEPER-4394; another anomaly is unexplained', () => {
    const b = new TraceBuilder().boot(1, 2, 3);
    b.anomaly(1, 'Zookeeper4394', 'COMMIT 0x100000002 after NEWLEADER with no pending proposal');
    b.anomaly(2, 'CommitWithoutTxn', 'Committing 0x100000002 without seeing txn');
    const { found } = b.run();
    expect(found.map((v) => v.cause?.bug)).toEqual(['ZOOKEEPER-4394', null]);
  });
});
