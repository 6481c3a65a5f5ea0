/**
 * The log view's rows: every server's txn log as one row of zxid columns (epoch:counter), each
 * entry marked as in memory only, durable (FileTxnLog, flushed by SyncRequestProcessor), committed
 * and applied (in that server's DataTree, ≤ ZKDatabase.lastProcessedZxid); what a TRUNC cut, a SNAP
 * replaced or a crash lost; snapshot points; the leader's committedLog window (ZKDatabase
 * minCommittedLog / maxCommittedLog) and, on a learner's row, its sync (LearnerHandler.syncFollower).
 *
 * Pure: derived from the SimView of one step and the LogHistory of its trace.
 */
import type { ServerView, SimView } from '../../zk/view';
import type { SyncMode } from '../../zk/trace';
import { getEpochFromZxid } from '../../zk/viewApi';
import type { LogCut, LogHistory } from './logHistory';

/**
 * memory: proposed or received, not durable yet (a crash loses it); durable: in the txn log on
 * disk; snap: not in this server's log but in the DataTree it got from the leader's SNAP;
 * superseded: an old log entry a SNAP replaced (still in the file, no longer this server's history);
 * purged: its log file was deleted by PurgeTxnLog (the txn lives on in the snapshots kept)
 */
export type CellKind = 'memory' | 'durable' | 'snap' | 'superseded' | 'purged';

export interface LogCell {
  zxid: number;
  kind: CellKind;
  /** a leader committed it (or a server applied it: only committed txns are applied) */
  committed: boolean;
  /** in this server's DataTree now */
  applied: boolean;
}

export interface RowSync {
  leader: number;
  mode: SyncMode;
  zxid: number;
  peerLastZxid: number;
  /** the leader's committedLog at the decision, when the leader still shows it */
  min: number | null;
  max: number | null;
  /** the learner is in this sync now (SYNCHRONIZATION with that leader) */
  active: boolean;
  /**
   * TRUNC (+DIFF) only: committed entries of the learner's log above the TRUNC zxid. The leader
   * truncates what it believes was never committed; anything here is a committed write it is
   * wrong about (ZOOKEEPER-4643).
   */
  cutsCommitted: number[];
}

export interface LogRowModel {
  sid: number;
  observer: boolean;
  up: boolean;
  state: ServerView['state'];
  zabState: ServerView['zabState'];
  /** entries in the requested range, ascending */
  cells: LogCell[];
  /** entries the last cut took away that the row does not hold again, ascending */
  ghosts: number[];
  /** the last TRUNC / SNAP / crash of this server (null before any) */
  cut: LogCut | null;
  /** durable snapshots' zxids */
  snapshots: number[];
  /** ZKDatabase lastProcessedZxid while up */
  lastProcessed: number | null;
  /** the leader's committedLog window while it leads */
  committedLog: { min: number; max: number; count: number } | null;
  sync: RowSync | null;
}

/** First index in ascending `a` whose value is ≥ x. */
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

/** Is `z` in one of the server's txn-log files (each ascending)? */
function inLog(s: ServerView, z: number): boolean {
  for (const f of s.storage.logs) {
    const i = lowerBound(f.zxids, z);
    if (i < f.zxids.length && f.zxids[i] === z) return true;
  }
  return false;
}

/**
 * zxids of every row's entries and ghosts, ascending and unique. Called once per step for every
 * server's whole log: gathered in a typed array (sorted natively, no boxing), then deduplicated.
 */
export function logColumns(view: SimView, history: LogHistory): number[] {
  let n = 0;
  for (const s of view.servers) for (const f of s.storage.logs) n += f.zxids.length;
  const extra: number[] = [];
  for (const s of view.servers) {
    const h = history.servers.get(s.sid);
    if (!h) continue;
    if (s.up) for (const z of h.memory) extra.push(z);
    if (h.lastCut) for (const z of h.lastCut.zxids) extra.push(z);
    if (h.lastCut?.kind === 'SNAP' && h.lastCut.zxid !== null) {
      const top = h.lastCut.zxid;
      for (const z of history.committed) if (z <= top) extra.push(z);
    }
  }
  const all = new Float64Array(n + extra.length);
  let k = 0;
  for (const s of view.servers) for (const f of s.storage.logs) for (const z of f.zxids) all[k++] = z;
  for (const z of extra) all[k++] = z;
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) out.push(all[i]);
  return out;
}

/** Committed entries of `s`'s txn log above `zxid`, ascending. */
function committedAbove(s: ServerView, zxid: number, history: LogHistory): number[] {
  const out: number[] = [];
  for (const f of s.storage.logs)
    for (const z of f.zxids) if (z > zxid && history.committed.has(z)) out.push(z);
  // after the TRUNC they are gone from the log: the cut itself remembers them
  const cut = history.servers.get(s.sid)?.lastCut;
  if (cut?.kind === 'TRUNC' && cut.zxid === zxid)
    for (const z of cut.zxids) if (history.committed.has(z)) out.push(z);
  return [...new Set(out)].sort((a, b) => a - b);
}

