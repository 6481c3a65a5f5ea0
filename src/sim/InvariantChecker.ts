/**
 * Online safety-invariant checker over the trace (zk-reference §7, plus the durability checks that
 * the §8.2 bugs — ZOOKEEPER-4643 / 4646 — violate), exact about what each server holds.
 *
 * It consumes TraceEvents one at a time, in trace order, and keeps:
 *  - the committed history C: zxids committed by a leader (`commit`), acknowledged to a client
 *    (`reply` with a zxid), or in the initial history of a leader that reached its NEWLEADER quorum
 *    (state LEADING/BROADCAST: Zab commits the new leader's whole history there);
 *  - per server, its durable txn log, the content of every snapshot it wrote, and its in-memory
 *    history as a set of zxids, updated by every way a ZooKeeper server changes it: live applies,
 *    replays at boot (`restore boot` with `snap` + `replayed`), fast-forwards on leaving a role
 *    (`restore boot` with `replayed` only), truncate reloads (`restore TRUNC`), SNAP loads (the
 *    leader's history at its `sync` SNAP decision). A restore without those fields (a hand-written
 *    or older trace) is rebuilt from the durable state the checker saw, as ZKDatabase would.
 *
 * Rules (each has a unit test that trips it and one that must not):
 *  Leadership1/2, EpochOrder, Integrity, Agreement, PrefixConsistency — zk-reference §7;
 *  LocalPrimaryOrder — a server applies a zxid while a committed one below it is not in its history;
 *  MissingCommitted — a learner starts serving (BROADCAST) without a committed zxid below its last;
 *  UncommittedTxn — a learner starts serving (or a serving server applies) holding a txn that was
 *    never committed;
 *  Durability — a leader establishes an epoch without every committed zxid in its history;
 *  TruncBelowCommitted — a TRUNC removes a committed zxid from a log;
 *  CheckDuringAction — a server reported an anomaly (a `check` it makes itself).
 *
 * Reads are not checked for freshness anywhere (ZooKeeper promises a client's reads only its own
 * order and "sync"), and reads a read-only server serves are accepted explicitly: read-only mode
 * (ZOOKEEPER-784; zookeeperAdmin, readonlymode.enabled) lets ROM clients "still read values from
 * the ZK service, but [they] will be unable to write values and see changes from other clients",
 * so such a server serves what its database holds — possibly stale, possibly a txn it logged but
 * never saw committed (its tree was fast-forwarded from its log when it left its role). A
 * read-only server commits nothing, so none of its replies acknowledges a txn.
 *
 * Every violation carries the servers and zxids involved and a cause: the known ZooKeeper bug that
 * produces it (ZOOKEEPER-2846, -4643, -4646, -4394, -4712, FileTxnLog.truncate's kept txn) with its
 * mechanism in one sentence, found from what the trace shows of that mechanism, or bug null
 * ("unexplained"). A cause found once for a zxid is inherited by later violations about it.
 *
 * Pure and deterministic: no clocks, timers or randomness.
 */
import { seal } from '../zk/Sealed';
import type { TraceEvent } from '../zk/trace';
import type { ServerState, ZabState } from '../zk/QuorumPacket';
import { getCounterFromZxid, getEpochFromZxid, parseZxidRanges, zxidFromHex, zxidToHex } from '../zk/Zxid';

export interface ViolationCause {
  bug: string | null;
  mechanism: string;
}

export interface Violation {
  at: number;
  invariant: string;
  detail: string;
  /** servers involved */ sids?: number[];
  /** zxids involved, hex as the trace prints them */ zxids?: string[];
  /** why: a known ZooKeeper bug, or bug null for "unexplained" */ cause?: ViolationCause;
}

