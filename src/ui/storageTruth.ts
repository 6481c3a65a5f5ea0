/**
 * What the trace says about each server's dataDir, for the card and the Storage panel: did its last
 * start stop in ZooKeeper's load path ("Unable to load database on disk": a checksum that does not
 * match, a record that is not one), and was its dataDir wiped since. Read incrementally off the
 * run's growing trace. Models nothing in ZooKeeper itself; it reads QuorumPeer's shutdown reason.
 */
import type { TraceEvent } from '../zk/trace';
import { registerTraceReader } from '../sim/viewApi';

export interface DiskState {
  /** the load failure that keeps the server down, or null */
  refused: { reason: string; file: string | null; zxid: string | null; t: number } | null;
  /** its dataDir was wiped and it has not loaded since */
  wiped: boolean;
  /** the refusal was caused by a `corrupt` action of the run (restoring from the replay gives it back) */
  corruptedByRun: boolean;
}

const LOAD_FAILED = 'Unable to load database on disk';

interface Index {
  scanned: number;
  bySid: Map<number, DiskState>;
  corrupted: Set<number>;
}

const indexes = new WeakMap<readonly TraceEvent[], Index>();
const NONE: DiskState = { refused: null, wiped: false, corruptedByRun: false };

/** The file and zxid a load failure names ("… in log.100000001 at zxid 0x100000002"). */
export function failingRecord(reason: string): { file: string | null; zxid: string | null } {
  const file = /\b((?:log|snapshot)\.[0-9a-f]+)\b/.exec(reason)?.[1] ?? null;
  const zxid = /\bzxid (0x[0-9a-f]+)\b/.exec(reason)?.[1] ?? null;
  return { file, zxid };
}

export function diskState(trace: readonly TraceEvent[], sid: number): DiskState {
  let idx = indexes.get(trace);
  if (!idx || idx.scanned > trace.length)
    indexes.set(trace, (idx = { scanned: 0, bySid: new Map(), corrupted: new Set() }));
  for (; idx.scanned < trace.length; idx.scanned++) {
    const e = trace[idx.scanned];
    if (e.ev === 'corrupt' && e.file !== null) idx.corrupted.add(e.sid);
    else if (e.ev === 'shutdown' && e.reason.startsWith(LOAD_FAILED))
      idx.bySid.set(e.sid, {
        refused: {
          reason: e.reason.slice(LOAD_FAILED.length).replace(/^:\s*/, ''),
          ...failingRecord(e.reason),
          t: e.t,
        },
        wiped: false,
        corruptedByRun: idx.corrupted.has(e.sid),
      });
    else if (e.ev === 'wipe') {
      idx.bySid.set(e.sid, { refused: null, wiped: true, corruptedByRun: false });
      idx.corrupted.delete(e.sid);
    } else if (e.ev === 'restore' && e.source === 'boot') idx.bySid.delete(e.sid);
  }
  return idx.bySid.get(sid) ?? NONE;
}

// a bounded trace (sim/TraceLog) calls this before it drops lines: every line is read
registerTraceReader((trace) => void diskState(trace, 0));
