/**
 * §9 S13 and S14 end to end on one server's core: SessionTrackerImpl decides when, the
 * PrepRequestProcessor makes the closeSession txn, the DataTree applies it and fires watches.
 */
import { describe, expect, it } from 'vitest';
import { DataTree } from '../../src/zk/DataTree';
import { PrepRequestProcessor, type PrepRequest } from '../../src/zk/PrepRequestProcessor';
import { SessionTrackerImpl, clampSessionTimeout } from '../../src/zk/SessionTracker';
import { Code } from '../../src/zk/ZooDefs';
import { makeZxid } from '../../src/zk/Zxid';
import type { FiredWatch } from '../../src/zk/WatchManager';
import type { Op } from '../../src/zk/txn';

describe('S13: ephemeral cleanup on expiry', () => {
  it('expires at 16 000 and deletes /e/x in one closeSession txn', () => {
    const tick = 2000;
    const tree = new DataTree();
    const tracker = new SessionTrackerImpl(3, tick, 0);
    const prep = new PrepRequestProcessor(tree, (id) => tracker.checkSession(id));
    let zxid = makeZxid(1, 0);
    const fired: FiredWatch[] = [];
    const submit = (req: PrepRequest, now: number) => {
      const rec = prep.pRequest(req, ++zxid, now);
      if (req.kind === 'closeSession') tracker.setSessionClosing(req.sessionId);
      const rc = tree.processTxn(rec);
      prep.committed(rec.hdr.zxid);
      if (rec.txn.type === 'closeSession') tracker.removeSession(rec.hdr.clientId);
      fired.push(...rc.fired);
      return rec;
    };

    const timeout = clampSessionTimeout(3000, tick);
    expect(timeout).toBe(4000);
    const owner = tracker.createSession(timeout, 1000);
    submit({ sessionId: owner, cxid: 0, kind: 'createSession', timeout }, 1000);
    const watcherSession = tracker.createSession(40000, 1000);
    submit({ sessionId: watcherSession, cxid: 0, kind: 'createSession', timeout: 40000 }, 1000);
    submit(
      {
        sessionId: watcherSession,
        cxid: 1,
        kind: 'op',
        op: { op: 'create', path: '/e', data: '', mode: 'PERSISTENT' },
      },
      1100,
    );
    const z1 = submit(
      {
        sessionId: owner,
        cxid: 1,
        kind: 'op',
        op: { op: 'create', path: '/e/x', data: '', mode: 'EPHEMERAL' },
      },
      1200,
    );
    expect(tree.statNode('/e/x')?.ephemeralOwner).toBe(owner);
    tree.addDataWatch('/e/x', 'watcher');
    tree.addChildWatch('/e', 'watcher');
    const cversionBefore = tree.statNode('/e')?.cversion as number;

    tracker.touchSession(owner, timeout, 10_500); // last touch reaches the leader
    expect(tracker.nextExpirationTime()).toBe(16_000);
    expect(tracker.expire(15_999)).toEqual([]);
    const due = tracker.expire(16_000);
    expect(due).toEqual([owner]);
    expect(tracker.checkSession(owner)).toBe(Code.SESSIONEXPIRED);

    const z2 = submit({ sessionId: owner, cxid: 0, kind: 'closeSession' }, 16_000);
    expect(z2.txn).toEqual({ type: 'closeSession', paths2Delete: ['/e/x'] });
    expect(z2.hdr.zxid).toBe(z1.hdr.zxid + 1);
    expect(tree.getNode('/e/x')).toBeUndefined();
    expect(tree.statNode('/e')).toMatchObject({ pzxid: z2.hdr.zxid, cversion: cversionBefore + 1 });
    expect(fired).toEqual([
      { watcher: 'watcher', type: 'NodeDeleted', path: '/e/x' },
      { watcher: 'watcher', type: 'NodeChildrenChanged', path: '/e' },
    ]);
    // a later request of the expired session: unknown now that the close was applied
    expect(tracker.checkSession(owner)).toBe(Code.UNKNOWNSESSION);
  });
});

describe('S14: watch one-shot semantics', () => {
  it('matches every line of §9 S14 that the model covers', () => {
    const tree = new DataTree();
    const prep = new PrepRequestProcessor(tree, () => Code.OK);
    let zxid = makeZxid(1, 0);
    const write = (op: PrepRequest & { kind: 'op' }) => {
      const rec = prep.pRequest(op, ++zxid, 0);
      const rc = tree.processTxn(rec);
      prep.committed(rec.hdr.zxid);
      return rc.fired;
    };
    const req = (op: Op): PrepRequest & { kind: 'op' } => ({ sessionId: '0x1', cxid: 1, kind: 'op', op });

    write(req({ op: 'create', path: '/a', data: '', mode: 'PERSISTENT' }));
    write(req({ op: 'create', path: '/c', data: '', mode: 'PERSISTENT' }));

    tree.addDataWatch('/a', 'conn');
    const f1 = write(req({ op: 'setData', path: '/a', data: '1', version: -1 }));
    const f2 = write(req({ op: 'setData', path: '/a', data: '2', version: -1 }));
    expect([...f1, ...f2]).toEqual([{ watcher: 'conn', type: 'NodeDataChanged', path: '/a' }]);

    tree.addDataWatch('/b', 'conn'); // exists(/b, watch) on a missing node
    expect(write(req({ op: 'create', path: '/b', data: '', mode: 'PERSISTENT' }))).toEqual([
      { watcher: 'conn', type: 'NodeCreated', path: '/b' },
    ]);

    tree.addDataWatch('/c', 'conn');
    tree.addChildWatch('/c', 'conn');
    expect(write(req({ op: 'delete', path: '/c', version: -1 }))).toEqual([
      { watcher: 'conn', type: 'NodeDeleted', path: '/c' },
    ]);

    tree.addDataWatch('/a', 'conn');
    expect(write(req({ op: 'setData', path: '/a', data: 'x', version: 99 }))).toEqual([]); // BADVERSION
    expect(tree.watchCount()).toBe(1); // still armed
  });
});
