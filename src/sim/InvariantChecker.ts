/**
 * Online safety-invariant checker over the trace (zk-reference §7, plus the durability checks that
 * the §8.2 bugs — ZOOKEEPER-4643 / 4646 — violate).
 *
 * It consumes TraceEvents one at a time, in trace order, and keeps only what the checks need:
 *  - global ghost state: proposalLog (zxid → op), the set of zxids known committed (a leader's
 *    `commit` or a client `reply` carrying a zxid), the op first applied for every zxid, the
 *    established leader of every epoch, and who is currently leading in SYNCHRONIZATION/BROADCAST;
 *  - per server: its durable txn log (sorted zxids), a watermark for what its newest durable
 *    snapshot covers, and a picture of its in-memory history (restore point, last applied zxid,
 *    and a "committed-coverage" watermark).
 *
 * "Coverage watermark W" means: every zxid committed so far that is ≤ W is in that history.
 * It is advanced incrementally (applies without gaps, SNAP restores, lazy walks of the committed
 * list), so every event costs O(log n) amortized; see each check for the exact semantics.
 *
 * Pure and deterministic: no clocks, timers or randomness.
 */
import type { TraceEvent } from '../zk/trace';
import type { ServerState, ZabState } from '../zk/QuorumPacket';
import { zxidFromHex, zxidToHex } from '../zk/Zxid';

export interface Violation {
  at: number;
  invariant: string;
  detail: string;
}

/** How many zxids a summarizing violation detail lists before "…". */
const LIST_LIMIT = 5;

interface ServerRec {
  sid: number;
  up: boolean;
  state: ServerState | 'DOWN';
  zabState: ZabState;
  /** epoch of its last `established`, while it stays LEADING; null otherwise */
  estEpoch: number | null;
  /** epoch under which it is currently registered as an active leader (Leadership1), or null */
  activeEpoch: number | null;

  // ---- durable storage
  /** durably logged zxids, ascending, unique */
  log: number[];
  logSet: Set<number>;
  /** every committed zxid ≤ snapW is in the newest durable snapshot */
  snapW: number;
  /** committed[0..dIdx) are all in the durable state (log ∪ ≤ snapW); advanced lazily */
  dIdx: number;

  // ---- in-memory history (meaningful while up)
  /** zxid of the last restore (boot/TRUNC: last replayed; SNAP: the snapshot's zxid) */
  restorePt: number;
  /** last applied zxid since the restore, or restorePt */
  prev: number;
  /** every committed zxid ≤ memW is in the in-memory history */
  memW: number;
  /** false right after a SNAP restore, until the next durable snapshot captures that memory */
  memFromDurable: boolean;
  /** committed zxids this server skipped (reported by the gap check) since its last restore */
  skipped: Set<number>;
}

function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hexList(zs: readonly number[], total: number): string {
  const shown = zs.slice(0, LIST_LIMIT).map(zxidToHex).join(', ');
  return total > LIST_LIMIT ? `${shown}, … (${total} in all)` : shown;
}

const NONE: Violation[] = [];

export class InvariantChecker {
  readonly violations: Violation[] = [];

  private readonly voters: ReadonlySet<number>;
  private readonly observers: ReadonlySet<number>;
  private readonly servers = new Map<number, ServerRec>();
  private readonly reported = new Set<string>();
  private readonly scratch: Violation[] = [];

  /** proposalLog: zxid → op of its first proposal; extra (conflicting) ops are kept aside */
  private readonly proposed = new Map<number, string>();
  private readonly proposedAlso = new Map<number, string[]>();
  /** zxid → op and server of its first apply anywhere (Agreement) */
  private readonly firstApplied = new Map<number, { op: string; sid: number }>();
  /** ascending zxids known committed (leader `commit` or client `reply` with a zxid) */
  private readonly committed: number[] = [];
  private readonly committedWhy = new Map<number, string>();
  /** epochLeader: epoch → first server established in it */
  private readonly epochLeader = new Map<number, number>();
  /** epoch → servers currently LEADING in SYNCHRONIZATION/BROADCAST with that established epoch */
  private readonly activeLeaders = new Map<number, Set<number>>();
  /** learner → the leader of its current sync (from `sync` events) */
  private readonly syncLeader = new Map<number, number>();
  /** zxid → the leader that proposed it first */
  private readonly proposer = new Map<number, number>();

