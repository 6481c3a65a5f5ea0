/** Facts the stage shows that the view does not carry directly, derived from the run's history. */
import type { MsRange } from '../../sim/Scenario';
import type { SimState } from '../store';

/** Servers whose process has been started (by the scenario or the user) by now. */
export function startedSids(s: Pick<SimState, 'scenario' | 'sim' | 'view'>): number[] {
  const out = new Set<number>();
  for (const a of s.scenario.actions) {
    if (a.at > s.view.t) break;
    if ('start' in a) a.start.forEach((x) => out.add(x));
    if ('restart' in a) a.restart.forEach((x) => out.add(x));
  }
  for (const r of s.sim.recorded) {
    if (r.step > s.view.step) continue;
    if ('start' in r.action) r.action.start.forEach((x) => out.add(x));
    if ('restart' in r.action) r.action.restart.forEach((x) => out.add(x));
  }
  return [...out].sort((a, b) => a - b);
}

/** The message latency in force now: the last latency action's, else the scenario's. */
export function currentLatency(s: Pick<SimState, 'scenario' | 'sim' | 'view'>): MsRange {
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
