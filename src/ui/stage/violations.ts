/**
 * A checker violation (src/sim/InvariantChecker.ts) as the stage shows it: the servers and zxids it
 * involves, and, where it is known ZooKeeper behaviour, which bug. Uses the Violation's optional
 * `sids`, `zxids` and `cause` when the checker provides them; otherwise reads what it can from the
 * detail text (its `S<n>` and `0x…` tokens) and names the bug from the version it ran under.
 *
 * Pure: no React, no store.
 */
import type { ZkVersion } from '../../sim/Scenario';
import { zxidFromHex } from '../../zk/viewApi';
import type { ViolationRecord } from './logHistory';

export interface ViolationInfo {
  /** trace line of the `violation` event */
  index: number;
  t: number;
  invariant: string;
  detail: string;
  sids: number[];
  zxids: number[];
  /** e.g. ZOOKEEPER-4643; null when not known ZooKeeper behaviour */
  bug: string | null;
  /** the checker said whether it is a known bug (its `cause`), rather than the app guessing */
  explained: boolean;
}

/** Invariants with a plain-words explanation (i18n `logview.inv.<name>`). */
export const KNOWN_INVARIANTS = [
  'Agreement',
  'CheckDuringAction',
  'Durability',
  'EpochOrder',
  'Integrity',
  'Leadership1',
  'Leadership2',
  'LocalPrimaryOrder',
  'PrefixConsistency',
  'TruncBelowCommitted',
] as const;

/** Bugs whose mechanism the app explains (i18n `logview.bug.<id>`). */
export const KNOWN_BUGS = [
  'ZOOKEEPER-4643',
  'ZOOKEEPER-4646',
  'ZOOKEEPER-4394',
  'ZOOKEEPER-4712',
  'ZOOKEEPER-2846',
  'FileTxnLog.truncate',
] as const;

/** An Apache JIRA issue id (the others name ZooKeeper code whose behaviour it is). */
export function isJiraId(bug: string): boolean {
  return /^ZOOKEEPER-\d+$/.test(bug);
}

/**
 * Under the 3.9.1 NEWLEADER handling (currentEpoch written before the synced txns are durable,
 * ACK sent at once: Learner.syncWithLeader before ZOOKEEPER-4643's fix), a committed txn lost by a
 * new leader, or cut from a learner below what was committed, is ZOOKEEPER-4643.
 */
function bugFromVersion(invariant: string, version: ZkVersion): string | null {
  if (version !== '3.9.1') return null;
  if (invariant === 'Durability' || invariant === 'TruncBelowCommitted') return 'ZOOKEEPER-4643';
  return null;
}

function parseSids(detail: string): number[] {
  const out = new Set<number>();
  for (const m of detail.matchAll(/\bS(\d+)\b/g)) out.add(Number(m[1]));
  return [...out];
}

function parseZxids(hexes: Iterable<string>): number[] {
  const out = new Set<number>();
  for (const h of hexes) {
    try {
      const z = zxidFromHex(h);
      if (Number.isFinite(z)) out.add(z);
    } catch {
      // not a zxid the app can place: left out of the highlight, still in the detail text
    }
  }
  return [...out].sort((a, b) => a - b);
}

export function describeViolation(v: ViolationRecord, version: ZkVersion): ViolationInfo {
  const sids = v.sids && v.sids.length > 0 ? [...v.sids] : parseSids(v.detail);
  const zxids =
    v.zxids && v.zxids.length > 0
      ? parseZxids(v.zxids)
      : parseZxids([...v.detail.matchAll(/0x[0-9a-fA-F]+/g)].map((m) => m[0]));
  const bug = v.cause ? v.cause.bug : bugFromVersion(v.invariant, version);
  return {
    index: v.index,
    t: v.t,
    invariant: v.invariant,
    detail: v.detail,
    sids,
    zxids,
    bug,
    explained: v.cause !== undefined,
  };
}
