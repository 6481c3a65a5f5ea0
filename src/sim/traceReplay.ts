/**
 * Old trace lines, recomputed: a run is decided by its scenario and recorded actions, so lines a
 * bounded trace (TraceLog) no longer holds are replayed exactly — same options as the run itself
 * (the invariant checker's `violation` lines included). Models nothing in ZooKeeper.
 *
 * A generator, so that a page can replay in slices and stay responsive: it yields after every
 * `sliceSteps` steps (the caller may pause there, e.g. yield to the browser) and returns the
 * lines. The replay keeps no more than a chunk of its own trace in memory. It replays from step 0;
 * a start from a checkpoint of the whole model state would shorten it.
 */
import type { TraceEvent } from '../zk/trace';
import type { Scenario } from './Scenario';
import { Simulation } from './Simulation';
import type { RecordedAction } from './SimulationApi';

export interface TraceReplayProgress {
  /** steps replayed so far */
  steps: number;
  /** trace lines written so far */
  lines: number;
}

/** Lines [from, to) of the run (scenario, recorded), by replaying it; fewer if the run ends first. */
export function* replayTraceLines(
  scenario: Scenario,
  recorded: readonly RecordedAction[],
  from: number,
  to: number,
  sliceSteps = 2000,
): Generator<TraceReplayProgress, TraceEvent[], void> {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from)
    throw new RangeError(`replayTraceLines: bad range [${from}, ${to})`);
  if (!(sliceSteps >= 1)) throw new RangeError(`replayTraceLines: sliceSteps must be ≥ 1, got ${sliceSteps}`);
  const out: TraceEvent[] = [];
  const sim = new Simulation(scenario, recorded, {
    trace: {
      keep: 0,
      readers: false,
      hash: false,
      tap: (ev, i) => {
        if (i >= from && i < to) out.push(ev);
      },
    },
  });
  while (sim.trace.length < to) {
    let n = 0;
    while (n < sliceSteps && sim.trace.length < to && sim.step()) n++;
    if (n < sliceSteps && sim.trace.length < to) break; // the run ended
    yield { steps: sim.stepCount, lines: sim.trace.length };
  }
  return out;
}

/** replayTraceLines run to its end at once (Node, tests, small ranges). */
export function replayTraceLinesNow(
  scenario: Scenario,
  recorded: readonly RecordedAction[],
  from: number,
  to: number,
): TraceEvent[] {
  const g = replayTraceLines(scenario, recorded, from, to, 1 << 30);
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}
