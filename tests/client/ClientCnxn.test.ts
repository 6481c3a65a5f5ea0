import { describe, expect, it } from 'vitest';
import { ClientCnxn, PING_XID, type ClientEffect } from '../../src/sim/ClientCnxn';
import { Random } from '../../src/zk/Random';
import type { ClientToServer } from '../../src/zk/PeerIO';
import { FakeEnsemble } from './fakeEnsemble';

const SYNC = ['', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:None path:null'];
const DISCONNECTED = ['', 'WATCHER::', '', 'WatchedEvent state:Disconnected type:None path:null'];

function sessionEvents(ens: FakeEnsemble, id: string): string[] {
  return ens.client(id).events.map((e) => `${e.at} ${e.state} ${e.type} ${e.path ?? 'null'}`);
}

function connects(
  ens: FakeEnsemble,
): { t: number; server: number; msg: Extract<ClientToServer, { kind: 'connect' }> }[] {
  const out: { t: number; server: number; msg: Extract<ClientToServer, { kind: 'connect' }> }[] = [];
  for (const r of ens.sent) if (r.msg.kind === 'connect') out.push({ t: r.t, server: r.server, msg: r.msg });
  return out;
}

describe('ClientCnxn: connecting and running commands', () => {
  it('connects on the first command and prints "Created /a"', () => {
    const ens = new FakeEnsemble([1, 2, 3]);
    ens.cmd('c1', 'create /a hello', 1);
    ens.runUntil(100);
    const c = ens.client('c1');
    expect(c.results).toEqual([
      {
        at: 4,
        id: 'c1',
        server: 1,
        cmd: 'create /a hello',
        ok: true,
        output: 'Created /a',
        zxid: '0x100000002',
      },
    ]);
    expect(c.transcript).toEqual(['Connecting to server 1', 'zk> create /a hello', ...SYNC, 'Created /a']);
    expect(c.events).toEqual([{ at: 2, id: 'c1', state: 'SyncConnected', type: 'None', path: null }]);
    const first = connects(ens)[0];
    expect(first).toEqual({
      t: 0,
      server: 1,
      msg: {
        kind: 'connect',
        sessionId: null,
        timeout: 30000,
        lastZxidSeen: 0,
        watches: { data: [], exist: [], child: [] },
      },
    });
    expect(c.view()).toMatchObject({
      id: 'c1',
      server: 1,
      sessionId: '0x1000000000000',
      state: 'CONNECTED',
      busy: false,
    });
    const kinds = ens.trace.map((e) => e.ev);
    expect(kinds).toEqual(['client', 'watch', 'reply']);
    expect(ens.trace[2]).toEqual({
      t: 4,
      ev: 'reply',
      client: 'c1',
      server: 1,
      zxid: '0x100000002',
      ok: true,
      output: 'Created /a',
    });
  });

  it('runs queued commands one at a time, in order', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'create /a 1', 1);
    ens.cmd('c1', 'create /a 2');
    ens.cmd('c1', 'get /a');
    ens.cmd('c1', 'frobnicate /');
    ens.cmd('c1', 'set /a 3');
    ens.cmd('c1', 'get /a');
    const c = ens.client('c1');
    expect(c.results.map((r) => r.at)).toEqual([null, null, null, null, null, null]);
    expect(c.view().busy).toBe(true);
    ens.runUntil(100);
    expect(c.results.map((r) => [r.at, r.ok, r.output.split('\n').pop(), r.zxid])).toEqual([
      [4, true, 'Created /a', '0x100000002'],
      [6, false, 'Node already exists: /a', '0x100000003'], // a failed write still made a txn
      [8, true, '1', undefined],
      [8, false, 'Command not found: Command not found frobnicate', undefined],
      [10, true, '', '0x100000004'],
      [12, true, '3', undefined],
    ]);
    // requests went out one after the other, each after the previous answer
    const requests = ens.sentTo(1, 'request').map((r) => r.t);
    expect(requests).toEqual([2, 4, 6, 8, 10]);
    expect(c.transcript.filter((l) => l.startsWith('zk> '))).toEqual([
      'zk> create /a 1',
      'zk> create /a 2',
      'zk> get /a',
      'zk> frobnicate /',
      'zk> set /a 3',
      'zk> get /a',
    ]);
  });

  it('answers usage errors without contacting a server', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'create', 1);
    ens.cmd('c1', 'ls');
    ens.runUntil(100);
    const c = ens.client('c1');
    expect(c.results.map((r) => [r.at, r.ok, r.output])).toEqual([
      [0, false, 'create [-s] [-e] [-c] [-t ttl] path [data] [acl]'],
      [0, false, 'ls [-s] [-w] [-R] path'],
    ]);
    expect(ens.sent).toEqual([]);
  });

  it('retries a refused connection after 1000 ms + a random 0–999 ms, without failing the command', () => {
    const ens = new FakeEnsemble([1]);
    ens.server(1).serving = false;
    ens.at(6000, () => {
      ens.server(1).serving = true;
    });
    ens.cmd('c1', 'create /a x', 1);
    ens.runUntil(20000);
    const c = ens.client('c1');
    const cs = connects(ens);
    expect(cs.length).toBeGreaterThan(2);
    for (let i = 1; i < cs.length; i++) {
      const gap = cs[i].t - cs[i - 1].t;
      // the refusal arrives 2 ms after the connect; then StaticHostProvider's spin + startConnect's sleep
      expect(gap).toBeGreaterThanOrEqual(1002);
      expect(gap).toBeLessThanOrEqual(2001);
      expect(cs[i].msg.sessionId).toBeNull();
    }
    expect(cs[cs.length - 1].t).toBeGreaterThanOrEqual(6000);
    expect(c.results[0]).toMatchObject({ ok: true, output: 'Created /a' });
    expect(c.results[0].at).toBe(cs[cs.length - 1].t + 4);
    // never connected before: the refusals are not announced; one SyncConnected at the end
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected']);
  });

  it('is deterministic for a seed', () => {
    const run = (): number[] => {
      const ens = new FakeEnsemble([1]);
      ens.server(1).serving = false;
      ens.at(8000, () => {
        ens.server(1).serving = true;
      });
      ens.cmd('c1', 'ls /', 1);
      ens.runUntil(20000);
      return connects(ens).map((x) => x.t);
    };
    expect(run()).toEqual(run());
  });
});

