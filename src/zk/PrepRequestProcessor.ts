/**
 * Turning write requests into txns on the leader — mirrors
 * org.apache.zookeeper.server.PrepRequestProcessor (pRequest / pRequest2Txn) together with
 * ZooKeeperServer's outstandingChanges / outstandingChangesForPath (ChangeRecord).
 *
 * Requests are checked against the tree *plus* the changes of txns already prepared but not yet
 * applied, so back-to-back requests see each other (sequential numbers from the pending parent
 * cversion, NODEEXISTS after a pending create, …). The zxid is taken before any check: a request
 * that fails becomes an ErrorTxn that still consumes it (§6.2). ACLs are checked as
 * ZooKeeperServer.checkACL does, against the credentials the request came with (Request.authInfo),
 * at the point pRequest2Txn checks them. Containers, TTL nodes (zookeeper.extendedTypesEnabled) and
 * quota enforcement (zookeeper.enforceQuota, ZooKeeperServer.checkQuota) as 3.9.5; the
 * ContainerManager's deleteContainer requests come in here too. Not modelled: local sessions,
 * reconfig, digests.
 */
import { seal } from './Sealed';
import type { Zxid } from './Zxid';
import {
  Code,
  JUTE_MAXBUFFER,
  OPEN_ACL_UNSAFE,
  Perms,
  aclListEquals,
  isContainer,
  isEphemeral,
  isSequential,
  isTTL,
  type ACL,
  type CreateMode,
  type Id,
} from './ZooDefs';
import { CONTAINER_EPHEMERAL_OWNER, ephemeralType, ttlToEphemeralOwner } from './EphemeralType';
import { StatsTrack, limitPath, statPath } from './StatsTrack';
import { checkACL, fixupACL } from './auth/ACLChecks';
import { NO_SESSION, type Op, type SessionId, type Stat, type Txn, type TxnRecord } from './txn';
import { createStat, utf8Length, type DataTree } from './DataTree';
import { validatePath } from './PathUtils';

/** A request that reaches the PrepRequestProcessor (writes and session life-cycle only). */
export type PrepRequest =
  /** `authInfo`: the connection's credentials (Request.authInfo); none if absent */
  | { sessionId: SessionId; cxid: number; kind: 'op'; op: Op; authInfo?: readonly Id[] }
  | { sessionId: SessionId; cxid: number; kind: 'createSession'; timeout: number }
  | { sessionId: SessionId; cxid: number; kind: 'closeSession' }
  /** ContainerManager.checkContainers: a DeleteContainerRequest with no session (0) and cxid 0 */
  | { sessionId: SessionId; cxid: number; kind: 'deleteContainer'; path: string };

/** The server settings PrepRequestProcessor reads (Java system properties). */
export interface PrepOptions {
  /** zookeeper.extendedTypesEnabled: TTL nodes may be created (default false) */
  extendedTypesEnabled: boolean;
  /** zookeeper.enforceQuota: hard quotas refuse writes with QUOTAEXCEEDED (default false) */
  enforceQuota: boolean;
}

/** ZooKeeperServer.ChangeRecord: the pending state of one path. `stat` null = pending delete. */
export interface ChangeRecord {
  zxid: Zxid;
  path: string;
  /** persisted stat (cversion counts creations) */
  stat: Stat | null;
  childCount: number;
  data: string;
  acl: readonly ACL[];
}

/** A KeeperException raised while preparing; `path` is the server-side path it names. */
class KeeperError {
  constructor(
    readonly code: number,
    readonly path: string | null = null,
  ) {}
}

/** String.format("%010d", n) for a Java int (the sign takes one of the ten places). */
export function formatSequence(n: number): string {
  return n < 0 ? '-' + String(-n).padStart(9, '0') : String(n).padStart(10, '0');
}

/** ZooKeeper's checkAndIncVersion: BADVERSION unless expected is -1 or matches; never yields -1. */
function checkAndIncVersion(currentVersion: number, expectedVersion: number, path: string): number {
  if (expectedVersion !== -1 && expectedVersion !== currentVersion) {
    throw new KeeperError(Code.BADVERSION, path);
  }
  const next = (currentVersion + 1) | 0; // Java int arithmetic
  return next === -1 ? 0 : next;
}

/** A record of a node that exists (in the tree or pending). */
type LiveRecord = ChangeRecord & { stat: Stat };

