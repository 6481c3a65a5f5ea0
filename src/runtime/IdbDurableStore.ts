/**
 * IdbDurableStore — one server's dataDir on IndexedDB: ZooKeeper's FileTxnSnapLog (the txn log
 * files `log.<hex zxid>` of FileTxnLog, the `snapshot.<hex zxid>` files of FileSnap) and the
 * `acceptedEpoch` / `currentEpoch` files of QuorumPeer. One database per server per ensemble
 * (`zablab/<ensembleId>/server-<sid>`), written by that server's Web Worker.
 *
 * Object stores:
 *  - `txnlog`    one record per logged txn, keyed by its position in the log (`seq`, ascending in
 *                append order), with its `zxid` (indexed) and the log file it belongs to (`fileNo`).
 *                ZooKeeper's log can hold the same zxid twice (the TRUNC quirk of §5.1
 *                followed by a new file that starts at that zxid again), which a zxid key could not
 *                keep; the zxid index answers "where is zxid z".
 *  - `logfiles`  one record per log file: `fileNo` (creation order), `startZxid`, `name`
 *                (`log.<hex startZxid>`), so the file boundaries ZooKeeper would have are kept.
 *  - `snapshots` keyed by zxid: the serialized DataTree and session table (`snapshot.<hex zxid>`;
 *                a second snapshot at the same zxid overwrites the file).
 *  - `epochs`    `acceptedEpoch`, `currentEpoch`.
 *  - `meta`      `lastTx`: a tag written atomically with every transaction (which process, which
 *                call, which step, and for blocking writes what they were), so that after a worker
 *                was killed at a real moment the page can tell which writes reached the disk.
 *
 * `apply(ops)` is ONE IndexedDB transaction whatever the number of ops (a group-commit batch is one
 * fsync) and has exactly the semantics of `applyStorageOps` (truncate: `truncateImage`);
 * `image()` reads back the DurableImage that InMemoryDurableStore would hold for the same ops.
 */
import { deleteDB, openDB } from 'idb';
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { DurableImage, SnapshotFile, StorageOp, TxnLogFile } from '../zk/persistence/FileTxnSnapLog';
import type { TxnRecord } from '../zk/txn';
import { zxidToHex } from '../zk/Zxid';
import { RuntimeFailure, storageError } from './errors';

/** 2: the txnlog's unused `fileNo` index is gone (one index write less per logged txn) */
export const SERVER_DB_VERSION = 2;
const STORES = ['txnlog', 'logfiles', 'snapshots', 'epochs', 'meta'] as const;
type StoreName = (typeof STORES)[number];

export function serverDbName(ensembleId: string, sid: number): string {
  return `zablab/${ensembleId}/server-${sid}`;
}

export function logFileName(startZxid: number): string {
  return `log.${zxidToHex(startZxid).slice(2)}`;
}

export function snapshotFileName(zxid: number): string {
  return `snapshot.${zxidToHex(zxid).slice(2)}`;
}

export interface LogRecord {
  seq: number;
  fileNo: number;
  zxid: number;
  txn: TxnRecord;
}

export interface LogFileRecord {
  fileNo: number;
  startZxid: number;
  name: string;
}

export interface SnapshotRecord {
  zxid: number;
  name: string;
  snap: SnapshotFile;
}

/** A StorageOp as remembered in `meta.lastTx`: snapshots by zxid (their content is in `snapshots`). */
export type StorageOpRef = Exclude<StorageOp, { op: 'snapshot' }> | { op: 'snapshot'; zxid: number };

/** Written in the same transaction as the data: what that transaction was. */
export interface WriteTag {
  /** process incarnation that wrote it */
  inc: number;
  /** the page's call number (per incarnation) during which it was written */
  call: number;
  /** the Simulation step during which it was written */
  step: number;
  /** `flush`: a group-commit batch; `sync`: the blocking writes of one call; `hydrate`: a rewrite */
  phase: 'flush' | 'sync' | 'hydrate';
  token?: number;
  ops?: StorageOpRef[];
}

interface ServerDb extends DBSchema {
  txnlog: { key: number; value: LogRecord; indexes: { zxid: number } };
  logfiles: { key: number; value: LogFileRecord };
  snapshots: { key: number; value: SnapshotRecord };
  epochs: { key: string; value: number };
  meta: { key: string; value: WriteTag };
}

