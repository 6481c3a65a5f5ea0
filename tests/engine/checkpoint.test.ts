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
import { copyAt } from './copyAt';

const hash = (sim: Simulation) => traceHash(traceToJsonl(sim.trace));

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
    // only a run that ended before the planned step has no copy
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

  it('zkCli commands in progress are copied: a copy at every step of a client workload resumes them exactly', () => {
    // deleteall walks the tree one request at a time; creates, gets and sets wait on their replies
    const cmds = ['create /a x', 'create /a/b y', 'create /a/b/c z', 'get /a/b', 'set /a 2', 'deleteall /a'];
    const scenario = makeScenario({
      format: 1,
      seed: 11,
      ensemble: { voters: 3, observers: 0 },
      actions: [
        { at: 0, start: [1, 2, 3] },
        ...cmds.map((cmd, i) => ({
          at: 3000 + i * 5,
          client: { id: `c${i % 2}`, server: (i % 3) + 1, cmd },
        })),
      ],
      until: 12_000,
    });
    const whole = new Simulation(scenario);
    while (whole.step());
    const h = hash(whole);
    const sim = new Simulation(scenario);
    let inFlight = 0;
    while (sim.step()) {
      const busy = sim.view().clients.some((c) => c.busy);
      const cp = takeCheckpoint(sim);
      // every step can be copied, a command in progress included
      expect(cp).not.toBeNull();
      if (!busy || sim.stepCount % 3 !== 0) continue;
      inFlight++;
      const copy = restoreCheckpoint(cp!, []);
      while (copy.step());
      if (hash(copy) !== h) throw new Error(`step ${cp!.step}: the copy's trace differs`);
    }
    expect(inFlight).toBeGreaterThan(10);
    expect(whole.commandResults().map((r) => r.ok)).toEqual(cmds.map(() => true));
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