/** ChangeRecord.duplicate: a copy stamped with the new zxid, to be changed and added. */
function duplicate(r: LiveRecord, zxid: Zxid): LiveRecord {
  return { zxid, path: r.path, stat: { ...r.stat }, childCount: r.childCount, data: r.data, acl: r.acl };
}

/** The parent path ZooKeeper derives with lastIndexOf('/'); the root's "" alias is "/" here. */
function parentPathOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === 0 ? '/' : path.substring(0, i);
}

export class PrepRequestProcessor {
  /** ZooKeeperServer.outstandingChanges, oldest first (from `head`) */
  private changes: ChangeRecord[] = [];
  private head = 0;
  /** ZooKeeperServer.outstandingChangesForPath */
  private readonly changesForPath = new Map<string, ChangeRecord>();

  constructor(
    private readonly tree: DataTree,
    /** SessionTracker.checkSession: Code.OK, or UNKNOWNSESSION / SESSIONEXPIRED / SESSIONMOVED. The
     *  leader passes itself (an object, not a closure, so a process's state can be copied: the
     *  engine's checkpoints); tests pass a function. */
    private readonly sessions: { checkSession(id: SessionId): number } | ((id: SessionId) => number),
    private readonly opts: PrepOptions = { extendedTypesEnabled: false, enforceQuota: false },
  ) {}

  /**
   * pRequest: the txn for one request, prepared with `zxid` (always consumed) and the leader's
   * clock `time` (it becomes ctime/mtime). A failing request yields `{ type: 'error', err }`.
   * For closeSession the caller should also mark the session closing in its tracker, as
   * ZooKeeper's pRequest2Txn does.
   */
  pRequest(req: PrepRequest, zxid: Zxid, time: number): TxnRecord {
    const hdr = { clientId: req.sessionId, cxid: req.cxid, zxid, time };
    let txn: Txn;
    try {
      switch (req.kind) {
        case 'createSession':
          txn = { type: 'createSession', timeOut: req.timeout };
          break;
        case 'closeSession':
          txn = this.prepCloseSession(req.sessionId, zxid);
          break;
        case 'deleteContainer':
          txn = this.prepDeleteContainer(req.path, zxid);
          break;
        case 'op':
          txn =
            req.op.op === 'multi'
              ? this.prepMulti(req.op.ops, req.sessionId, zxid, time, req.authInfo ?? [])
              : this.pRequest2Txn(req.op, req.sessionId, zxid, time, req.authInfo ?? []);
          break;
      }
    } catch (e) {
      if (!(e instanceof KeeperError)) throw e;
      txn = { type: 'error', err: e.code };
    }
    // never changed once made: shared by the engine's copies of the model when it holds plain values
    seal(hdr);
    seal(txn);
    return seal({ hdr, txn });
  }

  /** FinalRequestProcessor: once txn `zxid` is applied, its (and older) change records are dropped. */
  committed(zxid: Zxid): void {
    while (this.head < this.changes.length && this.changes[this.head].zxid <= zxid) {
      const cr = this.changes[this.head++];
      if (this.changesForPath.get(cr.path) === cr) this.changesForPath.delete(cr.path);
    }
    this.compact();
  }

  /** Forget every pending change (the leader stepped down; the tree is reloaded). */
  clear(): void {
    this.changes = [];
    this.head = 0;
    this.changesForPath.clear();
  }

  /** The pending change records, oldest first (for the UI). */
  outstandingChanges(): readonly ChangeRecord[] {
    return this.changes.slice(this.head);
  }

