/**
 * Every preset, run through runScenario (the CLI's path), asserting what its "what to watch for"
 * paragraph promises: leader, epochs, sync modes, zxids, trees, client outputs, watch events and
 * violations.
 */
import { describe, expect, it } from 'vitest';
import { presetById, presetLoadErrors, presets, PRESET_TOPICS } from '../../src/presets';
import { runScenario } from '../../src/sim/run';
import { makeScenario } from '../../src/sim/Scenario';
import type { Simulation } from '../../src/sim/Simulation';
import type { Summary } from '../../src/sim/Summary';
import type { TraceEvent } from '../../src/zk/trace';

type Ev<K extends TraceEvent['ev']> = Extract<TraceEvent, { ev: K }>;

function run(id: string): { summary: Summary; trace: readonly TraceEvent[]; sim: Simulation } {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  const r = runScenario(p.file);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { summary: r.summary, trace: r.trace, sim: r.sim };
}

const server = (s: Summary, sid: number) => s.servers.find((x) => x.sid === sid)!;
const syncsTo = (s: Summary, learner: number) => s.syncs.filter((x) => x.learner === learner);
const client = (s: Summary, id: string, cmd: string) => s.clients.find((c) => c.id === id && c.cmd === cmd)!;
const watchEvents = (s: Summary, id: string) =>
  s.events.filter((e) => e.id === id && e.type !== 'None').map((e) => `${e.type} ${e.path}`);
const paths = (s: Summary, sid: number) => Object.keys(server(s, sid).tree).sort();

describe('preset files', () => {
  it('all load and validate (validateScenario at load)', () => {
    expect(presetLoadErrors()).toEqual([]);
    expect(presets.length).toBe(25);
    expect(new Set(presets.map((p) => p.id)).size).toBe(presets.length);
    for (const p of presets) {
      expect(p.file.format).toBe(1);
      expect(PRESET_TOPICS).toContain(p.topic);
      if (p.compareWith) expect(presetById(p.compareWith)).toBeDefined();
      // a few seconds to a few tens of seconds of virtual time: a story at a human pace
      expect(p.file.until).toBeGreaterThanOrEqual(2000);
      expect(p.file.until).toBeLessThanOrEqual(30000);
    }
  });
});

