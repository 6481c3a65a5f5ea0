/**
 * Checkpoints give byte-identical traces: a run copied at a random step and stepped on gives the
 * same trace as the original stepped on, and as a fresh replay from step 0 — also when the copy
 * continues on another branch (other actions after the copied step). 2,000 random seeds.
 */
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../src/sim/Scenario';
import { randomScenario } from '../../src/sim/RandomScenario';
import { chaosShape } from '../../src/sim/Chaos';
import { Simulation } from '../../src/sim/Simulation';
import type { RecordedAction } from '../../src/sim/SimulationApi';
import { traceHash, traceToJsonl } from '../../src/sim/run';
import { Random } from '../../src/zk/Random';
import { restoreCheckpoint, serves, takeCheckpoint } from '../../src/engine/checkpoint';
import type { Checkpoint } from '../../src/engine/checkpoint';

const hash = (sim: Simulation) => traceHash(traceToJsonl(sim.trace));

function copyAt(sim: Simulation, step: number): Checkpoint | null {
  while (sim.stepCount < step && sim.step());
  // a zkCli command in progress cannot be copied: the next steps are tried
  for (let i = 0; i < 400; i++) {
    const cp = takeCheckpoint(sim);
    if (cp) return cp;
    if (!sim.step()) return null;
  }
  return null;
}

describe('checkpoints', () => {
  it('2,000 seeds: a copy steps on exactly as the original and as a replay from step 0', () => {
    let copied = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const scenario = makeScenario(
        randomScenario(seed, { ...chaosShape(seed), chaosMs: 4000, settleMs: 2000 }),
      );
      const rng = new Random(seed, 5);
      const planned = 100 + rng.int(0, 100);
      const sim = new Simulation(scenario, [], { check: seed % 8 === 0 });
      const cp = copyAt(sim, rng.int(1, planned - 1));
      if (!cp) continue;
      copied++;
      // a copy may have come a few steps later than planned (a command in progress)
      const total = Math.max(planned, cp.step + 50);
      const copy = restoreCheckpoint(cp, []);
      expect(copy.stepCount).toBe(cp.step);
      while (sim.stepCount < total && sim.step());
      while (copy.stepCount < total && copy.step());
      // the original ran from step 0 without a stop: the copy must match it byte for byte
      const h = hash(sim);
      if (hash(copy) !== h) throw new Error(`seed ${seed}: the copy's trace differs`);
      // and copying changed nothing in the original (a fresh replay, every 10th seed)
      if (seed % 10 === 0) {
        const fresh = new Simulation(scenario, [], { check: seed % 8 === 0 });
        while (fresh.stepCount < total && fresh.step());
        if (hash(fresh) !== h) throw new Error(`seed ${seed}: copying changed the original`);
      }
    }
    // a few seeds have a zkCli command in progress at every step tried
    expect(copied).toBeGreaterThan(1900);
  });

  it('a copy continues on another branch: the same trace as that branch replayed from step 0', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const scenario = makeScenario(
        randomScenario(seed, { ...chaosShape(seed), chaosMs: 4000, settleMs: 2000 }),
      );
      const sim = new Simulation(scenario);
      const cp = copyAt(sim, 40 + (seed % 60));
      if (!cp) continue;
      const other: RecordedAction[] = [
        { step: cp.step + 3, action: { crash: [1] } },
        { step: cp.step + 30, action: { restart: [1] } },
      ];
      expect(serves(cp, other)).toBe(true);
      expect(serves(cp, [{ step: cp.step - 1, action: { crash: [2] } }])).toBe(false);
      const copy = restoreCheckpoint(cp, other);
      const fresh = new Simulation(scenario, other);
      const total = cp.step + 120;
      while (copy.stepCount < total && copy.step());
      while (fresh.stepCount < total && fresh.step());
      expect(hash(copy)).toBe(hash(fresh));
      expect(copy.recorded.map((r) => r.step)).toEqual(fresh.recorded.map((r) => r.step));
    }
  });

  it('the original is untouched by its copies, and a copy by the original', () => {
    const scenario = makeScenario(randomScenario(7, { ...chaosShape(7), chaosMs: 4000, settleMs: 2000 }));
    const sim = new Simulation(scenario);
    const cp = copyAt(sim, 100)!;
    const a = restoreCheckpoint(cp, [{ step: cp.step + 1, action: { crash: [1, 2] } }]);
    for (let i = 0; i < 50; i++) a.step();
    const b = restoreCheckpoint(cp, []);
    const fresh = new Simulation(scenario);
    while (fresh.stepCount < cp.step && fresh.step());
    expect(hash(b)).toBe(hash(fresh));
    expect(JSON.stringify(b.view())).toBe(JSON.stringify(fresh.view()));
  });
});
