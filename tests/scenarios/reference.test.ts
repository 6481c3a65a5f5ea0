/**
 * The worked scenarios of zk-reference §9, run through the CLI's own path (scenario text →
 * runScenarioText → summary + trace), each asserting the leader, epochs, sync modes and zxids the
 * reference states.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../../src/sim/run';
import type { Summary } from '../../src/sim/Summary';
import type { TraceEvent } from '../../src/zk/trace';

function run(name: string): { summary: Summary; trace: readonly TraceEvent[] } {
  const r = runScenarioText(readFileSync(`scenarios/reference/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  expect(r.summary.violations).toEqual([]);
  return { summary: r.summary, trace: r.trace };
}
const server = (s: Summary, sid: number) => s.servers.find((x) => x.sid === sid)!;
const syncsTo = (s: Summary, learner: number) => s.syncs.filter((x) => x.learner === learner);

describe('§9 reference scenarios', () => {
  it('S1: 3 empty servers started together elect 3 in epoch 1; first txn is 0x100000001 in log.100000001', () => {
    const { summary, trace } = run('s1');
    expect(summary.leader).toBe(3);
    for (const s of summary.servers) {
      expect([s.acceptedEpoch, s.currentEpoch]).toEqual([1, 1]);
      expect(s.snapshots).toContain('0x0');
    }
    for (const l of [1, 2]) expect(syncsTo(summary, l)[0]).toMatchObject({ mode: 'DIFF', zxid: '0x0' });
    // leader and followers decide after the 200 ms finalize wait
    expect(summary.elections.every((e) => e.at >= 200 && e.electionEpoch === 1)).toBe(true);
    const firstLog = trace.find((e) => e.ev === 'log');
    expect(firstLog).toMatchObject({ zxid: '0x100000001' });
    expect(summary.clients[0]).toMatchObject({ ok: true, output: 'Created /a', zxid: '0x100000002' });
  });

  it('S2 (gap 250 ms): server 3 leads; 1,2 get DIFF(0x0); late 4,5 get SNAP(0x100000000)', () => {
    const { summary } = run('s2-gap250');
    expect(summary.leader).toBe(3);
    for (const l of [1, 2]) expect(syncsTo(summary, l)).toMatchObject([{ mode: 'DIFF', zxid: '0x0' }]);
    for (const l of [4, 5])
      expect(syncsTo(summary, l)).toMatchObject([{ mode: 'SNAP', zxid: '0x100000000' }]);
    expect(summary.servers.map((s) => s.lastProcessedZxid)).toEqual([
      '0x0',
      '0x0',
      '0x100000000',
      '0x100000000',
      '0x100000000',
    ]);
    // late joiners learn the leader from replies: no new election round
    expect(summary.elections.filter((e) => e.sid >= 4).every((e) => e.leader === 3)).toBe(true);
    expect(summary.servers.every((s) => s.currentEpoch === 1)).toBe(true);
  });

  it('S2 (gap 150 ms): starts inside the finalize window cascade to server 5', () => {
    const { summary } = run('s2-gap150');
    expect(summary.leader).toBe(5);
    expect(summary.servers.every((s) => s.currentEpoch === 1)).toBe(true);
  });

  it('S6: a lagging follower within committedLog gets DIFF(0x10000000a) and keeps epoch 1', () => {
    const { summary } = run('s6');
    expect(summary.leader).toBe(3);
    const s = syncsTo(summary, 1);
    expect(s[s.length - 1]).toMatchObject({ mode: 'DIFF', zxid: '0x10000000a', peerLastZxid: '0x100000007' });
    expect(server(summary, 1)).toMatchObject({
      currentEpoch: 1,
      acceptedEpoch: 1,
      lastProcessedZxid: '0x10000000a',
    });
    expect(Object.keys(server(summary, 1).tree)).toHaveLength(9);
  });

  it('S7: the old leader with an unreplicated 0x100000005 gets TRUNC(0x100000004)', () => {
    const { summary, trace } = run('s7');
    expect(summary.leader).toBe(2);
    expect(server(summary, 2)).toMatchObject({ currentEpoch: 2, lastProcessedZxid: '0x200000000' });
    expect(syncsTo(summary, 1).at(-1)).toMatchObject({ mode: 'DIFF', zxid: '0x100000004' });
    expect(syncsTo(summary, 3).at(-1)).toMatchObject({
      mode: 'TRUNC',
      zxid: '0x100000004',
      peerLastZxid: '0x100000005',
    });
    expect(trace.some((e) => e.ev === 'truncate' && e.sid === 3 && e.zxid === '0x100000004')).toBe(true);
    expect(server(summary, 3)).toMatchObject({ currentEpoch: 2, lastProcessedZxid: '0x100000004' });
    expect(server(summary, 3).snapshots).toContain('0x100000004');
    expect(server(summary, 3).tree['/b']).toBeUndefined();
  });

  it('S8: with new-epoch commits on the leader, the old leader gets SNAP(0x200000002) and keeps its old log file', () => {
    const r = runScenarioText(readFileSync('scenarios/reference/s8.json', 'utf8'));
    if (!r.ok) throw new Error();
    const { summary } = r;
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(2);
    expect(syncsTo(summary, 3).at(-1)).toMatchObject({
      mode: 'SNAP',
      zxid: '0x200000002',
      peerLastZxid: '0x100000005',
    });
    expect(server(summary, 3)).toMatchObject({ lastProcessedZxid: '0x200000002', currentEpoch: 2 });
    expect(server(summary, 3).snapshots).toContain('0x200000002');
    const oldLog = r.sim
      .store(3)!
      .peek()
      .logs.find((f) => f.startZxid === 0x100000001)!;
    expect(oldLog.txns.map((t) => t.hdr.zxid)).toContain(0x100000005);
  });

  it('S12: znode semantics — sequence numbers, Stat, and failed writes consuming zxids', () => {
    const { summary } = run('s12');
    const c = summary.clients;
    expect(c.map((x) => x.zxid ?? null)).toEqual([
      '0x100000002',
      '0x100000003',
      '0x100000004',
      '0x100000005',
      '0x100000006',
      '0x100000007',
      null,
      '0x100000008',
      '0x100000009',
      '0x10000000a',
      '0x10000000b',
      '0x10000000c',
    ]);
    expect(c[5].output).toBe('Created /q/n-0000000003');
    expect(c[6].output).toContain('pZxid = 0x100000007');
    expect(c[6].output).toContain('cversion = 5');
    expect(c[6].output).toContain('numChildren = 3');
    expect(c[7]).toMatchObject({ ok: false, output: 'Node already exists: /q' });
    expect(c[9]).toMatchObject({ ok: false, output: 'version No is not valid : /q' });
    expect(c[10]).toMatchObject({ ok: false, output: 'Node not empty: /q' });
    const q = server(summary, 1).tree['/q'];
    expect(q.stat).toMatchObject({
      czxid: '0x100000002',
      mzxid: '0x100000009',
      version: 1,
      cversion: 5,
      numChildren: 3,
    });
    for (const s of summary.servers) expect(s.lastProcessedZxid).toBe('0x10000000c');
  });

  it('S13: an expired session loses its ephemeral at 16000 ms, watches fire, reconnect sees Expired', () => {
    const { summary, trace } = run('s13');
    const close = trace.find((e) => e.ev === 'propose' && e.op.startsWith('closeSession'));
    expect(close).toBeDefined();
    expect(close!.t).toBe(16000);
    for (const s of summary.servers) expect(s.tree['/e/x']).toBeUndefined();
    const c2 = summary.events.filter((e) => e.id === 'c2' && e.type !== 'None');
    expect(c2.map((e) => [e.type, e.path])).toEqual([
      ['NodeDeleted', '/e/x'],
      ['NodeChildrenChanged', '/e'],
    ]);
    const z2 = (close as { zxid: string }).zxid;
    expect(server(summary, 1).tree['/e'].stat).toMatchObject({ pzxid: z2, cversion: 2, numChildren: 0 });
    expect(summary.events.some((e) => e.id === 'c1' && e.state === 'Expired')).toBe(true);
    expect(summary.clients.find((c) => c.cmd === 'ls /e' && c.id === 'c1')!.output).toBe(
      'KeeperErrorCode = Session expired for /e',
    );
  });

  it('S14: one-shot watches — one NodeDataChanged, NodeCreated on exists-watch, one NodeDeleted, none on failure', () => {
    const { summary } = run('s14');
    const ev = summary.events
      .filter((e) => e.id === 'c2' && e.type !== 'None')
      .map((e) => `${e.type} ${e.path}`);
    expect(ev).toEqual(['NodeDataChanged /a', 'NodeCreated /b', 'NodeDeleted /c', 'NodeDataChanged /a']);
    // the failed set (BADVERSION) fired nothing: the last event comes from the successful `set /a y`
    const last = summary.events.filter((e) => e.id === 'c2' && e.type === 'NodeDataChanged').at(-1)!;
    const okSet = summary.clients.find((c) => c.cmd === 'set /a y')!;
    expect(last.at).toBeGreaterThan(summary.clients.find((c) => c.cmd === 'set -v 99 /a x')!.at!);
    expect(okSet.ok).toBe(true);
  });

  it('S18: an observer never votes or ACKs, receives INFORM, and re-syncs after the leader dies', () => {
    const { summary, trace } = run('s18');
    expect(server(summary, 4)).toMatchObject({ state: 'OBSERVING', zabState: 'BROADCAST', observer: true });
    expect(summary.leader).toBe(2);
    const sends = trace.filter((e): e is Extract<TraceEvent, { ev: 'send' }> => e.ev === 'send');
    expect(sends.some((e) => e.to === 4 && e.type === 'INFORM')).toBe(true);
    const proposalsTo4 = sends.filter((e) => e.to === 4 && (e.type === 'PROPOSAL' || e.type === 'COMMIT'));
    // only inside a sync stream (none here: SNAP and empty DIFF), never in broadcast
    expect(proposalsTo4).toEqual([]);
    const acksFrom4 = sends.filter(
      (e) => e.from === 4 && e.type === 'ACK' && e.zxid && !/0{8}$/.test(e.zxid),
    );
    expect(acksFrom4).toEqual([]);
    expect(summary.elections.filter((e) => e.sid === 4).every((e) => e.state === 'OBSERVING')).toBe(true);
    expect(summary.elections.filter((e) => e.sid !== 4).every((e) => e.leader !== 4)).toBe(true);
    expect(server(summary, 4).tree['/o']).toBeDefined();
    expect(server(summary, 4).tree['/p']).toBeDefined();
  });
});

describe('determinism', () => {
  it('the same scenario and seed give a byte-identical trace twice; another seed may differ', () => {
    const text = readFileSync('scenarios/reference/s8.json', 'utf8');
    const a = runScenarioText(text);
    const b = runScenarioText(text);
    if (!a.ok || !b.ok) throw new Error();
    expect(a.traceJsonl).toBe(b.traceJsonl);
    const json = JSON.parse(text);
    json.seed = 99;
    json.config.latencyMs = [1, 5];
    const c = runScenarioText(JSON.stringify(json));
    const d = runScenarioText(JSON.stringify(json));
    if (!c.ok || !d.ok) throw new Error();
    expect(c.traceJsonl).toBe(d.traceJsonl);
    json.seed = 100;
    const e = runScenarioText(JSON.stringify(json));
    if (!e.ok) throw new Error();
    expect(e.traceJsonl).not.toBe(c.traceJsonl);
  });
});
