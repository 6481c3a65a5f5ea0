/**
 * IdbDurableStore — one server's dataDir on IndexedDB: ZooKeeper's FileTxnSnapLog (the txn log
 * files `log.<hex zxid>` of FileTxnLog, the `snapshot.<hex zxid>` files of FileSnap) and the
 * `acceptedEpoch` / `currentEpoch` files of QuorumPeer. One database per server per ensemble
 * (`zablab/<ensembleId>/server-<sid>`), written by that server's Web Worker.
 *
 * Object stores:
 *  - `txnlog`    one record per logged txn, keyed by its position in the log (`seq`, ascending in
 *                append order), with its `zxid` (indexed), the log file it belongs to (`fileNo`)
 *                and its `crc` (FileTxnLog's txnEntryCRC: Adler32 of header + body, Checksum.ts).
 *                ZooKeeper's log can hold the same zxid twice (the TRUNC quirk of §5.1
 *                followed by a new file that starts at that zxid again), which a zxid key could not
 *                keep; the zxid index answers "where is zxid z".
 *  - `logfiles`  one record per log file: `fileNo` (creation order), `startZxid`, `name`
 *                (`log.<hex startZxid>`), so the file boundaries ZooKeeper would have are kept.
 *  - `snapshots` keyed by zxid: the serialized DataTree and session table (`snapshot.<hex zxid>`;
 *                a second snapshot at the same zxid overwrites the file), sealed with its checksum.
 *  - `epochs`    `acceptedEpoch`, `currentEpoch`.
 *  - `meta`      `lastTx`: a tag written atomically with every transaction (which process, which
 *                call, which step, and for blocking writes what they were), so that after a worker
 *                was killed at a real moment the page can tell which writes reached the disk.
 *
 * `apply(ops)` is ONE IndexedDB transaction whatever the number of ops (a group-commit batch is one
 * fsync) and has exactly the semantics of `applyStorageOps` (truncate: `truncateImage`);
 * `image()` reads back the DurableImage that InMemoryDurableStore would hold for the same ops,
 * checking every record's shape first (storedShapes.ts); the checksums are verified by the server
 * itself when it loads (FileTxnSnapLog.restoreCheck), exactly as on the in-memory store.
 */
