/**
 * The in-memory znode tree of one server — mirrors org.apache.zookeeper.server.DataTree (and
 * DataNode). Txns are applied here (processTxn) in zxid order; watches live here too, in two
 * WatchManagers, and applying a txn reports the notifications it fired, in ZooKeeper's order.
 *
 * Stats are kept as ZooKeeper persists them (StatPersisted): `cversion` counts child *creations*
 * only. The client sees cversion = 2·persisted − numChildren (DataNode.copyStat); use statNode().
 * We also keep `dataLength` and `numChildren` current in the stored stat, for cheap reads.
 * Each node holds its ACL (ZooKeeper keeps a reference-counted cache of them; a list per node is
 * the same to every reader). Containers and TTL nodes are told by their ephemeralOwner
 * (EphemeralType) and listed in `containers` / `ttls` for the ContainerManager; quotas are kept
 * as ZooKeeper keeps them: the limit nodes' paths in a trie (pTrie) and each quota's
 * zookeeper_stats node rewritten by updateQuotaStat on every create, delete and setData below it.
 * Not modelled: digests.
 */
import type { ClientId } from './PeerIO';
import type { Zxid } from './Zxid';
import { Code, OPEN_ACL_UNSAFE, READ_ACL_UNSAFE, aclListEquals, type ACL } from './ZooDefs';
import { NO_SESSION, type SessionId, type Stat, type Txn, type TxnHeader, type TxnRecord } from './txn';
import type { SerializedDataTree, SerializedNode } from './persistence/FileTxnSnapLog';
import { WatchManager, type FiredWatch, type WatcherMode } from './WatchManager';
import { keepInCopies } from './Sealed';
import { CONTAINER_EPHEMERAL_OWNER, ephemeralType, ttlToEphemeralOwner } from './EphemeralType';
import {
  LIMIT_NODE,
  PROC_ZOOKEEPER,
  QUOTA_ZOOKEEPER,
  STAT_NODE,
  StatsTrack,
  statPath,
  trimQuotaPath,
} from './StatsTrack';
import type { WatcherType } from './ZooDefs';

export type { FiredWatch, WatcherMode } from './WatchManager';

export interface DataNode {
  data: string;
  /** persisted stat: cversion = number of child creations */
  stat: Stat;
  children: Set<string>;
  /** DataNode.acl (shared, never mutated: setACL replaces it) */
  acl: readonly ACL[];
}

/** What applying one (sub-)txn did — DataTree.ProcessTxnResult. */
export interface ProcessTxnResult {
  /** Code.OK, the error of an error txn, or the first failing sub-txn's error of a multi */
  err: number;
  path?: string;
  /** client-visible stat of the node after a create / setData */
  stat?: Stat;
  /** per sub-txn results of a multi (a failed multi: 0 before the failing op, its error, -2 after) */
  multiResult?: ProcessTxnResult[];
  /** the watch notifications this apply fired, in order (for a multi: all of its sub-txns') */
  fired: FiredWatch[];
}

export interface WatchInfo {
  watcher: ClientId;
  path: string;
  /** which manager holds it: data (getData/exists) or child (getChildren) */
  kind: 'data' | 'child';
  mode: WatcherMode;
}

/** UTF-8 byte length of a JS string (what `data.getBytes(UTF_8).length` is in Java). */
export function utf8Length(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3; // lone surrogate → U+FFFD
    } else n += 3;
  }
  return n;
}

/** DataTree.createStat: a fresh node's persisted stat. */
export function createStat(zxid: Zxid, time: number, ephemeralOwner: SessionId): Stat {
  return {
    czxid: zxid,
    mzxid: zxid,
    ctime: time,
    mtime: time,
    version: 0,
    cversion: 0,
    aversion: 0,
    ephemeralOwner,
    dataLength: 0,
    numChildren: 0,
    pzxid: zxid,
  };
}

function zeroStat(): Stat {
  return createStat(0, 0, NO_SESSION);
}

/** A field-by-field copy (much faster than a spread on hot paths like serialize). */
export function copyStat(s: Stat): Stat {
  return {
    czxid: s.czxid,
    mzxid: s.mzxid,
    ctime: s.ctime,
    mtime: s.mtime,
    version: s.version,
    cversion: s.cversion,
    aversion: s.aversion,
    ephemeralOwner: s.ephemeralOwner,
    dataLength: s.dataLength,
    numChildren: s.numChildren,
    pzxid: s.pzxid,
  };
}

/** DataNode.copyStat: the stat a client sees for a stored node (containers and TTL nodes show owner 0). */
export function clientStat(node: DataNode): Stat {
  const s = copyStat(node.stat);
  if (ephemeralType(s.ephemeralOwner) !== 'NORMAL') s.ephemeralOwner = NO_SESSION;
  s.numChildren = node.children.size;
  s.cversion = node.stat.cversion * 2 - s.numChildren;
  return s;
}

