/**
 * Chaos at scale (issue 11): 1,000 random fault schedules (seeds 1000–1999, the first tenth of the
 * 10,000 `npm run bench` runs) under "3.9.5" with the exact checker after every event. Every
 * violation must name a real ZooKeeper 3.9.5 bug (ZOOKEEPER-2846, FileTxnLog.truncate's kept txn);
 * none may be unexplained, and every run ends with a leader. Under "3.9.1" the same generator finds
 * the old NEWLEADER bugs.
 */
import { describe, expect, it } from 'vitest';
import { formatChaosReport, runChaos, unexplained } from '../../src/sim/Chaos';
import { CAUSES } from '../../src/sim/InvariantChecker';

describe('chaos, 1,000 seeds under 3.9.5', () => {
  it('no unexplained violation, a leader at the end of every run, every sync mode exercised', () => {
    const r = runChaos({ seeds: 1000, from: 1000, zkVersion: '3.9.5' });
    expect(r.runs).toBe(1000);
    expect(unexplained(r).map((x) => `${x.invariant}: seeds ${x.seeds.join(' ')}`)).toEqual([]);
    expect(r.noLeader).toEqual([]);
    const known = new Set<string | null>([CAUSES.ZK2846.bug, CAUSES.TRUNC_KEPT.bug]);
    for (const row of r.rows) expect(known.has(row.bug)).toBe(true);
    // the real divergences are rare; if they became common something else would be wrong
    expect(r.runsWithViolations).toBeLessThan(r.runs / 50);
    for (const m of ['DIFF', 'SNAP', 'TRUNC']) expect(r.syncModes[m] ?? 0).toBeGreaterThan(20);
    const table = formatChaosReport(r);
    expect(table).toContain('chaos: 1000 runs (seeds 1000–1999), ZooKeeper 3.9.5');
    expect(table).toContain('unexplained: 0');
    // (a scale test, not a timed one: the runs carry purges, ACL changes and failover clients now)
  }, 600_000);
});

describe('chaos under 3.9.1', () => {
  it('finds the old NEWLEADER bugs (ZOOKEEPER-4394, and 4643/4646 after a crash at NEWLEADER), all explained', () => {
    const r = runChaos({ seeds: 150, from: 1000, zkVersion: '3.9.1' });
    const bugs = new Set(r.rows.map((x) => x.bug));
    expect(bugs.has(CAUSES.ZK4394.bug)).toBe(true);
    expect(bugs.has(CAUSES.ZK4643.bug) || bugs.has(CAUSES.ZK4646.bug)).toBe(true);
    expect(unexplained(r)).toEqual([]);
  });
});

describe('chaos on a slow disk', () => {
  it('every flush 5–40 ms: proposals wait in the SyncRequestProcessor when crashes hit, all explained', () => {
    const r = runChaos({ seeds: 150, from: 3000, zkVersion: '3.9.5', slowDisk: true });
    expect(formatChaosReport(r)).toContain('slow disk (fsync 5–40 ms)');
    expect(r.noLeader).toEqual([]);
    expect(unexplained(r)).toEqual([]);
  });
});
