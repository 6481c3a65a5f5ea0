export default {
  // ---- trace narration (src/ui/panels/narration.ts)
  'storage.narr.wipe':
    'S{sid}: the operator deleted its dataDir; restarted, it rejoins empty and is SNAP-synced',
  'storage.narr.corrupt':
    'S{sid}: a bad disk flipped a bit of txn {zxid} in {file}; its checksum no longer matches, so the next start stops with "CRC check failed"',
  'storage.narr.corruptNone': 'S{sid}: no txn {zxid} in its log, nothing was corrupted',

  // ---- runtime errors added by the storage work (src/runtime/errors.ts codes)
  'storage.err.storage-corrupt.title': "A server's stored data is damaged",
  'storage.err.storage-corrupt.meaning':
    "A record in this server's dataDir is not what it wrote (a bad disk, or a change made outside the app). As ZooKeeper does, the server refuses to start rather than serve it; the rest of the ensemble goes on. Wipe its dataDir (it rejoins and is SNAP-synced from the leader), or restore it from the run's replay.",
  'storage.err.storage-diverged.title': "A server's storage no longer matches the run",
  'storage.err.storage-diverged.meaning':
    "This server's database was deleted or changed outside the app, so it does not hold what the run wrote. A server that starts from it recovers less than it had acknowledged (ZooKeeper cannot tell either). Wipe its dataDir so it rejoins by SNAP, or restore it from the run's replay.",
  'storage.err.taken-over.title': 'Another tab took this ensemble over',
  'storage.err.taken-over.meaning':
    'This ensemble is now run by another tab or window. This tab stopped its servers and writes nothing more to their storage. Take it back (the other tab stops), or open an independent copy here.',
  'storage.err.owned-elsewhere.title': 'This ensemble is running in another tab',
  'storage.err.owned-elsewhere.meaning':
    "Another tab or window runs this ensemble and writes its servers' storage; two tabs must never write the same servers. Take it over (the other tab stops and says why), or open an independent copy of it here.",
  'storage.err.resume-disagrees.title': "Some servers' storage does not match the saved run",
  'storage.err.resume-disagrees.meaning':
    "Resuming would rewrite these servers from the replay, which can roll back writes they had made durable, or hide that their data was deleted or damaged. Nothing was rewritten. Choose: rewrite them from the replay, or keep what their disks hold (they recover from it, as ZooKeeper's servers would).",
  'storage.err.quota-exceeded.saved.meaning':
    "The browser refused to save this run's record (its scenario, actions and step). The servers go on; a reload can resume only up to the last step that was saved. Delete saved ensembles you no longer need.",

  // ---- banners (src/ui/RuntimeBanner.tsx)
  'storage.banner.write': 'Failed write: {write}',
  'storage.banner.read': 'Read at start-up: {write}',
  'storage.where.dataDir': 'the dataDir of server {sid}',
  'storage.where.saved': 'the saved-ensemble record (zablab/ensembles, key {key})',
  'storage.banner.count': '{n} times',
  'storage.banner.servers': 'Servers: {list}',
  'storage.action.takeOver': 'Take it over',
  'storage.action.takeBack': 'Take it back',
  'storage.action.copy': 'Open an independent copy',
  'storage.action.rewrite': 'Rewrite them from the replay',
  'storage.action.keep': 'Keep what their disks hold',
  'storage.action.wipe': "Wipe S{sid}'s dataDir and rejoin",
  'storage.action.restore': 'Restore S{sid} from the replay',
  'storage.action.working': 'Working…',
  'storage.copyTitle': '{title} (copy)',

  'storage.saved.elsewhere': 'running in another tab',

  // ---- server card and Storage panel
  'storage.card.refused': 'refused to start',
  'storage.card.refusedTitle': 'S{sid} refused to start: {reason}',
  'storage.card.wiped': 'dataDir wiped',
  'storage.panel.refusedTitle': 'S{sid} refused to start',
  'storage.panel.refusedWhy':
    'When it started, ZooKeeper\'s load path (FileTxnSnapLog.restore) read a record whose checksum does not match what was written, or that is not a record at all, and stopped: "{reason}". A ZooKeeper server never serves data it cannot trust; the others go on without it.',
  'storage.panel.badRecord': 'Failing record: {file}, zxid {zxid}',
  'storage.panel.remedies':
    "The operator's remedies: wipe this server's dataDir (it rejoins empty and the leader sends it a SNAP), or restore the dataDir from the run's replay (what the run says it wrote).",
  'storage.panel.wipedTitle': "S{sid}'s dataDir was wiped",
  'storage.panel.wipedWhy':
    'Started again, it rejoins with an empty dataDir and the leader syncs it with a SNAP.',
  'storage.panel.badChip': 'this record failed its checksum',
} satisfies Record<string, string>;
