/**
 * Client failover through the CLI's own path (scenario text → runScenarioText → summary, trace):
 * scenarios/clients/failover.json. c1 connects with a connect string of three servers (shuffled:
 * S2, S1, S3), owns the ephemeral /owner, and writes /config (0x100000003) while S1 is cut off from
 * the leader. Its server S2 crashes: S1, still FOLLOWING but without 0x100000003, refuses it
 * (ZooKeeperServer.processConnectRequest), and S3 takes it with the same session; /owner is never
 * deleted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario, runScenarioText } from '../../src/sim/run';
import { parseScenario } from '../../src/sim/Scenario';

const text = readFileSync('scenarios/clients/failover.json', 'utf8');

function run(t: string) {
  const r = runScenarioText(t);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

describe('scenarios/clients/failover.json', () => {
  const r = run(text);
  const s = r.summary;
  const trace = r.trace;

  it('c1 keeps one session through the crash of its server; S3 takes it', () => {
    expect(s.violations).toEqual([]);
    const c1 = s.clients.filter((c) => c.id === 'c1');
    expect(c1.map((c) => [c.server, c.cmd, c.ok, c.output.split('\n')[0]])).toEqual([
      [2, 'connect server1:2181,server2:2181,server3:2181', true, ''],
      [2, 'create -e /owner c1', true, 'Created /owner'],
      [2, 'create /config v2', true, 'Created /config'],
      [3, 'get /config', true, 'v2'],
      [3, 'stat /owner', true, 'cZxid = 0x100000002'],
    ]);
    const owner = /ephemeralOwner = (0x[0-9a-f]+)/.exec(c1[4].output)?.[1];
    expect(owner).toMatch(/^0x2/); // created by S2 (top byte = its myid)
    const events = s.events.filter((e) => e.id === 'c1').map((e) => [e.state, e.type]);
    expect(events).toEqual([
      ['SyncConnected', 'None'],
      ['Disconnected', 'None'],
      ['SyncConnected', 'None'],
    ]);
    // reconnected well within the negotiated 10000 ms
    const [, lost, back] = s.events.filter((e) => e.id === 'c1');
    expect(back.at - lost.at).toBeLessThan(2000);
  });

  it("S1, cut off and behind, refuses c1 with ZooKeeper's words; c1 tries the next server", () => {
    const refusals = trace.filter((e) => e.ev === 'refuse');
    expect(refusals).toHaveLength(1);
    const ref = refusals[0];
    if (ref.ev !== 'refuse') throw new Error('not a refusal');
    expect(ref).toMatchObject({ sid: 1, client: 'c1', lastZxidSeen: '0x100000003', lastZxid: '0x100000002' });
    expect(ref.reason).toBe(
      `Refusing session(${ref.session}) request for client /127.0.0.1 as it has seen zxid 0x100000003 our last zxid is 0x100000002 client must try another server`,
    );
    const crash = trace.findIndex((e) => e.ev === 'crash');
    const refuse = trace.indexOf(ref);
    const back = trace.findIndex((e, i) => i > refuse && e.ev === 'watch' && e.client === 'c1');
    expect(crash).toBeLessThan(refuse);
    expect(back).toBeGreaterThan(refuse);
  });

  it('the ephemeral /owner is never deleted, and every server holds it at the end', () => {
    const deletes = trace.filter((e) => e.ev === 'apply' && /delete|closeSession/.test(e.op));
    expect(deletes).toEqual([]);
    for (const server of s.servers) {
      expect(server.tree['/owner']?.stat.ephemeralOwner).toMatch(/^0x2/);
      expect(server.tree['/config']?.data).toBe('v2');
    }
  });

  it('is the same run twice (the shuffle is seeded)', () => {
    expect(run(text).traceJsonl).toBe(r.traceJsonl);
  });
});

describe('the scenario format: a connect string', () => {
  it('a client may start with "connect host:port,…" and no "server"; other first commands still need one', () => {
    const base = JSON.parse(text) as { actions: unknown[] };
    const ok = parseScenario(JSON.stringify(base));
    expect(ok.ok).toBe(true);
    const bad = parseScenario(
      JSON.stringify({
        ...base,
        actions: [
          { at: 0, start: [1, 2, 3] },
          { at: 10, client: { id: 'c9', cmd: 'ls /' } },
        ],
      }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join('\n')).toMatch(/the first command of client "c9" has no "server"/);
  });

  it("an unknown host in the connect string is the command's error, not a crash", () => {
    const p = parseScenario(
      JSON.stringify({
        format: 1,
        seed: 1,
        ensemble: { voters: 3, observers: 0 },
        actions: [
          { at: 0, start: [1, 2, 3] },
          { at: 1000, client: { id: 'c1', cmd: 'connect server1:2181,server7:2181' } },
        ],
        until: 2000,
      }),
    );
    if (!p.ok) throw new Error(p.errors.join('\n'));
    const out = runScenario(p.scenario);
    if (!out.ok) throw new Error(out.errors.join('\n'));
    expect(out.summary.clients[0]).toMatchObject({
      ok: false,
      output: 'Unknown host server7: the servers of this ensemble are server1, server2, … (port 2181)',
    });
  });
});
