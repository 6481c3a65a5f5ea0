/**
 * Paths where the model must follow ZooKeeper 3.9.5's source exactly (issue 11). Each test drives
 * a schedule to the moment that matters (stepping the simulation, then acting), so it does not
 * depend on lucky timings.
 */
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import type { TraceEvent } from '../../src/zk/trace';

type ZkV = '3.9.5' | '3.9.1';

/**
 * The far-behind-snap preset's schedule: S1 is down while six znodes are created; S3 restarts (its
 * committedLog now starts at its last log roll), so S1 comes back below it and gets SNAP.
 */
function farBehind(version: ZkV = '3.9.5', observers = 0): Simulation {
  const creates = [1, 2, 3, 4, 5, 6].map((i) => ({
    at: 1900 + i * 100,
    client: { id: 'c1', cmd: `create /b${i} x` },
  }));
  return new Simulation(
    makeScenario({
      format: 1,
      seed: 1,
      ensemble: { voters: 3, observers },
      config: { zkVersion: version, latencyMs: [1, 1], snapCount: 4 },
      actions: [
        { at: 0, start: observers ? [1, 2, 3, 4] : [1, 2, 3] },
        { at: 1000, client: { id: 'c1', server: 2, cmd: 'create /a1 x' } },
        { at: 1500, crash: [1] },
        ...creates,
        { at: 3000, crash: [3] },
        { at: 3300, restart: [3] },
        { at: 6000, restart: [1] },
      ],
      until: 60000,
    }),
  );
}

/** steps until `pred` holds for the newest trace event; returns that event */
function stepUntil(sim: Simulation, pred: (e: TraceEvent) => boolean): TraceEvent {
  let seen = sim.trace.length;
  while (sim.step()) {
    for (; seen < sim.trace.length; seen++) if (pred(sim.trace[seen])) return sim.trace[seen];
  }
  throw new Error('the awaited event never happened');
}

function syncsOf(sim: Simulation, learner: number) {
  return sim.trace.filter(
    (e): e is Extract<TraceEvent, { ev: 'sync' }> => e.ev === 'sync' && e.learner === learner,
  );
}

describe('ZOOKEEPER-3642: a SNAP sync cut before NEWLEADER is not kept', () => {
  it('the learner comes back with its on-disk state, is SNAP-synced again, and nothing is violated', () => {
    const sim = farBehind();
    const snap = stepUntil(sim, (e) => e.ev === 'restore' && e.sid === 1 && e.source === 'SNAP');
    expect(snap.ev).toBe('restore');
    const leader = syncsOf(sim, 1).at(-1)!.leader;
    // NEWLEADER is in flight: cut the link so it is lost and the learner times out
    sim.act({ cut: [leader, 1] });
    const from = sim.trace.length;
    stepUntil(sim, (e) => e.ev === 'shutdown' && e.sid === 1);
    // Learner.shutdown → zk.shutdown(true): ZKDatabase.clear, reloaded from disk (not the SNAP)
    const reload = sim.trace
      .slice(from)
      .find((e): e is Extract<TraceEvent, { ev: 'restore' }> => e.ev === 'restore' && e.sid === 1);
    expect(reload?.source).toBe('boot');
    expect(reload?.zxid).toBe('0x100000002'); // what S1 had logged before it crashed
    sim.act({ uncut: [leader, 1] });
    sim.runToEnd();
    const syncs = syncsOf(sim, 1);
    expect(syncs.length).toBeGreaterThanOrEqual(2);
    expect(syncs.at(-1)!.mode).toBe('SNAP');
    expect(sim.violations).toEqual([]);
    // every committed znode is on S1, in memory and (after a crash) on disk
    sim.act({ crash: [1] });
    sim.act({ restart: [1] });
    sim.runUntil(sim.now + 20000);
    const s1 = sim.view().servers.find((s) => s.sid === 1)!;
    for (const p of ['/a1', '/b1', '/b6']) expect(s1.tree.some((n) => n.path === p)).toBe(true);
    expect(sim.violations).toEqual([]);
  });
});

/** 3 voters + observer 4; the observer is down while three znodes are created, then DIFF-synced */
function observerBehind(version: ZkV): Simulation {
  return new Simulation(
    makeScenario({
      format: 1,
      seed: 3,
      ensemble: { voters: 3, observers: 1 },
      config: { zkVersion: version, latencyMs: [1, 1] },
      actions: [
        { at: 0, start: [1, 2, 3, 4] },
        { at: 1000, client: { id: 'c1', server: 2, cmd: 'create /a1 x' } },
        { at: 1500, crash: [4] },
        { at: 2000, client: { id: 'c1', cmd: 'create /b1 x' } },
        { at: 2100, client: { id: 'c1', cmd: 'create /b2 x' } },
        { at: 2200, client: { id: 'c1', cmd: 'create /b3 x' } },
        { at: 3000, restart: [4] },
      ],
      until: 8000,
    }),
  );
}

describe('observers at NEWLEADER (Learner.syncWithLeader: the persist block is for followers only)', () => {
  it('3.9.5: the observer ACKs NEWLEADER at once and logs/applies the synced txns after UPTODATE', () => {
    const sim = observerBehind('3.9.5');
    sim.runToEnd();
    const tr = sim.trace;
    const sync = tr.findIndex((e) => e.ev === 'sync' && e.learner === 4 && e.t >= 3000);
    expect(sync).toBeGreaterThan(0);
    expect((tr[sync] as Extract<TraceEvent, { ev: 'sync' }>).mode).toBe('DIFF');
    // the observer's ACKs: NEWLEADER's, then UPTODATE's (after which it serves, zk.startup)
    const acks = tr
      .map((e, i) => ({ e, i }))
      .filter(({ e, i }) => i > sync && e.ev === 'send' && e.from === 4 && e.type === 'ACK');
    const serving = acks[1].i;
    const applies = tr
      .map((e, i) => ({ e, i }))
      .filter(({ e, i }) => i > sync && e.ev === 'apply' && e.sid === 4);
    expect(applies.map(({ e }) => (e as { zxid: string }).zxid).slice(0, 3)).toEqual([
      '0x100000003',
      '0x100000004',
      '0x100000005',
    ]);
    // nothing of the sync is applied before the observer serves (ObserverZooKeeperServer.commitRequest)
    for (const { i } of applies) expect(i).toBeGreaterThan(serving);
    // currentEpoch is written before any synced txn is logged
    const epoch = tr.findIndex((e, i) => i > sync && e.ev === 'epoch' && e.sid === 4 && e.currentEpoch > 0);
    const firstLog = tr.findIndex((e, i) => i > sync && e.ev === 'log' && e.sid === 4);
    expect(epoch).toBeGreaterThan(sync);
    expect(firstLog).toBeGreaterThan(epoch);
    expect(sim.violations).toEqual([]);
    const s4 = sim.view().servers.find((s) => s.sid === 4)!;
    for (const p of ['/a1', '/b1', '/b3']) expect(s4.tree.some((n) => n.path === p)).toBe(true);
  });
});
