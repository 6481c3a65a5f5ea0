import { describe, expect, it } from 'vitest';
import { DataTree } from '../../src/zk/DataTree';
import {
  PrepRequestProcessor,
  exceedsJuteMaxBuffer,
  formatSequence,
  requestSize,
  type PrepRequest,
} from '../../src/zk/PrepRequestProcessor';
import { Code, JUTE_MAXBUFFER, type CreateMode } from '../../src/zk/ZooDefs';
import { makeZxid, zxidToHex } from '../../src/zk/Zxid';
import type { Op, SessionId, TxnRecord } from '../../src/zk/txn';

const S: SessionId = '0x1000003a70f0000';

/** A leader's prep stage over a tree; writes may be prepared now and applied later. */
class Rig {
  tree = new DataTree();
  sessions = new Map<SessionId, number>();
  prep = new PrepRequestProcessor(this.tree, (id) => this.sessions.get(id) ?? Code.UNKNOWNSESSION);
  zxid = makeZxid(1, 0);
  time = 1000;

  constructor() {
    this.sessions.set(S, Code.OK);
  }
  prepare(req: PrepRequest): TxnRecord {
    this.zxid += 1;
    return this.prep.pRequest(req, this.zxid, this.time);
  }
  commit(r: TxnRecord) {
    const rc = this.tree.processTxn(r);
    this.prep.committed(r.hdr.zxid);
    return rc;
  }
  /** prepare + commit at once */
  op(op: Op, session: SessionId = S) {
    const r = this.prepare({ sessionId: session, cxid: 1, kind: 'op', op });
    return { rec: r, rc: this.commit(r) };
  }
}
const mk = (path: string, mode: CreateMode = 'PERSISTENT', data = ''): Op => ({
  op: 'create',
  path,
  data,
  mode,
});
const del = (path: string, version = -1): Op => ({ op: 'delete', path, version });
const set = (path: string, data: string, version = -1): Op => ({ op: 'setData', path, data, version });
const req = (op: Op, sessionId: SessionId = S): PrepRequest => ({ sessionId, cxid: 1, kind: 'op', op });

describe('S12: znode semantics walk-through (fresh ensemble, epoch 1)', () => {
  it('reproduces every zxid, name and stat of §9 S12', () => {
    const r = new Rig();
    r.sessions.clear();
    const cs = r.prepare({ sessionId: S, cxid: 0, kind: 'createSession', timeout: 30000 });
    expect(cs.txn).toEqual({ type: 'createSession', timeOut: 30000 });
    expect(zxidToHex(cs.hdr.zxid)).toBe('0x100000001');
    r.commit(cs);
    r.sessions.set(S, Code.OK);

    const q = r.op(mk('/q'));
    expect(zxidToHex(q.rec.hdr.zxid)).toBe('0x100000002');
    const names = [3, 4, 5].map((c) => {
      const x = r.op(mk('/q/n-', 'PERSISTENT_SEQUENTIAL'));
      expect(x.rec.hdr.zxid).toBe(makeZxid(1, c));
      return x.rc.path;
    });
    expect(names).toEqual(['/q/n-0000000000', '/q/n-0000000001', '/q/n-0000000002']);
    const d = r.op(del('/q/n-0000000001'));
    expect(d.rec.txn).toEqual({ type: 'delete', path: '/q/n-0000000001' });
    expect(zxidToHex(d.rec.hdr.zxid)).toBe('0x100000006');
    // just before: client cversion 4 (3 creates + 1 delete)
    expect(r.tree.statNode('/q')?.cversion).toBe(4);
    const n3 = r.op(mk('/q/n-', 'PERSISTENT_SEQUENTIAL'));
    expect(n3.rc.path).toBe('/q/n-0000000003');
    expect(zxidToHex(n3.rec.hdr.zxid)).toBe('0x100000007');

    expect(r.tree.statNode('/q')).toEqual({
      czxid: makeZxid(1, 2),
      mzxid: makeZxid(1, 2),
      pzxid: makeZxid(1, 7),
      ctime: 1000,
      mtime: 1000,
      version: 0,
      cversion: 5,
      aversion: 0,
      numChildren: 3,
      dataLength: 0,
      ephemeralOwner: '0x0',
    });

    // create /q again: NODEEXISTS, but zxid 0x100000008 is consumed (an error txn)
    const again = r.op(mk('/q'));
    expect(again.rec).toMatchObject({
      hdr: { zxid: makeZxid(1, 8) },
      txn: { type: 'error', err: Code.NODEEXISTS },
    });
    expect(again.rc.err).toBe(Code.NODEEXISTS);
    expect(r.tree.lastProcessedZxid).toBe(makeZxid(1, 8));

    const s1 = r.op(set('/q', 'v', 0));
    expect(s1.rec).toMatchObject({ hdr: { zxid: makeZxid(1, 9) }, txn: { type: 'setData', version: 1 } });
    expect(r.tree.statNode('/q')?.version).toBe(1);

    const s2 = r.op(set('/q', 'w', 0));
    expect(s2.rec).toMatchObject({
      hdr: { zxid: makeZxid(1, 0xa) },
      txn: { type: 'error', err: Code.BADVERSION },
    });

    // version check passes first, then NOTEMPTY
    const dq = r.op(del('/q', 1));
    expect(dq.rec).toMatchObject({
      hdr: { zxid: makeZxid(1, 0xb) },
      txn: { type: 'error', err: Code.NOTEMPTY },
    });

    const next = r.op(mk('/next'));
    expect(zxidToHex(next.rec.hdr.zxid)).toBe('0x10000000c');
    expect(next.rc.err).toBe(Code.OK);
    expect(r.tree.lastProcessedZxid).toBe(makeZxid(1, 0xc));
  });
});

