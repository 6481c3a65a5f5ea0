export default {
  // ---- snapshot and log purging (PurgeTxnLog, DatadirCleanupManager)
  'panels.kind.purge': 'old snapshots and txn logs purged',
  'purge.narr.purge': 'S{sid} purged its dataDir, keeping the newest {n} snapshots: removed {files}',
  'purge.narr.purgeNone':
    'S{sid} ran a purge keeping the newest {n} snapshots: nothing was old enough to remove',
};