describe('ClientCnxn: liveness', () => {
  it('pings an idle connection every readTimeout/2 and stays connected', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'ls /', 1);
    ens.runUntil(100_000);
    const pings = ens.sentTo(1, 'ping').map((r) => r.t);
    // readTimeout = 2/3 · 30000 = 20000; a ping when nothing was sent for 10000 ms
    expect(pings.slice(0, 3)).toEqual([10002, 20002, 30002]);
    expect(ens.client('c1').events.map((e) => e.state)).toEqual(['SyncConnected']);
  });

  it('times out after readTimeout of silence: Disconnected, CONNECTIONLOSS, reconnect with the same session, lastZxid and watches', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'create /a x', 1);
    ens.at(10, () => ens.cmd('c1', 'ls -w /'));
    ens.at(1000, () => {
      ens.server(1).mute = true;
    });
    ens.at(5000, () => ens.cmd('c1', 'get /a'));
    ens.at(20_500, () => {
      ens.server(1).mute = false;
    });
    ens.at(30_000, () => ens.cmd('c1', 'get /a'));
    ens.runUntil(40_000);
    const c = ens.client('c1');
    // last heard at 12 (the ls reply); 12 + 20000 = 20012
    expect(c.results[2]).toMatchObject({
      at: 20012,
      ok: false,
      output: 'KeeperErrorCode = ConnectionLoss for /a',
    });
    expect(c.results[3]).toMatchObject({ ok: true, output: 'x' });
    const ev = sessionEvents(ens, 'c1');
    expect(ev[0]).toBe('2 SyncConnected None null');
    expect(ev[1]).toBe('20012 Disconnected None null');
    expect(ev[2]).toMatch(/^\d+ SyncConnected None null$/);
    expect(ens.sentTo(1, 'disconnect').map((r) => r.t)).toEqual([20012]);
    const cs = connects(ens);
    expect(cs).toHaveLength(2);
    expect(cs[1].t).toBeGreaterThanOrEqual(21012);
    expect(cs[1].t).toBeLessThanOrEqual(22011);
    expect(cs[1].msg).toEqual({
      kind: 'connect',
      sessionId: '0x1000000000000',
      timeout: 30000,
      lastZxidSeen: 0x100000002,
      watches: { data: [], exist: [], child: ['/'] },
    });
    const t = c.transcript;
    const lossAt = t.indexOf('KeeperErrorCode = ConnectionLoss for /a');
    expect(t.slice(lossAt, lossAt + 1 + 8)).toEqual([
      'KeeperErrorCode = ConnectionLoss for /a',
      ...DISCONNECTED,
      ...SYNC,
    ]);
  });

  it('a server that dies resets the connection; commands wait while the client reconnects', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'create /a x', 1);
    ens.at(1000, () => ens.crash(1));
    ens.at(1500, () => ens.cmd('c1', 'get /a'));
    ens.at(6000, () => {
      ens.server(1).up = true;
    });
    ens.runUntil(20_000);
    const c = ens.client('c1');
    expect(c.results[1]).toMatchObject({ ok: true, output: 'x' });
    expect(c.results[1].at).toBeGreaterThan(6000);
    expect(c.events.map((e) => `${e.at} ${e.state}`).slice(0, 2)).toEqual([
      '2 SyncConnected',
      '1001 Disconnected',
    ]);
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected', 'Disconnected', 'SyncConnected']);
    // connects to a dead server failed fast and were retried; Disconnected was announced once
    expect(connects(ens).length).toBeGreaterThan(3);
  });
});