describe('PrepRequestProcessor: pending changes are visible to later requests', () => {
  it('sequential suffixes count pending creates (concurrent creators get consecutive numbers)', () => {
    const r = new Rig();
    r.op(mk('/q'));
    const pending = [0, 1, 2].map(() => r.prepare(req(mk('/q/n-', 'EPHEMERAL_SEQUENTIAL'))));
    expect(pending.map((p) => (p.txn.type === 'create' ? p.txn.path : null))).toEqual([
      '/q/n-0000000000',
      '/q/n-0000000001',
      '/q/n-0000000002',
    ]);
    expect(pending.map((p) => (p.txn.type === 'create' ? p.txn.parentCVersion : null))).toEqual([1, 2, 3]);
    pending.forEach((p) => r.commit(p));
    expect(r.tree.getChildren('/q')).toEqual(['n-0000000000', 'n-0000000001', 'n-0000000002']);
    expect(r.tree.getNode('/q')?.stat.cversion).toBe(3);
    expect(r.tree.getEphemerals(S)).toEqual(['/q/n-0000000000', '/q/n-0000000001', '/q/n-0000000002']);
    expect(r.prep.outstandingChanges()).toEqual([]);
  });

  it('failed creates do not count; deletes do not count', () => {
    const r = new Rig();
    r.op(mk('/q'));
    r.op(mk('/q/a'));
    r.op(mk('/q/a')); // NODEEXISTS
    r.op(del('/q/a'));
    expect(r.op(mk('/q/s-', 'PERSISTENT_SEQUENTIAL')).rc.path).toBe('/q/s-0000000001');
  });

  it('a create after a pending create of the same path gets NODEEXISTS', () => {
    const r = new Rig();
    const a = r.prepare(req(mk('/a')));
    const b = r.prepare(req(mk('/a')));
    expect(a.txn.type).toBe('create');
    expect(b.txn).toEqual({ type: 'error', err: Code.NODEEXISTS });
    r.commit(a);
    r.commit(b);
    expect(r.tree.userPaths()).toEqual(['/a']);
  });

  it('children of a pending node can be created; of a pending delete cannot', () => {
    const r = new Rig();
    const p = r.prepare(req(mk('/p')));
    const c = r.prepare(req(mk('/p/c')));
    expect(c.txn).toMatchObject({ type: 'create', path: '/p/c', parentCVersion: 1 });
    const dc = r.prepare(req(del('/p/c')));
    const dp = r.prepare(req(del('/p')));
    expect(dc.txn.type).toBe('delete');
    expect(dp.txn.type).toBe('delete'); // the pending delete of /p/c made it empty
    expect(r.prepare(req(mk('/p/d'))).txn).toEqual({ type: 'error', err: Code.NONODE });
    expect(r.prepare(req(del('/p'))).txn).toEqual({ type: 'error', err: Code.NONODE });
    for (const x of [p, c, dc, dp]) r.commit(x);
    expect(r.tree.userPaths()).toEqual([]);
  });

  it('versions follow pending setData; a pending ephemeral parent refuses children', () => {
    const r = new Rig();
    r.op(mk('/v'));
    const s1 = r.prepare(req(set('/v', 'a', 0)));
    const s2 = r.prepare(req(set('/v', 'b', 1)));
    const s3 = r.prepare(req(set('/v', 'c', 1)));
    expect([s1, s2, s3].map((x) => x.txn)).toEqual([
      { type: 'setData', path: '/v', data: 'a', version: 1 },
      { type: 'setData', path: '/v', data: 'b', version: 2 },
      { type: 'error', err: Code.BADVERSION },
    ]);
    r.prepare(req(mk('/e', 'EPHEMERAL')));
    expect(r.prepare(req(mk('/e/child'))).txn).toEqual({ type: 'error', err: Code.NOCHILDRENFOREPHEMERALS });
  });

  it('committed(zxid) drops the change records of applied txns only', () => {
    const r = new Rig();
    const a = r.prepare(req(mk('/a')));
    const b = r.prepare(req(mk('/b')));
    expect(r.prep.outstandingChanges().map((c) => [c.path, c.zxid])).toEqual([
      ['/', a.hdr.zxid],
      ['/a', a.hdr.zxid],
      ['/', b.hdr.zxid],
      ['/b', b.hdr.zxid],
    ]);
    r.commit(a);
    expect(r.prep.outstandingChanges().map((c) => c.path)).toEqual(['/', '/b']);
    // still sees /b pending
    expect(r.prepare(req(mk('/b'))).txn).toEqual({ type: 'error', err: Code.NODEEXISTS });
    r.prep.clear();
    expect(r.prep.outstandingChanges()).toEqual([]);
    expect(r.prepare(req(mk('/b'))).txn.type).toBe('create'); // forgotten: the tree has no /b
  });
});

