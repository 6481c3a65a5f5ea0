/**
 * Step-back benchmark (issue 13): the engine's controller in Node, servers in the page, played to
 * step 10,000 and to step 100,000 of a 5-voter run under client writes; then one step back, timed
 * (the worst of five in a row), with the checkpoints it keeps and their memory.
 */
import { performance } from 'node:perf_hooks';
import { Controller } from '../src/engine/Controller';
import { DEFAULT_POLICY } from '../src/engine/Checkpoints';
import { makeScenario } from '../src/sim/Scenario';

export interface StepBackResult {
  at: number;
  /** the worst of five single steps back in a row, ms */
  worstMs: number;
  firstMs: number;
  checkpoints: number;
  /** heap + array buffers the checkpoints hold, MB (NaN without --expose-gc) */
  checkpointMb: number;
}

function scenario() {
  return makeScenario({
    format: 1,
    seed: 3,
    ensemble: { voters: 5, observers: 0 },
    actions: [
      { at: 0, start: [1, 2, 3, 4, 5] },
      ...Array.from({ length: 2000 }, (_, i) => ({
        at: 2000 + i * 2000,
        client: { id: `c${i % 4}`, server: (i % 5) + 1, cmd: `create /n${i} x` },
      })),
    ],
    until: 190_000_000,
  });
}

const gc = (globalThis as { gc?: () => void }).gc;
const used = () => {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export function runStepBackBench(targets = [10_000, 100_000]): StepBackResult[] {
  const out: StepBackResult[] = [];
  for (const at of targets) {
    const ctl = new Controller(scenario(), {
      clock: { now: () => performance.now() },
      onFrame: () => undefined,
      onError: (e) => {
        throw e;
      },
    });
    ctl.load(scenario());
    while (ctl.frame.sim.stepCount < at) ctl.advance(Math.min(5000, at - ctl.frame.sim.stepCount));
    let worst = 0;
    let first = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      ctl.stepBack();
      const ms = performance.now() - t0;
      if (i === 0) first = ms;
      worst = Math.max(worst, ms);
    }
    const withCps = used();
    const n = ctl.checkpoints.size;
    ctl.checkpoints.clear();
    const without = used();
    out.push({
      at,
      worstMs: Math.round(worst * 10) / 10,
      firstMs: Math.round(first * 10) / 10,
      checkpoints: n,
      checkpointMb: gc ? Math.round(((withCps - without) / 1e6) * 10) / 10 : NaN,
    });
  }
  return out;
}

export function printStepBack(rs: StepBackResult[]): void {
  console.log(
    `\n== step back (engine in Node, servers in the page; a checkpoint every ${DEFAULT_POLICY.interval} steps, at most ${DEFAULT_POLICY.max})`,
  );
  for (const r of rs) {
    const mem = Number.isNaN(r.checkpointMb) ? 'memory: run with node --expose-gc' : `${r.checkpointMb} MB`;
    console.log(
      `one step back at step ${r.at.toLocaleString('en')}: first ${r.firstMs} ms, worst of 5 ${r.worstMs} ms; ${r.checkpoints} checkpoints, ${mem}`,
    );
    console.log(
      `target: one step back at step ${r.at.toLocaleString('en')} ≤ 16 ms: ${r.worstMs <= 16 ? 'met' : 'NOT met'}`,
    );
  }
}

// `npx tsx bench/stepback.ts` runs it alone
if (process.argv[1]?.endsWith('stepback.ts')) printStepBack(runStepBackBench());
