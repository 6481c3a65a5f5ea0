/**
 * Read-only mode against ZooKeeper 3.9.5's code: QuorumPeer.run's LOOKING branch (the roZkMgr
 * grace period, roZk.shutdown when lookForLeader returns), ReadOnlyZooKeeperServer (local
 * sessions, validateSession), ReadOnlyRequestProcessor (NOTREADONLY for state-changing requests),
 * ZooKeeperServer.processConnectRequest ("Refusing session request for not-read-only client"),
 * IsroCommand / FourLetterCommands.isEnabled, ReadOnlyZooKeeperServer.getState / dumpConf, and on
 * the client ClientCnxn (canBeReadOnly, seenRwServerBefore, ConnectedReadOnly, pingRwServer) with
 * zkCli's texts (CliWrapperException, SyncCommand).
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import type { TraceEvent } from '../../src/zk/trace';
import {
  isStateChanging,
  nonLocalCreateSessionMessage,
  readOnlyGraceMs,
} from '../../src/zk/ReadOnlyZooKeeperServer';
import { isEnabled } from '../../src/zk/server/command/FourLetterCommands';
import type { Op } from '../../src/zk/txn';

type Action = Record<string, unknown>;

function simOf(config: Record<string, unknown>, actions: Action[], until: number, seed = 1): Simulation {
  const r = validateScenario({
    format: 1,
    seed,
    ensemble: { voters: 3, observers: 0 },
    config: { syncLimit: 2, latencyMs: [1, 3], ...config },
    // sorted by time, ties in the order written
    actions: [...actions].sort((a, b) => Number(a.at) - Number(b.at)),
    until,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const sim = new Simulation(r.scenario);
  sim.runUntil(until);
  return sim;
}

type Ev<K extends TraceEvent['ev']> = Extract<TraceEvent, { ev: K }>;
const ofKind = <K extends TraceEvent['ev']>(trace: readonly TraceEvent[], ev: K): Ev<K>[] =>
  trace.filter((e): e is Ev<K> => e.ev === ev);

const client = (id: string, cmd: string, extra: Record<string, unknown> = {}) => ({ id, cmd, ...extra });

/** S3 leads epoch 1 (start order 1, 3, 2), is cut off at 2 s, and is LOOKING from about 6.2 s. */
const PARTITION: Action[] = [
  { at: 0, start: [1, 3, 2] },
  { at: 1000, client: client('c1', 'create /a v1', { server: 1 }) },
  // g is made with -r but first meets a read-write server: its session is a global one
  { at: 1200, client: client('g', 'ls /', { server: 3, canBeReadOnly: true }) },
  { at: 2000, partition: [[1, 2], [3]] },
];

describe('ReadOnlyZooKeeperServer and ReadOnlyRequestProcessor (unit)', () => {
  it('the grace period is max(2000, tickTime)', () => {
    expect(readOnlyGraceMs(2000)).toBe(2000);
    expect(readOnlyGraceMs(500)).toBe(2000);
    expect(readOnlyGraceMs(3000)).toBe(3000);
  });

  it("ReadOnlyRequestProcessor's switch: sync, creates, delete, setData, setACL, multi, check are refused", () => {
    const refused: Op[] = [
      { op: 'sync', path: '/a' },
      { op: 'create', path: '/a', data: '', mode: 'PERSISTENT' },
      { op: 'create', path: '/c', data: '', mode: 'CONTAINER' },
      { op: 'delete', path: '/a', version: -1 },
      { op: 'setData', path: '/a', data: 'x', version: -1 },
      { op: 'setACL', path: '/a', acl: [], version: -1 },
      { op: 'multi', ops: [] },
      { op: 'check', path: '/a', version: 0 },
    ];
    const passed: Op[] = [
      { op: 'getData', path: '/a', watch: false },
      { op: 'exists', path: '/a', watch: true },
      { op: 'getChildren', path: '/', watch: false },
      { op: 'getACL', path: '/a' },
      { op: 'whoAmI' },
      { op: 'getEphemerals', prefixPath: '/' },
      { op: 'getAllChildrenNumber', path: '/' },
      { op: 'addWatch', path: '/a', mode: 'PERSISTENT' },
    ];
    for (const op of refused) expect(isStateChanging(op)).toBe(true);
    for (const op of passed) expect(isStateChanging(op)).toBe(false);
  });

  it('FourLetterCommands.isEnabled: readonlymode.enabled adds isro to the whitelist', () => {
    expect(isEnabled('isro', undefined)).toBe(false);
    expect(isEnabled('isro', undefined, true)).toBe(true);
    expect(isEnabled('ruok', undefined, true)).toBe(false);
  });
});