describe('PrepRequestProcessor: checks in §6.2 order', () => {
  it('create', () => {
    const r = new Rig();
    expect(r.op(mk('/x/y')).rec.txn).toEqual({ type: 'error', err: Code.NONODE });
    expect(r.op(mk('noslash')).rec.txn).toEqual({ type: 'error', err: Code.BADARGUMENTS });
    expect(r.op(mk('/a\u0000b')).rec.txn).toEqual({ type: 'error', err: Code.BADARGUMENTS });
    expect(r.op(mk('/')).rec.txn).toEqual({ type: 'error', err: Code.NODEEXISTS });
    expect(r.op(mk('/a/')).rec.txn).toEqual({ type: 'error', err: Code.NONODE });
    r.op(mk('/a'));
    expect(r.op(mk('/a/')).rec.txn).toEqual({ type: 'error', err: Code.BADARGUMENTS }); // full path invalid
    expect(r.op(mk('/a/', 'PERSISTENT_SEQUENTIAL')).rc.path).toBe('/a/0000000000');
    expect(r.op(mk('/zookeeper/x')).rc.err).toBe(Code.OK);
  });

  it('create stamps the owner, the data and the new parent cversion', () => {
    const r = new Rig();
    r.op(mk('/p'));
    const e = r.op(mk('/p/e', 'EPHEMERAL', 'd'));
    expect(e.rec.txn).toEqual({
      type: 'create',
      path: '/p/e',
      data: 'd',
      ephemeralOwner: S,
      parentCVersion: 1,
    });
    const n = r.op(mk('/p/n', 'PERSISTENT', 'd'));
    expect(n.rec.txn).toMatchObject({ ephemeralOwner: '0x0', parentCVersion: 2 });
    expect(e.rec.hdr).toEqual({ clientId: S, cxid: 1, zxid: e.rec.hdr.zxid, time: 1000 });
  });

  it('delete: BADARGUMENTS for / and system nodes, NONODE, BADVERSION before NOTEMPTY', () => {
    const r = new Rig();
    for (const p of ['/', '/zookeeper', '/zookeeper/quota', '/zookeeper/config', 'rel']) {
      expect(r.op(del(p)).rec.txn, p).toEqual({ type: 'error', err: Code.BADARGUMENTS });
    }
    expect(r.op(del('/nope')).rec.txn).toEqual({ type: 'error', err: Code.NONODE });
    expect(r.op(del('/no/pe')).rec.txn).toEqual({ type: 'error', err: Code.NONODE });
    r.op(mk('/a'));
    r.op(mk('/a/b'));
    expect(r.op(del('/a', 3)).rec.txn).toEqual({ type: 'error', err: Code.BADVERSION });
    expect(r.op(del('/a', 0)).rec.txn).toEqual({ type: 'error', err: Code.NOTEMPTY });
    expect(r.op(del('/a/b', 0)).rec.txn).toEqual({ type: 'delete', path: '/a/b' });
  });

  it('setData: BADARGUMENTS, NONODE, BADVERSION; never produces version -1', () => {
    const r = new Rig();
    expect(r.op(set('bad', '')).rec.txn).toEqual({ type: 'error', err: Code.BADARGUMENTS });
    expect(r.op(set('/nope', '')).rec.txn).toEqual({ type: 'error', err: Code.NONODE });
    // a node at version -2 (ZOOKEEPER-4743 wrap-around): next is 0, not -1
    const s = r.tree.serialize();
    s.nodes.push({ path: '/w', data: '', stat: { ...s.nodes[0].stat, version: -2 } });
    r.tree = DataTree.deserialize(s);
    r.prep = new PrepRequestProcessor(r.tree, () => Code.OK);
    expect(r.op(set('/w', 'x', -2)).rec.txn).toMatchObject({ type: 'setData', version: 0 });
    const t2 = r.tree.serialize();
    t2.nodes.push({ path: '/m', data: '', stat: { ...t2.nodes[0].stat, version: 2147483647 } });
    r.tree = DataTree.deserialize(t2);
    r.prep = new PrepRequestProcessor(r.tree, () => Code.OK);
    expect(r.op(set('/m', 'x')).rec.txn).toMatchObject({ type: 'setData', version: -2147483648 });
  });

  it('session checks: expired, unknown, and unknown-as-expired for ephemerals', () => {
    const r = new Rig();
    r.sessions.set('0xdead', Code.SESSIONEXPIRED);
    expect(r.op(mk('/a'), '0xdead').rec.txn).toEqual({ type: 'error', err: Code.SESSIONEXPIRED });
    expect(r.op(mk('/a'), '0xnew').rec.txn).toEqual({ type: 'error', err: Code.UNKNOWNSESSION });
    expect(r.op(mk('/a', 'EPHEMERAL'), '0xnew').rec.txn).toEqual({ type: 'error', err: Code.SESSIONEXPIRED });
    expect(r.op(del('/a'), '0xdead').rec.txn).toEqual({ type: 'error', err: Code.SESSIONEXPIRED });
    expect(r.op(set('/a', ''), '0xdead').rec.txn).toEqual({ type: 'error', err: Code.SESSIONEXPIRED });
    // the session is checked before the path
    expect(r.op(del('/'), '0xdead').rec.txn).toEqual({ type: 'error', err: Code.SESSIONEXPIRED });
    // closeSession is never checked (the expirer submits it for a closing session)
    expect(r.prepare({ sessionId: '0xdead', cxid: 0, kind: 'closeSession' }).txn.type).toBe('closeSession');
  });

  it('reads and sync never reach the prep stage', () => {
    const r = new Rig();
    expect(() => r.prepare(req({ op: 'getData', path: '/', watch: false }))).toThrow(/not a write/);
    expect(() => r.prepare(req({ op: 'sync', path: '/' }))).toThrow(/not a write/);
  });
});

