import { describe, expect, it } from 'vitest';
import { DataTree, utf8Length, type FiredWatch } from '../../src/zk/DataTree';
import { Code } from '../../src/zk/ZooDefs';
import { makeZxid } from '../../src/zk/Zxid';
import type { SessionId, Txn, TxnRecord } from '../../src/zk/txn';

const Z = (c: number): number => makeZxid(1, c);

function rec(zxid: number, txn: Txn, clientId: SessionId = '0x1', time = 1000): TxnRecord {
  return { hdr: { clientId, cxid: 0, zxid, time }, txn };
}
function create(path: string, parentCVersion: number, data = '', ephemeralOwner: SessionId = '0x0'): Txn {
  return { type: 'create', path, data, ephemeralOwner, parentCVersion };
}

/** Applies a list of txns with consecutive zxids from Z(1); returns everything fired. */
function applyAll(t: DataTree, txns: Txn[], from = 1): FiredWatch[] {
  const fired: FiredWatch[] = [];
  txns.forEach((txn, i) => fired.push(...t.processTxn(rec(Z(from + i), txn)).fired));
  return fired;
}

describe('DataTree: initial tree (§6.1)', () => {
  it('has /, /zookeeper, /zookeeper/quota, /zookeeper/config with zero stats (config: aversion -1)', () => {
    const t = new DataTree();
    expect(t.allPaths()).toEqual(['/', '/zookeeper', '/zookeeper/config', '/zookeeper/quota']);
    expect(t.nodeCount()).toBe(4);
    expect(t.userPaths()).toEqual([]);
    expect(t.getChildren('/')).toEqual(['zookeeper']);
    expect(t.getChildren('/zookeeper')).toEqual(['config', 'quota']);
    expect(t.lastProcessedZxid).toBe(0);
    for (const p of ['/zookeeper/quota', '/zookeeper/config']) {
      expect(t.statNode(p)).toEqual({
        czxid: 0,
        mzxid: 0,
        ctime: 0,
        mtime: 0,
        version: 0,
        cversion: 0,
        // DataTree.addConfigNode: setACL(configZookeeper, READ_ACL_UNSAFE, -1) sets aversion -1
        aversion: p === '/zookeeper/config' ? -1 : 0,
        ephemeralOwner: '0x0',
        dataLength: 0,
        numChildren: 0,
        pzxid: 0,
      });
    }
  });

  it('`stat /` on a fresh tree shows cversion -1 and numChildren 1', () => {
    const s = new DataTree().statNode('/');
    expect(s?.cversion).toBe(-1);
    expect(s?.numChildren).toBe(1);
    expect(s?.pzxid).toBe(0);
  });

  it('treats /, /zookeeper, /zookeeper/quota, /zookeeper/config as special', () => {
    const t = new DataTree();
    expect(
      ['/', '/zookeeper', '/zookeeper/quota', '/zookeeper/config'].every((p) => t.isSpecialPath(p)),
    ).toBe(true);
    expect(t.isSpecialPath('/a')).toBe(false);
  });
});

