/** Facts the stage shows that the view does not carry directly, derived from the run's history. */
import type { MsRange } from '../../sim/Scenario';
import type { SimState } from '../store';

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
  let idx = startIndex.get(s.sim);
  if (!idx) startIndex.set(s.sim, (idx = { scanned: 0, started: new Set(), list: [] }));
  const trace = s.sim.trace;
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
