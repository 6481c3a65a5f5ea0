/**
 * The corrupt-follower preset does what its paragraph promises (src/ui/locales/en/storage2.ts):
 * S2's damaged txn makes its restart refuse with the CRC reason, the others go on, and after the
 * wipe S2 is SNAP-synced and ends in BROADCAST with the same tree as S1 and S3.
 */
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { indexRun, resolveChaptersIn, resolveCuesIn } from '../../src/presets/cues';
import { runScenario } from '../../src/sim/run';

const p = presetById('corrupt-follower')!;
const r = runScenario(p.file);
if (!r.ok) throw new Error(r.errors.join('\n'));
const { summary: s, trace } = r;

describe('preset corrupt-follower', () => {
  it('runs without violations; every cue and chapter resolves, in order', () => {
    expect(s.violations).toEqual([]);
    const run = indexRun(p.file);
    const cues = resolveCuesIn(run, p.cues ?? []);
    expect(cues.map((c) => c.id)).toEqual([
      'crash',
      'corrupt',
      'refused',
      'goes-on',
      'wipe',
      'snap',
      'caught-up',
    ]);
    const steps = cues.map((c) => c.step);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    const chapters = resolveChaptersIn(run, p.chapters ?? []);
    expect(chapters.map((c) => c.id)).toEqual(['damage', 'refused', 'wipe', 'rejoin']);
  });

  it('S2 refuses to start on the damaged txn, then is SNAP-synced after the wipe, trees identical', () => {
    const refusal = trace.findIndex((e) => e.ev === 'shutdown' && e.sid === 2);
    expect(trace[refusal]).toMatchObject({
      reason: 'Unable to load database on disk: CRC check failed in log.100000001 at zxid 0x100000002',
    });
    // the refused server did not come up until the wipe
    const wipe = trace.findIndex((e) => e.ev === 'wipe' && e.sid === 2);
    expect(wipe).toBeGreaterThan(refusal);
    expect(
      trace.slice(refusal, wipe).some((e) => e.ev === 'state' && e.sid === 2 && e.state !== 'DOWN'),
    ).toBe(false);
    // the others went on: a write committed while S2 was refused
    expect(s.clients.find((c) => c.cmd === 'set /a again')).toMatchObject({ ok: true, zxid: '0x100000004' });
    const snap = trace.findIndex((e) => e.ev === 'sync' && e.learner === 2 && e.mode === 'SNAP');
    expect(snap).toBeGreaterThan(wipe);
    expect(trace[snap]).toMatchObject({ leader: 3, peerLastZxid: '0x0', zxid: '0x100000004' });
    const s2 = s.servers.find((x) => x.sid === 2)!;
    expect(s2).toMatchObject({
      up: true,
      state: 'FOLLOWING',
      zabState: 'BROADCAST',
      lastProcessedZxid: '0x100000004',
    });
    for (const x of s.servers) expect(x.tree).toEqual(s2.tree);
    expect(s2.tree['/a']?.data).toBe('again');
  });
});
