/**
 * InvariantChecker on hand-written traces: clean runs stay silent (including the legitimate
 * TRUNC of an uncommitted txn and a SNAP that leaves a divergent txn in old log files), and each
 * invariant fires on the smallest trace that breaks it — notably ZOOKEEPER-4643 (zk-reference §8.2).
 */
import { describe, expect, it } from 'vitest';
import { InvariantChecker } from '../../src/sim/InvariantChecker';
import { TraceBuilder, names, z } from './traceBuilder';

/** 3 fresh servers, S3 leads epoch 1, `n` committed writes 0x100000001.. applied everywhere. */
function ensembleWith(n: number): TraceBuilder {
  const b = new TraceBuilder().boot(1, 2, 3).elect(3, [1, 2], 1, 0);
  for (let i = 1; i <= n; i++) b.write(3, [1, 2], [1, 2], z(1, i), `create /n${i}`);
  return b;
}

describe('InvariantChecker — clean traces', () => {
  it('a clean 3-server run (election, sync, 10 writes, follower crash + restart + DIFF) has no violations', () => {
    const b = ensembleWith(7);
    b.crash(1);
    for (let i = 8; i <= 10; i++) b.write(3, [2], [2], z(1, i), `create /n${i}`);
    b.restart(1).restore(1, z(1, 7), 'boot').state(1, 'LOOKING', 'ELECTION');
    b.state(1, 'FOLLOWING', 'DISCOVERY').sync(3, 1, 'DIFF', z(1, 10), z(1, 7));
    b.state(1, 'FOLLOWING', 'SYNCHRONIZATION');
    // 3.9.5 NEWLEADER: log the committed sync txns, then apply them, then currentEpoch.
    for (let i = 8; i <= 10; i++) b.log(1, z(1, i));
    for (let i = 8; i <= 10; i++) b.apply(1, z(1, i), `create /n${i}`);
    b.epoch(1, 1, 1).state(1, 'FOLLOWING', 'BROADCAST');
    b.write(3, [1, 2], [1, 2], z(1, 11), 'set /n1 x');

    const { checker, found } = b.run();
    expect(found).toEqual([]);
    expect(checker.violations).toEqual([]);
  });

  it('S7 shape: an old leader with an uncommitted 0x100000005 gets TRUNC(0x100000004) — no violations', () => {
    const b = ensembleWith(4);
    b.propose(3, z(1, 5), 'create /lost').log(3, z(1, 5)).crash(3);
    for (const s of [1, 2]) b.state(s, 'LOOKING', 'ELECTION');
    b.elect(2, [1], 2, z(1, 4));
    b.restart(3).restore(3, z(1, 5), 'boot').state(3, 'LOOKING', 'ELECTION');
    b.state(3, 'FOLLOWING', 'DISCOVERY').sync(2, 3, 'TRUNC', z(1, 4), z(1, 5));
    b.truncate(3, z(1, 4)).restore(3, z(1, 4), 'TRUNC').state(3, 'FOLLOWING', 'SYNCHRONIZATION');
    b.snapshot(3, z(1, 4)).epoch(3, 2, 2).state(3, 'FOLLOWING', 'BROADCAST');
    b.write(2, [1, 3], [1, 3], z(2, 1), 'create /new');

    const { found } = b.run();
    expect(found).toEqual([]);
  });

  it('S8 shape: SNAP leaves the divergent txn in old log files; the SNAP-synced server later leads — no violations', () => {
    const b = ensembleWith(4);
    b.propose(3, z(1, 5), 'create /lost').log(3, z(1, 5)).crash(3);
    for (const s of [1, 2]) b.state(s, 'LOOKING', 'ELECTION');
    b.elect(2, [1], 2, z(1, 4));
    b.write(2, [1], [1], z(2, 1), 'create /a').write(2, [1], [1], z(2, 2), 'create /b');
    b.restart(3).restore(3, z(1, 5), 'boot').state(3, 'LOOKING', 'ELECTION');
    b.state(3, 'FOLLOWING', 'DISCOVERY').sync(2, 3, 'SNAP', z(2, 2), z(1, 5));
    b.restore(3, z(2, 2), 'SNAP').state(3, 'FOLLOWING', 'SYNCHRONIZATION');
    b.snapshot(3, z(2, 2)).epoch(3, 2, 2).state(3, 'FOLLOWING', 'BROADCAST');
    b.write(2, [1, 3], [1, 3], z(2, 3), 'create /c');
    // S3 crashes and reboots from snapshot.200000002 + log; later S2 dies and S3 leads epoch 3.
    b.crash(3).restart(3).restore(3, z(2, 3), 'boot').state(3, 'LOOKING', 'ELECTION');
    b.crash(2).state(1, 'LOOKING', 'ELECTION');
    b.elect(3, [1], 3, z(2, 3));
    b.write(3, [1], [1], z(3, 1), 'create /d');

    const { found } = b.run();
    expect(found).toEqual([]);
  });

  it('a follower leaving its role fast-forwards over logged txns whose COMMIT it never saw', () => {
    const b = ensembleWith(4);
    // 0x100000005 commits with S2's ACK; S1 logged it too but the leader dies before its COMMIT.
    b.propose(3, z(1, 5), 'create /e').log(3, z(1, 5)).log(2, z(1, 5)).log(1, z(1, 5));
    b.commit(3, z(1, 5)).apply(3, z(1, 5), 'create /e').apply(2, z(1, 5), 'create /e').crash(3);
    for (const s of [1, 2]) b.state(s, 'LOOKING', 'ELECTION');
    b.elect(2, [1], 2, z(1, 5));
    b.write(2, [1], [1], z(2, 1), 'create /f');
    expect(b.run().found).toEqual([]);
  });

  it('TRUNC-synced follower: commits applied in memory only, covered by the NEWLEADER snapshot, count as history', () => {
    const b = ensembleWith(4);
    b.propose(3, z(1, 5), 'create /lost').log(3, z(1, 5)).crash(3);
    for (const s of [1, 2]) b.state(s, 'LOOKING', 'ELECTION');
    b.elect(2, [1], 2, z(1, 4));
    b.restart(3).restore(3, z(1, 5), 'boot').state(3, 'LOOKING', 'ELECTION');
    b.state(3, 'FOLLOWING', 'DISCOVERY').sync(2, 3, 'TRUNC', z(1, 4), z(1, 5));
    b.truncate(3, z(1, 4)).restore(3, z(1, 4), 'TRUNC');
    // 0x200000001 commits while S3 syncs: S3 gets P+C before NEWLEADER, applies it in memory only.
    b.propose(2, z(2, 1), 'create /x').log(2, z(2, 1)).log(1, z(2, 1)).commit(2, z(2, 1));
    b.apply(2, z(2, 1), 'create /x').apply(1, z(2, 1), 'create /x').reply('c1', 2, z(2, 1));
    b.apply(3, z(2, 1), 'create /x').snapshot(3, z(2, 1)).epoch(3, 2, 2).state(3, 'FOLLOWING', 'BROADCAST');
    // S3 reboots (its log lacks 0x200000001, the snapshot has it), then leads epoch 3.
    b.crash(3).restart(3).restore(3, z(2, 1), 'boot');
    b.crash(2).state(1, 'LOOKING', 'ELECTION').state(3, 'LOOKING', 'ELECTION');
    b.elect(3, [1], 3, z(2, 1));

    expect(b.run().found).toEqual([]);
  });
});

