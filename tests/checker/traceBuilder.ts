/**
 * Test helper: a tiny fluent builder for hand-written traces fed to the InvariantChecker.
 * Zxids are given as numbers (use `z(epoch, counter)`) and written as hex like the simulator does;
 * virtual time advances by one per event unless set with `at`.
 */
import type { ServerState, ZabState } from '../../src/zk/QuorumPacket';
import type { SyncMode, TraceEvent } from '../../src/zk/trace';
import { makeZxid, zxidRanges, zxidToHex } from '../../src/zk/Zxid';
import { InvariantChecker, type Violation } from '../../src/sim/InvariantChecker';

export const z = makeZxid;
const h = zxidToHex;

export class TraceBuilder {
  readonly events: TraceEvent[] = [];
  private t = 0;

  at(t: number): this {
    this.t = t;
    return this;
  }

  private push(ev: TraceEvent): this {
    this.events.push(ev);
    this.t++;
    return this;
  }

  start(...sids: number[]): this {
    for (const sid of sids) this.push({ t: this.t, ev: 'start', sid });
    return this;
  }
  restart(sid: number): this {
    return this.push({ t: this.t, ev: 'restart', sid });
  }
  crash(sid: number): this {
    this.push({ t: this.t, ev: 'crash', sid });
    return this.state(sid, 'DOWN', 'ELECTION');
  }
  state(sid: number, state: ServerState | 'DOWN', zabState: ZabState): this {
    return this.push({ t: this.t, ev: 'state', sid, state, zabState });
  }
  epoch(sid: number, acceptedEpoch: number, currentEpoch: number): this {
    return this.push({ t: this.t, ev: 'epoch', sid, acceptedEpoch, currentEpoch });
  }
  established(sid: number, epoch: number): this {
    return this.push({ t: this.t, ev: 'established', sid, epoch });
  }
  log(sid: number, zxid: number): this {
    return this.push({ t: this.t, ev: 'log', sid, zxid: h(zxid) });
  }
  truncate(sid: number, zxid: number): this {
    return this.push({ t: this.t, ev: 'truncate', sid, zxid: h(zxid) });
  }
  snapshot(sid: number, zxid: number): this {
    return this.push({ t: this.t, ev: 'snapshot', sid, zxid: h(zxid) });
  }
  restore(sid: number, zxid: number, source: 'boot' | 'SNAP' | 'TRUNC'): this {
    return this.push({ t: this.t, ev: 'restore', sid, zxid: h(zxid), source });
  }
  /** a restore that says what it loaded: snapshot `snap` (null: on top of memory) + replayed txns */
  restoreFrom(
    sid: number,
    zxid: number,
    source: 'boot' | 'SNAP' | 'TRUNC',
    snap: number | null,
    replayed: number[],
  ): this {
    return this.push({
      t: this.t,
      ev: 'restore',
      sid,
      zxid: h(zxid),
      source,
      ...(snap === null ? {} : { snap: h(snap) }),
      replayed: zxidRanges(replayed),
    });
  }
  send(from: number, to: number, type: string, zxid: number): this {
    return this.push({ t: this.t, ev: 'send', id: this.events.length, from, to, type, zxid: h(zxid) });
  }
  propose(sid: number, zxid: number, op: string): this {
    return this.push({ t: this.t, ev: 'propose', sid, zxid: h(zxid), op });
  }
  commit(sid: number, zxid: number): this {
    return this.push({ t: this.t, ev: 'commit', sid, zxid: h(zxid) });
  }
  apply(sid: number, zxid: number, op: string): this {
    return this.push({ t: this.t, ev: 'apply', sid, zxid: h(zxid), op });
  }
  reply(client: string, server: number, zxid: number): this {
    return this.push({ t: this.t, ev: 'reply', client, server, zxid: h(zxid), ok: true, output: '' });
  }
  sync(
    leader: number,
    learner: number,
    mode: SyncMode,
    zxid: number,
    peerLastZxid: number,
    reason = '',
  ): this {
    return this.push({
      t: this.t,
      ev: 'sync',
      leader,
      learner,
      mode,
      zxid: h(zxid),
      peerLastZxid: h(peerLastZxid),
      reason,
    });
  }
  anomaly(sid: number, check: string, detail: string): this {
    return this.push({ t: this.t, ev: 'anomaly', sid, check, detail });
  }

  /** Fresh processes: start, boot restore at 0x0, snapshot.0, LOOKING. */
  boot(...sids: number[]): this {
    for (const sid of sids) {
      this.start(sid).restore(sid, 0, 'boot').snapshot(sid, 0).state(sid, 'LOOKING', 'ELECTION');
    }
    return this;
  }

  /**
   * `leader` wins the election of `epoch` with `followers` (already up): discovery, epoch files,
   * established, a DIFF (empty) sync for each follower, and BROADCAST everywhere.
   */
  elect(leader: number, followers: number[], epoch: number, lastZxid: number): this {
    this.state(leader, 'LEADING', 'DISCOVERY').snapshot(leader, lastZxid);
    for (const f of followers) this.state(f, 'FOLLOWING', 'DISCOVERY');
    this.epoch(leader, epoch, epoch - 1);
    for (const f of followers) this.epoch(f, epoch, epoch - 1);
    this.established(leader, epoch).epoch(leader, epoch, epoch).state(leader, 'LEADING', 'SYNCHRONIZATION');
    for (const f of followers) {
      this.sync(leader, f, 'DIFF', lastZxid, lastZxid)
        .state(f, 'FOLLOWING', 'SYNCHRONIZATION')
        .epoch(f, epoch, epoch);
    }
    this.state(leader, 'LEADING', 'BROADCAST');
    for (const f of followers) this.state(f, 'FOLLOWING', 'BROADCAST');
    return this;
  }

  /** One committed write: propose, durable on leader + loggers, commit, applied by leader + appliers, reply. */
  write(
    leader: number,
    loggers: number[],
    appliers: number[],
    zxid: number,
    op: string,
    client = 'c1',
  ): this {
    this.propose(leader, zxid, op).log(leader, zxid);
    for (const s of loggers) this.log(s, zxid);
    this.commit(leader, zxid).apply(leader, zxid, op).reply(client, leader, zxid);
    for (const s of appliers) this.apply(s, zxid, op);
    return this;
  }

  run(opts = { voters: [1, 2, 3], observers: [] as number[] }): {
    checker: InvariantChecker;
    found: Violation[];
  } {
    const checker = new InvariantChecker(opts);
    const found: Violation[] = [];
    for (const ev of this.events) found.push(...checker.observe(ev));
    return { checker, found };
  }
}

export function names(vs: readonly Violation[]): string[] {
  return [...new Set(vs.map((v) => v.invariant))].sort();
}
