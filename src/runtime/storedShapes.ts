/**
 * The shapes stored in IndexedDB, checked on every load: a server's txn log records, log files,
 * snapshots, epoch files and write tags, and the saved-ensemble records. A disk is read back as
 * ZooKeeper reads its files — anything it did not write is refused with a precise error naming the
 * database, the object store and the key (a `storage-corrupt` RuntimeError), never a TypeError
 * later. Bodies are checked as far as a reader needs them (known txn types and their fields);
 * fields the model may add later pass. Mirrors the deserialization checks of FileTxnLog (the header
 * and body must parse) and FileSnap (a snapshot must parse to a DataTree).
 */
import { z } from 'zod';
import type { LogFileRecord, LogRecord, SnapshotRecord, WriteTag } from './IdbDurableStore';
import type { EnsembleRecord } from './ensembles';
import { RuntimeFailure, runtimeError } from './errors';

const int = z.int();
const zxid = z.int().min(0);
const count = z.int().min(0);
const sessionId = z.string().regex(/^0x[0-9a-f]+$/);

const stat = z.looseObject({
  czxid: zxid,
  mzxid: zxid,
  ctime: z.number(),
  mtime: z.number(),
  version: int,
  cversion: int,
  aversion: int,
  ephemeralOwner: sessionId,
  dataLength: count,
  numChildren: count,
  pzxid: zxid,
});

const path = z.string().startsWith('/');

type TxnShape = { type: string };
const txnBody: z.ZodType<TxnShape> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('createSession'), timeOut: count }),
    z.looseObject({ type: z.literal('closeSession'), paths2Delete: z.array(path) }),
    z.looseObject({
      type: z.literal('create'),
      path,
      data: z.string(),
      ephemeralOwner: sessionId,
      parentCVersion: int,
      acl: z.array(z.unknown()).optional(),
    }),
    z.looseObject({
      type: z.literal('createContainer'),
      path,
      data: z.string(),
      parentCVersion: int,
      acl: z.array(z.unknown()).optional(),
    }),
    z.looseObject({
      type: z.literal('createTTL'),
      path,
      data: z.string(),
      parentCVersion: int,
      ttl: z.int().min(1),
      acl: z.array(z.unknown()).optional(),
    }),
    z.looseObject({ type: z.literal('delete'), path }),
    z.looseObject({ type: z.literal('deleteContainer'), path }),
    z.looseObject({ type: z.literal('setData'), path, data: z.string(), version: int }),
    z.looseObject({ type: z.literal('setACL'), path, acl: z.array(z.unknown()), version: int }),
    z.looseObject({ type: z.literal('check'), path, version: int }),
    z.looseObject({ type: z.literal('error'), err: int }),
    z.looseObject({ type: z.literal('multi'), txns: z.array(txnBody) }),
  ]),
);

const txnRecord = z.strictObject({
  hdr: z.strictObject({ clientId: sessionId, cxid: int, zxid, time: z.number() }),
  txn: txnBody,
});

const logRecord = z.strictObject({
  seq: z.int().min(1),
  fileNo: z.int().min(1),
  zxid,
  txn: txnRecord,
  crc: z.int().min(0).max(0xffff_ffff).optional(),
});

const logFileRecord = z.strictObject({
  fileNo: z.int().min(1),
  startZxid: zxid,
  name: z.string().regex(/^log\.[0-9a-f]+$/),
});

/** ZooDefs' ACL: perms (a mask of CREATE|READ|WRITE|DELETE|ADMIN) and an Id (scheme, id). */
const aclEntry = z.strictObject({
  perms: z.int().min(0).max(31),
  id: z.strictObject({ scheme: z.string(), id: z.string() }),
});

