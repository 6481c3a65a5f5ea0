export default {
  // ---- the corrupt-follower preset (src/presets/corrupt-follower.json); keys follow the preset naming scheme
  'presets.corrupt-follower.title': 'A corrupted follower refuses to start, then rejoins by SNAP',
  'presets.corrupt-follower.watch':
    'What ZooKeeper does with data it cannot trust. FileTxnLog writes every txn with an Adler32 checksum of its bytes (the txnEntryCRC); on start-up FileTxnSnapLog.restore reads the log back and compares. Follower S2 crashes, and while it is down its disk flips one bit of txn 0x100000002. When it restarts the checksum no longer matches: the load stops with "CRC check failed", QuorumPeer.loadDataBase fails with "Unable to load database on disk", and the server refuses to start rather than serve a tree it cannot vouch for. S1 and S3 are still a quorum, so writes go on. The operator\'s remedy is to wipe S2\'s data (its snapshots and txn logs; myid stays): it starts empty at zxid 0x0, the leader sends it a SNAP of the whole tree, and it ends in BROADCAST with the same tree as the others.',
  'presets.corrupt-follower.chapter.damage': 'The disk goes bad',
  'presets.corrupt-follower.chapter.refused': 'S2 refuses to start',
  'presets.corrupt-follower.chapter.wipe': 'The operator wipes its data',
  'presets.corrupt-follower.chapter.rejoin': 'S2 rejoins by SNAP',
  'cues.corrupt-follower.crash':
    'S2 crashes. On its disk: log.100000001 with /a, /b, each txn written with its Adler32 checksum.',
  'cues.corrupt-follower.corrupt':
    'While S2 is down, a bad disk flips one bit of txn 0x100000002. Nothing notices yet: nobody reads it.',
  'cues.corrupt-follower.refused':
    'S2 restarts and replays its log. Txn 0x100000002 no longer matches its checksum: "CRC check failed", "Unable to load database on disk". S2 refuses to start.',
  'cues.corrupt-follower.goes-on':
    'S1 and S3 are still a majority: set /a is committed as 0x100000004 without S2.',
  'cues.corrupt-follower.wipe':
    "The operator deletes S2's snapshots and txn logs (myid stays). Nothing damaged is left to load.",
  'cues.corrupt-follower.snap':
    "S2 starts empty and follows S3 with last zxid 0x0. The leader's log cannot bring it up from there, so it sends a SNAP: its whole tree at 0x100000004.",
  'cues.corrupt-follower.caught-up':
    'S2 is in BROADCAST again, with the same tree as S1 and S3. The damaged txn was never served.',
  // ---- a tab whose ensemble another tab took over (src/ui/TakenOverNote.tsx, Controls, Menus)
  'storage2.takenOver.note': 'Another tab runs this ensemble now: playback and actions are off here.',
  'storage2.takenOver.off': 'Off: another tab runs this ensemble now (take it back to go on here)',
  // ---- a damaged record in the Saved ensembles dialog (src/ui/SavedEnsembles.tsx)
  'storage2.saved.damaged': 'Damaged record (key {key})',
  'storage2.saved.deleteDamaged': 'Delete the damaged record {key}',
  'storage2.saved.damagedMeaning':
    "This saved record is not what the app wrote (changed outside the app, or a bad disk), so it cannot be resumed; the other saved ensembles are not affected. Delete it (its servers' databases go with it).",
} satisfies Record<string, string>;
