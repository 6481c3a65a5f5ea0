/**
 * FastLeaderElection driven by hand through a fake host: WorkerReceiver's replies (§2.4), the
 * queue before lookForLeader, the FOLLOWING/LEADING paths, timers, shutdown and the view.
 */
import { describe, expect, test } from 'vitest';
import { FastLeaderElection, type FLEHost } from '../../src/zk/FastLeaderElection';
import { LONG_MIN_VALUE, createInitialVote, createVote, type Vote } from '../../src/zk/Vote';
import type { Notification, ServerState } from '../../src/zk/QuorumPacket';
import { notif } from './harness';

class FakeHost implements FLEHost {
  state: ServerState = 'LOOKING';
  currentVote: Vote | null = null;
  t = 0;
  sent: { to: number; n: Notification }[] = [];
  timer: { due: number; delay: number } | null = null;
  decisions: { vote: Vote; state: ServerState }[] = [];
  delivered = true;
  connectAllCalls = 0;
  looking: number[] = [];

  constructor(
    readonly myid: number,
    readonly voters: readonly number[],
    private readonly observer = false,
    private readonly zxid = 0,
    private readonly epoch = 0,
  ) {}

  isObserver(): boolean {
    return this.observer;
  }
  getPeerState(): ServerState {
    return this.state;
  }
  getCurrentVote(): Vote | null {
    return this.currentVote;
  }
  getInitLastLoggedZxid(): number {
    return this.zxid;
  }
  getCurrentEpoch(): number {
    return this.epoch;
  }
  now(): number {
    return this.t;
  }
  sendNotification(to: number, n: Notification): void {
    this.sent.push({ to, n });
  }
  setPollTimer(delayMs: number): void {
    this.timer = { due: this.t + delayMs, delay: delayMs };
  }
  cancelPollTimer(): void {
    this.timer = null;
  }
  decided(vote: Vote, state: ServerState): void {
    this.state = state;
    this.currentVote = vote;
    this.decisions.push({ vote, state });
  }
  haveDelivered(): boolean {
    return this.delivered;
  }
  connectAll(): void {
    this.connectAllCalls += 1;
  }
  reportLookingSid(sid: number): void {
    this.looking.push(sid);
  }

  take(): { to: number; n: Notification }[] {
    const s = this.sent;
    this.sent = [];
    return s;
  }
  /** lets virtual time pass and fires the armed timer if it is due */
  advance(ms: number, fle: FastLeaderElection): void {
    this.t += ms;
    if (this.timer !== null && this.timer.due <= this.t) {
      this.t = this.timer.due;
      this.timer = null;
      fle.onTimer();
    }
  }
}

const V = [1, 2, 3];

describe('lookForLeader entry', () => {
  test('round +1, vote (myid, lastLoggedZxid, currentEpoch) to every voter including self, poll 200', () => {
    const h = new FakeHost(2, V, false, 0x100000007, 1);
    const fle = new FastLeaderElection(h);
    fle.logicalclock = 3;
    fle.lookForLeader();
    expect(fle.logicalclock).toBe(4);
    expect(h.take()).toEqual(V.map((to) => ({ to, n: notif('LOOKING', 2, 0x100000007, 4, 1) })));
    expect(h.timer).toEqual({ due: 200, delay: 200 });
    expect(fle.view().proposal).toEqual({
      leader: 2,
      zxid: 0x100000007,
      electionEpoch: 4,
      peerEpoch: 1,
      state: 'LOOKING',
    });
  });

  test('an observer votes (MIN, MIN, MIN) and notifies the voters only', () => {
    const h = new FakeHost(4, V, true, 0x100000007, 1);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    expect(h.take()).toEqual(
      V.map((to) => ({ to, n: notif('LOOKING', LONG_MIN_VALUE, LONG_MIN_VALUE, 1, LONG_MIN_VALUE) })),
    );
  });

  test('notifications that arrived while LOOKING before lookForLeader are processed when it starts', () => {
    const h = new FakeHost(1, V);
    const fle = new FastLeaderElection(h);
    fle.receive(3, notif('LOOKING', 3, 0, 1, 0));
    expect(fle.recvqueue).toHaveLength(1);
    expect(h.timer).toBeNull();
    fle.lookForLeader();
    expect(fle.recvqueue).toHaveLength(0);
    expect(fle.proposedLeader).toBe(3);
    expect(h.take().map((s) => s.n.leader)).toEqual([1, 1, 1, 3, 3, 3]);
  });
});

