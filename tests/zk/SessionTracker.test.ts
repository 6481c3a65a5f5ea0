import { describe, expect, it } from 'vitest';
import {
  ExpiryQueue,
  SessionTrackerImpl,
  clampSessionTimeout,
  compareSessionIds,
  initializeNextSessionId,
  sessionIdToHex,
} from '../../src/zk/SessionTracker';
import { SIM_EPOCH_MS } from '../../src/zk/Clock';
import { Code } from '../../src/zk/ZooDefs';

describe('SIM_EPOCH_MS', () => {
  it('is Date.UTC(2026, 10, 21, 21, 52, 0)', () => {
    expect(SIM_EPOCH_MS).toBe(Date.UTC(2026, 10, 21, 21, 52, 0));
  });
});

describe('clampSessionTimeout', () => {
  it('clamps to [2, 20]·tickTime', () => {
    expect(clampSessionTimeout(3000, 2000)).toBe(4000); // S13
    expect(clampSessionTimeout(30000, 2000)).toBe(30000);
    expect(clampSessionTimeout(100000, 2000)).toBe(40000);
    expect(clampSessionTimeout(4000, 2000)).toBe(4000);
    expect(clampSessionTimeout(0, 3000)).toBe(6000);
  });
});

describe('ExpiryQueue', () => {
  it('buckets expiry at (⌊(now + timeout)/interval⌋ + 1)·interval', () => {
    const q = new ExpiryQueue<string>(2000, 0);
    expect(q.update('a', 4000, 10_500)).toBe(16_000); // S13
    expect(q.update('a', 4000, 10_900)).toBeNull(); // same bucket: unchanged
    expect(q.update('a', 4000, 12_000)).toBe(18_000); // exactly on a boundary still rounds up
    expect(q.expiryOf('a')).toBe(18_000);
    expect(q.update('b', 4000, 0)).toBe(6000);
    expect(q.getExpiryMap()).toEqual([
      [6000, ['b']],
      [18_000, ['a']],
    ]);
    expect(q.remove('b')).toBe(6000);
    expect(q.remove('b')).toBeNull();
    expect(q.nextNonEmptyExpirationTime()).toBe(18_000);
  });

  it('poll hands out one due bucket per call and moves on by one interval', () => {
    const q = new ExpiryQueue<string>(1000, 500); // first bucket at 1000
    q.update('x', 1500, 500); // → 3000
    expect(q.getWaitTime(500)).toBe(500);
    expect(q.poll(999)).toEqual([]);
    expect(q.poll(3000)).toEqual([]); // bucket 1000 (empty)
    expect(q.poll(3000)).toEqual([]); // bucket 2000 (empty)
    expect(q.poll(3000)).toEqual(['x']); // bucket 3000
    expect(q.getWaitTime(3000)).toBe(1000);
    expect(q.expiryOf('x')).toBe(3000); // stays in elemMap until removed, like ZooKeeper
    expect(q.nextNonEmptyExpirationTime()).toBeNull();
  });
});

describe('SessionTrackerImpl: session ids (initializeNextSessionId)', () => {
  it('top byte myid, next 40 bits the ms clock, low 16 bits a counter', () => {
    const now = 12_345;
    const ms = BigInt(SIM_EPOCH_MS + now);
    const expected = (1n << 56n) | ((ms & ((1n << 40n) - 1n)) << 16n);
    expect(initializeNextSessionId(1, now)).toBe(expected);
    const t = new SessionTrackerImpl(1, 2000, now);
    const a = t.createSession(4000, now);
    const b = t.createSession(4000, now);
    expect(a).toBe('0x' + expected.toString(16));
    expect(b).toBe('0x' + (expected + 1n).toString(16));
    expect(a).toMatch(/^0x1[0-9a-f]{10}0000$/);
    expect(b.endsWith('0001')).toBe(true);
  });

  it('uses the full top byte for large myids and prints unsigned hex', () => {
    const id = initializeNextSessionId(255, 0);
    expect(sessionIdToHex(id)).toMatch(/^0xff[0-9a-f]{10}0000$/);
    expect(sessionIdToHex(initializeNextSessionId(128, 0)).startsWith('0x80')).toBe(true);
  });

  it('orders ids numerically', () => {
    expect(compareSessionIds('0x9', '0x10')).toBeLessThan(0);
    expect(['0x20', '0x3', '0x100'].sort(compareSessionIds)).toEqual(['0x3', '0x20', '0x100']);
  });
});