describe('a server cut off from the quorum with readonlymode.enabled', () => {
  const sim = simOf(
    { readonlyModeEnabled: true, localSessionsEnabled: true, fourLetterWhitelist: 'conf' },
    [
      ...PARTITION,
      { at: 9000, client: client('ops', 'echo isro | nc server3 2181', { server: 1 }) },
      { at: 9000, client: client('ops', 'echo isro | nc server1 2181') },
      { at: 9000, client: client('ops', 'echo srvr | nc server3 2181') },
      { at: 9000, client: client('ops', 'echo conf | nc server3 2181') },
      { at: 9000, client: client('ops', 'echo conf | nc server1 2181') },
      { at: 9000, client: client('r1', 'get /a', { server: 3, canBeReadOnly: true }) },
      { at: 9100, client: client('r1', 'create /b x') },
      { at: 9200, client: client('r1', 'set /a v2') },
      { at: 9300, client: client('r1', 'delete /a') },
      { at: 9400, client: client('r1', 'sync /a') },
      { at: 9500, client: client('r1', 'ls /') },
      { at: 11000, client: client('r1', 'close') },
      { at: 9000, client: client('n1', 'ls /', { server: 3 }) },
      { at: 9800, client: client('g', 'ls /') },
    ],
    12000,
  );
  const trace = sim.trace;
  const results = (id: string) => sim.client(id)!.results;
  const looking = ofKind(trace, 'state').find((e) => e.sid === 3 && e.state === 'LOOKING' && e.t > 2000)!;
  const ro = ofKind(trace, 'readonly');

  it('starts a ReadOnlyZooKeeperServer max(2000, tickTime) after going LOOKING, and says so', () => {
    expect(ro[0]).toEqual({ t: looking.t + 2000, ev: 'readonly', sid: 3, action: 'start' });
    expect(sim.view().servers.find((s) => s.sid === 3)?.readOnly).toBe(true);
    expect(sim.view().servers.find((s) => s.sid === 1)?.readOnly).toBeUndefined();
  });

  it('isro answers "ro" there and "rw" on a quorum member; srvr says Mode: read-only; conf has no membership', () => {
    const ops = results('ops');
    expect(ops[0]).toMatchObject({ ok: true, server: 3, output: 'ro' });
    expect(ops[1]).toMatchObject({ ok: true, server: 1, output: 'rw' });
    expect(ops[2].output.split('\n')).toContain('Mode: read-only');
    const conf3 = ops[3].output.split('\n');
    expect(conf3.at(-1)).toBe('peerType=0');
    expect(conf3).not.toContain('membership: ');
    expect(ops[4].output.split('\n')).toContain('membership: ');
  });

  it('a canBeReadOnly client gets a local session there: ConnectedReadOnly, no createSession txn', () => {
    const r1 = sim.client('r1')!;
    expect(r1.events[0]).toMatchObject({ state: 'ConnectedReadOnly', type: 'None', path: null });
    expect(r1.transcript).toContain('WatchedEvent state:ConnectedReadOnly type:None path:null');
    const connected = r1.events[0].at;
    // LocalSessionTracker: SessionTrackerImpl.initializeNextSessionId(myid = 3)
    const session = ofKind(trace, 'watch').find((e) => e.client === 'r1');
    expect(session).toBeDefined();
    const proposals = ofKind(trace, 'propose').filter((e) => e.t >= 9000 && e.t <= connected);
    expect(proposals).toEqual([]);
    expect(results('r1')[0]).toMatchObject({ ok: true, server: 3, output: 'v1' });
  });

  it("writes are answered NOTREADONLY, with zkCli's texts, and made no txn", () => {
    const r = results('r1');
    expect(r.slice(1, 5).map((x) => x.output)).toEqual([
      'Not a read-only call: /b',
      'Not a read-only call: /a',
      'Not a read-only call: /a',
      'Sync has failed. rc=-119',
    ]);
    for (const x of r.slice(1, 5)) expect(x.zxid).toBeUndefined();
    expect(r[5]).toMatchObject({ ok: true, output: '[a, zookeeper]' });
    // close of a local session: no txn, the client is Closed
    expect(r[6]).toMatchObject({ ok: true, output: '' });
    expect(r[6].zxid).toBeUndefined();
    expect(sim.client('r1')!.events.at(-1)).toMatchObject({ state: 'Closed' });
  });

  it('a client without canBeReadOnly is refused: "Refusing session request for not-read-only client"', () => {
    const refusals = ro.filter((e) => e.action === 'refuse' && e.client === 'n1');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0].reason).toBe('Refusing session request for not-read-only client /127.0.0.1');
    expect(sim.client('n1')!.events).toEqual([]);
    expect(results('n1')[0].at).toBeNull();
  });

  it('a global session may not reconnect in RO mode (ZOOKEEPER-3864)', () => {
    const g = ro.filter((e) => e.action === 'refuse' && e.client === 'g');
    expect(g.length).toBeGreaterThan(0);
    expect(g[0].reason).toBe('Refusing global session reconnection in RO mode /127.0.0.1');
    expect(results('g')[1].at).toBeNull();
  });

  it('probes isro while read-only, pingRwTimeout doubling from 100 ms', () => {
    const pings = ofKind(trace, 'pingRw').filter((e) => e.client === 'r1');
    expect(pings.map((e) => e.answer)).toEqual(pings.map(() => 'ro'));
    expect(pings.map((e) => e.next).slice(0, 4)).toEqual([200, 400, 800, 1600]);
  });
});

