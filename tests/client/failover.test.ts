/**
 * Clients with a host list (ZooKeeper 3.9.5's ConnectStringParser, StaticHostProvider and
 * ClientCnxn.SendThread): the connect string, the shuffle and the walk with its 1000 ms spin,
 * failover to the next server with the same session, connectTimeout = timeout / servers, zkCli's
 * `connect` (the live session closed first), and ZOOKEEPER-4508's client-side expiry after 4/3 of
 * the negotiated timeout without a word from any server.
 */
import { describe, expect, it } from 'vitest';
import { CLIENT_PORT, parseConnectString, StaticHostProvider } from '../../src/sim/StaticHostProvider';
import { Random } from '../../src/zk/Random';
import type { ClientToServer } from '../../src/zk/PeerIO';
import { FakeEnsemble } from './fakeEnsemble';

const three = (sid: number) => sid >= 1 && sid <= 3;

function connects(
  ens: FakeEnsemble,
): { t: number; server: number; msg: Extract<ClientToServer, { kind: 'connect' }> }[] {
  const out: { t: number; server: number; msg: Extract<ClientToServer, { kind: 'connect' }> }[] = [];
  for (const r of ens.sent) if (r.msg.kind === 'connect') out.push({ t: r.t, server: r.server, msg: r.msg });
  return out;
}

/** A Random whose int(lo, hi) answers from a script (to check Collections.shuffle's swaps). */
function scripted(values: number[]): Random {
  const r = new Random(1);
  let i = 0;
  r.int = (lo: number, hi: number) => {
    const v = values[i++];
    if (v < lo || v > hi) throw new Error(`scripted ${v} outside [${lo}, ${hi}]`);
    return v;
  };
  return r;
}

describe('ConnectStringParser', () => {
  it('reads host[:port] pieces, port 2181 by default, and an empty or "/" chroot', () => {
    expect(parseConnectString('server1:2181,server2:2181,server3:2181', three)).toEqual({
      ok: true,
      servers: [1, 2, 3],
    });
    expect(parseConnectString('server3,server1', three)).toEqual({ ok: true, servers: [3, 1] });
    expect(parseConnectString('server2:,server2:2181/', three)).toEqual({ ok: true, servers: [2, 2] });
    expect(CLIENT_PORT).toBe(2181);
  });

  it('refuses what the model cannot connect to, each with a clear message', () => {
    expect(parseConnectString('server4:2181', three)).toEqual({
      ok: false,
      error: 'Unknown host server4: the servers of this ensemble are server1, server2, … (port 2181)',
    });
    expect(parseConnectString('localhost:2181', three)).toMatchObject({
      ok: false,
      error: /^Unknown host localhost/,
    });
    expect(parseConnectString('server1:2182', three)).toEqual({
      ok: false,
      error: "Nothing listens on server1:2182: every server's clientPort is 2181",
    });
    expect(parseConnectString('server1:abc', three)).toEqual({
      ok: false,
      error: 'java.lang.NumberFormatException: For input string: "abc"',
    });
    expect(parseConnectString('server1:2181/app', three)).toMatchObject({
      ok: false,
      error: /^Chroot \/app is not modelled/,
    });
    expect(parseConnectString(',,', three)).toEqual({ ok: false, error: 'A HostProvider may not be empty!' });
  });
});