describe('election presets', () => {
  it('first-boot: S3 leads epoch 1, empty DIFFs, the session takes 0x100000001, /a is 0x100000002, read locally', () => {
    const { summary, trace } = run('first-boot');
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(3);
    for (const s of summary.servers) expect([s.acceptedEpoch, s.currentEpoch]).toEqual([1, 1]);
    for (const l of [1, 2]) expect(syncsTo(summary, l)).toMatchObject([{ mode: 'DIFF', zxid: '0x0' }]);
    expect(summary.elections.every((e) => e.at >= 200 && e.leader === 3)).toBe(true);
    const session = trace.find(
      (e): e is Ev<'propose'> => e.ev === 'propose' && e.op.startsWith('createSession'),
    );
    expect(session?.zxid).toBe('0x100000001');
    expect(client(summary, 'c1', 'create /a hello')).toMatchObject({
      ok: true,
      output: 'Created /a',
      zxid: '0x100000002',
    });
    expect(client(summary, 'c2', 'get /a')).toMatchObject({ ok: true, output: 'hello', server: 2 });
    // the read needed no REQUEST from S2 once c2's session was up
    const connected = trace.findIndex(
      (e) => e.ev === 'watch' && e.client === 'c2' && e.state === 'SyncConnected',
    );
    const replied = trace.findIndex((e) => e.ev === 'reply' && e.client === 'c2');
    expect(trace.slice(connected, replied).some((e) => e.ev === 'send' && e.type === 'REQUEST')).toBe(false);
    for (const s of summary.servers) expect(s.tree['/a']?.data).toBe('hello');
  });

  it('one-by-one-250: S3 leads; S1, S2 DIFF(0x0); late S4, S5 follow S3 and get SNAP(0x100000000)', () => {
    const { summary } = run('one-by-one-250');
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(3);
    for (const l of [1, 2]) expect(syncsTo(summary, l)).toMatchObject([{ mode: 'DIFF', zxid: '0x0' }]);
    for (const l of [4, 5])
      expect(syncsTo(summary, l)).toMatchObject([{ mode: 'SNAP', zxid: '0x100000000' }]);
    expect(summary.elections.filter((e) => e.sid >= 4).map((e) => e.leader)).toEqual([3, 3]);
    expect(summary.servers.map((s) => s.lastProcessedZxid)).toEqual([
      '0x0',
      '0x0',
      '0x100000000',
      '0x100000000',
      '0x100000000',
    ]);
    expect(summary.servers.every((s) => s.currentEpoch === 1)).toBe(true);
    // S4 started after the decision
    const decided = summary.elections.find((e) => e.state === 'LEADING')!.at;
    expect(decided).toBeLessThan(750);
  });

  it('one-by-one-150: the starts cascade inside the finalize window to S5; four empty DIFFs', () => {
    const { summary } = run('one-by-one-150');
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(5);
    for (const l of [1, 2, 3, 4]) expect(syncsTo(summary, l)).toMatchObject([{ mode: 'DIFF', zxid: '0x0' }]);
    // nobody decided before the last server had started
    expect(summary.elections.every((e) => e.at > 600 && e.leader === 5)).toBe(true);
    expect(summary.servers.every((s) => s.currentEpoch === 1)).toBe(true);
  });

  it('boot-jitter: S4 or S5 leads — the highest sid booted before the decision; S5 boots late and gets SNAP', () => {
    const { summary, trace } = run('boot-jitter');
    expect(summary.violations).toEqual([]);
    expect([4, 5]).toContain(summary.leader);
    const decided = trace.findIndex((e) => e.ev === 'election');
    const upInTime = new Set(
      trace.slice(0, decided).flatMap((e) => (e.ev === 'state' && e.state === 'LOOKING' ? [e.sid] : [])),
    );
    expect(summary.leader).toBe(Math.max(...upInTime));
    // this seed: S4 leads, S5 boots after the decision
    expect(summary.leader).toBe(4);
    expect(upInTime.has(5)).toBe(false);
    expect(syncsTo(summary, 5)).toMatchObject([{ mode: 'SNAP', zxid: '0x100000000' }]);
  });

  it('boot-jitter: over 20 seeds, S4 or S5 leads most of the time (not always)', () => {
    const p = presetById('boot-jitter')!;
    const leaders: (number | null)[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const r = runScenario(makeScenario({ ...p.file, seed }));
      if (!r.ok) throw new Error();
      leaders.push(r.summary.leader);
    }
    expect(leaders.every((l) => l !== null && l >= 3)).toBe(true);
    expect(leaders.filter((l) => l === 4 || l === 5).length).toBeGreaterThanOrEqual(16);
  });
});