describe('zkCli.sh -r typed as a shell line (the console)', () => {
  const sim = simOf(
    { readonlyModeEnabled: true, localSessionsEnabled: true },
    [
      ...PARTITION,
      { at: 9000, client: client('z', 'zkCli.sh -r -server server3:2181') },
      { at: 9500, client: client('z', 'get /a') },
      // c1's live session (on S1) is closed first, then a zkCli without -r cannot use S3
      { at: 9000, client: client('c1', 'zkCli.sh -server server3:2181') },
      { at: 9000, client: client('bad', 'zkCli.sh -x', { server: 1 }) },
      { at: 9000, client: client('bad', 'zkCli.sh -r -server') },
    ],
    12000,
  );

  it('makes a new ZooKeeper with canBeReadOnly: ConnectedReadOnly on S3, reads served', () => {
    const z = sim.client('z')!;
    expect(z.transcript.slice(0, 2)).toEqual([
      '$ zkCli.sh -r -server server3:2181',
      'Connecting to server 3',
    ]);
    expect(z.events[0]).toMatchObject({ state: 'ConnectedReadOnly' });
    expect(z.view()).toMatchObject({ canBeReadOnly: true, readOnly: true, server: 3 });
    expect(z.results[1]).toMatchObject({ ok: true, server: 3, output: 'v1' });
  });

  it('closes a live session first; without -r the read-only server refuses the new one', () => {
    const c1 = sim.client('c1')!;
    expect(c1.events.filter((e) => e.at >= 9000).map((e) => e.state)).toEqual(['Closed']);
    const refused = ofKind(sim.trace, 'readonly').filter((e) => e.action === 'refuse' && e.client === 'c1');
    expect(refused.length).toBeGreaterThan(0);
  });

  it('other options and a missing argument are errors', () => {
    expect(sim.client('bad')!.results.map((r) => r.output)).toEqual([
      'zkCli.sh: ZAB Lab models the options -r and -server host:port,… only (not -x)',
      'Error: no argument found for option -server',
    ]);
  });
});

