/**
 * The leader's sync decision for one learner — LearnerHandler.syncFollower,
 * LearnerHandler.queueCommittedProposals, ZKDatabase.getProposalsFromTxnLog and the queueing
 * half of Leader.startForwarding — as a pure function, so that zk-reference §4's decision table
 * can be checked case by case.
 *
 * Result: DIFF / TRUNC / TRUNC+DIFF / SNAP, the packets queued for the learner (before NEWLEADER;
 * for SNAP only what startForwarding queued above the snapshot is sent after it), and a reason in
 * plain words for the UI.
 */
import { getCounterFromZxid, getEpochFromZxid, zxidToHex } from './Zxid';
import type { Zxid } from './Zxid';
import type { TxnRecord } from './txn';
import type { QuorumPacket } from './QuorumPacket';
import type { TxnLogFile } from './persistence/FileTxnSnapLog';
import type { SyncMode } from './trace';

/** Log files are pre-allocated in 64 MiB steps (zookeeper.preAllocSize), which the size limit sees. */
export const PREALLOC_BYTES = 64 * 1024 * 1024;

export interface SyncInputs {
  committedLog: readonly TxnRecord[];
  minCommittedLog: Zxid;
  maxCommittedLog: Zxid;
  lastProcessedZxid: Zxid;
  /** zookeeper.snapshotSizeFactor; < 0 disables txn-log sync */
  snapshotSizeFactor: number;
  /** the leader's txn log files, oldest first (raw: old-epoch leftovers included) */
  txnLogFiles: readonly TxnLogFile[];
  /** bytes of the newest snapshot file (the txn-log size limit is a fraction of it) */
  newestSnapshotSize: number;
  /** Leader.lastProposed, toBeApplied and outstandingProposals (ascending) for startForwarding */
  lastProposed: Zxid;
  toBeApplied: readonly TxnRecord[];
  outstanding: readonly TxnRecord[];
  observer: boolean;
  forceSnapSync?: boolean;
}

export interface SyncDecision {
  needSnap: boolean;
  mode: SyncMode;
  /** the zxid the header packet carries (DIFF/TRUNC), or the leader's lastProcessedZxid for SNAP */
  zxid: Zxid;
  /** queued packets in order: header (not for SNAP), historical P/C pairs, then startForwarding's */
  packets: QuorumPacket[];
  reason: string;
}

export function syncFollower(inp: SyncInputs, peerLastZxid: Zxid): SyncDecision {
  const hx = zxidToHex;
  const queued: QuorumPacket[] = [];
  const state = { needOpPacket: true };
  const isPeerNewEpochZxid = getCounterFromZxid(peerLastZxid) === 0;
  let currentZxid = peerLastZxid;
  let needSnap = true;
  let reason: string;
  let { minCommittedLog, maxCommittedLog } = inp;
  const lastProcessedZxid = inp.lastProcessedZxid;
  if (inp.committedLog.length === 0) {
    minCommittedLog = lastProcessedZxid;
    maxCommittedLog = lastProcessedZxid;
  }
  const range = `committedLog [${hx(minCommittedLog)}, ${hx(maxCommittedLog)}]`;
  if (inp.forceSnapSync) {
    reason = 'zookeeper.forceSnapshotSync is set';
  } else if (lastProcessedZxid === peerLastZxid) {
    queued.push({ type: 'DIFF', zxid: peerLastZxid });
    state.needOpPacket = false;
    needSnap = false;
    reason = `peerLastZxid ${hx(peerLastZxid)} == lastProcessedZxid: already in sync, empty DIFF`;
  } else if (peerLastZxid > maxCommittedLog && !isPeerNewEpochZxid) {
    queued.push({ type: 'TRUNC', zxid: maxCommittedLog });
    currentZxid = maxCommittedLog;
    state.needOpPacket = false;
    needSnap = false;
    reason = `peerLastZxid ${hx(peerLastZxid)} > maxCommittedLog ${hx(maxCommittedLog)}: TRUNC to ${hx(maxCommittedLog)}`;
  } else if (maxCommittedLog >= peerLastZxid && minCommittedLog <= peerLastZxid) {
    currentZxid = queueCommittedProposals(
      state,
      inp.committedLog,
      peerLastZxid,
      null,
      maxCommittedLog,
      queued,
    );
    needSnap = false;
    reason = `peerLastZxid ${hx(peerLastZxid)} within ${range}`;
  } else if (peerLastZxid < minCommittedLog && inp.snapshotSizeFactor >= 0) {
    const txnLog = getProposalsFromTxnLog(inp, peerLastZxid);
    reason = `peerLastZxid ${hx(peerLastZxid)} < minCommittedLog ${hx(minCommittedLog)}`;
    if (txnLog.length) {
      currentZxid = queueCommittedProposals(
        state,
        txnLog,
        peerLastZxid,
        minCommittedLog,
        maxCommittedLog,
        queued,
      );
      if (currentZxid < minCommittedLog) {
        reason += ': the txn log ends below minCommittedLog (gap)';
      } else {
        currentZxid = queueCommittedProposals(
          state,
          inp.committedLog,
          currentZxid,
          null,
          maxCommittedLog,
          queued,
        );
        needSnap = false;
        reason += ': served from the txn log, then committedLog';
      }
    } else {
      reason +=
        ': the txn log cannot serve it (no log file starts at or below it, or newer files exceed snapshotSizeFactor × snapshot size)';
    }
  } else {
    reason = isPeerNewEpochZxid
      ? `peerLastZxid ${hx(peerLastZxid)} is a new-epoch zxid outside ${range}`
      : `peerLastZxid ${hx(peerLastZxid)} is older than everything usable (${range}${inp.snapshotSizeFactor < 0 ? ', txn-log sync disabled' : ''})`;
  }
  if (needSnap) currentZxid = lastProcessedZxid;
  startForwarding(inp, currentZxid, queued);
  if (state.needOpPacket && !needSnap) {
    // queueCommittedProposals gave up: "Cannot send TRUNC to peer … peer zxid is from different epoch"
    needSnap = true;
    reason += ': the divergence crosses an epoch boundary, which TRUNC cannot';
  }
  if (needSnap) {
    return { needSnap, mode: 'SNAP', zxid: lastProcessedZxid, packets: queued, reason: `${reason} → SNAP` };
  }
  const first = queued[0];
  if (first?.type === 'TRUNC') {
    const diff = queued.some((p) => p.type === 'PROPOSAL');
    return { needSnap, mode: diff ? 'TRUNC+DIFF' : 'TRUNC', zxid: first.zxid, packets: queued, reason };
  }
  return { needSnap, mode: 'DIFF', zxid: first?.zxid ?? peerLastZxid, packets: queued, reason };
}