describe('ClientCnxn: connection attempts', () => {
  it('a connect nobody answers times out after connectTimeout (= session timeout, one server) and is retried', () => {
    const ens = new FakeEnsemble([1]);
    ens.server(1).mute = true;
    ens.at(31_000, () => {
      ens.server(1).mute = false;
    });
    ens.cmd('c1', 'ls /', 1);
    ens.runUntil(40_000);
    const c = ens.client('c1');
    // never primed: no random sleep, only StaticHostProvider's 1000 ms spin
    expect(connects(ens).map((x) => x.t)).toEqual([0, 31_000]);
    expect(ens.sentTo(1, 'disconnect').map((r) => r.t)).toEqual([30_000]);
    expect(c.results[0]).toMatchObject({ at: 31_004, ok: true, output: '[zookeeper]' });
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected']);
  });

  it('a reconnect refused many times announces Disconnected once and keeps the session', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'create /a x', 1);
    ens.at(1000, () => {
      ens.server(1).serving = false;
      ens.crash(1);
      ens.server(1).up = true;
    });
    ens.at(9000, () => {
      ens.server(1).serving = true;
    });
    ens.at(1500, () => ens.cmd('c1', 'get /a'));
    ens.runUntil(20_000);
    const c = ens.client('c1');
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected', 'Disconnected', 'SyncConnected']);
    const cs = connects(ens);
    expect(cs.length).toBeGreaterThan(4);
    for (const x of cs.slice(1)) {
      expect(x.msg.sessionId).toBe('0x1000000000000');
      expect(x.msg.lastZxidSeen).toBe(0x100000002);
    }
    expect(c.results[1]).toMatchObject({ ok: true, output: 'x' });
  });

  it('after disconnect, a later command comes back as a new client of the same session', () => {
    const ens = new FakeEnsemble([1, 2]);
    ens.cmd('c1', 'get -w /zookeeper', 1);
    ens.at(100, () => ens.cmd('c1', 'disconnect'));
    ens.at(5000, () => ens.cmd('c1', 'ls /', 2));
    ens.runUntil(6000);
    const c = ens.client('c1');
    const cs = connects(ens);
    expect(cs.map((x) => [x.t, x.server, x.msg.sessionId, x.msg.lastZxidSeen])).toEqual([
      [0, 1, null, 0],
      [5000, 2, '0x1000000000000', 0],
    ]);
    expect(cs[1].msg.watches).toEqual({ data: [], exist: [], child: [] });
    expect(c.results[2]).toMatchObject({ server: 2, ok: true, output: '[zookeeper]' });
    expect(c.events.map((e) => `${e.at} ${e.state}`)).toEqual(['2 SyncConnected', '5002 SyncConnected']);
    expect(c.transcript.filter((l) => l.startsWith('Connecting') || l.startsWith('zk>'))).toEqual([
      'Connecting to server 1',
      'zk> get -w /zookeeper',
      'zk> disconnect',
      'Connecting to server 2',
      'zk> ls /',
    ]);
  });

  it('after disconnect, an expired session is reported when the client comes back', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'create -e /e 1', 1);
    ens.at(100, () => ens.cmd('c1', 'disconnect'));
    ens.at(40_000, () => ens.expire('0x1000000000000'));
    ens.at(50_000, () => ens.cmd('c1', 'ls /'));
    ens.at(50_000, () => ens.cmd('c1', 'ls /'));
    ens.runUntil(60_000);
    const c = ens.client('c1');
    expect(c.results.slice(2).map((r) => [r.at, r.output])).toEqual([
      [50_002, 'KeeperErrorCode = Session expired for /'],
      [50_002, 'Not connected'],
    ]);
    expect(c.events.map((e) => `${e.at} ${e.state}`)).toEqual(['2 SyncConnected', '50002 Expired']);
  });
});