describe('localSessionsEnabled: a read-only server creates only local sessions', () => {
  // the shuffled list of seed 2 is [3, 1]: r meets the read-only S3 first
  const run = (config: Record<string, unknown>) =>
    simOf(
      { readonlyModeEnabled: true, ...config },
      [
        ...PARTITION,
        { at: 9000, client: client('r1', 'get /a', { server: 3, canBeReadOnly: true }) },
        { at: 9000, client: client('r', 'connect server3:2181,server1:2181', { canBeReadOnly: true }) },
        { at: 9500, client: client('r', 'get /a') },
      ],
      12000,
      2,
    );

  it('without it (3.9.5 default) the createSession is answered NOTREADONLY: no session, the client moves on', () => {
    const sim = run({});
    const ro = ofKind(sim.trace, 'readonly');
    expect(ro[0]).toMatchObject({ sid: 3, action: 'start' });
    const refused = ro.filter((e) => e.action === 'refuseCreateSession');
    expect(refused.length).toBeGreaterThan(1);
    expect(refused[0]).toMatchObject({ sid: 3, reason: nonLocalCreateSessionMessage() });
    // r1 knows only S3: it never gets a session, so its get is never answered
    expect(sim.client('r1')!.events).toEqual([]);
    expect(sim.client('r1')!.results[0].at).toBeNull();
    expect(refused.filter((e) => e.client === 'r1').length).toBeGreaterThan(1);
    // r fails on S3, then gets a global session from S1
    const r = sim.client('r')!;
    expect(refused.some((e) => e.client === 'r')).toBe(true);
    expect(r.events.map((e) => e.state)).toEqual(['SyncConnected']);
    expect(r.results[1]).toMatchObject({ ok: true, server: 1, output: 'v1' });
    expect(ofKind(sim.trace, 'watch').some((e) => e.state === 'ConnectedReadOnly')).toBe(false);
    expect(sim.violations).toEqual([]);
  });

  it('with it, both get a local session from S3 (ConnectedReadOnly)', () => {
    const sim = run({ localSessionsEnabled: true });
    expect(ofKind(sim.trace, 'readonly').filter((e) => e.action === 'refuseCreateSession')).toEqual([]);
    expect(sim.client('r1')!.events[0]).toMatchObject({ state: 'ConnectedReadOnly' });
    expect(sim.client('r1')!.results[0]).toMatchObject({ ok: true, server: 3, output: 'v1' });
    expect(sim.client('r')!.events[0]).toMatchObject({ state: 'ConnectedReadOnly' });
  });

  it('the scenario key is a boolean', () => {
    const r = validateScenario({
      format: 1,
      seed: 1,
      ensemble: { voters: 3, observers: 0 },
      config: { localSessionsEnabled: 'yes' },
      actions: [],
      until: 10,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain('localSessionsEnabled');
  });
});

describe('without readonlymode.enabled', () => {
  const sim = simOf(
    {},
    [
      ...PARTITION,
      { at: 9000, client: client('ops', 'echo isro | nc server3 2181', { server: 1 }) },
      { at: 9000, client: client('r1', 'get /a', { server: 3, canBeReadOnly: true }) },
    ],
    12000,
  );

  it('no read-only server starts, isro is not whitelisted, a -r client finds nobody serving', () => {
    expect(ofKind(sim.trace, 'readonly')).toEqual([]);
    expect(sim.client('ops')!.results[0].output).toBe(
      'isro is not executed because it is not in the whitelist.',
    );
    expect(sim.client('r1')!.results[0].at).toBeNull();
  });
});

describe('the read-write server search (pingRwServer) and the heal', () => {
  it('an "rw" answer moves a read-only client to that server (RWServerFoundException)', () => {
    // the shuffled list of seed 2 is [3, 1]: it connects read-only to S3 first
    const sim = simOf(
      { readonlyModeEnabled: true, localSessionsEnabled: true },
      [
        ...PARTITION,
        { at: 9000, client: client('r', 'connect server3:2181,server1:2181', { canBeReadOnly: true }) },
        { at: 9500, client: client('r', 'get /a') },
      ],
      12000,
      2,
    );
    const r = sim.client('r')!;
    expect(r.view().hosts).toEqual([3, 1]);
    expect(r.events.map((e) => e.state)).toEqual(['ConnectedReadOnly', 'Disconnected', 'SyncConnected']);
    const ping = ofKind(sim.trace, 'pingRw')[0];
    expect(ping).toMatchObject({ client: 'r', server: 1, answer: 'rw' });
    expect(r.results[1]).toMatchObject({ ok: true, server: 1, output: 'v1' });
  });

  it('the server leaves read-only when it finds a leader; its client comes back with a new session', () => {
    const sim = simOf(
      { readonlyModeEnabled: true, localSessionsEnabled: true },
      [
        ...PARTITION,
        { at: 9000, client: client('r1', 'get /a', { server: 3, canBeReadOnly: true }) },
        { at: 14000, heal: true },
        { at: 26000, client: client('r1', 'get /a') },
      ],
      28000,
    );
    const ro = ofKind(sim.trace, 'readonly');
    const elected = ofKind(sim.trace, 'election').find((e) => e.sid === 3 && e.t > 14000)!;
    // (g, a global session, is refused again and again meanwhile)
    const life = ro.filter((e) => e.action !== 'refuse');
    expect(life.map((e) => e.action)).toEqual(['start', 'shutdown']);
    expect(ro.filter((e) => e.action === 'refuse').every((e) => e.client === 'g')).toBe(true);
    // roZk.shutdown() right after lookForLeader returns (the LOOKING branch's finally)
    expect(life[1].t).toBe(elected.t);
    expect(sim.trace.indexOf(life[1])).toBe(sim.trace.indexOf(elected) + 1);
    const r1 = sim.client('r1')!;
    expect(r1.events.map((e) => e.state)).toEqual(['ConnectedReadOnly', 'Disconnected', 'SyncConnected']);
    // it had never seen a read-write server: primeConnection sent session id 0, a new global session
    const proposals = ofKind(sim.trace, 'propose').filter((e) => e.op.startsWith('createSession'));
    expect(proposals.some((e) => e.t > elected.t)).toBe(true);
    expect(r1.results[1]).toMatchObject({ ok: true, server: 3, output: 'v1' });
    expect(sim.view().servers.every((s) => s.readOnly === undefined)).toBe(true);
    expect(sim.violations).toEqual([]);
  });
});