describe('recovery presets', () => {
  it('leader-crash: S2 wins on sid, epoch 2, the next write is 0x200000002, S3 rejoins by DIFF', () => {
    const { summary, trace } = run('leader-crash');
    expect(summary.violations).toEqual([]);
    expect(client(summary, 'c1', 'create /a before-the-crash')).toMatchObject({
      ok: true,
      zxid: '0x100000002',
    });
    const after = summary.elections.filter((e) => e.at > 2000 && e.sid !== 3);
    expect(after.map((e) => e.leader)).toEqual([2, 2]);
    expect(after.every((e) => e.electionEpoch === 2)).toBe(true);
    // noticed at once: re-elected well within a second
    expect(Math.max(...after.map((e) => e.at))).toBeLessThan(2500);
    expect(summary.leader).toBe(2);
    for (const s of summary.servers) expect([s.acceptedEpoch, s.currentEpoch]).toEqual([2, 2]);
    expect(trace.some((e) => e.ev === 'established' && e.sid === 2 && e.epoch === 2)).toBe(true);
    expect(client(summary, 'c2', 'create /b after-the-crash')).toMatchObject({
      ok: true,
      zxid: '0x200000002',
    });
    expect(summary.elections.filter((e) => e.sid === 3).at(-1)).toMatchObject({
      leader: 2,
      state: 'FOLLOWING',
    });
    expect(syncsTo(summary, 3).at(-1)).toMatchObject({
      mode: 'DIFF',
      zxid: '0x200000002',
      peerLastZxid: '0x100000002',
    });
    expect(paths(summary, 3)).toEqual(['/a', '/b']);
    expect(client(summary, 'c3', 'ls /').output).toBe('[a, b, zookeeper]');
  });

  it('lagging-follower-diff: DIFF(0x10000000a) from 0x100000007, no new epoch, all nine nodes', () => {
    const { summary } = run('lagging-follower-diff');
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(3);
    expect(syncsTo(summary, 1).at(-1)).toMatchObject({
      mode: 'DIFF',
      zxid: '0x10000000a',
      peerLastZxid: '0x100000007',
    });
    expect(server(summary, 1)).toMatchObject({
      currentEpoch: 1,
      acceptedEpoch: 1,
      lastProcessedZxid: '0x10000000a',
    });
    expect(paths(summary, 1)).toHaveLength(9);
    expect(summary.servers.every((s) => s.currentEpoch === 1)).toBe(true);
  });

  it('old-leader-trunc: the old leader with unreplicated 0x100000005 gets TRUNC(0x100000004) and forgets /b', () => {
    const { summary, trace } = run('old-leader-trunc');
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(2);
    expect(server(summary, 2)).toMatchObject({ currentEpoch: 2, lastProcessedZxid: '0x200000000' });
    expect(client(summary, 'c1', 'create /b unreplicated')).toMatchObject({
      ok: false,
      output: 'KeeperErrorCode = ConnectionLoss for /b',
    });
    expect(trace.some((e) => e.ev === 'log' && e.sid === 3 && e.zxid === '0x100000005')).toBe(true);
    expect(syncsTo(summary, 3).at(-1)).toMatchObject({
      mode: 'TRUNC',
      zxid: '0x100000004',
      peerLastZxid: '0x100000005',
    });
    expect(trace.some((e) => e.ev === 'truncate' && e.sid === 3 && e.zxid === '0x100000004')).toBe(true);
    expect(server(summary, 3)).toMatchObject({ currentEpoch: 2, lastProcessedZxid: '0x100000004' });
    expect(server(summary, 3).snapshots).toContain('0x100000004');
    for (const s of summary.servers) expect(s.tree['/b']).toBeUndefined();
  });

  it('old-leader-snap: after a new-epoch write the same old leader gets SNAP(0x200000002), keeps its old log file', () => {
    const { summary, sim } = run('old-leader-snap');
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(2);
    expect(client(summary, 'c2', 'create /c x')).toMatchObject({ ok: true, zxid: '0x200000002' });
    expect(syncsTo(summary, 3).at(-1)).toMatchObject({
      mode: 'SNAP',
      zxid: '0x200000002',
      peerLastZxid: '0x100000005',
    });
    expect(server(summary, 3)).toMatchObject({ lastProcessedZxid: '0x200000002', currentEpoch: 2 });
    expect(server(summary, 3).snapshots).toContain('0x200000002');
    expect(paths(summary, 3)).toEqual(['/a1', '/a2', '/a3', '/c']);
    const logged = sim
      .store(3)!
      .peek()
      .logs.flatMap((f) => f.txns.map((t) => t.hdr.zxid));
    expect(logged).toContain(0x100000005);
  });

  it('far-behind-snap: after a leader restart with snapCount 4, the far-behind S1 gets SNAP(0x200000000)', () => {
    const { summary, trace } = run('far-behind-snap');
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(3);
    expect(summary.servers.every((s) => s.currentEpoch === 2)).toBe(true);
    // snapshots every few txns
    expect(server(summary, 3).snapshots.length).toBeGreaterThanOrEqual(3);
    const restore = trace.find((e): e is Ev<'restore'> => e.ev === 'restore' && e.sid === 3 && e.t >= 3000);
    expect(restore?.zxid).toBe('0x100000008');
    const sync = trace.find((e): e is Ev<'sync'> => e.ev === 'sync' && e.learner === 1 && e.t >= 6000)!;
    expect(sync).toMatchObject({ mode: 'SNAP', zxid: '0x200000000', peerLastZxid: '0x100000002' });
    expect(sync.reason).toContain('minCommittedLog 0x100000007');
    expect(paths(summary, 1)).toEqual(['/a1', '/b1', '/b2', '/b3', '/b4', '/b5', '/b6']);
    expect(server(summary, 1).lastProcessedZxid).toBe('0x200000000');
  });

  it('recovery-tour: TRUNC for S5, DIFF for S1, SNAP for S4; nothing committed lost, nothing unreplicated kept', () => {
    const { summary } = run('recovery-tour');
    expect(summary.violations).toEqual([]);
    expect(syncsTo(summary, 5).find((s) => s.at > 4000)).toMatchObject({
      mode: 'TRUNC',
      zxid: '0x100000005',
      peerLastZxid: '0x100000006',
    });
    expect(syncsTo(summary, 1).find((s) => s.at > 6000)).toMatchObject({
      mode: 'DIFF',
      zxid: '0x200000002',
      peerLastZxid: '0x100000003',
    });
    expect(syncsTo(summary, 4).find((s) => s.at > 10000)).toMatchObject({
      mode: 'SNAP',
      zxid: '0x300000002',
      peerLastZxid: '0x200000003',
    });
    expect(summary.elections.find((e) => e.at > 3100 && e.state === 'LEADING')?.leader).toBe(4);
    expect(summary.elections.find((e) => e.at > 8100 && e.state === 'LEADING')?.leader).toBe(5);
    expect(summary.leader).toBe(5);
    for (const s of summary.servers) {
      expect(s.currentEpoch).toBe(3);
      expect(Object.keys(s.tree).sort()).toEqual(['/a1', '/a2', '/a3', '/a4', '/b1', '/c1']);
    }
    expect(client(summary, 'c1', 'create /lost x').ok).toBe(false);
    expect(client(summary, 'c2', 'create /lost2 x').ok).toBe(false);
  });
});