  constructor(opts: { voters: number[]; observers: number[] }) {
    this.voters = new Set(opts.voters);
    this.observers = new Set(opts.observers);
    for (const sid of [...opts.voters, ...opts.observers]) this.server(sid);
  }

  /** Feed one event; returns the violations this event revealed (also accumulated in `violations`). */
  observe(ev: TraceEvent): Violation[] {
    // most events reveal nothing: reuse one scratch array and copy only when something was found
    const out = this.scratch;
    out.length = 0;
    switch (ev.ev) {
      case 'start':
      case 'restart':
        this.onBoot(this.server(ev.sid));
        break;
      case 'crash':
        this.onCrash(this.server(ev.sid));
        break;
      case 'state': {
        const s = this.server(ev.sid);
        const wasInRole =
          s.up && (s.state === 'FOLLOWING' || s.state === 'LEADING' || s.state === 'OBSERVING');
        if (wasInRole && ev.state === 'LOOKING') this.fastForward(s);
        s.state = ev.state;
        s.zabState = ev.zabState;
        // a sync's leader is only this learner's while it stays in SYNCHRONIZATION
        if (ev.zabState !== 'SYNCHRONIZATION') this.syncLeader.delete(ev.sid);
        // Only a live process reports a role; DOWN is the same as a crash for the checks.
        if (ev.state === 'DOWN') this.onCrash(s);
        else s.up = true;
        if (ev.state !== 'LEADING') s.estEpoch = null;
        this.updateActive(s, ev.t, out);
        break;
      }
      case 'established':
        this.onEstablished(ev.t, ev.sid, ev.epoch, out);
        break;
      case 'epoch':
        if (ev.acceptedEpoch < ev.currentEpoch) {
          this.report(
            out,
            ev.t,
            'EpochOrder',
            `${ev.sid}:${ev.acceptedEpoch}:${ev.currentEpoch}`,
            `S${ev.sid} wrote acceptedEpoch ${ev.acceptedEpoch} < currentEpoch ${ev.currentEpoch}`,
          );
        }
        break;
      case 'log':
        this.onLog(this.server(ev.sid), zxidFromHex(ev.zxid));
        break;
      case 'truncate':
        this.onTruncate(ev.t, this.server(ev.sid), zxidFromHex(ev.zxid), out);
        break;
      case 'snapshot':
        this.onSnapshot(this.server(ev.sid), zxidFromHex(ev.zxid));
        break;
      case 'restore':
        this.onRestore(this.server(ev.sid), zxidFromHex(ev.zxid), ev.source);
        break;
      case 'propose':
        if (!this.proposer.has(zxidFromHex(ev.zxid))) this.proposer.set(zxidFromHex(ev.zxid), ev.sid);
        this.onPropose(zxidFromHex(ev.zxid), ev.op);
        break;
      case 'sync':
        this.syncLeader.set(ev.learner, ev.leader);
        break;
      case 'commit':
        this.addCommitted(zxidFromHex(ev.zxid), () => `committed by S${ev.sid} at t=${ev.t}`);
        break;
      case 'reply':
        if (ev.zxid !== undefined) {
          this.addCommitted(zxidFromHex(ev.zxid), () => `acknowledged to client ${ev.client} at t=${ev.t}`);
        }
        break;
      case 'apply':
        this.onApply(ev.t, this.server(ev.sid), zxidFromHex(ev.zxid), ev.op, out);
        break;
      case 'anomaly':
        this.report(
          out,
          ev.t,
          'CheckDuringAction',
          `${ev.sid}:${ev.check}:${ev.detail}`,
          `S${ev.sid} ${ev.check}: ${ev.detail}`,
        );
        break;
      default:
        break;
    }
    return out.length ? out.slice() : NONE;
  }

  // ------------------------------------------------------------------ servers and roles

  private server(sid: number): ServerRec {
    let s = this.servers.get(sid);
    if (s === undefined) {
      s = {
        sid,
        up: false,
        state: 'DOWN',
        zabState: 'ELECTION',
        estEpoch: null,
        activeEpoch: null,
        log: [],
        logSet: new Set(),
        snapW: -1,
        dIdx: 0,
        restorePt: -1,
        prev: -1,
        memW: -1,
        memFromDurable: true,
        skipped: new Set(),
      };
      this.servers.set(sid, s);
    }
    return s;
  }