const snapshotFile = z.strictObject({
  zxid,
  tree: z.strictObject({
    // a node's ACL is written only when it is not the default (DataTree.serialize)
    nodes: z.array(z.strictObject({ path, data: z.string(), stat, acl: z.array(aclEntry).optional() })),
    lastProcessedZxid: zxid,
  }),
  sessions: z.array(z.tuple([sessionId, count])),
  checksum: z.int().min(0).max(0xffff_ffff).optional(),
});

const snapshotRecord = z.strictObject({
  zxid,
  name: z.string().regex(/^snapshot\.[0-9a-f]+$/),
  snap: snapshotFile,
});

const epochValue = z.int().min(0);

const writeTag = z.looseObject({
  inc: z.int().min(0),
  call: z.int().min(0),
  step: z.int().min(0),
  phase: z.enum(['flush', 'sync', 'hydrate']),
  token: z.int().optional(),
  ops: z.array(z.looseObject({ op: z.string() })).optional(),
});

const ensembleRecord = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  scenario: z.string(),
  recorded: z.array(z.strictObject({ step: z.int().min(0), action: z.record(z.string(), z.unknown()) })),
  step: z.int().min(0),
  t: z.number().min(0),
  voters: z.int().min(1),
  observers: z.int().min(0),
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** Where a bad record sits. */
export interface StoredPlace {
  db: string;
  store: string;
  key: IDBValidKey;
}

function keyText(key: IDBValidKey): string {
  return typeof key === 'string' ? JSON.stringify(key) : String(key);
}

/** The first problem zod found, as "path: message". */
function firstIssue(err: z.ZodError): string {
  const i = err.issues[0];
  const at = i.path.length ? i.path.map(String).join('.') : '(the record)';
  return `${at}: ${i.message}`;
}

/** The error for a stored record that is not what the app writes. */
export function corruptRecord(place: StoredPlace, why: string, sid?: number): RuntimeFailure {
  return new RuntimeFailure(
    runtimeError(
      'storage-corrupt',
      `database "${place.db}", store "${place.store}", key ${keyText(place.key)}: ${why}`,
      sid,
    ),
  );
}

function check<T>(schema: z.ZodType, value: unknown, place: StoredPlace, sid?: number): T {
  const r = schema.safeParse(value);
  if (!r.success) throw corruptRecord(place, firstIssue(r.error), sid);
  // the value itself, not zod's copy: its key order is what the checksum was computed over
  return value as T;
}

export const validate = {
  logRecord: (v: unknown, place: StoredPlace, sid?: number): LogRecord => {
    const r = check<LogRecord>(logRecord, v, place, sid);
    if (r.seq !== place.key) throw corruptRecord(place, `its seq ${r.seq} is not its key`, sid);
    if (r.zxid !== r.txn.hdr.zxid)
      throw corruptRecord(place, `its zxid ${r.zxid} is not its txn's (${r.txn.hdr.zxid})`, sid);
    return r;
  },
  logFile: (v: unknown, place: StoredPlace, sid?: number): LogFileRecord => {
    const r = check<LogFileRecord>(logFileRecord, v, place, sid);
    if (r.fileNo !== place.key) throw corruptRecord(place, `its fileNo ${r.fileNo} is not its key`, sid);
    return r;
  },
  snapshot: (v: unknown, place: StoredPlace, sid?: number): SnapshotRecord => {
    const r = check<SnapshotRecord>(snapshotRecord, v, place, sid);
    if (r.zxid !== place.key || r.snap.zxid !== r.zxid)
      throw corruptRecord(place, `its zxid ${r.zxid} is not its key or its snapshot's`, sid);
    return r;
  },
  epoch: (v: unknown, place: StoredPlace, sid?: number): number | null =>
    v === undefined ? null : check<number>(epochValue, v, place, sid),
  writeTag: (v: unknown, place: StoredPlace, sid?: number): WriteTag | null =>
    v === undefined ? null : check<WriteTag>(writeTag, v, place, sid),
  ensemble: (v: unknown, place: StoredPlace): EnsembleRecord =>
    check<EnsembleRecord>(ensembleRecord, v, place),
};