describe('partition and observer presets', () => {
  it('partition-minority: the majority keeps S5 and writes; the minority stays LOOKING; after the heal it rejoins by DIFF', () => {
    const { summary, trace } = run('partition-minority');
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(5);
    expect(summary.servers.every((s) => s.currentEpoch === 1 && s.state !== 'LOOKING')).toBe(true);
    expect(client(summary, 'c2', 'create /during majority')).toMatchObject({ ok: true, zxid: '0x100000004' });
    expect(client(summary, 'c1', 'create /minority x')).toMatchObject({
      ok: false,
      output: 'KeeperErrorCode = ConnectionLoss for /minority',
    });
    // S1, S2 go LOOKING ~10 s after their last ping and elect nobody until the heal
    for (const sid of [1, 2]) {
      const looking = trace.find(
        (e) => e.ev === 'state' && e.sid === sid && e.state === 'LOOKING' && e.t > 2000,
      )!;
      expect(looking.t).toBeGreaterThan(10000);
      expect(looking.t).toBeLessThan(13000);
    }
    expect(summary.elections.filter((e) => e.at > 2000 && e.at < 20000)).toEqual([]);
    // both minority servers rejoin following S5 (in whichever order their elections end)
    expect(
      summary.elections
        .filter((e) => e.at > 20000)
        .map((e) => [e.sid, e.leader])
        .sort((a, b) => a[0] - b[0]),
    ).toEqual([
      [1, 5],
      [2, 5],
    ]);
    for (const l of [1, 2])
      expect(syncsTo(summary, l).at(-1)).toMatchObject({
        mode: 'DIFF',
        peerLastZxid: '0x100000002',
        zxid: '0x100000004',
      });
    for (const s of summary.servers) expect(Object.keys(s.tree).sort()).toEqual(['/before', '/during']);
    expect(client(summary, 'c3', 'ls /').output).toBe('[before, during, zookeeper]');
  });

  it('observer: S4 never votes or ACKs, gets INFORM, detours to the dead S3, then observes S2', () => {
    const { summary, trace } = run('observer');
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(2);
    expect(server(summary, 4)).toMatchObject({ state: 'OBSERVING', zabState: 'BROADCAST', observer: true });
    const sends = trace.filter((e): e is Ev<'send'> => e.ev === 'send');
    expect(sends.some((e) => e.to === 4 && e.type === 'INFORM')).toBe(true);
    expect(sends.some((e) => e.to === 4 && e.type === 'PROPOSAL')).toBe(false);
    expect(sends.filter((e) => e.from === 4 && e.type === 'ACK' && e.zxid && !/0{8}$/.test(e.zxid))).toEqual(
      [],
    );
    const s4 = summary.elections.filter((e) => e.sid === 4);
    expect(s4.every((e) => e.state === 'OBSERVING')).toBe(true);
    expect(s4.filter((e) => e.at > 3000).map((e) => e.leader)).toEqual([3, 2]);
    expect(
      trace.some((e) => e.ev === 'shutdown' && e.sid === 4 && e.reason === 'Failed to connect to leader'),
    ).toBe(true);
    expect(syncsTo(summary, 4).at(-1)).toMatchObject({ mode: 'DIFF', leader: 2 });
    expect(summary.elections.every((e) => e.leader !== 4)).toBe(true);
    expect(client(summary, 'c1', 'create /o via-observer')).toMatchObject({ ok: true, server: 4 });
    expect(paths(summary, 4)).toEqual(['/o', '/p']);
  });
});

