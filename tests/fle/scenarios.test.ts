/**
 * FastLeaderElection end to end in the harness world (zk-reference §9 S1, S2, S18, §2.5, §2.6):
 * several FLE instances exchanging notifications with 1 ms latency.
 */
import { describe, expect, test } from 'vitest';
import { World, notif } from './harness';
import { LONG_MIN_VALUE, createVote } from '../../src/zk/Vote';
import { makeZxid } from '../../src/zk/Zxid';

const sids = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

function summary(w: World): string[] {
  return [...w.peers.values()].map(
    (p) => `${p.myid}:${p.decision?.state ?? '-'}/${p.decision?.vote.leader ?? '-'}`,
  );
}

describe('S1: 3 servers, empty, all start at t=0', () => {
  test('leader 3; everybody decides after the 200 ms finalize wait', () => {
    const w = new World(sids(3).map((sid) => ({ sid })));
    for (const s of sids(3)) w.start(s, 0);
    w.run(5000);
    expect(summary(w)).toEqual(['1:FOLLOWING/3', '2:FOLLOWING/3', '3:LEADING/3']);
    for (const p of w.peers.values()) {
      expect(p.decisions).toHaveLength(1);
      const d = p.decisions[0];
      // the last notification any of them takes arrives at t=2; the 200 ms quiet period follows
      expect(d.t).toBe(202);
      // the LOOKING-path end vote: (proposedLeader, proposedZxid, logicalclock, proposedEpoch)
      expect(d.vote).toEqual(createVote(3, 0, 1, 0));
      expect(p.fle.logicalclock).toBe(1);
      expect(p.fle.loopState).toBe('idle');
      expect(p.fle.recvqueue).toHaveLength(0);
    }
    // no poll timeout ever fired: the finalize wait expired (that is the decision), nothing else
    for (const p of w.peers.values()) expect(p.timeouts.map((t) => t.loop)).toEqual(['finalizing']);
  });
});

describe('S2: 5 servers, empty, started in order 1..5 with gap G', () => {
  test('G = 250 ms: S3 leads; S4 and S5 learn it from LEADING/FOLLOWING replies in one round trip', () => {
    const G = 250;
    const w = new World(sids(5).map((sid) => ({ sid })));
    for (const s of sids(5)) w.start(s, (s - 1) * G);
    w.run(10_000);
    expect(summary(w)).toEqual([
      '1:FOLLOWING/3',
      '2:FOLLOWING/3',
      '3:LEADING/3',
      '4:FOLLOWING/3',
      '5:FOLLOWING/3',
    ]);
    // S3 starts at 500, votes meet at 502, 200 ms finalize
    for (const s of [1, 2, 3]) expect(w.peer(s).decision?.t).toBe(702);
    // late joiners: start + 1 ms out + 1 ms back, no finalize wait
    expect(w.peer(4).decision?.t).toBe(3 * G + 2);
    expect(w.peer(5).decision?.t).toBe(4 * G + 2);
    // no new election: every server decided once, everybody is in round 1
    for (const p of w.peers.values()) {
      expect(p.decisions).toHaveLength(1);
      expect(p.fle.logicalclock).toBe(1);
    }
    // the joiner sent its initial notification round only
    expect(w.sentBy(4).filter((s) => s.n.state === 'LOOKING')).toHaveLength(5);
    // ... and was answered with currentVote + state; its recvset shows the established ensemble
    const v4 = w.peer(4).fle.view();
    expect(v4.recvset.map((e) => [e.sid, e.vote.leader, e.vote.state])).toEqual([
      [1, 3, 'FOLLOWING'],
      [2, 3, 'FOLLOWING'],
      [3, 3, 'LEADING'],
      [4, 4, 'LOOKING'],
    ]);
    expect(w.peer(4).decision?.vote).toEqual(createVote(3, 0, 1, 0));
    expect(v4.lastDecision?.rule).toBe('notLooking');
    expect(v4.lastDecision?.changed).toBe(true);
  });

  test('G = 150 ms: each newcomer lands inside the previous finalize wait → cascade → S5 leads', () => {
    const G = 150;
    const w = new World(sids(5).map((sid) => ({ sid })));
    for (const s of sids(5)) w.start(s, (s - 1) * G);
    w.run(10_000);
    expect(summary(w)).toEqual([
      '1:FOLLOWING/5',
      '2:FOLLOWING/5',
      '3:FOLLOWING/5',
      '4:FOLLOWING/5',
      '5:LEADING/5',
    ]);
    for (const p of w.peers.values()) expect(p.decision?.t).toBe(4 * G + 2 + 200);
    // S3 had a LOOKING quorum (finalize) and gave it up when S4's vote arrived
    const s3Timeouts = w.peer(3).timeouts.map((t) => t.loop);
    expect(s3Timeouts).toEqual(['finalizing']);
  });

  test('threshold of the model: G <= 200 → 5, G >= 201 → 3', () => {
    const leaderFor = (G: number): number | undefined => {
      const w = new World(sids(5).map((sid) => ({ sid })));
      for (const s of sids(5)) w.start(s, (s - 1) * G);
      w.run(20_000);
      const leaders = new Set([...w.peers.values()].map((p) => p.decision?.vote.leader));
      expect(leaders.size).toBe(1);
      return [...leaders][0];
    };
    expect(leaderFor(199)).toBe(5);
    expect(leaderFor(200)).toBe(5);
    expect(leaderFor(201)).toBe(3);
    expect(leaderFor(400)).toBe(3);
  });
});

