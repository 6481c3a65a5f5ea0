/**
 * A scripted stand-in for the ensemble and the harness, to drive ClientCnxn in tests: a virtual
 * clock with an event queue, fixed network latency, per-client timers (one generation at a time),
 * and "servers" that answer ClientToServer messages from one shared, tiny znode tree. Servers can
 * be down (the harness answers connectionLost), not serving (refused), mute (never answer, so the
 * client's read timeout fires) or told to expire sessions.
 */
import { ClientCnxn, PING_XID, type ClientEffect } from '../../src/sim/ClientCnxn';
import { Random } from '../../src/zk/Random';
import type { ClientToServer, ServerToClient, WatchEventType } from '../../src/zk/PeerIO';
import type { Op, OpResult, Stat } from '../../src/zk/txn';
import type { TraceEvent } from '../../src/zk/trace';
import { Code } from '../../src/zk/ZooDefs';

interface Node {
  data: string;
  stat: Stat;
  ephemeral: boolean;
}

interface Conn {
  sessionId: string;
  data: Set<string>;
  child: Set<string>;
}

export class FakeServer {
  up = true;
  serving = true;
  /** receives everything, answers nothing */
  mute = false;
  readonly conns = new Map<string, Conn>();
  constructor(readonly sid: number) {}
}

interface Scheduled {
  at: number;
  seq: number;
  run: () => void;
}

export interface SentRecord {
  t: number;
  client: string;
  server: number;
  msg: ClientToServer;
}

export class FakeEnsemble {
  now = 0;
  latency = 1;
  zxid = 0x100000000;
  readonly servers = new Map<number, FakeServer>();
  readonly clients = new Map<string, ClientCnxn>();
  readonly sent: SentRecord[] = [];
  readonly trace: TraceEvent[] = [];
  /** sessions the "leader" knows; false = expired/closed */
  readonly sessions = new Map<string, boolean>();
  /** negotiated timeout the servers grant */
  grantTimeout = 30000;
  private readonly tree = new Map<string, Node>();
  private readonly queue: Scheduled[] = [];
  private seq = 0;
  private sessionCounter = 0;
  private readonly timerGen = new Map<string, number>();

  constructor(sids: number[]) {
    for (const sid of sids) this.servers.set(sid, new FakeServer(sid));
    this.tree.set('/', { data: '', stat: stat(0), ephemeral: false });
    this.tree.set('/zookeeper', { data: '', stat: stat(0), ephemeral: false });
  }

  server(sid: number): FakeServer {
    const s = this.servers.get(sid);
    if (s === undefined) throw new Error(`no server ${sid}`);
    return s;
  }

  client(id: string, sessionTimeoutMs = 30000, seed = 1): ClientCnxn {
    let c = this.clients.get(id);
    if (c === undefined) {
      c = new ClientCnxn(id, new Random(seed, 7), { sessionTimeoutMs });
      this.clients.set(id, c);
    }
    return c;
  }

  /** A client command at the current time (the client is created on first use). */
  cmd(id: string, line: string, server?: number): void {
    const c = this.client(id);
    this.apply(id, c.command(line, server, this.now));
  }

  at(t: number, run: () => void): void {
    this.queue.push({ at: t, seq: this.seq++, run });
  }

