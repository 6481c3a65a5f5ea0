/**
 * The random chaos schedules (RandomScenario: crashes, restarts, partitions, heals, lost
 * messages, client writes) with read-only mode on everywhere: readonlymode.enabled on every
 * server and every client made with canBeReadOnly. Servers cut off go read-only, clients connect
 * to them and probe for read-write servers, and the checker finds nothing it cannot explain —
 * reads served read-only are accepted by design, and nothing a read-only server answers counts
 * as a commit.
 */
import { describe, expect, it } from 'vitest';
import { addChaosRun, chaosShape, emptyChaosReport, unexplained } from '../../src/sim/Chaos';
import { randomScenario } from '../../src/sim/RandomScenario';
import { makeScenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';

const FROM = 1;
const SEEDS = 30;

describe('chaos with read-only mode on', () => {
  it(`${SEEDS} random schedules: read-only servers and clients appear, 0 unexplained violations`, () => {
    const report = emptyChaosReport({ zkVersion: '3.9.5', from: FROM, seeds: SEEDS });
    const seen = { start: 0, connected: 0, pingRw: 0, noSession: 0 };
    for (let seed = FROM; seed < FROM + SEEDS; seed++) {
      const input = randomScenario(seed, {
        ...chaosShape(seed),
        chaosMs: 30000,
        settleMs: 30000,
        zkVersion: '3.9.5',
      });
      // odd seeds give read-only servers local sessions; even ones keep 3.9.5's default (none)
      input.config = { ...input.config, readonlyModeEnabled: true, localSessionsEnabled: seed % 2 === 1 };
      for (const a of input.actions) if ('client' in a) a.client = { ...a.client, canBeReadOnly: true };
      const sim = new Simulation(makeScenario(input));
      sim.runToEnd();
      addChaosRun(report, seed, sim);
      for (const e of sim.trace) {
        if (e.ev === 'readonly' && e.action === 'start') seen.start++;
        if (e.ev === 'watch' && e.state === 'ConnectedReadOnly') seen.connected++;
        if (e.ev === 'pingRw') seen.pingRw++;
        if (e.ev === 'readonly' && e.action === 'refuseCreateSession') {
          seen.noSession++;
          expect(seed % 2).toBe(0);
        }
        if (e.ev === 'watch' && e.state === 'ConnectedReadOnly') expect(seed % 2).toBe(1);
      }
    }
    expect(unexplained(report)).toEqual([]);
    expect(report.noLeader).toEqual([]);
    expect(seen.start).toBeGreaterThan(10);
    expect(seen.connected).toBeGreaterThan(5);
    expect(seen.pingRw).toBeGreaterThan(5);
    expect(seen.noSession).toBeGreaterThan(5);
  }, 120_000);
});