describe('PrepRequestProcessor: multi', () => {
  it('a successful multi: one zxid, real txns, later ops see earlier ones', () => {
    const r = new Rig();
    const m = r.op({
      op: 'multi',
      ops: [
        mk('/m'),
        mk('/m/s-', 'PERSISTENT_SEQUENTIAL'),
        set('/m', 'x', 0),
        { op: 'check', path: '/m', version: 1 },
      ],
    });
    expect(m.rec.txn).toEqual({
      type: 'multi',
      txns: [
        { type: 'create', path: '/m', data: '', ephemeralOwner: '0x0', parentCVersion: 1 },
        { type: 'create', path: '/m/s-0000000000', data: '', ephemeralOwner: '0x0', parentCVersion: 1 },
        { type: 'setData', path: '/m', data: 'x', version: 1 },
        { type: 'check', path: '/m', version: 2 }, // CheckVersionTxn carries version + 1
      ],
    });
    expect(m.rc.err).toBe(Code.OK);
    expect(r.tree.statNode('/m')).toMatchObject({ version: 1, numChildren: 1, czxid: m.rec.hdr.zxid });
  });

  it('on failure: real txns before, the error, then RUNTIMEINCONSISTENCY; nothing applied', () => {
    const r = new Rig();
    r.op(mk('/q'));
    const m = r.op({
      op: 'multi',
      ops: [mk('/q/s-', 'PERSISTENT_SEQUENTIAL'), set('/missing', 'x'), mk('/z'), del('/q')],
    });
    expect(m.rec.txn).toEqual({
      type: 'multi',
      txns: [
        { type: 'create', path: '/q/s-0000000000', data: '', ephemeralOwner: '0x0', parentCVersion: 1 },
        { type: 'error', err: Code.NONODE },
        { type: 'error', err: Code.RUNTIMEINCONSISTENCY },
        { type: 'error', err: Code.RUNTIMEINCONSISTENCY },
      ],
    });
    expect(m.rc.err).toBe(Code.NONODE);
    expect(m.rc.multiResult?.map((x) => x.err)).toEqual([0, Code.NONODE, -2, -2]);
    expect(r.tree.userPaths()).toEqual(['/q']);
    expect(r.tree.lastProcessedZxid).toBe(m.rec.hdr.zxid);
    // its pending changes were rolled back: the sequence number was not used up
    expect(r.op(mk('/q/s-', 'PERSISTENT_SEQUENTIAL')).rc.path).toBe('/q/s-0000000000');
  });

  it('rollback restores the older pending records of the same paths', () => {
    const r = new Rig();
    r.op(mk('/p'));
    const s1 = r.prepare(req(set('/p', 'one', 0))); // pending: version 1
    const c1 = r.prepare(req(mk('/p/a'))); // pending: /p cversion 1
    const m = r.prepare(req({ op: 'multi', ops: [set('/p', 'two', 1), mk('/p/b'), del('/nope')] }));
    expect(m.txn.type === 'multi' && m.txn.txns.map((t) => t.type)).toEqual(['setData', 'create', 'error']);
    // after the rollback, /p is again "version 1, one child pending"
    const s2 = r.prepare(req(set('/p', 'three', 1)));
    expect(s2.txn).toMatchObject({ type: 'setData', version: 2 });
    const c2 = r.prepare(req(mk('/p/s-', 'PERSISTENT_SEQUENTIAL')));
    expect(c2.txn).toMatchObject({ path: '/p/s-0000000001', parentCVersion: 2 });
    for (const x of [s1, c1, m, s2, c2]) expect(r.commit(x).err === Code.OK || x === m).toBe(true);
    expect(r.tree.getChildren('/p')).toEqual(['a', 's-0000000001']);
    expect(r.tree.getData('/p')?.data).toBe('three');
  });

  it('a failed multi whose first op fails: the error then -2 for the rest', () => {
    const r = new Rig();
    const m = r.op({ op: 'multi', ops: [del('/nope'), mk('/a')] });
    expect(m.rec.txn).toEqual({
      type: 'multi',
      txns: [
        { type: 'error', err: Code.NONODE },
        { type: 'error', err: Code.RUNTIMEINCONSISTENCY },
      ],
    });
    expect(r.op({ op: 'multi', ops: [{ op: 'check', path: '/', version: 5 }] }).rec.txn).toEqual({
      type: 'multi',
      txns: [{ type: 'error', err: Code.BADVERSION }],
    });
  });
});

