/**
 * The last time each server's vote changed, and why.
 *
 * VoteBoxView.lastDecision is the *last* notification judged; when a server adopts a better vote it
 * re-broadcasts, and its own (loopback) copy is judged in the same step as 'equal', so by the time
 * the view is taken the informative decision is gone. We keep our own record: between two
 * consecutive views, a LOOKING server whose proposal changed was persuaded by a notification
 * delivered in that step; totalOrderPredicate's order tells which field decided.
 */
import { create } from 'zustand';
import type { SimView, VoteView } from '../../zk/view';
import type { TraceEvent } from '../../zk/trace';
import type { SendLookup } from './narration';
import type { VoteDecision } from './vote';

export interface VoteChange {
  /** the step after which the vote had changed */
  step: number;
  decision: VoteDecision;
}

/** Which field of totalOrderPredicate separates two votes (peerEpoch, then zxid, then sid). */
export function orderRule(a: VoteView, b: VoteView): 'peerEpoch' | 'zxid' | 'sid' | 'equal' {
  if (a.peerEpoch !== b.peerEpoch) return 'peerEpoch';
  if (a.zxid !== b.zxid) return 'zxid';
  if (a.leader !== b.leader) return 'sid';
  return 'equal';
}

/**
 * Vote changes between `prev` and `next` (views at consecutive moments), attributed to the
 * notification delivered to that server by `events` (the events that led from prev to next).
 */
export function deriveVoteChanges(
  prev: SimView,
  next: SimView,
  events: readonly TraceEvent[],
  lookup: SendLookup,
): Map<number, VoteChange> {
  const out = new Map<number, VoteChange>();
  for (const s of next.servers) {
    const before = prev.servers.find((x) => x.sid === s.sid);
    const a = before?.voteBox.proposal;
    const b = s.voteBox.proposal;
    if (!before || !a || !b || !before.up || !s.up) continue;
    if (a.state !== 'LOOKING' || b.state !== 'LOOKING') continue;
    if (a.leader === b.leader && a.zxid === b.zxid && a.peerEpoch === b.peerEpoch) continue;
    // the notification that persuaded it: the last one from another server delivered to it
    let from: number | null = null;
    for (let i = events.length - 1; i >= 0 && from === null; i--) {
      const e = events[i];
      if (e.ev !== 'recv') continue;
      const m = lookup(e.id);
      if (m && m.type === 'NOTIFICATION' && m.to === s.sid && m.from !== s.sid) from = m.from;
    }
    if (from === null) continue;
    const newRound = s.voteBox.logicalclock > before.voteBox.logicalclock;
    const rule = newRound ? 'newRound' : orderRule(b, a);
    if (rule === 'equal') continue;
    out.set(s.sid, {
      step: next.step,
      decision: {
        from,
        theirs: { ...b, electionEpoch: s.voteBox.logicalclock },
        mine: { ...a, electionEpoch: before.voteBox.logicalclock },
        rule,
        changed: true,
      },
    });
  }
  return out;
}

export const useVoteChanges = create<{ bySid: Record<number, VoteChange> }>(() => ({ bySid: {} }));

/** Forgets changes that lie in the future of `step` (after seeking back). */
export function pruneVoteChanges(
  bySid: Record<number, VoteChange>,
  step: number,
): Record<number, VoteChange> {
  const out: Record<number, VoteChange> = {};
  for (const [sid, c] of Object.entries(bySid)) if (c.step <= step) out[Number(sid)] = c;
  return out;
}