describe('StaticHostProvider', () => {
  it('shuffles as Collections.shuffle does: for i = size..2, swap(i - 1, nextInt(i))', () => {
    // nextInt(3) = 0: swap(2, 0) → [3, 2, 1]; nextInt(2) = 0: swap(1, 0) → [2, 3, 1]
    expect(new StaticHostProvider([1, 2, 3], scripted([0, 0])).list()).toEqual([2, 3, 1]);
    // nextInt(i) = i - 1 every time leaves the list as it was
    expect(new StaticHostProvider([1, 2, 3], scripted([2, 1])).list()).toEqual([1, 2, 3]);
  });

  it('one server draws nothing from the Random (single-server clients keep their runs)', () => {
    const a = new Random(9, 3);
    const b = new Random(9, 3);
    expect(new StaticHostProvider([2], a).list()).toEqual([2]);
    expect(a.nextU32()).toBe(b.nextU32());
  });

  it('is a permutation, the same for the same seed', () => {
    const lists = [1, 2, 3, 4, 5, 6].map((seed) =>
      new StaticHostProvider([1, 2, 3, 4, 5], new Random(seed)).list(),
    );
    for (const l of lists) expect([...l].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(new StaticHostProvider([1, 2, 3, 4, 5], new Random(4)).list()).toEqual(lists[3]);
    expect(new Set(lists.map((l) => l.join())).size).toBeGreaterThan(1);
  });

  it('next(1000): round-robin; never spins the first time; spins on coming back to the last connected server', () => {
    const hp = new StaticHostProvider([1, 2, 3], scripted([2, 1])); // [1, 2, 3]
    expect([hp.next(), hp.next(), hp.next(), hp.next()]).toEqual([
      { server: 1, spin: false },
      { server: 2, spin: false },
      { server: 3, spin: false },
      // every server tried once without a connection: back to the first, after the spin
      { server: 1, spin: true },
    ]);
    hp.next(); // 2
    hp.onConnected(); // lastIndex = 1
    expect([hp.next(), hp.next(), hp.next()]).toEqual([
      { server: 3, spin: false },
      { server: 1, spin: false },
      { server: 2, spin: true },
    ]);
  });
});

describe('ClientCnxn with a host list', () => {
  const LIST = 'connect server1:2181,server2:2181,server3:2181';

  it('zkCli connect prints nothing; the session is set up on the first server of the shuffled list', () => {
    const ens = new FakeEnsemble([1, 2, 3]);
    ens.cmd('c1', LIST);
    ens.runUntil(100);
    const c = ens.client('c1');
    const v = c.view();
    expect([...(v.hosts ?? [])].sort()).toEqual([1, 2, 3]);
    expect(v.server).toBe(v.hosts?.[0]);
    expect(v.state).toBe('CONNECTED');
    expect(c.results[0]).toMatchObject({ at: 0, ok: true, output: '', server: v.hosts?.[0] });
    expect(c.transcript).toEqual([
      `zk> ${LIST}`,
      '',
      'WATCHER::',
      '',
      'WatchedEvent state:SyncConnected type:None path:null',
    ]);
    expect(connects(ens).map((x) => x.server)).toEqual([v.hosts?.[0]]);
  });

  it('its server crashes: Disconnected, the next server of the list without a spin, the same session, lastZxid and watches', () => {
    const ens = new FakeEnsemble([1, 2, 3]);
    ens.cmd('c1', LIST);
    ens.cmd('c1', 'create -e /e x');
    ens.cmd('c1', 'get -w /e');
    ens.runUntil(1000);
    const c = ens.client('c1');
    const hosts = c.view().hosts ?? [];
    const before = c.view();
    ens.crash(hosts[0]);
    ens.runUntil(5000);
    const after = c.view();
    expect(after.state).toBe('CONNECTED');
    expect(after.server).toBe(hosts[1]);
    expect(after.sessionId).toBe(before.sessionId);
    const again = connects(ens)[1];
    expect(again.server).toBe(hosts[1]);
    expect(again.msg.sessionId).toBe(before.sessionId);
    expect(again.msg.lastZxidSeen).toBeGreaterThan(0);
    expect(again.msg.watches.data).toEqual(['/e']);
    // the crash is noticed one hop later; startConnect sleeps a random [0, 1000) ms, no 1000 ms spin
    expect(again.t - 1000).toBeLessThan(1000 + 2);
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected', 'Disconnected', 'SyncConnected']);
    ens.cmd('c1', 'get /e');
    ens.runUntil(6000);
    expect(c.results.at(-1)).toMatchObject({ ok: true, output: 'x', server: hosts[1] });
  });

  it('connectTimeout is the negotiated timeout divided by the number of servers', () => {
    const ens = new FakeEnsemble([1, 2, 3]);
    ens.grantTimeout = 9000;
    ens.cmd('c1', LIST);
    ens.runUntil(100);
    const c = ens.client('c1');
    const hosts = c.view().hosts ?? [];
    // the next server never answers its connect
    ens.server(hosts[1]).mute = true;
    ens.crash(hosts[0]);
    ens.runUntil(30000);
    const cs = connects(ens);
    expect(cs[1].server).toBe(hosts[1]);
    expect(cs[2].server).toBe(hosts[2]);
    // 9000 / 3 = 3000 ms without an answer, then a random sleep below 1000 ms
    const gap = cs[2].t - cs[1].t;
    expect(gap).toBeGreaterThanOrEqual(3000);
    expect(gap).toBeLessThan(4000);
    expect(c.view()).toMatchObject({ state: 'CONNECTED', server: hosts[2] });
  });

  it('ZOOKEEPER-4508: nothing heard from any server for 4/3 of the negotiated timeout → Expired, then "Not connected"', () => {
    const ens = new FakeEnsemble([1, 2, 3]);
    ens.grantTimeout = 6000;
    ens.cmd('c1', LIST);
    ens.cmd('c1', 'create /a 1');
    ens.runUntil(1000);
    const c = ens.client('c1');
    const lastHeard = c.events[0].at;
    for (const sid of [1, 2, 3]) ens.crash(sid);
    ens.runUntil(2000);
    // queued while no server answers: it waits for a connection that never comes
    ens.cmd('c1', 'get /a');
    ens.runUntil(20000);
    const expired = c.events.find((e) => e.state === 'Expired');
    expect(expired).toBeDefined();
    // 8000 ms after the last reply heard, at the first connect attempt past it
    expect(expired!.at).toBeGreaterThanOrEqual(lastHeard + 8000);
    expect(expired!.at).toBeLessThan(lastHeard + 8000 + 2100);
    expect(c.view().state).toBe('EXPIRED');
    expect(c.results[2]).toMatchObject({ ok: false, output: 'KeeperErrorCode = Session expired for /a' });
    expect(c.transcript.slice(-4)).toEqual([
      '',
      'WATCHER::',
      '',
      'WatchedEvent state:Expired type:None path:null',
    ]);
    ens.cmd('c1', 'ls /');
    expect(c.results[3]).toMatchObject({ ok: false, output: 'Not connected' });
  });

  it('a connect on a live session closes it first (Closed), then a new session starts on the new list', () => {
    const ens = new FakeEnsemble([1, 2, 3]);
    ens.cmd('c1', 'create /a 1', 2);
    ens.runUntil(100);
    const c = ens.client('c1');
    const first = c.view().sessionId;
    ens.cmd('c1', 'connect server3:2181');
    ens.runUntil(200);
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected', 'Closed', 'SyncConnected']);
    expect(c.view()).toMatchObject({ state: 'CONNECTED', server: 3 });
    expect(c.view().sessionId).not.toBe(first);
    expect(ens.sessions.get(first!)).toBe(false);
    expect(c.results[1]).toMatchObject({ ok: true, output: '', server: 3 });
  });

  it('a bad connect string is an error line and changes nothing; connect alone reuses the last list', () => {
    const ens = new FakeEnsemble([1, 2, 3]);
    ens.cmd('c1', 'connect server1:2182');
    expect(ens.client('c1').results[0]).toMatchObject({
      ok: false,
      output: "Nothing listens on server1:2182: every server's clientPort is 2181",
    });
    ens.cmd('c1', 'connect');
    expect(ens.client('c1').results[1]).toMatchObject({
      ok: false,
      output: 'connect: name the servers, like connect server1:2181,server2:2181,server3:2181',
    });
    ens.cmd('c1', 'ls /');
    expect(ens.client('c1').results[2]).toMatchObject({ ok: false, output: 'Not connected' });
    ens.cmd('c1', 'connect server1,server2');
    ens.runUntil(100);
    const s1 = ens.client('c1').view().sessionId;
    ens.cmd('c1', 'connect');
    ens.runUntil(300);
    const v = ens.client('c1').view();
    expect([...(v.hosts ?? [])].sort()).toEqual([1, 2]);
    expect(v.sessionId).not.toBe(s1);
  });
});
