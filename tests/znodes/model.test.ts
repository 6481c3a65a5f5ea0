/**
 * The server side of containers, TTL nodes, quotas and persistent watches against ZooKeeper
 * 3.9.5's classes: EphemeralType's owner encoding, StatsTrack's text, DataTree's quota upkeep and
 * watch modes (WatchManager.triggerWatch with PathParentIterator), PrepRequestProcessor's checks
 * and codes, ContainerManager.getCandidates and its timing, and a snapshot round trip that keeps
 * every node's kind.
 */
import { describe, expect, it } from 'vitest';
import { DataTree } from '../../src/zk/DataTree';
import { PrepRequestProcessor, type PrepOptions, type PrepRequest } from '../../src/zk/PrepRequestProcessor';
import {
  CONTAINER_EPHEMERAL_OWNER,
  ephemeralType,
  ttlOf,
  ttlToEphemeralOwner,
} from '../../src/zk/EphemeralType';
import { StatsTrack } from '../../src/zk/StatsTrack';
import { ContainerManager, getCandidates } from '../../src/zk/ContainerManager';
import { quorumVerifierString } from '../../src/zk/QuorumMaj';
import { ZKDatabase } from '../../src/zk/ZKDatabase';
import { Code } from '../../src/zk/ZooDefs';
import type { Op, TxnRecord } from '../../src/zk/txn';

/** A leader-only stand-in: prepare, apply, commit at once. */
class Server {
  tree = new DataTree();
  prep: PrepRequestProcessor;
  zxid = 0x100000000;
  now = 1000;
  constructor(opts: Partial<PrepOptions> = {}) {
    this.prep = new PrepRequestProcessor(this.tree, () => Code.OK, {
      extendedTypesEnabled: false,
      enforceQuota: false,
      ...opts,
    });
  }
  submit(req: PrepRequest): { rec: TxnRecord; err: number } {
    const rec = this.prep.pRequest(req, ++this.zxid, this.now);
    const rc = this.tree.processTxn(rec);
    this.prep.committed(rec.hdr.zxid);
    return { rec, err: rc.err };
  }
  op(op: Op) {
    return this.submit({ sessionId: '0x1', cxid: 1, kind: 'op', op });
  }
  create(path: string, data = '', mode: Extract<Op, { op: 'create' }>['mode'] = 'PERSISTENT', ttl?: number) {
    const op: Op = { op: 'create', path, data, mode };
    if (ttl !== undefined) op.ttl = ttl;
    return this.op(op);
  }
}

describe('EphemeralType (owner encoding)', () => {
  it('a container is Long.MIN_VALUE, a TTL node EXTENDED_MASK | ttl; clients see 0 for both', () => {
    expect(CONTAINER_EPHEMERAL_OWNER).toBe('0x8000000000000000');
    expect(ttlToEphemeralOwner(5000)).toBe('0xff00000000001388');
    expect(ttlToEphemeralOwner(0)).toBeNull();
    expect(ttlToEphemeralOwner(0xffffffffff)).toBe('0xff0000ffffffffff');
    expect(ttlToEphemeralOwner(0x10000000000)).toBeNull();
    expect(ephemeralType('0x0')).toBe('VOID');
    expect(ephemeralType('0x1000003a70f0000')).toBe('NORMAL');
    expect(ephemeralType(CONTAINER_EPHEMERAL_OWNER)).toBe('CONTAINER');
    expect(ephemeralType('0xff00000000001388')).toBe('TTL');
    expect(ttlOf('0xff00000000001388')).toBe(5000);
  });
});

describe('StatsTrack', () => {
  it('count and bytes first, the hard limits after an extra "=", sorted', () => {
    const q = new StatsTrack();
    q.count = 5;
    q.bytes = -1;
    q.countHardLimit = -1;
    q.byteHardLimit = -1;
    expect(q.toString()).toBe('count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1');
    const back = new StatsTrack(q.toString());
    expect([back.count, back.bytes, back.countHardLimit, back.byteHardLimit]).toEqual([5, -1, -1, -1]);
    expect(new StatsTrack('count=0,bytes=0').toString()).toBe('count=0,bytes=0');
    // text edited by hand never throws: unreadable pairs are skipped
    expect(new StatsTrack('count=x,bytes').count).toBe(-1);
  });
});

