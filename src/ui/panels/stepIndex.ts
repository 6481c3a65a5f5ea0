/**
 * Trace index → step. The store counts steps (events processed) while the trace counts what those
 * steps produced (zero or many lines each), and it does not record which step wrote which line. We
 * learn it by replaying the same history (scenario + recorded actions, which is deterministic — the
 * store rebuilds the past the same way) in a second Simulation, noting the trace length after every
 * step. The replay is kept and extended on demand, and thrown away when the history changes.
 */
import { Simulation } from '../../sim/Simulation';
import type { Scenario } from '../../sim/Scenario';
import type { RecordedAction } from '../../sim/SimulationApi';
import { stepOfIndex } from './timeline';

/** Grows a typed array of trace lengths. */
class Lens {
  data = new Float64Array(1024);
  count = 0;
  push(v: number): void {
    if (this.count === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.count++] = v;
  }
}

interface Replay {
  scenario: Scenario;
  recordedKey: string;
  sim: Simulation;
  /** the user's actions, by step, still to be done in the replay */
  pending: RecordedAction[];
  lens: Lens;
  done: boolean;
}

let replay: Replay | null = null;

/** Does the actions recorded at the replay's current step, as the user did them then. */
function actNow(r: Replay): void {
  while (r.pending.length > 0 && r.pending[0].step <= r.sim.stepCount) r.sim.act(r.pending.shift()!.action);
}

/**
 * The step after which trace line `index` exists, for the history (scenario, recorded). `maxStep`
 * bounds the replay (the current step: the line is known to exist by then). Lines written by an
 * action done at step N belong to step N, as they did when the user acted.
 */
export function stepForTraceIndex(
  scenario: Scenario,
  recorded: readonly RecordedAction[],
  index: number,
  maxStep: number,
): number {
  const key = JSON.stringify(recorded);
  if (!replay || replay.scenario !== scenario || replay.recordedKey !== key) {
    const sim = new Simulation(scenario, []);
    const pending = [...recorded].sort((a, b) => a.step - b.step);
    replay = { scenario, recordedKey: key, sim, pending, lens: new Lens(), done: false };
    actNow(replay);
    replay.lens.push(sim.trace.length);
  }
  const r = replay;
  let found = stepOfIndex(r.lens.data, r.lens.count, index);
  while (found === null && !r.done && r.sim.stepCount < maxStep) {
    if (!r.sim.step()) {
      r.done = true;
      break;
    }
    actNow(r);
    r.lens.push(r.sim.trace.length);
    if (r.sim.trace.length > index) found = r.sim.stepCount;
  }
  return found ?? maxStep;
}

/** Forget the replay (tests). */
export function resetStepIndex(): void {
  replay = null;
}
