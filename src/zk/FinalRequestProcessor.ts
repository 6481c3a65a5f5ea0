/**
 * The read side of FinalRequestProcessor.processRequest (3.9.5): getData, exists, getChildren,
 * getACL, whoAmI, getEphemerals, getAllChildrenNumber, addWatch and removeWatches answered from one server's DataTree, with the ACL checks it makes
 * (zks.checkACL(cnxn, aclForNode(n), perm, request.authInfo, …)) and the watches it registers.
 * Shared by QuorumPeer and the tests' one-server stand-in.
 */
import type { ClientId } from './PeerIO';
import type { DataTree } from './DataTree';
import type { Op, OpResult, SessionId } from './txn';
import { Code, Perms, type ACL, type Id } from './ZooDefs';
import { checkACL, getClientInfos } from './auth/ACLChecks';

/** GetACL without ADMIN: a digest id's hash is replaced by "x" (replaceAll(":.*", ":x")). */
function maskDigests(acl: readonly ACL[]): ACL[] {
  return acl.map((e) =>
    e.id.scheme === 'digest'
      ? { perms: e.perms, id: { scheme: 'digest', id: e.id.id.replace(/:.*/g, ':x') } }
      : e,
  );
}

/** One read request: its error code and, when there is one, its response record. */
export function processRead(
  tree: DataTree,
  op: Op,
  authInfo: readonly Id[],
  watcher: ClientId,
  sessionId: SessionId = '0x0',
): { err: number; result: OpResult | null } {
  const denied = (path: string, perm: number): boolean => {
    const n = tree.getNode(path);
    return n !== undefined && checkACL(n.acl, perm, authInfo) !== Code.OK;
  };
  switch (op.op) {
    case 'getData': {
      const d = tree.getData(op.path);
      if (!d) return { err: Code.NONODE, result: null };
      if (denied(op.path, Perms.READ)) return { err: Code.NOAUTH, result: null };
      if (op.watch) tree.addDataWatch(op.path, watcher);
      return { err: Code.OK, result: { op: 'getData', data: d.data, stat: d.stat } };
    }
    case 'exists': {
      // READ is checked when the node exists, before statNode registers any watch
      if (denied(op.path, Perms.READ)) return { err: Code.NOAUTH, result: null };
      // DataTree.statNode adds the watch before looking: an exists-watch on a missing node
      if (op.watch) tree.addDataWatch(op.path, watcher);
      const stat = tree.statNode(op.path);
      return { err: stat ? Code.OK : Code.NONODE, result: { op: 'exists', stat } };
    }
    case 'getChildren': {
      const ch = tree.getChildren(op.path);
      if (!ch) return { err: Code.NONODE, result: null };
      if (denied(op.path, Perms.READ)) return { err: Code.NOAUTH, result: null };
      if (op.watch) tree.addChildWatch(op.path, watcher);
      return { err: Code.OK, result: { op: 'getChildren', children: ch, stat: tree.statNode(op.path)! } };
    }
    case 'getACL': {
      const a = tree.getACL(op.path);
      if (!a) return { err: Code.NONODE, result: null };
      // READ or ADMIN may read the ACL; without ADMIN the digests are masked (ZOOKEEPER-1392)
      if (denied(op.path, Perms.READ | Perms.ADMIN)) return { err: Code.NOAUTH, result: null };
      const acl = denied(op.path, Perms.ADMIN) ? maskDigests(a.acl) : a.acl;
      return { err: Code.OK, result: { op: 'getACL', acl, stat: a.stat } };
    }
    case 'whoAmI':
      return { err: Code.OK, result: { op: 'whoAmI', clientInfo: getClientInfos(authInfo) } };
    case 'getEphemerals': {
      // the request's session's nodes; ZooKeeper lists a HashSet, the model in path order
      const prefix = op.prefixPath.trim();
      const all = tree.getEphemerals(sessionId);
      const ephemerals =
        prefix === '' || prefix === '/' ? all : all.filter((p) => p.startsWith(op.prefixPath));
      return { err: Code.OK, result: { op: 'getEphemerals', ephemerals } };
    }
    case 'getAllChildrenNumber': {
      if (!tree.getNode(op.path)) return { err: Code.NONODE, result: null };
      if (denied(op.path, Perms.READ)) return { err: Code.NOAUTH, result: null };
      return {
        err: Code.OK,
        result: { op: 'getAllChildrenNumber', number: tree.getAllChildrenNumber(op.path) },
      };
    }
    case 'addWatch':
      // OpCode.addWatch: zks.getZKDatabase().addWatch(path, cnxn, mode); no node or ACL check
      tree.addWatch(op.path, watcher, op.mode);
      return { err: Code.OK, result: { op: 'addWatch' } };
    case 'removeWatches':
      // OpCode.removeWatches: NoWatcherException("<path> (type: <type>)") when none was removed
      return tree.removeWatchOfType(op.path, op.watcherType, watcher)
        ? { err: Code.OK, result: { op: 'removeWatches' } }
        : { err: Code.NOWATCHER, result: null };
    default:
      return { err: Code.UNIMPLEMENTED, result: null };
  }
}
