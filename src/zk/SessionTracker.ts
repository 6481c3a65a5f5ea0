/**
 * Session liveness on the leader — mirrors org.apache.zookeeper.server.ExpiryQueue and
 * org.apache.zookeeper.server.SessionTrackerImpl (the global session tracker the leader runs).
 *
 * No thread, no clock: every call that depends on time takes `now` (virtual ms). The expirer
 * thread becomes `nextExpirationTime()` (when to wake) and `expire(now)` (what is due).
 */
import { Code } from './ZooDefs';
import type { SessionId } from './txn';
import type { SessionEntry } from './persistence/FileTxnSnapLog';
import { SIM_EPOCH_MS } from './Clock';

/**
 * ExpiryQueue: elements in buckets of `expirationInterval` ms. An element touched at `now` with
 * `timeout` expires at (⌊(now + timeout) / interval⌋ + 1) · interval — rounded *up* to the next
 * bucket, which gives every session a little grace.
 */
export class ExpiryQueue<E> {
  private readonly elemMap = new Map<E, number>();
  private readonly expiryMap = new Map<number, Set<E>>();
  private nextExpirationTime: number;

  constructor(
    readonly expirationInterval: number,
    now: number,
  ) {
    this.nextExpirationTime = this.roundToNextInterval(now);
  }

  private roundToNextInterval(time: number): number {
    return (Math.floor(time / this.expirationInterval) + 1) * this.expirationInterval;
  }

  /** Removes an element; returns the time it was due, or null if it wasn't queued. */
  remove(elem: E): number | null {
    const t = this.elemMap.get(elem);
    if (t === undefined) return null;
    this.elemMap.delete(elem);
    this.leave(t, elem);
    return t;
  }

  /** Adds or moves an element; returns its new expiry time, or null if unchanged. */
  update(elem: E, timeout: number, now: number): number | null {
    const prev = this.elemMap.get(elem);
    const next = this.roundToNextInterval(now + timeout);
    if (next === prev) return null;
    let set = this.expiryMap.get(next);
    if (!set) {
      set = new Set();
      this.expiryMap.set(next, set);
    }
    set.add(elem);
    this.elemMap.set(elem, next);
    if (prev !== undefined) this.leave(prev, elem);
    return next;
  }

  /**
   * Takes elem out of bucket t. ZooKeeper leaves an emptied bucket for its expirer thread, which
   * polls every interval; here nothing polls an empty bucket, so it is dropped at once (invisible:
   * poll, getExpiryMap and nextNonEmptyExpirationTime skip empty buckets) — else a session touched
   * for hours leaves one per interval, and every nextNonEmptyExpirationTime() walks them all.
   */
  private leave(t: number, elem: E): void {
    const set = this.expiryMap.get(t);
    if (!set) return;
    set.delete(elem);
    if (set.size === 0) this.expiryMap.delete(t);
  }

  /** ms until the next bucket is due (0 if already due). */
  getWaitTime(now: number): number {
    return now < this.nextExpirationTime ? this.nextExpirationTime - now : 0;
  }

  /**
   * ExpiryQueue.poll: if the next bucket is due, removes and returns it and moves on by one
   * interval; else returns nothing. Elements stay in elemMap until remove().
   */
  poll(now: number): E[] {
    if (now < this.nextExpirationTime) return [];
    const t = this.nextExpirationTime;
    this.nextExpirationTime = t + this.expirationInterval;
    const set = this.expiryMap.get(t);
    this.expiryMap.delete(t);
    return set ? [...set] : [];
  }

  /** Expiry time of an element, or null. */
  expiryOf(elem: E): number | null {
    return this.elemMap.get(elem) ?? null;
  }

  /** The earliest bucket (at or after the poll cursor) that holds elements, or null. */
  nextNonEmptyExpirationTime(): number | null {
    let best: number | null = null;
    for (const [t, set] of this.expiryMap) {
      if (set.size > 0 && t >= this.nextExpirationTime && (best === null || t < best)) best = t;
    }
    return best;
  }

  /** expiry time → elements, sorted by time (ExpiryQueue.getExpiryMap, for dumps and the UI). */
  getExpiryMap(): [number, E[]][] {
    return [...this.expiryMap.entries()]
      .filter(([, s]) => s.size > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([t, s]) => [t, [...s]]);
  }
}

interface SessionImpl {
  sessionId: SessionId;
  timeout: number;
  isClosing: boolean;
  /** the server/connection the session is attached to (SessionImpl.owner), null until checked */
  owner: string | number | null;
}

const MASK64 = (1n << 64n) - 1n;
/** EphemeralType.CONTAINER_EPHEMERAL_OWNER (Long.MIN_VALUE) is never handed out as a session id. */
const CONTAINER_EPHEMERAL_OWNER = 1n << 63n;

/**
 * SessionTrackerImpl.initializeNextSessionId: top byte = myid, next 40 bits = the low 40 bits of
 * the ms clock (here SIM_EPOCH_MS + virtual now), low 16 bits = 0 (a counter from there).
 */
export function initializeNextSessionId(myid: number, now: number): bigint {
  const ms = BigInt(Math.floor(SIM_EPOCH_MS + now));
  // (ms << 24) >>> 8 on a 64-bit long, then | (id << 56)
  let nextSid = ((ms << 24n) & MASK64) >> 8n;
  nextSid = (nextSid | (BigInt(myid) << 56n)) & MASK64;
  if (nextSid === CONTAINER_EPHEMERAL_OWNER) nextSid++;
  return nextSid;
}