describe('ClientCnxn: expiry and close', () => {
  it('expired: Expired event, the waiting command fails with "Session expired", later ones print "Not connected"', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'create -e /e 1', 1);
    ens.at(1000, () => ens.crash(1));
    ens.at(2000, () => ens.cmd('c1', 'get /e'));
    ens.at(2000, () => ens.cmd('c1', 'ls /'));
    ens.at(5000, () => ens.expire('0x1000000000000'));
    ens.at(8000, () => {
      ens.server(1).up = true;
    });
    ens.at(30_000, () => ens.cmd('c1', 'ls /'));
    ens.runUntil(60_000);
    const c = ens.client('c1');
    expect(c.results.map((r) => [r.ok, r.output])).toEqual([
      [true, 'Created /e'],
      [false, 'KeeperErrorCode = Session expired for /e'],
      [false, 'Not connected'],
      [false, 'Not connected'],
    ]);
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected', 'Disconnected', 'Expired']);
    const expiredAt = c.events[2].at;
    expect(expiredAt).toBeGreaterThan(8000);
    expect(c.results[1].at).toBe(expiredAt);
    // no reconnects, pings or timers after the expiry
    expect(ens.sent.filter((r) => r.t > expiredAt)).toEqual([]);
    expect(c.view().state).toBe('EXPIRED');
    const i = c.transcript.indexOf('WatchedEvent state:Expired type:None path:null');
    expect(c.transcript.slice(i - 3, i + 2)).toEqual([
      '',
      'WATCHER::',
      '',
      'WatchedEvent state:Expired type:None path:null',
      'KeeperErrorCode = Session expired for /e',
    ]);
  });

  it('close sends the closeSession, prints Closed; then "Not connected" and silence', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'create /a x', 1);
    ens.cmd('c1', 'close');
    ens.cmd('c1', 'ls /');
    ens.runUntil(100_000);
    const c = ens.client('c1');
    expect(c.results.map((r) => [r.at, r.ok, r.output, r.zxid])).toEqual([
      [4, true, 'Created /a', '0x100000002'],
      [6, true, '', '0x100000003'],
      [6, false, 'Not connected', undefined],
    ]);
    expect(c.transcript).toEqual([
      'Connecting to server 1',
      'zk> create /a x',
      ...SYNC,
      'Created /a',
      'zk> close',
      '',
      'WATCHER::',
      '',
      'WatchedEvent state:Closed type:None path:null',
      'zk> ls /',
      'Not connected',
    ]);
    expect(ens.sentTo(1, 'close')).toEqual([
      { t: 4, client: 'c1', server: 1, msg: { kind: 'close', xid: 2 } },
    ]);
    expect(ens.sent.filter((r) => r.t > 4)).toEqual([]);
    expect(c.view().state).toBe('CLOSED');
  });

  it('close while the server is unreachable just closes the client', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'ls /', 1);
    ens.at(1000, () => ens.crash(1));
    ens.at(1500, () => ens.cmd('c1', 'close'));
    ens.runUntil(10_000);
    const c = ens.client('c1');
    expect(c.results[1]).toMatchObject({ at: 1500, ok: true, output: '' });
    expect(c.results[1].zxid).toBeUndefined();
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected', 'Disconnected', 'Closed']);
    expect(ens.sent.filter((r) => r.t >= 1500)).toEqual([]);
  });

  it('disconnect: goes silent without closing the session', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', 'create -e /e 1', 1);
    ens.at(100, () => ens.cmd('c1', 'disconnect'));
    ens.runUntil(100_000);
    const c = ens.client('c1');
    expect(c.results[1]).toMatchObject({ at: 100, ok: true, output: '' });
    expect(ens.sentTo(1, 'disconnect').map((r) => r.t)).toEqual([100]);
    expect(ens.sentTo(1, 'close')).toEqual([]);
    expect(ens.sent.filter((r) => r.t > 100)).toEqual([]);
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected']);
    expect(c.view().state).toBe('DISCONNECTED');
    expect(ens.sessions.get('0x1000000000000')).toBe(true);
  });
});