/** The ACL a serialized node without an `acl` field has. */
function defaultAcl(path: string): readonly ACL[] {
  return path === CONFIG_PATH ? READ_ACL_UNSAFE : OPEN_ACL_UNSAFE;
}

function copyAcl(a: ACL): ACL {
  return { perms: a.perms, id: { scheme: a.id.scheme, id: a.id.id } };
}

const CONFIG_PATH = '/zookeeper/config';
const ROOT = '/';
const PROC = '/zookeeper';
const QUOTA = '/zookeeper/quota';
const CONFIG = '/zookeeper/config';

/** A KeeperException inside the tree (NoNode / NodeExists while applying). */
class ApplyError {
  constructor(readonly code: number) {}
}

/**
 * Nodes shared with copies of the model (the engine's checkpoints, src/engine/checkpoint.ts): a
 * copy of a tree keeps these node objects instead of copying them. A shared node is never written
 * again — frozen, with its stat, and its children set refuses add/delete/clear — so a write made
 * anywhere fails loudly instead of changing another copy's history; DataTree writes to a copy of
 * its own (writable()). Models nothing in ZooKeeper.
 */
const shared = new WeakSet<object>();

/** Whether `v` is a DataNode shared by trees (see shareNodes): a copy of a tree may keep it. */
export function isSharedNode(v: object): boolean {
  return shared.has(v);
}

function refuse(): never {
  throw new TypeError("DataTree: a shared node's children are never changed (see DataTree.writable)");
}

function share(n: DataNode): void {
  Object.freeze(n.stat);
  Object.freeze(n);
  for (const m of ['add', 'delete', 'clear'] as const)
    Object.defineProperty(n.children, m, { value: refuse, writable: false, configurable: false });
  shared.add(n);
}

/** A tree's node pictures (DataTree.pictures), with the paths they are of, in order. */
interface Pictures<T> {
  readonly paths: readonly string[];
  readonly items: readonly T[];
  /** the paths pictured at every call when this list was made */
  readonly always: readonly string[];
}

/** The index of `path` in `sorted` (sorted as Array.prototype.sort sorts strings), or -1. */
function indexOfSorted(sorted: readonly string[], path: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = sorted[mid];
    if (p === path) return mid;
    if (p < path) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Splits "/a/b" into ["/a", "b"]; the root's children have parent "/" (ZooKeeper's "" alias). */
function splitPath(path: string): [string, string] {
  const i = path.lastIndexOf('/');
  return [i <= 0 ? ROOT : path.substring(0, i), path.substring(i + 1)];
}

export class DataTree {
  /** highest zxid applied (or set by the server after a TRUNC / SNAP load) */
  lastProcessedZxid: Zxid = 0;

  private readonly nodes = new Map<string, DataNode>();
  /** every node is shared (shareNodes); false after a node is added or replaced */
  private allShared = false;
  /** sessionId → paths of its ephemeral nodes */
  private readonly ephemerals = new Map<SessionId, Set<string>>();
  /** DataTree.containers: paths of every container node */
  private readonly containers = new Set<string>();
  /** DataTree.ttls: paths of every TTL node */
  private readonly ttls = new Set<string>();
  /** DataTree.pTrie (a PathTrie): the paths that have a quota (a zookeeper_limits node) */
  private readonly pTrie = new Set<string>();
  readonly dataWatches = new WatchManager();
  readonly childWatches = new WatchManager();
  /** the last pictures() made (frozen, kept by copies of the model: zk/Sealed.keepInCopies) */
  private pics: Pictures<object> | null = null;
  /** paths written, added or removed since `pics` was made */
  private touched = new Set<string>();
  /** a node was added or removed since `pics` was made (the sorted paths changed) */
  private reshaped = false;

  /** A fresh tree: /, /zookeeper, /zookeeper/quota, /zookeeper/config with all-zero stats. */
  constructor() {
    this.nodes.set(ROOT, { data: '', stat: zeroStat(), children: new Set(), acl: OPEN_ACL_UNSAFE });
    this.addSystemChild(ROOT, PROC);
    this.addSystemChild(PROC, QUOTA);
    this.addSystemChild(PROC, CONFIG);
    // DataTree.addConfigNode: setACL(configZookeeper, READ_ACL_UNSAFE, -1) — so its aversion is -1
    const config = this.writable(CONFIG) as DataNode;
    config.acl = READ_ACL_UNSAFE;
    config.stat.aversion = -1;
  }

  private addSystemChild(parent: string, path: string): void {
    // Built directly (not via createNode): ZooKeeper's constructor doesn't bump cversion either.
    const p = this.writable(parent) as DataNode;
    p.children.add(path.substring(path.lastIndexOf('/') + 1));
    p.stat.numChildren = p.children.size;
    this.nodes.set(path, { data: '', stat: zeroStat(), children: new Set(), acl: OPEN_ACL_UNSAFE });
  }