  /** Runs every event with time ≤ t, then sets the clock to t. */
  runUntil(t: number): void {
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.queue[0];
      if (next === undefined || next.at > t) break;
      this.queue.shift();
      this.now = next.at;
      next.run();
    }
    this.now = t;
  }

  /** Server `sid` crashes: it is down and its clients' sockets are reset. */
  crash(sid: number): void {
    const s = this.server(sid);
    s.up = false;
    for (const id of s.conns.keys()) this.toClient(id, sid, { kind: 'connectionLost' });
    s.conns.clear();
  }

  /** The leader expires a session: its ephemerals go, its connection is closed by the server. */
  expire(sessionId: string): void {
    this.sessions.set(sessionId, false);
    for (const s of this.servers.values()) {
      for (const [id, conn] of s.conns) {
        if (conn.sessionId === sessionId) {
          s.conns.delete(id);
          this.toClient(id, s.sid, { kind: 'connectionLost' });
        }
      }
    }
    for (const [path, node] of [...this.tree]) {
      if (node.ephemeral && node.stat.ephemeralOwner === sessionId) this.applyDelete(path);
    }
  }

  sentTo(server: number, kind: ClientToServer['kind']): SentRecord[] {
    return this.sent.filter((r) => r.server === server && r.msg.kind === kind);
  }

  // ------------------------------------------------------------------ wiring

  private apply(id: string, effects: ClientEffect[]): void {
    for (const e of effects) {
      switch (e.kind) {
        case 'trace':
          this.trace.push(e.ev);
          break;
        case 'setTimer': {
          this.timerGen.set(id, e.gen);
          const gen = e.gen;
          this.at(this.now + e.delay, () => {
            if (this.timerGen.get(id) !== gen) return;
            const c = this.clients.get(id);
            if (c !== undefined) this.apply(id, c.onTimer(gen, this.now));
          });
          break;
        }
        case 'send': {
          this.sent.push({ t: this.now, client: id, server: e.server, msg: e.msg });
          const msg = e.msg;
          const sid = e.server;
          this.at(this.now + this.latency, () => this.deliver(id, sid, msg));
          break;
        }
      }
    }
  }

  private toClient(id: string, sid: number, msg: ServerToClient): void {
    this.at(this.now + this.latency, () => {
      const c = this.clients.get(id);
      if (c !== undefined) this.apply(id, c.receive(sid, msg, this.now));
    });
  }

  private deliver(id: string, sid: number, msg: ClientToServer): void {
    const s = this.server(sid);
    if (!s.up) {
      this.toClient(id, sid, { kind: 'connectionLost' });
      return;
    }
    if (s.mute) return;
    switch (msg.kind) {
      case 'connect': {
        if (!s.serving) {
          this.toClient(id, sid, { kind: 'refused', reason: 'notServing' });
          return;
        }
        let sessionId = msg.sessionId;
        if (sessionId !== null && this.sessions.get(sessionId) !== true) {
          this.toClient(id, sid, { kind: 'expired' });
          return;
        }
        if (sessionId === null) {
          sessionId = `0x${sid}00000000000${this.sessionCounter++}`;
          this.sessions.set(sessionId, true);
          this.zxid++; // createSession txn
        }
        const conn: Conn = { sessionId, data: new Set(), child: new Set() };
        s.conns.set(id, conn);
        this.toClient(id, sid, { kind: 'connected', sessionId, timeout: this.grantTimeout });
        // SetWatches: re-arm, or fire what changed since lastZxidSeen (§6.6)
        for (const p of [...msg.watches.data, ...msg.watches.exist]) {
          const node = this.tree.get(p);
          if (msg.watches.data.includes(p) && node === undefined)
            this.toClient(id, sid, watch('NodeDeleted', p));
          else if (node !== undefined && node.stat.mzxid > msg.lastZxidSeen)
            this.toClient(
              id,
              sid,
              watch(msg.watches.exist.includes(p) ? 'NodeCreated' : 'NodeDataChanged', p),
            );
          else conn.data.add(p);
        }
        for (const p of msg.watches.child) conn.child.add(p);
        return;
      }
      case 'disconnect':
        s.conns.delete(id);
        return;
      case 'ping':
        this.toClient(id, sid, { kind: 'reply', xid: PING_XID, zxid: this.zxid, err: 0, result: null });
        return;
      case 'close': {
        const conn = s.conns.get(id);
        if (conn === undefined) return;
        this.zxid++;
        const z = this.zxid;
        this.sessions.set(conn.sessionId, false);
        s.conns.delete(id);
        this.toClient(id, sid, { kind: 'closed', xid: msg.xid, zxid: z });
        return;
      }
      case 'request': {
        const conn = s.conns.get(id);
        if (conn === undefined) return;
        const r = this.execute(conn, msg.op);
        // watches fired by the txn go out before the reply (FinalRequestProcessor order)
        this.toClient(id, sid, { kind: 'reply', xid: msg.xid, zxid: r.zxid, err: r.err, result: r.result });
        return;
      }
    }
  }

  // ------------------------------------------------------------------ a tiny DataTree

  private execute(conn: Conn, op: Op): { err: number; zxid: number; result: OpResult | null } {
    const write = op.op === 'create' || op.op === 'delete' || op.op === 'setData';
    if (write) this.zxid++;
    const z = this.zxid;
    const fail = (err: number): { err: number; zxid: number; result: null } => ({
      err,
      zxid: z,
      result: null,
    });
    switch (op.op) {
      case 'create': {
        if (this.tree.has(op.path)) return fail(Code.NODEEXISTS);
        const parent = parentOf(op.path);
        if (!this.tree.has(parent)) return fail(Code.NONODE);
        const st = stat(z);
        st.dataLength = op.data.length;
        const ephemeral = op.mode === 'EPHEMERAL' || op.mode === 'EPHEMERAL_SEQUENTIAL';
        if (ephemeral) st.ephemeralOwner = conn.sessionId;
        this.tree.set(op.path, { data: op.data, stat: st, ephemeral });
        this.fire(op.path, 'NodeCreated', 'data');
        this.fire(parent, 'NodeChildrenChanged', 'child');
        return { err: 0, zxid: z, result: { op: 'create', path: op.path, stat: st } };
      }
      case 'delete': {
        if (!this.tree.has(op.path)) return fail(Code.NONODE);
        this.applyDelete(op.path);
        return { err: 0, zxid: z, result: { op: 'delete' } };
      }
      case 'setData': {
        const node = this.tree.get(op.path);
        if (node === undefined) return fail(Code.NONODE);
        node.data = op.data;
        node.stat.mzxid = z;
        node.stat.version++;
        node.stat.dataLength = op.data.length;
        this.fire(op.path, 'NodeDataChanged', 'data');
        return { err: 0, zxid: z, result: { op: 'setData', stat: { ...node.stat } } };
      }
      case 'getData': {
        const node = this.tree.get(op.path);
        if (node === undefined) return fail(Code.NONODE);
        if (op.watch) conn.data.add(op.path);
        return { err: 0, zxid: z, result: { op: 'getData', data: node.data, stat: { ...node.stat } } };
      }
      case 'exists': {
        const node = this.tree.get(op.path);
        if (op.watch) conn.data.add(op.path);
        if (node === undefined) return fail(Code.NONODE);
        return { err: 0, zxid: z, result: { op: 'exists', stat: { ...node.stat } } };
      }
      case 'getChildren': {
        const node = this.tree.get(op.path);
        if (node === undefined) return fail(Code.NONODE);
        if (op.watch) conn.child.add(op.path);
        return {
          err: 0,
          zxid: z,
          result: { op: 'getChildren', children: this.childrenOf(op.path), stat: node.stat },
        };
      }
      case 'sync':
        return { err: 0, zxid: z, result: { op: 'sync', path: op.path } };
      default:
        return fail(Code.UNIMPLEMENTED);
    }
  }

  private applyDelete(path: string): void {
    this.tree.delete(path);
    this.fire(path, 'NodeDeleted', 'both');
    this.fire(parentOf(path), 'NodeChildrenChanged', 'child');
  }

  private childrenOf(path: string): string[] {
    const prefix = path === '/' ? '/' : path + '/';
    const out: string[] = [];
    for (const p of this.tree.keys()) {
      if (p !== '/' && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
        out.push(p.slice(prefix.length));
    }
    return out;
  }

  /** WatchManager.triggerWatch on every server: one-shot, one event per connection. */
  private fire(path: string, type: WatchEventType, which: 'data' | 'child' | 'both'): void {
    for (const s of this.servers.values()) {
      for (const [id, conn] of s.conns) {
        let hit = false;
        if (which !== 'child' && conn.data.delete(path)) hit = true;
        if (which !== 'data' && conn.child.delete(path)) hit = true;
        if (hit) this.toClient(id, s.sid, watch(type, path));
      }
    }
  }
}

function watch(type: WatchEventType, path: string): ServerToClient {
  return { kind: 'watch', type, path };
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function stat(zxid: number): Stat {
  return {
    czxid: zxid,
    mzxid: zxid,
    ctime: 0,
    mtime: 0,
    version: 0,
    cversion: 0,
    aversion: 0,
    ephemeralOwner: '0x0',
    dataLength: 0,
    numChildren: 0,
    pzxid: zxid,
  };
}
