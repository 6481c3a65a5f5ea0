/**
 * The stage's election-connection pairs, read from a real run (first-boot): at the step where S3
 * drops S2's dial and dials back, the pair 2–3 carries the dial-back; once both ends keep the
 * connection it is up and dialled by S3; a vote waiting in a send queue is shown on its side.
 */
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { Simulation } from '../../src/sim/Simulation';
import { cnxPairs } from '../../src/ui/stage/cnxPairs';

describe('cnxPairs', () => {
  it('marks the dial-back of a lower sid, then the higher sid’s connection up', () => {
    const sim = new Simulation(presetById('first-boot')!.file);
    let sawDialBack = false;
    let sawQueued = false;
    while (sim.step() && sim.now < 50) {
      const pairs = cnxPairs(sim.view().servers, sim.trace, sim.now);
      const p23 = pairs.find((p) => p.a === 2 && p.b === 3)!;
      if (p23.dialBack) {
        sawDialBack = true;
        expect(p23.dialBack).toMatchObject({ lower: 2, higher: 3 });
      }
      if (pairs.some((p) => p.queued.length > 0)) sawQueued = true;
      for (const p of pairs) if (p.state === 'up') expect(p.initiator).toBe(p.b);
    }
    expect(sawDialBack).toBe(true);
    expect(sawQueued).toBe(true);
    sim.runUntil(1000);
    const pairs = cnxPairs(sim.view().servers, sim.trace, sim.now);
    expect(pairs.map((p) => [p.a, p.b, p.state, p.initiator])).toEqual([
      [1, 2, 'up', 2],
      [1, 3, 'up', 3],
      [2, 3, 'up', 3],
    ]);
    // the mark is for a moment only: long after, no dial-back is shown
    expect(pairs.every((p) => p.dialBack === null)).toBe(true);
  });

  it('a crashed server has no connections: its pairs are down, its peers keep their queues', () => {
    const sim = new Simulation(presetById('first-boot')!.file);
    sim.runUntil(1000);
    sim.act({ crash: [3] });
    sim.runUntil(1100);
    const pairs = cnxPairs(sim.view().servers, sim.trace, sim.now);
    expect(pairs.filter((p) => p.b === 3).map((p) => p.state)).toEqual(['down', 'down']);
    expect(pairs.find((p) => p.a === 1 && p.b === 2)!.state).toBe('up');
  });
});