  private onBoot(s: ServerRec): void {
    s.up = true;
    s.estEpoch = null;
    // A fresh process: memory is rebuilt from storage. A following `restore boot` refines the point.
    const last = s.log.length > 0 ? s.log[s.log.length - 1] : -1;
    s.memW = -1;
    this.resetMemoryFromDurable(s, Math.max(last, s.snapW));
  }

  private onCrash(s: ServerRec): void {
    s.up = false;
    s.state = 'DOWN';
    s.estEpoch = null;
    s.memW = -1;
    s.restorePt = -1;
    s.prev = -1;
    s.skipped.clear();
    this.unregisterActive(s);
  }

  /** Leadership1 bookkeeping: (un)register `s` as an active leader of its established epoch. */
  private updateActive(s: ServerRec, t: number, out: Violation[]): void {
    const active =
      s.up &&
      s.state === 'LEADING' &&
      (s.zabState === 'SYNCHRONIZATION' || s.zabState === 'BROADCAST') &&
      s.estEpoch !== null;
    const epoch = active ? s.estEpoch : null;
    if (epoch === s.activeEpoch) return;
    this.unregisterActive(s);
    if (epoch === null) return;
    let set = this.activeLeaders.get(epoch);
    if (set === undefined) {
      set = new Set();
      this.activeLeaders.set(epoch, set);
    }
    set.add(s.sid);
    s.activeEpoch = epoch;
    if (set.size > 1) {
      const sids = [...set].sort((a, b) => a - b);
      this.report(
        out,
        t,
        'Leadership1',
        `${epoch}:${sids.join(',')}`,
        `servers ${sids.map((x) => `S${x}`).join(' and ')} are both LEADING (SYNCHRONIZATION/BROADCAST) in epoch ${epoch}`,
      );
    }
  }

  private unregisterActive(s: ServerRec): void {
    if (s.activeEpoch === null) return;
    const set = this.activeLeaders.get(s.activeEpoch);
    if (set !== undefined) {
      set.delete(s.sid);
      if (set.size === 0) this.activeLeaders.delete(s.activeEpoch);
    }
    s.activeEpoch = null;
  }

  private onEstablished(t: number, sid: number, epoch: number, out: Violation[]): void {
    const s = this.server(sid);
    s.up = true;
    // Leadership2: at most one established leader per epoch.
    const first = this.epochLeader.get(epoch);
    if (first === undefined) this.epochLeader.set(epoch, sid);
    else if (first !== sid) {
      this.report(
        out,
        t,
        'Leadership2',
        `${epoch}:${sid}`,
        `S${sid} established epoch ${epoch}, which S${first} had already established`,
      );
    }
    if (this.observers.has(sid) && !this.voters.has(sid)) {
      this.report(
        out,
        t,
        'Leadership2',
        `obs:${epoch}:${sid}`,
        `observer S${sid} established epoch ${epoch}`,
      );
    }
    s.estEpoch = epoch;
    this.updateActive(s, t, out);
    this.checkLeaderHistory(t, s, epoch, out);
  }

  // ------------------------------------------------------------------ durable storage

  private onLog(s: ServerRec, z: number): void {
    if (s.logSet.has(z)) return;
    s.logSet.add(z);
    const n = s.log.length;
    if (n === 0 || z > s.log[n - 1]) s.log.push(z);
    else s.log.splice(lowerBound(s.log, z), 0, z);
  }

  /**
   * TRUNC on disk: find the first logged txn ≥ target (normally the target itself); everything
   * above it is removed. Removing a committed/acknowledged zxid is TruncBelowCommitted — unless the
   * leader of this sync holds that txn: a committed txn above the TRUNC point is then one of the
   * leader's in-flight proposals, forwarded in the same sync stream (TRUNC + forwarded PROPOSALs).
   */
  private onTruncate(t: number, s: ServerRec, target: number, out: Violation[]): void {
    const keep = lowerBound(s.log, target) + 1; // index just past the first txn ≥ target
    if (keep >= s.log.length) return;
    const lost: number[] = [];
    let lostCount = 0;
    for (let i = keep; i < s.log.length; i++) {
      const z = s.log[i];
      s.logSet.delete(z);
      if (this.committedWhy.has(z) && !this.syncLeaderHas(s.sid, z)) {
        lostCount++;
        if (lost.length < LIST_LIMIT) lost.push(z);
      }
    }
    s.log.length = keep;
    if (lostCount > 0) {
      const firstIdx = lowerBound(this.committed, lost[0]);
      if (s.dIdx > firstIdx) s.dIdx = firstIdx;
      const why = this.committedWhy.get(lost[0]) ?? '';
      this.report(
        out,
        t,
        'TruncBelowCommitted',
        `${s.sid}:${lost[0]}`,
        `S${s.sid} truncated its log to ${zxidToHex(target)}, removing committed ${hexList(lost, lostCount)} ` +
          `(${zxidToHex(lost[0])} ${why})`,
      );
    }
  }

