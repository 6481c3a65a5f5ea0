/**
 * stepOfDisks: after a reload, the step a saved ensemble's databases are at. The saved step is the
 * last one the page finished and showed; the databases can only be ahead of it (calls in flight), so
 * the run is replayed from there to the first step at which every server's mirror equals its
 * database — and no further: an idle run (no disk changes) resumes exactly at its saved step.
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

/** Three voters, no clients: after the election nothing reaches the disks any more. */
function idle(until = 600_000): Scenario {
  const r = validateScenario({
    format: 1,
    seed: 5,
    ensemble: { voters: 3, observers: 0 },
    actions: [{ at: 0, start: [1, 2, 3] }],
    until,
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

  it('from a saved step behind the disks, walks to the first step where they all are', () => {
    const { disks, sim: real } = disksAt(sc, 400);
    // the disks did change after the saved step: the search has to walk forward
    expect(prints(at(sc, 300))).not.toEqual(prints(real));
    const found = stepOfDisks(sc, [], 300, disks)!;
    // every mirror equals its disk there, and one step earlier some server had not yet written
    expect(found).toBeGreaterThan(300);
    expect(found).toBeLessThanOrEqual(400);
    expect(prints(at(sc, found))).toEqual(prints(real));
    expect(prints(at(sc, found - 1))).not.toEqual(prints(real));
  });

  it('a server whose disk lacks a later write decides: no server loses a write it has', () => {
    // server 1's database is at step 380, the others hold writes up to step 400 (calls in flight)
    const { disks } = disksAt(sc, 400);
    const s1 = at(sc, 380).store(1)!.image();
    disks.set(1, s1);
    const found = stepOfDisks(sc, [], 300, disks)!;
    expect(found).toBeGreaterThanOrEqual(300);
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

  it('an idle run resumes exactly at its saved step, not 100,000 steps later', () => {
    const quiet = idle();
    const saved = at(quiet, 250);
    // past the election: the disks no longer change for a long while
    expect(prints(at(quiet, 2000))).toEqual(prints(saved));
    const disks = new Map(saved.sids.map((sid) => [sid, saved.store(sid)!.image()]));
    expect(stepOfDisks(quiet, [], 250, disks)).toBe(250);
  });

  it('a run that reached its end resumes at its last step', () => {
    const short = idle(20_000);
    const end = new Simulation(short, [], { check: false });
    while (end.step());
    const disks = new Map(end.sids.map((sid) => [sid, end.store(sid)!.image()]));
    expect(stepOfDisks(short, [], end.stepCount, disks)).toBe(end.stepCount);
  });

  it('a run saved at step 0 resumes at step 0', () => {
    const quiet = idle();
    const zero = at(quiet, 0);
    const disks = new Map(zero.sids.map((sid) => [sid, zero.store(sid)!.image()]));
    expect(stepOfDisks(quiet, [], 0, disks)).toBe(0);
  });

  it('replays the actions recorded at step 0 (the user started the servers) with the run', () => {
    const bare = validateScenario({ ...JSON.parse(JSON.stringify(sc)), actions: sc.actions.slice(1) });
    if (!bare.ok) throw new Error(bare.errors.join('\n'));
    const recorded = [{ step: 0, action: { start: [1, 2, 3] } }];
    const real = new Simulation(bare.scenario, recorded, { check: false });
    real.runToStep(400);
    expect(real.stepCount).toBe(400);
    const disks = new Map(real.sids.map((sid) => [sid, real.store(sid)!.image()]));
    const found = stepOfDisks(bare.scenario, recorded, 300, disks)!;
    expect(found).toBeGreaterThan(300);
    expect(found).toBeLessThanOrEqual(400);
    const there = new Simulation(bare.scenario, recorded, { check: false });
    there.runToStep(found);
    expect(prints(there)).toEqual(prints(real));
  });

  it('disks that match no step at all give null', () => {
    const { disks } = disksAt(sc, 400);
    for (const [sid, img] of disks) disks.set(sid, { ...structuredClone(img), acceptedEpoch: 99 });
    expect(stepOfDisks(sc, [], 300, disks, 2000)).toBeNull();
  });
});
