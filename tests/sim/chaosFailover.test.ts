/**
 * The random chaos schedules include failover clients: in about half the seeds a client with a
 * connect string of several servers owns an ephemeral and keeps working while servers crash and
 * partitions come and go. Over the first seeds that have one, it reconnects to other servers, and
 * the invariant checker finds nothing.
 */
import { describe, expect, it } from 'vitest';
import { chaosShape } from '../../src/sim/Chaos';
import { randomScenario } from '../../src/sim/RandomScenario';
import { runScenario } from '../../src/sim/run';
import { validateScenario } from '../../src/sim/Scenario';

describe('chaos schedules with failover clients', () => {
  const seeds = Array.from({ length: 60 }, (_, i) => i + 1).filter((seed) =>
    randomScenario(seed, { ...chaosShape(seed), chaosMs: 30000, settleMs: 30000 }).actions.some(
      (a) => 'client' in a && a.client.id === 'f1',
    ),
  );

  it('about half the seeds have one, starting with a connect string', () => {
    expect(seeds.length).toBeGreaterThan(15);
    expect(seeds.length).toBeLessThan(45);
    const input = randomScenario(seeds[0], { ...chaosShape(seeds[0]), chaosMs: 30000, settleMs: 30000 });
    const first = input.actions.find((a) => 'client' in a && a.client.id === 'f1');
    expect(first && 'client' in first ? first.client.cmd : '').toMatch(
      /^connect server\d:2181(,server\d:2181)+$/,
    );
  });

  it('they move between servers with their session, and no invariant is violated', () => {
    let reconnects = 0;
    for (const seed of seeds.slice(0, 12)) {
      const v = validateScenario(
        randomScenario(seed, { ...chaosShape(seed), chaosMs: 30000, settleMs: 30000 }),
      );
      if (!v.ok) throw new Error(v.errors.join('\n'));
      const r = runScenario(v.scenario);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.summary.violations.filter((x) => !x.cause || x.cause.bug === null)).toEqual([]);
      const f1 = r.summary.events.filter((e) => e.id === 'f1' && e.type === 'None');
      reconnects += f1.filter((e) => e.state === 'SyncConnected').length - 1;
    }
    expect(reconnects).toBeGreaterThan(0);
  });
});
