export default {
  // ---- New ensemble dialog: zoo.cfg autopurge (labels in the present.new.<field> scheme)
  'present.new.snapRetainCount': 'autopurge.snapRetainCount',
  'present.new.purgeInterval': 'autopurge.purgeInterval (hours)',
  'purge.new.snapRetainCountHint': 'Snapshots a purge keeps; below 3 ZooKeeper uses 3',
  'purge.new.purgeIntervalHint': '0: no purge task; else a purge at every process start and every N hours',
  // ---- the Storage panel's purge block (src/ui/panels/PurgeNote.tsx)
  'purge.panel.lastAuto': 'Autopurge at {t} kept the newest {n} snapshots.',
  'purge.panel.lastOperator': 'zkCleanup.sh at {t} kept the newest {n} snapshots.',
  'purge.panel.removed': 'Removed:',
  'purge.panel.txns': '(the txns {txns} are no longer in any log file)',
  'purge.panel.nothing': 'Nothing was old enough to remove.',
  'purge.panel.run': 'Purge now (zkCleanup.sh -n 3)',
  'purge.panel.runTitle':
    'PurgeTxnLog: keep the 3 newest snapshots and the txn logs they need, delete older snapshots and logs',
  // ---- the log view's purged entries (src/ui/stage/logRows.ts CellKind 'purged')
  'logview.legend.purged': 'log file purged',
  'logview.cell.purged':
    '{zxid}: its txn-log file was deleted by a purge (PurgeTxnLog); the txn lives on in the snapshots kept',
  // ---- snapshot and log purging (PurgeTxnLog, DatadirCleanupManager)
  'panels.kind.purge': 'old snapshots and txn logs purged',
  'purge.narr.purge': 'S{sid} purged its dataDir, keeping the newest {n} snapshots: removed {files}',
  'purge.narr.purgeNone':
    'S{sid} ran a purge keeping the newest {n} snapshots: nothing was old enough to remove',
  // ---- the autopurge presets (src/presets/autopurge-*.json); keys follow the preset naming scheme
  'presets.autopurge-snap.title': 'Autopurge deletes the log a lagging follower needed: DIFF becomes SNAP',
  'presets.autopurge-snap.watch':
    'How purging old files changes a later sync. zoo.cfg here says autopurge.purgeInterval=1 and autopurge.snapRetainCount=3: DatadirCleanupManager runs PurgeTxnLog when the process starts and then every hour, keeping the 3 newest snapshots and the txn log files they need. snapshotSizeFactor is 0, so the leader may serve a learner from its txn log files however many there are. S1 crashes at 0x100000002. With snapCount 4 the others take a snapshot and start a new log file every few writes. Then the leader S3 is restarted: its purge at start-up removes log.100000001 (and snapshot.0, snapshot.100000003), the file that held 0x100000002. S3 leads again; its committedLog starts after its newest snapshot. When S1 returns, the leader looks for 0x100000002 in its txn log, finds the oldest file left starts above it, and sends SNAP(0x200000000) instead of a DIFF. Compare with the twin preset without autopurge.',
  'presets.autopurge-snap.chapter.behind': 'S1 falls behind',
  'presets.autopurge-snap.chapter.purge': 'The leader restarts and purges',
  'presets.autopurge-snap.chapter.return': 'S1 returns: SNAP',
  'cues.autopurge-snap.crash':
    'S1 crashes. Its last txn is 0x100000002, which sits in log.100000001 on every server.',
  'cues.autopurge-snap.snapshots':
    'snapCount 4: every few writes a server takes a snapshot and rolls to a new log file (log.100000004, …).',
  'cues.autopurge-snap.purge':
    'S3 restarts. DatadirCleanupManager runs PurgeTxnLog at once: it keeps the 3 newest snapshots and the log that precedes the oldest of them, and removes log.100000001, snapshot.0 and snapshot.100000003. Open the Storage panel of S3.',
  'cues.autopurge-snap.restart': 'S1 restarts and follows S3, reporting peerLastZxid 0x100000002.',
  'cues.autopurge-snap.snap':
    "The leader's committedLog starts at 0x10000000e and the txn log that held 0x100000002 is gone: SNAP(0x200000000), the whole tree.",
  'presets.autopurge-off-diff.title':
    "The same lagging follower without autopurge: DIFF from the leader's txn log",
  'presets.autopurge-off-diff.watch':
    "The twin of the autopurge preset with autopurge.purgeInterval left at 0 (ZooKeeper's default: no purge task). Every log file stays. When S1 returns at 0x100000002, older than the leader's committedLog, the leader reads its txn log from log.100000001 on (snapshotSizeFactor 0: no size limit) and sends a DIFF with the 12 txns S1 missed instead of the whole tree.",
  'cues.autopurge-off-diff.crash': 'S1 crashes at 0x100000002.',
  'cues.autopurge-off-diff.restart': 'S1 restarts after the leader S3 was restarted. Nothing was purged.',
  'cues.autopurge-off-diff.diff':
    "peerLastZxid 0x100000002 is below the leader's committedLog, but log.100000001 is still on disk: a DIFF served from the txn log.",
};
