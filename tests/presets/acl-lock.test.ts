/**
 * The acl-lock preset does what its paragraph promises (src/ui/locales/en/zkfeatures.ts):
 * alice's digest ACL on /lock, mallory refused everywhere, the ACL intact after a leader crash
 * and a SNAP, alice still reading it, and mallory deleting it through the parent's open ACL.
 */
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { indexRun, resolveChaptersIn, resolveCuesIn } from '../../src/presets/cues';
import { runScenario } from '../../src/sim/run';

const p = presetById('acl-lock')!;
const r = runScenario(p.file);
if (!r.ok) throw new Error(r.errors.join('\n'));
const s = r.summary;
const replies = (id: string) => s.clients.filter((c) => c.id === id);

describe('preset acl-lock', () => {
  it('runs without violations and every cue and chapter resolves, in order', () => {
    expect(s.violations).toEqual([]);
    const run = indexRun(p.file);
    const cues = resolveCuesIn(run, p.cues ?? []);
    expect(cues.map((c) => c.id)).toEqual([
      'addauth',
      'acl',
      'denied',
      'crash',
      'snap',
      'still-denied',
      'owner',
      'parent',
    ]);
    const steps = cues.map((c) => c.step);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(resolveChaptersIn(run, p.chapters ?? [])).toHaveLength(3);
  });

  it('auth::cdrwa became alice’s digest id; mallory is refused on servers 2, 1 (SNAP-synced) and 3', () => {
    expect(replies('alice')[2].output).toBe("'digest,'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=\n: cdrwa");
    const m = replies('mallory');
    expect(m.slice(0, 4).map((c) => [c.server, c.output])).toEqual([
      [2, 'Insufficient permission : /lock'],
      [2, 'Insufficient permission : /lock'],
      [1, 'Insufficient permission : /lock'],
      [3, 'Insufficient permission : /lock'],
    ]);
  });

  it('server 1 came back by SNAP after the leader crashed, and alice reads /lock there', () => {
    expect(s.syncs.find((x) => x.learner === 1 && x.at > 5000)).toMatchObject({ leader: 2, mode: 'SNAP' });
    const a = replies('alice');
    expect(a.find((c) => c.cmd === 'get /lock')).toMatchObject({
      server: 1,
      ok: true,
      output: 'held-by-alice',
    });
    expect(a.at(-1)?.output).toBe('Auth scheme: User\nip: 127.0.0.1\ndigest: alice');
  });

  it('mallory deletes /lock at the end: DELETE is the parent’s permission', () => {
    expect(replies('mallory').at(-1)).toMatchObject({ cmd: 'delete /lock', ok: true, output: '' });
    for (const server of s.servers) expect(server.tree['/lock']).toBeUndefined();
  });
});
