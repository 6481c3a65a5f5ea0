export default {
  // ---- trace narration (src/ui/panels/narration.ts)
  'storage.narr.wipe': 'S{sid}：运维人员删除了它的 dataDir；重启后它以空数据重新加入，并通过 SNAP 同步',
  'storage.narr.corrupt':
    'S{sid}：坏磁盘翻转了 {file} 中事务 {zxid} 的一位；校验和不再匹配，下次启动会以“CRC check failed”停止',
  'storage.narr.corruptNone': 'S{sid}：日志中没有事务 {zxid}，未损坏任何内容',

  // ---- runtime errors added by the storage work (src/runtime/errors.ts codes)
  'storage.err.storage-corrupt.title': '服务器存储的数据已损坏',
  'storage.err.storage-corrupt.meaning':
    '这台服务器 dataDir 中的某条记录不是它写入的内容（坏磁盘，或在应用之外被修改）。和 ZooKeeper 一样，服务器拒绝启动，而不是提供这些数据；集群的其余部分继续运行。可以清空它的 dataDir（它会重新加入并由 Leader 通过 SNAP 同步），或用本次运行的回放恢复它。',
  'storage.err.storage-diverged.title': '服务器的存储与本次运行不再一致',
  'storage.err.storage-diverged.meaning':
    '这台服务器的数据库在应用之外被删除或修改，已不是本次运行写入的内容。从它启动的服务器恢复出的数据少于它确认过的（ZooKeeper 自己也无法察觉）。请清空它的 dataDir，让它通过 SNAP 重新加入，或用本次运行的回放恢复它。',
  'storage.err.taken-over.title': '另一个标签页接管了这个集群',
  'storage.err.taken-over.meaning':
    '这个集群现在由另一个标签页或窗口运行。本标签页已停止它的服务器，不再向它们的存储写入任何内容。可以把它接管回来（另一个标签页会停止），或在这里打开一个独立副本。',
  'storage.err.owned-elsewhere.title': '这个集群正在另一个标签页中运行',
  'storage.err.owned-elsewhere.meaning':
    '另一个标签页或窗口正在运行这个集群并写入其服务器的存储；两个标签页绝不能写同一组服务器。可以接管它（另一个标签页会停止并说明原因），或在这里打开它的一个独立副本。',
  'storage.err.resume-disagrees.title': '部分服务器的存储与已保存的运行不一致',
  'storage.err.resume-disagrees.meaning':
    '继续运行会用回放重写这些服务器，可能回滚它们已持久化的写入，或掩盖它们的数据已被删除或损坏。目前什么都没有重写。请选择：用回放重写它们，或保留它们磁盘上的内容（它们会像 ZooKeeper 的服务器那样从中恢复）。',
  'storage.err.quota-exceeded.saved.meaning':
    '浏览器拒绝保存本次运行的记录（场景、操作和步数）。服务器继续运行；重新加载后只能恢复到最后一次成功保存的那一步。请删除不再需要的已保存集群。',

  // ---- banners (src/ui/RuntimeBanner.tsx)
  'storage.banner.write': '失败的写入：{write}',
  'storage.banner.read': '启动时读取：{write}',
  'storage.where.dataDir': '服务器 {sid} 的 dataDir',
  'storage.where.saved': '已保存集群的记录（zablab/ensembles，键 {key}）',
  'storage.banner.count': '共 {n} 次',
  'storage.banner.servers': '服务器：{list}',
  'storage.action.takeOver': '接管',
  'storage.action.takeBack': '接管回来',
  'storage.action.copy': '打开独立副本',
  'storage.action.rewrite': '用回放重写它们',
  'storage.action.keep': '保留磁盘上的内容',
  'storage.action.wipe': '清空 S{sid} 的 dataDir 并重新加入',
  'storage.action.restore': '用回放恢复 S{sid}',
  'storage.action.working': '处理中…',
  'storage.copyTitle': '{title}（副本）',

  'storage.saved.elsewhere': '正在另一个标签页中运行',

  // ---- server card and Storage panel
  'storage.card.refused': '拒绝启动',
  'storage.card.refusedTitle': 'S{sid} 拒绝启动：{reason}',
  'storage.card.wiped': 'dataDir 已清空',
  'storage.panel.refusedTitle': 'S{sid} 拒绝启动',
  'storage.panel.refusedWhy':
    '启动时，ZooKeeper 的加载路径（FileTxnSnapLog.restore）读到一条校验和与写入时不符、或根本不是有效记录的数据，于是停止：“{reason}”。ZooKeeper 服务器绝不提供它无法信任的数据；其他服务器在没有它的情况下继续运行。',
  'storage.panel.badRecord': '出错的记录：{file}，zxid {zxid}',
  'storage.panel.remedies':
    '运维上的补救办法：清空这台服务器的 dataDir（它以空数据重新加入，Leader 会给它发送 SNAP），或用本次运行的回放恢复 dataDir（即本次运行认为它写入的内容）。',
  'storage.panel.wipedTitle': 'S{sid} 的 dataDir 已被清空',
  'storage.panel.wipedWhy': '再次启动后，它以空的 dataDir 重新加入，Leader 会通过 SNAP 同步它。',
  'storage.panel.badChip': '这条记录未通过校验',
} satisfies Record<string, string>;
