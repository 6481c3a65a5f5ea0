/**
 * Client operations (requests) and the transactions the leader makes of them.
 * Mirrors org.apache.zookeeper.proto.* requests and org.apache.zookeeper.txn.* records
 * (CreateTxn, DeleteTxn, SetDataTxn, SetACLTxn, ErrorTxn, MultiTxn, CreateSessionTxn,
 * CloseSessionTxn).
 *
 * ACLs: a create without `acl` asks for ZooDefs.Ids.OPEN_ACL_UNSAFE, and a CreateTxn without `acl`
 * carries it — the field is written only when it is something else, so runs that never name an
 * ACL keep the records they always had.
 */
import type { Zxid } from './Zxid';
import type { ACL, AddWatchMode, CreateMode, WatcherType } from './ZooDefs';

/** Session ids are 64-bit in ZooKeeper; we keep them as ZooKeeper prints them: `0x…` lower-case hex. */
export type SessionId = string;
export const NO_SESSION: SessionId = '0x0';

/** What a client asks a server to do (one request on the wire). */
export type Op =
  /** `ttl`: CreateTTLRequest's ttl (the TTL modes); absent for the others (ZooKeeper's -1) */
  | { op: 'create'; path: string; data: string; mode: CreateMode; acl?: ACL[]; ttl?: number }
  | { op: 'delete'; path: string; version: number }
  | { op: 'setData'; path: string; data: string; version: number }
  | { op: 'check'; path: string; version: number }
  | { op: 'getData'; path: string; watch: boolean }
  | { op: 'exists'; path: string; watch: boolean }
  | { op: 'getChildren'; path: string; watch: boolean }
  | { op: 'sync'; path: string }
  | { op: 'setACL'; path: string; acl: ACL[]; version: number }
  | { op: 'getACL'; path: string }
  | { op: 'whoAmI' }
  /** the session's ephemeral nodes under a prefix ("/" or "" = all) */
  | { op: 'getEphemerals'; prefixPath: string }
  | { op: 'getAllChildrenNumber'; path: string }
  /** AddWatchRequest (OpCode.addWatch): a persistent watch of this connection */
  | { op: 'addWatch'; path: string; mode: AddWatchMode }
  /** RemoveWatchesRequest (OpCode.removeWatches): every watch of `watcherType` on the path */
  | { op: 'removeWatches'; path: string; watcherType: WatcherType; local?: boolean }
  | { op: 'multi'; ops: Op[] };

export type OpKind = Op['op'];

export function isWriteOp(op: Op): boolean {
  return (
    op.op === 'create' ||
    op.op === 'delete' ||
    op.op === 'setData' ||
    op.op === 'setACL' ||
    op.op === 'multi' ||
    op.op === 'check'
  );
}

/** TxnHeader: clientId (session), cxid, zxid, time (leader's clock at prep), type. */
export interface TxnHeader {
  clientId: SessionId;
  cxid: number;
  zxid: Zxid;
  time: number;
}

/** The txn body. `error` is ZooKeeper's ErrorTxn: a failed write that still consumed its zxid. */
export type Txn =
  | { type: 'createSession'; timeOut: number }
  | { type: 'closeSession'; paths2Delete: string[] }
  | {
      type: 'create';
      path: string;
      data: string;
      ephemeralOwner: SessionId;
      parentCVersion: number;
      /** absent = OPEN_ACL_UNSAFE (see the header) */
      acl?: ACL[];
    }
  /** CreateContainerTxn (OpCode.createContainer) */
  | { type: 'createContainer'; path: string; data: string; parentCVersion: number; acl?: ACL[] }
  /** CreateTTLTxn (OpCode.createTTL) */
  | { type: 'createTTL'; path: string; data: string; parentCVersion: number; ttl: number; acl?: ACL[] }
  | { type: 'delete'; path: string }
  /** a DeleteTxn under OpCode.deleteContainer: ContainerManager's cleanup */
  | { type: 'deleteContainer'; path: string }
  | { type: 'setData'; path: string; data: string; version: number }
  /** SetACLTxn: the fixed-up ACL and the new aversion */
  | { type: 'setACL'; path: string; acl: ACL[]; version: number }
  | { type: 'check'; path: string; version: number }
  | { type: 'error'; err: number }
  | { type: 'multi'; txns: Txn[] };

/** A txn as it sits in the log / a PROPOSAL: header + body. */
export interface TxnRecord {
  hdr: TxnHeader;
  txn: Txn;
}

/** Stat as stored (persisted cversion) — see DataTree for the client-visible one. */
export interface Stat {
  czxid: Zxid;
  mzxid: Zxid;
  ctime: number;
  mtime: number;
  version: number;
  cversion: number;
  aversion: number;
  ephemeralOwner: SessionId;
  dataLength: number;
  numChildren: number;
  pzxid: Zxid;
}

/** A server's answer to one client request. */
export type OpResult =
  | { op: 'create'; path: string; stat: Stat }
  | { op: 'delete' }
  | { op: 'setData'; stat: Stat }
  | { op: 'check' }
  | { op: 'getData'; data: string; stat: Stat }
  | { op: 'exists'; stat: Stat | null }
  | { op: 'getChildren'; children: string[]; stat: Stat }
  | { op: 'sync'; path: string }
  | { op: 'setACL'; stat: Stat }
  | { op: 'getACL'; acl: ACL[]; stat: Stat }
  | { op: 'whoAmI'; clientInfo: { authScheme: string; user: string }[] }
  | { op: 'getEphemerals'; ephemerals: string[] }
  | { op: 'getAllChildrenNumber'; number: number }
  | { op: 'addWatch' }
  | { op: 'removeWatches' }
  | { op: 'multi'; results: { err: number }[] };

/** Short, human-readable name of a txn for traces and the UI (e.g. "create /a"). */
export function describeTxn(t: Txn): string {
  switch (t.type) {
    case 'createSession':
      return `createSession ${t.timeOut}`;
    case 'closeSession':
      return t.paths2Delete.length ? `closeSession ${t.paths2Delete.join(',')}` : 'closeSession';
    case 'create':
      return `create ${t.path}`;
    case 'createContainer':
      return `createContainer ${t.path}`;
    case 'createTTL':
      return `createTTL ${t.path} ttl=${t.ttl}`;
    case 'delete':
      return `delete ${t.path}`;
    case 'deleteContainer':
      return `deleteContainer ${t.path}`;
    case 'setData':
      return `setData ${t.path}`;
    case 'setACL':
      return `setACL ${t.path}`;
    case 'check':
      return `check ${t.path}`;
    case 'error':
      return `error ${t.err}`;
    case 'multi':
      return `multi[${t.txns.map(describeTxn).join('; ')}]`;
  }
}
