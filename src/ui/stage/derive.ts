/** Facts the stage shows that the view does not carry directly, derived from the run's history. */
import type { MsRange } from '../../sim/Scenario';
import type { LearnerHandlerView, ServerView, SimView } from '../../zk/view';
import type { ZabState } from '../../zk/QuorumPacket';
import type { SimState } from '../store';
import { registerTraceReader } from '../../sim/viewApi';
import type { TraceEvent } from '../../zk/trace';

/**
 * Both walk the scenario's actions, and a dozen selectors ask at every step: each answer is kept
 * for its view (a view is one step of one run, so the answer cannot change under it).
 */
const startedCache = new WeakMap<object, number[]>();
const latencyCache = new WeakMap<object, MsRange>();

/** Servers whose process has been started (by the scenario or the user) by now. */
export function startedSids(s: Pick<SimState, 'scenario' | 'sim' | 'view'>): number[] {
  let out = startedCache.get(s.view);
  if (!out) startedCache.set(s.view, (out = computeStarted(s)));
  return out;
}

/** Per run: the servers whose process has started, read incrementally off its growing trace. */
const startIndex = new WeakMap<object, { scanned: number; started: Set<number>; list: number[] }>();

/**
 * From the trace (`start` / `restart` events), not from the actions: an action at the current
 * moment may not have been processed yet (a preset's `start` at 0 ms, at step 0).
 */
function computeStarted(s: Pick<SimState, 'scenario' | 'sim' | 'view'>): number[] {
  return startedIn(s.sim.trace);
}

// a bounded trace (sim/TraceLog) calls this before it drops lines: every start is seen
registerTraceReader((trace) => void startedIn(trace));

function startedIn(trace: readonly TraceEvent[]): number[] {
  let idx = startIndex.get(trace);
  if (!idx) startIndex.set(trace, (idx = { scanned: 0, started: new Set(), list: [] }));
  const before = idx.started.size;
  for (; idx.scanned < trace.length; idx.scanned++) {
    const e = trace[idx.scanned];
    if (e.ev === 'start' || e.ev === 'restart') idx.started.add(e.sid);
  }
  if (idx.started.size !== before || idx.list.length !== idx.started.size)
    idx.list = [...idx.started].sort((a, b) => a - b);
  return idx.list;
}

/** The message latency in force now: the last latency action's, else the scenario's. */
export function currentLatency(s: Pick<SimState, 'scenario' | 'sim' | 'view'>): MsRange {
  let out = latencyCache.get(s.view);
  if (!out) latencyCache.set(s.view, (out = computeLatency(s)));
  return out;
}

function computeLatency(s: Pick<SimState, 'scenario' | 'sim' | 'view'>): MsRange {
  let ms: MsRange = s.scenario.config.latencyMs;
  for (const a of s.scenario.actions) {
    if (a.at > s.view.t) break;
    if ('latency' in a) ms = a.latency.ms;
  }
  for (const r of s.sim.recorded) {
    if (r.step <= s.view.step && 'latency' in r.action) ms = r.action.latency.ms;
  }
  return ms;
}

/**
 * Who leads, as every readout on screen says it (header, cards, captions): the server whose role
 * is LEADING. `established` is false while it is still in DISCOVERY or SYNCHRONIZATION (no quorum
 * has acknowledged NEWLEADER yet: Leader.lead has not started broadcasting). With several LEADING
 * servers (an old leader that has not noticed yet), the one in the highest epoch, then the one
 * broadcasting, is named and the others are listed.
 */
export interface LeaderStatus {
  sid: number | null;
  phase: ZabState | null;
  established: boolean;
  /** other servers that still believe they lead */
  others: number[];
}

export function leaderStatus(v: Pick<SimView, 'servers'>): LeaderStatus {
  const leading = v.servers.filter((s) => s.up && s.state === 'LEADING');
  if (leading.length === 0) return { sid: null, phase: null, established: false, others: [] };
  const rank = (s: ServerView) => s.currentEpoch * 2 + (s.zabState === 'BROADCAST' ? 1 : 0);
  const best = leading.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  return {
    sid: best.sid,
    phase: best.zabState,
    established: best.zabState === 'BROADCAST',
    others: leading.filter((s) => s !== best).map((s) => s.sid),
  };
}

/** The last zxid in a server's txn log (durable or not), or null when its log is empty. */
export function logEnd(s: Pick<ServerView, 'storage'>): number | null {
  let end: number | null = null;
  for (const f of s.storage.logs) {
    const last = f.zxids[f.zxids.length - 1];
    if (last !== undefined && (end === null || last > end)) end = last;
  }
  return end;
}

/**
 * The sync a learner is receiving now, as its leader decided it (LearnerHandler.syncFollower):
 * read from the leader's handler for it, while the learner is in SYNCHRONIZATION with that leader.
 */
export function learnerSync(
  v: Pick<SimView, 'servers'>,
  s: ServerView,
): { leader: number; sync: NonNullable<LearnerHandlerView['sync']>; min: number; max: number } | null {
  if (!s.up || s.zabState !== 'SYNCHRONIZATION' || !s.learner) return null;
  const leader = v.servers.find((x) => x.sid === s.learner!.leader);
  if (!leader?.up || !leader.leader) return null;
  const h = leader.leader.learners.find((l) => l.sid === s.sid);
  if (!h?.sync) return null;
  return { leader: leader.sid, sync: h.sync, min: leader.committedLog.min, max: leader.committedLog.max };
}