type RwTx = IDBPTransaction<ServerDb, StoreName[], 'readwrite'>;

/** Where the next append goes; committed to the instance only when a transaction completes. */
interface LogPosition {
  nextSeq: number;
  nextFileNo: number;
  /** the last log file (where an append without newFile goes), or null when there is none */
  last: number | null;
}

/** The raw records, for tests and the e2e checks. */
export interface RawServerDb {
  txnlog: LogRecord[];
  logfiles: LogFileRecord[];
  snapshots: SnapshotRecord[];
  acceptedEpoch: number | null;
  currentEpoch: number | null;
  /** the updatingEpoch marker (1 present, 0 deleted), undefined if never written */
  updatingEpoch?: number;
  lastTx: WriteTag | null;
}

export interface IdbStoreOptions {
  /** IDB transaction durability: 'relaxed' survives a worker or tab crash, 'strict' also power loss */
  durability?: 'default' | 'strict' | 'relaxed';
  sid?: number;
}

export class IdbDurableStore {
  private pos: LogPosition = { nextSeq: 1, nextFileNo: 1, last: null };
  private closed = false;
  /** readwrite transactions committed by this connection (tests: a batch is one transaction) */
  transactions = 0;

  private constructor(
    readonly name: string,
    private readonly db: IDBPDatabase<ServerDb>,
    private readonly opts: IdbStoreOptions,
  ) {}

  static async open(name: string, opts: IdbStoreOptions = {}): Promise<IdbDurableStore> {
    let db: IDBPDatabase<ServerDb>;
    let opened: IdbDurableStore | null = null;
    try {
      if (typeof indexedDB === 'undefined') throw new Error('indexedDB is not defined in this context');
      db = await openDB<ServerDb>(name, SERVER_DB_VERSION, {
        upgrade(d, oldVersion, _newVersion, tx) {
          if (oldVersion < 1) {
            const log = d.createObjectStore('txnlog', { keyPath: 'seq' });
            log.createIndex('zxid', 'zxid');
            d.createObjectStore('logfiles', { keyPath: 'fileNo' });
            d.createObjectStore('snapshots', { keyPath: 'zxid' });
            d.createObjectStore('epochs');
            d.createObjectStore('meta');
          } else if (oldVersion === 1) {
            // version 1 indexed txnlog by fileNo too; nothing reads that index (imageOf groups by file)
            const log = tx.objectStore('txnlog') as unknown as IDBObjectStore;
            if (log.indexNames.contains('fileNo')) log.deleteIndex('fileNo');
          }
        },
        // someone deletes this database (deleteEnsemble): let them
        blocking() {
          opened?.close();
        },
      });
    } catch (e) {
      throw new RuntimeFailure(storageError(e, opts.sid, true));
    }
    opened = new IdbDurableStore(name, db, opts);
    await opened.loadPosition();
    return opened;
  }

