/**
 * What the log view needs from the run's past, read incrementally off its trace: which zxids are
 * committed, what each server holds in memory only (a PROPOSAL received or proposed, not yet
 * durable — the view's StorageView.unflushed covers only what reached SyncRequestProcessor, not the
 * sync stream a learner holds in Learner.syncWithLeader's packetsNotCommitted), the last thing that
 * cut a server's log (a TRUNC, a SNAP that replaced it, a crash that lost its memory), each
 * learner's last sync decision (LearnerHandler.syncFollower) and the checker's violations.
 *
 * Pure: the same trace gives the same history. One history per trace array (a rebuilt run has a
 * new one), extended as that trace grows.
 */
import type { SyncMode, TraceEvent } from '../../zk/trace';
import { registerTraceReader } from '../../sim/viewApi';
import { parseZxidRanges, zxidFromHex } from '../../zk/viewApi';

/** Something that removed entries from a server's log or memory, with what it removed. */
export interface LogCut {
  kind: 'TRUNC' | 'SNAP' | 'crash';
  /** TRUNC: the zxid the log was cut back to; SNAP: the snapshot's zxid; crash: null */
  zxid: number | null;
  /** virtual ms */
  t: number;
  /** its trace line */
  index: number;
  /** the entries it took away (TRUNC: cut, SNAP: replaced, crash: lost), ascending */
  zxids: number[];
}

export interface SyncRecord {
  leader: number;
  mode: SyncMode;
  zxid: number;
  peerLastZxid: number;
  reason: string;
  t: number;
  index: number;
}

/** The checker's finding, with the optional fields of the extended Violation when present. */
export interface ViolationRecord {
  index: number;
  t: number;
  invariant: string;
  detail: string;
  sids?: number[];
  /** hex */
  zxids?: string[];
  cause?: { bug: string | null; mechanism: string };
}

export interface ServerHistory {
  /** durable txn-log entries (trace `log`, minus truncations) */
  durable: Set<number>;
  /** entries proposed or received but not durable yet: a crash now loses them */
  memory: Set<number>;
  lastCut: LogCut | null;
  /** how the server's in-memory state was last reset, since its last start */
  restore: { source: 'boot' | 'SNAP' | 'TRUNC'; zxid: number } | null;
  /** this server's last sync as a learner */
  sync: SyncRecord | null;
  /** entries whose txn-log file a purge deleted (PurgeTxnLog): no longer on disk as txns */
  purged?: Set<number>;
}

export interface LogHistory {
  scanned: number;
  /** zxids a leader committed, or some server applied (only committed txns are applied) */
  committed: Set<number>;
  servers: Map<number, ServerHistory>;
  violations: ViolationRecord[];
  /** PROPOSAL / INFORM sends by message id (what a `recv` delivered) */
  sends: Map<number, { to: number; zxid: number }>;
}

const histories = new WeakMap<readonly TraceEvent[], LogHistory>();

function server(h: LogHistory, sid: number): ServerHistory {
  let s = h.servers.get(sid);
  if (!s) {
    s = { durable: new Set(), memory: new Set(), lastCut: null, restore: null, sync: null };
    h.servers.set(sid, s);
  }
  return s;
}

function hex(z: string): number {
  return zxidFromHex(z);
}

function sorted(xs: Iterable<number>): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** Optional fields of the extended `violation` event, read without trusting their shape. */
function violationExtras(ev: TraceEvent & { ev: 'violation' }): Partial<ViolationRecord> {
  const raw = ev as unknown as Record<string, unknown>;
  const out: Partial<ViolationRecord> = {};
  if (Array.isArray(raw.sids) && raw.sids.every((x) => typeof x === 'number')) out.sids = raw.sids;
  if (Array.isArray(raw.zxids) && raw.zxids.every((x) => typeof x === 'string')) out.zxids = raw.zxids;
  const c = raw.cause as Record<string, unknown> | undefined;
  if (c && typeof c === 'object' && typeof c.mechanism === 'string')
    out.cause = { bug: typeof c.bug === 'string' ? c.bug : null, mechanism: c.mechanism };
  return out;
}