describe('PrepRequestProcessor: closeSession', () => {
  it('lists the tree ephemerals plus pending ones, minus pending deletes', () => {
    const r = new Rig();
    r.op(mk('/e'));
    r.op(mk('/e/a', 'EPHEMERAL'));
    r.op(mk('/e/b', 'EPHEMERAL'));
    r.op(mk('/e/other', 'EPHEMERAL'), S); // same session
    r.sessions.set('0x2', Code.OK);
    r.op(mk('/e/theirs', 'EPHEMERAL'), '0x2');
    const pc = r.prepare(req(mk('/e/c', 'EPHEMERAL')));
    const pd = r.prepare(req(del('/e/b')));
    const close = r.prepare({ sessionId: S, cxid: 9, kind: 'closeSession' });
    expect(close.txn).toEqual({ type: 'closeSession', paths2Delete: ['/e/a', '/e/c', '/e/other'] });
    // their deletion is pending: the paths can be created again, and can't be deleted twice
    expect(r.prepare(req(del('/e/a'), '0x2')).txn).toEqual({ type: 'error', err: Code.NONODE });
    for (const x of [pc, pd, close]) r.commit(x);
    expect(r.tree.getChildren('/e')).toEqual(['theirs']);
    expect(r.tree.statNode('/e')?.pzxid).toBe(close.hdr.zxid);
  });

  it("like ZooKeeper, doesn't decrement the parent's pending child count", () => {
    const r = new Rig();
    r.op(mk('/e'));
    r.op(mk('/e/x', 'EPHEMERAL'));
    r.prepare({ sessionId: S, cxid: 9, kind: 'closeSession' });
    r.sessions.set('0x2', Code.OK);
    expect(r.prepare(req(del('/e'), '0x2')).txn).toEqual({ type: 'error', err: Code.NOTEMPTY });
  });

  it('a session without ephemerals closes with an empty list', () => {
    const r = new Rig();
    expect(r.prepare({ sessionId: S, cxid: 1, kind: 'closeSession' }).txn).toEqual({
      type: 'closeSession',
      paths2Delete: [],
    });
  });
});

