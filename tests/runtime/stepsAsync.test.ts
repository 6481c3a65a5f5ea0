/**
 * Simulation.stepsAsync with a host that sends calls ahead (`prefetch`): the host here computes a
 * call's effects the moment it is sent ahead, so any call sent ahead unsafely (one that an earlier
 * event could void, change or reorder) would change the run. Every reference scenario and random
 * chaos runs must give the trace the synchronous step() gives, with calls really sent ahead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalPeerHost } from '../../src/sim/PeerHost';
import type { PeerHost } from '../../src/sim/PeerHost';
import { makeScenario, parseScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import { randomScenario } from '../../src/sim/RandomScenario';
import { Simulation } from '../../src/sim/Simulation';
import { traceHash, traceToJsonl } from '../../src/sim/run';
import type { PeerConfig } from '../../src/zk/QuorumPeer';
import type { ClientId, PeerEffect, PeerInput } from '../../src/zk/PeerIO';
import type { Sid } from '../../src/zk/Zxid';

/**
 * Answers asynchronously; calls sent ahead (one instant's, for one process) are executed at once,
 * in order, and their answers kept — as a worker would, up to the process's exit.
 */
class EagerHost implements PeerHost {
  readonly local = new LocalPeerHost();
  private readonly ahead = new Map<Sid, { input: PeerInput; now: number; fx: PeerEffect[] }[]>();
  prefetches = 0;
  /** the most calls one message carried */
  widest = 0;

  spawn(cfg: PeerConfig, seed: number, stream: number): void {
    this.local.spawn(cfg, seed, stream);
  }
  prefetch(sid: Sid, inputs: PeerInput[], now: number): void {
    if (this.ahead.has(sid)) throw new Error(`S${sid}: two messages sent ahead`);
    this.prefetches += inputs.length;
    this.widest = Math.max(this.widest, inputs.length);
    const done: { input: PeerInput; now: number; fx: PeerEffect[] }[] = [];
    for (const input of inputs) {
      const fx = this.local.handle(sid, input, now);
      done.push({ input, now, fx });
      if (fx.some((x) => x.kind === 'exit')) break;
    }
    this.ahead.set(sid, done);
  }
  handle(sid: Sid, input: PeerInput, now: number): Promise<PeerEffect[]> {
    const queue = this.ahead.get(sid);
    const a = queue?.shift();
    if (queue && !queue.length) this.ahead.delete(sid);
    if (a) {
      expect({ kind: input.kind, now }).toEqual({ kind: a.input.kind, now: a.now });
      expect(JSON.stringify(input)).toBe(JSON.stringify(a.input));
      return Promise.resolve(a.fx);
    }
    return Promise.resolve(this.local.handle(sid, input, now));
  }
  kill(sid: Sid): void {
    // a process dies between steps or by its own exit, which ends its batch: nothing is left ahead
    if (this.ahead.get(sid)?.length) throw new Error(`S${sid} killed with a call sent ahead`);
    this.ahead.delete(sid);
    this.local.kill(sid);
  }
  view(sid: Sid) {
    return this.local.view(sid);
  }
  clients(sid: Sid): ClientId[] {
    return this.local.clients(sid);
  }
  role(sid: Sid) {
    return this.local.role(sid);
  }
}

function syncHash(s: Scenario): string {
  const sim = new Simulation(s);
  sim.runToEnd();
  return traceHash(traceToJsonl(sim.trace));
}

async function eagerHash(
  s: Scenario,
  chunk: (i: number) => number,
): Promise<{ hash: string; prefetches: number; widest: number }> {
  const host = new EagerHost();
  const sim = new Simulation(s, [], { host });
  for (let i = 0; ; i++) {
    const n = chunk(i);
    if ((await sim.stepsAsync(n)) < n) break;
  }
  return { hash: traceHash(traceToJsonl(sim.trace)), prefetches: host.prefetches, widest: host.widest };
}

const REF = path.join(path.dirname(new URL(import.meta.url).pathname), '../../scenarios/reference');

describe('Simulation.stepsAsync with calls sent ahead', () => {
  it('gives the synchronous trace on every reference scenario', async () => {
    let total = 0;
    for (const f of readdirSync(REF).filter((x) => x.endsWith('.json'))) {
      const p = parseScenario(readFileSync(path.join(REF, f), 'utf8'));
      if (!p.ok) throw new Error(p.errors.join('\n'));
      const want = syncHash(p.scenario);
      const got = await eagerHash(p.scenario, (i) => [1, 7, 64, 1000][i % 4]);
      expect(got.hash, f).toBe(want);
      total += got.prefetches;
    }
    expect(total).toBeGreaterThan(50);
  });

  it('gives the synchronous trace on 300 random chaos seeds (crashes, partitions, lost messages, clients)', async () => {
    let total = 0;
    let widest = 0;
    for (let seed = 0; seed < 300; seed++) {
      const s = makeScenario(
        randomScenario(seed, {
          voters: [3, 5, 7][seed % 3],
          observers: seed % 2,
          chaosMs: seed < 30 ? 20000 : 6000,
          settleMs: seed < 30 ? 10000 : 4000,
        }),
      );
      const want = syncHash(s);
      const got = await eagerHash(s, (i) => 1 + ((i * 37 + seed) % 300));
      expect(got.hash, `seed ${seed}`).toBe(want);
      total += got.prefetches;
      widest = Math.max(widest, got.widest);
    }
    expect(total).toBeGreaterThan(1000);
    // the calls of one instant to one process really went as one message
    expect(widest).toBeGreaterThan(1);
  }, 600_000);

  it('replayed user actions stay where they were recorded', async () => {
    const s = makeScenario(randomScenario(4, { voters: 5, observers: 0, chaosMs: 10000, settleMs: 5000 }));
    const recorded = [
      { step: 40, action: { crash: [2] } },
      { step: 41, action: { restart: [2] } },
      {
        step: 300,
        action: {
          partition: [
            [1, 2],
            [3, 4, 5],
          ],
        },
      },
      { step: 900, action: { heal: true as const } },
    ];
    const a = new Simulation(s, recorded);
    a.runToEnd();
    const host = new EagerHost();
    const b = new Simulation(s, recorded, { host });
    while ((await b.stepsAsync(500)) === 500);
    expect(traceHash(traceToJsonl(b.trace))).toBe(traceHash(traceToJsonl(a.trace)));
    expect(host.prefetches).toBeGreaterThan(0);
  });
});