describe('vote order in an election', () => {
  test('peerEpoch beats zxid: (currentEpoch 3, 0x200000005) wins over (2, 0x200000009)', () => {
    const w = new World([
      { sid: 1, currentEpoch: 3, lastLoggedZxid: makeZxid(2, 5) },
      { sid: 2, currentEpoch: 2, lastLoggedZxid: makeZxid(2, 9) },
      { sid: 3, currentEpoch: 2, lastLoggedZxid: makeZxid(2, 9) },
    ]);
    for (const s of sids(3)) w.start(s, 0);
    w.run(5000);
    expect(summary(w)).toEqual(['1:LEADING/1', '2:FOLLOWING/1', '3:FOLLOWING/1']);
    expect(w.peer(2).decision?.vote).toEqual(createVote(1, makeZxid(2, 5), 1, 3));
    // S3 moved to S1 because of the peerEpoch rule (S2's vote for itself lost on sid first)
    const s3 = w.peer(3).fle;
    expect(s3.view().proposal?.leader).toBe(1);
  });

  test('the "why" of a vote change names the rule that decided', () => {
    const w = new World([
      { sid: 1, currentEpoch: 3, lastLoggedZxid: makeZxid(2, 5) },
      { sid: 2, currentEpoch: 2, lastLoggedZxid: makeZxid(2, 9) },
      { sid: 3, currentEpoch: 2, lastLoggedZxid: makeZxid(2, 9) },
    ]);
    w.start(3, 0);
    w.start(2, 10);
    w.run(11);
    // S3 heard S2: same epoch, same zxid, lower sid → S3 keeps its vote, on the sid rule
    expect(w.peer(3).fle.lastDecision).toMatchObject({ from: 2, rule: 'sid', changed: false });
    // S2 has only heard itself so far (S3's first round was lost: S2 was down): its own loopback
    // notification is not shown as a decision
    expect(w.peer(2).fle.lastDecision).toBeNull();
    w.start(1, 20);
    w.run(21);
    for (const s of [2, 3]) {
      // (afterwards each one's own re-broadcast comes back through the loopback, judged 'equal')
      const fromS1 = w.peer(s).judged.find((j) => j.d.from === 1);
      expect(fromS1?.t).toBe(21);
      const mine = fromS1?.d.mine;
      expect(fromS1?.d).toMatchObject({
        from: 1,
        rule: 'peerEpoch',
        changed: true,
        theirs: { leader: 1, peerEpoch: 3, zxid: makeZxid(2, 5) },
        mine: { peerEpoch: 2, zxid: makeZxid(2, 9) },
      });
      // S2 was proposing 2, S3 was proposing 3: the zxid and sid would have favoured them
      expect(mine?.leader).toBe(s);
      // and the vote box keeps showing that change: its own re-broadcast does not overwrite it
      expect(w.peer(s).fle.lastDecision).toMatchObject({ from: 1, rule: 'peerEpoch', changed: true });
    }
    w.run(5000);
    expect(summary(w)).toEqual(['1:LEADING/1', '2:FOLLOWING/1', '3:FOLLOWING/1']);
  });
});

