/**
 * What a view may use of the core besides its types (view.ts, trace.ts): pure helpers that format
 * or parse the data a view shows the way ZooKeeper itself prints it — zxids (ZxidUtils), zkCli's
 * stat dates and permission strings (ZooKeeperMain, AclParser), ACL constants (ZooDefs.Ids), a
 * quota node's text (StatsTrack) — and the defaults a form or a timer drawing needs. Nothing here
 * runs the model. The UI imports values from src/zk only through this module (eslint.config.js).
 */
export {
  getCounterFromZxid,
  getEpochFromZxid,
  parseZxidRanges,
  zxidFromHex,
  zxidToEpochCounter,
  zxidToHex,
} from './Zxid';
export { javaDateString, statTimeToEpochMs } from './cli/ZooKeeperMain';
export { getPermString } from './cli/AclParser';
export { OPEN_ACL_UNSAFE, Perms, aclListEquals } from './ZooDefs';
export { StatsTrack } from './StatsTrack';
export { finalizeWait } from './FastLeaderElection';
export { DEFAULT_PURGE_INTERVAL, DEFAULT_SNAP_RETAIN_COUNT } from './persistence/PurgeTxnLog';
