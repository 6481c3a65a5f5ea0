/** Test helper: a checkpoint of a run at `step` (or the first step after it that can be copied). */
import type { Simulation } from '../../src/sim/Simulation';
import { takeCheckpoint } from '../../src/engine/checkpoint';
import type { Checkpoint } from '../../src/engine/checkpoint';

export function copyAt(sim: Simulation, step: number): Checkpoint | null {
  while (sim.stepCount < step && sim.step());
  // a state that cannot be copied (none is known now) is tried again at the next steps
  for (let i = 0; i < 400; i++) {
    const cp = takeCheckpoint(sim);
    if (cp) return cp;
    if (!sim.step()) return null;
  }
  return null;
}