describe('InvariantChecker — ZOOKEEPER-4643', () => {
  it('reports TruncBelowCommitted on S1 and Durability on S3', () => {
    const Z = z(1, 1);
    const T = z(1, 2);
    const b = new TraceBuilder().boot(1, 2, 3).elect(1, [2, 3], 1, 0);
    b.write(1, [2, 3], [2, 3], Z, 'create /z');
    // S3 is partitioned; S1 commits T with S2's ACK and tells the client.
    b.propose(1, T, 'create /t').log(1, T).log(2, T).commit(1, T).apply(1, T, 'create /t');
    b.reply('c1', 1, T).apply(2, T, 'create /t');
    b.crash(1);
    // S2 (…2) and S3 (…1) elect S2 in epoch 2; S3 writes currentEpoch 2 before T is durable.
    b.state(2, 'LOOKING', 'ELECTION').state(3, 'LOOKING', 'ELECTION');
    b.state(2, 'LEADING', 'DISCOVERY').state(3, 'FOLLOWING', 'DISCOVERY');
    b.epoch(2, 2, 1).epoch(3, 2, 1).established(2, 2).epoch(2, 2, 2).state(2, 'LEADING', 'SYNCHRONIZATION');
    b.sync(2, 3, 'DIFF', T, Z).state(3, 'FOLLOWING', 'SYNCHRONIZATION').epoch(3, 2, 2);
    b.crash(3).crash(2);
    // S1 and S3 restart; S3's vote (2, …1) beats S1's (1, …2): S3 leads epoch 3 without T.
    b.restart(1).restore(1, T, 'boot').state(1, 'LOOKING', 'ELECTION');
    b.restart(3).restore(3, Z, 'boot').state(3, 'LOOKING', 'ELECTION');
    b.state(3, 'LEADING', 'DISCOVERY').state(1, 'FOLLOWING', 'DISCOVERY');
    b.epoch(3, 3, 2).epoch(1, 3, 1).established(3, 3).epoch(3, 3, 3).state(3, 'LEADING', 'SYNCHRONIZATION');
    b.sync(3, 1, 'TRUNC', Z, T).truncate(1, Z).restore(1, Z, 'TRUNC');

    const { found } = b.run();
    expect(names(found)).toEqual(['Durability', 'TruncBelowCommitted']);
    const trunc = found.find((v) => v.invariant === 'TruncBelowCommitted');
    expect(trunc?.detail).toContain('S1');
    expect(trunc?.detail).toContain('0x100000002');
    const dur = found.find((v) => v.invariant === 'Durability');
    expect(dur?.detail).toContain('S3 established epoch 3');
    expect(dur?.detail).toContain('0x100000002');
    // the S2 establishment (epoch 2) was fine: S2 had T durably.
    expect(found.filter((v) => v.invariant === 'Durability')).toHaveLength(1);
  });

  it('a client acknowledgement alone (no commit event seen) also protects a zxid from TRUNC', () => {
    const b = ensembleWith(2);
    b.propose(3, z(1, 3), 'create /q').log(3, z(1, 3)).log(1, z(1, 3)).reply('c9', 3, z(1, 3));
    b.truncate(1, z(1, 2));
    expect(names(b.run().found)).toEqual(['TruncBelowCommitted']);
  });

  it('TRUNC past a committed txn the syncing leader still holds is not a loss (it is forwarded right after)', () => {
    const b = ensembleWith(3);
    // leader 3 proposes 0x100000004; S1 logs it and crashes before the commit
    b.propose(3, z(1, 4), 'create /n4').log(3, z(1, 4)).log(1, z(1, 4)).crash(1);
    b.restart(1).restore(1, z(1, 4), 'boot').state(1, 'LOOKING', 'ELECTION');
    b.state(1, 'FOLLOWING', 'SYNCHRONIZATION').sync(3, 1, 'TRUNC+DIFF', z(1, 3), z(1, 4));
    b.log(2, z(1, 4)).commit(3, z(1, 4)).apply(3, z(1, 4), 'create /n4');
    b.truncate(1, z(1, 3)).restore(1, z(1, 3), 'TRUNC').log(1, z(1, 4));
    b.state(1, 'FOLLOWING', 'BROADCAST').apply(1, z(1, 4), 'create /n4');
    expect(b.run().found).toEqual([]);
  });

  it('the TRUNC quirk: when the target is not logged, the first txn above it survives', () => {
    const b = ensembleWith(3);
    // S1's log holds 1..3 (all committed); TRUNC(0) keeps 0x100000001 and removes 2 and 3.
    b.truncate(1, 0);
    const { found } = b.run();
    expect(names(found)).toEqual(['TruncBelowCommitted']);
    expect(found[0].detail).toContain('0x100000002, 0x100000003');
    expect(found[0].detail).not.toContain('0x100000001,');
  });
});

