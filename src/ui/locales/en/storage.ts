export default {
  // ---- trace narration (src/ui/panels/narration.ts)
  'storage.narr.wipe': 'S{sid}: the operator deleted its dataDir; restarted, it rejoins empty and is SNAP-synced',
  'storage.narr.corrupt':
    'S{sid}: a bad disk flipped a bit of txn {zxid} in {file}; its checksum no longer matches, so the next start stops with "CRC check failed"',
  'storage.narr.corruptNone': 'S{sid}: no txn {zxid} in its log, nothing was corrupted',
} satisfies Record<string, string>;