describe('WorkerReceiver', () => {
  test('non-voter sender: answered at once with currentVote, my round and state; never enqueued', () => {
    const h = new FakeHost(1, V);
    h.currentVote = createInitialVote(1, 5, 1);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    h.take();
    h.t = 50;
    fle.receive(4, notif('LOOKING', LONG_MIN_VALUE, LONG_MIN_VALUE, 1, LONG_MIN_VALUE));
    expect(h.take()).toEqual([{ to: 4, n: notif('LOOKING', 1, 5, 1, 1) }]);
    expect(fle.recvqueue).toHaveLength(0);
    // the poll did not return: the timer is still the one armed at t=0
    expect(h.timer).toEqual({ due: 200, delay: 200 });
    // also when I'm not LOOKING, and whatever the sender's state
    h.state = 'FOLLOWING';
    h.currentVote = createVote(3, 0, 1, 0);
    fle.receive(4, notif('OBSERVING', 3, 0, 1, 0));
    expect(h.take()).toEqual([{ to: 4, n: notif('FOLLOWING', 3, 0, 1, 0) }]);
  });

  test('LOOKING: a LOOKING sender of an older round gets my proposal and round back at once', () => {
    const h = new FakeHost(1, V);
    const fle = new FastLeaderElection(h);
    fle.logicalclock = 4;
    fle.lookForLeader();
    fle.receive(3, notif('LOOKING', 3, 0, 5, 0));
    h.take();
    fle.receive(2, notif('LOOKING', 2, 0, 1, 0));
    expect(h.take()).toEqual([{ to: 2, n: notif('LOOKING', 3, 0, 5, 0) }]);
    expect(fle.lastDecision?.rule).toBe('staleRound');
    // same-round and newer-round senders, and non-LOOKING ones, get no immediate answer
    fle.receive(2, notif('FOLLOWING', 3, 0, 1, 0));
    expect(h.take()).toEqual([]);
  });

  test('not LOOKING: a LOOKING sender gets currentVote with that vote’s electionEpoch and my state', () => {
    const h = new FakeHost(3, V);
    const fle = new FastLeaderElection(h);
    fle.logicalclock = 7;
    h.state = 'LEADING';
    h.currentVote = createVote(3, 0x100000000, 6, 1);
    fle.receive(1, notif('LOOKING', 1, 0, 1, 0));
    expect(h.take()).toEqual([{ to: 1, n: notif('LEADING', 3, 0x100000000, 6, 1) }]);
    expect(h.looking).toEqual([1]);
    // FOLLOWING / LEADING / OBSERVING senders are dropped
    fle.receive(2, notif('FOLLOWING', 3, 0, 6, 1));
    expect(h.take()).toEqual([]);
    expect(fle.recvqueue).toHaveLength(0);
  });
});

describe('main loop', () => {
  test('same round FOLLOWING/LEADING answers decide at once when the leader is among them', () => {
    const h = new FakeHost(1, V);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    fle.receive(1, notif('LOOKING', 1, 0, 1, 0));
    fle.receive(2, notif('FOLLOWING', 3, 0, 1, 0));
    expect(h.decisions).toEqual([]);
    // the leader's epoch differs from the follower's: in recvset only the leader id is compared
    fle.receive(3, notif('LEADING', 3, 0, 1, 1));
    expect(h.decisions).toEqual([{ vote: createVote(3, 0, 1, 1), state: 'FOLLOWING' }]);
    expect(fle.loopState).toBe('idle');
    expect(h.timer).toBeNull();
    expect(fle.view().proposal).toEqual({
      leader: 3,
      zxid: 0,
      electionEpoch: 1,
      peerEpoch: 1,
      state: 'FOLLOWING',
    });
  });

  test('checkLeader: a quorum of FOLLOWING answers without the leader’s own LEADING vote is not enough', () => {
    const h = new FakeHost(1, [1, 2, 3, 4, 5]);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    fle.receive(2, notif('FOLLOWING', 5, 0, 1, 0));
    fle.receive(3, notif('FOLLOWING', 5, 0, 1, 0));
    fle.receive(4, notif('FOLLOWING', 5, 0, 1, 0));
    expect(h.decisions).toEqual([]);
    fle.receive(5, notif('LEADING', 5, 0, 1, 0));
    expect(h.decisions.map((d) => [d.vote.leader, d.state])).toEqual([[5, 'FOLLOWING']]);
  });

  test('other rounds: outofelection needs equal peerEpochs; deciding adopts the round', () => {
    const h = new FakeHost(1, V);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    fle.receive(2, notif('FOLLOWING', 3, 0, 4, 0));
    fle.receive(3, notif('LEADING', 3, 0, 4, 1));
    expect(h.decisions).toEqual([]);
    expect(fle.recvset.has(2)).toBe(false);
    fle.receive(2, notif('FOLLOWING', 3, 0, 4, 1));
    expect(h.decisions).toEqual([{ vote: createVote(3, 0, 4, 1), state: 'FOLLOWING' }]);
    expect(fle.logicalclock).toBe(4);
  });

  test('everybody thinks I lead: I lead only if the round matches mine', () => {
    const h = new FakeHost(1, V);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    fle.receive(2, notif('FOLLOWING', 1, 0, 3, 0));
    fle.receive(3, notif('FOLLOWING', 1, 0, 3, 0));
    expect(h.decisions).toEqual([]);
    const h2 = new FakeHost(1, V);
    const fle2 = new FastLeaderElection(h2);
    fle2.logicalclock = 2;
    fle2.lookForLeader();
    fle2.receive(2, notif('FOLLOWING', 1, 0, 3, 0));
    fle2.receive(3, notif('FOLLOWING', 1, 0, 3, 0));
    expect(h2.decisions.map((d) => d.state)).toEqual(['LEADING']);
  });

  test('an observer finishes OBSERVING', () => {
    const h = new FakeHost(4, V, true);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    fle.receive(1, notif('FOLLOWING', 3, 0, 1, 0));
    fle.receive(3, notif('LEADING', 3, 0, 1, 0));
    expect(h.decisions).toEqual([{ vote: createVote(3, 0, 1, 0), state: 'OBSERVING' }]);
  });

  test('ignored: OBSERVING senders, votes for non-voters, zxid -1', () => {
    const h = new FakeHost(1, V);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    h.take();
    fle.receive(2, notif('OBSERVING', 3, 0, 1, 0));
    expect(fle.lastDecision?.rule).toBe('notLooking');
    fle.receive(2, notif('LOOKING', 9, 0, 1, 0));
    expect(fle.lastDecision?.rule).toBe('notVoter');
    fle.receive(2, notif('LOOKING', 3, -1, 1, 0));
    expect(fle.proposedLeader).toBe(1);
    expect(fle.recvset.size).toBe(0);
    expect(h.take()).toEqual([]);
  });

  test('lastDecisionOrder: the rule behind a newer-round adoption', () => {
    const h = new FakeHost(1, V, false, 0x100000002, 1);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    fle.receive(2, notif('LOOKING', 2, 0x100000005, 3, 1));
    expect(fle.lastDecision).toMatchObject({ rule: 'newRound', changed: true });
    expect(fle.lastDecisionOrder).toBe('zxid');
    fle.receive(3, notif('LOOKING', 3, 0x100000005, 3, 1));
    expect(fle.lastDecision).toMatchObject({ rule: 'sid', changed: true });
    expect(fle.lastDecisionOrder).toBe('sid');
    fle.receive(3, notif('LOOKING', 3, 0x100000005, 1, 1));
    expect(fle.lastDecisionOrder).toBeNull();
  });
});

