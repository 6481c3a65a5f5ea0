import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import { resetStepIndex, stepForTraceIndex } from '../../src/ui/panels/stepIndex';

function scenario() {
  const r = validateScenario({
    format: 1,
    seed: 3,
    ensemble: { voters: 3, observers: 0 },
    actions: [],
    until: 3_600_000,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

describe('trace index → step', () => {
  it('finds, for every trace line, the first step after which it exists', () => {
    resetStepIndex();
    const sc = scenario();
    // a live run, as the store drives it: actions at step 0 and later, lengths noted per step
    const live = new Simulation(sc, []);
    live.act({ start: [1, 2, 3] });
    const lens = [live.trace.length];
    for (let i = 0; i < 150; i++) {
      if (i === 120) live.act({ client: { id: 'c1', server: 1, cmd: 'create /a x' } });
      lens[live.stepCount] = live.trace.length;
      live.step();
      lens[live.stepCount] = live.trace.length;
    }
    const at = live.stepCount;
    const firstStepWith = (i: number) => lens.findIndex((n) => n > i);
    for (let i = 0; i < live.trace.length; i += 7) {
      expect(stepForTraceIndex(sc, live.recorded, i, at), `line ${i}`).toBe(firstStepWith(i));
    }
    // the client command's line belongs to the step at which it was typed
    const cmd = live.trace.findIndex((e) => e.ev === 'client');
    expect(stepForTraceIndex(sc, live.recorded, cmd, at)).toBe(120);
  });
});