/** The known causes, by the name the table and the banner show. */
export const CAUSES = {
  ZK2846: {
    bug: 'ZOOKEEPER-2846',
    mechanism:
      "After a SNAP sync the learner's txn log keeps an orphan txn below the snapshot; when that server " +
      'leads and serves a learner from its txn log (LearnerHandler.syncFollower → queueCommittedProposals), ' +
      'the walk sends the orphan and skips the range only its snapshot holds, or picks a TRUNC target that ' +
      'cuts committed txns (workaround: snapshotSizeFactor=-1).',
  },
  TRUNC_KEPT: {
    bug: 'FileTxnLog.truncate',
    mechanism:
      'FileTxnLog.truncate keeps the first txn ≥ the TRUNC target; when the target is not in the learner’s ' +
      'log, a newer txn (sometimes never committed) survives on disk and in the reloaded tree while ' +
      'lastProcessedZxid is forced back.',
  },
  ZK4643: {
    bug: 'ZOOKEEPER-4643',
    mechanism:
      'A learner wrote currentEpoch at NEWLEADER before its synced txns were durable (3.8.0–3.9.1); it ' +
      'crashed, came back with the new epoch but without them, and could win an election and lead ' +
      'without, or truncate, committed txns.',
  },
  ZK4646: {
    bug: 'ZOOKEEPER-4646',
    mechanism:
      'A learner ACKed NEWLEADER before its synced txns were durable (3.8.0–3.9.1); the leader counted ' +
      'that ACK, the learner crashed and lost them, so a committed txn was no longer on a quorum.',
  },
  ZK4712: {
    bug: 'ZOOKEEPER-4712',
    mechanism:
      "A learner's shutdown left its SyncRequestProcessor running (3.9.1, before 3.9.3): the tree was " +
      'fast-forwarded from the txn log, then the sync thread logged the txns it still held; the server ' +
      'voted and synced with a last zxid below its log, and a restart later replayed a txn never committed.',
  },
  ZK4394: {
    bug: 'ZOOKEEPER-4394',
    mechanism:
      'A COMMIT arrived after NEWLEADER with no proposal pending in packetsNotCommitted; ' +
      'Learner.syncWithLeader dereferences null and the learner drops out of the sync (3.8.0–3.9.1).',
  },
} as const satisfies Record<string, ViolationCause>;

/** the anomalies a server reports (`check`) that are known ZooKeeper behaviour */
const ANOMALY_CAUSES: Record<string, ViolationCause> = {
  TruncKeptTxn: CAUSES.TRUNC_KEPT,
  Zookeeper4394: CAUSES.ZK4394,
};

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
  currentEpoch: number;

  // ---- durable storage
  /** durably logged zxids, ascending, unique */
  log: number[];
  logSet: Set<number>;
  /** snapshot zxid → the zxids its tree holds (the memory when it was written) */
  snaps: Map<number, ReadonlySet<number>>;

  // ---- in-memory history (meaningful while up)
  mem: Set<number>;
  /** lastProcessedZxid */
  lpz: number;
  /** last applied zxid since the restore, or the restore point (PrefixConsistency) */
  prev: number;
  /** memory came from a SNAP sync not yet persisted (Learner.shutdown would clear it) */
  memFromSnapSync: boolean;
  /** committed zxids already reported missing here (one report per loss) */
  reportedMissing: Set<number>;

  // ---- what the trace shows of known mechanisms
  /** txns a TRUNC reload kept above its target */
  kept: Set<number>;
  /** txns its sync leader sent that the leader's own history does not hold (its txn-log orphans) */
  orphans: Set<number>;
  /** txns it logged while LOOKING, after its role ended (the sync thread ZOOKEEPER-4712 leaves) */
  leaked: Set<number>;
  /** its current sync was served from the leader's txn log (the ZOOKEEPER-2846 walk) */
  fromTxnLog: boolean;
  /** the leader of its last sync */
  syncFrom: number | null;
  /** zxids of the leader's history sent to it in the current sync */
  syncHist: Set<number>;
  /** synced txns not durable when it wrote currentEpoch / ACKed NEWLEADER */
  epochPending: number[];
  ackPending: number[];
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