describe('requestSize (jute.maxbuffer)', () => {
  it('estimates the serialized request like jute', () => {
    // header 8 + path (4+2) + data (4+1) + acl 27 + flags 4
    expect(requestSize(mk('/a', 'PERSISTENT', 'x'))).toBe(50);
    expect(requestSize(del('/a'))).toBe(8 + 6 + 4);
    expect(requestSize(set('/a', 'é'))).toBe(8 + 6 + 6 + 4);
    expect(requestSize({ op: 'getData', path: '/a', watch: true })).toBe(8 + 6 + 1);
    expect(requestSize({ op: 'sync', path: '/' })).toBe(8 + 5);
    expect(requestSize({ op: 'multi', ops: [del('/a')] })).toBe(8 + 9 + (6 + 4) + 9);
  });

  it('lets a 1,000,000-byte create through and stops a 1,048,577-byte one', () => {
    const ok = mk('/big1', 'PERSISTENT', 'x'.repeat(1_000_000));
    const tooBig = mk('/big2', 'PERSISTENT', 'x'.repeat(1_048_577));
    expect(requestSize(ok)).toBeLessThanOrEqual(JUTE_MAXBUFFER);
    expect(exceedsJuteMaxBuffer(ok)).toBe(false);
    expect(exceedsJuteMaxBuffer(tooBig)).toBe(true);
    // the limit sits a little under 1 MiB of data
    const edge = JUTE_MAXBUFFER - requestSize(mk('/big1', 'PERSISTENT', ''));
    expect(exceedsJuteMaxBuffer(mk('/big1', 'PERSISTENT', 'x'.repeat(edge)))).toBe(false);
    expect(exceedsJuteMaxBuffer(mk('/big1', 'PERSISTENT', 'x'.repeat(edge + 1)))).toBe(true);
  });
});

describe('formatSequence', () => {
  it('is %010d of a Java int', () => {
    expect(formatSequence(0)).toBe('0000000000');
    expect(formatSequence(42)).toBe('0000000042');
    expect(formatSequence(2147483647)).toBe('2147483647');
    expect(formatSequence(-2147483648)).toBe('-2147483648');
    expect(formatSequence(-5)).toBe('-000000005');
  });
});

describe('PrepRequestProcessor: the read-only /zookeeper/config node', () => {
  it('refuses children, deletes and writes with NOAUTH (ZOOKEEPER-2014)', () => {
    const r = new Rig();
    expect(r.op(mk('/zookeeper/config/x')).rec.txn).toEqual({ type: 'error', err: Code.NOAUTH });
    expect(r.op(set('/zookeeper/config', 'x')).rec.txn).toEqual({ type: 'error', err: Code.NOAUTH });
    expect(r.op(del('/zookeeper/config/x')).rec.txn).toEqual({ type: 'error', err: Code.NOAUTH });
    expect(r.op({ op: 'multi', ops: [{ op: 'check', path: '/zookeeper/config', version: 0 }] }).rc.err).toBe(
      Code.OK,
    );
    expect(r.op(mk('/zookeeper/mine')).rc.err).toBe(Code.OK);
    expect(r.op(set('/zookeeper/quota', 'x')).rc.err).toBe(Code.OK);
  });
});