import { deleteDB, openDB } from 'idb';
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { DurableImage, SnapshotFile, StorageOp, TxnLogFile } from '../zk/persistence/FileTxnSnapLog';
import { snapshotChecksum, txnChecksum } from '../zk/persistence/Checksum';
import type { TxnRecord } from '../zk/txn';
import { zxidToHex } from '../zk/Zxid';
import { RuntimeFailure, runtimeError, storageError } from './errors';
import type { RuntimeError } from './errors';
import { corruptRecord, validate } from './storedShapes';

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
  /** txnEntryCRC (absent in records written before checksums were kept) */
  crc?: number;
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
            pending.add(
              log.put({ seq: pos.nextSeq++, fileNo: pos.last, zxid, txn: o.txn, crc: txnChecksum(o.txn) }),
            );
            break;
          }
          case 'truncate':
            await truncateIn(tx, pos, o.zxid, pending);
            break;
          case 'snapshot':
            pending.add(
              tx.objectStore('snapshots').put({
                zxid: o.snap.zxid,
                name: snapshotFileName(o.snap.zxid),
                snap: { ...o.snap, checksum: snapshotChecksum(o.snap) },
              }),
            );
            break;
          case 'epoch':
            pending.add(tx.objectStore('epochs').put(o.value, o.file));
            break;
          case 'purge':
            await purgeIn(tx, o.logs, o.snapshots, pending);
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
      throw new RuntimeFailure(this.writeError(e));
    }
  }

  /** A failed write, named; a connection closed under us means the database was deleted. */
  private writeError(e: unknown): RuntimeError {
    const write =
      this.opts.sid !== undefined ? `dataDir of server ${this.opts.sid} (${this.name})` : this.name;
    if (this.closed)
      return runtimeError(
        'storage-diverged',
        `database "${this.name}" was deleted (or closed by another tab) while the server was running`,
        this.opts.sid,
        write,
      );
    return { ...storageError(e, this.opts.sid), write };
  }

  /**
   * A bad disk: every stored record of txn `zxid` now holds `txn`, its `crc` unchanged (the
   * `corrupt` action, applied in place so that a running process's append position stays valid).
   */
  async rewriteTxn(zxid: number, txn: TxnRecord): Promise<void> {
    let tx: RwTx | null = null;
    try {
      tx = this.rw(['txnlog']);
      const log = tx.objectStore('txnlog');
      for (let c = await log.index('zxid').openCursor(IDBKeyRange.only(zxid)); c; c = await c.continue())
        await c.update({ ...c.value, txn });
      await tx.done;
    } catch (e) {
      abortQuietly(tx);
      throw new RuntimeFailure(this.writeError(e));
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
        // the image's own checksums are kept as they are (a corrupted record stays corrupted)
        const log = tx.objectStore('txnlog');
        f.txns.forEach((txn, i) =>
          pending.add(
            log.put({
              seq: pos.nextSeq++,
              fileNo,
              zxid: txn.hdr.zxid,
              txn,
              crc: f.crcs?.[i] ?? txnChecksum(txn),
            }),
          ),
        );
      }
      for (const snap of img.snapshots)
        pending.add(
          tx.objectStore('snapshots').put({
            zxid: snap.zxid,
            name: snapshotFileName(snap.zxid),
            snap: { ...snap, checksum: snap.checksum ?? snapshotChecksum(snap) },
          }),
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

  /**
   * Every record as stored, each checked against the shape this app writes (storedShapes.ts): a
   * record that is not gives a `storage-corrupt` error naming the database, the store and the key.
   */
  async raw(): Promise<RawServerDb> {
    let read: unknown[];
    let keys: IDBValidKey[][];
    try {
      const tx = this.db.transaction([...STORES], 'readonly');
      const all = (s: 'txnlog' | 'logfiles' | 'snapshots') =>
        Promise.all([tx.objectStore(s).getAllKeys(), tx.objectStore(s).getAll()]);
      const [log, files, snaps, acceptedEpoch, currentEpoch, updatingEpoch, lastTx] = await Promise.all([
        all('txnlog'),
        all('logfiles'),
        all('snapshots'),
        tx.objectStore('epochs').get('acceptedEpoch'),
        tx.objectStore('epochs').get('currentEpoch'),
        tx.objectStore('epochs').get('updatingEpoch'),
        tx.objectStore('meta').get('lastTx'),
        tx.done,
      ]);
      keys = [log[0], files[0], snaps[0]];
      read = [log[1], files[1], snaps[1], acceptedEpoch, currentEpoch, updatingEpoch, lastTx];
    } catch (e) {
      throw new RuntimeFailure(storageError(e, this.opts.sid));
    }
    return this.checked(keys, read);
  }

  private checked(keys: IDBValidKey[][], read: unknown[]): RawServerDb {
    const sid = this.opts.sid;
    const at = (store: string, key: IDBValidKey) => ({ db: this.name, store, key });
    const [log, files, snaps, accepted, current, updating, lastTx] = read as [
      unknown[],
      unknown[],
      unknown[],
      unknown,
      unknown,
      unknown,
      unknown,
    ];
    const logfiles = files.map((v, i) => validate.logFile(v, at('logfiles', keys[1][i]), sid));
    const fileNos = new Set(logfiles.map((f) => f.fileNo));
    const txnlog = log.map((v, i) => {
      const r = validate.logRecord(v, at('txnlog', keys[0][i]), sid);
      if (!fileNos.has(r.fileNo))
        throw corruptRecord(at('txnlog', r.seq), `its log file ${r.fileNo} is not in "logfiles"`, sid);
      return r;
    });
    const snapshots = snaps.map((v, i) => validate.snapshot(v, at('snapshots', keys[2][i]), sid));
    const updatingEpoch = validate.epoch(updating, at('epochs', 'updatingEpoch'), sid);
    if (updatingEpoch !== null && updatingEpoch > 1)
      throw corruptRecord(at('epochs', 'updatingEpoch'), `${updatingEpoch} is neither 0 nor 1`, sid);
    return {
      txnlog,
      logfiles,
      snapshots,
      acceptedEpoch: validate.epoch(accepted, at('epochs', 'acceptedEpoch'), sid),
      currentEpoch: validate.epoch(current, at('epochs', 'currentEpoch'), sid),
      ...(updatingEpoch !== null ? { updatingEpoch } : {}),
      lastTx: validate.writeTag(lastTx, at('meta', 'lastTx'), sid),
    };
  }

  async lastTx(): Promise<WriteTag | null> {
    let v: unknown;
    try {
      v = await this.db.get('meta', 'lastTx');
    } catch (e) {
      throw new RuntimeFailure(storageError(e, this.opts.sid));
    }
    return validate.writeTag(v, { db: this.name, store: 'meta', key: 'lastTx' }, this.opts.sid);
  }

  async snapshot(zxid: number): Promise<SnapshotFile | null> {
    let v: unknown;
    try {
      v = await this.db.get('snapshots', zxid);
    } catch (e) {
      throw new RuntimeFailure(storageError(e, this.opts.sid));
    }
    if (v === undefined) return null;
    return validate.snapshot(v, { db: this.name, store: 'snapshots', key: zxid }, this.opts.sid).snap;
  }

  /** Whether this database still exists (someone may have deleted it while it was open). */
  async exists(): Promise<boolean> {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
    return (await indexedDB.databases()).some((d) => d.name === this.name);
  }
}

/** The object stores `ops` (and a tag) write. */
function scopeOf(ops: readonly StorageOp[], tagged: boolean): StoreName[] {
  const scope = new Set<StoreName>(['txnlog', 'logfiles']);
  for (const o of ops)
    if (o.op === 'snapshot') scope.add('snapshots');
    else if (o.op === 'epoch') scope.add('epochs');
    else if (o.op === 'purge') scope.add('snapshots');
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

/** PurgeTxnLog's deletions: the named log files with their records, and the named snapshots. */
async function purgeIn(
  tx: RwTx,
  logs: readonly number[],
  snapshots: readonly number[],
  pending: Pending,
): Promise<void> {
  const starts = new Set(logs);
  const gone = new Set<number>();
  for (let c = await tx.objectStore('logfiles').openCursor(); c; c = await c.continue())
    if (starts.has(c.value.startZxid)) gone.add(c.value.fileNo);
  for (const fileNo of gone) pending.add(tx.objectStore('logfiles').delete(fileNo));
  if (gone.size)
    for (let c = await tx.objectStore('txnlog').openCursor(); c; c = await c.continue())
      if (gone.has(c.value.fileNo)) pending.add(c.delete());
  for (const z of snapshots) pending.add(tx.objectStore('snapshots').delete(z));
}

/** The DurableImage of raw records (files in creation order, txns in log order). */
export function imageOf(raw: RawServerDb): DurableImage {
  const byFile = new Map<number, TxnLogFile>();
  const logs: TxnLogFile[] = [];
  for (const f of raw.logfiles) {
    const file: TxnLogFile = { startZxid: f.startZxid, txns: [], crcs: [] };
    byFile.set(f.fileNo, file);
    logs.push(file);
  }
  for (const r of raw.txnlog) {
    const file = byFile.get(r.fileNo);
    if (!file) continue;
    file.txns.push(r.txn);
    // a record written before checksums were kept is taken as it is
    file.crcs!.push(r.crc ?? txnChecksum(r.txn));
  }
  return {
    logs,
    snapshots: raw.snapshots.map((s) =>
      s.snap.checksum === undefined ? { ...s.snap, checksum: snapshotChecksum(s.snap) } : s.snap,
    ),
    acceptedEpoch: raw.acceptedEpoch,
    currentEpoch: raw.currentEpoch,
    ...(raw.updatingEpoch !== undefined ? { updatingEpoch: raw.updatingEpoch === 1 } : {}),
  };
}

/** meta.lastTx's form of blocking writes. */
export function opRefs(ops: readonly StorageOp[]): StorageOpRef[] {
  return ops.map((o) => (o.op === 'snapshot' ? { op: 'snapshot', zxid: o.snap.zxid } : o));
}