/** LearnerHandler.queueCommittedProposals. */
function queueCommittedProposals(
  state: { needOpPacket: boolean },
  itr: readonly TxnRecord[],
  peerLastZxid: Zxid,
  maxZxid: Zxid | null,
  lastCommittedZxid: Zxid,
  queued: QuorumPacket[],
): Zxid {
  const isPeerNewEpochZxid = getCounterFromZxid(peerLastZxid) === 0;
  let queuedZxid = peerLastZxid;
  let prevProposalZxid = -1;
  for (const rec of itr) {
    const packetZxid = rec.hdr.zxid;
    if (maxZxid !== null && packetZxid > maxZxid) break;
    if (packetZxid < peerLastZxid) {
      prevProposalZxid = packetZxid;
      continue;
    }
    if (state.needOpPacket) {
      if (packetZxid === peerLastZxid) {
        queued.push({ type: 'DIFF', zxid: lastCommittedZxid });
        state.needOpPacket = false;
        continue;
      }
      if (isPeerNewEpochZxid) {
        queued.push({ type: 'DIFF', zxid: lastCommittedZxid });
        state.needOpPacket = false;
      } else if (packetZxid > peerLastZxid) {
        if (getEpochFromZxid(packetZxid) !== getEpochFromZxid(peerLastZxid)) return queuedZxid;
        queued.push({ type: 'TRUNC', zxid: prevProposalZxid });
        state.needOpPacket = false;
      }
    }
    if (packetZxid <= queuedZxid) continue;
    queued.push({ type: 'PROPOSAL', zxid: packetZxid, txn: rec });
    queued.push({ type: 'COMMIT', zxid: packetZxid });
    queuedZxid = packetZxid;
  }
  if (state.needOpPacket && isPeerNewEpochZxid) {
    queued.push({ type: 'DIFF', zxid: lastCommittedZxid });
    state.needOpPacket = false;
  }
  return queuedZxid;
}

/**
 * ZKDatabase.getProposalsFromTxnLog: raw txns from the files FileTxnIterator.init picks — the
 * newest file that starts strictly below peerLastZxid and every newer one (so a file that starts
 * exactly at the peer's zxid comes with the file before it), or every file when none starts below
 * it — unless the first txn read is above the peer, or the files after the first
 * (FileTxnIterator.getStorageSize) are larger than snapshotSizeFactor × the newest snapshot's
 * size (a limit of 0 means unlimited).
 */
function getProposalsFromTxnLog(inp: SyncInputs, peerLastZxid: Zxid): TxnRecord[] {
  const logs = inp.txnLogFiles;
  if (!logs.length) return [];
  let idx = 0;
  for (let i = 0; i < logs.length; i++) if (logs[i].startZxid < peerLastZxid) idx = i;
  const files = logs.slice(idx);
  const first = files[0].txns[0];
  if (!first || first.hdr.zxid > peerLastZxid) return [];
  const limit = inp.snapshotSizeFactor * inp.newestSnapshotSize;
  const newerBytes = (files.length - 1) * PREALLOC_BYTES;
  if (limit > 0 && newerBytes > limit) return [];
  const out: TxnRecord[] = [];
  for (const f of files) for (const t of f.txns) out.push(t);
  return out;
}

/** The queueing half of Leader.startForwarding: in-flight proposals above lastSeenZxid. */
function startForwarding(inp: SyncInputs, lastSeenZxid: Zxid, queued: QuorumPacket[]): void {
  if (inp.lastProposed <= lastSeenZxid) return;
  for (const rec of inp.toBeApplied) {
    const z = rec.hdr.zxid;
    if (z <= lastSeenZxid) continue;
    queued.push({ type: 'PROPOSAL', zxid: z, txn: rec });
    queued.push({ type: 'COMMIT', zxid: z });
  }
  if (inp.observer) return;
  for (const rec of inp.outstanding) {
    const z = rec.hdr.zxid;
    if (z <= lastSeenZxid) continue;
    queued.push({ type: 'PROPOSAL', zxid: z, txn: rec });
  }
}
