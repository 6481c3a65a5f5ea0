/**
 * The autopurge presets do what their paragraphs promise (src/ui/locales/en/purge.ts): with
 * autopurge on, the leader's purge at its restart removes log.100000001 and S1's return is a SNAP;
 * the twin without autopurge DIFFs S1 from that log. Every cue and chapter resolves, in order.
 */
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { indexRun, resolveChaptersIn, resolveCuesIn } from '../../src/presets/cues';
import { runScenario } from '../../src/sim/run';

function run(id: string) {
  const p = presetById(id)!;
  const r = runScenario(p.file);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { p, ...r };
}

describe('preset autopurge-snap', () => {
  const { p, summary: s, trace } = run('autopurge-snap');
  it('cues and chapters resolve in order; no violation', () => {
    expect(s.violations).toEqual([]);
    const idx = indexRun(p.file);
    const cues = resolveCuesIn(idx, p.cues ?? []);
    expect(cues.map((c) => c.id)).toEqual(['crash', 'snapshots', 'purge', 'restart', 'snap']);
    const steps = cues.map((c) => c.step);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(resolveChaptersIn(idx, p.chapters ?? []).map((c) => c.id)).toEqual(['behind', 'purge', 'return']);
  });
  it("the leader's start-up purge removes log.100000001; S1's sync is SNAP(0x200000000)", () => {
    const purge = trace.find((e) => e.ev === 'purge' && e.removed.length > 0);
    expect(purge).toMatchObject({
      sid: 3,
      by: 'autopurge',
      removed: ['log.100000001', 'snapshot.0', 'snapshot.100000003'],
    });
    const sync = s.syncs.filter((x) => x.learner === 1).pop();
    expect(sync).toMatchObject({ mode: 'SNAP', zxid: '0x200000000', peerLastZxid: '0x100000002' });
    for (const x of s.servers) expect(x.tree).toEqual(s.servers[0].tree);
  });
});

describe('preset autopurge-off-diff', () => {
  const { p, summary: s, trace } = run('autopurge-off-diff');
  it("S1 is DIFFed from the leader's txn log; nothing is purged", () => {
    expect(s.violations).toEqual([]);
    expect(trace.some((e) => e.ev === 'purge')).toBe(false);
    expect(resolveCuesIn(indexRun(p.file), p.cues ?? []).map((c) => c.id)).toEqual([
      'crash',
      'restart',
      'diff',
    ]);
    const sync = s.syncs.filter((x) => x.learner === 1).pop();
    expect(sync).toMatchObject({ mode: 'DIFF', zxid: '0x10000000e', peerLastZxid: '0x100000002' });
  });
});