describe('client presets', () => {
  it('session-expiry: 3000 ms asked, 4000 granted; expiry at 16000; /e/x gone; NodeDeleted + NodeChildrenChanged; Expired', () => {
    const { summary, trace } = run('session-expiry');
    expect(summary.violations).toEqual([]);
    const first = trace.find(
      (e): e is Ev<'propose'> => e.ev === 'propose' && e.op.startsWith('createSession'),
    );
    expect(first?.op).toBe('createSession 4000');
    const close = trace.find(
      (e): e is Ev<'propose'> => e.ev === 'propose' && e.op.startsWith('closeSession'),
    )!;
    expect(close.t).toBe(16000);
    for (const s of summary.servers) expect(s.tree['/e/x']).toBeUndefined();
    expect(watchEvents(summary, 'c2')).toEqual(['NodeDeleted /e/x', 'NodeChildrenChanged /e']);
    expect(summary.events.some((e) => e.id === 'c1' && e.state === 'Expired')).toBe(true);
    expect(client(summary, 'c1', 'ls /e').output).toBe('KeeperErrorCode = Session expired for /e');
    expect(server(summary, 1).tree['/e'].stat).toMatchObject({ pzxid: close.zxid, numChildren: 0 });
  });

  it('lock-recipe: sequence numbers in commit order; each release wakes exactly the next client', () => {
    const { summary } = run('lock-recipe');
    expect(summary.violations).toEqual([]);
    const created = summary.clients
      .filter((c) => c.cmd.startsWith('create -e -s'))
      .map((c) => [c.id, c.output]);
    expect(created).toEqual([
      ['c1', 'Created /lock/lock-0000000000'],
      ['c2', 'Created /lock/lock-0000000001'],
      ['c3', 'Created /lock/lock-0000000002'],
    ]);
    expect(watchEvents(summary, 'c2')).toEqual(['NodeDeleted /lock/lock-0000000000']);
    expect(watchEvents(summary, 'c3')).toEqual(['NodeDeleted /lock/lock-0000000001']);
    const c2Fired = summary.events.find((e) => e.id === 'c2' && e.type === 'NodeDeleted')!.at;
    const c3Fired = summary.events.find((e) => e.id === 'c3' && e.type === 'NodeDeleted')!.at;
    const c2Close = client(summary, 'c2', 'close');
    expect(c2Fired).toBeLessThan(c2Close.at!);
    expect(c3Fired).toBeGreaterThan(c2Fired);
    const ls = summary.clients.filter((c) => c.cmd === 'ls /lock').map((c) => c.output);
    expect(ls).toEqual([
      '[lock-0000000000, lock-0000000001, lock-0000000002]',
      '[lock-0000000001, lock-0000000002]',
      '[lock-0000000002]',
    ]);
    for (const s of summary.servers)
      expect(paths(summary, s.sid)).toEqual(['/lock', '/lock/lock-0000000002']);
  });
});