describe('PrepRequestProcessor: containers and TTL nodes', () => {
  it('TTL modes are UNIMPLEMENTED without extendedTypesEnabled, BADARGUMENTS with a bad ttl', () => {
    const off = new Server();
    expect(off.create('/t', '', 'PERSISTENT_WITH_TTL', 100).rec.txn).toEqual({
      type: 'error',
      err: Code.UNIMPLEMENTED,
    });
    const on = new Server({ extendedTypesEnabled: true });
    expect(on.create('/t', '', 'PERSISTENT_WITH_TTL', 0).rec.txn).toEqual({
      type: 'error',
      err: Code.BADARGUMENTS,
    });
    // a ttl given with a mode that takes none (EphemeralType.validateTTL)
    expect(on.create('/p', '', 'PERSISTENT', 100).rec.txn).toEqual({ type: 'error', err: Code.BADARGUMENTS });
    expect(on.create('/t', 'x', 'PERSISTENT_WITH_TTL', 100).rec.txn).toEqual({
      type: 'createTTL',
      path: '/t',
      data: 'x',
      parentCVersion: 1,
      ttl: 100,
    });
    expect(on.tree.getNode('/t')?.stat.ephemeralOwner).toBe('0xff00000000000064');
    expect(on.tree.statNode('/t')?.ephemeralOwner).toBe('0x0');
    expect(on.tree.getTtls()).toEqual(['/t']);
  });

  it('a container is a CreateContainerTxn and may have children; only a session ephemeral refuses them', () => {
    const s = new Server({ extendedTypesEnabled: true });
    expect(s.create('/c', '', 'CONTAINER').rec.txn.type).toBe('createContainer');
    expect(s.tree.getContainers()).toEqual(['/c']);
    expect(s.create('/c/x').err).toBe(Code.OK);
    s.create('/t', '', 'PERSISTENT_WITH_TTL', 100);
    expect(s.create('/t/x').err).toBe(Code.OK);
    s.submit({
      sessionId: '0x1',
      cxid: 1,
      kind: 'op',
      op: { op: 'create', path: '/e', data: '', mode: 'EPHEMERAL' },
    });
    expect(s.create('/e/x').err).toBe(Code.NOCHILDRENFOREPHEMERALS);
  });

  it('deleteContainer: NOTEMPTY while it has a child, BADVERSION on a session ephemeral, else a deleteContainer txn', () => {
    const s = new Server();
    s.create('/c', '', 'CONTAINER');
    s.create('/c/x');
    const del = (path: string) => s.submit({ sessionId: '0x0', cxid: 0, kind: 'deleteContainer', path });
    expect(del('/c').rec.txn).toEqual({ type: 'error', err: Code.NOTEMPTY });
    s.submit({
      sessionId: '0x1',
      cxid: 1,
      kind: 'op',
      op: { op: 'create', path: '/e', data: '', mode: 'EPHEMERAL' },
    });
    expect(del('/e').rec.txn).toEqual({ type: 'error', err: Code.BADVERSION });
    expect(del('/nope').rec.txn).toEqual({ type: 'error', err: Code.NONODE });
    s.op({ op: 'delete', path: '/c/x', version: -1 });
    expect(del('/c').rec.txn).toEqual({ type: 'deleteContainer', path: '/c' });
    expect(s.tree.getNode('/c')).toBeUndefined();
    expect(s.tree.getContainers()).toEqual([]);
  });
});