describe('ClientCnxn: watches', () => {
  it('a data watch fires once and prints a WATCHER:: block; exists on a missing node sets a watch', () => {
    const ens = new FakeEnsemble([1, 2]);
    ens.cmd('c2', 'create /a x', 2);
    ens.at(10, () => ens.cmd('c1', 'get -w /a', 1));
    ens.at(10, () => ens.cmd('c1', 'stat -w /b'));
    ens.at(100, () => ens.cmd('c2', 'set /a y'));
    ens.at(110, () => ens.cmd('c2', 'set /a z'));
    ens.at(120, () => ens.cmd('c2', 'create /b 1'));
    ens.runUntil(1000);
    const c1 = ens.client('c1');
    expect(c1.results.map((r) => r.output)).toEqual(['x', 'Node does not exist: /b']);
    expect(sessionEvents(ens, 'c1')).toEqual([
      '12 SyncConnected None null',
      '102 SyncConnected NodeDataChanged /a',
      '122 SyncConnected NodeCreated /b',
    ]);
    expect(c1.transcript.slice(-8)).toEqual([
      '',
      'WATCHER::',
      '',
      'WatchedEvent state:SyncConnected type:NodeDataChanged path:/a',
      '',
      'WATCHER::',
      '',
      'WatchedEvent state:SyncConnected type:NodeCreated path:/b',
    ]);
    const watchTrace = ens.trace.filter((e) => e.ev === 'watch' && e.client === 'c1');
    expect(watchTrace).toHaveLength(3);
  });

  it('a watch event is delivered once per registration (one-shot, ZKWatchManager.materialize)', () => {
    const c = new ClientCnxn('c1', new Random(3), { sessionTimeoutMs: 30000 });
    const sends = (fx: ClientEffect[]): ClientToServer[] =>
      fx.flatMap((e) => (e.kind === 'send' ? [e.msg] : []));
    expect(sends(c.command('get -w /a', 1, 0))[0]).toMatchObject({ kind: 'connect' });
    const req = sends(c.receive(1, { kind: 'connected', sessionId: '0x1', timeout: 30000 }, 1));
    expect(req).toEqual([{ kind: 'request', xid: 1, op: { op: 'getData', path: '/a', watch: true } }]);
    const stat = {
      czxid: 5,
      mzxid: 5,
      ctime: 0,
      mtime: 0,
      version: 0,
      cversion: 0,
      aversion: 0,
      ephemeralOwner: '0x0',
      dataLength: 1,
      numChildren: 0,
      pzxid: 5,
    };
    c.receive(1, { kind: 'reply', xid: 1, zxid: 5, err: 0, result: { op: 'getData', data: 'v', stat } }, 2);
    c.receive(1, { kind: 'watch', type: 'NodeDataChanged', path: '/a' }, 3);
    c.receive(1, { kind: 'watch', type: 'NodeDataChanged', path: '/a' }, 4);
    c.receive(1, { kind: 'watch', type: 'NodeDeleted', path: '/zzz' }, 5);
    expect(c.events.map((e) => `${e.at} ${e.type} ${e.path ?? 'null'}`)).toEqual([
      '1 None null',
      '3 NodeDataChanged /a',
    ]);
    // a stale ping answer or an unknown xid from an older connection changes nothing
    expect(c.receive(1, { kind: 'reply', xid: PING_XID, zxid: 9, err: 0, result: null }, 6)).toEqual([]);
    expect(c.receive(2, { kind: 'connectionLost' }, 7)).toEqual([]);
    expect(c.view().state).toBe('CONNECTED');
  });
});

