/**
 * The presets of the two real ZooKeeper 3.9.5 divergences (issue 11): each run asserts what its
 * "what to watch for" paragraph promises, and that the checker names the right cause.
 */
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { runScenario } from '../../src/sim/run';
import { CAUSES } from '../../src/sim/InvariantChecker';
import type { Summary } from '../../src/sim/Summary';
import type { TraceEvent } from '../../src/zk/trace';

function run(id: string): { summary: Summary; trace: readonly TraceEvent[] } {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  const r = runScenario(p.file);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { summary: r.summary, trace: r.trace };
}

const paths = (s: Summary, sid: number) => Object.keys(s.servers.find((x) => x.sid === sid)!.tree).sort();
const out = (s: Summary, id: string) => s.clients.find((c) => c.id === id)!.output;

describe('ZOOKEEPER-2846 presets', () => {
  it('zk-2846: S1 leads, serves S5 from its txn log; S5 keeps /ghost and lacks /w1', () => {
    const { summary: s, trace } = run('zk-2846');
    expect(s.leader).toBe(1);
    const s1 = s.syncs.filter((x) => x.learner === 1);
    expect(s1.at(-1)).toMatchObject({ mode: 'SNAP', zxid: '0x200000002', peerLastZxid: '0x100000003' });
    // S1 appended the new epoch's txns after the orphan, in the same log file
    const s1log = trace.filter((e) => e.ev === 'log' && e.sid === 1).map((e) => (e as { zxid: string }).zxid);
    expect(s1log.slice(0, 2)).toEqual(['0x100000003', '0x300000001']);
    const walk = trace.find(
      (e): e is Extract<TraceEvent, { ev: 'sync' }> => e.ev === 'sync' && e.leader === 1 && e.learner === 5,
    )!;
    expect(walk.mode).toBe('DIFF');
    expect(walk.reason).toContain('served from the txn log');
    expect(out(s, 'c4')).toBe('[a, ghost, w2, w3, w4, zookeeper]');
    expect(out(s, 'c5')).toBe('[a, w1, w2, w3, w4, zookeeper]');
    expect(paths(s, 5)).toContain('/ghost');
    expect(paths(s, 5)).not.toContain('/w1');
    expect(s.violations.map((v) => v.invariant).sort()).toEqual(['LocalPrimaryOrder', 'UncommittedTxn']);
    for (const v of s.violations) {
      expect(v).toMatchObject({ sids: [5], cause: CAUSES.ZK2846 });
    }
  });

  it('zk-2846-factor-off: the same schedule with snapshotSizeFactor=-1 gives S5 a SNAP and no violation', () => {
    const { summary: s } = run('zk-2846-factor-off');
    expect(presetById('zk-2846-factor-off')!.file.config.snapshotSizeFactor).toBe(-1);
    expect(s.leader).toBe(1);
    expect(s.syncs.find((x) => x.leader === 1 && x.learner === 5)!.mode).toBe('SNAP');
    expect(s.violations).toEqual([]);
    for (const id of ['c3', 'c4', 'c5']) expect(out(s, id)).toBe('[a, w1, w2, w3, w4, zookeeper]');
  });

  it('the two differ only in snapshotSizeFactor and title', () => {
    const a = presetById('zk-2846')!.file;
    const b = presetById('zk-2846-factor-off')!.file;
    expect({ ...a, title: '', config: { ...a.config, snapshotSizeFactor: 0 } }).toEqual({
      ...b,
      title: '',
      config: { ...b.config, snapshotSizeFactor: 0 },
    });
  });
});

describe('trunc-kept-txn preset', () => {
  it('S1 is TRUNCed to 0x100000002, keeps the never-committed /ghost and serves it; S2 has no /ghost', () => {
    const { summary: s } = run('trunc-kept-txn');
    expect(s.leader).toBe(4);
    expect(s.syncs.filter((x) => x.learner === 1).map((x) => x.mode)).toEqual(['SNAP', 'TRUNC']);
    expect(s.syncs.at(-1)).toMatchObject({ learner: 1, zxid: '0x100000002', peerLastZxid: '0x100000003' });
    expect(s.clients.find((c) => c.cmd.startsWith('create /ghost'))!.ok).toBe(false);
    expect(out(s, 'c3')).toBe('never-committed');
    expect(out(s, 'c4')).toBe('Node does not exist: /ghost');
    expect(s.violations.map((v) => v.invariant)).toEqual(['CheckDuringAction', 'UncommittedTxn']);
    for (const v of s.violations) expect(v.cause).toEqual(CAUSES.TRUNC_KEPT);
    expect(s.violations[1].zxids).toEqual(['0x100000003']);
  });
});
