/**
 * What a server keeps on "disk" — mirrors FileTxnSnapLog (FileTxnLog + FileSnap) and the
 * acceptedEpoch/currentEpoch files of QuorumPeer.
 *
 * The core never touches storage directly: a peer emits `StorageOp`s (see PeerIO) and is told
 * when they are durable. A `DurableStore` applies them; recovery (§5.2) reads a `DurableImage`.
 * Node uses `InMemoryDurableStore`; the browser runtime implements the same on IndexedDB.
 */
import type { Zxid } from '../Zxid';
import type { SessionId, Stat, TxnRecord } from '../txn';

/** One znode in a serialized snapshot (path → node); stat holds the *persisted* cversion. */
export interface SerializedNode {
  path: string;
  data: string;
  stat: Stat;
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
}

/** `snapshot.<hex zxid>`: a (fuzzy) snapshot named after lastProcessedZxid when it began. */
export interface SnapshotFile {
  zxid: Zxid;
  tree: SerializedDataTree;
  sessions: SessionEntry[];
}

export interface DurableImage {
  logs: TxnLogFile[];
  snapshots: SnapshotFile[];
  acceptedEpoch: number | null;
  currentEpoch: number | null;
  /** the `updatingEpoch` marker file exists (Learner at NEWLEADER: created before currentEpoch is
   *  written, deleted after); absent until first written */
  updatingEpoch?: boolean;
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
  /** the updatingEpoch marker: value 1 creates it, 0 deletes it */
  | { op: 'epoch'; file: 'updatingEpoch'; value: 0 | 1 };

export interface DurableStore {
  /** Applies ops to durable storage (in the given order). */
  apply(ops: readonly StorageOp[]): void;
  /** What a restarted process reads. Must be a deep copy or immutable. */
  image(): DurableImage;
}

/** Applies ops to an image in place (shared by the in-memory and IndexedDB stores and tests). */
export function applyStorageOps(img: DurableImage, ops: readonly StorageOp[]): void {
  for (const o of ops) {
    switch (o.op) {
      case 'append': {
        const last = img.logs[img.logs.length - 1];
        if (o.newFile || !last) img.logs.push({ startZxid: o.txn.hdr.zxid, txns: [o.txn] });
        else last.txns.push(o.txn);
        break;
      }
      case 'truncate':
        truncateImage(img, o.zxid);
        break;
      case 'snapshot':
        // snapshot.<zxid>: a second snapshot at the same zxid overwrites the file
        img.snapshots = img.snapshots.filter((x) => x.zxid !== o.snap.zxid);
        img.snapshots.push(o.snap);
        img.snapshots.sort((a, b) => a.zxid - b.zxid);
        break;
      case 'epoch':
        if (o.file === 'updatingEpoch') img.updatingEpoch = o.value === 1;
        else img[o.file] = o.value;
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
    kept.push({ startZxid: f.startZxid, txns: f.txns.slice(0, idx + 1) });
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
    applyStorageOps(this.img, ops);
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