  static async delete(name: string): Promise<void> {
    await deleteDB(name);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private async loadPosition(): Promise<void> {
    try {
      const tx = this.db.transaction(['txnlog', 'logfiles'], 'readonly');
      const [lastRec, lastFile] = await Promise.all([
        tx.objectStore('txnlog').openCursor(null, 'prev'),
        tx.objectStore('logfiles').openCursor(null, 'prev'),
        tx.done,
      ]);
      this.pos = {
        nextSeq: (lastRec?.value.seq ?? 0) + 1,
        nextFileNo: (lastFile?.value.fileNo ?? 0) + 1,
        last: lastFile?.value.fileNo ?? null,
      };
    } catch (e) {
      throw new RuntimeFailure(storageError(e, this.opts.sid));
    }
  }

  /** A readwrite transaction over `stores` (default: all). Every tagged write includes `meta`, so
   *  tagged writes keep their order; a narrower scope takes fewer locks. */
  private rw(stores: readonly StoreName[] = STORES): RwTx {
    return this.db.transaction([...stores], 'readwrite', {
      durability: this.opts.durability ?? 'default',
    }) as RwTx;
  }

  /** Applies `ops` in order in ONE transaction (with `tag` as meta.lastTx); resolves when committed. */
  async apply(ops: readonly StorageOp[], tag?: WriteTag): Promise<void> {
    const pos = { ...this.pos };
    let tx: RwTx | null = null;
    const pending = new Pending();
    try {
      tx = this.rw(scopeOf(ops, tag !== undefined));
      const log = tx.objectStore('txnlog');
      const files = tx.objectStore('logfiles');
      for (const o of ops) {
        switch (o.op) {
          case 'append': {
            const zxid = o.txn.hdr.zxid;
            if (o.newFile || pos.last === null) {
              pos.last = pos.nextFileNo++;
              pending.add(files.put({ fileNo: pos.last, startZxid: zxid, name: logFileName(zxid) }));
            }
            pending.add(log.put({ seq: pos.nextSeq++, fileNo: pos.last, zxid, txn: o.txn }));
            break;
          }
          case 'truncate':
            await truncateIn(tx, pos, o.zxid, pending);
            break;
          case 'snapshot':
            pending.add(
              tx
                .objectStore('snapshots')
                .put({ zxid: o.snap.zxid, name: snapshotFileName(o.snap.zxid), snap: o.snap }),
            );
            break;
          case 'epoch':
            pending.add(tx.objectStore('epochs').put(o.value, o.file));
            break;
        }
      }
      if (tag) pending.add(tx.objectStore('meta').put(tag, 'lastTx'));
      pending.add(tx.done);
      await Promise.all(pending.all);
      this.transactions++;
      this.pos = pos;
    } catch (e) {
      abortQuietly(tx);
      throw new RuntimeFailure(storageError(e, this.opts.sid));
    }
  }

  /** Replaces everything with `img` in one transaction (hydration, tests). */
  async replace(img: DurableImage, tag?: WriteTag): Promise<void> {
    let tx: RwTx | null = null;
    const pending = new Pending();
    try {
      tx = this.rw();
      for (const s of STORES) pending.add(tx.objectStore(s).clear());
      const pos: LogPosition = { nextSeq: 1, nextFileNo: 1, last: null };
      for (const f of img.logs) {
        const fileNo = pos.nextFileNo++;
        pos.last = fileNo;
        pending.add(
          tx.objectStore('logfiles').put({ fileNo, startZxid: f.startZxid, name: logFileName(f.startZxid) }),
        );
        for (const txn of f.txns)
          pending.add(tx.objectStore('txnlog').put({ seq: pos.nextSeq++, fileNo, zxid: txn.hdr.zxid, txn }));
      }
      for (const snap of img.snapshots)
        pending.add(
          tx.objectStore('snapshots').put({ zxid: snap.zxid, name: snapshotFileName(snap.zxid), snap }),
        );
      if (img.acceptedEpoch !== null)
        pending.add(tx.objectStore('epochs').put(img.acceptedEpoch, 'acceptedEpoch'));
      if (img.currentEpoch !== null)
        pending.add(tx.objectStore('epochs').put(img.currentEpoch, 'currentEpoch'));
      if (img.updatingEpoch !== undefined)
        pending.add(tx.objectStore('epochs').put(img.updatingEpoch ? 1 : 0, 'updatingEpoch'));
      if (tag) pending.add(tx.objectStore('meta').put(tag, 'lastTx'));
      pending.add(tx.done);
      await Promise.all(pending.all);
      this.transactions++;
      this.pos = pos;
    } catch (e) {
      abortQuietly(tx);
      throw new RuntimeFailure(storageError(e, this.opts.sid));
    }
  }

  /** What a restarted process reads (§5.2): every log file with its txns, snapshots, epochs. */
  async image(): Promise<DurableImage> {
    const raw = await this.raw();
    return imageOf(raw);
  }

  /** Every record as stored. */
  async raw(): Promise<RawServerDb> {
    try {
      const tx = this.db.transaction([...STORES], 'readonly');
      const [txnlog, logfiles, snapshots, acceptedEpoch, currentEpoch, updatingEpoch, lastTx] =
        await Promise.all([
          tx.objectStore('txnlog').getAll(),
          tx.objectStore('logfiles').getAll(),
          tx.objectStore('snapshots').getAll(),
          tx.objectStore('epochs').get('acceptedEpoch'),
          tx.objectStore('epochs').get('currentEpoch'),
          tx.objectStore('epochs').get('updatingEpoch'),
          tx.objectStore('meta').get('lastTx'),
          tx.done,
        ]);
      return {
        txnlog,
        logfiles,
        snapshots,
        acceptedEpoch: acceptedEpoch ?? null,
        currentEpoch: currentEpoch ?? null,
        ...(updatingEpoch !== undefined ? { updatingEpoch } : {}),
        lastTx: lastTx ?? null,
      };
    } catch (e) {
      throw new RuntimeFailure(storageError(e, this.opts.sid));
    }
  }

  async lastTx(): Promise<WriteTag | null> {
    try {
      return (await this.db.get('meta', 'lastTx')) ?? null;
    } catch (e) {
      throw new RuntimeFailure(storageError(e, this.opts.sid));
    }
  }

  async snapshot(zxid: number): Promise<SnapshotFile | null> {
    try {
      return (await this.db.get('snapshots', zxid))?.snap ?? null;
    } catch (e) {
      throw new RuntimeFailure(storageError(e, this.opts.sid));
    }
  }
}

/** The object stores `ops` (and a tag) write. */
function scopeOf(ops: readonly StorageOp[], tagged: boolean): StoreName[] {
  const scope = new Set<StoreName>(['txnlog', 'logfiles']);
  for (const o of ops)
    if (o.op === 'snapshot') scope.add('snapshots');
    else if (o.op === 'epoch') scope.add('epochs');
  if (tagged) scope.add('meta');
  return STORES.filter((s) => scope.has(s));
}

/** The requests of one transaction; a failure is seen once, by whoever awaits them all. */
class Pending {
  readonly all: Promise<unknown>[] = [];
  add(p: Promise<unknown>): void {
    p.catch(() => undefined);
    this.all.push(p);
  }
}

/** A write that failed half-way (e.g. a value that cannot be cloned) must leave nothing behind. */
function abortQuietly(tx: RwTx | null): void {
  tx?.done.catch(() => undefined);
  try {
    tx?.abort();
  } catch {
    // already committed or aborted
  }
}

/**
 * FileTxnLog.truncate inside `tx`: find the first txn in log order whose zxid ≥ target, keep it and
 * everything before, delete every later txn and every later log file (snapshots stay).
 */
async function truncateIn(tx: RwTx, pos: LogPosition, target: number, pending: Pending): Promise<void> {
  const log = tx.objectStore('txnlog');
  let cutSeq: number | null = null;
  for (
    let c = await log.index('zxid').openKeyCursor(IDBKeyRange.lowerBound(target));
    c;
    c = await c.continue()
  ) {
    if (cutSeq === null || c.primaryKey < cutSeq) cutSeq = c.primaryKey;
  }
  if (cutSeq === null) return;
  const cut = await log.get(cutSeq);
  if (!cut) return;
  pending.add(log.delete(IDBKeyRange.lowerBound(cutSeq, true)));
  pending.add(tx.objectStore('logfiles').delete(IDBKeyRange.lowerBound(cut.fileNo, true)));
  pos.last = cut.fileNo;
}

/** The DurableImage of raw records (files in creation order, txns in log order). */
export function imageOf(raw: RawServerDb): DurableImage {
  const byFile = new Map<number, TxnLogFile>();
  const logs: TxnLogFile[] = [];
  for (const f of raw.logfiles) {
    const file: TxnLogFile = { startZxid: f.startZxid, txns: [] };
    byFile.set(f.fileNo, file);
    logs.push(file);
  }
  for (const r of raw.txnlog) byFile.get(r.fileNo)?.txns.push(r.txn);
  return {
    logs,
    snapshots: raw.snapshots.map((s) => s.snap),
    acceptedEpoch: raw.acceptedEpoch,
    currentEpoch: raw.currentEpoch,
    ...(raw.updatingEpoch !== undefined ? { updatingEpoch: raw.updatingEpoch === 1 } : {}),
  };
}

/** meta.lastTx's form of blocking writes. */
export function opRefs(ops: readonly StorageOp[]): StorageOpRef[] {
  return ops.map((o) => (o.op === 'snapshot' ? { op: 'snapshot', zxid: o.snap.zxid } : o));
}