describe('ClientCnxn: jute.maxbuffer and moving between servers', () => {
  it('an oversize request is never sent: ConnectionLoss, then Disconnected and SyncConnected', () => {
    const ens = new FakeEnsemble([1]);
    ens.cmd('c1', `create /big1 ${'x'.repeat(1_000_000)}`, 1);
    ens.at(100, () => ens.cmd('c1', `create /big2 ${'x'.repeat(1_048_577)}`));
    ens.at(5000, () => ens.cmd('c1', 'ls /'));
    ens.runUntil(10_000);
    const c = ens.client('c1');
    expect(c.results.map((r) => [r.ok, r.output, r.zxid])).toEqual([
      [true, 'Created /big1', '0x100000002'],
      [false, 'KeeperErrorCode = ConnectionLoss for /big2', undefined],
      [true, '[big1, zookeeper]', undefined],
    ]);
    expect(c.results[1].at).toBe(100);
    const requests = ens.sentTo(1, 'request').map((r) => (r.msg.kind === 'request' ? r.msg.op.op : ''));
    expect(requests).toEqual(['create', 'getChildren']);
    expect(ens.sentTo(1, 'disconnect').map((r) => r.t)).toEqual([100]);
    const t = c.transcript.filter((l) => !l.startsWith('zk> create /big'));
    expect(t.slice(t.indexOf('KeeperErrorCode = ConnectionLoss for /big2'))).toEqual([
      'KeeperErrorCode = ConnectionLoss for /big2',
      ...DISCONNECTED,
      ...SYNC,
      'zk> ls /',
      '[big1, zookeeper]',
    ]);
    expect(c.events.map((e) => e.state)).toEqual(['SyncConnected', 'Disconnected', 'SyncConnected']);
  });

  it('naming another server moves the session there with its watches', () => {
    const ens = new FakeEnsemble([1, 2]);
    ens.cmd('c1', 'ls -w /', 1);
    ens.at(100, () => ens.cmd('c1', 'create /a x', 2));
    ens.at(200, () => ens.cmd('c1', 'get /a'));
    ens.runUntil(1000);
    const c = ens.client('c1');
    expect(c.results.map((r) => [r.server, r.output])).toEqual([
      [1, '[zookeeper]'],
      [2, 'Created /a'],
      [2, 'x'],
    ]);
    expect(ens.sentTo(1, 'disconnect').map((r) => r.t)).toEqual([100]);
    const cs = connects(ens);
    expect(cs.map((x) => [x.t, x.server, x.msg.sessionId])).toEqual([
      [0, 1, null],
      [100, 2, '0x1000000000000'],
    ]);
    expect(cs[1].msg.watches.child).toEqual(['/']);
    // the child watch re-registered on server 2 fired for the create
    expect(sessionEvents(ens, 'c1')).toEqual([
      '2 SyncConnected None null',
      '100 Disconnected None null',
      '102 SyncConnected None null',
      '104 SyncConnected NodeChildrenChanged /',
    ]);
  });
});
