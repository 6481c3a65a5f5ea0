/**
 * The player's pace under a runtime that sometimes cannot keep up: a frame whose job ran fewer
 * events than asked leaves them owed (up to CATCH_UP_MS), so a hiccup is made up and playback keeps
 * the asked speed on average; a runtime that stays slow never builds an unbounded debt, and slowing
 * down mid-run does not play the old debt at once. The controller is a stub that only counts steps.
 */
import { describe, expect, it } from 'vitest';
import type { Controller } from '../../src/engine/Controller';
import { CATCH_UP_MS, Player, RATE_WINDOW_MS } from '../../src/engine/Player';

const FRAME_MS = 16;

/** A controller whose runtime runs at most `capacity(job)` events per job (sync or on workers). */
function stub(capacity: (job: number) => number, workers = false) {
  const state = { step: 0, jobs: 0, asked: [] as number[] };
  const ctl = {
    frame: {
      finished: false,
      get sim() {
        return { stepCount: state.step };
      },
      lastEvents: [],
      delivered: [],
    },
    currentRun: { sync: !workers },
    setPlaying: () => undefined,
    advance(n: number): number | Promise<number> {
      state.asked.push(n);
      const ran = Math.min(n, capacity(state.jobs++));
      state.step += ran;
      return workers ? Promise.resolve(ran) : ran;
    },
  };
  return { ctl: ctl as unknown as Controller, state };
}

async function play(
  ctl: Controller,
  frames: number,
  speed: () => number,
  rates: (number | null)[] = [],
): Promise<void> {
  let t = 0;
  const queue: ((now: number) => void)[] = [];
  const p = new Player(ctl, {
    clock: { now: () => t },
    frames: { request: (cb) => queue.push(cb), cancel: () => undefined },
    speed,
    stops: () => [],
    narrated: () => false,
    dwellMs: () => 0,
    normalDwellMs: () => 0,
    onPlaying: () => undefined,
    onRate: (r) => rates.push(r),
  });
  p.play();
  for (let i = 0; i < frames; i++) {
    t += FRAME_MS;
    queue.shift()!(t);
    // a worker job's answer comes back before the next frame
    await Promise.resolve();
    await Promise.resolve();
  }
  p.pause();
}

describe('player pace', () => {
  for (const workers of [false, true])
    it(`makes up a frame that could not run its events (${workers ? 'workers' : 'in the page'})`, async () => {
      // every 10th job stalls (runs nothing): before CATCH_UP_MS the frame's pace was dropped,
      // and playback reached 90 % of the asked speed
      const { ctl, state } = stub((job) => (job % 10 === 9 ? 0 : 1000), workers);
      await play(ctl, 600, () => 1000);
      const asked = (600 * FRAME_MS * 1000) / 1000;
      expect(state.step).toBeGreaterThanOrEqual(asked - 2 * FRAME_MS);
      expect(state.step).toBeLessThanOrEqual(asked);
    });

  it('a runtime that stays slower than asked plays as fast as it can, its debt capped', async () => {
    const { ctl, state } = stub(() => 5);
    await play(ctl, 300, () => 2000);
    expect(state.step).toBe(300 * 5);
    const cap = (2000 * (CATCH_UP_MS + FRAME_MS)) / 1000;
    expect(Math.max(...state.asked)).toBeLessThanOrEqual(cap);
  });

  it('slowing down mid-run does not play the debt of the faster speed at once', async () => {
    const { ctl, state } = stub((job) => (job < 50 ? 5 : 1000));
    let frame = 0;
    let switched = 0;
    await play(ctl, 200, () => {
      if (frame++ < 50) return 2000;
      switched ||= state.asked.length;
      return 10;
    });
    // at 10 events/s, one frame owes 0.16 events: what is asked after the switch stays tiny
    const after = state.asked.slice(switched);
    expect(after.length).toBeGreaterThan(2);
    expect(Math.max(...after)).toBeLessThanOrEqual((10 * (CATCH_UP_MS + FRAME_MS)) / 1000);
  });

  it('reports the speed it reached each second, and nothing once paused', async () => {
    const fast = stub(() => 1000);
    const a: (number | null)[] = [];
    await play(fast.ctl, 200, () => 1000, a);
    expect(a.length).toBe(Math.floor((200 * FRAME_MS) / RATE_WINDOW_MS) + 1);
    expect(a.at(-1)).toBeNull();
    for (const r of a.slice(1, -1)) expect(r).toBeCloseTo(1000, -1);
    const slow = stub(() => 5);
    const b: (number | null)[] = [];
    await play(slow.ctl, 200, () => 2000, b);
    // 5 events a frame, a frame every 16 ms
    for (const r of b.slice(1, -1)) expect(r).toBeCloseTo((5 * 1000) / FRAME_MS, -1);
  });

  it('a new speed starts a new measurement (a figure of the old speed is withdrawn)', async () => {
    const { ctl } = stub(() => 5);
    const rates: (number | null)[] = [];
    let frame = 0;
    await play(ctl, 150, () => (frame++ < 100 ? 2000 : 3), rates);
    // measured at 2000, withdrawn at the switch, none within the second after it, null at pause
    expect(rates.filter((r) => r !== null).length).toBe(1);
    expect(rates.slice(-2)).toEqual([null, null]);
  });
});
