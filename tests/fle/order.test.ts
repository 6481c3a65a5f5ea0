/**
 * The pure parts of FastLeaderElection / Vote: totalOrderPredicate and its explanation (§2.2),
 * Vote.equals (§2.3), and quorum counting (getVoteTracker / termPredicate).
 */
import { describe, expect, test } from 'vitest';
import {
  VoteTracker,
  explainVoteOrder,
  getVoteTracker,
  termPredicate,
  totalOrderPredicate,
} from '../../src/zk/FastLeaderElection';
import { LONG_MIN_VALUE, createVote, voteEquals, voteToString, type Vote } from '../../src/zk/Vote';
import { makeZxid } from '../../src/zk/Zxid';

const voters = [1, 2, 3];
const weight = (sid: number): number => (voters.includes(sid) ? 1 : 0);

describe('totalOrderPredicate', () => {
  test('peerEpoch first, then zxid, then sid', () => {
    // (new id, new zxid, new epoch, cur id, cur zxid, cur epoch)
    expect(totalOrderPredicate(1, makeZxid(2, 5), 3, 2, makeZxid(2, 9), 2, weight)).toBe(true);
    expect(totalOrderPredicate(2, makeZxid(2, 9), 2, 1, makeZxid(2, 5), 3, weight)).toBe(false);
    expect(totalOrderPredicate(1, makeZxid(1, 7), 1, 3, makeZxid(1, 6), 1, weight)).toBe(true);
    expect(totalOrderPredicate(3, makeZxid(1, 6), 1, 1, makeZxid(1, 7), 1, weight)).toBe(false);
    expect(totalOrderPredicate(3, 0, 0, 2, 0, 0, weight)).toBe(true);
    expect(totalOrderPredicate(2, 0, 0, 3, 0, 0, weight)).toBe(false);
    // the same vote never beats itself
    expect(totalOrderPredicate(2, 5, 1, 2, 5, 1, weight)).toBe(false);
  });

  test('a zero-weight candidate (observer, unknown sid) never wins', () => {
    expect(totalOrderPredicate(4, makeZxid(9, 9), 9, 1, 0, 0, weight)).toBe(false);
    expect(totalOrderPredicate(LONG_MIN_VALUE, 0, 0, 1, 0, 0, weight)).toBe(false);
  });

  test('any voter beats an observer initial vote (MIN, MIN, MIN)', () => {
    expect(totalOrderPredicate(1, 0, 0, LONG_MIN_VALUE, LONG_MIN_VALUE, LONG_MIN_VALUE, weight)).toBe(true);
  });

  test('explainVoteOrder names the rule that decided, either way', () => {
    expect(explainVoteOrder(1, makeZxid(2, 5), 3, 2, makeZxid(2, 9), 2, weight)).toEqual({
      rule: 'peerEpoch',
      beats: true,
    });
    expect(explainVoteOrder(2, makeZxid(2, 9), 2, 1, makeZxid(2, 5), 3, weight)).toEqual({
      rule: 'peerEpoch',
      beats: false,
    });
    expect(explainVoteOrder(1, 7, 1, 3, 6, 1, weight)).toEqual({ rule: 'zxid', beats: true });
    expect(explainVoteOrder(3, 6, 1, 1, 7, 1, weight)).toEqual({ rule: 'zxid', beats: false });
    expect(explainVoteOrder(3, 6, 1, 1, 6, 1, weight)).toEqual({ rule: 'sid', beats: true });
    expect(explainVoteOrder(1, 6, 1, 3, 6, 1, weight)).toEqual({ rule: 'sid', beats: false });
    expect(explainVoteOrder(2, 6, 1, 2, 6, 1, weight)).toEqual({ rule: 'equal', beats: false });
    expect(explainVoteOrder(4, 6, 9, 2, 6, 1, weight)).toEqual({ rule: 'notVoter', beats: false });
  });

  test('explanation and predicate agree everywhere on a small grid', () => {
    const vals = [0, 1, 2];
    for (const a of [1, 2, 3, 4])
      for (const b of [1, 2, 3])
        for (const za of vals)
          for (const zb of vals)
            for (const ea of vals)
              for (const eb of vals) {
                const p = totalOrderPredicate(a, za, ea, b, zb, eb, weight);
                expect(explainVoteOrder(a, za, ea, b, zb, eb, weight).beats).toBe(p);
                // strict order among voters: at most one direction wins; ties only for equal votes
                if (a !== 4) {
                  const q = totalOrderPredicate(b, zb, eb, a, za, ea, weight);
                  expect(p && q).toBe(false);
                  if (!p && !q) expect([a, za, ea]).toEqual([b, zb, eb]);
                }
              }
  });
});