  /**
   * The config znode's content as ZKDatabase.initConfigInZKDatabase writes it (dataTree.setData:
   * version -1, mzxid = the config's version 0, mtime now), outside any txn. The model writes it on
   * every tree a server builds and leaves it out of snapshots (serialize), so a snapshot is the same
   * as before the config text existed.
   */
  initConfigNode(data: string, time: number): void {
    const n = this.writable(CONFIG);
    if (!n) return;
    n.data = data;
    n.stat.dataLength = utf8Length(data);
    n.stat.version = -1;
    n.stat.mzxid = 0;
    n.stat.mtime = time;
  }

  // ---------------------------------------------------------------- sharing with copies

  /**
   * Shares every node with the copies of this tree made from now on (they keep the node objects):
   * each is frozen and written no more here either — a write goes to a copy (writable()).
   */
  shareNodes(): void {
    if (this.allShared) return;
    for (const n of this.nodes.values()) if (!shared.has(n)) share(n);
    this.allShared = true;
  }

  /** The node at `path` to write to: a shared one is first replaced by a copy of its own. */
  private writable(path: string): DataNode | undefined {
    const n = this.nodes.get(path);
    if (this.pics !== null && n !== undefined) this.touched.add(path);
    if (n === undefined || !shared.has(n)) return n;
    const own: DataNode = { data: n.data, stat: copyStat(n.stat), children: new Set(n.children), acl: n.acl };
    this.nodes.set(path, own);
    this.allShared = false;
    return own;
  }

  // ---------------------------------------------------------------- reads

  /** The stored node (live object: do not mutate). */
  getNode(path: string): DataNode | undefined {
    return this.nodes.get(path === '' ? ROOT : path);
  }

  /** Client-visible stat (cversion = 2·persisted − numChildren), or null if there is no such node. */
  statNode(path: string): Stat | null {
    const n = this.getNode(path);
    return n ? clientStat(n) : null;
  }

  /** DataTree.getData: the data and client-visible stat, or null if there is no such node. */
  getData(path: string): { data: string; stat: Stat } | null {
    const n = this.getNode(path);
    return n ? { data: n.data, stat: clientStat(n) } : null;
  }

  /** DataTree.getACL: the node's ACL and client-visible stat, or null if there is no such node. */
  getACL(path: string): { acl: ACL[]; stat: Stat } | null {
    const n = this.getNode(path);
    return n ? { acl: [...n.acl], stat: clientStat(n) } : null;
  }

  /** Child names, sorted; null if there is no such node. */
  getChildren(path: string): string[] | null {
    const n = this.getNode(path);
    return n ? [...n.children].sort() : null;
  }

  /** Paths of a session's ephemeral nodes, sorted. */
  getEphemerals(sessionId: SessionId): string[] {
    const s = this.ephemerals.get(sessionId);
    return s ? [...s].sort() : [];
  }

  /** DataTree.getAllChildrenNumber: every node below `path` (for "/": all but the root). */
  getAllChildrenNumber(path: string): number {
    if (path === ROOT) return this.nodes.size - 1;
    let n = 0;
    const prefix = path + '/';
    for (const p of this.nodes.keys()) if (p.startsWith(prefix)) n++;
    return n;
  }

  /** DataTree.getContainers: every container's path, sorted (ZooKeeper copies a HashSet). */
  getContainers(): string[] {
    return [...this.containers].sort();
  }

  /** How many containers and TTL nodes there are (what the ContainerManager could look at). */
  containerAndTtlCount(): number {
    return this.containers.size + this.ttls.size;
  }

  /** DataTree.getTtls: every TTL node's path, sorted. */
  getTtls(): string[] {
    return [...this.ttls].sort();
  }

  /**
   * DataTree.getMaxPrefixWithQuota: the deepest path with a quota at or above `path`
   * (PathTrie.findMaxPrefix), or null when there is none ("/" never has one).
   */
  getMaxPrefixWithQuota(path: string): string | null {
    if (this.pTrie.size === 0) return null;
    const parts = path.split('/').filter((t) => t.trim() !== '');
    let prefix = '';
    let deepest: string | null = null;
    for (const part of parts) {
      prefix += '/' + part;
      if (this.pTrie.has(prefix)) deepest = prefix;
    }
    return deepest;
  }

  /** Every path with a quota, sorted (for the UI). */
  quotaPaths(): string[] {
    return [...this.pTrie].sort();
  }

  /** Sessions that own at least one ephemeral node, sorted. */
  getSessionsWithEphemerals(): SessionId[] {
    return [...this.ephemerals.keys()].sort();
  }

  /** Number of znodes (ZooKeeper's getNodeCount also counts the root's "" alias; we don't). */
  nodeCount(): number {
    return this.nodes.size;
  }

  /** DataTree.isSpecialPath: nodes no client may delete. */
  isSpecialPath(path: string): boolean {
    return path === ROOT || path === PROC || path === QUOTA || path === CONFIG;
  }

