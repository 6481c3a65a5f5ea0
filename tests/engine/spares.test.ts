/**
 * A step back straight after stepping (no idle time: nothing kept at rest yet) restores the nearest
 * checkpoint's spare — a copy made when the checkpoint was taken — instead of copying it then, and
 * gives exactly the picture and trace of a replay from step 0, also when the run steps on from
 * there; the live run wrote the znodes it shares with the spare after the spare was made. At rest
 * the spare is made again.
 */
import { describe, expect, it } from 'vitest';
import { Controller } from '../../src/engine/Controller';
import type { Frame } from '../../src/engine/Controller';
import { SPARES } from '../../src/engine/Checkpoints';
import { makeScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import { traceHash, traceToJsonl } from '../../src/sim/run';

const clock = { now: () => performance.now() };

/** three voters under client writes: creates under one parent, data rewritten, deletes */
function writes(): Scenario {
  const cmds = (i: number) =>
    [`create /w/n${i} ${i}`, `set /w ${i}`, `create /w/m${i} x`, `delete /w/m${i}`][i % 4];
  return makeScenario({
    format: 1,
    seed: 5,
    ensemble: { voters: 3, observers: 0 },
    actions: [
      { at: 0, start: [1, 2, 3] },
      { at: 1500, client: { id: 'c0', server: 1, cmd: 'create /w x' } },
      ...Array.from({ length: 120 }, (_, i) => ({
        at: 2000 + i * 15,
        client: { id: `c${i % 3}`, server: (i % 3) + 1, cmd: cmds(i) },
      })),
    ],
    until: 20_000,
  });
}

function controller(interval: number) {
  return new Controller(writes(), {
    clock,
    onFrame: () => undefined,
    onError: (e) => {
      throw e;
    },
    checkpoints: { interval, max: 32 },
  });
}

const picture = (f: Frame) =>
  JSON.stringify({ view: f.view, delivered: f.delivered, dropped: f.dropped, events: f.lastEvents });
const hash = (f: Frame) => traceHash(traceToJsonl(f.sim.trace));

describe('spare copies of the newest checkpoints', () => {
  it('a step back straight after stepping takes a spare: the replay picture, and the same steps after it', async () => {
    let taken = 0;
    for (const at of [300, 457, 610, 777]) {
      const c = controller(16);
      c.load(writes());
      while (c.frame.sim.stepCount < at) c.advance(at - c.frame.sim.stepCount);
      expect(c.checkpoints.spareSize).toBe(SPARES);
      c.stepBack();
      if (c.checkpoints.spareSize === SPARES - 1) taken++;
      // a replay from step 0 (no checkpoints in reach)
      const ref = controller(1_000_000);
      ref.load(writes(), c.frame.recorded, at - 1);
      expect(c.frame.view.step).toBe(at - 1);
      expect(picture(c.frame)).toBe(picture(ref.frame));
      expect(hash(c.frame)).toBe(hash(ref.frame));
      // the run handed over steps on as the replay does
      c.advance(60);
      ref.advance(60);
      expect(picture(c.frame)).toBe(picture(ref.frame));
      expect(hash(c.frame)).toBe(hash(ref.frame));
      // the checkpoint whose spare was handed over is intact: going back near it copies it again
      for (const target of [at - 2, at - 9, at - 17, at - 33]) {
        c.seek(target);
        ref.load(writes(), c.frame.recorded, target);
        expect(picture(c.frame)).toBe(picture(ref.frame));
        expect(hash(c.frame)).toBe(hash(ref.frame));
      }
      // a step back from there, then the work at rest makes the spare again
      c.stepBack();
      await c.rested();
      expect(c.checkpoints.spareSize).toBe(SPARES);
      expect(c.checkpoints.keepSpare(c.frame.recorded, c.frame.sim.stepCount - 2)).toBe(false);
      c.stepBack();
      ref.load(writes(), ref.frame.recorded, c.frame.sim.stepCount);
      expect(picture(c.frame)).toBe(picture(ref.frame));
    }
    // each straight step back took a spare (none was copied then)
    expect(taken).toBe(4);
  });
});
