/**
 * Why the leader chose DIFF / TRUNC / TRUNC+DIFF / SNAP for a learner (LearnerHandler.syncFollower,
 * zk-reference §4): peerLastZxid placed against the leader's committedLog [min, max].
 */
import type { SyncMode } from '../../zk/trace';
import { getCounterFromZxid } from '../../zk/viewApi';
import { fmtZxid, type Translate } from './format';

export const SYNC_FOLLOWER = 'LearnerHandler.syncFollower';

export interface SyncFacts {
  mode: SyncMode;
  /** the zxid in the DIFF / TRUNC / SNAP packet */
  zxid: number;
  peerLastZxid: number;
  /** the leader's committedLog bounds */
  min: number;
  max: number;
}

/** Which case of §4 applies, as a key suffix (also used by tests). */
export function syncCase(f: SyncFacts): string {
  const peer = f.peerLastZxid;
  const newEpochPeer = peer >= 0 && getCounterFromZxid(peer) === 0;
  const inRange = peer >= f.min && peer <= f.max;
  switch (f.mode) {
    case 'DIFF':
      if (peer === f.zxid) return 'DIFF.inSync';
      if (inRange) return 'DIFF.inRange';
      if (newEpochPeer) return 'DIFF.newEpochPeer';
      if (peer < f.min) return 'DIFF.txnLog';
      return 'DIFF.other';
    case 'TRUNC':
      if (peer > f.max) return 'TRUNC.above';
      return 'TRUNC.other';
    case 'TRUNC+DIFF':
      if (peer > f.max) return 'TRUNCDIFF.above';
      return 'TRUNCDIFF.inRange';
    case 'SNAP':
      if (peer > f.max && newEpochPeer) return 'SNAP.newEpochAbove';
      if (peer < f.min) return 'SNAP.tooOld';
      if (inRange) return 'SNAP.crossEpoch';
      return 'SNAP.other';
  }
}

/** One sentence ending with ` — LearnerHandler.syncFollower`. */
export function explainSync(f: SyncFacts, t: Translate): string {
  const text = t(`panels.sync.${syncCase(f)}`, {
    peer: fmtZxid(f.peerLastZxid),
    zxid: fmtZxid(f.zxid),
    min: fmtZxid(f.min),
    max: fmtZxid(f.max),
    mode: f.mode,
  });
  return `${text} — ${SYNC_FOLLOWER}`;
}