describe('ContainerManager', () => {
  it('getCandidates: empty containers that had a child, empty TTL nodes older than their ttl', () => {
    const s = new Server({ extendedTypesEnabled: true });
    s.create('/never', '', 'CONTAINER');
    s.create('/used', '', 'CONTAINER');
    s.create('/used/x');
    s.op({ op: 'delete', path: '/used/x', version: -1 });
    s.create('/full', '', 'CONTAINER');
    s.create('/full/x');
    s.create('/ttl', '', 'PERSISTENT_WITH_TTL', 500);
    expect(getCandidates(s.tree, 1000, 0)).toEqual(['/used']);
    expect(getCandidates(s.tree, 1501, 0)).toEqual(['/ttl', '/used']);
    // maxNeverUsedIntervalMs: a never-used container older than it goes too
    expect(getCandidates(s.tree, 1501, 400)).toEqual(['/never', '/ttl', '/used']);
  });

  it('runs at a fixed rate from the leader start and waits 60000/maxPerMinute ms between deletes', () => {
    const s = new Server({ extendedTypesEnabled: true });
    for (const p of ['/a', '/b']) {
      s.create(p, '', 'CONTAINER');
      s.create(p + '/x');
      s.op({ op: 'delete', path: p + '/x', version: -1 });
    }
    const cm = new ContainerManager(
      { checkIntervalMs: 1000, maxPerMinute: 6000, maxNeverUsedIntervalMs: 0 },
      200,
    );
    expect(cm.minIntervalMs).toBe(10);
    expect(cm.nextWake(300, true)).toBe(1200);
    expect(cm.nextWake(300, false)).toBeNull();
    expect(cm.onTimer(1200, s.tree)).toEqual(['/a']);
    expect(cm.nextWake(1200, true)).toBe(1210);
    expect(cm.onTimer(1210, s.tree)).toEqual(['/b']);
    // the next run stays on the grid (1200 + 1000)
    expect(cm.nextWake(1210, true)).toBe(2200);
    // a long stretch with nothing to check: the next run is the grid's next instant
    expect(cm.nextWake(5550, true)).toBe(6200);
  });
});

describe('DataTree: quotas', () => {
  it('zookeeper_stats follows creates, deletes and setData below the quota root; a snapshot load recounts', () => {
    const s = new Server();
    s.create('/app', 'ab');
    s.create('/app/x', '123');
    s.create('/zookeeper/quota/app');
    s.create('/zookeeper/quota/app/zookeeper_limits', 'count=10,bytes=-1');
    expect(s.tree.getMaxPrefixWithQuota('/app/x')).toBe('/app');
    s.create('/zookeeper/quota/app/zookeeper_stats', 'count=0,bytes=0');
    // updateQuotaForPath: the stats node holds the subtree's count and bytes at once
    expect(s.tree.getNode('/zookeeper/quota/app/zookeeper_stats')?.data).toBe('count=2,bytes=5');
    s.create('/app/y', 'hello');
    s.op({ op: 'setData', path: '/app/x', data: '1', version: -1 });
    s.op({ op: 'delete', path: '/app/y', version: -1 });
    expect(s.tree.getNode('/zookeeper/quota/app/zookeeper_stats')?.data).toBe('count=2,bytes=3');
    expect(s.tree.getMaxPrefixWithQuota('/other')).toBeNull();
    const back = DataTree.deserialize(s.tree.serialize());
    expect(back.quotaPaths()).toEqual(['/app']);
    expect(back.getNode('/zookeeper/quota/app/zookeeper_stats')?.data).toBe('count=2,bytes=3');
    s.op({ op: 'delete', path: '/zookeeper/quota/app/zookeeper_limits', version: -1 });
    expect(s.tree.getMaxPrefixWithQuota('/app/x')).toBeNull();
  });

  it('enforceQuota: hard limits refuse creates and setData with QUOTAEXCEEDED; soft ones never do', () => {
    const s = new Server({ enforceQuota: true });
    s.create('/q');
    s.create('/zookeeper/quota/q');
    s.create('/zookeeper/quota/q/zookeeper_limits', 'count=1,bytes=-1=;byteHardLimit=4;countHardLimit=2');
    s.create('/zookeeper/quota/q/zookeeper_stats', 'count=0,bytes=0');
    expect(s.create('/q/a', '12').err).toBe(Code.OK); // count 2 > soft 1: only logged
    expect(s.create('/q/b').rec.txn).toEqual({ type: 'error', err: Code.QUOTAEXCEEDED });
    expect(s.op({ op: 'setData', path: '/q/a', data: '12345', version: -1 }).rec.txn).toEqual({
      type: 'error',
      err: Code.QUOTAEXCEEDED,
    });
    expect(s.op({ op: 'setData', path: '/q/a', data: '1234', version: -1 }).err).toBe(Code.OK);
    const off = new Server();
    off.create('/q');
    off.create('/zookeeper/quota/q');
    off.create('/zookeeper/quota/q/zookeeper_limits', 'count=-1,bytes=-1=;countHardLimit=1');
    off.create('/zookeeper/quota/q/zookeeper_stats', 'count=0,bytes=0');
    expect(off.create('/q/a').err).toBe(Code.OK); // zookeeper.enforceQuota is false by default
  });
});

