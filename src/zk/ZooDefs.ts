/**
 * Op codes, error codes and create modes — mirrors org.apache.zookeeper.ZooDefs.OpCode,
 * KeeperException.Code and CreateMode.
 */

export const OpCode = {
  notification: 0,
  create: 1,
  delete: 2,
  exists: 3,
  getData: 4,
  setData: 5,
  getACL: 6,
  setACL: 7,
  getChildren: 8,
  sync: 9,
  ping: 11,
  getChildren2: 12,
  check: 13,
  multi: 14,
  create2: 15,
  auth: 100,
  whoAmI: 107,
  checkWatches: 17,
  removeWatches: 18,
  createContainer: 19,
  deleteContainer: 20,
  createTTL: 21,
  addWatch: 106,
  createSession: -10,
  closeSession: -11,
  error: -1,
} as const;

/** KeeperException.Code values (zk-reference §6.2). */
export const Code = {
  OK: 0,
  SYSTEMERROR: -1,
  RUNTIMEINCONSISTENCY: -2,
  DATAINCONSISTENCY: -3,
  CONNECTIONLOSS: -4,
  MARSHALLINGERROR: -5,
  UNIMPLEMENTED: -6,
  OPERATIONTIMEOUT: -7,
  BADARGUMENTS: -8,
  UNKNOWNSESSION: -12,
  APIERROR: -100,
  NONODE: -101,
  NOAUTH: -102,
  BADVERSION: -103,
  NOCHILDRENFOREPHEMERALS: -108,
  NODEEXISTS: -110,
  NOTEMPTY: -111,
  SESSIONEXPIRED: -112,
  INVALIDACL: -114,
  AUTHFAILED: -115,
  SESSIONMOVED: -118,
  NOTREADONLY: -119,
  EPHEMERALONLOCALSESSION: -120,
  NOWATCHER: -121,
  QUOTAEXCEEDED: -125,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

export type CreateMode =
  | 'PERSISTENT'
  | 'EPHEMERAL'
  | 'PERSISTENT_SEQUENTIAL'
  | 'EPHEMERAL_SEQUENTIAL'
  | 'CONTAINER'
  | 'PERSISTENT_WITH_TTL'
  | 'PERSISTENT_SEQUENTIAL_WITH_TTL';

export function isEphemeral(m: CreateMode): boolean {
  return m === 'EPHEMERAL' || m === 'EPHEMERAL_SEQUENTIAL';
}
export function isSequential(m: CreateMode): boolean {
  return (
    m === 'PERSISTENT_SEQUENTIAL' || m === 'EPHEMERAL_SEQUENTIAL' || m === 'PERSISTENT_SEQUENTIAL_WITH_TTL'
  );
}
/** CreateMode.isContainer */
export function isContainer(m: CreateMode): boolean {
  return m === 'CONTAINER';
}
/** CreateMode.isTTL */
export function isTTL(m: CreateMode): boolean {
  return m === 'PERSISTENT_WITH_TTL' || m === 'PERSISTENT_SEQUENTIAL_WITH_TTL';
}

/** AddWatchMode (the addWatch request's mode): persistent, or persistent and recursive. */
export type AddWatchMode = 'PERSISTENT' | 'PERSISTENT_RECURSIVE';

/** Watcher.WatcherType: what removeWatches / removeAllWatches removes. */
export type WatcherType = 'Children' | 'Data' | 'Persistent' | 'PersistentRecursive' | 'Any';

/** jute.maxbuffer: a request larger than this closes the connection (client sees CONNECTIONLOSS). */
export const JUTE_MAXBUFFER = 0xfffff;

/** ZooDefs.Perms: the permission bits of an ACL entry. */
export const Perms = {
  READ: 1,
  WRITE: 2,
  CREATE: 4,
  DELETE: 8,
  ADMIN: 16,
  ALL: 31,
} as const;

/** org.apache.zookeeper.data.Id: who an ACL entry (or a connection's credential) names. */
export interface Id {
  readonly scheme: string;
  readonly id: string;
}

/** org.apache.zookeeper.data.ACL: perms for one Id. */
export interface ACL {
  readonly perms: number;
  readonly id: Id;
}

/** ZooDefs.Ids.ANYONE_ID_UNSAFE */
export const ANYONE_ID_UNSAFE: Id = { scheme: 'world', id: 'anyone' };
/** ZooDefs.Ids.OPEN_ACL_UNSAFE: every znode's ACL unless the client asks for another. */
export const OPEN_ACL_UNSAFE: readonly ACL[] = [{ perms: Perms.ALL, id: ANYONE_ID_UNSAFE }];
/** ZooDefs.Ids.READ_ACL_UNSAFE: /zookeeper/config's ACL (ZOOKEEPER-2014). */
export const READ_ACL_UNSAFE: readonly ACL[] = [{ perms: Perms.READ, id: ANYONE_ID_UNSAFE }];

/** ACL.equals: same perms, same scheme, same id. */
export function aclEntryEquals(a: ACL, b: ACL): boolean {
  return a.perms === b.perms && a.id.scheme === b.id.scheme && a.id.id === b.id.id;
}

/** List.equals over ACL entries. */
export function aclListEquals(a: readonly ACL[], b: readonly ACL[]): boolean {
  return a.length === b.length && a.every((x, i) => aclEntryEquals(x, b[i]));
}
