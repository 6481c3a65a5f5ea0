/**
 * What the client-failover preset's paragraph promises, on the real run: the shuffled connect
 * string (S2, S1, S3), the session on S2 with the ephemeral /owner, S1 (cut off, still serving)
 * refusing c1 for having seen 0x100000003, c1 back on S3 within a second with the same session,
 * and /owner never deleted.
 */
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { Simulation } from '../../src/sim/Simulation';

describe('client-failover preset', () => {
  const preset = presetById('client-failover');
  if (!preset) throw new Error('no client-failover preset');
  const sim = new Simulation(preset.file);
  sim.runUntil(preset.file.until);
  const trace = sim.trace;
  const c1 = sim.client('c1');
  if (!c1) throw new Error('no c1');

  it('shuffles the connect string to S2, S1, S3 and starts the session on S2', () => {
    expect(c1.view().hosts).toEqual([2, 1, 3]);
    expect(c1.results[1]).toMatchObject({
      server: 2,
      ok: true,
      output: 'Created /owner',
      zxid: '0x100000002',
    });
    expect(c1.results[2]).toMatchObject({ server: 2, ok: true, zxid: '0x100000003' });
  });

  it('S1 refuses c1 after S2 crashes; S3 takes the same session within a second', () => {
    const refuse = trace.find((e) => e.ev === 'refuse');
    expect(refuse).toMatchObject({
      sid: 1,
      client: 'c1',
      lastZxidSeen: '0x100000003',
      lastZxid: '0x100000002',
    });
    const ev = c1.events.map((e) => [e.state, e.at] as const);
    expect(ev.map(([s]) => s)).toEqual(['SyncConnected', 'Disconnected', 'SyncConnected']);
    expect(ev[2][1] - ev[1][1]).toBeLessThan(1000);
    expect(c1.view()).toMatchObject({ server: 3, state: 'CONNECTED' });
    const session = c1.view().sessionId;
    expect(c1.results[4].output).toContain(`ephemeralOwner = ${session}`);
  });

  it('/owner is never deleted and no invariant is violated', () => {
    expect(trace.filter((e) => e.ev === 'apply' && /delete|closeSession/.test(e.op))).toEqual([]);
    expect(trace.filter((e) => e.ev === 'violation')).toEqual([]);
  });
});