function rowSync(s: ServerView, view: SimView, history: LogHistory): RowSync | null {
  const rec = history.servers.get(s.sid)?.sync;
  if (!rec) return null;
  const active =
    s.up &&
    s.zabState === 'SYNCHRONIZATION' &&
    (s.state === 'FOLLOWING' || s.state === 'OBSERVING') &&
    s.learner?.leader === rec.leader;
  const leader = view.servers.find((x) => x.sid === rec.leader);
  const handler = leader?.up ? leader.leader?.learners.find((l) => l.sid === s.sid) : undefined;
  const same = handler?.sync && handler.sync.mode === rec.mode && handler.sync.zxid === rec.zxid;
  return {
    leader: rec.leader,
    mode: rec.mode,
    zxid: rec.zxid,
    peerLastZxid: rec.peerLastZxid,
    min: same && leader ? leader.committedLog.min : null,
    max: same && leader ? leader.committedLog.max : null,
    active,
    cutsCommitted:
      rec.mode === 'TRUNC' || rec.mode === 'TRUNC+DIFF' ? committedAbove(s, rec.zxid, history) : [],
  };
}

/**
 * One row per server, with the cells whose zxid lies in [lo, hi] (the visible window: a long log
 * is not walked cell by cell at every step).
 */
export function logRows(view: SimView, history: LogHistory, lo = -Infinity, hi = Infinity): LogRowModel[] {
  return view.servers.map((s) => {
    const h = history.servers.get(s.sid);
    const cut = h?.lastCut ?? null;
    const snapTop = cut?.kind === 'SNAP' ? cut.zxid : null;
    const unflushed = new Set(s.storage.unflushed);
    const lastProcessed = s.up ? s.lastProcessedZxid : null;
    const byZxid = new Map<number, LogCell>();
    const put = (zxid: number, kind: CellKind) => {
      if (zxid < lo || zxid > hi) return;
      const committed = history.committed.has(zxid);
      const applied =
        lastProcessed !== null && zxid <= lastProcessed && kind !== 'memory' && kind !== 'superseded';
      byZxid.set(zxid, { zxid, kind, committed, applied });
    };
    for (const f of s.storage.logs)
      for (let i = lowerBound(f.zxids, lo); i < f.zxids.length && f.zxids[i] <= hi; i++) {
        const z = f.zxids[i];
        if (snapTop !== null && z <= snapTop) put(z, history.committed.has(z) ? 'snap' : 'superseded');
        else put(z, unflushed.has(z) ? 'memory' : 'durable');
      }
    if (s.up && h) for (const z of h.memory) if (!byZxid.has(z)) put(z, 'memory');
    if (snapTop !== null)
      for (const z of history.committed) if (z <= snapTop && !byZxid.has(z)) put(z, 'snap');
    if (h?.purged) for (const z of h.purged) if (!byZxid.has(z)) put(z, 'purged');
    const cells = [...byZxid.values()].sort((a, b) => a.zxid - b.zxid);
    const held = (z: number) => inLog(s, z) || (s.up && !!h?.memory.has(z));
    // a SNAP's replaced entries stay visible as superseded cells while still in the old log file
    const ghosts = cut ? cut.zxids.filter((z) => z >= lo && z <= hi && !held(z)) : [];
    const leading = s.up && s.state === 'LEADING' && s.leader !== null;
    return {
      sid: s.sid,
      observer: s.observer,
      up: s.up,
      state: s.state,
      zabState: s.zabState,
      cells,
      ghosts,
      cut,
      snapshots: [...s.storage.snapshots],
      lastProcessed,
      committedLog: leading && s.committedLog.count > 0 ? { ...s.committedLog } : null,
      sync: s.observer || s.state !== 'LEADING' ? rowSync(s, view, history) : null,
    };
  });
}

/** Columns grouped by epoch, for the header: [epoch, first index, count]. */
export function epochGroups(columns: readonly number[]): { epoch: number; start: number; count: number }[] {
  const out: { epoch: number; start: number; count: number }[] = [];
  columns.forEach((z, i) => {
    const e = getEpochFromZxid(z);
    const last = out[out.length - 1];
    if (last && last.epoch === e) last.count++;
    else out.push({ epoch: e, start: i, count: 1 });
  });
  return out;
}

/**
 * Where a zxid that need not be a column (a snapshot point, peerLastZxid, a TRUNC target) sits:
 * the number of columns ≤ it, i.e. the boundary just after the last entry it covers.
 */
export function boundaryOf(columns: readonly number[], zxid: number): number {
  let lo = 0;
  let hi = columns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (columns[mid] <= zxid) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