describe('InvariantChecker — each invariant fires', () => {
  it('Leadership2: two leaders established in one epoch', () => {
    const b = new TraceBuilder().boot(1, 2, 3);
    b.state(3, 'LEADING', 'DISCOVERY').established(3, 1);
    b.state(2, 'LEADING', 'DISCOVERY').established(2, 1);
    expect(names(b.run().found)).toEqual(['Leadership2']);
  });

  it('Leadership1: both LEADING in SYNCHRONIZATION/BROADCAST in the same epoch; not across epochs', () => {
    const b = new TraceBuilder().boot(1, 2, 3);
    b.state(3, 'LEADING', 'DISCOVERY').established(3, 1).state(3, 'LEADING', 'BROADCAST');
    b.state(2, 'LEADING', 'DISCOVERY').established(2, 1).state(2, 'LEADING', 'SYNCHRONIZATION');
    b.state(2, 'LEADING', 'BROADCAST'); // no second report
    const { found } = b.run();
    expect(names(found)).toEqual(['Leadership1', 'Leadership2']);
    expect(found.filter((v) => v.invariant === 'Leadership1')).toHaveLength(1);

    // A stale leader of epoch 1 still in BROADCAST while epoch 2 has its own leader is allowed.
    const ok = new TraceBuilder().boot(1, 2, 3);
    ok.state(3, 'LEADING', 'DISCOVERY').established(3, 1).state(3, 'LEADING', 'BROADCAST');
    ok.state(2, 'LEADING', 'DISCOVERY').established(2, 2).state(2, 'LEADING', 'BROADCAST');
    expect(ok.run().found).toEqual([]);
  });

  it('Leadership1 ends when a leader crashes or steps down', () => {
    const b = new TraceBuilder().boot(1, 2, 3);
    b.state(3, 'LEADING', 'DISCOVERY').established(3, 1).state(3, 'LEADING', 'BROADCAST');
    b.crash(3);
    b.state(2, 'LEADING', 'DISCOVERY').established(2, 2).state(2, 'LEADING', 'BROADCAST');
    b.state(2, 'LOOKING', 'ELECTION').state(2, 'LEADING', 'BROADCAST'); // no new `established`: epoch unknown
    expect(b.run().found).toEqual([]);
  });

  it('Integrity + Agreement: a follower applies a different op for a zxid', () => {
    const b = ensembleWith(2);
    b.propose(3, z(1, 3), 'create /a').log(3, z(1, 3)).log(1, z(1, 3)).commit(3, z(1, 3));
    b.apply(3, z(1, 3), 'create /a').apply(1, z(1, 3), 'create /b');
    const { found } = b.run();
    expect(names(found)).toEqual(['Agreement', 'Integrity']);
    expect(found.find((v) => v.invariant === 'Integrity')?.detail).toContain('proposed as "create /a"');
  });

  it('Integrity: applying a zxid that was never proposed', () => {
    const b = ensembleWith(1);
    b.apply(1, z(1, 2), 'create /ghost');
    expect(names(b.run().found)).toEqual(['Integrity']);
  });

  it('LocalPrimaryOrder: a follower skips a committed txn', () => {
    const b = ensembleWith(2);
    b.write(3, [1, 2], [2], z(1, 3), 'create /c'); // S1 never applies 0x100000003
    b.write(3, [1, 2], [1, 2], z(1, 4), 'create /d');
    b.write(3, [1, 2], [1, 2], z(1, 5), 'create /e'); // reported once, not again
    const { found } = b.run();
    expect(names(found)).toEqual(['LocalPrimaryOrder']);
    expect(found).toHaveLength(1);
    expect(found[0].detail).toContain('S1 applied 0x100000004');
    expect(found[0].detail).toContain('0x100000003');
  });

  it('LocalPrimaryOrder counts from the restore point: SNAP(z) covers everything committed ≤ z', () => {
    const b = ensembleWith(5);
    b.crash(1).restart(1).restore(1, z(1, 4), 'SNAP').apply(1, z(1, 5), 'create /n5');
    expect(b.run().found).toEqual([]);
    const bad = ensembleWith(5);
    bad.crash(1).restart(1).restore(1, z(1, 3), 'SNAP').apply(1, z(1, 5), 'create /n5');
    expect(names(bad.run().found)).toEqual(['LocalPrimaryOrder']);
  });

  it('PrefixConsistency: applied zxids must strictly increase', () => {
    const b = ensembleWith(3);
    b.apply(1, z(1, 2), 'create /n2');
    const { found } = b.run();
    expect(names(found)).toEqual(['PrefixConsistency']);
  });

  it('Durability: a new leader that lost a committed txn (4646-like), flagged once per establishment', () => {
    const b = ensembleWith(3);
    // 0x100000004 commits on S3 + S2; S1 never logs it. Both crash, and S1 gets established anyway.
    b.write(3, [2], [2], z(1, 4), 'create /n4');
    b.crash(3).crash(2).state(1, 'LOOKING', 'ELECTION');
    b.state(1, 'LEADING', 'DISCOVERY').established(1, 2);
    const { found } = b.run();
    expect(names(found)).toEqual(['Durability']);
    expect(found[0].detail).toContain('0x100000004');
  });

  it('EpochOrder: acceptedEpoch < currentEpoch', () => {
    const b = new TraceBuilder().boot(1).epoch(1, 1, 1).epoch(1, 1, 2).epoch(1, 1, 2);
    const { found } = b.run();
    expect(names(found)).toEqual(['EpochOrder']);
    expect(found).toHaveLength(1);
  });

  it('CheckDuringAction: every distinct anomaly, identical repeats once', () => {
    const b = new TraceBuilder().boot(1);
    b.anomaly(1, 'UNMATCHED_TXN_COMMIT', 'COMMIT 0x100000003, pending head 0x100000002');
    b.anomaly(1, 'UNMATCHED_TXN_COMMIT', 'COMMIT 0x100000003, pending head 0x100000002');
    b.anomaly(1, 'TRUNC_BELOW_COMMITTED', 'TRUNC 0x100000001 < lastCommitted 0x100000002');
    const { found } = b.run();
    expect(found.map((v) => v.invariant)).toEqual(['CheckDuringAction', 'CheckDuringAction']);
    expect(found[0].detail).toContain('UNMATCHED_TXN_COMMIT');
  });

  it('observe() returns only what this event revealed; `violations` accumulates', () => {
    const checker = new InvariantChecker({ voters: [1, 2, 3], observers: [4] });
    expect(checker.observe({ t: 1, ev: 'epoch', sid: 1, acceptedEpoch: 0, currentEpoch: 1 })).toHaveLength(1);
    expect(checker.observe({ t: 2, ev: 'heal' })).toEqual([]);
    expect(checker.observe({ t: 3, ev: 'anomaly', sid: 2, check: 'X', detail: 'y' })).toEqual([
      {
        at: 3,
        invariant: 'CheckDuringAction',
        detail: 'S2 X: y',
        sids: [2],
        zxids: [],
        cause: { bug: null, mechanism: 'unexplained' },
      },
    ]);
    expect(checker.violations.map((v) => v.at)).toEqual([1, 3]);
  });
});
