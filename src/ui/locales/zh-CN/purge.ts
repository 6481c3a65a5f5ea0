export default {
  // ---- 新建集群对话框：zoo.cfg 自动清理
  'present.new.snapRetainCount': 'autopurge.snapRetainCount',
  'present.new.purgeInterval': 'autopurge.purgeInterval（小时）',
  'purge.new.snapRetainCountHint': '清理时保留的快照数；小于 3 时 ZooKeeper 按 3 处理',
  'purge.new.purgeIntervalHint': '0：不运行清理任务；否则每次进程启动时以及每 N 小时清理一次',
  // ---- 存储面板的清理区（src/ui/panels/PurgeNote.tsx）
  'purge.panel.lastAuto': '自动清理（{t}）保留了最新的 {n} 个快照。',
  'purge.panel.lastOperator': 'zkCleanup.sh（{t}）保留了最新的 {n} 个快照。',
  'purge.panel.removed': '已删除：',
  'purge.panel.txns': '（事务 {txns} 已不在任何日志文件中）',
  'purge.panel.nothing': '没有足够旧的文件可以删除。',
  'purge.panel.run': '立即清理（zkCleanup.sh -n 3）',
  'purge.panel.runTitle': 'PurgeTxnLog：保留最新的 3 个快照及其需要的事务日志，删除更旧的快照和日志',
  // ---- 日志视图中已清理的条目
  'logview.legend.purged': '日志文件已清理',
  'logview.cell.purged': '{zxid}：所在的事务日志文件已被清理（PurgeTxnLog）删除；该事务仍保存在保留的快照中',
  // ---- 快照与日志清理（PurgeTxnLog、DatadirCleanupManager）
  'panels.kind.purge': '清理旧快照和事务日志',
  'purge.narr.purge': 'S{sid} 清理了数据目录，保留最新的 {n} 个快照：删除了 {files}',
  'purge.narr.purgeNone': 'S{sid} 执行了清理（保留最新的 {n} 个快照）：没有可以删除的旧文件',
  // ---- 自动清理预设（src/presets/autopurge-*.json）
  'presets.autopurge-snap.title': '自动清理删掉了落后跟随者需要的日志：DIFF 变成 SNAP',
  'presets.autopurge-snap.watch':
    '清理旧文件如何改变之后的同步。这里的 zoo.cfg 设置了 autopurge.purgeInterval=1、autopurge.snapRetainCount=3：DatadirCleanupManager 在进程启动时运行一次 PurgeTxnLog，之后每小时一次，保留最新的 3 个快照以及它们需要的事务日志文件。snapshotSizeFactor 为 0，所以领导者无论有多少个日志文件都可以用事务日志同步学习者。S1 在 0x100000002 处崩溃。由于 snapCount 为 4，其余服务器每写几次就做一次快照并换一个新的日志文件。随后领导者 S3 重启：启动时的清理删除了 log.100000001（以及 snapshot.0、snapshot.100000003），而 0x100000002 正在这个文件里。S3 再次成为领导者，它的 committedLog 从最新快照之后开始。S1 回来时，领导者在事务日志里找 0x100000002，发现剩下最旧的文件也从它之后才开始，于是发送 SNAP(0x200000000) 而不是 DIFF。可与不开自动清理的对照预设比较。',
  'presets.autopurge-snap.chapter.behind': 'S1 落后',
  'presets.autopurge-snap.chapter.purge': '领导者重启并清理',
  'presets.autopurge-snap.chapter.return': 'S1 回归：SNAP',
  'cues.autopurge-snap.crash':
    'S1 崩溃。它的最后一个事务是 0x100000002，在每台服务器上都位于 log.100000001 中。',
  'cues.autopurge-snap.snapshots':
    'snapCount 为 4：每写几次，服务器就做一次快照并切换到新的日志文件（log.100000004 等）。',
  'cues.autopurge-snap.purge':
    'S3 重启。DatadirCleanupManager 立即运行 PurgeTxnLog：保留最新的 3 个快照和最旧保留快照之前的那个日志，删除 log.100000001、snapshot.0 和 snapshot.100000003。打开 S3 的存储面板看看。',
  'cues.autopurge-snap.restart': 'S1 重启并跟随 S3，报告 peerLastZxid 0x100000002。',
  'cues.autopurge-snap.snap':
    '领导者的 committedLog 从 0x10000000e 开始，存有 0x100000002 的事务日志已被删除：SNAP(0x200000000)，发送整棵树。',
  'presets.autopurge-off-diff.title': '同一个落后的跟随者，不开自动清理：用领导者的事务日志做 DIFF',
  'presets.autopurge-off-diff.watch':
    '自动清理预设的对照：autopurge.purgeInterval 保持为 0（ZooKeeper 的默认值，不运行清理任务），所有日志文件都保留。S1 在 0x100000002 回来时，比领导者的 committedLog 还旧，领导者便从 log.100000001 开始读取事务日志（snapshotSizeFactor 为 0：不限大小），用 DIFF 发送 S1 错过的 12 个事务，而不是整棵树。',
  'cues.autopurge-off-diff.crash': 'S1 在 0x100000002 处崩溃。',
  'cues.autopurge-off-diff.restart': '领导者 S3 重启之后，S1 也重启了。没有任何文件被清理。',
  'cues.autopurge-off-diff.diff':
    'peerLastZxid 0x100000002 低于领导者的 committedLog，但 log.100000001 还在磁盘上：用事务日志做 DIFF。',
};