function observe(h: LogHistory, ev: TraceEvent, index: number): void {
  switch (ev.ev) {
    case 'send':
      if ((ev.type === 'PROPOSAL' || ev.type === 'INFORM') && ev.zxid !== undefined)
        h.sends.set(ev.id, { to: ev.to, zxid: hex(ev.zxid) });
      break;
    case 'recv': {
      const m = h.sends.get(ev.id);
      if (!m) break;
      h.sends.delete(ev.id);
      const s = server(h, m.to);
      if (!s.durable.has(m.zxid)) s.memory.add(m.zxid);
      break;
    }
    case 'drop':
      h.sends.delete(ev.id);
      break;
    case 'propose': {
      const s = server(h, ev.sid);
      const z = hex(ev.zxid);
      if (!s.durable.has(z)) s.memory.add(z);
      break;
    }
    case 'log': {
      const s = server(h, ev.sid);
      const z = hex(ev.zxid);
      s.durable.add(z);
      s.memory.delete(z);
      break;
    }
    case 'snapshot': {
      // what a snapshot covers is on disk now, even if it never went through the txn log
      const s = server(h, ev.sid);
      const z = hex(ev.zxid);
      for (const x of [...s.memory]) if (x <= z) s.memory.delete(x);
      break;
    }
    case 'commit':
    case 'apply':
      h.committed.add(hex(ev.zxid));
      break;
    case 'truncate': {
      const s = server(h, ev.sid);
      const z = hex(ev.zxid);
      const cut: number[] = [];
      for (const set of [s.durable, s.memory])
        for (const x of [...set])
          if (x > z) {
            set.delete(x);
            cut.push(x);
          }
      s.lastCut = { kind: 'TRUNC', zxid: z, t: ev.t, index, zxids: sorted(new Set(cut)) };
      break;
    }
    case 'restore': {
      const s = server(h, ev.sid);
      const z = hex(ev.zxid);
      s.restore = { source: ev.source, zxid: z };
      if (ev.source === 'SNAP') {
        // the leader's snapshot replaces the whole in-memory history; the old log stays on disk,
        // superseded (ZooKeeper does not delete it)
        s.lastCut = {
          kind: 'SNAP',
          zxid: z,
          t: ev.t,
          index,
          zxids: sorted(new Set([...s.durable, ...s.memory])),
        };
        s.memory.clear();
      }
      break;
    }
    case 'purge': {
      const s = server(h, ev.sid);
      for (const z of parseZxidRanges(ev.txns)) {
        s.durable.delete(z);
        (s.purged ??= new Set()).add(z);
      }
      break;
    }
    case 'crash': {
      const s = server(h, ev.sid);
      const lost = sorted([...s.memory].filter((z) => !s.durable.has(z)));
      s.memory.clear();
      s.lastCut = { kind: 'crash', zxid: null, t: ev.t, index, zxids: lost };
      s.restore = null;
      break;
    }
    case 'sync':
      server(h, ev.learner).sync = {
        leader: ev.leader,
        mode: ev.mode,
        zxid: hex(ev.zxid),
        peerLastZxid: hex(ev.peerLastZxid),
        reason: ev.reason,
        t: ev.t,
        index,
      };
      break;
    case 'violation':
      h.violations.push({
        index,
        t: ev.t,
        invariant: ev.invariant,
        detail: ev.detail,
        ...violationExtras(ev),
      });
      break;
    default:
      break;
  }
}

/** The history of `trace` as far as it goes now. */
export function logHistory(trace: readonly TraceEvent[]): LogHistory {
  let h = histories.get(trace);
  if (!h || h.scanned > trace.length) {
    h = { scanned: 0, committed: new Set(), servers: new Map(), violations: [], sends: new Map() };
    histories.set(trace, h);
  }
  for (; h.scanned < trace.length; h.scanned++) observe(h, trace[h.scanned], h.scanned);
  return h;
}

// a bounded trace (sim/TraceLog) calls this before it drops lines: the history sees every line
registerTraceReader((trace) => void logHistory(trace));
