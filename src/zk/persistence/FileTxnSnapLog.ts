/**
 * What a server keeps on "disk" — mirrors FileTxnSnapLog (FileTxnLog + FileSnap) and the
 * acceptedEpoch/currentEpoch files of QuorumPeer.
 *
 * The core never touches storage directly: a peer emits `StorageOp`s (see PeerIO) and is told
 * when they are durable. A `DurableStore` applies them; recovery (§5.2) reads a `DurableImage`.
 * Node uses `InMemoryDurableStore`; the browser runtime implements the same on IndexedDB.
 */
import type { Zxid } from '../Zxid';
import { zxidToHex } from '../Zxid';
import type { SessionId, Stat, TxnRecord } from '../txn';
import type { ACL } from '../ZooDefs';
import { snapshotChecksum, txnChecksum } from './Checksum';

/** One znode in a serialized snapshot (path → node); stat holds the *persisted* cversion. */
export interface SerializedNode {
  path: string;
  data: string;
  stat: Stat;
  /** the node's ACL when it is not the default (OPEN_ACL_UNSAFE; READ_ACL_UNSAFE for /zookeeper/config) */
  acl?: ACL[];
}
export interface SerializedDataTree {
  nodes: SerializedNode[];
  lastProcessedZxid: Zxid;
}
/** Session table entry as in a snapshot: (sessionId, timeout ms). */
export type SessionEntry = [SessionId, number];

/** `log.<hex zxid of first txn>`: a txn log file. */
export interface TxnLogFile {
  startZxid: Zxid;
  txns: TxnRecord[];
  /** each txn's `txnEntryCRC` as written to disk (Checksum.ts); a process's own copy has none */
  crcs?: number[];
}

/** `snapshot.<hex zxid>`: a (fuzzy) snapshot named after lastProcessedZxid when it began. */
export interface SnapshotFile {
  zxid: Zxid;
  tree: SerializedDataTree;
  sessions: SessionEntry[];
  /** the seal SnapStream writes at the end of the file (Checksum.ts), on disk only */
  checksum?: number;
}

export interface DurableImage {
  logs: TxnLogFile[];
  snapshots: SnapshotFile[];
  acceptedEpoch: number | null;
  currentEpoch: number | null;
  /** the `updatingEpoch` marker of ZooKeeper 3.4 (ZOOKEEPER-1653, never ported to 3.5+). The 3.9
   *  model neither writes nor reads it; kept so that stores written by earlier builds still load */
  updatingEpoch?: boolean;
  /** `currentEpoch.tmp`: left only by a currentEpoch write (AtomicFileOutputStream: tmp, then
   *  rename) interrupted before its rename; QuorumPeer.loadDataBase takes the epoch from it */
  currentEpochTmp?: number;
}

export function emptyImage(): DurableImage {
  return { logs: [], snapshots: [], acceptedEpoch: null, currentEpoch: null };
}

/**
 * Writes a server makes. `append` goes through group commit (durable only when its flush
 * completes); the others model ZooKeeper's blocking writes (epoch files via temp+rename,
 * truncate, snapshots written before the thread proceeds) and are durable at once.
 */
export type StorageOp =
  | { op: 'append'; txn: TxnRecord; newFile: boolean }
  | { op: 'truncate'; zxid: Zxid }
  | { op: 'snapshot'; snap: SnapshotFile }
  | { op: 'epoch'; file: 'acceptedEpoch' | 'currentEpoch'; value: number }
  /** PurgeTxnLog deletes these files (log files by their start zxid, snapshots by zxid) */
  | { op: 'purge'; logs: Zxid[]; snapshots: Zxid[] }
  /** the 3.4 updatingEpoch marker (value 1 creates it, 0 deletes it): not written by the 3.9 model */
  | { op: 'epoch'; file: 'updatingEpoch'; value: 0 | 1 };

export interface DurableStore {
  /** Applies ops to durable storage (in the given order). */
  apply(ops: readonly StorageOp[]): void;
  /** What a restarted process reads. Must be a deep copy or immutable. */
  image(): DurableImage;
}

/**
 * Applies ops to an image in place (shared by the in-memory and IndexedDB stores and tests).
 * `checksums`: write each record's checksum as a disk does (FileTxnLog.append, SnapStream); a
 * process's own copy of its disk leaves them out.
 */
export function applyStorageOps(img: DurableImage, ops: readonly StorageOp[], checksums = false): void {
  for (const o of ops) {
    switch (o.op) {
      case 'append': {
        const last = img.logs[img.logs.length - 1];
        if (o.newFile || !last) {
          const file: TxnLogFile = { startZxid: o.txn.hdr.zxid, txns: [o.txn] };
          if (checksums) file.crcs = [txnChecksum(o.txn)];
          img.logs.push(file);
        } else {
          last.txns.push(o.txn);
          if (checksums) (last.crcs ??= []).push(txnChecksum(o.txn));
        }
        break;
      }
      case 'truncate':
        truncateImage(img, o.zxid);
        break;
      case 'snapshot':
        // snapshot.<zxid>: a second snapshot at the same zxid overwrites the file
        img.snapshots = img.snapshots.filter((x) => x.zxid !== o.snap.zxid);
        img.snapshots.push(checksums ? { ...o.snap, checksum: snapshotChecksum(o.snap) } : o.snap);
        img.snapshots.sort((a, b) => a.zxid - b.zxid);
        break;
      case 'purge': {
        const logs = new Set(o.logs);
        const snaps = new Set(o.snapshots);
        img.logs = img.logs.filter((f) => !logs.has(f.startZxid));
        img.snapshots = img.snapshots.filter((x) => !snaps.has(x.zxid));
        break;
      }
      case 'epoch':
        if (o.file === 'updatingEpoch') img.updatingEpoch = o.value === 1;
        else {
          img[o.file] = o.value;
          // the rename replaces any currentEpoch.tmp an interrupted write left
          if (o.file === 'currentEpoch') delete img.currentEpochTmp;
        }
        break;
    }
  }
}

