/**
 * Small pure helpers shared by the panels: formatting of zxids, quorum arithmetic and the type of
 * the translate function. No React, no DOM, so that unit tests can import them.
 */
import { zxidToEpochCounter, zxidToHex } from '../../zk/viewApi';
import type { ServerView, VoteView } from '../../zk/view';

/** The translate function the panels receive from `useT()` (or build from a dictionary in tests). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** `1:3 (0x100000003)`; the election's "no zxid" -1 stays -1. */
export function fmtZxid(zxid: number): string {
  if (zxid < 0) return String(zxid);
  return `${zxidToEpochCounter(zxid)} (${zxidToHex(zxid)})`;
}

/** Short `e:c` form. */
export function ec(zxid: number): string {
  return zxidToEpochCounter(zxid);
}

/** Zxid strings in the trace are ZooKeeper hex (`0x100000002`); show them as `1:2 (0x100000002)`. */
export function fmtHexZxid(hex: string | undefined): string {
  if (hex === undefined) return '';
  try {
    const v = BigInt(hex);
    if (v >= 1n << 63n) return hex;
    return fmtZxid(Number(v));
  } catch {
    return hex;
  }
}

/** Virtual ms as seconds with ms precision: `1.234 s`. */
export function fmtTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** Servers that vote (participants). */
export function voters(servers: readonly ServerView[]): ServerView[] {
  return servers.filter((s) => !s.observer);
}

/** Strict majority of `n` voters. */
export function quorumSize(n: number): number {
  return Math.floor(n / 2) + 1;
}

/**
 * Vote equality as FastLeaderElection counts it (zk-reference §2.3): with a LOOKING vote on either
 * side every field must match (and the round must be mine); between non-LOOKING votes only the
 * leader id (and the peerEpoch) matter.
 */
export function sameVote(v: VoteView, proposal: VoteView, round: number): boolean {
  if (v.state === 'LOOKING' || proposal.state === 'LOOKING') {
    return (
      v.leader === proposal.leader &&
      v.zxid === proposal.zxid &&
      v.peerEpoch === proposal.peerEpoch &&
      v.electionEpoch === round
    );
  }
  return v.leader === proposal.leader;
}

/**
 * Does `v` count for `proposal`? While LOOKING, by FastLeaderElection's equality; once the election
 * is over (FOLLOWING/LEADING, the proposal's peerEpoch already updated to the new epoch), a vote
 * counts if it named the same leader — that is the quorum that decided.
 */
export function agrees(v: VoteView, proposal: VoteView, round: number): boolean {
  if (proposal.state !== 'LOOKING') return v.leader === proposal.leader;
  return sameVote(v, proposal, round);
}

/** The sids in `votes` that agree with `proposal` (the quorum being formed), ascending. */
export function agreeingSids(
  votes: readonly { sid: number; vote: VoteView }[],
  proposal: VoteView,
  round: number,
  voterSids: ReadonlySet<number>,
): number[] {
  return votes
    .filter((e) => voterSids.has(e.sid) && agrees(e.vote, proposal, round))
    .map((e) => e.sid)
    .sort((a, b) => a - b);
}

/** Zookeeper's sequential suffix: ten digits at the end of the name. */
export function isSequentialName(name: string): boolean {
  return /\d{10}$/.test(name);
}