describe('DataTree: stat fields (§6.3)', () => {
  it('create sets czxid/mzxid/pzxid/ctime/mtime; parent cversion and pzxid move', () => {
    const t = new DataTree();
    t.processTxn(rec(Z(2), create('/a', 1, 'héllo'), '0x1', 5000));
    const a = t.statNode('/a');
    expect(a).toEqual({
      czxid: Z(2),
      mzxid: Z(2),
      ctime: 5000,
      mtime: 5000,
      version: 0,
      cversion: 0,
      aversion: 0,
      ephemeralOwner: '0x0',
      dataLength: 6,
      numChildren: 0,
      pzxid: Z(2),
    });
    const root = t.statNode('/');
    expect(root?.pzxid).toBe(Z(2));
    expect(root?.cversion).toBe(2 * 1 - 2); // persisted 1 (root's system child is not counted), 2 children
    expect(t.getNode('/')?.stat.cversion).toBe(1);
    expect(t.lastProcessedZxid).toBe(Z(2));
  });

  it('setData bumps version, mzxid, mtime and nothing else', () => {
    const t = new DataTree();
    applyAll(t, [create('/a', 1, 'x')]);
    const r = t.processTxn(rec(Z(2), { type: 'setData', path: '/a', data: 'yy', version: 1 }, '0x1', 7000));
    expect(r.err).toBe(Code.OK);
    expect(r.stat).toMatchObject({
      version: 1,
      mzxid: Z(2),
      mtime: 7000,
      czxid: Z(1),
      ctime: 1000,
      dataLength: 2,
    });
    expect(t.getData('/a')).toEqual({ data: 'yy', stat: t.statNode('/a') });
    expect(t.statNode('/')?.pzxid).toBe(Z(1)); // not a child change
  });

  it('child delete keeps the persisted cversion; client cversion = 2·creates − children', () => {
    const t = new DataTree();
    applyAll(t, [create('/p', 1), create('/p/a', 1), create('/p/b', 2), { type: 'delete', path: '/p/a' }]);
    const p = t.getNode('/p');
    expect(p?.stat.cversion).toBe(2);
    expect(t.statNode('/p')).toMatchObject({ cversion: 3, numChildren: 1, pzxid: Z(4) });
  });

  it('pzxid moves on delete only if larger', () => {
    const t = new DataTree();
    applyAll(t, [create('/p', 1), create('/p/a', 1)]);
    t.processTxn(rec(Z(9), create('/p/b', 2)));
    t.processTxn(rec(Z(5), { type: 'delete', path: '/p/a' })); // replay-like: older zxid
    expect(t.statNode('/p')?.pzxid).toBe(Z(9));
    expect(t.lastProcessedZxid).toBe(Z(9)); // never goes backwards
  });

  it('counts data in UTF-8 bytes', () => {
    expect(utf8Length('')).toBe(0);
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\ud800')).toBe(3); // lone surrogate → U+FFFD
    const t = new DataTree();
    applyAll(t, [create('/u', 1, 'a€😀')]);
    expect(t.statNode('/u')?.dataLength).toBe(8);
  });

  it('error and check txns change nothing but advance lastProcessedZxid', () => {
    const t = new DataTree();
    applyAll(t, [create('/a', 1)]);
    const before = t.serialize().nodes;
    const e = t.processTxn(rec(Z(2), { type: 'error', err: Code.NODEEXISTS }));
    expect(e).toEqual({ err: Code.NODEEXISTS, fired: [] });
    const c = t.processTxn(rec(Z(3), { type: 'check', path: '/a', version: 1 }));
    expect(c.err).toBe(Code.OK);
    expect(t.serialize().nodes).toEqual(before);
    expect(t.lastProcessedZxid).toBe(Z(3));
  });

  it('createSession is a no-op for the tree', () => {
    const t = new DataTree();
    expect(t.processTxn(rec(Z(1), { type: 'createSession', timeOut: 4000 })).err).toBe(Code.OK);
    expect(t.nodeCount()).toBe(4);
    expect(t.lastProcessedZxid).toBe(Z(1));
  });

  it('reports NONODE / NODEEXISTS when a replayed txn does not fit', () => {
    const t = new DataTree();
    expect(t.processTxn(rec(Z(1), create('/x/y', 1))).err).toBe(Code.NONODE);
    expect(t.processTxn(rec(Z(2), { type: 'delete', path: '/nope' })).err).toBe(Code.NONODE);
    expect(t.processTxn(rec(Z(3), { type: 'setData', path: '/nope', data: '', version: 1 })).err).toBe(
      Code.NONODE,
    );
    applyAll(t, [create('/a', 1)], 4);
    // NODEEXISTS on replay still moves the parent's cversion/pzxid forward (fuzzy snapshot fix-up)
    const r = t.processTxn(rec(Z(7), create('/a', 5)));
    expect(r.err).toBe(Code.NODEEXISTS);
    expect(t.getNode('/')?.stat.cversion).toBe(5);
    expect(t.getNode('/')?.stat.pzxid).toBe(Z(7));
  });

  it('a create carrying a lower parentCVersion does not move cversion/pzxid back', () => {
    const t = new DataTree();
    applyAll(t, [create('/p', 1)]);
    t.processTxn(rec(Z(5), create('/p/a', 4)));
    t.processTxn(rec(Z(6), create('/p/b', 2)));
    expect(t.getNode('/p')?.stat).toMatchObject({ cversion: 4, pzxid: Z(5) });
    // -1 means "parent's + 1"
    t.processTxn(rec(Z(7), create('/p/c', -1)));
    expect(t.getNode('/p')?.stat).toMatchObject({ cversion: 5, pzxid: Z(7) });
  });
});