describe('timers', () => {
  test('finalize: the proposal wins after 200 quiet ms; the end vote carries my round', () => {
    const h = new FakeHost(3, V);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    fle.receive(3, notif('LOOKING', 3, 0, 1, 0));
    h.t = 5;
    fle.receive(1, notif('LOOKING', 3, 0, 1, 0));
    expect(fle.loopState).toBe('finalizing');
    expect(h.timer).toEqual({ due: 205, delay: 200 });
    expect(fle.view().finalizeUntil).toBe(205);
    h.advance(199, fle);
    expect(h.decisions).toEqual([]);
    h.advance(1, fle);
    expect(h.decisions).toEqual([{ vote: createVote(3, 0, 1, 0), state: 'LEADING' }]);
  });

  test('a stale or early onTimer is ignored', () => {
    const h = new FakeHost(1, V);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    h.take();
    h.t = 100;
    fle.onTimer();
    expect(h.take()).toEqual([]);
    expect(fle.notTimeout).toBe(200);
  });

  test('on timeout with nothing delivered yet: connectAll instead of re-sending; backoff anyway', () => {
    const h = new FakeHost(1, V);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    h.take();
    h.delivered = false;
    h.advance(200, fle);
    expect(h.take()).toEqual([]);
    expect(h.connectAllCalls).toBe(1);
    expect(fle.notTimeout).toBe(400);
    expect(h.timer).toEqual({ due: 600, delay: 400 });
    h.delivered = true;
    h.advance(400, fle);
    expect(h.take().map((s) => s.to)).toEqual(V);
    expect(fle.notTimeout).toBe(800);
  });

  test('shutdown drops the queue and any finalize wait and cancels the timer', () => {
    const h = new FakeHost(3, V);
    const fle = new FastLeaderElection(h);
    fle.lookForLeader();
    fle.receive(3, notif('LOOKING', 3, 0, 1, 0));
    fle.receive(1, notif('LOOKING', 3, 0, 1, 0));
    expect(fle.loopState).toBe('finalizing');
    fle.shutdown();
    expect(fle.loopState).toBe('idle');
    expect(h.timer).toBeNull();
    expect(fle.view().finalizeUntil).toBeNull();
    fle.onTimer();
    expect(h.decisions).toEqual([]);
  });

  test('a synchronous loopback (host delivering inside sendNotification) is handled after the send', () => {
    const h = new FakeHost(1, V);
    const fle = new FastLeaderElection(h);
    const send = h.sendNotification.bind(h);
    h.sendNotification = (to: number, n: Notification): void => {
      send(to, n);
      if (to === 1) fle.receive(1, n);
    };
    fle.lookForLeader();
    expect(fle.recvset.get(1)).toEqual(createVote(1, 0, 1, 0));
    h.advance(200, fle);
    // timeout: re-send, backoff, then the loopback is taken with the new notTimeout
    expect(h.timer).toEqual({ due: 600, delay: 400 });
  });
});
