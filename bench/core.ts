/**
 * Core benchmark: simulated events per second of the deterministic core in Node, and the wall
 * time for 10,000 client writes on 5 voters (issue 2: target ≥ 200,000 events/s).
 */
import { performance } from 'node:perf_hooks';
import { makeScenario } from '../src/sim/Scenario';
import type { ScenarioInput } from '../src/sim/Scenario';
import { Simulation } from '../src/sim/Simulation';
import { decodeLink, encodeLink } from '../src/share/link';

export interface CoreBenchResult {
  writes: number;
  events: number;
  wallMs: number;
  eventsPerSec: number;
  writesPerSec: number;
  eventsPerSecNoChecker: number;
  replay10kStepsMs: number;
  /** decode a share link 10,000 steps deep and replay to its step (Node) */
  link10kOpenMs: number;
  violations: number;
}

export function writeLoadScenario(writes: number, clients = 10, voters = 5, observers = 0): ScenarioInput {
  const actions: ScenarioInput['actions'] = [
    { at: 0, start: Array.from({ length: voters + observers }, (_, i) => i + 1) },
  ];
  const per = Math.ceil(writes / clients);
  for (let c = 0; c < clients; c++)
    for (let i = 0; i < per && c * per + i < writes; i++)
      actions.push({
        at: 1000,
        client: { id: `c${c}`, server: (c % (voters + observers)) + 1, cmd: `create /k-${c}-${i} v${i}` },
      });
  return {
    format: 1,
    seed: 7,
    ensemble: { voters, observers },
    config: { latencyMs: [1, 3] },
    actions,
    until: 3_600_000,
  };
}

function runWrites(writes: number, check: boolean): { sim: Simulation; ms: number } {
  const sim = new Simulation(makeScenario(writeLoadScenario(writes)), [], { check });
  const t0 = performance.now();
  let done = 0;
  while (done < writes && sim.step()) {
    if ((sim.stepCount & 1023) === 0) done = sim.commandResults().filter((r) => r.at !== null).length;
  }
  done = sim.commandResults().filter((r) => r.at !== null).length;
  const ms = performance.now() - t0;
  if (done < writes) throw new Error(`only ${done} of ${writes} writes answered`);
  return { sim, ms };
}

export function runCoreBench(writes = 10_000): CoreBenchResult {
  runWrites(500, true); // warm-up (JIT)
  // best of three: on a shared 2-core machine the fastest run is the one least disturbed
  const best = (check: boolean) => {
    let b = runWrites(writes, check);
    for (let i = 0; i < 2; i++) {
      const r = runWrites(writes, check);
      if (r.ms < b.ms) b = r;
    }
    return b;
  };
  const { sim, ms } = best(true);
  const { sim: sim2, ms: ms2 } = best(false);
  let replayMs = Infinity;
  for (let i = 0; i < 5; i++) {
    const replay = new Simulation(makeScenario(writeLoadScenario(writes)), [], { check: true });
    const t0 = performance.now();
    replay.runToStep(10_000);
    replayMs = Math.min(replayMs, performance.now() - t0);
  }
  const link = encodeLink({ scenario: makeScenario(writeLoadScenario(2000)), recorded: [], step: 10_000 });
  const t1 = performance.now();
  const decoded = decodeLink(link);
  if (!decoded.ok) throw new Error(decoded.error.message);
  const opened = new Simulation(decoded.state.scenario, decoded.state.recorded);
  opened.runToStep(decoded.state.step);
  opened.view();
  const linkMs = performance.now() - t1;
  return {
    writes,
    events: sim.stepCount,
    wallMs: Math.round(ms),
    eventsPerSec: Math.round(sim.stepCount / (ms / 1000)),
    writesPerSec: Math.round(writes / (ms / 1000)),
    eventsPerSecNoChecker: Math.round(sim2.stepCount / (ms2 / 1000)),
    replay10kStepsMs: Math.round(replayMs * 10) / 10,
    link10kOpenMs: Math.round(linkMs * 10) / 10,
    violations: sim.violations.length,
  };
}
