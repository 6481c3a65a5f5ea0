/**
 * SyncRequestProcessor.shutdown at the end of a role (ZOOKEEPER-4712, fixed in 3.9.3): a follower
 * that loses its leader with proposals still in its sync processor logs them *before* its tree is
 * fast-forwarded, so its vote and its next sync count them. Under 3.9.1 the sync thread outlived the
 * shutdown: the txn was logged after the fast-forward, the server synced as if it did not hold it,
 * and a restart replayed a txn that was never committed — which the checker names.
 *
 * Found by the browser's crash test (workers killed at real moments); this schedule makes it
 * deterministic: two proposals 1 ms apart, a 40 ms fsync, the leader gone 1 ms later.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run';
import { makeScenario, type ZkVersion } from '../../src/sim/Scenario';
import { CAUSES } from '../../src/sim/InvariantChecker';
import type { TraceEvent } from '../../src/zk/trace';

function run(zkVersion: ZkVersion) {
  const r = runScenario(
    makeScenario({
      format: 1,
      title: 'a follower loses its leader with two proposals in its sync processor',
      seed: 1,
      ensemble: { voters: 3, observers: 0 },
      config: { latencyMs: [1, 1], fsyncMs: [40, 40], zkVersion },
      actions: [
        { at: 0, start: [1, 2, 3] },
        { at: 3000, client: { id: 'c1', server: 3, cmd: 'create /a 1' } },
        { at: 3001, client: { id: 'c3', server: 3, cmd: 'create /c 1' } },
        { at: 3003, crash: [3] },
        { at: 6000, client: { id: 'c2', server: 2, cmd: 'create /b 2' } },
        { at: 7000, crash: [1] },
        { at: 7500, restart: [1] },
        { at: 9000, restart: [3] },
      ],
      until: 11000,
    }),
  );
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

type Ev<K extends TraceEvent['ev']> = Extract<TraceEvent, { ev: K }>;
const of = <K extends TraceEvent['ev']>(trace: readonly TraceEvent[], ev: K, sid: number): Ev<K>[] =>
  trace.filter((e): e is Ev<K> => e.ev === ev && 'sid' in e && e.sid === sid);

describe('a role ends with proposals in the sync processor', () => {
  it('3.9.5: they are logged before the fast-forward; the vote and the sync count them', () => {
    const { trace, summary } = run('3.9.5');
    expect(summary.violations).toEqual([]);
    for (const sid of [1, 2]) {
      const shutdown = of(trace, 'shutdown', sid)[0];
      const logged = of(trace, 'log', sid).filter((e) => e.t >= shutdown.t && e.t < 3500);
      const restore = of(trace, 'restore', sid).find((e) => e.t >= shutdown.t)!;
      expect(logged.map((e) => e.zxid)).toEqual(['0x100000001', '0x100000002']);
      // the fast-forward comes after the last of them is durable, and replays both
      expect(restore.t).toBeGreaterThanOrEqual(logged[1].t);
      expect(restore.zxid).toBe('0x100000002');
      expect(trace.indexOf(restore)).toBeGreaterThan(trace.indexOf(logged[1]));
      // still FOLLOWING until then: the server goes LOOKING only once its shutdown is done
      const looking = of(trace, 'state', sid).find((e) => e.t >= shutdown.t && e.state === 'LOOKING')!;
      expect(trace.indexOf(looking)).toBeGreaterThan(trace.indexOf(restore));
    }
    const sync = trace.find((e): e is Ev<'sync'> => e.ev === 'sync' && e.learner === 1 && e.t > 3003)!;
    expect(sync.peerLastZxid).toBe('0x100000002');
  });

  it('3.9.1: the sync thread logs after the fast-forward; the restart serves a txn never committed', () => {
    const { trace, summary } = run('3.9.1');
    const shutdown = of(trace, 'shutdown', 1)[0];
    const restore = of(trace, 'restore', 1).find((e) => e.t >= shutdown.t)!;
    expect(restore.zxid).toBe('0x100000001');
    const late = of(trace, 'log', 1).find((e) => e.zxid === '0x100000002')!;
    expect(trace.indexOf(late)).toBeGreaterThan(trace.indexOf(restore));
    expect(summary.violations).toHaveLength(1);
    expect(summary.violations[0]).toMatchObject({
      invariant: 'UncommittedTxn',
      sids: [1],
      zxids: ['0x100000002'],
      cause: CAUSES.ZK4712,
    });
  });
});