  /** Every path except "/" and "/zookeeper/**", sorted. */
  userPaths(): string[] {
    const out: string[] = [];
    for (const p of this.nodes.keys()) {
      if (p === ROOT || p === PROC || p.startsWith(PROC + '/')) continue;
      out.push(p);
    }
    return out.sort();
  }

  /** Every path including the system nodes, sorted. */
  allPaths(): string[] {
    return [...this.nodes.keys()].sort();
  }

  // ---------------------------------------------------------------- pictures (the server's view)

  /** A node was added or removed at `path`: the next pictures() sorts the paths again. */
  private reshape(path: string): void {
    if (this.pics === null) return;
    this.touched.add(path);
    this.reshaped = true;
  }

  /**
   * A picture of every node, in path order (allPaths), kept from one call to the next: only the
   * nodes written, added or removed since the last call are pictured again by `make` (and those in
   * `always` now or at the last call: pictures that read other nodes); the others are the last
   * call's. `make` must be the same pure function of a node at every call. The list is frozen and
   * shared with copies of the tree (the engine's checkpoints): a run restored from a checkpoint
   * pictures only what it wrote since. The server's view (QuorumPeer.view) is built with it — at
   * step 100,000 of a run with 2,000 znodes a view of five servers took ~7 ms, most of it
   * picturing nodes that had not changed. Models nothing in ZooKeeper.
   */
  pictures<T extends object>(
    make: (path: string, node: DataNode) => T,
    always: ReadonlySet<string> = new Set(),
  ): readonly T[] {
    const prev = this.pics as Pictures<T> | null;
    if (prev !== null && this.touched.size === 0 && always.size === 0 && prev.always.length === 0)
      return prev.items;
    const node = (p: string): DataNode => this.nodes.get(p)!;
    let paths: readonly string[];
    let items: T[];
    if (prev === null) {
      paths = this.allPaths();
      items = paths.map((p) => make(p, node(p)));
    } else if (!this.reshaped) {
      paths = prev.paths;
      items = prev.items.slice();
      for (const p of this.touched) {
        const i = indexOfSorted(paths, p);
        if (i >= 0) items[i] = make(p, node(p));
      }
    } else {
      // nodes came or went: the new order, taking each untouched node's picture from the last list
      paths = this.allPaths();
      items = new Array<T>(paths.length);
      let j = 0;
      for (let i = 0; i < paths.length; i++) {
        const p = paths[i];
        while (j < prev.paths.length && prev.paths[j] < p) j++;
        items[i] =
          j < prev.paths.length && prev.paths[j] === p && !this.touched.has(p)
            ? prev.items[j]
            : make(p, node(p));
      }
    }
    for (const p of new Set([...always, ...(prev?.always ?? [])])) {
      const i = indexOfSorted(paths, p);
      if (i >= 0) items[i] = make(p, node(p));
    }
    const pics = keepInCopies(
      Object.freeze({
        paths: Object.freeze(paths),
        items: Object.freeze(items),
        always: Object.freeze([...always]),
      }),
    );
    this.pics = pics;
    this.touched = new Set();
    this.reshaped = false;
    return pics.items;
  }

  // ---------------------------------------------------------------- watches

  /** getData / exists with watch (exists on a missing node registers one too, §6.6). */
  addDataWatch(path: string, watcher: ClientId): void {
    this.dataWatches.addWatch(path, watcher);
  }

  /** getChildren with watch. */
  addChildWatch(path: string, watcher: ClientId): void {
    this.childWatches.addWatch(path, watcher);
  }

  /** DataTree.addWatch (the addWatch request): persistent watches; recursive ones never see child events. */
  addWatch(path: string, watcher: ClientId, mode: WatcherMode): void {
    this.dataWatches.addWatch(path, watcher, mode);
    if (mode !== 'PERSISTENT_RECURSIVE') this.childWatches.addWatch(path, watcher, mode);
  }

  /** DataTree.removeWatch(path, WatcherType, watcher): what OpCode.removeWatches does; true if one went. */
  removeWatchOfType(path: string, type: WatcherType, watcher: ClientId): boolean {
    switch (type) {
      case 'Children':
        return this.childWatches.removeWatch(path, watcher, 'STANDARD');
      case 'Data':
        return this.dataWatches.removeWatch(path, watcher, 'STANDARD');
      case 'Persistent': {
        const c = this.childWatches.removeWatch(path, watcher, 'PERSISTENT');
        const d = this.dataWatches.removeWatch(path, watcher, 'PERSISTENT');
        return c || d;
      }
      case 'PersistentRecursive':
        return this.dataWatches.removeWatch(path, watcher, 'PERSISTENT_RECURSIVE');
      case 'Any': {
        const c = this.childWatches.removeWatch(path, watcher, null);
        const d = this.dataWatches.removeWatch(path, watcher, null);
        return c || d;
      }
    }
  }