/**
 * FileTxnLog.truncate: keep every txn up to and including the first txn whose zxid ≥ target
 * (normally the target itself), delete newer log files. Snapshots are not deleted.
 */
export function truncateImage(img: DurableImage, target: Zxid): void {
  let cut = false;
  const kept: TxnLogFile[] = [];
  for (const f of img.logs) {
    if (cut) continue;
    const idx = f.txns.findIndex((t) => t.hdr.zxid >= target);
    if (idx === -1) {
      kept.push(f);
      continue;
    }
    const file: TxnLogFile = { startZxid: f.startZxid, txns: f.txns.slice(0, idx + 1) };
    if (f.crcs) file.crcs = f.crcs.slice(0, idx + 1);
    kept.push(file);
    cut = true;
  }
  img.logs = kept;
}

/** Every logged txn in file order (what a replay or a txn-log walk iterates). */
export function* iterateLog(img: DurableImage): Generator<TxnRecord> {
  for (const f of img.logs) for (const t of f.txns) yield t;
}

export class InMemoryDurableStore implements DurableStore {
  private img: DurableImage = emptyImage();
  private applied = 0;
  apply(ops: readonly StorageOp[]): void {
    applyStorageOps(this.img, ops, true);
    this.applied++;
  }
  /** The operator deletes the dataDir (`rm -rf dataDir/version-2`): nothing is left. */
  wipe(): void {
    this.img = emptyImage();
    this.applied++;
  }
  /**
   * A bad disk: one bit of the stored txn `zxid` flips, its checksum stays as written. Returns the
   * log file that held it, or null if this log has no such txn (nothing changes).
   */
  corrupt(zxid: Zxid): string | null {
    for (const f of this.img.logs) {
      const i = f.txns.findIndex((t) => t.hdr.zxid === zxid);
      if (i === -1) continue;
      f.crcs ??= f.txns.map(txnChecksum);
      const t = f.txns[i];
      f.txns[i] = { hdr: { ...t.hdr, time: t.hdr.time ^ 1 }, txn: t.txn };
      this.applied++;
      return logName(f.startZxid);
    }
    return null;
  }
  /** Makes this store hold `img` (a resume that keeps what a server's own disk holds). */
  replaceImage(img: DurableImage): void {
    this.img = structuredClone(img);
    this.applied++;
  }
  /** How many writes were applied so far: it changes whenever the image may have. */
  get version(): number {
    return this.applied;
  }
  image(): DurableImage {
    return structuredClone(this.img);
  }
  /** Read-only view without copying (for summaries and the UI). */
  peek(): Readonly<DurableImage> {
    return this.img;
  }
}

/** `log.<hex zxid>` (FileTxnLog's file name). */
export function logName(startZxid: Zxid): string {
  return `log.${zxidToHex(startZxid).slice(2)}`;
}

/** `snapshot.<hex zxid>` (FileSnap's file name). */
export function snapName(zxid: Zxid): string {
  return `snapshot.${zxidToHex(zxid).slice(2)}`;
}

/** What FileTxnSnapLog.restore makes of a disk before any txn is applied. */
export type RestoreCheck =
  /** the snapshot to load (index in `snapshots`, or -1 when there is none) */
  | { ok: true; snapshot: number; skipped: string[] }
  | { ok: false; reason: string; file: string; zxid: Zxid | null };

/**
 * The checks of FileTxnSnapLog.restore: FileSnap.deserialize takes the newest snapshot whose seal
 * matches (a bad one is skipped with "problem reading snap file"; none valid: "Not able to find
 * valid snapshots"); then FileTxnIterator reads from the last log file that starts at or below
 * snapZxid + 1 onwards, and the first entry whose `txnEntryCRC` differs stops the load with
 * "CRC check failed". Files and checksums that are absent (a process's own copy) pass.
 */
export function restoreCheck(img: DurableImage): RestoreCheck {
  const skipped: string[] = [];
  let snapshot = -1;
  for (let i = img.snapshots.length - 1; i >= 0; i--) {
    const s = img.snapshots[i];
    if (s.checksum === undefined || s.checksum === snapshotChecksum(s)) {
      snapshot = i;
      break;
    }
    skipped.push(snapName(s.zxid));
  }
  if (snapshot === -1 && skipped.length > 0)
    return {
      ok: false,
      reason: `Not able to find valid snapshots (CRC corruption in ${skipped.join(', ')})`,
      file: skipped[0],
      zxid: img.snapshots[img.snapshots.length - 1].zxid,
    };
  const from = (snapshot >= 0 ? img.snapshots[snapshot].zxid : 0) + 1;
  // FileTxnIterator.init: every file starting at ≥ from, and the last one starting below it
  let first = 0;
  for (let i = 0; i < img.logs.length; i++) if (img.logs[i].startZxid < from) first = i;
  for (let i = first; i < img.logs.length; i++) {
    const f = img.logs[i];
    if (!f.crcs) continue;
    for (let j = 0; j < f.txns.length; j++) {
      const crc = f.crcs[j];
      if (crc !== undefined && crc !== txnChecksum(f.txns[j]))
        return {
          ok: false,
          reason: `CRC check failed in ${logName(f.startZxid)} at zxid ${zxidToHex(f.txns[j].hdr.zxid)}`,
          file: logName(f.startZxid),
          zxid: f.txns[j].hdr.zxid,
        };
    }
  }
  return { ok: true, snapshot, skipped };
}