function sortedOf(s: ReadonlySet<number>): number[] {
  return [...s].sort((a, b) => a - b);
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
  /** ascending committed zxids */
  private readonly committed: number[] = [];
  private readonly committedWhy = new Map<number, string>();
  /** epochLeader: epoch → first server established in it */
  private readonly epochLeader = new Map<number, number>();
  /** epoch → servers currently LEADING in SYNCHRONIZATION/BROADCAST with that established epoch */
  private readonly activeLeaders = new Map<number, Set<number>>();
  /** learner → the leader of its current sync (from `sync` events) */
  private readonly syncLeader = new Map<number, number>();
  /** learner → the leader's history when it decided SNAP (what the SNAP carries) */
  private readonly snapSent = new Map<number, number[]>();
  /** zxid → the leader that proposed it first */
  private readonly proposer = new Map<number, number>();
  /** zxid → a server that counted it (currentEpoch / NEWLEADER ACK) and then lost it in a crash */
  private readonly lost = new Map<number, { sid: number; kind: 'epoch' | 'ack' }>();
  /** zxid → the cause first found for a violation about it */
  private readonly zxidCause = new Map<number, ViolationCause>();
  /** servers running a ReadOnlyZooKeeperServer (`readonly` start … shutdown / crash) */
  private readonly readOnlyServers = new Set<number>();

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
        this.readOnlyServers.delete(ev.sid);
        this.onCrash(this.server(ev.sid));
        break;
      case 'readonly':
        if (ev.action === 'start') this.readOnlyServers.add(ev.sid);
        else if (ev.action === 'shutdown') this.readOnlyServers.delete(ev.sid);
        break;
      case 'state':
        this.onState(ev.t, this.server(ev.sid), ev.state, ev.zabState, out);
        break;
      case 'established':
        this.onEstablished(ev.t, ev.sid, ev.epoch, out);
        break;
      case 'epoch':
        this.onEpoch(ev.t, this.server(ev.sid), ev.acceptedEpoch, ev.currentEpoch, out);
        break;
      case 'send':
        if (ev.type === 'PROPOSAL' || ev.type === 'ACK') this.onSend(ev.from, ev.to, ev.type, ev.zxid);
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
        this.onRestore(this.server(ev.sid), ev);
        break;
      case 'propose': {
        const z = zxidFromHex(ev.zxid);
        if (!this.proposer.has(z)) this.proposer.set(z, ev.sid);
        this.onPropose(z, ev.op);
        break;
      }
      case 'sync':
        this.onSync(ev.leader, ev.learner, ev.mode, ev.reason);
        break;
      case 'commit':
        this.addCommitted(zxidFromHex(ev.zxid), () => `committed by S${ev.sid} at t=${ev.t}`);
        break;
      case 'reply':
        // a read-only server's reply header carries its last zxid, never a commit of its own
        if (ev.zxid !== undefined && !this.readOnlyServers.has(ev.server)) {
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
          [ev.sid],
          [],
          ANOMALY_CAUSES[ev.check] ?? null,
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
        currentEpoch: 0,
        log: [],
        logSet: new Set(),
        snaps: new Map(),
        mem: new Set(),
        lpz: -1,
        prev: -1,
        memFromSnapSync: false,
        reportedMissing: new Set(),
        kept: new Set(),
        orphans: new Set(),
        leaked: new Set(),
        fromTxnLog: false,
        syncFrom: null,
        syncHist: new Set(),
        epochPending: [],
        ackPending: [],
      };
      this.servers.set(sid, s);
    }
    return s;
  }

  private onBoot(s: ServerRec): void {
    s.up = true;
    s.estEpoch = null;
    // A fresh process: memory is rebuilt from storage; a following `restore boot` says exactly how.
    this.reloadFromDurable(s, null);
  }

  private onCrash(s: ServerRec): void {
    if (s.up) {
      // synced txns this server counted (currentEpoch / NEWLEADER ACK) but had not made durable
      for (const z of s.epochPending)
        if (!this.isDurable(s, z) && !this.lost.has(z)) this.lost.set(z, { sid: s.sid, kind: 'epoch' });
      for (const z of s.ackPending)
        if (!this.isDurable(s, z) && !this.lost.has(z)) this.lost.set(z, { sid: s.sid, kind: 'ack' });
    }
    s.up = false;
    s.state = 'DOWN';
    s.estEpoch = null;
    s.mem = new Set();
    s.lpz = -1;
    s.prev = -1;
    s.memFromSnapSync = false;
    s.reportedMissing.clear();
    s.epochPending = [];
    s.ackPending = [];
    s.syncHist.clear();
    this.unregisterActive(s);
  }

  private onState(
    t: number,
    s: ServerRec,
    state: ServerState | 'DOWN',
    zab: ZabState,
    out: Violation[],
  ): void {
    const wasInRole = s.up && (s.state === 'FOLLOWING' || s.state === 'LEADING' || s.state === 'OBSERVING');
    if (wasInRole && state === 'LOOKING') this.fastForward(s, null);
    const wasBroadcast = s.zabState === 'BROADCAST' && s.state === state;
    s.state = state;
    s.zabState = zab;
    // a sync's leader is only this learner's while it stays in SYNCHRONIZATION
    if (zab !== 'SYNCHRONIZATION') this.syncLeader.delete(s.sid);
    // Only a live process reports a role; DOWN is the same as a crash for the checks.
    if (state === 'DOWN') this.onCrash(s);
    else s.up = true;
    if (state !== 'LEADING') s.estEpoch = null;
    this.updateActive(s, t, out);
    if (zab === 'BROADCAST' && !wasBroadcast) {
      if (state === 'LEADING') this.commitInitialHistory(t, s);
      else if (state === 'FOLLOWING' || state === 'OBSERVING') this.checkServing(t, s, out);
    }
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
        sids,
        [],
        null,
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
        [first, sid],
        [],
        null,
      );
    }
    if (this.observers.has(sid) && !this.voters.has(sid)) {
      this.report(
        out,
        t,
        'Leadership2',
        `obs:${epoch}:${sid}`,
        `observer S${sid} established epoch ${epoch}`,
        [sid],
        [],
        null,
      );
    }
    s.estEpoch = epoch;
    this.updateActive(s, t, out);
    this.checkLeaderHistory(t, s, epoch, out);
  }

  private onEpoch(t: number, s: ServerRec, accepted: number, current: number, out: Violation[]): void {
    if (accepted < current) {
      this.report(
        out,
        t,
        'EpochOrder',
        `${s.sid}:${accepted}:${current}`,
        `S${s.sid} wrote acceptedEpoch ${accepted} < currentEpoch ${current}`,
        [s.sid],
        [],
        null,
      );
    }
    // (an observer writes currentEpoch before logging by design: it never votes nor is counted)
    if (current > s.currentEpoch && s.state === 'FOLLOWING' && this.isSyncingLearner(s))
      s.epochPending = this.notDurable(s);
    s.currentEpoch = current;
  }

  private isSyncingLearner(s: ServerRec): boolean {
    return (s.state === 'FOLLOWING' || s.state === 'OBSERVING') && s.zabState === 'SYNCHRONIZATION';
  }

  /** the leader's-history txns of the current sync that are not durable on s yet */
  private notDurable(s: ServerRec): number[] {
    const out: number[] = [];
    for (const z of s.syncHist) if (!this.isDurable(s, z)) out.push(z);
    return out;
  }

  /** in s's durable log or its newest snapshot (TRUNC/SNAP syncs apply in memory, then snapshot) */
  private isDurable(s: ServerRec, z: number): boolean {
    if (s.logSet.has(z)) return true;
    let newest = -1;
    for (const k of s.snaps.keys()) if (k > newest) newest = k;
    return newest >= 0 && (s.snaps.get(newest)?.has(z) ?? false);
  }

  private onSend(from: number, to: number, type: 'PROPOSAL' | 'ACK', zx: string | undefined): void {
    if (zx === undefined) return;
    if (type === 'ACK') {
      // a learner's NEWLEADER ACK (zxid newEpoch << 32) while it syncs
      const s = this.servers.get(from);
      if (s !== undefined && s.state === 'FOLLOWING' && this.isSyncingLearner(s)) {
        const z = zxidFromHex(zx);
        if (getCounterFromZxid(z) === 0 && z > 0) s.ackPending = this.notDurable(s);
      }
      return;
    }
    if (this.syncLeader.get(to) !== from) return;
    const learner = this.servers.get(to);
    const leader = this.servers.get(from);
    if (learner === undefined || leader === undefined || learner.zabState !== 'SYNCHRONIZATION') return;
    const z = zxidFromHex(zx);
    if (leader.mem.has(z)) {
      learner.syncHist.add(z);
      return;
    }
    // not in the leader's history: one of its in-flight proposals of this epoch, or an orphan from
    // an older epoch that its txn log holds below its snapshot (ZOOKEEPER-2846)
    const ownProposal = this.proposer.get(z) === from && getEpochFromZxid(z) === leader.estEpoch;
    if (!ownProposal) learner.orphans.add(z);
  }

  private onSync(leader: number, learner: number, mode: string, reason: string): void {
    this.syncLeader.set(learner, leader);
    const s = this.server(learner);
    s.syncHist.clear();
    s.epochPending = [];
    s.ackPending = [];
    s.orphans.clear();
    s.kept.clear();
    // syncFollower's txn-log walk (ZKDatabase.getProposalsFromTxnLog → queueCommittedProposals)
    s.fromTxnLog = reason.includes('served from the txn log');
    s.syncFrom = leader;
    if (mode === 'SNAP') this.snapSent.set(learner, sortedOf(this.server(leader).mem));
    else this.snapSent.delete(learner);
  }

  // ------------------------------------------------------------------ durable storage

  private onLog(s: ServerRec, z: number): void {
    if (s.logSet.has(z)) return;
    s.logSet.add(z);
    // only a sync thread that outlived its role's shutdown logs while the server is LOOKING
    if (s.state === 'LOOKING' && !s.mem.has(z)) s.leaked.add(z);
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
      const why = this.committedWhy.get(lost[0]) ?? '';
      const leader = this.syncLeader.get(s.sid);
      const sids = leader === undefined ? [s.sid] : [s.sid, leader];
      this.report(
        out,
        t,
        'TruncBelowCommitted',
        `${s.sid}:${lost[0]}`,
        `S${s.sid} truncated its log to ${zxidToHex(target)}, removing committed ${hexList(lost, lostCount)} ` +
          `(${zxidToHex(lost[0])} ${why})`,
        sids,
        lost,
        this.causeOf(s, sids, lost, s.fromTxnLog ? CAUSES.ZK2846 : null),
      );
    }
  }

  private syncLeaderHas(learner: number, z: number): boolean {
    const l = this.syncLeader.get(learner);
    if (l === undefined) return false;
    const rec = this.servers.get(l);
    return (rec !== undefined && (rec.logSet.has(z) || rec.mem.has(z))) || this.proposer.get(z) === l;
  }

  private onSnapshot(s: ServerRec, z: number): void {
    // The snapshot holds the in-memory tree as it is now (fuzzy snapshots are taken in-line here).
    s.snaps.set(z, new Set(s.mem));
    s.memFromSnapSync = false;
  }

  // ------------------------------------------------------------------ in-memory history

  /** ZKDatabase.loadDataBase as the checker can see it: newest snapshot ≤ `snapZ` + the log above it. */
  private reloadFromDurable(s: ServerRec, snapZ: number | null): void {
    let base = -1;
    for (const k of s.snaps.keys()) if (k > base && (snapZ === null || k <= snapZ)) base = k;
    const mem = new Set<number>(base >= 0 ? s.snaps.get(base) : []);
    let last = base;
    for (let i = upperBound(s.log, base); i < s.log.length; i++) {
      mem.add(s.log[i]);
      last = s.log[i];
    }
    this.setMemory(s, mem, last);
  }

  private setMemory(s: ServerRec, mem: Set<number>, lpz: number): void {
    s.mem = mem;
    s.lpz = lpz;
    s.prev = lpz;
    s.memFromSnapSync = false;
    s.reportedMissing.clear();
  }

  /**
   * Leaving a role, ZooKeeperServer.shutdown(false) fast-forwards the in-memory DataTree over the
   * txn log (every logged txn above lastProcessedZxid is applied, committed or not). `replayed`:
   * what the server says it applied; null: the checker's durable log above lastProcessedZxid.
   */
  private fastForward(s: ServerRec, replayed: number[] | null): void {
    const zs = replayed ?? s.log.slice(upperBound(s.log, s.lpz));
    for (const z of zs) s.mem.add(z);
    if (zs.length && zs[zs.length - 1] > s.lpz) s.lpz = zs[zs.length - 1];
    if (s.lpz > s.prev) s.prev = s.lpz;
  }

  private onRestore(s: ServerRec, ev: Extract<TraceEvent, { ev: 'restore' }>): void {
    const wasUp = s.up;
    s.up = true;
    const z = zxidFromHex(ev.zxid);
    const replayed = ev.replayed ? parseZxidRanges(ev.replayed) : null;
    if (ev.source === 'SNAP') {
      // the leader's history when it decided SNAP (without a `sync`: everything committed ≤ z)
      const sent = this.snapSent.get(s.sid) ?? this.committed.slice(0, upperBound(this.committed, z));
      this.setMemory(s, new Set(sent), z);
      s.memFromSnapSync = true;
      return;
    }
    if (ev.snap !== undefined) {
      // a reload: snapshot + replayed log (boot, a cleared database, ZKDatabase.truncateLog)
      const snapZ = zxidFromHex(ev.snap);
      const mem = new Set<number>(s.snaps.get(snapZ) ?? []);
      if (!s.snaps.has(snapZ)) this.reloadFromDurable(s, snapZ);
      else this.setMemory(s, mem, snapZ);
      for (const r of replayed ?? []) s.mem.add(r);
    } else if (ev.source === 'boot' && wasUp && !s.memFromSnapSync) {
      this.fastForward(s, replayed);
    } else {
      this.reloadFromDurable(s, null);
    }
    s.lpz = z;
    s.prev = z;
    if (ev.source === 'TRUNC') for (const m of s.mem) if (m > z) s.kept.add(m);
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
    if (c.length === 0 || z > c[c.length - 1]) c.push(z);
    else c.splice(lowerBound(c, z), 0, z);
  }

  /** Zab: a leader that reached its NEWLEADER quorum has committed its whole initial history. */
  private commitInitialHistory(t: number, s: ServerRec): void {
    const epoch = s.estEpoch ?? s.currentEpoch;
    const fresh: number[] = [];
    for (const z of s.mem) if (!this.committedWhy.has(z)) fresh.push(z);
    fresh.sort((a, b) => a - b);
    for (const z of fresh)
      this.addCommitted(z, () => `in the initial history of S${s.sid}, leader of epoch ${epoch}, at t=${t}`);
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
        [s.sid],
        [z],
        null,
      );
    } else if (proposedOp !== op && !(this.proposedAlso.get(z)?.includes(op) ?? false)) {
      this.report(
        out,
        t,
        'Integrity',
        `${s.sid}:${z}`,
        `S${s.sid} applied ${zxidToHex(z)} "${op}", but it was proposed as "${proposedOp}"`,
        [s.sid],
        [z],
        null,
      );
    }

    // Agreement: the same zxid carries the same op on every server.
    const fa = this.firstApplied.get(z);
    if (fa === undefined) this.firstApplied.set(z, seal({ op, sid: s.sid }));
    else if (fa.op !== op) {
      this.report(
        out,
        t,
        'Agreement',
        `${s.sid}:${z}`,
        `S${s.sid} applied ${zxidToHex(z)} as "${op}", S${fa.sid} applied it as "${fa.op}"`,
        [s.sid, fa.sid],
        [z],
        null,
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
        [s.sid],
        [z],
        null,
      );
      s.mem.add(z);
      return;
    }

    // LocalPrimaryOrder: no committed zxid below z may be missing from the history.
    const c = this.committed;
    const hi = lowerBound(c, z);
    const missed: number[] = [];
    let count = 0;
    for (let i = upperBound(c, s.prev); i < hi; i++) {
      const m = c[i];
      if (s.mem.has(m) || s.reportedMissing.has(m)) continue;
      s.reportedMissing.add(m);
      count++;
      if (missed.length < LIST_LIMIT) missed.push(m);
    }
    if (count > 0) {
      this.report(
        out,
        t,
        'LocalPrimaryOrder',
        `${s.sid}:${missed[0]}`,
        `S${s.sid} applied ${zxidToHex(z)} without having applied committed ${hexList(missed, count)} ` +
          `(its history resumed at ${zxidToHex(s.lpz)})`,
        [s.sid],
        missed,
        this.causeOf(s, [s.sid], missed, s.fromTxnLog ? CAUSES.ZK2846 : null),
      );
    }

    // UncommittedTxn: a serving server applies only committed txns.
    if (s.zabState === 'BROADCAST' && proposedOp !== undefined && !this.committedWhy.has(z)) {
      this.report(
        out,
        t,
        'UncommittedTxn',
        `${s.sid}:${z}`,
        `S${s.sid} applied ${zxidToHex(z)} "${op}" while serving, but it was never committed`,
        [s.sid],
        [z],
        this.uncommittedCause(s, [z]),
      );
    }
    s.mem.add(z);
    s.prev = z;
    if (z > s.lpz) s.lpz = z;
  }

  /** A learner starts serving: its history must be exactly a prefix of the committed history. */
  private checkServing(t: number, s: ServerRec, out: Violation[]): void {
    const extra: number[] = [];
    let max = s.lpz;
    for (const z of s.mem) {
      if (z > max) max = z;
      if (!this.committedWhy.has(z)) extra.push(z);
    }
    if (extra.length) {
      extra.sort((a, b) => a - b);
      this.report(
        out,
        t,
        'UncommittedTxn',
        `${s.sid}:${extra[0]}`,
        `S${s.sid} serves txns that were never committed: ${hexList(extra, extra.length)}`,
        [s.sid],
        extra.slice(0, LIST_LIMIT),
        this.uncommittedCause(s, extra),
      );
    }
    const c = this.committed;
    const missing: number[] = [];
    for (let i = 0, hi = upperBound(c, max); i < hi; i++) {
      const z = c[i];
      if (!s.mem.has(z) && !s.reportedMissing.has(z)) missing.push(z);
    }
    if (missing.length) {
      for (const z of missing) s.reportedMissing.add(z);
      const sids = s.syncFrom === null ? [s.sid] : [s.sid, s.syncFrom];
      this.report(
        out,
        t,
        'MissingCommitted',
        `${s.sid}:${missing[0]}`,
        `S${s.sid} serves without committed ${hexList(missing, missing.length)} ` +
          `(${zxidToHex(missing[0])} ${this.committedWhy.get(missing[0]) ?? ''})`,
        sids,
        missing.slice(0, LIST_LIMIT),
        this.causeOf(s, sids, missing, s.fromTxnLog ? CAUSES.ZK2846 : null),
      );
    }
  }

  // ------------------------------------------------------------------ durability

  /** Durability at `established`: the new leader's history holds every committed zxid so far. */
  private checkLeaderHistory(t: number, s: ServerRec, epoch: number, out: Violation[]): void {
    const missing: number[] = [];
    for (const z of this.committed) if (!s.mem.has(z) && !s.logSet.has(z)) missing.push(z);
    if (!missing.length) return;
    this.report(
      out,
      t,
      'Durability',
      `${s.sid}:${epoch}`,
      `S${s.sid} established epoch ${epoch} without committed ${hexList(missing, missing.length)} ` +
        `(${zxidToHex(missing[0])} ${this.committedWhy.get(missing[0]) ?? ''})`,
      [s.sid],
      missing.slice(0, LIST_LIMIT),
      this.causeOf(s, [s.sid], missing, null),
    );
  }

  // ------------------------------------------------------------------ causes

  /**
   * The cause of a violation about committed zxids `zs` at server `s`: one already found for one of
   * them; a server that counted them and lost them in a crash (4643 when that server is involved,
   * 4646 otherwise); else `fallback`.
   */
  private causeOf(
    s: ServerRec,
    sids: readonly number[],
    zs: readonly number[],
    fallback: ViolationCause | null,
  ): ViolationCause | null {
    for (const z of zs) {
      const c = this.zxidCause.get(z);
      if (c !== undefined) return c;
    }
    let found: ViolationCause | null = null;
    for (const z of zs) {
      const l = this.lost.get(z);
      if (l === undefined) continue;
      found = l.kind === 'epoch' && sids.includes(l.sid) ? CAUSES.ZK4643 : CAUSES.ZK4646;
      if (found === CAUSES.ZK4643) break;
    }
    if (found === null && s.kept.size > 0 && zs.some((z) => this.keptShadows(s, z)))
      found = CAUSES.TRUNC_KEPT;
    return found ?? fallback;
  }

  /** a kept txn above z on s: lastProcessedZxid was forced below it, so the resync skipped z */
  private keptShadows(s: ServerRec, z: number): boolean {
    for (const k of s.kept) if (k > z) return true;
    return false;
  }

  private uncommittedCause(s: ServerRec, zs: readonly number[]): ViolationCause | null {
    for (const z of zs) {
      const c = this.zxidCause.get(z);
      if (c !== undefined) return c;
    }
    if (zs.some((z) => s.kept.has(z))) return CAUSES.TRUNC_KEPT;
    if (zs.some((z) => s.orphans.has(z))) return CAUSES.ZK2846;
    if (zs.some((z) => s.leaked.has(z))) return CAUSES.ZK4712;
    // the txn-log walk met the learner's own uncommitted txn among the leader's orphans and took it
    // for common history (a DIFF from there, no TRUNC)
    const leader = s.fromTxnLog && s.syncFrom !== null ? this.servers.get(s.syncFrom) : undefined;
    if (leader !== undefined && zs.some((z) => leader.logSet.has(z) && !leader.mem.has(z)))
      return CAUSES.ZK2846;
    return null;
  }

  // ------------------------------------------------------------------ reporting

  private report(
    out: Violation[],
    at: number,
    invariant: string,
    key: string,
    detail: string,
    sids: number[],
    zxids: readonly number[],
    cause: ViolationCause | null,
  ): void {
    const k = `${invariant}|${key}`;
    if (this.reported.has(k)) return;
    this.reported.add(k);
    const c: ViolationCause = cause ?? { bug: null, mechanism: 'unexplained' };
    if (cause !== null) for (const z of zxids) if (!this.zxidCause.has(z)) this.zxidCause.set(z, cause);
    const v: Violation = { at, invariant, detail, sids, zxids: zxids.map(zxidToHex), cause: c };
    out.push(v);
    this.violations.push(v);
  }
}