describe('DataTree: ephemerals and closeSession (§6.5, S13)', () => {
  it('tracks ephemerals per session', () => {
    const t = new DataTree();
    applyAll(t, [
      create('/e', 1),
      create('/e/x', 1, '', '0xa'),
      create('/e/y', 2, '', '0xa'),
      create('/z', 2, '', '0xb'),
    ]);
    expect(t.getEphemerals('0xa')).toEqual(['/e/x', '/e/y']);
    expect(t.getEphemerals('0xb')).toEqual(['/z']);
    expect(t.getEphemerals('0xc')).toEqual([]);
    expect(t.getSessionsWithEphemerals()).toEqual(['0xa', '0xb']);
    applyAll(t, [{ type: 'delete', path: '/z' }], 5);
    expect(t.getSessionsWithEphemerals()).toEqual(['0xa']);
    expect(t.statNode('/e/x')?.ephemeralOwner).toBe('0xa');
  });

  it('closeSession deletes the listed ephemerals in one txn, firing watches (S13)', () => {
    const t = new DataTree();
    applyAll(t, [create('/e', 1), create('/e/x', 1, '', '0xa')]);
    t.addDataWatch('/e/x', 'c1');
    t.addChildWatch('/e', 'c2');
    const cvBefore = t.statNode('/e')?.cversion as number;
    const r = t.processTxn(rec(Z(3), { type: 'closeSession', paths2Delete: ['/e/x'] }, '0xa'));
    expect(r.err).toBe(Code.OK);
    expect(r.fired).toEqual([
      { watcher: 'c1', type: 'NodeDeleted', path: '/e/x' },
      { watcher: 'c2', type: 'NodeChildrenChanged', path: '/e' },
    ]);
    expect(t.getNode('/e/x')).toBeUndefined();
    expect(t.statNode('/e')).toMatchObject({ pzxid: Z(3), cversion: cvBefore + 1, numChildren: 0 });
    expect(t.getEphemerals('0xa')).toEqual([]);
  });

  it('closeSession also removes ephemerals the txn did not list (killSession)', () => {
    const t = new DataTree();
    applyAll(t, [create('/a', 1, '', '0xa'), create('/b', 2, '', '0xa')]);
    t.processTxn(rec(Z(3), { type: 'closeSession', paths2Delete: ['/b', '/gone'] }, '0xa'));
    expect(t.userPaths()).toEqual([]);
  });
});

describe('DataTree: multi', () => {
  it('applies every sub-txn atomically with one zxid', () => {
    const t = new DataTree();
    const r = t.processTxn(
      rec(Z(1), {
        type: 'multi',
        txns: [
          create('/m', 1),
          create('/m/c', 1, 'x'),
          { type: 'setData', path: '/m', data: 'v', version: 1 },
        ],
      }),
    );
    expect(r.err).toBe(Code.OK);
    expect(r.multiResult?.map((x) => x.err)).toEqual([0, 0, 0]);
    expect(t.statNode('/m')).toMatchObject({
      czxid: Z(1),
      mzxid: Z(1),
      pzxid: Z(1),
      version: 1,
      numChildren: 1,
    });
  });

  it('applies nothing when a sub-txn is an error: results 0 … err … -2', () => {
    const t = new DataTree();
    t.addDataWatch('/m', 'w');
    const r = t.processTxn(
      rec(Z(1), {
        type: 'multi',
        txns: [
          create('/m', 1),
          { type: 'error', err: Code.NONODE },
          { type: 'error', err: Code.RUNTIMEINCONSISTENCY },
        ],
      }),
    );
    expect(r.err).toBe(Code.NONODE);
    expect(r.multiResult?.map((x) => x.err)).toEqual([0, Code.NONODE, Code.RUNTIMEINCONSISTENCY]);
    expect(r.fired).toEqual([]);
    expect(t.userPaths()).toEqual([]);
    expect(t.lastProcessedZxid).toBe(Z(1));
  });
});