  // ---------------------------------------------------------------- pending state

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.changes.length) {
      this.changes = this.changes.slice(this.head);
      this.head = 0;
    }
  }

  private getRecordForPath(path: string): LiveRecord {
    const last = this.changesForPath.get(path);
    if (last) {
      if (last.stat === null) throw new KeeperError(Code.NONODE, path);
      return { ...last, stat: last.stat };
    }
    const n = this.tree.getNode(path);
    if (!n) throw new KeeperError(Code.NONODE, path);
    return { zxid: -1, path, stat: { ...n.stat }, childCount: n.children.size, data: n.data, acl: n.acl };
  }

  /** getRecordForPath(path) != null, without the exception. */
  private pendingExists(path: string): boolean {
    const last = this.changesForPath.get(path);
    return last ? last.stat !== null : this.tree.getNode(path) !== undefined;
  }

  private addChangeRecord(c: ChangeRecord): void {
    this.changes.push(c);
    this.changesForPath.set(c.path, c);
  }

  private checkSessionOrThrow(sessionId: SessionId, global: boolean): void {
    const rc =
      typeof this.sessions === 'function' ? this.sessions(sessionId) : this.sessions.checkSession(sessionId);
    if (rc === Code.OK) return;
    // checkGlobalSession (ephemeral creates) reports an unknown session as expired.
    throw new KeeperError(global && rc === Code.UNKNOWNSESSION ? Code.SESSIONEXPIRED : rc);
  }

  /** getParentPathAndValidate: delete may not name "/" or a /zookeeper system node. */
  private getParentPathAndValidate(path: string): string {
    if (path.lastIndexOf('/') === -1 || path.includes('\0') || this.tree.isSpecialPath(path)) {
      throw new KeeperError(Code.BADARGUMENTS, path);
    }
    return parentPathOf(path);
  }

  /** zks.checkACL(request.cnxn, record.acl, perm, request.authInfo, path, …) */
  private checkACL(record: LiveRecord, perm: number, authInfo: readonly Id[], path: string): void {
    if (checkACL(record.acl, perm, authInfo) !== Code.OK) throw new KeeperError(Code.NOAUTH, path);
  }

  /** PrepRequestProcessor.fixupACL */
  private fixupACL(path: string, authInfo: readonly Id[], acl: readonly ACL[]): ACL[] {
    const rv = fixupACL(authInfo, acl);
    if (rv === Code.INVALIDACL) throw new KeeperError(Code.INVALIDACL, path);
    return rv;
  }

  private validatePathOrThrow(path: string): void {
    if (validatePath(path) !== null) throw new KeeperError(Code.BADARGUMENTS, path);
  }

  // ---------------------------------------------------------------- txn creation

  private pRequest2Txn(op: Op, sessionId: SessionId, zxid: Zxid, time: number, authInfo: readonly Id[]): Txn {
    switch (op.op) {
      case 'create':
        return this.prepCreate(
          op.path,
          op.data,
          op.acl ?? OPEN_ACL_UNSAFE,
          op.mode,
          op.ttl ?? -1,
          sessionId,
          zxid,
          time,
          authInfo,
        );
      case 'delete': {
        this.checkSessionOrThrow(sessionId, false);
        const path = op.path;
        const parentPath = this.getParentPathAndValidate(path);
        let parentRecord = this.getRecordForPath(parentPath);
        this.checkACL(parentRecord, Perms.DELETE, authInfo, path);
        const nodeRecord = this.getRecordForPath(path);
        checkAndIncVersion(nodeRecord.stat.version, op.version, path);
        // Version first, then children: BADVERSION wins over NOTEMPTY.
        if (nodeRecord.childCount > 0) throw new KeeperError(Code.NOTEMPTY, path);
        parentRecord = duplicate(parentRecord, zxid);
        parentRecord.childCount--;
        parentRecord.stat.pzxid = zxid;
        this.addChangeRecord(parentRecord);
        this.addChangeRecord({ zxid, path, stat: null, childCount: -1, data: '', acl: OPEN_ACL_UNSAFE });
        return { type: 'delete', path };
      }
      case 'setData': {
        this.checkSessionOrThrow(sessionId, false);
        const path = op.path;
        this.validatePathOrThrow(path);
        let nodeRecord = this.getRecordForPath(path);
        this.checkACL(nodeRecord, Perms.WRITE, authInfo, path);
        this.checkQuota(path, nodeRecord.data, op.data, 'setData');
        const newVersion = checkAndIncVersion(nodeRecord.stat.version, op.version, path);
        nodeRecord = duplicate(nodeRecord, zxid);
        nodeRecord.stat.version = newVersion;
        nodeRecord.stat.mtime = time;
        nodeRecord.stat.mzxid = zxid;
        nodeRecord.data = op.data;
        this.addChangeRecord(nodeRecord);
        return { type: 'setData', path, data: op.data, version: newVersion };
      }
      case 'setACL': {
        this.checkSessionOrThrow(sessionId, false);
        const path = op.path;
        this.validatePathOrThrow(path);
        // fixupACL before the node is looked up: an invalid ACL on a missing node is INVALIDACL
        const listACL = this.fixupACL(path, authInfo, op.acl);
        let nodeRecord = this.getRecordForPath(path);
        this.checkACL(nodeRecord, Perms.ADMIN, authInfo, path);
        const newVersion = checkAndIncVersion(nodeRecord.stat.aversion, op.version, path);
        nodeRecord = duplicate(nodeRecord, zxid);
        nodeRecord.stat.aversion = newVersion;
        nodeRecord.acl = listACL;
        this.addChangeRecord(nodeRecord);
        return { type: 'setACL', path, acl: listACL, version: newVersion };
      }
      case 'check': {
        this.checkSessionOrThrow(sessionId, false);
        const path = op.path;
        this.validatePathOrThrow(path);
        const nodeRecord = this.getRecordForPath(path);
        this.checkACL(nodeRecord, Perms.READ, authInfo, path);
        // CheckVersionTxn carries the *incremented* version, as in ZooKeeper.
        return {
          type: 'check',
          path,
          version: checkAndIncVersion(nodeRecord.stat.version, op.version, path),
        };
      }
      case 'multi':
        // A multi inside a multi is not a valid request.
        throw new KeeperError(Code.BADARGUMENTS);
      case 'getData':
      case 'exists':
      case 'getChildren':
      case 'sync':
      case 'getACL':
      case 'whoAmI':
      case 'getEphemerals':
      case 'getAllChildrenNumber':
      case 'addWatch':
      case 'removeWatches':
        throw new Error(`PrepRequestProcessor: ${op.op} is not a write`);
    }
  }

  private prepCreate(
    reqPath: string,
    data: string,
    acl: readonly ACL[],
    mode: CreateMode,
    ttl: number,
    sessionId: SessionId,
    zxid: Zxid,
    time: number,
    authInfo: readonly Id[],
  ): Txn {
    const ephemeral = isEphemeral(mode);
    const sequential = isSequential(mode);
    // validateCreateRequest: TTL modes need extended types; EphemeralType.validateTTL; then the
    // session (ephemeral nodes need a global one)
    if (isTTL(mode) && !this.opts.extendedTypesEnabled) throw new KeeperError(Code.UNIMPLEMENTED);
    if (isTTL(mode) ? ttlToEphemeralOwner(ttl) === null : ttl >= 0) {
      throw new KeeperError(Code.BADARGUMENTS, reqPath);
    }
    this.checkSessionOrThrow(sessionId, ephemeral);
    // validatePathForCreate
    if (reqPath.lastIndexOf('/') === -1 || reqPath.includes('\0')) {
      throw new KeeperError(Code.BADARGUMENTS, reqPath);
    }
    const parentPath = parentPathOf(reqPath);
    const listACL = this.fixupACL(reqPath, authInfo, acl);
    let parentRecord = this.getRecordForPath(parentPath);
    this.checkACL(parentRecord, Perms.CREATE, authInfo, reqPath);
    const parentStat = parentRecord.stat;
    // The suffix is the parent's *persisted* cversion including pending creates.
    const path = sequential ? reqPath + formatSequence(parentStat.cversion) : reqPath;
    this.validatePathOrThrow(path);
    if (this.pendingExists(path)) throw new KeeperError(Code.NODEEXISTS, path);
    // only a session's ephemeral refuses children: containers and TTL nodes may have them
    if (ephemeralType(parentStat.ephemeralOwner) === 'NORMAL') {
      throw new KeeperError(Code.NOCHILDRENFOREPHEMERALS, path);
    }
    const newCversion = (parentStat.cversion + 1) | 0;
    this.checkQuota(path, null, data, 'create');
    const owner = isContainer(mode)
      ? CONTAINER_EPHEMERAL_OWNER
      : isTTL(mode)
        ? (ttlToEphemeralOwner(ttl) as SessionId)
        : ephemeral
          ? sessionId
          : NO_SESSION;

    parentRecord = duplicate(parentRecord, zxid);
    parentRecord.childCount++;
    parentRecord.stat.cversion = newCversion;
    parentRecord.stat.pzxid = zxid;
    this.addChangeRecord(parentRecord);
    const s = createStat(zxid, time, owner);
    s.dataLength = utf8Length(data);
    this.addChangeRecord({ zxid, path, stat: s, childCount: 0, data, acl: listACL });
    const txn: Txn = isContainer(mode)
      ? { type: 'createContainer', path, data, parentCVersion: newCversion }
      : isTTL(mode)
        ? { type: 'createTTL', path, data, parentCVersion: newCversion, ttl }
        : { type: 'create', path, data, ephemeralOwner: owner, parentCVersion: newCversion };
    // the default ACL is left out of the record (txn.ts)
    if (!aclListEquals(listACL, OPEN_ACL_UNSAFE)) txn.acl = listACL;
    return txn;
  }

  /**
   * ZooKeeperServer.checkQuota: with zookeeper.enforceQuota, a create or setData under a quota
   * that has a hard limit it would pass is refused (QuotaExceededException(lastPrefix)); a soft
   * limit only logs "Quota exceeded: …". Reads the tree as it is, not the pending changes.
   */
  private checkQuota(path: string, lastData: string | null, data: string, type: 'create' | 'setData'): void {
    if (!this.opts.enforceQuota) return;
    const lastPrefix = this.tree.getMaxPrefixWithQuota(path);
    if (lastPrefix === null) return;
    const dataBytes = utf8Length(data);
    const bytesDiff =
      type === 'create' ? dataBytes : dataBytes - (lastData === null ? 0 : utf8Length(lastData));
    const countDiff = type === 'create' ? 1 : 0;
    const limitNode = this.tree.getNode(limitPath(lastPrefix));
    if (!limitNode) return; // "Missing limit node for quota"
    const limits = new StatsTrack(limitNode.data);
    const checkCount = countDiff !== 0 && (limits.count > -1 || limits.countHardLimit > -1);
    const checkBytes = bytesDiff !== 0 && (limits.bytes > -1 || limits.byteHardLimit > -1);
    if (!checkCount && !checkBytes) return;
    const statNode = this.tree.getNode(statPath(lastPrefix));
    if (!statNode) return; // "Missing node for stat"
    const current = new StatsTrack(statNode.data);
    if (checkCount && limits.countHardLimit > -1 && current.count + countDiff > limits.countHardLimit) {
      throw new KeeperError(Code.QUOTAEXCEEDED, lastPrefix);
    }
    if (checkBytes && limits.byteHardLimit > -1 && current.bytes + bytesDiff > limits.byteHardLimit) {
      throw new KeeperError(Code.QUOTAEXCEEDED, lastPrefix);
    }
  }

  /**
   * pRequest2Txn for OpCode.deleteContainer (ContainerManager's request): NOTEMPTY if a child
   * appeared meanwhile, BADVERSION if the path now names a session's ephemeral; no session or
   * ACL check. A failure is an ErrorTxn like any other.
   */
  private prepDeleteContainer(path: string, zxid: Zxid): Txn {
    const parentPath = this.getParentPathAndValidate(path);
    const nodeRecord = this.getRecordForPath(path);
    if (nodeRecord.childCount > 0) throw new KeeperError(Code.NOTEMPTY, path);
    if (ephemeralType(nodeRecord.stat.ephemeralOwner) === 'NORMAL')
      throw new KeeperError(Code.BADVERSION, path);
    let parentRecord = this.getRecordForPath(parentPath);
    parentRecord = duplicate(parentRecord, zxid);
    parentRecord.childCount--;
    parentRecord.stat.pzxid = zxid;
    this.addChangeRecord(parentRecord);
    this.addChangeRecord({ zxid, path, stat: null, childCount: -1, data: '', acl: OPEN_ACL_UNSAFE });
    return { type: 'deleteContainer', path };
  }

  /**
   * closeSession lists the session's ephemerals as the tree has them, corrected by pending
   * changes (pending creates of its ephemerals added, pending deletes removed), and records
   * their deletion. Like ZooKeeper, the parent's pending childCount is not decremented here.
   */
  private prepCloseSession(sessionId: SessionId, zxid: Zxid): Txn {
    const es = new Set(this.tree.getEphemerals(sessionId));
    for (let i = this.head; i < this.changes.length; i++) {
      const c = this.changes[i];
      if (c.stat === null) es.delete(c.path);
      else if (c.stat.ephemeralOwner === sessionId) es.add(c.path);
    }
    // ZooKeeper iterates a HashSet here; we use path order so every run is the same.
    const paths2Delete = [...es].sort();
    for (const p of paths2Delete) {
      // With digests on (the default) each parent gets a pending record with pzxid := zxid.
      const parentRecord = duplicate(this.getRecordForPath(this.getParentPathAndValidate(p)), zxid);
      parentRecord.stat.pzxid = zxid;
      this.addChangeRecord(parentRecord);
      this.addChangeRecord({ zxid, path: p, stat: null, childCount: 0, data: '', acl: OPEN_ACL_UNSAFE });
    }
    return { type: 'closeSession', paths2Delete };
  }

  /**
   * A multi: every op prepared in order against the pending state with the one zxid. On the first
   * failure the rest become ErrorTxn(RUNTIMEINCONSISTENCY) and the multi's change records are
   * rolled back. As in ZooKeeper the ops before the failing one keep their real txns in the
   * MultiTxn; DataTree turns them into ErrorTxn(0) when it applies a multi containing an error.
   */
  private prepMulti(ops: Op[], sessionId: SessionId, zxid: Zxid, time: number, authInfo: readonly Id[]): Txn {
    const pendingChanges = this.getPendingChanges(ops);
    const txns: Txn[] = [];
    let failed = false;
    for (const op of ops) {
      if (failed) {
        txns.push({ type: 'error', err: Code.RUNTIMEINCONSISTENCY });
        continue;
      }
      try {
        txns.push(this.pRequest2Txn(op, sessionId, zxid, time, authInfo));
      } catch (e) {
        if (!(e instanceof KeeperError)) throw e;
        failed = true;
        txns.push({ type: 'error', err: e.code });
        this.rollbackPendingChanges(zxid, pendingChanges);
      }
    }
    return { type: 'multi', txns };
  }

  /** getPendingChanges: current records of each op's path and its parent, to restore on failure. */
  private getPendingChanges(ops: Op[]): Map<string, ChangeRecord> {
    const pending = new Map<string, ChangeRecord>();
    for (const op of ops) {
      if (!('path' in op)) continue;
      const path = op.path;
      const cr = this.changesForPath.get(path);
      if (cr) pending.set(path, cr);
      if (path.lastIndexOf('/') === -1 || path.includes('\0')) continue;
      const parentPath = parentPathOf(path);
      const parentCr = this.changesForPath.get(parentPath);
      if (parentCr) pending.set(parentPath, parentCr);
    }
    return pending;
  }

  /** rollbackPendingChanges: drop this multi's records, put back the older ones still outstanding. */
  private rollbackPendingChanges(zxid: Zxid, pending: Map<string, ChangeRecord>): void {
    while (this.changes.length > this.head && this.changes[this.changes.length - 1].zxid === zxid) {
      const c = this.changes.pop() as ChangeRecord;
      this.changesForPath.delete(c.path);
    }
    if (this.changes.length === this.head) return;
    const firstZxid = this.changes[this.head].zxid;
    for (const c of pending.values()) {
      // Records older than the oldest outstanding one were applied and dropped meanwhile.
      if (c.zxid < firstZxid) continue;
      this.changesForPath.set(c.path, c);
    }
  }
}