describe('Vote.equals (§2.3)', () => {
  const looking = (l: number, z: number, e: number, pe: number): Vote => createVote(l, z, e, pe);

  test('if either side is LOOKING: leader, zxid, electionEpoch and peerEpoch all count', () => {
    expect(voteEquals(looking(3, 5, 1, 0), looking(3, 5, 1, 0))).toBe(true);
    expect(voteEquals(looking(3, 5, 1, 0), looking(3, 6, 1, 0))).toBe(false);
    expect(voteEquals(looking(3, 5, 1, 0), looking(3, 5, 2, 0))).toBe(false);
    expect(voteEquals(looking(3, 5, 1, 0), looking(3, 5, 1, 1))).toBe(false);
    // a FOLLOWING vote of the same round matches a LOOKING one field by field, versions ignored
    const following = createVote(3, 5, 1, 0, 'FOLLOWING', 2);
    expect(voteEquals(looking(3, 5, 1, 0), following)).toBe(true);
    expect(voteEquals(following, looking(3, 5, 1, 0))).toBe(true);
    expect(voteEquals(looking(3, 5, 1, 0), createVote(3, 5, 2, 0, 'FOLLOWING', 2))).toBe(false);
  });

  test('both non-LOOKING, exactly one with version > 0: only the leader counts', () => {
    const a = createVote(3, 5, 1, 0, 'FOLLOWING', 0);
    const b = createVote(3, 9, 4, 7, 'LEADING', 2);
    expect(voteEquals(a, b)).toBe(true);
    expect(voteEquals(b, a)).toBe(true);
    expect(voteEquals(a, createVote(2, 5, 1, 0, 'LEADING', 2))).toBe(false);
  });

  test('both non-LOOKING, same version class: leader and peerEpoch count (zxid, electionEpoch ignored)', () => {
    const a = createVote(3, 5, 1, 1, 'FOLLOWING', 2);
    expect(voteEquals(a, createVote(3, 9, 7, 1, 'LEADING', 2))).toBe(true);
    expect(voteEquals(a, createVote(3, 5, 1, 2, 'LEADING', 2))).toBe(false);
    const z = createVote(3, 5, 1, 1, 'FOLLOWING', 0);
    expect(voteEquals(z, createVote(3, 6, 2, 1, 'FOLLOWING', 0))).toBe(true);
    expect(voteEquals(z, createVote(3, 5, 1, 0, 'FOLLOWING', 0))).toBe(false);
  });

  test('constructor defaults and toString', () => {
    expect(createVote(3, 0, 1, 0)).toEqual({
      leader: 3,
      zxid: 0,
      electionEpoch: 1,
      peerEpoch: 0,
      state: 'LOOKING',
      version: 0,
    });
    expect(voteToString(createVote(3, makeZxid(1, 5), 1, 2))).toBe('(3, 100000005, 2)');
  });
});

describe('quorum counting', () => {
  test('strict majority of voters; non-voters never ack', () => {
    const t = new VoteTracker([1, 2, 3, 4]);
    t.addAck(1);
    t.addAck(2);
    expect(t.hasAllQuorums()).toBe(false);
    expect(t.addAck(9)).toBe(false);
    expect(t.hasAllQuorums()).toBe(false);
    t.addAck(3);
    expect(t.hasAllQuorums()).toBe(true);
    const five = new VoteTracker([1, 2, 3, 4, 5]);
    for (const s of [1, 2]) five.addAck(s);
    expect(five.hasAllQuorums()).toBe(false);
    five.addAck(5);
    expect(five.hasAllQuorums()).toBe(true);
  });

  test('FOLLOWING/LEADING votes in recvset (version 0) vs the notification (version 2): leader only', () => {
    const recvset = new Map<number, Vote>([
      [1, createVote(3, 0, 1, 0, 'FOLLOWING', 0)],
      [3, createVote(3, 0, 1, 1, 'LEADING', 0)],
    ]);
    expect(termPredicate(voters, recvset, createVote(3, 0, 1, 1, 'LEADING', 2))).toBe(true);
    // in outofelection both carry version 2: peerEpochs must agree too
    const outofelection = new Map<number, Vote>([
      [1, createVote(3, 0, 1, 0, 'FOLLOWING', 2)],
      [3, createVote(3, 0, 1, 1, 'LEADING', 2)],
    ]);
    expect(termPredicate(voters, outofelection, createVote(3, 0, 1, 1, 'LEADING', 2))).toBe(false);
    expect([...getVoteTracker(voters, outofelection, createVote(3, 0, 1, 1, 'LEADING', 2)).ackset]).toEqual([
      3,
    ]);
  });
});