describe('rounds', () => {
  test('a stale-round peer catches up from the immediate reply and adopts the round', () => {
    // S1 has been through 4 elections already (next round 5); S2 is down; S3 is a fresh process.
    const w = new World([{ sid: 1, logicalclock: 4 }, { sid: 2 }, { sid: 3 }]);
    w.start(1, 0);
    w.start(3, 1000);
    w.run(1001);
    const s1 = w.peer(1).fle;
    // the main loop ignored S3's round-1 vote...
    expect(s1.lastDecision).toMatchObject({ from: 3, rule: 'staleRound', changed: false });
    expect(s1.recvset.has(3)).toBe(false);
    // ...but WorkerReceiver answered at once with its proposal and round 5
    const reply = w.sent.find((s) => s.from === 1 && s.to === 3 && s.t >= 1000);
    expect(reply).toMatchObject({ t: 1001, n: { state: 'LOOKING', leader: 1, electionEpoch: 5 } });
    w.run(1002);
    const s3 = w.peer(3).fle;
    expect(s3.logicalclock).toBe(5);
    // newer round: recvset cleared, compared with S3's initial vote (3 beats 1 on sid) → stays 3
    expect(w.peer(3).judged.find((j) => j.d.from === 1)).toMatchObject({
      t: 1002,
      d: { rule: 'newRound', changed: false, mine: { leader: 3, electionEpoch: 5 }, theirs: { leader: 1 } },
    });
    w.run(5000);
    expect(summary(w)).toEqual(['1:FOLLOWING/3', '2:-/-', '3:LEADING/3']);
    expect(w.peer(3).decision?.vote.electionEpoch).toBe(5);
    expect(w.peer(1).decision?.vote.electionEpoch).toBe(5);
  });

  test('a newer-round vote is compared with my INITIAL vote, not my current proposal', () => {
    // S1 (round 1) has moved its proposal to S3; a round-2 vote for S2 arrives: the comparison is
    // S2 vs S1's own initial vote → S1 now proposes 2, although 3 beats 2.
    const w = new World([{ sid: 1 }, { sid: 2 }, { sid: 3 }]);
    const s1 = w.peer(1);
    s1.up = true;
    s1.fle.lookForLeader();
    s1.fle.receive(3, notif('LOOKING', 3, 0, 1, 0));
    expect(s1.fle.proposedLeader).toBe(3);
    s1.fle.receive(2, notif('LOOKING', 2, 0, 2, 0));
    expect(s1.fle.logicalclock).toBe(2);
    expect(s1.fle.proposedLeader).toBe(2);
    expect(s1.fle.lastDecision).toMatchObject({ rule: 'newRound', changed: true, mine: { leader: 1 } });
    expect([...s1.fle.recvset.keys()]).toEqual([2]);
  });

  test('outofelection: a joiner in round 1 follows an ensemble settled in round 2 and adopts its round', () => {
    const w = new World([
      { sid: 1, logicalclock: 1 },
      { sid: 2, logicalclock: 1 },
      { sid: 3, logicalclock: 1 },
      { sid: 4 },
      { sid: 5 },
    ]);
    for (const s of [1, 2, 3]) w.start(s, 0);
    w.start(4, 1000);
    w.run(5000);
    expect(summary(w)).toEqual(['1:FOLLOWING/3', '2:FOLLOWING/3', '3:LEADING/3', '4:FOLLOWING/3', '5:-/-']);
    const s4 = w.peer(4);
    expect(s4.decision?.t).toBe(1002);
    expect(s4.fle.logicalclock).toBe(2);
    expect(s4.decision?.vote).toEqual(createVote(3, 0, 2, 0));
    expect(s4.fle.view().outofelection.map((e) => e.sid)).toEqual([1, 2, 3]);
    // the round-2 answers never entered recvset (only S4's own round-1 vote is there)
    expect([...s4.fle.recvset.keys()]).toEqual([4]);
  });

  test('outofelection needs equal peerEpochs: the joiner waits for UPTODATE and retries on its backoff', () => {
    const w = new World([
      { sid: 1, logicalclock: 1 },
      { sid: 2, logicalclock: 1 },
      { sid: 3, logicalclock: 1 },
      { sid: 4 },
      { sid: 5 },
    ]);
    for (const s of [1, 2, 3]) w.start(s, 0);
    w.run(500);
    // establishment: the leader updates its election vote's peerEpoch first (startZkServer)
    const bump = (sid: number): void => {
      const p = w.peer(sid);
      if (p.currentVote !== null) p.currentVote = { ...p.currentVote, peerEpoch: 1 };
    };
    bump(3);
    w.start(4, 1000);
    // followers process UPTODATE at 1100
    w.at(1100, () => {
      bump(1);
      bump(2);
    });
    w.run(5000);
    const s4 = w.peer(4);
    // answers arrive at 1002: (3, pe 0) ×2 and (3, pe 1) LEADING → no (leader, peerEpoch) quorum
    // of 3 among 5 voters; poll timeout at 1002 + 200 → re-send → all answers say pe 1 at 1204
    expect(s4.timeouts.map((t) => [t.t, t.notTimeout])).toEqual([[1202, 200]]);
    expect(s4.decision?.t).toBe(1204);
    expect(s4.decision?.vote).toEqual(createVote(3, 0, 2, 1));
  });
});