  private syncLeaderHas(learner: number, z: number): boolean {
    const l = this.syncLeader.get(learner);
    if (l === undefined) return false;
    const rec = this.servers.get(l);
    return (rec !== undefined && rec.logSet.has(z)) || this.proposer.get(z) === l;
  }

  private onSnapshot(s: ServerRec, z: number): void {
    // The snapshot holds the in-memory state (at least up to z). What it covers of the committed
    // history is the memory's coverage, capped at z.
    const cov = Math.min(z, s.memW);
    if (s.memFromDurable) {
      if (cov > s.snapW) s.snapW = cov;
    } else {
      // The memory came from a leader's SNAP: this snapshot replaces what the older ones held.
      if (cov < s.snapW) s.dIdx = Math.min(s.dIdx, upperBound(this.committed, cov));
      s.snapW = cov;
      s.memFromDurable = true;
    }
  }

  /** Advances dIdx over committed zxids present in the durable state (log ∪ snapshot). */
  private advanceDurable(s: ServerRec): void {
    const c = this.committed;
    let i = s.dIdx;
    while (i < c.length && (c[i] <= s.snapW || s.logSet.has(c[i]))) i++;
    s.dIdx = i;
  }

  /** Coverage watermark of the durable state; `replayed` = last zxid the reload replays. */
  private durableWatermark(s: ServerRec, replayed: number): number {
    this.advanceDurable(s);
    const c = this.committed;
    if (s.dIdx < c.length) return c[s.dIdx] - 1;
    return Math.max(replayed, s.snapW, c.length > 0 ? c[c.length - 1] : -1);
  }

  private resetMemoryFromDurable(s: ServerRec, replayed: number): void {
    s.restorePt = replayed;
    s.prev = replayed;
    s.memW = this.durableWatermark(s, replayed);
    s.memFromDurable = true;
    s.skipped.clear();
  }

  // ------------------------------------------------------------------ in-memory history

  /**
   * Leaving a role, ZooKeeperServer.shutdown(false) fast-forwards the in-memory DataTree over the
   * txn log (every logged txn above lastProcessedZxid is applied, committed or not). The checker
   * does the same implicitly, so a simulator need not emit anything for it (a `restore boot` here
   * is harmless too).
   */
  private fastForward(s: ServerRec): void {
    const last = s.log.length > 0 ? s.log[s.log.length - 1] : -1;
    if (last <= s.prev) return;
    const w = this.durableWatermark(s, last);
    s.prev = last;
    if (w > s.memW) s.memW = w;
  }

  private onRestore(s: ServerRec, z: number, source: 'boot' | 'SNAP' | 'TRUNC'): void {
    s.up = true;
    if (source === 'SNAP') {
      // History is now the leader's history up to z: everything committed ≤ z.
      s.restorePt = z;
      s.prev = z;
      s.memW = z;
      s.memFromDurable = false;
      s.skipped.clear();
    } else if (source === 'boot') {
      // Snapshot + durable log replayed (committed or not). A boot on a live process (e.g. a
      // fast-forward after leaving a role) keeps what its memory already covered.
      const before = s.memW;
      this.resetMemoryFromDurable(s, z);
      if (before > s.memW) s.memW = before;
    } else {
      this.resetMemoryFromDurable(s, z);
    }
  }

  private onPropose(z: number, op: string): void {
    const first = this.proposed.get(z);
    if (first === undefined) {
      this.proposed.set(z, op);
      return;
    }
    if (first === op) return;
    const also = this.proposedAlso.get(z);
    if (also === undefined) this.proposedAlso.set(z, [op]);
    else if (!also.includes(op)) also.push(op);
  }