  /** SetWatches2's persistent lists: re-armed as they are, never fired (DataTree.setWatches). */
  setPersistentWatches(persistent: readonly string[], recursive: readonly string[], watcher: ClientId): void {
    for (const path of persistent) {
      this.childWatches.addWatch(path, watcher, 'PERSISTENT');
      this.dataWatches.addWatch(path, watcher, 'PERSISTENT');
    }
    for (const path of recursive) this.dataWatches.addWatch(path, watcher, 'PERSISTENT_RECURSIVE');
  }

  /** DataTree.removeWatch for one kind (or both with 'any'); true if something was removed. */
  removeWatch(path: string, kind: 'data' | 'child' | 'any', watcher: ClientId): boolean {
    let removed = false;
    if (kind !== 'data' && this.childWatches.removeWatch(path, watcher, kind === 'any' ? null : 'STANDARD')) {
      removed = true;
    }
    if (kind !== 'child' && this.dataWatches.removeWatch(path, watcher, kind === 'any' ? null : 'STANDARD')) {
      removed = true;
    }
    return removed;
  }

  /** DataTree.removeCnxn: every watch of one client connection. */
  removeWatcher(watcher: ClientId): void {
    this.dataWatches.removeWatcher(watcher);
    this.childWatches.removeWatcher(watcher);
  }

  /**
   * DataTree.setWatches: a reconnecting client re-sends its watches with the last zxid it saw.
   * Returns the events fired at once (the rest are re-armed): data watch → NodeDeleted if gone,
   * NodeDataChanged if mzxid > relativeZxid; exist watch → NodeCreated if now present; child
   * watch → NodeDeleted if gone, NodeChildrenChanged if pzxid > relativeZxid.
   */
  setWatches(
    relativeZxid: Zxid,
    watches: { data: readonly string[]; exist: readonly string[]; child: readonly string[] },
    watcher: ClientId,
  ): FiredWatch[] {
    const out: FiredWatch[] = [];
    for (const path of watches.data) {
      const n = this.getNode(path);
      if (!n) out.push({ watcher, type: 'NodeDeleted', path });
      else if (n.stat.mzxid > relativeZxid) out.push({ watcher, type: 'NodeDataChanged', path });
      else this.dataWatches.addWatch(path, watcher);
    }
    for (const path of watches.exist) {
      if (this.getNode(path)) out.push({ watcher, type: 'NodeCreated', path });
      else this.dataWatches.addWatch(path, watcher);
    }
    for (const path of watches.child) {
      const n = this.getNode(path);
      if (!n) out.push({ watcher, type: 'NodeDeleted', path });
      else if (n.stat.pzxid > relativeZxid) out.push({ watcher, type: 'NodeChildrenChanged', path });
      else this.childWatches.addWatch(path, watcher);
    }
    return out;
  }

  /** Number of watches (data + child entries), like DataTree.getWatchCount. */
  watchCount(): number {
    return this.dataWatches.size() + this.childWatches.size();
  }

  /** Every watch, for the UI: data watches first, then child watches, each sorted by path. */
  listWatches(): WatchInfo[] {
    return [
      ...this.dataWatches.list().map((w) => ({ ...w, kind: 'data' as const })),
      ...this.childWatches.list().map((w) => ({ ...w, kind: 'child' as const })),
    ];
  }

  // ---------------------------------------------------------------- applying txns

  /**
   * DataTree.processTxn: applies one committed txn (error txns change nothing but still advance
   * lastProcessedZxid) and reports the watches it fired.
   */
  processTxn(rec: TxnRecord): ProcessTxnResult {
    const rc = this.apply(rec.hdr, rec.txn);
    // Only after the whole txn (a multi included) is in the tree, like ZooKeeper.
    if (rec.hdr.zxid > this.lastProcessedZxid) this.lastProcessedZxid = rec.hdr.zxid;
    return rc;
  }