describe('DataTree: persistent watches (WatchManager modes)', () => {
  it('PERSISTENT sees data and child events of its node and stays; PERSISTENT_RECURSIVE sees descendants, no child events', () => {
    const s = new Server();
    s.tree.addWatch('/a', 'w1', 'PERSISTENT');
    s.tree.addWatch('/a', 'w2', 'PERSISTENT_RECURSIVE');
    const fired = (f: () => void) => {
      const before = s.tree.watchCount();
      const r: string[] = [];
      const orig = s.tree.processTxn.bind(s.tree);
      s.tree.processTxn = (rec) => {
        const rc = orig(rec);
        for (const w of rc.fired) r.push(`${w.watcher} ${w.type} ${w.path}`);
        return rc;
      };
      f();
      s.tree.processTxn = orig;
      expect(s.tree.watchCount()).toBe(before);
      return r;
    };
    expect(fired(() => s.create('/a'))).toEqual(['w1 NodeCreated /a', 'w2 NodeCreated /a']);
    expect(fired(() => s.create('/a/b'))).toEqual(['w2 NodeCreated /a/b', 'w1 NodeChildrenChanged /a']);
    expect(fired(() => s.op({ op: 'setData', path: '/a/b', data: 'x', version: -1 }))).toEqual([
      'w2 NodeDataChanged /a/b',
    ]);
    expect(fired(() => s.op({ op: 'delete', path: '/a/b', version: -1 }))).toEqual([
      'w2 NodeDeleted /a/b',
      'w1 NodeChildrenChanged /a',
    ]);
    expect(s.tree.removeWatchOfType('/a', 'Data', 'w1')).toBe(false);
    expect(s.tree.removeWatchOfType('/a', 'Persistent', 'w1')).toBe(true);
    expect(s.tree.removeWatchOfType('/a', 'PersistentRecursive', 'w2')).toBe(true);
    expect(s.tree.watchCount()).toBe(0);
  });
});

describe('/zookeeper/config (QuorumMaj.toString, initConfigInZKDatabase)', () => {
  it('holds one line per server and version=0; dataVersion -1; left out of snapshots', () => {
    const text = quorumVerifierString([1, 2, 3], [4]);
    expect(text).toBe(
      'server.1=server1:2888:3888:participant;0.0.0.0:2181\n' +
        'server.2=server2:2888:3888:participant;0.0.0.0:2181\n' +
        'server.3=server3:2888:3888:participant;0.0.0.0:2181\n' +
        'server.4=server4:2888:3888:observer;0.0.0.0:2181\n' +
        'version=0',
    );
    const db = new ZKDatabase(500);
    db.initConfigInZKDatabase(text, 42);
    expect(db.dataTree.getData('/zookeeper/config')).toMatchObject({
      data: text,
      stat: { version: -1, mtime: 42 },
    });
    const snap = db.snapshot();
    expect(snap.tree.nodes.find((n) => n.path === '/zookeeper/config')?.data).toBe('');
    // a tree put in place (a SNAP, a reload) gets the text again
    db.dataTree = DataTree.deserialize(snap.tree);
    expect(db.dataTree.getData('/zookeeper/config')?.data).toBe(text);
  });
});
