/**
 * A tiny deterministic world for FastLeaderElection tests: a priority queue of events in virtual
 * time, a fixed latency per message (FIFO per link), hosts that play QuorumPeer (state,
 * currentVote, decisions) around one FastLeaderElection each. A message whose target process is
 * not up when it arrives is lost (no QuorumCnxManager queue-and-resend here). Loopback notifications skip the
 * network (QuorumCnxManager puts them straight into its own receive queue) and are delivered as
 * a separate event at the same virtual time.
 */
import { FastLeaderElection, type FLEDecision, type FLEHost } from '../../src/zk/FastLeaderElection';
import { createInitialVote, type Vote } from '../../src/zk/Vote';
import type { Notification, ServerState } from '../../src/zk/QuorumPacket';
import type { Sid, Zxid } from '../../src/zk/Zxid';

type SimEvent =
  | { kind: 'deliver'; from: Sid; to: Sid; n: Notification; rec: SentRecord }
  | { kind: 'timer'; sid: Sid; gen: number }
  | { kind: 'call'; f: () => void };

interface Scheduled {
  t: number;
  seq: number;
  ev: SimEvent;
}

/** Binary min-heap on (t, seq): equal times run in scheduling order. */
class EventQueue {
  private heap: Scheduled[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(s: Scheduled): void {
    const h = this.heap;
    h.push(s);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  peek(): Scheduled | undefined {
    return this.heap[0];
  }

  pop(): Scheduled | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l], h[m])) m = l;
        if (r < h.length && less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function less(a: Scheduled, b: Scheduled): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

export interface PeerConfig {
  sid: Sid;
  observer?: boolean;
  lastLoggedZxid?: Zxid;
  currentEpoch?: number;
  /** logicalclock of the FLE before its first lookForLeader (a process that already ran elections) */
  logicalclock?: number;
}

export interface SentRecord {
  t: number;
  from: Sid;
  to: Sid;
  n: Notification;
  dropped: boolean;
}

export interface DecisionRecord {
  t: number;
  vote: Vote;
  state: ServerState;
}

export class TestPeer implements FLEHost {
  readonly myid: Sid;
  readonly voters: readonly Sid[];
  readonly observer: boolean;
  up = false;
  state: ServerState = 'LOOKING';
  currentVote: Vote | null = null;
  lastLoggedZxid: Zxid;
  currentEpoch: number;
  readonly fle: FastLeaderElection;
  readonly decisions: DecisionRecord[] = [];
  /** every setPollTimer: when and with which delay */
  readonly timerArms: { t: number; delay: number }[] = [];
  /** every poll-timer expiry delivered to the FLE: when, and the notTimeout / loop state in force */
  readonly timeouts: { t: number; notTimeout: number; loop: string }[] = [];
  /** lastDecision after every notification that changed it (the loop's judgement, in order) */
  readonly judged: { t: number; d: FLEDecision }[] = [];
  timerGen = 0;

  constructor(
    private readonly world: World,
    cfg: PeerConfig,
    voters: readonly Sid[],
  ) {
    this.myid = cfg.sid;
    this.voters = voters;
    this.observer = cfg.observer ?? false;
    this.lastLoggedZxid = cfg.lastLoggedZxid ?? 0;
    this.currentEpoch = cfg.currentEpoch ?? 0;
    this.fle = new FastLeaderElection(this);
    this.fle.logicalclock = cfg.logicalclock ?? 0;
  }

  isObserver(): boolean {
    return this.observer;
  }
  getPeerState(): ServerState {
    return this.state;
  }
  getCurrentVote(): Vote | null {
    return this.currentVote;
  }
  getInitLastLoggedZxid(): Zxid {
    return this.lastLoggedZxid;
  }
  getCurrentEpoch(): number {
    return this.currentEpoch;
  }
  now(): number {
    return this.world.now;
  }
  sendNotification(to: Sid, n: Notification): void {
    this.world.send(this.myid, to, n);
  }
  setPollTimer(delayMs: number): void {
    this.timerGen += 1;
    this.timerArms.push({ t: this.world.now, delay: delayMs });
    this.world.schedule(this.world.now + delayMs, { kind: 'timer', sid: this.myid, gen: this.timerGen });
  }
  cancelPollTimer(): void {
    this.timerGen += 1;
  }
  decided(vote: Vote, state: ServerState): void {
    this.state = state;
    this.currentVote = vote;
    this.decisions.push({ t: this.world.now, vote, state });
  }

  get decision(): DecisionRecord | undefined {
    return this.decisions[this.decisions.length - 1];
  }
}

export interface WorldOptions {
  latency?: number;
  loopbackLatency?: number;
}

export class World {
  now = 0;
  private seq = 0;
  private readonly queue = new EventQueue();
  readonly peers = new Map<Sid, TestPeer>();
  readonly sent: SentRecord[] = [];
  readonly latency: number;
  readonly loopbackLatency: number;

  constructor(configs: PeerConfig[], opts: WorldOptions = {}) {
    this.latency = opts.latency ?? 1;
    this.loopbackLatency = opts.loopbackLatency ?? 0;
    const voters = configs.filter((c) => !(c.observer ?? false)).map((c) => c.sid);
    for (const c of configs) this.peers.set(c.sid, new TestPeer(this, c, voters));
  }

  peer(sid: Sid): TestPeer {
    const p = this.peers.get(sid);
    if (p === undefined) throw new Error(`no peer ${sid}`);
    return p;
  }

  schedule(t: number, ev: SimEvent): void {
    this.queue.push({ t, seq: this.seq++, ev });
  }

  at(t: number, f: () => void): void {
    this.schedule(t, { kind: 'call', f });
  }

  /** Process start at `t`: LOOKING, currentVote = (myid, lastLoggedZxid, currentEpoch), lookForLeader. */
  start(sid: Sid, t: number): void {
    this.at(t, () => {
      const p = this.peer(sid);
      p.up = true;
      p.state = 'LOOKING';
      p.currentVote = createInitialVote(sid, p.lastLoggedZxid, p.currentEpoch);
      p.fle.lookForLeader();
    });
  }

  /** A notification put on the wire by hand, from `from` to `to`, leaving at `t`. */
  inject(t: number, from: Sid, to: Sid, n: Notification): void {
    this.at(t, () => this.send(from, to, n));
  }

  /** On the wire now; lost if the target process is not up when it arrives. */
  send(from: Sid, to: Sid, n: Notification): void {
    const rec: SentRecord = { t: this.now, from, to, n: { ...n }, dropped: false };
    this.sent.push(rec);
    const delay = from === to ? this.loopbackLatency : this.latency;
    this.schedule(this.now + delay, { kind: 'deliver', from, to, n: { ...n }, rec });
  }

  /** Runs every event due at or before `until`. */
  run(until: number): void {
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.t > until) break;
      this.queue.pop();
      this.now = next.t;
      const ev = next.ev;
      switch (ev.kind) {
        case 'call':
          ev.f();
          break;
        case 'deliver': {
          const p = this.peers.get(ev.to);
          if (p !== undefined && p.up) {
            const before = p.fle.lastDecision;
            p.fle.receive(ev.from, ev.n);
            const after = p.fle.lastDecision;
            if (after !== null && after !== before) p.judged.push({ t: this.now, d: after });
          } else {
            ev.rec.dropped = true;
          }
          break;
        }
        case 'timer': {
          const p = this.peer(ev.sid);
          if (p.up && ev.gen === p.timerGen) {
            p.timeouts.push({ t: this.now, notTimeout: p.fle.notTimeout, loop: p.fle.loopState });
            p.fle.onTimer();
          }
          break;
        }
      }
    }
    this.now = until;
  }

  sentBy(sid: Sid): SentRecord[] {
    return this.sent.filter((s) => s.from === sid);
  }
}

/** A notification literal with format version 2. */
export function notif(
  state: ServerState,
  leader: Sid,
  zxid: Zxid,
  electionEpoch: number,
  peerEpoch: number,
  version = 2,
): Notification {
  return { version, state, leader, zxid, electionEpoch, peerEpoch };
}
