/**
 * The timers a server's card shows, from its view: what each armed timer means in ZooKeeper's terms
 * and the span it counts down (armed → fires).
 *
 * - `fle` is FastLeaderElection's `recvqueue.poll(timeout)`: in the finalize loop it is finalizeWait
 *   (nothing better arrives in time → decide), else notTimeout, the notification back-off (nothing
 *   at all arrives → send the votes again and double it);
 * - `learnerRead` is the learner's socket read timeout: initLimit·tickTime until NEWLEADER, then
 *   syncLimit·tickTime (Learner: sock.setSoTimeout);
 * - `leaderTick` wakes Leader.lead every tickTime/2; every second wake is the quorum check (not
 *   enough followers synced → the leader steps down);
 * - `leaderWait` is the leader's wait for a quorum of FOLLOWERINFO / ACKEPOCH / NEWLEADER ACKs
 *   (initLimit·tickTime);
 * - `sessionExpiry` is SessionTrackerImpl's expirer waking at the next expiry bucket.
 * Pure.
 */
import type { ServerView } from '../../zk/view';
import { finalizeWait } from '../../zk/viewApi';

export type CardTimerKind =
  | 'finalizeWait'
  | 'backoff'
  | 'readTimeout'
  | 'quorumCheck'
  | 'leaderWait'
  | 'sessionExpiry'
  | 'reconnect'
  | 'observerDelay';

export interface CardTimer {
  kind: CardTimerKind;
  /** virtual ms: when it was armed and when it fires */
  start: number;
  end: number;
  /** for the text: e.g. the limit in ticks, notTimeout, how many sessions the bucket holds */
  params: Record<string, string | number>;
}

export interface TimerConfig {
  tickTime: number;
  initLimit: number;
  syncLimit: number;
}

/** What to show first when a card has room for only some. */
const ORDER: readonly CardTimerKind[] = [
  'finalizeWait',
  'backoff',
  'readTimeout',
  'quorumCheck',
  'leaderWait',
  'sessionExpiry',
  'reconnect',
  'observerDelay',
];

export function cardTimers(s: ServerView, cfg: TimerConfig): CardTimer[] {
  if (!s.up || s.state === 'DOWN') return [];
  const out: CardTimer[] = [];
  for (const tm of s.timers ?? []) {
    switch (tm.timer) {
      case 'fle':
        if (s.voteBox.finalizeUntil !== null)
          out.push({
            kind: 'finalizeWait',
            start: tm.at - finalizeWait,
            end: tm.at,
            params: { ms: finalizeWait },
          });
        else out.push({ kind: 'backoff', start: tm.setAt, end: tm.at, params: { ms: s.voteBox.notTimeout } });
        break;
      case 'learnerRead': {
        const ticks = Math.round((tm.at - tm.setAt) / cfg.tickTime);
        const limit = ticks === cfg.syncLimit && ticks !== cfg.initLimit ? 'syncLimit' : 'initLimit';
        out.push({ kind: 'readTimeout', start: tm.setAt, end: tm.at, params: { limit, ticks } });
        break;
      }
      case 'leaderTick': {
        if (!s.leader) break;
        // the wake after this one checks when this one does not
        const end = s.leader.quorumCheckNext ? tm.at : tm.at + cfg.tickTime / 2;
        out.push({ kind: 'quorumCheck', start: end - cfg.tickTime, end, params: {} });
        break;
      }
      case 'leaderWait':
        out.push({ kind: 'leaderWait', start: tm.setAt, end: tm.at, params: { ticks: cfg.initLimit } });
        break;
      case 'sessionExpiry': {
        const n = s.sessions.filter((x) => x.expiresAt === tm.at).length;
        out.push({
          kind: 'sessionExpiry',
          start: Math.max(tm.setAt, tm.at - cfg.tickTime),
          end: tm.at,
          params: { n },
        });
        break;
      }
      case 'learnerConnect':
        out.push({ kind: 'reconnect', start: tm.setAt, end: tm.at, params: {} });
        break;
      case 'observerDelay':
        out.push({ kind: 'observerDelay', start: tm.setAt, end: tm.at, params: {} });
        break;
    }
  }
  return out.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

/** The part of the span still to run at `now`: 1 when armed, 0 when it fires. */
export function remaining(t: CardTimer, now: number): number {
  const span = t.end - t.start;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (t.end - now) / span));
}

/** The leader's session tracker: its expiry buckets, soonest first (ExpiryQueue.getExpiryMap). */
export function expiryBuckets(s: ServerView): { at: number; sessions: string[] }[] {
  if (!s.leader) return [];
  const by = new Map<number, string[]>();
  for (const x of s.sessions) {
    if (x.expiresAt === null) continue;
    const list = by.get(x.expiresAt);
    if (list) list.push(x.id);
    else by.set(x.expiresAt, [x.id]);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([at, sessions]) => ({ at, sessions }));
}
