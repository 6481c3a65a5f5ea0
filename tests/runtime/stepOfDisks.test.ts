/**
 * stepOfDisks: after a reload, the step a saved ensemble's databases are at. The saved step and the
 * write tags only bound it from below (a call sent ahead is tagged with the step that sent it), so
 * the run is replayed from there until every server's mirror equals its database.
 */
import { describe, expect, it } from 'vitest';
import { stepOfDisks } from '../../src/runtime/runtime';
import { fingerprint } from '../../src/runtime/fingerprint';
import { validateScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import type { DurableImage } from '../../src/zk/persistence/FileTxnSnapLog';
import type { Sid } from '../../src/zk/Zxid';

/** Three voters under a write load: the disks change every few steps. */
function scenario(): Scenario {
  const actions: unknown[] = [{ at: 0, start: [1, 2, 3] }];
  for (let i = 0; i < 40; i++)
    actions.push({
      at: 1000 + i * 7,
      client: { id: `c${i % 4}`, server: (i % 3) + 1, cmd: `create /k${i} v` },
    });
  const r = validateScenario({
    format: 1,
    seed: 3,
    ensemble: { voters: 3, observers: 0 },
    actions,
    until: 60_000,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/** Every server's mirror at `step` (what its database holds when the disks are at that step). */
function disksAt(sc: Scenario, step: number): { disks: Map<Sid, DurableImage>; sim: Simulation } {
  const sim = new Simulation(sc, [], { check: false });
  sim.runToStep(step);
  return { sim, disks: new Map(sim.sids.map((sid) => [sid, sim.store(sid)!.image()])) };
}

function prints(sim: Simulation): string[] {
  return sim.sids.map((sid) => fingerprint(sim.store(sid)!.image()));
}

function at(sc: Scenario, step: number): Simulation {
  const sim = new Simulation(sc, [], { check: false });
  sim.runToStep(step);
  return sim;
}

describe('stepOfDisks', () => {
  const sc = scenario();

  it('from a saved step behind the disks, walks to where they are', () => {
    const { disks, sim: real } = disksAt(sc, 400);
    // the disks did change after the saved step: the search has to walk forward
    expect(prints(at(sc, 300))).not.toEqual(prints(real));
    const found = stepOfDisks(sc, [], 300, disks)!;
    // the last step before some server writes again: every mirror equals its disk there
    expect(found).toBeGreaterThanOrEqual(400);
    expect(prints(at(sc, found))).toEqual(prints(real));
    expect(prints(at(sc, found + 1))).not.toEqual(prints(real));
  });

  it('a server whose disk lacks a later write decides: no server loses a write it has', () => {
    // server 1's database is at step 380, the others hold writes up to step 400 (calls in flight)
    const { disks } = disksAt(sc, 400);
    const s1 = at(sc, 380).store(1)!.image();
    disks.set(1, s1);
    const found = stepOfDisks(sc, [], 300, disks)!;
    expect(found).toBeGreaterThanOrEqual(380);
    expect(found).toBeLessThan(400);
    const there = at(sc, found);
    expect(fingerprint(there.store(1)!.image())).toBe(fingerprint(s1));
    // one step later server 1 would need a write its database does not have
    expect(
      fingerprint(
        at(sc, found + 1)
          .store(1)!
          .image(),
      ),
    ).not.toBe(fingerprint(s1));
  });

  it('disks that match no step at all give null', () => {
    const { disks } = disksAt(sc, 400);
    for (const [sid, img] of disks) disks.set(sid, { ...structuredClone(img), acceptedEpoch: 99 });
    expect(stepOfDisks(sc, [], 300, disks, 2000)).toBeNull();
  });
});
