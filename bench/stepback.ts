/**
 * Step-back benchmark (issue 13): the engine's controller in Node, servers in the page, played to
 * step 10,000 and to step 100,000 of a 5-voter run under client writes (one step further, for the
 * cold step back), and the time that took. Timed: one step back straight after playing (cold: the
 * controller had no idle time, it restores the nearest checkpoint — its spare copy, made with it —
 * and replays up to it); the work the controller does at rest once the host is
 * idle, as after a pause (Controller.rest: it keeps the last steps); then five steps back in a row,
 * with no idle time between them (the worst is the target's figure). With the checkpoints and runs
 * it keeps and their memory.
 */
import { performance } from 'node:perf_hooks';
import { Controller } from '../src/engine/Controller';
import { DEFAULT_POLICY, NEAR_STEPS } from '../src/engine/Checkpoints';
import { makeScenario } from '../src/sim/Scenario';

export interface StepBackResult {
  at: number;
  /** the worst of five single steps back in a row, after the work at rest, ms */
  worstMs: number;
  firstMs: number;
  /** one step back straight after playing, no idle time before it, ms */
  coldMs: number;
  /** the work at rest before the five (wall time, the host idle otherwise), ms */
  restMs: number;
  /** the work at rest after the five (keeping the steps before the new position), ms */
  refillMs: number;
  checkpoints: number;
  /** runs kept at single steps for stepping back (Controller.rest) */
  near: number;
  /** heap + array buffers the checkpoints hold, MB (NaN without --expose-gc) */
  checkpointMb: number;
  /** wall time to play to the step (stepping with the checkpoints and their spares), ms */
  playMs: number;
  /** spare copies ready when the cold step back was pressed (Checkpoints.SPARES) */
  spares: number;
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
/** heap + array buffers after a full collection (typed arrays' memory is freed after it: waited for) */
const used = async () => {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export async function runStepBackBench(targets = [10_000, 100_000]): Promise<StepBackResult[]> {
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
    const p0 = performance.now();
    while (ctl.frame.sim.stepCount < at + 1) ctl.advance(Math.min(5000, at + 1 - ctl.frame.sim.stepCount));
    const play = performance.now() - p0;
    const spares = ctl.checkpoints.spareSize;
    // straight after playing: nothing kept near, a checkpoint is copied and replayed from
    const c0 = performance.now();
    ctl.stepBack();
    const cold = performance.now() - c0;
    // the user pauses: the host is idle, the controller keeps the last steps
    const r0 = performance.now();
    await ctl.rested();
    const rest = performance.now() - r0;
    const near = ctl.checkpoints.nearSize;
    let worst = 0;
    let first = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      ctl.stepBack();
      const ms = performance.now() - t0;
      if (i === 0) first = ms;
      worst = Math.max(worst, ms);
    }
    const f0 = performance.now();
    await ctl.rested();
    const refill = performance.now() - f0;
    const withCps = await used();
    const n = ctl.checkpoints.size + ctl.checkpoints.nearSize;
    ctl.checkpoints.clear();
    const without = await used();
    out.push({
      at,
      worstMs: Math.round(worst * 10) / 10,
      firstMs: Math.round(first * 10) / 10,
      coldMs: Math.round(cold * 10) / 10,
      restMs: Math.round(rest),
      refillMs: Math.round(refill),
      checkpoints: n,
      near,
      checkpointMb: gc ? Math.round(((withCps - without) / 1e6) * 10) / 10 : NaN,
      playMs: Math.round(play),
      spares,
    });
  }
  return out;
}

export function printStepBack(rs: StepBackResult[]): void {
  console.log(
    `\n== step back (engine in Node, servers in the page; a checkpoint every ${DEFAULT_POLICY.interval} steps, at most ${DEFAULT_POLICY.max}; the last ${NEAR_STEPS} steps kept at rest)`,
  );
  for (const r of rs) {
    const mem = Number.isNaN(r.checkpointMb) ? 'memory: run with node --expose-gc' : `${r.checkpointMb} MB`;
    console.log(
      `played to step ${r.at.toLocaleString('en')} in ${r.playMs} ms; ` +
        `one step back at step ${r.at.toLocaleString('en')}: cold (straight after playing, ${r.spares} spare copies ready) ${r.coldMs} ms; ` +
        `at rest (after ${r.restMs} ms of idle work keeping ${r.near} steps) first ${r.firstMs} ms, worst of 5 ${r.worstMs} ms; ` +
        `then ${r.refillMs} ms of idle work keeping the steps before that; ` +
        `${r.checkpoints} checkpoints and kept steps, ${mem}`,
    );
    console.log(
      `target: one step back at step ${r.at.toLocaleString('en')} ≤ 16 ms, at rest: ${r.worstMs <= 16 ? 'met' : 'NOT met'}; ` +
        `cold (pressed straight after playing, no idle time yet): ${r.coldMs <= 16 ? 'met' : 'NOT met'}`,
    );
  }
}

// `npx tsx bench/stepback.ts` runs it alone
if (process.argv[1]?.endsWith('stepback.ts')) void runStepBackBench().then(printStepBack);