// ---------------------------------------------------------------- request size (jute)

const REQUEST_HEADER = 8; // xid int + type int
const MULTI_HEADER = 4 + 1 + 4; // type int, done boolean, err int

function jString(s: string): number {
  return 4 + utf8Length(s);
}

/** vector<ACL>: a count, then per entry perms int + Id(scheme, id) */
function aclSize(acl: readonly ACL[]): number {
  let n = 4;
  for (const a of acl) n += 4 + jString(a.id.scheme) + jString(a.id.id);
  return n;
}

function recordSize(op: Op): number {
  switch (op.op) {
    case 'create':
      // CreateTTLRequest adds its long ttl
      return (
        jString(op.path) +
        jString(op.data) +
        aclSize(op.acl ?? OPEN_ACL_UNSAFE) +
        4 +
        (isTTL(op.mode) ? 8 : 0)
      );
    case 'addWatch':
    case 'removeWatches':
      return jString(op.path) + 4;
    case 'setACL':
      return jString(op.path) + aclSize(op.acl) + 4;
    case 'getACL':
      return jString(op.path);
    case 'whoAmI':
      return 0;
    case 'getEphemerals':
      return jString(op.prefixPath);
    case 'getAllChildrenNumber':
      return jString(op.path);
    case 'delete':
    case 'check':
      return jString(op.path) + 4;
    case 'setData':
      return jString(op.path) + jString(op.data) + 4;
    case 'getData':
    case 'exists':
    case 'getChildren':
      return jString(op.path) + 1;
    case 'sync':
      return jString(op.path);
    case 'multi': {
      let n = MULTI_HEADER; // the terminating MultiHeader(-1, true, -1)
      for (const sub of op.ops) n += MULTI_HEADER + recordSize(sub);
      return n;
    }
  }
}

/**
 * Length of the request packet as jute serializes it (RequestHeader + request record), which
 * the server's connection layer compares with jute.maxbuffer before reading the request.
 */
export function requestSize(op: Op): number {
  return REQUEST_HEADER + recordSize(op);
}

/** True when the server would drop the connection instead of reading the request ("Len error"). */
export function exceedsJuteMaxBuffer(op: Op): boolean {
  return requestSize(op) > JUTE_MAXBUFFER;
}