  private apply(hdr: TxnHeader, txn: Txn): ProcessTxnResult {
    const rc: ProcessTxnResult = { err: Code.OK, fired: [] };
    try {
      switch (txn.type) {
        case 'create':
          rc.path = txn.path;
          rc.stat = this.createNode(
            txn.path,
            txn.data,
            txn.ephemeralOwner,
            txn.parentCVersion,
            hdr.zxid,
            hdr.time,
            rc.fired,
            txn.acl ?? OPEN_ACL_UNSAFE,
          );
          break;
        case 'createContainer':
          rc.path = txn.path;
          rc.stat = this.createNode(
            txn.path,
            txn.data,
            CONTAINER_EPHEMERAL_OWNER,
            txn.parentCVersion,
            hdr.zxid,
            hdr.time,
            rc.fired,
            txn.acl ?? OPEN_ACL_UNSAFE,
          );
          break;
        case 'createTTL':
          rc.path = txn.path;
          rc.stat = this.createNode(
            txn.path,
            txn.data,
            ttlToEphemeralOwner(txn.ttl) ?? NO_SESSION,
            txn.parentCVersion,
            hdr.zxid,
            hdr.time,
            rc.fired,
            txn.acl ?? OPEN_ACL_UNSAFE,
          );
          break;
        case 'delete':
        case 'deleteContainer':
          rc.path = txn.path;
          this.deleteNode(txn.path, hdr.zxid, rc.fired);
          break;
        case 'setData':
          rc.path = txn.path;
          rc.stat = this.setData(txn.path, txn.data, txn.version, hdr.zxid, hdr.time, rc.fired);
          break;
        case 'setACL':
          rc.path = txn.path;
          rc.stat = this.setACL(txn.path, txn.acl, txn.version);
          break;
        case 'closeSession':
          this.killSession(hdr.clientId, hdr.zxid, txn.paths2Delete, rc.fired);
          break;
        case 'error':
          rc.err = txn.err;
          break;
        case 'check':
          rc.path = txn.path;
          break;
        case 'createSession':
          // The session table lives in the server (ZooKeeperServer.processTxn), not the tree.
          break;
        case 'multi':
          this.applyMulti(hdr, txn.txns, rc);
          break;
      }
    } catch (e) {
      if (!(e instanceof ApplyError)) throw e;
      rc.err = e.code;
    }
    // Replaying a create whose node survived in a fuzzy snapshot: still move the parent's
    // cversion/pzxid forward (DataTree.processTxn's NODEEXISTS fix-up).
    if (txn.type === 'create' && rc.err === Code.NODEEXISTS) {
      try {
        this.setCversionPzxid(splitPath(txn.path)[0], txn.parentCVersion, hdr.zxid);
      } catch (e) {
        if (!(e instanceof ApplyError)) throw e;
        rc.err = e.code;
      }
    }
    return rc;
  }

  /** A multi applies all sub-txns, or — if any is an error txn — none: every other becomes ErrorTxn(0 or -2). */
  private applyMulti(hdr: TxnHeader, txns: Txn[], rc: ProcessTxnResult): void {
    rc.multiResult = [];
    const failed = txns.some((t) => t.type === 'error');
    let postFailed = false;
    for (const sub of txns) {
      let eff = sub;
      if (sub.type === 'error') postFailed = true;
      if (failed && sub.type !== 'error') {
        eff = { type: 'error', err: postFailed ? Code.RUNTIMEINCONSISTENCY : Code.OK };
      }
      const subRc = this.apply(hdr, eff);
      rc.multiResult.push(subRc);
      rc.fired.push(...subRc.fired);
      if (subRc.err !== Code.OK && rc.err === Code.OK) rc.err = subRc.err;
    }
  }

  private createNode(
    path: string,
    data: string,
    ephemeralOwner: SessionId,
    parentCVersion: number,
    zxid: Zxid,
    time: number,
    fired: FiredWatch[],
    acl: readonly ACL[],
  ): Stat {
    const [parentName, childName] = splitPath(path);
    if (!this.nodes.has(parentName)) throw new ApplyError(Code.NONODE);
    if (this.nodes.has(path)) throw new ApplyError(Code.NODEEXISTS);
    const parent = this.writable(parentName) as DataNode;
    let pcv = parentCVersion;
    if (pcv === -1) pcv = parent.stat.cversion + 1;
    // Replay over a fuzzy snapshot must not move cversion/pzxid backwards.
    if (pcv > parent.stat.cversion) {
      parent.stat.cversion = pcv;
      parent.stat.pzxid = zxid;
    }
    const stat = createStat(zxid, time, ephemeralOwner);
    stat.dataLength = utf8Length(data);
    const child: DataNode = { data, stat, children: new Set(), acl };
    parent.children.add(childName);
    parent.stat.numChildren = parent.children.size;
    this.nodes.set(path, child);
    this.allShared = false;
    this.reshape(path);
    const kind = ephemeralType(ephemeralOwner);
    if (kind === 'CONTAINER') this.containers.add(path);
    else if (kind === 'TTL') this.ttls.add(path);
    else if (kind === 'NORMAL') {
      let set = this.ephemerals.get(ephemeralOwner);
      if (!set) {
        set = new Set();
        this.ephemerals.set(ephemeralOwner, set);
      }
      set.add(path);
    }
    // a limit node puts its path into the trie; a stats node is filled with its subtree's counts
    if (parentName.startsWith(QUOTA_ZOOKEEPER)) {
      if (childName === LIMIT_NODE) this.trieAdd(trimQuotaPath(parentName));
      if (childName === STAT_NODE) this.updateQuotaForPath(trimQuotaPath(parentName));
    }
    const lastPrefix = this.getMaxPrefixWithQuota(path);
    if (lastPrefix !== null) this.updateQuotaStat(lastPrefix, stat.dataLength, 1);
    this.dataWatches.triggerWatch(path, 'NodeCreated', fired);
    this.childWatches.triggerWatch(parentName, 'NodeChildrenChanged', fired);
    return clientStat(child);
  }

