export default {
  // ---- 切换舞台主视图
  'logview.mode.label': '舞台视图',
  'logview.mode.ring': '环形',
  'logview.mode.log': '日志',
  'logview.mode.hint': '在服务器环形图与并排的事务日志之间切换（V）',
  'logview.help.toggle': '服务器环形图 / 并排事务日志',
  'logview.loading': '正在加载日志视图…',

  // ---- 日志视图
  'logview.title': '事务日志：每台服务器一行，按 zxid（epoch:计数）对齐',
  'logview.empty': '还没有服务器记录过事务。写操作会作为一列出现在这里。',
  'logview.epoch': 'epoch {epoch}',
  'logview.follow': '跟随最新 zxid',
  'logview.scrollHint': '左右滚动查看更早或更新的 zxid',
  'logview.legend.memory': '仅在内存中',
  'logview.legend.durable': '已写入磁盘日志',
  'logview.legend.committed': '已提交',
  'logview.legend.applied': '已应用',
  'logview.legend.snap': '来自 SNAP',
  'logview.legend.snapshot': '快照',
  'logview.legend.cut': '被截断 / 丢失',
  'logview.legend.window': 'committedLog',
  'logview.cell.memory': '{zxid}：仅在内存中——尚未落盘，崩溃即丢失',
  'logview.cell.durable': '{zxid}：已在磁盘上的事务日志中',
  'logview.cell.snap': '{zxid}：不在本服务器的事务日志中，但在它通过 SNAP 收到的 DataTree 里',
  'logview.cell.superseded': '{zxid}：仍在旧的事务日志文件中，已被 SNAP 取代',
  'logview.cell.committed': '已提交',
  'logview.cell.notCommitted': '未提交',
  'logview.cell.applied': '已应用到本服务器的 DataTree',
  'logview.ghost.TRUNC': '{zxid}：被 TRUNC 截断（截到 {to}）',
  'logview.ghost.SNAP': '{zxid}：本服务器的历史已被 {to} 处的 SNAP 整体取代',
  'logview.ghost.crash': '{zxid}：当时只在内存中，服务器崩溃时丢失',
  'logview.row.down': '已停止：只剩磁盘',
  'logview.row.processed': '已处理到 {zxid}',
  'logview.cut.TRUNC': '✂ TRUNC 到 {zxid}：截掉 {n} 条',
  'logview.cut.SNAP': '⟳ {zxid} 处 SNAP：整行被取代',
  'logview.cut.crash': '✗ {t} 毫秒时崩溃：内存中的 {n} 条丢失',
  'logview.snapshot': '{zxid} 处的快照',
  'logview.window': 'committedLog [{min} … {max}]',
  'logview.windowTitle':
    '领导者的 committedLog（ZKDatabase 的 minCommittedLog … maxCommittedLog）：peerLastZxid 落在其中的学习者会收到 DIFF',
  'logview.peer': 'peerLastZxid {zxid}',
  'logview.sync.from': '来自 S{leader} 的 {mode}',
  'logview.sync.last': '上次同步：来自 S{leader} 的 {mode} {zxid}',
  'logview.sync.cutsCommitted': '⚠ 但 {zxids} 已经提交：这次 TRUNC 删掉的是客户端已被告知成功的写入。',
  'logview.sync.short': 'peerLastZxid {peer} → {mode} {zxid}',

  // ---- 学习者一侧的同步（卡片与 ZAB 面板）
  'logview.learner.title': '本服务器的同步方式（由领导者决定）',
  'logview.learner.receiving': '正在接收：之后是 NEWLEADER，然后是 UPTODATE。',

  // ---- 每个数字只有一种含义
  'logview.leader.establishing': '服务器 {sid} 正在领导（尚未确立）',
  'logview.leader.establishingTitle':
    'S{sid} 赢得了选举并处于 LEADING（{phase}），但还没有法定人数确认 NEWLEADER：在此之前它不会广播写操作（Leader.lead）',
  'logview.leader.others': 'S{sids} 仍以为自己是领导者',
  'logview.card.processed': '已处理',
  'logview.card.processedTitle':
    'lastProcessedZxid {hex}：最后应用到 DataTree 的事务——也就是本服务器选票里携带的 zxid。收到 NEWLEADER 之后，即使新 epoch 还没有任何事务，它也是新 epoch 的第一个 zxid {epoch}:0。',
  'logview.card.procLog': 'zxid 处理/日志',
  'logview.card.logEnd': '日志末尾',
  'logview.card.logEndTitle': '本服务器事务日志中的最后一条事务（无论是否已落盘）：{zxid}',
  'logview.card.logEmpty': '—',
  'logview.card.syncShort': '⇐ {mode} {zxid}',
  'logview.panel.logEndHint':
    '事务日志中的最后一条事务。lastProcessedZxid 可能比它靠后：收到 NEWLEADER 之后，它是新 epoch 的第一个 zxid E:0。',
  'logview.card.flagTitle': '与横幅所示的违规有关，涉及 {zxids}',
  'logview.card.sync': '⇐ 来自 S{leader} 的 {mode} {zxid}',

  // ---- 违规
  'logview.vio.title': '不变式被违反：{name}',
  'logview.vio.servers': '服务器',
  'logview.vio.zxids': 'zxid',
  'logview.vio.when': '第 {step} 步 · {t} 毫秒',
  'logview.vio.now': '就在这一步（第 {step} 步），{t} 毫秒',
  'logview.vio.at': '发生于 {t} 毫秒（虚拟时间）',
  'logview.vio.goStep': '转到第 {step} 步',
  'logview.vio.findStep': '转到它发生的那一步',
  'logview.vio.showLogs': '在日志视图中查看',
  'logview.vio.checker': '检查器的原文',
  'logview.vio.of': '第 {n} 个，共 {total} 个',
  'logview.vio.prev': '上一个违规',
  'logview.vio.next': '下一个违规',
  'logview.vio.close': '隐藏此横幅',
  'logview.vio.pause': '遇到违规时暂停',
  'logview.vio.bug': '已知的 ZooKeeper 缺陷 {bug}（本次运行使用 {version}）',
  'logview.vio.how': '它是怎么发生的',
  'logview.vio.bugLink': 'Apache JIRA 上的问题单',
  'logview.vio.notBug': '这不是已知的 ZooKeeper 缺陷：可能是模型的错误，或值得报告的情形。',
  'logview.inv.Agreement': '两台服务器在同一个 zxid 下应用了不同的事务。',
  'logview.inv.CheckDuringAction': '某台服务器在运行中遇到了绝不应发生的情况。',
  'logview.inv.Durability':
    '一次已提交的写入丢失了：领导者开启新 epoch 时，缺少一条法定人数早已确认过的事务。',
  'logview.inv.EpochOrder': '某台服务器写入的 acceptedEpoch 小于它的 currentEpoch。',
  'logview.inv.Integrity': '某台服务器应用了一条没有任何领导者提议过的事务。',
  'logview.inv.Leadership1': '两台服务器同时领导同一个 epoch。',
  'logview.inv.Leadership2': '同一个 epoch 被确立了两次。',
  'logview.inv.LocalPrimaryOrder': '某台服务器跳过了一条更早的已提交事务，就应用了后面的事务。',
  'logview.inv.PrefixConsistency': '某台服务器没有按顺序应用 zxid。',
  'logview.inv.TruncBelowCommitted':
    'TRUNC 把一条已提交的事务从某台服务器的日志中截掉了：客户端已被告知成功的写入，从它的历史中消失了。',
  'logview.inv.other': 'ZAB 的某条安全性质在这里不成立。',
  'logview.bug.ZOOKEEPER-4643':
    '在 3.8.0–3.8.4 / 3.9.0–3.9.1 中，跟随者收到 NEWLEADER 后，会在同步来的事务落盘之前就写入 currentEpoch 并回复 ACK。如果它此时崩溃，重启后带着新 epoch 却缺少这些事务，可能赢得下一次选举，并让其他服务器用 TRUNC 截掉那条已提交的写入。',
  'logview.bug.ZOOKEEPER-4646':
    '在 3.8.0–3.8.4 / 3.9.0–3.9.1 中，跟随者在 DIFF 的事务写入日志之前就对 NEWLEADER 回复 ACK；若它在刷盘前崩溃，已提交的事务就会丢失。',
  'logview.bug.ZOOKEEPER-4394':
    '在 3.9.1 中，NEWLEADER 之后到达的 COMMIT 若没有对应的待处理提议，Learner.syncWithLeader 会解引用 null。',
  'logview.bug.ZOOKEEPER-4712':
    '在 3.9.3 之前，跟随者或观察者失去领导者时不会停下它的 SyncRequestProcessor：内存树先按事务日志快进，之后同步线程才把手里剩下的提议写进日志。于是这台服务器投票和同步时报出的最后 zxid 低于它日志里的内容，重启后还会重放一条从未提交的事务。',
  'logview.vio.behaviour': '已知的 ZooKeeper 行为：{bug}（本次运行使用 {version}）',
  'logview.bug.ZOOKEEPER-2846':
    'SNAP 同步之后，学习者的事务日志里在新快照之下还留着一条孤立事务。等这台服务器日后成为领导者、用事务日志为学习者同步时（LearnerHandler.syncFollower → queueCommittedProposals），遍历会发出这条孤立事务，却跳过只在快照里的那一段——或者选出一个会截掉已提交事务的 TRUNC 目标。规避办法：snapshotSizeFactor = -1。',
  'logview.bug.FileTxnLog.truncate':
    'FileTxnLog.truncate 会保留第一条 ≥ TRUNC 目标的事务。若目标不在学习者的日志中，一条更新的事务（有时从未提交）会留在磁盘上和重新加载的树里，而 lastProcessedZxid 却被强行退回。',
} satisfies Record<string, string>;
