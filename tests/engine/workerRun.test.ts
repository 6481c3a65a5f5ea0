/**
 * The engine driving a browser-runtime run (EnsembleRun through WorkerRun, as the store does on the
 * Web Worker runtime; here on its in-memory host): the run's own history — what it saves for a
 * resume — holds each action exactly once, equal to the engine's branch, and its trace is the one
 * a plain replay of that history gives.
 */
import { describe, expect, it } from 'vitest';
import { Controller } from '../../src/engine/Controller';
import { WorkerRun } from '../../src/engine/WorkerRun';
import { BrowserRuntime, EnsembleRun } from '../../src/runtime/runtime';
import { makeScenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import { traceHash, traceToJsonl } from '../../src/sim/run';

const scenario = makeScenario({
  format: 1,
  seed: 7,
  ensemble: { voters: 3, observers: 0 },
  actions: [],
  until: 86_400_000,
});

describe('engine + EnsembleRun', () => {
  it("a run's saved history holds each action once, however the engine's branch grew", async () => {
    const rt = new BrowserRuntime('in-memory', 'test', {});
    const c = new Controller(scenario, {
      clock: { now: () => performance.now() },
      onFrame: () => undefined,
      onError: (e) => {
        throw e;
      },
    });
    // as the store does: the run is rebuilt on this runtime with the branch's (live) list of actions
    c.setFactory({
      kind: 'workers+indexeddb',
      create: (s, recorded) => new WorkerRun(EnsembleRun.create(rt, s, { recorded, save: false })),
    });
    c.act({ start: [1, 2, 3] });
    await c.advance(400);
    c.act({ client: { id: 'c1', server: 1, cmd: 'create /a hello' } });
    await c.advance(200);
    c.act({ crash: [2] });
    await c.advance(50);
    await c.idle();
    const run = c.currentRun as WorkerRun;
    const saved = run.ensemble.history();
    expect(saved.map((r) => r.action)).toEqual([
      { start: [1, 2, 3] },
      { client: { id: 'c1', server: 1, cmd: 'create /a hello' } },
      { crash: [2] },
    ]);
    expect(saved).toEqual(run.sim.recorded);
    // what a resume replays from that record is the run the user saw
    // (its step-0 actions apply on construction, as EnsembleRun.create relies on)
    const replay = new Simulation(scenario, saved);
    replay.runToStep(run.sim.stepCount);
    expect(traceHash(traceToJsonl(replay.trace))).toBe(traceHash(traceToJsonl(run.sim.trace)));
  });
});