/** '0x…' lower-case, no padding — Long.toHexString of the 64-bit id. */
export function sessionIdToHex(id: bigint): SessionId {
  return '0x' + (id & MASK64).toString(16);
}

/** Orders session ids by their 64-bit value (hex strings of different lengths don't sort as text). */
export function compareSessionIds(a: SessionId, b: SessionId): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** ZooKeeperServer: a requested session timeout is clamped to [2, 20]·tickTime. */
export function clampSessionTimeout(requested: number, tickTime: number): number {
  const min = 2 * tickTime;
  const max = 20 * tickTime;
  return requested < min ? min : requested > max ? max : requested;
}

export class SessionTrackerImpl {
  private readonly sessionsById = new Map<SessionId, SessionImpl>();
  private readonly sessionExpiryQueue: ExpiryQueue<SessionImpl>;
  private nextSessionId: bigint;

  constructor(
    readonly myid: number,
    readonly tickTime: number,
    now: number,
  ) {
    this.sessionExpiryQueue = new ExpiryQueue(tickTime, now);
    this.nextSessionId = initializeNextSessionId(myid, now);
  }

  /** A new session id from this server's sequence, tracked from `now`. */
  createSession(timeout: number, now: number): SessionId {
    const id = sessionIdToHex(this.nextSessionId);
    this.nextSessionId = (this.nextSessionId + 1n) & MASK64;
    this.addSession(id, timeout, now);
    return id;
  }

  /**
   * trackSession: starts tracking `id` (or keeps the existing entry) and (re)schedules its expiry
   * with a full timeout from `now`. A new leader does this for every session it loads, which is
   * the grace period sessions get across a failover. True if the session was new.
   */
  addSession(id: SessionId, timeout: number, now: number): boolean {
    let s = this.sessionsById.get(id);
    const added = !s;
    if (!s) {
      s = { sessionId: id, timeout, isClosing: false, owner: null };
      this.sessionsById.set(id, s);
    }
    this.sessionExpiryQueue.update(s, timeout, now);
    return added;
  }

  /** A request or ping for the session reached us: push its expiry out. False if unknown or closing. */
  touchSession(id: SessionId, timeout: number, now: number): boolean {
    const s = this.sessionsById.get(id);
    if (!s || s.isClosing) return false;
    this.sessionExpiryQueue.update(s, timeout, now);
    return true;
  }

  setSessionClosing(id: SessionId): void {
    const s = this.sessionsById.get(id);
    if (s) s.isClosing = true;
  }

  /** The closeSession txn was applied: forget the session. */
  removeSession(id: SessionId): void {
    const s = this.sessionsById.get(id);
    this.sessionsById.delete(id);
    if (s) this.sessionExpiryQueue.remove(s);
  }

  isTrackingSession(id: SessionId): boolean {
    return this.sessionsById.has(id);
  }

  isClosing(id: SessionId): boolean {
    return this.sessionsById.get(id)?.isClosing ?? false;
  }

  getSessionTimeout(id: SessionId): number | null {
    return this.sessionsById.get(id)?.timeout ?? null;
  }

  /**
   * checkSession: UNKNOWNSESSION if not tracked, SESSIONEXPIRED if closing, SESSIONMOVED if it is
   * owned by another connection (only when `owner` is given; the first check claims it), else OK.
   */
  checkSession(id: SessionId, owner?: string | number): number {
    const s = this.sessionsById.get(id);
    if (!s) return Code.UNKNOWNSESSION;
    if (s.isClosing) return Code.SESSIONEXPIRED;
    if (owner !== undefined) {
      if (s.owner === null) s.owner = owner;
      else if (s.owner !== owner) return Code.SESSIONMOVED;
    }
    return Code.OK;
  }

  /** setOwner: the session is now attached to `owner`; SESSIONEXPIRED if gone or closing. */
  setOwner(id: SessionId, owner: string | number): number {
    const s = this.sessionsById.get(id);
    if (!s || s.isClosing) return Code.SESSIONEXPIRED;
    s.owner = owner;
    return Code.OK;
  }

  /** When the expirer should wake next: the earliest non-empty bucket, or null if none. */
  nextExpirationTime(): number | null {
    return this.sessionExpiryQueue.nextNonEmptyExpirationTime();
  }

  /**
   * The expirer thread's loop body: every bucket due at `now` is polled, its sessions marked
   * closing and returned (in bucket order) — the caller submits a closeSession for each.
   */
  expire(now: number): SessionId[] {
    const out: SessionId[] = [];
    while (this.sessionExpiryQueue.getWaitTime(now) === 0) {
      for (const s of this.sessionExpiryQueue.poll(now)) {
        s.isClosing = true;
        out.push(s.sessionId);
      }
    }
    return out;
  }

  /** (sessionId, timeout) of every tracked session, sorted by id. */
  sessions(): SessionEntry[] {
    return [...this.sessionsById.values()]
      .map((s): SessionEntry => [s.sessionId, s.timeout])
      .sort((a, b) => compareSessionIds(a[0], b[0]));
  }

  /** When the session is (or was, if already expired and closing) due to expire; null if not tracked. */
  expiryOf(id: SessionId): number | null {
    const s = this.sessionsById.get(id);
    return s ? this.sessionExpiryQueue.expiryOf(s) : null;
  }
}