  private deleteNode(path: string, zxid: Zxid, fired: FiredWatch[]): void {
    const [parentName, childName] = splitPath(path);
    const parent = this.writable(parentName);
    if (!parent) throw new ApplyError(Code.NONODE);
    // The parent is updated even if the child is already gone (fuzzy-snapshot replay).
    parent.children.delete(childName);
    parent.stat.numChildren = parent.children.size;
    // Only forward: a later CreateTxn may already have set a higher pzxid.
    if (zxid > parent.stat.pzxid) parent.stat.pzxid = zxid;
    const node = this.nodes.get(path);
    if (!node) throw new ApplyError(Code.NONODE);
    this.nodes.delete(path);
    this.reshape(path);
    const owner = node.stat.ephemeralOwner;
    const kind = ephemeralType(owner);
    if (kind === 'CONTAINER') this.containers.delete(path);
    else if (kind === 'TTL') this.ttls.delete(path);
    else if (kind === 'NORMAL') {
      const set = this.ephemerals.get(owner);
      if (set) {
        set.delete(path);
        if (set.size === 0) this.ephemerals.delete(owner);
      }
    }
    if (parentName.startsWith(PROC_ZOOKEEPER) && childName === LIMIT_NODE) {
      this.pTrie.delete(trimQuotaPath(parentName));
    }
    const lastPrefix = this.getMaxPrefixWithQuota(path);
    if (lastPrefix !== null) this.updateQuotaStat(lastPrefix, -node.stat.dataLength, -1);
    // One NodeDeleted per watcher even if it watched the node both ways.
    const processed = this.dataWatches.triggerWatch(path, 'NodeDeleted', fired);
    this.childWatches.triggerWatch(path, 'NodeDeleted', fired, processed);
    this.childWatches.triggerWatch(parentName, 'NodeChildrenChanged', fired);
  }

  private setData(
    path: string,
    data: string,
    version: number,
    zxid: Zxid,
    time: number,
    fired: FiredWatch[],
  ): Stat {
    const n = this.writable(path);
    if (!n) throw new ApplyError(Code.NONODE);
    const lastLength = n.stat.dataLength;
    n.data = data;
    n.stat.dataLength = utf8Length(data);
    n.stat.mtime = time;
    n.stat.mzxid = zxid;
    n.stat.version = version;
    const s = clientStat(n);
    const lastPrefix = this.getMaxPrefixWithQuota(path);
    if (lastPrefix !== null) this.updateQuotaStat(lastPrefix, n.stat.dataLength - lastLength, 0);
    this.dataWatches.triggerWatch(path, 'NodeDataChanged', fired);
    return s;
  }

  /** DataTree.setACL: the new ACL and aversion := the txn's version; no watch fires. */
  private setACL(path: string, acl: readonly ACL[], version: number): Stat {
    const n = this.writable(path);
    if (!n) throw new ApplyError(Code.NONODE);
    n.stat.aversion = version;
    n.acl = acl;
    return clientStat(n);
  }

  /** DataTree.killSession: delete the txn's paths, then any other ephemeral the session still owns. */
  private killSession(session: SessionId, zxid: Zxid, paths2Delete: string[], fired: FiredWatch[]): void {
    const local = this.ephemerals.get(session);
    this.ephemerals.delete(session);
    const rest = local ? new Set(local) : null;
    for (const p of paths2Delete) rest?.delete(p);
    this.deleteNodes(zxid, paths2Delete, fired);
    if (rest && rest.size > 0) this.deleteNodes(zxid, [...rest].sort(), fired);
  }

  private deleteNodes(zxid: Zxid, paths: Iterable<string>, fired: FiredWatch[]): void {
    for (const p of paths) {
      try {
        this.deleteNode(p, zxid, fired);
      } catch (e) {
        if (!(e instanceof ApplyError)) throw e; // "Ignoring NoNodeException … for dead session"
      }
    }
  }

  // ---------------------------------------------------------------- quotas

  private trieAdd(path: string): void {
    // PathTrie.addPath("") (a limit node right under /zookeeper/quota) marks no path
    if (path !== '' && path !== ROOT) this.pTrie.add(path);
  }

  /**
   * DataTree.updateQuotaStat: the quota's zookeeper_stats node gets count/bytes moved by the
   * diffs — its data only: no txn, no version, no watch (every server does the same).
   */
  private updateQuotaStat(lastPrefix: string, bytesDiff: number, countDiff: number): void {
    const statNode = this.writable(statPath(lastPrefix));
    if (!statNode) return; // "Missing node for stat": the limit node came first, its stats not yet
    const st = new StatsTrack(statNode.data);
    st.count = st.count + countDiff;
    st.bytes = st.bytes + bytesDiff;
    statNode.data = st.toString();
    statNode.stat.dataLength = utf8Length(statNode.data);
  }