describe('DataTree: watches (§6.6, S14)', () => {
  it('getData watch + setData twice → exactly one NodeDataChanged', () => {
    const t = new DataTree();
    applyAll(t, [create('/a', 1)]);
    t.addDataWatch('/a', 'c1');
    const f1 = t.processTxn(rec(Z(2), { type: 'setData', path: '/a', data: '1', version: 1 })).fired;
    const f2 = t.processTxn(rec(Z(3), { type: 'setData', path: '/a', data: '2', version: 2 })).fired;
    expect(f1).toEqual([{ watcher: 'c1', type: 'NodeDataChanged', path: '/a' }]);
    expect(f2).toEqual([]);
    expect(t.watchCount()).toBe(0);
  });

  it('exists watch on a missing node fires NodeCreated', () => {
    const t = new DataTree();
    t.addDataWatch('/b', 'c1');
    t.addChildWatch('/', 'c2');
    expect(applyAll(t, [create('/b', 1)])).toEqual([
      { watcher: 'c1', type: 'NodeCreated', path: '/b' },
      { watcher: 'c2', type: 'NodeChildrenChanged', path: '/' },
    ]);
  });

  it('data + child watch of one connection on a deleted node → one NodeDeleted', () => {
    const t = new DataTree();
    applyAll(t, [create('/c', 1)]);
    t.addDataWatch('/c', 'c1');
    t.addChildWatch('/c', 'c1');
    t.addChildWatch('/c', 'c2');
    t.addChildWatch('/', 'c3');
    const f = t.processTxn(rec(Z(2), { type: 'delete', path: '/c' })).fired;
    expect(f).toEqual([
      { watcher: 'c1', type: 'NodeDeleted', path: '/c' },
      { watcher: 'c2', type: 'NodeDeleted', path: '/c' },
      { watcher: 'c3', type: 'NodeChildrenChanged', path: '/' },
    ]);
    expect(t.watchCount()).toBe(0);
  });

  it('registering twice fires once; each connection gets its own event', () => {
    const t = new DataTree();
    applyAll(t, [create('/a', 1)]);
    t.addDataWatch('/a', 'c1');
    t.addDataWatch('/a', 'c1');
    t.addDataWatch('/a', 'c2');
    expect(t.watchCount()).toBe(2);
    const f = t.processTxn(rec(Z(2), { type: 'setData', path: '/a', data: '', version: 1 })).fired;
    expect(f.map((x) => x.watcher)).toEqual(['c1', 'c2']);
  });

  it('error txns, check and failed multis fire nothing', () => {
    const t = new DataTree();
    applyAll(t, [create('/a', 1)]);
    t.addDataWatch('/a', 'c1');
    t.addChildWatch('/a', 'c1');
    expect(t.processTxn(rec(Z(2), { type: 'error', err: Code.BADVERSION })).fired).toEqual([]);
    expect(t.processTxn(rec(Z(3), { type: 'check', path: '/a', version: 1 })).fired).toEqual([]);
    expect(t.watchCount()).toBe(2);
  });

  it('create under a watched parent: NodeChildrenChanged; child data watch untouched', () => {
    const t = new DataTree();
    applyAll(t, [create('/p', 1)]);
    t.addChildWatch('/p', 'c1');
    t.addDataWatch('/p', 'c2');
    const f = applyAll(t, [create('/p/x', 1)], 2);
    expect(f).toEqual([{ watcher: 'c1', type: 'NodeChildrenChanged', path: '/p' }]);
    expect(t.listWatches()).toEqual([{ watcher: 'c2', path: '/p', kind: 'data', mode: 'STANDARD' }]);
  });

  it('removeWatcher drops every watch of one connection', () => {
    const t = new DataTree();
    t.addDataWatch('/a', 'c1');
    t.addChildWatch('/b', 'c1');
    t.addDataWatch('/a', 'c2');
    t.removeWatcher('c1');
    expect(t.listWatches()).toEqual([{ watcher: 'c2', path: '/a', kind: 'data', mode: 'STANDARD' }]);
    expect(t.removeWatch('/a', 'child', 'c2')).toBe(false);
    expect(t.removeWatch('/a', 'data', 'c2')).toBe(true);
    expect(t.watchCount()).toBe(0);
  });

  it('persistent watches stay; they see every child change and the delete (zkCli deleteall)', () => {
    const t = new DataTree();
    applyAll(t, [create('/a', 1), create('/a/x', 1), create('/a/y', 2)]);
    t.addWatch('/a', 'c1', 'PERSISTENT');
    const f = t.processTxn(
      rec(Z(4), {
        type: 'multi',
        txns: [
          { type: 'delete', path: '/a/y' },
          { type: 'delete', path: '/a/x' },
          { type: 'delete', path: '/a' },
        ],
      }),
    ).fired;
    expect(f).toEqual([
      { watcher: 'c1', type: 'NodeChildrenChanged', path: '/a' },
      { watcher: 'c1', type: 'NodeChildrenChanged', path: '/a' },
      { watcher: 'c1', type: 'NodeDeleted', path: '/a' },
    ]);
    expect(t.watchCount()).toBe(2); // still armed in both managers
  });

  it('persistent-recursive watches fire for descendants, never NodeChildrenChanged', () => {
    const t = new DataTree();
    applyAll(t, [create('/r', 1)]);
    t.addWatch('/r', 'c1', 'PERSISTENT_RECURSIVE');
    const f = applyAll(
      t,
      [
        create('/r/a', 1),
        create('/r/a/b', 1),
        { type: 'setData', path: '/r/a/b', data: 'x', version: 1 },
        { type: 'delete', path: '/r/a/b' },
      ],
      2,
    );
    expect(f).toEqual([
      { watcher: 'c1', type: 'NodeCreated', path: '/r/a' },
      { watcher: 'c1', type: 'NodeCreated', path: '/r/a/b' },
      { watcher: 'c1', type: 'NodeDataChanged', path: '/r/a/b' },
      { watcher: 'c1', type: 'NodeDeleted', path: '/r/a/b' },
    ]);
  });

  it('setWatches re-registers or fires at once relative to the client zxid', () => {
    const t = new DataTree();
    applyAll(t, [
      create('/a', 1),
      create('/b', 2),
      { type: 'setData', path: '/b', data: 'x', version: 1 },
      create('/b/c', 1),
    ]);
    // client last saw Z(2): /b changed after, /a didn't, /gone is gone, /new appeared
    const fired = t.setWatches(
      Z(2),
      { data: ['/a', '/b', '/gone'], exist: ['/a', '/new'], child: ['/a', '/b', '/gone'] },
      'c1',
    );
    expect(fired).toEqual([
      { watcher: 'c1', type: 'NodeDataChanged', path: '/b' },
      { watcher: 'c1', type: 'NodeDeleted', path: '/gone' },
      { watcher: 'c1', type: 'NodeCreated', path: '/a' },
      { watcher: 'c1', type: 'NodeChildrenChanged', path: '/b' },
      { watcher: 'c1', type: 'NodeDeleted', path: '/gone' },
    ]);
    expect(t.listWatches().map((w) => `${w.kind}:${w.path}`)).toEqual(['data:/a', 'data:/new', 'child:/a']);
  });
});