describe('bug presets: ZOOKEEPER-4643', () => {
  it('3.9.1: S1 leads epoch 3 without the committed /t, S3 is truncated past it; Durability + TruncBelowCommitted', () => {
    const { summary, trace } = run('zk-4643-391');
    expect(presetById('zk-4643-391')!.file.config.zkVersion).toBe('3.9.1');
    expect(client(summary, 'c1', 'create /t committed-in-epoch-1')).toMatchObject({
      ok: true,
      zxid: '0x100000003',
    });
    // S1 wrote currentEpoch 2 before /t was durable, then crashed
    const crash1 = trace.findIndex((e) => e.ev === 'crash' && e.sid === 1);
    const epochBefore = trace
      .slice(0, crash1)
      .filter((e): e is Ev<'epoch'> => e.ev === 'epoch' && e.sid === 1)
      .at(-1);
    expect(epochBefore?.currentEpoch).toBe(2);
    expect(
      trace.slice(0, crash1).some((e) => e.ev === 'log' && e.sid === 1 && e.zxid === '0x100000003'),
    ).toBe(false);
    expect(summary.leader).toBe(1);
    expect(server(summary, 1).currentEpoch).toBe(3);
    expect(summary.syncs.at(-1)).toMatchObject({ leader: 1, learner: 3, mode: 'TRUNC', zxid: '0x100000002' });
    expect(summary.violations.map((v) => v.invariant).sort()).toEqual(['Durability', 'TruncBelowCommitted']);
    expect(summary.servers.every((x) => x.tree['/t'] === undefined)).toBe(true);
  });

  it('3.9.5: the same schedule keeps /t; S3 leads epoch 3; no violation', () => {
    const { summary, trace } = run('zk-4643-395');
    expect(presetById('zk-4643-395')!.file.config.zkVersion).toBe('3.9.5');
    const crash1 = trace.findIndex((e) => e.ev === 'crash' && e.sid === 1);
    const epochBefore = trace
      .slice(0, crash1)
      .filter((e): e is Ev<'epoch'> => e.ev === 'epoch' && e.sid === 1)
      .at(-1);
    expect(epochBefore?.currentEpoch).toBe(1);
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(3);
    expect(server(summary, 3).currentEpoch).toBe(3);
    expect(syncsTo(summary, 1).at(-1)).toMatchObject({ leader: 3, mode: 'DIFF', zxid: '0x100000003' });
    for (const x of summary.servers.filter((x) => x.up)) expect(x.tree['/t']).toBeDefined();
  });

  it('the two 4643 presets differ only in zkVersion and title', () => {
    const a = presetById('zk-4643-391')!.file;
    const b = presetById('zk-4643-395')!.file;
    expect({ ...a, title: '', config: { ...a.config, zkVersion: 'x' } }).toEqual({
      ...b,
      title: '',
      config: { ...b.config, zkVersion: 'x' },
    });
  });
});
