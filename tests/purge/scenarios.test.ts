/**
 * Purging through the CLI path: the autopurge preset and its twin (the same lagging follower is
 * DIFFed from the leader's txn log without a purge, SNAPped after the purge at the leader's
 * restart removed log.100000001), the operator's zkCleanup.sh as a scenario action (on a running
 * leader and on a stopped server), and the scenario format's errors for purge (count < 3).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../../src/sim/run';
import { parseScenario } from '../../src/sim/Scenario';
import type { TraceEvent } from '../../src/zk/trace';

function run(path: string) {
  const r = runScenarioText(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error('errors' in r ? r.errors.join('\n') : 'too many steps');
  return r;
}
const purges = (trace: readonly TraceEvent[]) =>
  trace.filter((e): e is Extract<TraceEvent, { ev: 'purge' }> => e.ev === 'purge');

describe('purge scenarios', () => {
  it('autopurge at the leader’s restart removes the log S1 needed: its sync is a SNAP', () => {
    const { summary, trace } = run('src/presets/autopurge-snap.json');
    expect(purges(trace).filter((p) => p.removed.length)).toEqual([
      {
        t: 3300,
        ev: 'purge',
        sid: 3,
        by: 'autopurge',
        retain: 3,
        removed: ['log.100000001', 'snapshot.0', 'snapshot.100000003'],
        txns: ['0x100000001..0x100000004'],
      },
    ]);
    const s1 = summary.syncs.filter((s) => s.learner === 1);
    expect(s1[s1.length - 1]).toMatchObject({ mode: 'SNAP', peerLastZxid: '0x100000002', leader: 3 });
    expect(summary.violations).toEqual([]);
    const trees = summary.servers.map((s) => JSON.stringify(s.tree));
    expect(new Set(trees).size).toBe(1);
    expect(Object.keys(summary.servers[0].tree)).toContain('/b12');
  });

  it('the same run without autopurge: S1 is DIFFed from the leader’s txn log', () => {
    const { summary, trace } = run('src/presets/autopurge-off-diff.json');
    expect(purges(trace)).toEqual([]);
    const s1 = summary.syncs.filter((s) => s.learner === 1);
    expect(s1[s1.length - 1]).toMatchObject({ mode: 'DIFF', peerLastZxid: '0x100000002' });
    const sync = trace.filter((e) => e.ev === 'sync' && e.learner === 1).pop();
    expect(sync && 'reason' in sync ? sync.reason : '').toContain('served from the txn log');
  });

  it("the operator's zkCleanup.sh (the purge action) does the same; on a server with little on disk it removes nothing", () => {
    const { summary, trace } = run('scenarios/purge/zkcleanup-before-restart.json');
    expect(purges(trace).map((p) => [p.sid, p.by, p.removed])).toEqual([
      [1, 'zkCleanup', []],
      [3, 'zkCleanup', ['log.100000001', 'snapshot.0', 'snapshot.100000003']],
    ]);
    const s3 = summary.servers.find((s) => s.sid === 3)!;
    expect(s3.snapshots).not.toContain('0x0');
    const s1 = summary.syncs.filter((s) => s.learner === 1);
    expect(s1[s1.length - 1].mode).toBe('SNAP');
    expect(summary.violations).toEqual([]);
  });

  it('the purge action refuses a count below 3 with PurgeTxnLog’s text; config knobs are checked', () => {
    const base = JSON.parse(readFileSync('src/presets/autopurge-off-diff.json', 'utf8')) as {
      config: Record<string, unknown>;
      actions: unknown[];
    };
    const withAction = (a: unknown) => JSON.stringify({ ...base, actions: [...base.actions, a] });
    const bad = parseScenario(withAction({ at: 7000, purge: { sid: 3, count: 2 } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join('\n')).toContain('count should be greater than or equal to 3');
    const noSid = parseScenario(withAction({ at: 7000, purge: { sid: 9 } }));
    expect(noSid.ok).toBe(false);
    if (!noSid.ok) expect(noSid.errors.join('\n')).toContain('9 is not a server of this ensemble');
    const cfg = parseScenario(
      JSON.stringify({ ...base, config: { purgeInterval: -1, snapRetainCount: 'x' } }),
    );
    expect(cfg.ok).toBe(false);
    if (!cfg.ok) {
      expect(cfg.errors.join('\n')).toContain('config.purgeInterval');
      expect(cfg.errors.join('\n')).toContain('config.snapRetainCount');
    }
    // a retain count below 3 is not refused: ZooKeeper resets it to 3
    const low = runScenarioText(
      JSON.stringify({
        ...JSON.parse(readFileSync('src/presets/autopurge-snap.json', 'utf8')),
        config: {
          latencyMs: [1, 1],
          snapCount: 4,
          snapshotSizeFactor: 0,
          snapRetainCount: 1,
          purgeInterval: 1,
        },
      }),
    );
    expect(low.ok).toBe(true);
    if (low.ok) expect(purges(low.trace).every((p) => p.retain === 3)).toBe(true);
  });

  it('the CLI prints the refusal on stderr with exit 2', () => {
    const base = JSON.parse(readFileSync('src/presets/autopurge-off-diff.json', 'utf8')) as {
      actions: unknown[];
    };
    const file = `/tmp/zablab-purge-bad-${process.pid}.json`;
    writeFileSync(
      file,
      JSON.stringify({ ...base, actions: [...base.actions, { at: 7000, purge: { sid: 3, count: 1 } }] }),
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', file], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('count should be greater than or equal to 3');
  });
});