  /** DataTree.updateQuotaForPath: the stats node := count and bytes of the whole subtree (getCounts). */
  private updateQuotaForPath(path: string): void {
    let count = 0;
    let bytes = 0;
    const stack = [path];
    while (stack.length > 0) {
      const p = stack.pop() as string;
      const n = this.nodes.get(p);
      if (!n) continue;
      count += 1;
      bytes += n.stat.dataLength;
      for (const c of n.children) stack.push(p === ROOT ? ROOT + c : p + '/' + c);
    }
    const statNode = this.writable(statPath(path));
    if (!statNode) return;
    const st = new StatsTrack();
    st.bytes = bytes;
    st.count = count;
    statNode.data = st.toString();
    statNode.stat.dataLength = utf8Length(statNode.data);
  }

  /** DataTree.setupQuota (after a snapshot is read): every limit node's path into the trie, its stats recounted. */
  private setupQuota(): void {
    const prefix = QUOTA_ZOOKEEPER + '/';
    const suffix = '/' + LIMIT_NODE;
    for (const [p, n] of this.nodes) {
      // traverseNode: a leaf ending in /zookeeper_limits
      if (!p.startsWith(prefix) || !p.endsWith(suffix) || n.children.size > 0) continue;
      const realPath = p.substring(QUOTA_ZOOKEEPER.length, p.indexOf(suffix));
      this.updateQuotaForPath(realPath);
      this.trieAdd(realPath);
    }
  }

  private setCversionPzxid(path: string, newCversion: number, zxid: Zxid): void {
    const node = this.writable(path);
    if (!node) throw new ApplyError(Code.NONODE);
    const cv = newCversion === -1 ? node.stat.cversion + 1 : newCversion;
    if (cv > node.stat.cversion) {
      node.stat.cversion = cv;
      node.stat.pzxid = zxid;
    }
  }

  // ---------------------------------------------------------------- snapshots

  /**
   * A snapshot of the nodes (parents before children, children in name order) and
   * lastProcessedZxid. Stats are copies; watches are not serialized (as in ZooKeeper).
   */
  serialize(): SerializedDataTree {
    const nodes: SerializedNode[] = [];
    // Iterative pre-order walk (a deep chain of znodes must not overflow the JS stack).
    const stack: string[] = [ROOT];
    while (stack.length > 0) {
      const path = stack.pop() as string;
      const n = this.nodes.get(path) as DataNode;
      // the config znode as a fresh tree has it (initConfigNode writes its content after a load)
      const sn: SerializedNode =
        path === CONFIG
          ? { path, data: '', stat: { ...zeroStat(), aversion: n.stat.aversion } }
          : { path, data: n.data, stat: copyStat(n.stat) };
      // ACLs are written only when not the default (for /zookeeper/config: not READ_ACL_UNSAFE)
      if (!aclListEquals(n.acl, defaultAcl(path))) sn.acl = n.acl.map(copyAcl);
      nodes.push(sn);
      if (n.children.size === 0) continue;
      const prefix = path === ROOT ? ROOT : path + '/';
      const kids = [...n.children].sort();
      for (let i = kids.length - 1; i >= 0; i--) stack.push(prefix + kids[i]);
    }
    return { nodes, lastProcessedZxid: this.lastProcessedZxid };
  }

  /** DataTree.deserialize: rebuilds nodes, children and the ephemerals table. */
  static deserialize(s: SerializedDataTree): DataTree {
    const t = new DataTree();
    t.nodes.clear();
    for (const sn of s.nodes) {
      const stat = copyStat(sn.stat);
      stat.dataLength = utf8Length(sn.data);
      stat.numChildren = 0;
      const acl = sn.acl ? sn.acl.map(copyAcl) : defaultAcl(sn.path);
      t.nodes.set(sn.path, { data: sn.data, stat, children: new Set(), acl });
      if (sn.path === ROOT) continue;
      const [parentName, childName] = splitPath(sn.path);
      const parent = t.nodes.get(parentName);
      if (!parent)
        throw new Error(`Invalid Datatree, unable to find parent ${parentName} of path ${sn.path}`);
      parent.children.add(childName);
      parent.stat.numChildren = parent.children.size;
      const owner = sn.stat.ephemeralOwner;
      const kind = ephemeralType(owner);
      if (kind === 'CONTAINER') t.containers.add(sn.path);
      else if (kind === 'TTL') t.ttls.add(sn.path);
      else if (kind === 'NORMAL') {
        let set = t.ephemerals.get(owner);
        if (!set) {
          set = new Set();
          t.ephemerals.set(owner, set);
        }
        set.add(sn.path);
      }
    }
    if (!t.nodes.has(ROOT)) throw new Error('Invalid Datatree, no root');
    t.setupQuota();
    t.lastProcessedZxid = s.lastProcessedZxid;
    return t;
  }
}
