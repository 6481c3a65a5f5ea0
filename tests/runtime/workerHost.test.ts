/**
 * The worker runtime in Node: WorkerPeerHost with each server in PeerProcess (what peer.worker.ts
 * runs) behind an in-process worker shim, its dataDir in IndexedDB (fake-indexeddb). The calls of
 * one instant go to a process as one message and group-commit batches are written ahead of their
 * flush; the trace must still be the CLI's byte for byte — random seeds with crashes, restarts,
 * partitions and clients, where a restarted server boots from what its own database holds — and
 * every database must end as the run's mirror of it, give or take the unflushed tail of a
 * running server.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../src/sim/Scenario';
import type { Scenario, ScenarioInput } from '../../src/sim/Scenario';
import { randomScenario } from '../../src/sim/RandomScenario';
import { Simulation } from '../../src/sim/Simulation';
import { traceHash, traceToJsonl } from '../../src/sim/run';
import { WorkerPeerHost } from '../../src/runtime/WorkerPeerHost';
import { IdbDurableStore } from '../../src/runtime/IdbDurableStore';
import { fingerprint } from '../../src/runtime/fingerprint';
import { unflushedTail } from '../../src/runtime/unflushedTail';
import { shimWorker } from './shimWorker';

let ensembles = 0;

async function onWorkers(s: Scenario, chunk: number) {
  const host = new WorkerPeerHost({
    ensembleId: `shim-${++ensembles}`,
    createWorker: shimWorker,
    viewIntervalMs: 1e9,
  });
  host.replayLocally();
  const sim = new Simulation(s, [], { host });
  await host.goLive(sim);
  while ((await sim.stepsAsync(chunk)) === chunk);
  await host.storageSettled();
  // every database: the mirror, plus (a running server) txns appended ahead of their flush
  const diverged: string[] = [];
  for (const sid of sim.sids) {
    const mirror = sim.store(sid)!.image();
    const disk = await host.readImage(sid);
    const tail = unflushedTail(disk, mirror);
    const running = sim.view().servers.find((v) => v.sid === sid)!.state !== 'DOWN';
    if (tail === null || (tail > 0 && !running))
      diverged.push(`S${sid}: disk ${fingerprint(disk)} mirror ${fingerprint(mirror)} tail ${tail}`);
  }
  const stats = structuredClone(host.stats);
  await host.close();
  for (const sid of sim.sids) await IdbDurableStore.delete(host.dbName(sid));
  return { hash: traceHash(traceToJsonl(sim.trace)), diverged, stats };
}

function cliHash(s: Scenario): string {
  const sim = new Simulation(s);
  sim.runToEnd();
  return traceHash(traceToJsonl(sim.trace));
}

describe('the worker runtime (PeerProcess + IndexedDB behind a worker shim)', () => {
  it("gives the CLI's trace on 40 random chaos seeds, one message per process per instant", async () => {
    let messages = 0;
    let calls = 0;
    let crashesBooted = 0;
    let tails = 0;
    for (let seed = 0; seed < 40; seed++) {
      const s = makeScenario(
        randomScenario(seed, {
          voters: [3, 5, 7][seed % 3],
          observers: seed % 2,
          chaosMs: 4000,
          settleMs: 3000,
        }),
      );
      const got = await onWorkers(s, 1 + ((seed * 37) % 200));
      expect(got.hash, `seed ${seed}`).toBe(cliHash(s));
      expect(got.diverged, `seed ${seed}`).toEqual([]);
      expect(got.stats.bootMismatches, `seed ${seed}`).toEqual([]);
      expect(got.stats.errors, `seed ${seed}`).toEqual([]);
      messages += got.stats.messages;
      calls += got.stats.calls;
      crashesBooted += got.stats.workersStarted;
      tails += got.stats.tailsDropped;
    }
    // calls went together (fewer messages than calls) and restarts booted from their databases
    expect(messages).toBeLessThan(calls);
    expect(crashesBooted).toBeGreaterThan(40 * 3);
    console.log(
      `worker shim: ${calls} calls in ${messages} messages; ${crashesBooted} processes started; ` +
        `${tails} unflushed tails dropped after a crash`,
    );
  }, 600_000);

  it('a crash between a batch written ahead and its flush: the tail comes off, the restart boots from the durable log', async () => {
    let tails = 0;
    for (let k = 0; k < 8; k++) {
      const actions: ScenarioInput['actions'] = [{ at: 0, start: [1, 2, 3] }];
      for (let i = 0; i < 40; i++)
        actions.push({
          at: 2000 + i * 7,
          client: { id: `c${i % 4}`, server: (i % 3) + 1, cmd: `create /n${i} v` },
        });
      actions.push({ at: 2050 + k * 9, crash: [1 + (k % 3)] });
      actions.push({ at: 2600 + k * 5, restart: [1 + (k % 3)] });
      actions.push({ at: 2400 + k * 13, crash: [1 + ((k + 1) % 3)] });
      actions.push({ at: 3100, restart: [1 + ((k + 1) % 3)] });
      actions.sort((a, b) => a.at - b.at);
      const s = makeScenario({
        format: 1,
        seed: 40 + k,
        ensemble: { voters: 3, observers: 0 },
        // slow fsyncs: batches wait long for their flush, so crashes find them written ahead
        config: { fsyncMs: [30, 60], latencyMs: [1, 4] },
        actions,
        until: 8000,
      });
      const got = await onWorkers(s, 64);
      expect(got.hash, `variant ${k}`).toBe(cliHash(s));
      expect(got.diverged, `variant ${k}`).toEqual([]);
      expect(got.stats.bootMismatches, `variant ${k}`).toEqual([]);
      tails += got.stats.tailsDropped;
    }
    expect(tails).toBeGreaterThan(0);
  }, 300_000);
});