describe('poll timeout backoff', () => {
  test('200, 400, 800, … capped at 60000, re-sending to every voter each time', () => {
    const w = new World(sids(3).map((sid) => ({ sid })));
    w.start(1, 0);
    w.run(400_000);
    const s1 = w.peer(1);
    const expected = [200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000, 60000];
    expect(s1.timeouts.slice(0, expected.length).map((t) => t.notTimeout)).toEqual(expected);
    // each expiry is notTimeout after the last notification taken (the loopback of the previous re-send)
    let t = 0;
    for (let i = 0; i < expected.length; i++) {
      t += expected[i];
      expect(s1.timeouts[i].t).toBe(t);
    }
    // every timeout re-sends the current vote to all voters (self included)
    const resends = s1.timeouts.slice(0, 3).map((to) =>
      w
        .sentBy(1)
        .filter((s) => s.t === to.t)
        .map((s) => s.to),
    );
    expect(resends).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(s1.decisions).toHaveLength(0);
  });

  test('a notification restarts the poll with the current notTimeout (never reset)', () => {
    const w = new World(sids(3).map((sid) => ({ sid })));
    w.start(1, 0);
    // timeouts at 200 and 600 → notTimeout 800; a stale-round vote arrives at 701
    w.inject(700, 2, 1, notif('LOOKING', 2, 0, 0, 0));
    w.run(3000);
    const s1 = w.peer(1);
    expect(s1.timeouts.slice(0, 3).map((t) => [t.t, t.notTimeout])).toEqual([
      [200, 200],
      [600, 400],
      [1501, 800],
    ]);
  });
});

