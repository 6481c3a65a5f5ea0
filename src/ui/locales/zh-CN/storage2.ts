export default {
  // ---- corrupt-follower 预设（src/presets/corrupt-follower.json）
  'presets.corrupt-follower.title': '数据损坏的跟随者拒绝启动，随后通过 SNAP 重新加入',
  'presets.corrupt-follower.watch':
    'ZooKeeper 如何对待无法信任的数据。FileTxnLog 写入每条事务时都附带其字节的 Adler32 校验和（txnEntryCRC）；启动时 FileTxnSnapLog.restore 读回日志并逐条比对。跟随者 S2 崩溃，停机期间磁盘把事务 0x100000002 翻转了一个比特。重启时校验和对不上：加载在“CRC check failed”处中止，QuorumPeer.loadDataBase 报出“Unable to load database on disk”，服务器宁可拒绝启动，也不提供一棵它无法担保的树。S1 和 S3 仍构成多数派，写入照常进行。运维人员的补救办法是清空 S2 的数据（快照和事务日志，保留 myid）：它从 zxid 0x0 空白启动，领导者向它发送整棵树的 SNAP，最后它进入 BROADCAST，数据树与其他服务器完全一致。',
  'presets.corrupt-follower.chapter.damage': '磁盘出错',
  'presets.corrupt-follower.chapter.refused': 'S2 拒绝启动',
  'presets.corrupt-follower.chapter.wipe': '运维清空它的数据',
  'presets.corrupt-follower.chapter.rejoin': 'S2 通过 SNAP 重新加入',
  'cues.corrupt-follower.crash':
    'S2 崩溃。它的磁盘上有 log.100000001，记着 /a 和 /b，每条事务都带 Adler32 校验和。',
  'cues.corrupt-follower.corrupt':
    'S2 停机期间，坏磁盘把事务 0x100000002 翻转了一个比特。此时没人察觉：还没有人读它。',
  'cues.corrupt-follower.refused':
    'S2 重启并重放日志。事务 0x100000002 与校验和不符：“CRC check failed”，“Unable to load database on disk”。S2 拒绝启动。',
  'cues.corrupt-follower.goes-on': 'S1 和 S3 仍是多数派：set /a 在没有 S2 的情况下以 0x100000004 提交。',
  'cues.corrupt-follower.wipe': '运维删除了 S2 的快照和事务日志（myid 保留）。再没有损坏的数据可加载。',
  'cues.corrupt-follower.snap':
    'S2 空白启动，以最后 zxid 0x0 跟随 S3。领导者的日志无法从那里把它补齐，于是发送 SNAP：0x100000004 时的整棵树。',
  'cues.corrupt-follower.caught-up':
    'S2 重新进入 BROADCAST，数据树与 S1、S3 相同。损坏的事务从未被提供出去。',
  // ---- a tab whose ensemble another tab took over (src/ui/TakenOverNote.tsx, Controls, Menus)
  'storage2.takenOver.note': '另一个标签页正在运行这个集群：此处的播放和操作已停用。',
  'storage2.takenOver.off': '已停用：另一个标签页正在运行这个集群（收回后才能在此继续）',
  // ---- a damaged record in the Saved ensembles dialog (src/ui/SavedEnsembles.tsx)
  'storage2.saved.damaged': '已损坏的记录（键 {key}）',
  'storage2.saved.deleteDamaged': '删除已损坏的记录 {key}',
  'storage2.saved.damagedMeaning':
    '这条保存的记录已不是应用写入的内容（被应用之外修改，或磁盘出错），因此无法恢复；其他已保存的集群不受影响。请删除它（它的服务器数据库会一并删除）。',
} satisfies Record<string, string>;