describe('SessionTrackerImpl: S13 expiry arithmetic', () => {
  it('ask 3000 → 4000; last touch at 10 500 → expires at 16 000', () => {
    const tick = 2000;
    const t = new SessionTrackerImpl(3, tick, 0);
    const timeout = clampSessionTimeout(3000, tick);
    const id = t.createSession(timeout, 1200);
    expect(t.expiryOf(id)).toBe(6000);
    for (const now of [3000, 6500, 9000, 10_500]) expect(t.touchSession(id, timeout, now)).toBe(true);
    expect(t.expiryOf(id)).toBe(16_000);
    expect(t.nextExpirationTime()).toBe(16_000);
    expect(t.expire(15_999)).toEqual([]);
    expect(t.checkSession(id)).toBe(Code.OK);
    expect(t.expire(16_000)).toEqual([id]);
    expect(t.isClosing(id)).toBe(true);
    expect(t.checkSession(id)).toBe(Code.SESSIONEXPIRED);
    expect(t.touchSession(id, timeout, 16_001)).toBe(false); // closing sessions are not revived
    expect(t.expire(30_000)).toEqual([]);
    expect(t.nextExpirationTime()).toBeNull();
    t.removeSession(id); // the closeSession txn was applied
    expect(t.checkSession(id)).toBe(Code.UNKNOWNSESSION);
    expect(t.expiryOf(id)).toBeNull();
    expect(t.sessions()).toEqual([]);
  });

  it('expires whole buckets together, in bucket order', () => {
    const t = new SessionTrackerImpl(1, 2000, 0);
    const a = t.createSession(4000, 100); // 6000
    const b = t.createSession(4000, 1900); // 6000
    const c = t.createSession(6000, 0); // 8000
    expect(t.expire(9000)).toEqual([a, b, c]);
  });

  it('a new leader re-tracks loaded sessions with a full timeout (grace period)', () => {
    const t = new SessionTrackerImpl(2, 2000, 50_000);
    expect(t.addSession('0x1000000000001', 4000, 50_000)).toBe(true);
    expect(t.addSession('0x1000000000001', 4000, 51_000)).toBe(false); // existing: just moved
    expect(t.expiryOf('0x1000000000001')).toBe(56_000);
    expect(t.getSessionTimeout('0x1000000000001')).toBe(4000);
    expect(t.isTrackingSession('0x1000000000001')).toBe(true);
    expect(t.touchSession('0xunknown', 4000, 51_000)).toBe(false);
  });

  it('checkSession with owners reports SESSIONMOVED; setOwner re-attaches', () => {
    const t = new SessionTrackerImpl(1, 2000, 0);
    const id = t.createSession(4000, 0);
    expect(t.checkSession(id, 'server1')).toBe(Code.OK);
    expect(t.checkSession(id, 'server1')).toBe(Code.OK);
    expect(t.checkSession(id, 'server2')).toBe(Code.SESSIONMOVED);
    expect(t.setOwner(id, 'server2')).toBe(Code.OK);
    expect(t.checkSession(id, 'server2')).toBe(Code.OK);
    t.setSessionClosing(id);
    expect(t.setOwner(id, 'server1')).toBe(Code.SESSIONEXPIRED);
  });

  it('sessions() lists (id, timeout) sorted by id', () => {
    const t = new SessionTrackerImpl(1, 2000, 0);
    t.addSession('0x20', 6000, 0);
    t.addSession('0x3', 4000, 0);
    expect(t.sessions()).toEqual([
      ['0x3', 4000],
      ['0x20', 6000],
    ]);
  });
});