describe('finalize wait', () => {
  test('a better late notification aborts the finalize; the loop takes it and the election moves on', () => {
    const w = new World(sids(3).map((sid) => ({ sid })));
    w.start(1, 0);
    w.start(2, 0);
    w.start(3, 100);
    w.run(50);
    const s2 = w.peer(2).fle;
    expect(s2.loopState).toBe('finalizing');
    // S1's vote for 2 reaches S2 at t=2: LOOKING quorum, finalize until 202
    expect(s2.view().finalizeUntil).toBe(202);
    w.run(101);
    // S3's vote beat the proposal: the finalize was abandoned and the main loop took the vote...
    expect(w.peer(2).judged.find((j) => j.t === 101)?.d).toMatchObject({
      from: 3,
      rule: 'sid',
      changed: true,
    });
    expect(s2.proposedLeader).toBe(3);
    // ...then S2's own new vote (loopback) and S3's make a new LOOKING quorum for 3: new finalize
    expect(s2.view().finalizeUntil).toBe(301);
    w.run(102);
    // S1's vote for 3 does not beat it: discarded, the wait restarts
    expect(s2.view().finalizeUntil).toBe(302);
    w.run(5000);
    expect(summary(w)).toEqual(['1:FOLLOWING/3', '2:FOLLOWING/3', '3:LEADING/3']);
    expect(w.peer(2).decision?.t).toBe(302);
  });

  test('a non-beating notification is discarded and restarts the 200 ms wait', () => {
    const w = new World(sids(3).map((sid) => ({ sid })));
    w.start(1, 0);
    w.start(2, 0);
    w.run(50);
    const s2 = w.peer(2);
    expect(s2.fle.view().finalizeUntil).toBe(202);
    const before = s2.fle.view().recvset;
    // a duplicate and a worse vote arrive during the wait
    w.inject(150, 1, 2, notif('LOOKING', 2, 0, 1, 0));
    w.inject(250, 1, 2, notif('LOOKING', 1, 0, 1, 0));
    w.run(200);
    expect(s2.fle.view().finalizeUntil).toBe(351);
    w.run(300);
    expect(s2.fle.view().finalizeUntil).toBe(451);
    // discarded: recvset unchanged (the worse vote for 1 is not recorded)
    expect(s2.fle.view().recvset).toEqual(before);
    expect(s2.fle.lastDecision).toMatchObject({ from: 1, rule: 'sid', changed: false });
    w.run(1000);
    expect(s2.decision?.t).toBe(451);
    expect(s2.decision?.state).toBe('LEADING');
  });
});

describe('S18: observer', () => {
  test('decides OBSERVING from the voters’ answers, never counts, is never proposed', () => {
    const w = new World([{ sid: 1 }, { sid: 2 }, { sid: 3 }, { sid: 4, observer: true }]);
    for (const s of [1, 2, 3, 4]) w.start(s, 0);
    w.run(5000);
    expect(summary(w)).toEqual(['1:FOLLOWING/3', '2:FOLLOWING/3', '3:LEADING/3', '4:OBSERVING/3']);
    // voters decide exactly as in S1: the observer neither counts nor disturbs the finalize
    for (const s of [1, 2, 3]) expect(w.peer(s).decision?.t).toBe(202);
    // the observer's notifications go to voters only, with a MIN vote
    const fromObs = w.sentBy(4).filter((s) => s.n.state === 'LOOKING');
    expect(new Set(fromObs.map((s) => s.to))).toEqual(new Set([1, 2, 3]));
    expect(fromObs[0].n).toMatchObject({
      leader: LONG_MIN_VALUE,
      zxid: LONG_MIN_VALUE,
      peerEpoch: LONG_MIN_VALUE,
    });
    // every observer notification is answered immediately by the voter it reached
    for (const s of fromObs) {
      const replies = w.sent.filter((r) => r.from === s.to && r.to === 4 && r.t === s.t + 1);
      expect(replies.length).toBeGreaterThan(0);
    }
    // nobody ever proposes the observer; voters never hold a vote from it
    for (const s of w.sent) expect(s.n.leader).not.toBe(4);
    for (const s of [1, 2, 3]) expect(w.peer(s).fle.recvset.has(4)).toBe(false);
    // it learns the leader after the voters decided: at its next poll timeout's re-send
    const obs = w.peer(4);
    expect(obs.decision?.vote.leader).toBe(3);
    expect(obs.decision?.t).toBeGreaterThan(202);
    expect(obs.decision?.t).toBeLessThanOrEqual(202 + 200 + 2);
  });
});