  private addCommitted(z: number, why: () => string): void {
    if (this.committedWhy.has(z)) return;
    this.committedWhy.set(z, why());
    const c = this.committed;
    if (c.length === 0 || z > c[c.length - 1]) {
      c.push(z);
      return;
    }
    // Out of order (rare): keep the list sorted and make lazy durable walks look at it again.
    const p = lowerBound(c, z);
    c.splice(p, 0, z);
    for (const s of this.servers.values()) if (s.dIdx > p) s.dIdx = p;
  }

  private onApply(t: number, s: ServerRec, z: number, op: string, out: Violation[]): void {
    // Integrity: (zxid, op) must be in proposalLog.
    const proposedOp = this.proposed.get(z);
    if (proposedOp === undefined) {
      this.report(
        out,
        t,
        'Integrity',
        `${s.sid}:${z}`,
        `S${s.sid} applied ${zxidToHex(z)} "${op}", never proposed`,
      );
    } else if (proposedOp !== op && !(this.proposedAlso.get(z)?.includes(op) ?? false)) {
      this.report(
        out,
        t,
        'Integrity',
        `${s.sid}:${z}`,
        `S${s.sid} applied ${zxidToHex(z)} "${op}", but it was proposed as "${proposedOp}"`,
      );
    }

    // Agreement: the same zxid carries the same op on every server.
    const fa = this.firstApplied.get(z);
    if (fa === undefined) this.firstApplied.set(z, { op, sid: s.sid });
    else if (fa.op !== op) {
      this.report(
        out,
        t,
        'Agreement',
        `${s.sid}:${z}`,
        `S${s.sid} applied ${zxidToHex(z)} as "${op}", S${fa.sid} applied it as "${fa.op}"`,
      );
    }

    // PrefixConsistency: strictly increasing since the last restore point.
    if (z <= s.prev) {
      this.report(
        out,
        t,
        'PrefixConsistency',
        `${s.sid}:${z}`,
        `S${s.sid} applied ${zxidToHex(z)} after ${zxidToHex(s.prev)} (applied zxids must strictly increase)`,
      );
      return;
    }

    // LocalPrimaryOrder (gap check): no committed zxid strictly between the previous point and z.
    const c = this.committed;
    const lo = upperBound(c, s.prev);
    const hi = lowerBound(c, z);
    if (hi > lo) {
      const missed = c.slice(lo, Math.min(hi, lo + LIST_LIMIT));
      for (let i = lo; i < hi; i++) s.skipped.add(c[i]);
      this.report(
        out,
        t,
        'LocalPrimaryOrder',
        `${s.sid}:${c[lo]}`,
        `S${s.sid} applied ${zxidToHex(z)} without having applied committed ${hexList(missed, hi - lo)} ` +
          `(its history resumed at ${zxidToHex(s.restorePt)})`,
      );
    } else if (s.memW >= s.prev && z > s.memW) {
      s.memW = z;
    }
    s.prev = z;
  }

  // ------------------------------------------------------------------ durability

  /** Whether committed zxid z is in server s's history (memory ∪ durable log ∪ snapshot). */
  private inHistory(s: ServerRec, z: number): boolean {
    if (z <= s.memW || z <= s.snapW || s.logSet.has(z)) return true;
    return s.up && z > s.restorePt && z <= s.prev && !s.skipped.has(z);
  }

  /** Durability at `established`: the new leader's history holds every committed zxid so far. */
  private checkLeaderHistory(t: number, s: ServerRec, epoch: number, out: Violation[]): void {
    this.advanceDurable(s);
    const c = this.committed;
    const start = Math.max(s.dIdx, s.up ? upperBound(c, s.memW) : 0);
    const missing: number[] = [];
    let count = 0;
    for (let i = start; i < c.length; i++) {
      if (this.inHistory(s, c[i])) continue;
      count++;
      if (missing.length < LIST_LIMIT) missing.push(c[i]);
    }
    if (count === 0) return;
    this.report(
      out,
      t,
      'Durability',
      `${s.sid}:${epoch}`,
      `S${s.sid} established epoch ${epoch} without committed ${hexList(missing, count)} ` +
        `(${zxidToHex(missing[0])} ${this.committedWhy.get(missing[0]) ?? ''})`,
    );
  }

  // ------------------------------------------------------------------ reporting

  private report(out: Violation[], at: number, invariant: string, key: string, detail: string): void {
    const k = `${invariant}|${key}`;
    if (this.reported.has(k)) return;
    this.reported.add(k);
    const v: Violation = { at, invariant, detail };
    out.push(v);
    this.violations.push(v);
  }
}
