/**
 * A server's view lists every znode (ServerView.tree), and DataTree.pictures keeps that list from
 * one view to the next, picturing again only the znodes written, added or removed since — also in
 * a run restored from a checkpoint, which shares the list it was copied with. These tests hold the
 * kept list to a list made from scratch at many steps of runs that write, delete, re-create and
 * quota the same znodes, crash and restart servers (trees reloaded, TRUNC, SNAP) and under chaos.
 */
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import { randomScenario } from '../../src/sim/RandomScenario';
import { chaosShape } from '../../src/sim/Chaos';
import { Simulation } from '../../src/sim/Simulation';
import { restoreCheckpoint } from '../../src/engine/checkpoint';
import { copyAt } from '../engine/copyAt';
import { REWRITE_COMMANDS } from '../engine/rewrites';
import { DataTree } from '../../src/zk/DataTree';
import { isSealed } from '../../src/zk/Sealed';
import { QuorumPeer, znodePicture } from '../../src/zk/QuorumPeer';
import type { Sid } from '../../src/zk/Zxid';

function peersOf(sim: Simulation): Map<Sid, QuorumPeer> {
  return (sim.host as unknown as { peers: Map<Sid, QuorumPeer> }).peers;
}

/** The list as a view made it without any kept pictures. */
function fromScratch(peer: QuorumPeer): string {
  const tree = peer.zkDb.dataTree;
  const make = znodePicture(tree, new Set(tree.quotaPaths()));
  return JSON.stringify(tree.allPaths().map((p) => make(p, tree.getNode(p)!)));
}

/** Compares every server's kept list with one made from scratch; counts lists handed back as they were. */
function compare(sim: Simulation, label: string, kept: { same: number; checked: number }): void {
  for (const [sid, peer] of peersOf(sim)) {
    const before = peer.zkDb.dataTree;
    const a = peer.view().tree;
    const b = peer.view().tree;
    // with no quota (whose roots are pictured at every view), nothing written in between: the same list
    if (before.quotaPaths().length === 0 && peer.zkDb.dataTree === before) {
      if (a !== b) throw new Error(`${label} S${sid}: a view with nothing written since made a new list`);
      kept.same++;
    }
    const got = JSON.stringify(a);
    if (got !== fromScratch(peer))
      throw new Error(`${label} S${sid}: the kept znode list differs from a fresh one`);
    kept.checked++;
  }
}

/** Writes that come back to the same znodes: data, deletes and re-creates, ACLs, quotas set and removed. */
function rewrites(seed: number): Scenario {
  const cmds = [
    ...REWRITE_COMMANDS,
    'setquota -b 100 /q/a',
    'set /q/a 10',
    // a quota taken off in part, then whole: its root is pictured without it again
    'delquota -n /q',
    'delquota /q',
    'create -c /c 1',
    'create -c /c/x 1',
    'delete /c/x',
  ];
  const actions = [
    ...cmds.map((cmd, i) => ({
      at: 3000 + i * 40 + (seed % 7) * 3,
      client: { id: `c${i % 2}`, server: (i % 4) + 1, cmd, sessionTimeoutMs: 4000 },
    })),
    // servers crash in the middle of the writes and come back (their trees reloaded, synced)
    { at: 3210, crash: [1 + (seed % 3)] },
    { at: 3530, restart: [1 + (seed % 3)] },
    { at: 3610, crash: [1 + ((seed + 1) % 3)] },
    { at: 4200, restart: [1 + ((seed + 1) % 3)] },
  ].sort((a, b) => a.at - b.at);
  return makeScenario({
    format: 1,
    seed,
    ensemble: { voters: 3, observers: 1 },
    actions: [{ at: 0, start: [1, 2, 3, 4] }, ...actions],
    until: 9000,
  });
}

describe('DataTree.pictures: the znode list a view keeps is the list made afresh', () => {
  it('runs rewriting and quota-ing the same znodes, servers crashing and restarting: every step', () => {
    const kept = { same: 0, checked: 0 };
    for (let seed = 1; seed <= 6; seed++) {
      const sim = new Simulation(rewrites(seed));
      while (sim.step())
        if (sim.stepCount % (1 + (seed % 3)) === 0) compare(sim, `seed ${seed} step ${sim.stepCount}`, kept);
    }
    expect(kept.checked).toBeGreaterThan(2000);
    expect(kept.same).toBeGreaterThan(1000);
  });

  it('150 chaos seeds, views at irregular steps', () => {
    let checked = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const sim = new Simulation(
        makeScenario(randomScenario(seed, { ...chaosShape(seed), chaosMs: 4000, settleMs: 2000 })),
      );
      const kept = { same: 0, checked: 0 };
      let next = 1;
      while (sim.step())
        if (sim.stepCount >= next) {
          compare(sim, `chaos seed ${seed} step ${sim.stepCount}`, kept);
          next = sim.stepCount + 1 + ((sim.stepCount * 7 + seed) % 23);
        }
      checked += kept.checked;
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('a run restored from a checkpoint shares the kept list and pictures only what it writes after', () => {
    let restored = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const scenario = rewrites(seed);
      for (const step of [40, 90, 150, 260]) {
        const live = new Simulation(scenario);
        // views on the way, so that the trees keep lists when the copy is taken
        while (live.stepCount < step && live.step()) if (live.stepCount % 5 === 0) live.view();
        const cp = copyAt(live, step);
        if (!cp) continue;
        const copy = restoreCheckpoint(cp, []);
        const kept = { same: 0, checked: 0 };
        for (const [sid, peer] of peersOf(copy)) {
          const pics = (peer.zkDb.dataTree as unknown as { pics: object | null }).pics;
          const orig = (peersOf(live).get(sid)!.zkDb.dataTree as unknown as { pics: object | null }).pics;
          if (pics !== null) {
            expect(isSealed(pics)).toBe(true);
            expect(pics).toBe(orig);
          }
        }
        for (let i = 0; i < 300 && copy.step(); i++)
          if (i % 11 === 0) compare(copy, `seed ${seed} from ${step} +${i}`, kept);
        compare(copy, `seed ${seed} from ${step} at the end`, kept);
        // and the live run, which shares the same lists, was not changed by the copy's views
        compare(live, `seed ${seed} live at ${step}`, kept);
        restored++;
      }
    }
    expect(restored).toBeGreaterThan(12);
  });

  it('the kept list is frozen: a consumer cannot change it under the next view', () => {
    const tree = new DataTree();
    const make = znodePicture(tree, new Set());
    const list = tree.pictures(make);
    expect(Object.isFrozen(list)).toBe(true);
    expect(tree.pictures(make)).toBe(list);
    expect(() => (list as unknown as unknown[]).push(list[0])).toThrow(TypeError);
  });
});
