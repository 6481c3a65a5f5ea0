/**
 * A checkpoint shares parts of the model with the live run (every server's znodes:
 * DataTree.shareNodes) instead of copying them. Sharing anything that is still written would
 * rewrite history: these tests step the live run on after the checkpoint — writing to the same
 * znodes (children created and deleted under the same parents, data, ACLs, quota stats, ephemerals
 * of expiring sessions, crashes and restarts reloading trees) — and check that the checkpoint's
 * own state (its picture) is unchanged and that a run restored from it afterwards still gives the
 * byte-identical trace of a replay from step 0. Shared nodes and sealed records (zk/Sealed) are
 * frozen, so a write that misses the copy-on-write path fails with a TypeError here.
 */
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import { randomScenario } from '../../src/sim/RandomScenario';
import { chaosShape } from '../../src/sim/Chaos';
import { Simulation } from '../../src/sim/Simulation';
import { traceHash, traceToJsonl } from '../../src/sim/run';
import { restoreCheckpoint } from '../../src/engine/checkpoint';
import { copyAt } from './copyAt';
import { REWRITE_COMMANDS } from './rewrites';
import { DataTree, isSharedNode } from '../../src/zk/DataTree';
import { isSealed, seal } from '../../src/zk/Sealed';
import type { DataNode } from '../../src/zk/DataTree';

const hash = (sim: Simulation) => traceHash(traceToJsonl(sim.trace));
const picture = (sim: Simulation) => JSON.stringify(sim.view());

/** A client workload that writes the same znodes again and again: one parent, data, ACLs, a quota. */
function writes(seed: number): Scenario {
  const cmds = REWRITE_COMMANDS;
  return makeScenario({
    format: 1,
    seed,
    ensemble: { voters: 3, observers: 0 },
    actions: [
      { at: 0, start: [1, 2, 3] },
      ...cmds.map((cmd, i) => ({
        at: 3000 + i * 40 + (seed % 7) * 3,
        client: { id: `c${i % 2}`, server: (i % 3) + 1, cmd, sessionTimeoutMs: 4000 },
      })),
      { at: 3700, crash: [1 + (seed % 3)] },
      { at: 3900, restart: [1 + (seed % 3)] },
    ],
    until: 9000,
  });
}

/**
 * Copies `scenario`'s run at `step`, steps the live run on by `more` (it writes what it shares
 * with the copy), then checks the copy. Returns false when the run ended before `step`.
 */
function check(scenario: Scenario, step: number, more: number, label: string): boolean {
  const live = new Simulation(scenario);
  const cp = copyAt(live, step);
  if (!cp) return false;
  const before = picture(cp.state);
  const total = cp.step + more;
  while (live.stepCount < total && live.step());
  if (picture(cp.state) !== before) throw new Error(`${label}: stepping the live run changed its checkpoint`);
  const copy = restoreCheckpoint(cp, []);
  if (picture(copy) !== before)
    throw new Error(`${label}: a run restored later is not the checkpoint's state`);
  while (copy.stepCount < total && copy.step());
  if (hash(copy) !== hash(live)) throw new Error(`${label}: the restored run's trace differs`);
  if (picture(copy) !== picture(live)) throw new Error(`${label}: the restored run's picture differs`);
  return true;
}

describe('checkpoints share no mutable part with the live run', () => {
  it('a client workload rewriting the same znodes: the checkpoint is unchanged at every tenth step', () => {
    let checked = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const scenario = writes(seed);
      const whole = new Simulation(scenario);
      while (whole.step());
      for (let step = 10; step < whole.stepCount; step += 10)
        if (check(scenario, step, 400, `seed ${seed} step ${step}`)) checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('300 chaos seeds: stepping the live run on after the copy changes neither the copy nor its replay', () => {
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const scenario = makeScenario(
        randomScenario(seed, { ...chaosShape(seed), chaosMs: 4000, settleMs: 2000 }),
      );
      if (check(scenario, 30 + (seed % 90), 150, `seed ${seed}`)) checked++;
    }
    expect(checked).toBeGreaterThan(280);
  });

  it('sealed records are shared by a copy, frozen (a write throws), and only when they hold plain values', () => {
    const live = new Simulation(writes(2));
    const cp = copyAt(live, 200)!;
    const mine = live.client('c0')!.events;
    const theirs = cp.state.client('c0')!.events;
    expect(mine.length).toBeGreaterThan(0);
    // the list is the copy's own, its records are the same objects
    expect(theirs).not.toBe(mine);
    expect(theirs[0]).toBe(mine[0]);
    expect(isSealed(mine[0])).toBe(true);
    expect(() => {
      (mine[0] as { at: number }).at = 1;
    }).toThrow(TypeError);
    const inner = { a: 1 };
    const outer = seal({ inner });
    expect(isSealed(outer)).toBe(false);
    expect(Object.isFrozen(outer)).toBe(false);
    expect(isSealed(seal({ inner: seal(inner) }))).toBe(true);
  });

  it('shared znodes are frozen: a write that bypasses the copy-on-write path throws', () => {
    const tree = new DataTree();
    tree.shareNodes();
    const root = tree.getNode('/') as DataNode;
    expect(isSharedNode(root)).toBe(true);
    expect(() => {
      root.data = 'x';
    }).toThrow(TypeError);
    expect(() => {
      root.stat.version = 7;
    }).toThrow(TypeError);
    expect(() => root.children.add('y')).toThrow(TypeError);
    expect(() => root.children.delete('zookeeper')).toThrow(TypeError);
    expect(root.children.has('zookeeper')).toBe(true);
  });

  it("step records: a checkpoint keeps the run's buffers, and a branch restored from it writes to its own", () => {
    /** every step's records, as consumers read them */
    const records = (sim: Simulation, upTo: number): string => {
      const r = sim.records;
      const out: unknown[] = [];
      for (let n = 0; n <= upTo; n++)
        out.push([r.lineStart(n), r.lineEnd(n), r.timeOf(n), r.delivered(n), r.dropped(n)]);
      for (let id = 1; id < 400; id++) out.push(r.sent(id) ?? null);
      return JSON.stringify(out);
    };
    let branches = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const scenario = writes(seed);
      const live = new Simulation(scenario);
      const cp = copyAt(live, 60 + seed * 15);
      if (!cp) continue;
      const buffers = (sim: Simulation) =>
        (sim.records as unknown as { fates: { data: Float64Array } }).fates.data;
      // nothing copied: the checkpoint reads the live run's buffer
      expect(buffers(cp.state)).toBe(buffers(live));
      // a branch: another action right after the checkpoint, so its records differ from the live run's
      const branch = restoreCheckpoint(cp, [{ step: cp.step + 1, action: { crash: [1 + (seed % 3)] } }]);
      for (let i = 0; i < 150; i++) {
        live.step();
        branch.step();
      }
      expect(buffers(branch)).not.toBe(buffers(live));
      const upTo = Math.min(live.stepCount, branch.stepCount);
      // each matches a run made afresh to the same step with the same actions
      const fresh = new Simulation(scenario);
      while (fresh.stepCount < live.stepCount && fresh.step());
      expect(records(live, upTo)).toBe(records(fresh, upTo));
      const freshBranch = new Simulation(scenario, [
        { step: cp.step + 1, action: { crash: [1 + (seed % 3)] } },
      ]);
      while (freshBranch.stepCount < branch.stepCount && freshBranch.step());
      expect(records(branch, upTo)).toBe(records(freshBranch, upTo));
      expect(records(branch, upTo)).not.toBe(records(live, upTo));
      branches++;
    }
    expect(branches).toBe(6);
  });
});
