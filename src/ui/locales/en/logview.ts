export default {
  // ---- switching the stage's main view
  'logview.mode.label': 'Stage view',
  'logview.mode.ring': 'Ring',
  'logview.mode.log': 'Logs',
  'logview.mode.hint': 'Switch between the ring of servers and their txn logs side by side (V)',
  'logview.help.toggle': 'ring of servers / txn logs side by side',
  'logview.loading': 'Loading the log view…',

  // ---- the log view
  'logview.title': 'Txn logs, one row per server, aligned by zxid (epoch:counter)',
  'logview.empty': 'No server has logged a transaction yet. Writes appear here as columns.',
  'logview.epoch': 'epoch {epoch}',
  'logview.follow': 'Follow the newest zxid',
  'logview.scrollHint': 'Scroll sideways for older or newer zxids',
  'logview.legend.memory': 'in memory only',
  'logview.legend.durable': 'logged (on disk)',
  'logview.legend.committed': 'committed',
  'logview.legend.applied': 'applied',
  'logview.legend.snap': 'from a SNAP',
  'logview.legend.snapshot': 'snapshot',
  'logview.legend.cut': 'cut / lost',
  'logview.legend.window': 'committedLog',
  'logview.cell.memory': '{zxid}: in memory only — not on disk yet, a crash loses it',
  'logview.cell.durable': '{zxid}: in the txn log on disk',
  'logview.cell.snap': '{zxid}: not in this server’s txn log, but in the DataTree it received by SNAP',
  'logview.cell.superseded': '{zxid}: still in an old txn-log file, replaced by the SNAP',
  'logview.cell.committed': 'committed',
  'logview.cell.notCommitted': 'not committed',
  'logview.cell.applied': 'applied to this server’s DataTree',
  'logview.ghost.TRUNC': '{zxid}: cut away by TRUNC to {to}',
  'logview.ghost.SNAP': '{zxid}: this server’s history was replaced by a SNAP at {to}',
  'logview.ghost.crash': '{zxid}: was in memory only, lost when the server crashed',
  'logview.row.down': 'down: disk only',
  'logview.row.processed': 'processed {zxid}',
  'logview.cut.TRUNC': '✂ TRUNC to {zxid}: {n} cut',
  'logview.cut.SNAP': '⟳ SNAP at {zxid}: row replaced',
  'logview.cut.crash': '✗ crash at {t} ms: {n} lost from memory',
  'logview.snapshot': 'snapshot at {zxid}',
  'logview.window': 'committedLog [{min} … {max}]',
  'logview.windowTitle':
    'The leader’s committedLog (ZKDatabase minCommittedLog … maxCommittedLog): a learner whose peerLastZxid lies inside gets a DIFF',
  'logview.peer': 'peerLastZxid {zxid}',
  'logview.sync.from': '{mode} from S{leader}',
  'logview.sync.last': 'last sync: {mode} {zxid} from S{leader}',
  'logview.sync.cutsCommitted':
    '⚠ But {zxids} was committed: this TRUNC removes a write the clients were told succeeded.',
  'logview.sync.short': 'peerLastZxid {peer} → {mode} {zxid}',

  // ---- the learner's side of a sync (card and ZAB panel)
  'logview.learner.title': 'This server’s sync, as the leader decided it',
  'logview.learner.receiving': 'Receiving it now: then NEWLEADER, then UPTODATE.',

  // ---- one meaning per number
  'logview.leader.establishing': 'server {sid} leads (not yet established)',
  'logview.leader.establishingTitle':
    'S{sid} won the election and is LEADING ({phase}), but no quorum has acknowledged NEWLEADER yet: it does not broadcast writes until then (Leader.lead)',
  'logview.leader.others': 'S{sids} still think they lead',
  'logview.card.processed': 'processed',
  'logview.card.processedTitle':
    'lastProcessedZxid {hex}: the last txn applied to the DataTree — what this server’s vote carries. After NEWLEADER it is the new epoch’s first zxid {epoch}:0 even before any txn of that epoch exists.',
  'logview.card.procLog': 'zxid proc/log',
  'logview.card.logEnd': 'log ends',
  'logview.card.logEndTitle': 'The last txn in this server’s txn log (durable or not): {zxid}',
  'logview.card.logEmpty': '—',
  'logview.card.syncShort': '⇐ {mode} {zxid}',
  'logview.panel.logEndHint':
    'The last txn in the txn log. lastProcessedZxid can be ahead of it: after NEWLEADER it is the new epoch’s first zxid E:0.',
  'logview.card.flagTitle': 'Involved in the violation the banner shows, about {zxids}',
  'logview.card.sync': '⇐ {mode} {zxid} from S{leader}',

  // ---- violations
  'logview.vio.title': 'Invariant violated: {name}',
  'logview.vio.servers': 'servers',
  'logview.vio.zxids': 'zxid',
  'logview.vio.when': 'step {step} · {t} ms',
  'logview.vio.now': 'at this step ({step}), {t} ms',
  'logview.vio.at': 'at {t} ms (virtual time)',
  'logview.vio.goStep': 'Go to step {step}',
  'logview.vio.findStep': 'Go to its step',
  'logview.vio.showLogs': 'Show in the log view',
  'logview.vio.checker': 'The checker’s words',
  'logview.vio.of': '{n} of {total}',
  'logview.vio.prev': 'previous violation',
  'logview.vio.next': 'next violation',
  'logview.vio.close': 'Hide this banner',
  'logview.vio.pause': 'Pause at violations',
  'logview.vio.bug': 'Known ZooKeeper bug {bug} (this run uses {version})',
  'logview.vio.how': 'how it happens',
  'logview.vio.bugLink': 'issue on the Apache JIRA',
  'logview.vio.notBug': 'Not a known ZooKeeper bug: a fault in the model or a case to report.',
  'logview.inv.Agreement': 'Two servers applied different transactions under the same zxid.',
  'logview.inv.CheckDuringAction': 'A server saw something that must never happen while it ran.',
  'logview.inv.Durability':
    'A committed write was lost: a leader started a new epoch without a transaction that a quorum had already acknowledged.',
  'logview.inv.EpochOrder': 'A server wrote an acceptedEpoch lower than its currentEpoch.',
  'logview.inv.Integrity': 'A server applied a transaction that no leader proposed.',
  'logview.inv.Leadership1': 'Two servers lead the same epoch at the same time.',
  'logview.inv.Leadership2': 'An epoch was established twice.',
  'logview.inv.LocalPrimaryOrder': 'A server applied a transaction while skipping an earlier committed one.',
  'logview.inv.PrefixConsistency': 'A server applied zxids out of order.',
  'logview.inv.TruncBelowCommitted':
    'A TRUNC cut a committed transaction out of a server’s log: its history lost a write the clients were told succeeded.',
  'logview.inv.other': 'A safety property of ZAB does not hold here.',
  'logview.bug.ZOOKEEPER-4643':
    'Under 3.8.0–3.8.4 / 3.9.0–3.9.1, a follower receiving NEWLEADER writes currentEpoch and ACKs before the synced transactions are on disk. If it crashes then, it comes back with the new epoch but without those transactions, can win the next election, and tells the others to TRUNC the committed write away.',
  'logview.bug.ZOOKEEPER-4646':
    'Under 3.8.0–3.8.4 / 3.9.0–3.9.1, a follower ACKs NEWLEADER before the DIFF’s transactions are logged; if it crashes before the flush, a committed transaction is lost.',
  'logview.bug.ZOOKEEPER-4394':
    'Under 3.9.1, a COMMIT that arrives after NEWLEADER with no pending proposal makes Learner.syncWithLeader dereference null.',
  'logview.bug.ZOOKEEPER-4712':
    'Before 3.9.3, a follower or observer that loses its leader does not stop its SyncRequestProcessor: its tree is fast-forwarded from the txn log first, and the sync thread logs the proposals it still held afterwards. The server then votes and syncs with a last zxid below its log, and a restart replays a transaction that was never committed.',
  'logview.vio.behaviour': 'Known ZooKeeper behaviour: {bug} (this run uses {version})',
  'logview.bug.ZOOKEEPER-2846':
    'After a SNAP sync, the learner’s txn log keeps an orphan txn below the new snapshot. When that server later leads and serves a learner from its txn log (LearnerHandler.syncFollower → queueCommittedProposals), the walk sends the orphan and skips the range only its snapshot holds — or picks a TRUNC target that cuts committed txns. Workaround: snapshotSizeFactor = -1.',
  'logview.bug.FileTxnLog.truncate':
    'FileTxnLog.truncate keeps the first txn at or above the TRUNC target. When the target is not in the learner’s log, a newer txn — sometimes one never committed — survives on disk and in the reloaded tree, while lastProcessedZxid is forced back.',
} satisfies Record<string, string>;