describe('DataTree: serialize / deserialize', () => {
  function sample(): DataTree {
    const t = new DataTree();
    applyAll(t, [
      create('/b', 1, 'bee'),
      create('/a', 2, 'ä'),
      create('/a/z', 1),
      create('/a/y', 2, '', '0xabc'),
      { type: 'delete', path: '/a/z' },
      { type: 'setData', path: '/b', data: 'B', version: 1 },
    ]);
    return t;
  }

  it('round-trips nodes, persisted stats, ephemerals and lastProcessedZxid', () => {
    const t = sample();
    t.addDataWatch('/a', 'c1');
    const s = t.serialize();
    expect(s.lastProcessedZxid).toBe(Z(6));
    expect(s.nodes.map((n) => n.path)).toEqual([
      '/',
      '/a',
      '/a/y',
      '/b',
      '/zookeeper',
      '/zookeeper/config',
      '/zookeeper/quota',
    ]);
    expect(s.nodes.find((n) => n.path === '/a')?.stat.cversion).toBe(2); // persisted
    const d = DataTree.deserialize(structuredClone(s));
    expect(d.serialize()).toEqual(s);
    expect(d.lastProcessedZxid).toBe(Z(6));
    for (const p of t.allPaths()) expect(d.statNode(p), p).toEqual(t.statNode(p));
    expect(d.getEphemerals('0xabc')).toEqual(['/a/y']);
    expect(d.watchCount()).toBe(0); // watches are not serialized
  });

  it('serialize copies: later changes do not leak into a snapshot', () => {
    const t = sample();
    const s = t.serialize();
    applyAll(t, [{ type: 'setData', path: '/b', data: 'later', version: 2 }], 7);
    expect(s.nodes.find((n) => n.path === '/b')).toMatchObject({ data: 'B', stat: { version: 1 } });
  });

  it('refuses a snapshot with an orphan', () => {
    const s = new DataTree().serialize();
    s.nodes.push({ path: '/x/y', data: '', stat: s.nodes[0].stat });
    expect(() => DataTree.deserialize(s)).toThrow(/unable to find parent \/x of path \/x\/y/);
  });

  it('serializes and loads a 10,000-node tree back to the same tree', () => {
    // (its speed is not a unit test's business: a wall-clock bound flakes on a shared 2-core box)
    const t = new DataTree();
    let z = 1;
    for (let i = 0; i < 100; i++) {
      t.processTxn(rec(Z(z++), create(`/d${i}`, i + 1, 'x'.repeat(20))));
      for (let j = 0; j < 99; j++) t.processTxn(rec(Z(z++), create(`/d${i}/e${j}`, j + 1, 'y'.repeat(20))));
    }
    expect(t.nodeCount()).toBe(10_004);
    const s = t.serialize();
    const back = DataTree.deserialize(s);
    expect(back.nodeCount()).toBe(10_004);
    expect(back.serialize()).toEqual(s);
  });
});
