export default {
  // ---- 快照与日志清理（PurgeTxnLog、DatadirCleanupManager）
  'panels.kind.purge': '清理旧快照和事务日志',
  'purge.narr.purge': 'S{sid} 清理了数据目录，保留最新的 {n} 个快照：删除了 {files}',
  'purge.narr.purgeNone': 'S{sid} 执行了清理（保留最新的 {n} 个快照）：没有可以删除的旧文件',
};
