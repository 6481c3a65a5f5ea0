/**
 * Which files a purge deletes — mirrors org.apache.zookeeper.server.PurgeTxnLog (purge,
 * purgeOlderSnapshots) with FileSnap.findNValidSnapshots and FileTxnLog.getLogFiles, and the
 * autopurge settings of QuorumPeerConfig (`autopurge.snapRetainCount`, `autopurge.purgeInterval`)
 * that DatadirCleanupManager runs it with.
 *
 * Pure: it reads a DurableImage and names the files; the caller turns that into a `purge` StorageOp.
 */
import type { Zxid } from '../Zxid';
import type { DurableImage } from './FileTxnSnapLog';
import { logName, snapName } from './FileTxnSnapLog';

/** QuorumPeerConfig.MIN_SNAP_RETAIN_COUNT (also PurgeTxnLog.purge's lower bound). */
export const MIN_SNAP_RETAIN_COUNT = 3;
/** QuorumPeerConfig's defaults: keep 3 snapshots; purgeInterval 0 = no purge task. */
export const DEFAULT_SNAP_RETAIN_COUNT = 3;
export const DEFAULT_PURGE_INTERVAL = 0;
/** PurgeTxnLog.COUNT_ERR_MSG: what purge (and zkCleanup.sh -n) says to a count below 3. */
export const COUNT_ERR_MSG = 'count should be greater than or equal to 3';
/** DatadirCleanupManager schedules the task every purgeInterval hours (TimeUnit.HOURS.toMillis). */
export const HOUR_MS = 3_600_000;

/**
 * QuorumPeerConfig.parseProperties: an autopurge.snapRetainCount below 3 is not refused; it is
 * reset to 3 with a warning ("Invalid autopurge.snapRetainCount: N. Defaulting to 3").
 */
export function effectiveSnapRetainCount(n: number): number {
  return n < MIN_SNAP_RETAIN_COUNT ? MIN_SNAP_RETAIN_COUNT : n;
}

export interface PurgePlan {
  /** start zxids of the log files removed (`log.<hex>`) */
  logs: Zxid[];
  /** zxids of the snapshots removed (`snapshot.<hex>`) */
  snapshots: Zxid[];
  /** the oldest snapshot kept (leastZxidToBeRetain), or null when there is no snapshot */
  leastZxidToBeRetain: Zxid | null;
}

/**
 * PurgeTxnLog.purge(dataDir, snapDir, num): keep the newest `num` snapshots; delete every
 * snapshot and log file whose name's zxid is below the oldest one kept, except the log files
 * FileTxnLog.getLogFiles(leastZxidToBeRetain) returns (the newest log starting at or below it
 * and every later one), because that log may hold txns newer than the snapshot.
 * Throws IllegalArgumentException's text for num < 3.
 */
export function planPurge(img: Readonly<DurableImage>, num: number): PurgePlan {
  if (!(num >= MIN_SNAP_RETAIN_COUNT)) throw new Error(COUNT_ERR_MSG);
  // FileSnap.findNValidSnapshots(num): newest first. SnapStream.isValidSnapshot checks only the
  // file's length and its trailing '/', which every snapshot the model writes has.
  const snaps = [...img.snapshots].map((s) => s.zxid).sort((a, b) => b - a);
  const kept = snaps.slice(0, num);
  if (kept.length === 0) return { logs: [], snapshots: [], leastZxidToBeRetain: null };
  const least = kept[kept.length - 1];
  // FileTxnLog.getLogFiles(files, least): the log starting at or below `least` with the highest
  // start zxid (0 when none), then every file starting at or above it is retained
  let logZxid = 0;
  for (const f of img.logs) if (f.startZxid <= least && f.startZxid > logZxid) logZxid = f.startZxid;
  const logs = img.logs.filter((f) => f.startZxid < logZxid && f.startZxid < least).map((f) => f.startZxid);
  const snapshots = snaps.filter((z) => z < least).sort((a, b) => a - b);
  return { logs: [...new Set(logs)].sort((a, b) => a - b), snapshots, leastZxidToBeRetain: least };
}

/** The txns held by the log files a plan removes, ascending (what a trace shows as gone from disk). */
export function purgedTxns(img: Readonly<DurableImage>, plan: Pick<PurgePlan, 'logs'>): Zxid[] {
  const gone = new Set(plan.logs);
  const out: Zxid[] = [];
  for (const f of img.logs) if (gone.has(f.startZxid)) for (const t of f.txns) out.push(t.hdr.zxid);
  return out.sort((a, b) => a - b);
}

/** The file names a plan removes, logs first, as PurgeTxnLog prints "Removing file: …". */
export function purgedFileNames(plan: Pick<PurgePlan, 'logs' | 'snapshots'>): string[] {
  return [...plan.logs.map(logName), ...plan.snapshots.map(snapName)];
}
