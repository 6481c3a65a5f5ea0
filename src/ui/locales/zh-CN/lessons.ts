// 预设场景、讲课模式的提示点、引导课程、分享链接与导入错误（简体中文）。
// 服务器写作 S1…S9；ZooKeeper 的标识符（zxid、epoch、DIFF、watch 等）保持原样。
export default {
  // ---- 预设分类
  'presets.topic.election': '领导者选举',
  'presets.topic.broadcast': '写与读',
  'presets.topic.recovery': '崩溃与恢复',
  'presets.topic.faults': '网络分区与观察者',
  'presets.topic.clients': '会话、watch 与编程范式',
  'presets.topic.bugs': '已知缺陷',

  // ---- first-boot
  'presets.first-boot.title': '首次启动：3 台服务器同时启动',
  'presets.first-boot.watch':
    '三台空服务器在同一时刻启动。每台先投自己一票；所有人的 epoch 和 zxid 都是 0，于是 sid 最大者胜出，所有选票都转向 S3。200 ms 内没有出现更好的选票（finalizeWait）后，S3 决定成为 LEADING，S1 和 S2 成为 FOLLOWING，epoch 1 开始。两个跟随者本来就与领导者一致：收到的是空的 DIFF(0x0)。接着看一次写入：c1 建立会话本身就是一个事务（0x100000001）；create /a 在领导者和一个跟随者都写入日志后即被提交，zxid 为 0x100000002；c2 从 S2 读取 /a，无需询问领导者。',
  'presets.first-boot.chapter.election': '选举',
  'presets.first-boot.chapter.sync': '发现与同步',
  'presets.first-boot.chapter.write': '一次写入',
  'presets.first-boot.chapter.read': '一次读取',
  'cues.first-boot.start':
    '三台服务器同时启动。每台都投自己一票——（自己的 sid，zxid 0x0，epoch 0）——并发给其他服务器。',
  'cues.first-boot.decide':
    'epoch 相同，zxid 也相同：sid 最大者胜出。200 ms 内没有更好的选票，S3 决定成为 LEADING；S1 和 S2 各自在自己的 finalizeWait 结束时跟随它。',
  'cues.first-boot.sync':
    'S1 拥有的与领导者完全一样（都是空的）：一个空的 DIFF(0x0)，随后是 NEWLEADER 和 UPTODATE。',
  'cues.first-boot.session':
    'c1 连接到 S1。创建会话也是一个事务：S1 把它转发给领导者，S3 以 0x100000001 提议它。',
  'cues.first-boot.propose': 'create /a → S3 为它分配 zxid 0x100000002，并向两个跟随者发送 PROPOSAL。',
  'cues.first-boot.commit':
    '领导者和一个跟随者已写入日志：3 台中的 2 台构成法定人数。S3 提交并发送 COMMIT；不必等第三个 ACK。',
  'cues.first-boot.read': 'get /a 由 S2 独自根据自己的数据树作答：读请求从不经过领导者。',

  // ---- one-by-one-250
  'presets.one-by-one-250.title': '5 台服务器逐个启动，间隔 250 ms',
  'presets.one-by-one-250.watch':
    '服务器每隔 250 ms 启动一台。只有 S1 和 S2 时是 5 台中的 2 台——不够法定人数，只能继续寻找。S3 启动后，三台都同意选 S3（zxid 相同，sid 最大）：5 台中的 3 台构成法定人数，等待 200 ms 的 finalize 之后，S3 成为 epoch 1 的领导者。S4 在 750 ms 启动，已经来不及改变什么：选举已经结束，回复它的选票都指向 S3，而且背后有法定人数，于是它选择跟随。S1 和 S2 收到空的 DIFF(0x0)；S4 和 S5 加入的是已经确立的领导者，收到的是 SNAP(0x100000000)。对比间隔 150 ms 的预设：那里由 S5 领导。',
  'presets.one-by-one-250.chapter.starts': '两台服务器：不够法定人数',
  'presets.one-by-one-250.chapter.quorum': '第三台服务器',
  'presets.one-by-one-250.chapter.late': '迟到的服务器',
  'cues.one-by-one-250.alone':
    'S2 启动。S1 把选票改投 S2（sid 更大）——但 5 票中只有 2 票，不够法定人数。两台继续寻找。',
  'cues.one-by-one-250.third': 'S3 启动。三票投给 S3，就构成 5 台中的法定人数。',
  'cues.one-by-one-250.decide':
    '200 ms 内没有更好的选票：S3 决定成为 LEADING。S4 还没启动——它比 S3 晚 250 ms，在 finalize 等待之外。',
  'cues.one-by-one-250.late':
    'S4 启动并投自己一票，但回复它的服务器都已不在 LOOKING 状态：它们的选票指向 S3，且有法定人数支持。S4 跟随 S3。',
  'cues.one-by-one-250.snap':
    'S3 已经确立（lastProcessedZxid 为 0x100000000），而 S4 是 0x0：它收到 SNAP，而不是 DIFF。',

  // ---- one-by-one-150
  'presets.one-by-one-150.title': '5 台服务器逐个启动，间隔 150 ms',
  'presets.one-by-one-150.watch':
    '同样的五台服务器，每隔 150 ms 启动一台。每台新服务器启动时，其他服务器都还在 200 ms 的 finalize 等待之内：新服务器的 sid 更大，是更好的选票，及时赶到，于是刚要做出的决定被放弃。这样一路传递到 S5，由它领导；四个跟随者都收到空的 DIFF(0x0)。那为什么教科书上说是 S3？只有当每台服务器都比上一次形成法定人数晚 200 ms 以上（finalizeWait 加上网络延迟）启动时，才是 S3。',
  'cues.one-by-one-150.third': 'S3 启动：S1、S2、S3 都同意选 S3——构成法定人数。200 ms 的 finalize 等待开始。',
  'cues.one-by-one-150.fourth': '150 ms 后 S4 启动，正在等待期内：它的选票更好，决定被放弃，所有人转投 S4。',
  'cues.one-by-one-150.fifth': '又一次：S5 在新的等待期内启动。所有人转投 S5。',
  'cues.one-by-one-150.decide':
    '再没有服务器要启动了：200 ms 后 S5 决定成为 LEADING。这一连串传递止于 sid 最大者。',

  // ---- boot-jitter
  'presets.boot-jitter.title': '5 台服务器同时启动，带启动抖动',
  'presets.boot-jitter.watch':
    '五台服务器都在 t = 0 启动，但真实的 JVM 启动需要时间，而且每台机器快慢不一：这里每台服务器的选举在随机的 0–2000 ms 之后才开始（由种子决定）。选举时间重叠的前几台服务器会选出它们之中 sid 最大者，决定之后才启动完成的服务器只能跟随。在这次运行中，S2、S4、S3、S1 在约 1.2 s 内陆续就绪并选出 S4；S5 在约 1.8 s 才启动完成，它跟随 S4 并收到 SNAP。换一个种子试试：大多数种子选出 S4 或 S5，偶尔是 S3——“sid 最大者当领导者”只是一种倾向，而不是规则。',
  'cues.boot-jitter.first': '第一台服务器启动完成，开始寻找领导者。其他服务器还在启动中。',
  'cues.boot-jitter.quorum':
    '四台服务器已就绪，并一致选择它们之中 sid 最大的一台。finalize 等待即将结束——S5 还在启动。',
  'cues.boot-jitter.decide': '决定了：S4 领导。及时到场的服务器中 sid 最大者胜出。',
  'cues.boot-jitter.late':
    'S5 在选举结束后才启动完成：它跟随 S4，并且因为加入的是已确立的领导者，收到 SNAP。',

  // ---- leader-crash
  'presets.leader-crash.title': '领导者崩溃：重新选举，进入新 epoch',
  'presets.leader-crash.watch':
    'S3 是 epoch 1 的领导者，c1 写入 /a（0x100000002）。第 2 秒时 S3 崩溃。S1 和 S2 立刻察觉（已死进程的套接字被关闭），进入 LOOKING 并重新投票：epoch 相同，最后的 zxid 也相同，于是 S2 凭 sid 胜出。S2 开启 epoch 2——注意 acceptedEpoch 和 currentEpoch 都变成 2——下一次写入得到新 epoch 的 zxid：0x200000002（0x200000001 是 c2 的会话）。S3 回来后，从别人对它选票的回复中得知领导者是谁，跟随 S2，并通过 DIFF 收到它错过的事务；最终它拥有 /a 和 /b。',
  'presets.leader-crash.chapter.before': 'epoch 1',
  'presets.leader-crash.chapter.crash': '崩溃',
  'presets.leader-crash.chapter.after': 'epoch 2',
  'presets.leader-crash.chapter.return': 'S3 回归',
  'cues.leader-crash.write': 'c1 的 create /a：S3 以 0x100000002 提议（epoch 1，计数 2）。',
  'cues.leader-crash.crash': 'S3 崩溃：内存中的状态全部丢失，磁盘上的数据还在。',
  'cues.leader-crash.looking':
    'S1 与领导者的连接断开。它进入 LOOKING，投自己一票：(1, 0x100000002, epoch 1)。',
  'cues.leader-crash.decide': 'S1 和 S2 的 epoch 与最后的 zxid 都相同：sid 大者胜出。S2 成为领导者。',
  'cues.leader-crash.epoch':
    '法定人数确认了新 epoch：S2 写入 currentEpoch = 2。从此每个 zxid 都以 0x2… 开头。',
  'cues.leader-crash.write2': 'c2 的 create /b 得到 0x200000002：高 32 位是 epoch，计数从头开始。',
  'cues.leader-crash.rejoin':
    'S3 带着 0x100000002 回来了。之后的所有事务都在 S2 的 committedLog 中：DIFF(0x200000002)，附上它错过的事务。',

  // ---- lagging-follower-diff
  'presets.lagging-follower-diff.title': '落后的跟随者通过 DIFF 追上',
  'presets.lagging-follower-diff.watch':
    'S1 在 0x100000007 之后崩溃，而 S3 和 S2 继续写到 0x10000000a（又创建了三个节点）。S1 重启时，其他服务器无需选举：S1 从它们的回复中得知领导者，它的 ACKEPOCH 报告 0x100000007。这个 zxid 落在领导者的 committedLog 范围内，所以 S3 发送 DIFF(0x10000000a)，随后对 0x…8、0x…9、0x…a 各发一对 PROPOSAL + COMMIT——只补缺失的部分。没有新 epoch：S1 的 currentEpoch 仍为 1，最终到达 0x10000000a，拥有全部九个节点。',
  'presets.lagging-follower-diff.chapter.writes': '写入',
  'presets.lagging-follower-diff.chapter.down': 'S1 宕机',
  'presets.lagging-follower-diff.chapter.return': 'S1 回归',
  'cues.lagging-follower-diff.crash': 'S1 崩溃。它的磁盘上保存着直到 0x100000007 的所有事务。',
  'cues.lagging-follower-diff.missed':
    'S3 和 S2 在没有 S1 的情况下提交了 0x10000000a：3 台中的 2 台仍是法定人数。',
  'cues.lagging-follower-diff.restart': 'S1 重启，重放日志到 0x100000007，然后投票。',
  'cues.lagging-follower-diff.diff':
    '0x100000007 在 S3 的 committedLog 范围内：DIFF(0x10000000a)，然后对 S1 错过的三个事务各发 PROPOSAL + COMMIT。',
  'cues.lagging-follower-diff.caught-up': 'S1 已追上，回到广播阶段——仍在 epoch 1。',

  // ---- old-leader-trunc
  'presets.old-leader-trunc.title': '旧领导者未复制的事务：TRUNC',
  'presets.old-leader-trunc.watch':
    '领导者 S3 写入 /a1–/a3（直到 0x100000004）。接着它把 0x100000005（create /b）写入日志，但两条 PROPOSAL 都丢失了，随后它崩溃。S1 和 S2 选出 S2（epoch 和 zxid 相同，sid 更大），进入 epoch 2；客户端的 create /b 以 ConnectionLoss 告终——它从未被提交。S3 带着别人都没有的 0x100000005 回来，而 S2 在 epoch 2 中还没有写入任何东西：S3 超出了领导者最后提交的事务，于是 S2 发送 TRUNC(0x100000004)。S3 把日志截断回去，忘掉 /b，并在 0x100000004 处生成快照。可对比 SNAP 预设。',
  'presets.old-leader-trunc.chapter.writes': 'epoch 1',
  'presets.old-leader-trunc.chapter.crash': '崩溃',
  'presets.old-leader-trunc.chapter.return': '旧领导者回归',
  'cues.old-leader-trunc.unreplicated':
    'S3 把 0x100000005（create /b）写入日志——但发给 S1 和 S2 的 PROPOSAL 都丢了。只有 S3 有它。',
  'cues.old-leader-trunc.crash': 'S3 崩溃，磁盘上留着这个未复制的事务。',
  'cues.old-leader-trunc.new-leader': 'S1 和 S2 都停在 0x100000004：S2 凭 sid 胜出，领导 epoch 2。',
  'cues.old-leader-trunc.restart': 'S3 重启并重放日志：它最后的 zxid 是 0x100000005。',
  'cues.old-leader-trunc.trunc': 'S3 超出了 S2 已提交的全部事务，且在同一个 epoch 中：TRUNC(0x100000004)。',
  'cues.old-leader-trunc.cut': 'S3 把日志截断到 0x100000004：/b 消失了，仿佛从未写过。',

  // ---- old-leader-snap
  'presets.old-leader-snap.title': '同一个旧领导者，新领导者已写入：SNAP',
  'presets.old-leader-snap.watch':
    '开头与 TRUNC 预设相同，只有一处不同：在 S3 回来之前，c2 在新领导者 S2 上创建了 /c（0x200000002；0x200000001 是 c2 的会话）。这样一来，在 S2 的历史中，0x100000004 之后的那一项属于 epoch 2，而 TRUNC 不能跨越 epoch 边界。于是 S2 发送 SNAP(0x200000002)：它的整棵数据树。S3 失去 /b、得到 /c；它旧的日志文件（仍含 0x100000005）留在磁盘上，位于新快照之下，无害。',
  'presets.old-leader-snap.chapter.writes': 'epoch 1',
  'presets.old-leader-snap.chapter.crash': '崩溃',
  'presets.old-leader-snap.chapter.return': '旧领导者回归',
  'cues.old-leader-snap.unreplicated': 'S3 写入 0x100000005，它永远不会到达 S1 和 S2。',
  'cues.old-leader-snap.new-write': 'epoch 2 的领导者 S2 以 0x200000002 提交了 /c。',
  'cues.old-leader-snap.restart': 'S3 带着 0x100000005 重启。',
  'cues.old-leader-snap.snap':
    '0x100000004 之后的下一个事务属于 epoch 2：TRUNC 无法跨越边界，所以 S2 发送 SNAP(0x200000002)。',

  // ---- far-behind-snap
  'presets.far-behind-snap.title': '远远落后的跟随者收到 SNAP',
  'presets.far-behind-snap.watch':
    'S1 很早就崩溃了，停在 0x100000002。它宕机期间，其他服务器又写入了六个节点；由于 snapCount 为 4，它们每隔几个事务就生成一次快照。随后领导者 S3 被重启（滚动重启）：它从最新的快照恢复，于是内存中的 committedLog 现在从 0x100000007 开始。S2 和 S3 再次选出 S3，进入 epoch 2。S1 带着 0x100000002 回来时，比领导者内存中保留的任何事务都旧，磁盘上的事务日志也无法为它服务：S3 发送 SNAP(0x200000000)，即整棵数据树。S1 最终拥有 /a1 和 /b1–/b6。',
  'presets.far-behind-snap.chapter.writes': 'S1 落后',
  'presets.far-behind-snap.chapter.rolling': '滚动重启领导者',
  'presets.far-behind-snap.chapter.return': 'S1 回归',
  'cues.far-behind-snap.crash': 'S1 在 0x100000002 处崩溃。',
  'cues.far-behind-snap.snapshots': 'snapCount 为 4：S3 每隔几个事务就写一次快照，并开始一个新的日志文件。',
  'cues.far-behind-snap.leader-restart':
    'S3 重启：它加载最新的快照，只重放快照之后的日志。它的 committedLog 现在从 0x100000007 开始。',
  'cues.far-behind-snap.restart': 'S1 重启，仍停在 0x100000002。',
  'cues.far-behind-snap.snap':
    '0x100000002 早于领导者的 committedLog，日志文件也无法提供：SNAP(0x200000000)。',

  // ---- partition-minority
  'presets.partition-minority.title': '网络分区：少数派无法选举，随后恢复',
  'presets.partition-minority.watch':
    '五台服务器，领导者是 S5。第 2 秒时网络把 {S1, S2} 与 {S3, S4, S5} 隔开。多数派保住了领导者——5 台中的 3 台仍是法定人数——c2 写入 /during 成功。少数派则什么也做不了：S1 和 S2 在 10 秒（syncLimit × tickTime）收不到领导者的消息后与它断开，进入 LOOKING，并一直停在 LOOKING，因为两票永远构不成五台中的法定人数；c1 在 S1 上执行的 create /minority 以 ConnectionLoss 告终。第 20 秒网络恢复后，它们的下一轮通知到达多数派（处于 LOOKING 的服务器每轮之间等待得越来越久），于是重新跟随 S5，仍在 epoch 1，并通过 DIFF 追上。',
  'presets.partition-minority.chapter.before': '完整的集群',
  'presets.partition-minority.chapter.split': '分区',
  'presets.partition-minority.chapter.healed': '恢复',
  'cues.partition-minority.cut': '网络分裂：S1 和 S2 再也连不上 S3、S4、S5。',
  'cues.partition-minority.majority-write': '多数派一侧仍有法定人数：c2 在 S4 上的 create /during 成功了。',
  'cues.partition-minority.minority-looking':
    '10 秒没有领导者的消息：S1 和 S2 放弃跟随，进入 LOOKING。五台中的两台永远选不出领导者。',
  'cues.partition-minority.heal': '网络恢复。',
  'cues.partition-minority.rejoin': 'S1 的下一轮通知到达多数派：它跟随 S5，并通过 DIFF 收到 /during。',

  // ---- observer
  'presets.observer.title': '观察者：跟随但从不投票',
  'presets.observer.watch':
    '三个投票者和一个观察者 S4。S4 从不属于任何法定人数：它在选举中不计票，从不发送 ACK，收到的是 INFORM（一个数据包带着已提交的事务），而不是 PROPOSAL 和 COMMIT。它照样为客户端服务：c1 的 create /o 经由 S4 转给领导者。领导者 S3 崩溃后，S1 和 S2 自行选出 S2。注意 S4 绕的弯路：S1 和 S2 还在 LOOKING 时，用它们上一次的选票回复它，而那张选票指向 S3；于是 S4 先去连已经死掉的 S3，连接失败后重新寻找，然后才开始观察 S2（DIFF）。',
  'cues.observer.join': 'S4 以观察者（OBSERVER）身份加入，像任何学习者一样被同步（这里是 SNAP）。',
  'cues.observer.inform': '写入只由投票者提交；S4 收到一条带着已提交事务的 INFORM。',
  'cues.observer.crash': '领导者 S3 崩溃。',
  'cues.observer.detour':
    'S4 决定观察 S3——那个已死的领导者：处于 LOOKING 的投票者用它们上一次的选票回复了它。',
  'cues.observer.rejoin': '连接 S3 失败后，S4 重新寻找，找到了 S2：DIFF。',

  // ---- session-expiry
  'presets.session-expiry.title': '会话过期：临时节点与 watch',
  'presets.session-expiry.watch':
    'c1 连接到 S3，请求 3000 ms 的会话超时；领导者给的是 4000 ms（最小值为 2 × tickTime）。它创建 /e 和临时节点 /e/x；S1 上的 c2 对 /e/x 设置数据 watch，对 /e 设置子节点 watch。第 10.5 秒时，c1 不关闭会话就沉默了。领导者按 tickTime 分桶跟踪过期时间：最后一次联系 10 500 ms + 4 000 ms → 16 000 ms 的桶。第 16 秒它提议 closeSession：/e/x 在所有服务器上消失，c2 收到 NodeDeleted /e/x 和 NodeChildrenChanged /e——各一次，因为 watch 是一次性的。c1 在第 20 秒回来时，会话已经不在了：Expired。',
  'presets.session-expiry.chapter.setup': '会话、节点与 watch',
  'presets.session-expiry.chapter.silence': 'c1 沉默',
  'presets.session-expiry.chapter.expiry': '过期',
  'cues.session-expiry.ephemeral': '/e/x 是临时节点：它的寿命与 c1 的会话完全相同。',
  'cues.session-expiry.watches': 'c2 现在 watch 着 /e/x（数据）和 /e（子节点）。',
  'cues.session-expiry.silent': 'c1 断开连接，但没有关闭会话。它的临时节点还在——暂时。',
  'cues.session-expiry.expire':
    '16 000 ms：这个会话所在的桶到期。领导者提议 closeSession，它会在所有服务器上删除 /e/x。',
  'cues.session-expiry.fired': 'c2 的 watch 触发：先是 NodeDeleted /e/x，然后是 NodeChildrenChanged /e。',
  'cues.session-expiry.expired': 'c1 重新连接，为时已晚：会话已过期。',

  // ---- lock-recipe
  'presets.lock-recipe.title': '顺序节点与分布式锁',
  'presets.lock-recipe.watch':
    'ZooKeeper 的锁范式。三个客户端各在 /lock 下创建一个临时顺序节点：服务器在名字后面追加一个 10 位计数，于是按领导者提交的顺序，它们分别得到 lock-0000000000、lock-0000000001 和 lock-0000000002。编号最小者持有锁；其他客户端各自只 watch 自己的前一个节点（stat -w），而不是持锁者，因此一次释放只会唤醒一个客户端。c1 关闭会话时，它的节点被删除，只有 c2 的 watch 触发：c2 拿到锁。c2 关闭后，轮到 c3 的 watch 触发。',
  'presets.lock-recipe.chapter.queue': '排队',
  'presets.lock-recipe.chapter.handover': '交接锁',
  'cues.lock-recipe.first': 'c1 创建了 /lock/lock-0000000000：编号最小者持有锁。',
  'cues.lock-recipe.queue': '三个节点，按提交顺序编号。c2 和 c3 在等待。',
  'cues.lock-recipe.watch': 'c2 只 watch 紧挨在自己前面的节点：lock-0000000000。',
  'cues.lock-recipe.release': 'c1 关闭会话：领导者的 closeSession 删除了它的临时节点。',
  'cues.lock-recipe.fired': '只有 c2 的 watch 触发（NodeDeleted）。现在 c2 的编号最小：它持有锁。',
  'cues.lock-recipe.next': 'c2 随后关闭；c3 对 lock-0000000001 的 watch 触发。c3 持有锁。',

  // ---- zk-4643-391
  'presets.zk-4643-391.title': 'ZOOKEEPER-4643（3.9.1）：已提交的写入丢失',
  'presets.zk-4643-391.watch':
    'ZOOKEEPER-4643（在 3.8.5 / 3.9.2 中修复），这里按 3.9.1 的 NEWLEADER 处理方式重现。S1 被隔离期间，领导者 S3 和 S2 提交了 /t（0x100000003）：客户端已被告知写入成功。S3 崩溃，分区恢复；S2 领导 epoch 2，向 S1 发送 DIFF、/t 和 NEWLEADER。3.9.1 的跟随者先写入 currentEpoch = 2，再把 /t 交给异步的日志写入线程——而 S1 恰好在这时崩溃（注入的故障），/t 还没落盘。S2 也宕机了。S1 和 S3 重启：S1 的选票（epoch 2，0x100000002）胜过 S3 的（epoch 1，0x100000003），因为先比较 epoch，再比较 zxid。S1 在没有 /t 的情况下领导 epoch 3，并让 S3 TRUNC 到 0x100000002：一次已提交的写入就此消失。检查器报告 Durability 和 TruncBelowCommitted。',
  'presets.zk-4643-391.chapter.epoch1': 'epoch 1：/t 已提交',
  'presets.zk-4643-391.chapter.epoch2': 'epoch 2：致命的同步',
  'presets.zk-4643-391.chapter.epoch3': 'epoch 3：错误的领导者',
  'cues.zk-4643-391.partition': 'S1 与 S2、S3 隔离。',
  'cues.zk-4643-391.committed': 'S3 和 S2 提交了 /t（0x100000003），客户端得到回复：Created /t。',
  'cues.zk-4643-391.newleader':
    'S1 按 3.9.1 的方式处理了 NEWLEADER：currentEpoch = 2 已落盘，/t 却没有。随后它崩溃。',
  'cues.zk-4643-391.restart': 'S1 和 S3 重启。S1 投（epoch 2，0x100000002），S3 投（epoch 1，0x100000003）。',
  'cues.zk-4643-391.wrong-leader': 'epoch 压过了 zxid：S1 成为领导者——而 S1 从未拥有 /t。',
  'cues.zk-4643-391.violation': '检查器：新领导者的历史中缺少一个已提交的事务。',

  // ---- zk-4643-395
  'presets.zk-4643-395.title': 'ZOOKEEPER-4643，相同时序在 3.9.5 上：已修复',
  'presets.zk-4643-395.watch':
    '完全相同的时序、相同的崩溃，换成 3.9.5。修复之后，跟随者处理 NEWLEADER 时，先把收到的事务写入日志并 fsync，然后才写入新的 currentEpoch。S1 在同一时刻崩溃，但它的 epoch 文件里仍是 1：重启后，它的选票（epoch 1，0x100000002）输给了 S3 的（epoch 1，0x100000003）。S3 带着 /t 领导 epoch 3，S1 收到 DIFF，没有违反任何不变式。',
  'presets.zk-4643-395.chapter.epoch1': 'epoch 1：/t 已提交',
  'presets.zk-4643-395.chapter.epoch2': 'epoch 2：同样的崩溃',
  'presets.zk-4643-395.chapter.epoch3': 'epoch 3：正确的领导者',
  'cues.zk-4643-395.partition': 'S1 与 S2、S3 隔离。',
  'cues.zk-4643-395.committed': 'S3 和 S2 提交了 /t（0x100000003）。',
  'cues.zk-4643-395.newleader':
    'S1 在同一时刻崩溃——但 3.9.5 只在事务落盘之后才写 currentEpoch：它的 epoch 仍是 1。',
  'cues.zk-4643-395.restart': 'S1 和 S3 重启。两张选票的 epoch 都是 1；S3 的 zxid 0x100000003 更大。',
  'cues.zk-4643-395.right-leader': 'S3 领导 epoch 3，/t 保住了。',

  // ---- zk-2846（ZooKeeper 3.9.5 自身潜在的副本分歧）
  'presets.zk-2846.title': 'ZOOKEEPER-2846：经 SNAP 同步的领导者发出了孤儿事务',
  'presets.zk-2846.watch':
    '这是 ZooKeeper 3.9.5 本身的一个真实分歧。S1 晚启动，并且只和领导者 S5 一起写入了 /ghost（0x100000003）：它永远不会被提交。S1 被隔离期间，S2–S4 进入了新的 epoch。S1 重新加入时收到 SNAP——但它的事务日志在快照之下仍保留着 0x100000003，新的事务还追加在同一个文件里、排在它之后。之后 S1 成为领导者，并用这份事务日志为 S5 同步（LearnerHandler.syncFollower → queueCommittedProposals）：遍历找到 0x100000003，把它当作共同历史，只发送文件中排在它之后的内容，跳过了只存在于 S1 快照里的 0x200000001–0x200000002。S5 最终拥有从未提交的 /ghost，却没有 /w1，检查器指出这是 ZOOKEEPER-2846。同一调度把 snapshotSizeFactor 设为 -1 就不会分歧。',
  'presets.zk-2846.chapter.orphan': '一个孤儿事务',
  'presets.zk-2846.chapter.snap': 'SNAP 把孤儿留在日志里',
  'presets.zk-2846.chapter.lead': 'S1 领导并用日志同步',
  'cues.zk-2846.orphan': 'S1 写入 0x100000003（/ghost）。只有 S5 和 S1 有它：它永远不会被提交。',
  'cues.zk-2846.snap': 'S1 重新加入并通过 SNAP 同步。它的事务日志仍保留着新快照之下的 0x100000003。',
  'cues.zk-2846.append': '新事务写进同一个日志文件，紧跟在孤儿 0x100000003 之后。',
  'cues.zk-2846.leads': 'S1 领导 epoch 4。',
  'cues.zk-2846.walk':
    'S5（停在 0x100000003）低于 S1 的 committedLog：S1 遍历事务日志，找到 0x100000003，只发送其后的内容——0x200000001 和 0x200000002 被跳过了。',
  'cues.zk-2846.violation': '检查器：S5 缺少已提交的事务，却对外提供从未提交的 /ghost。',

  // ---- zk-2846-factor-off
  'presets.zk-2846-factor-off.title': 'ZOOKEEPER-2846，snapshotSizeFactor=-1：没有分歧',
  'presets.zk-2846-factor-off.watch':
    '与 ZOOKEEPER-2846 相同的调度，加上官方给出的规避办法 snapshotSizeFactor=-1：领导者从不用事务日志为学习者同步。S1 的日志里仍有孤儿 0x100000003，但它成为领导者时，S5 低于它的 committedLog，于是收到 SNAP，而不是走那段有缺陷的日志遍历。所有服务器最终拥有相同的 znode；没有违规。',
  'presets.zk-2846-factor-off.chapter.orphan': '一个孤儿事务',
  'presets.zk-2846-factor-off.chapter.lead': 'S1 领导',
  'cues.zk-2846-factor-off.orphan': 'S1 写入 0x100000003（/ghost）；它永远不会被提交。',
  'cues.zk-2846-factor-off.leads': 'S1 领导 epoch 4，孤儿事务仍在它的事务日志里。',
  'cues.zk-2846-factor-off.snap': '事务日志同步已关闭：S5 收到 SNAP，孤儿事务原地不动。',

  // ---- trunc-kept-txn
  'presets.trunc-kept-txn.title': 'FileTxnLog.truncate 留下了一个从未提交的事务',
  'presets.trunc-kept-txn.watch':
    '这是 ZooKeeper 3.9.5 本身的一个真实分歧。S1 晚启动并通过 SNAP 同步，因此它的事务日志是空的。随后它只和领导者 S5 一起写入了 /ghost（0x100000003），两者都崩溃了：/ghost 从未被提交。S4 领导 epoch 2。S1 回来时，S4 发送 TRUNC 到 0x100000002——这个事务在 S1 的快照里，而不在它的日志里。FileTxnLog.truncate 会保留第一个大于等于目标的事务，于是 0x100000003 留在了磁盘上和重新加载的树里，而 lastProcessedZxid 被强行退回到 0x100000002。客户端在 S1 上能读到 /ghost；在 S2 上它并不存在。',
  'presets.trunc-kept-txn.chapter.setup': 'S1 晚启动',
  'presets.trunc-kept-txn.chapter.fork': '一个未提交的事务',
  'presets.trunc-kept-txn.chapter.rejoin': 'S1 重新加入',
  'cues.trunc-kept-txn.snap': 'S1 晚启动，在 0x100000002 收到 SNAP：它的日志为空，其余都在快照里。',
  'cues.trunc-kept-txn.uncommitted': 'S1 写入 0x100000003（/ghost），只有 S5 和 S1 有它：它永远不会被提交。',
  'cues.trunc-kept-txn.trunc': 'S4 让 S1 截断到 0x100000002——这个 zxid 不在 S1 的日志里。',
  'cues.trunc-kept-txn.kept':
    'FileTxnLog.truncate 保留第一个大于等于目标的事务：0x100000003 留在了磁盘上和树里。',
  'cues.trunc-kept-txn.read': '客户端在 S1 上读到了 /ghost——一个集群从未提交过的 znode。',

  // ---- recovery-tour
  'presets.recovery-tour.title': '恢复之旅：一次运行中的 TRUNC、DIFF 和 SNAP',
  'presets.recovery-tour.watch':
    '一次运行、五台服务器，展示三种回归方式。S1 很早崩溃，错过了几次写入。领导者 S5 写入了一个未复制的事务（create /lost）后崩溃；S4 领导 epoch 2。S5 在任何新写入之前回来：TRUNC。c2 写入 /b1，随后 S1 回来：它的 zxid 在 S4 的 committedLog 之内——DIFF。接着领导者 S4 也写入了一个未复制的事务并崩溃；S5 领导 epoch 3，一个客户端写入 /c1。S4 回来：它多出的事务属于 epoch 2，而领导者的下一项属于 epoch 3——SNAP。没有任何已提交的写入丢失，/lost 和 /lost2 也都没有留下。',
  'presets.recovery-tour.chapter.epoch1': 'epoch 1',
  'presets.recovery-tour.chapter.epoch2': 'epoch 2：S4 领导',
  'presets.recovery-tour.chapter.epoch3': 'epoch 3：S5 领导',
  'cues.recovery-tour.lagging': 'S1 崩溃：它将错过接下来的写入。',
  'cues.recovery-tour.unreplicated': '领导者 S5 崩溃，手里握着一个别人都没写入日志的事务。',
  'cues.recovery-tour.trunc': 'S5 在 epoch 2 写入任何东西之前回来：TRUNC。',
  'cues.recovery-tour.diff': 'S1 回来；它错过的内容全在 S4 的 committedLog 里：DIFF。',
  'cues.recovery-tour.unreplicated2': '领导者 S4 崩溃，手里握着一个 epoch 2 的未复制事务。',
  'cues.recovery-tour.snap': 'S4 在 epoch 3 已有写入之后回来：TRUNC 不能跨 epoch——SNAP。',

  // ---- 课程选项
  'lessons.choice.server': 'S{sid}',
  'lessons.choice.zxid': '{zxid}',
  'lessons.choice.ms': '{ms} ms',
  'lessons.choice.mode.DIFF': 'DIFF——只发送缺失的事务',
  'lessons.choice.mode.TRUNC': 'TRUNC——把日志截断回去',
  'lessons.choice.mode.SNAP': 'SNAP——发送整棵数据树',

  // ---- 课程面板
  'lessons.ui.lesson': '课程',
  'lessons.ui.next': '下一步',
  'lessons.ui.prev': '上一步',
  'lessons.ui.progress': '第 {reached} / {total} 步',
  'lessons.ui.predict': '你的预测',
  'lessons.ui.check': '核对',
  'lessons.ui.correct': '答对了——运行结果也证明了这一点。',
  'lessons.ui.wrong': '这次不对。继续播放，看看实际发生了什么。',
  'lessons.ui.finished': '本课结束。',

  // ---- 课程：选举
  'lessons.election.title': '选出领导者',
  'lessons.election.intro':
    '五台空服务器，都还没有运行。它们将每隔 250 ms 逐个启动。每台都运行 FastLeaderElection：先投自己一票，再告诉所有其他投票者。',
  'lessons.election.first-vote':
    'S1 投自己一票：(领导者 1，zxid 0x0，epoch 0)，为 S2–S5 各排入发送队列并逐一拨号。此时还没有服务器启动：选票留在 S1 的发送队列里。',
  'lessons.election.second':
    'S2 启动。比较选票时先比 epoch，再比 zxid，最后比 sid：其余相同，S2 的选票胜过 S1 的，于是 S1 改投 S2。五台中只有两台，不够法定人数：两台继续寻找。',
  'lessons.election.third': 'S3 启动，投自己一票。',
  'lessons.election.third.prompt': '哪台服务器会成为集群的领导者？',
  'lessons.election.third.explain':
    'S3：它是前三台服务器中 sid 最大的，而三台构成五台中的法定人数。随后 FastLeaderElection 再等 200 ms（finalizeWait），看有没有更好的选票；S4 比 S3 晚 250 ms 启动，来不及了。',
  'lessons.election.decide':
    '200 ms 过去，没有更好的选票：S3 决定成为 LEADING，S1 和 S2 成为 FOLLOWING。发现阶段开始：FOLLOWERINFO、LEADERINFO、ACKEPOCH——以及 epoch 1。',
  'lessons.election.fourth': 'S4 启动。它的 sid 比领导者大。',
  'lessons.election.fourth.prompt': 'S4 会跟随谁？',
  'lessons.election.fourth.explain':
    'S3。选举已经结束：回复 S4 的都是处于 FOLLOWING 或 LEADING 的服务器，它们的选票指向 S3，且有法定人数支持，所以 S4 加入 S3。已经确立的领导者不会因为来了一个 sid 更大的服务器就被取代。',
  'lessons.election.join': 'S4 已决定跟随 S3，发送 FOLLOWERINFO。',
  'lessons.election.join.prompt': 'S3 会怎样让 S4 追上最新状态？',
  'lessons.election.join.explain':
    'SNAP。S3 已经确立：它的 lastProcessedZxid 是新 epoch 的 zxid 0x100000000，S4 是 0x0，而 S3 没有可以用来发送 DIFF 的已提交事务。所以它发送整棵（仍是空的）数据树。',
  'lessons.election.snap': 'SNAP({zxid})：S4 加载快照、保存到磁盘，然后开始跟随。',
  'lessons.election.end':
    'S5 也是一样：五台服务器，S3 领导 epoch 1。打开间隔 150 ms 的预设，看看为什么启动更快时会由 S5 领导。',

  // ---- 课程：广播
  'lessons.broadcast.title': '一次写入，逐步拆解',
  'lessons.broadcast.intro':
    '三台服务器启动并选出领导者（可以留意投票箱）。本课关注接下来的事：一次写入和一次读取。',
  'lessons.broadcast.leader': 'S{sid} 成为领导者。所有写入都要经过它。',
  'lessons.broadcast.established': '跟随者已同步，epoch 1 已确立：领导者进入 BROADCAST 阶段。',
  'lessons.broadcast.client': 'c1 连接到 S1，执行 create /a hello。',
  'lessons.broadcast.client.prompt': '/a 会得到哪个 zxid？',
  'lessons.broadcast.client.explain':
    '0x100000002。zxid 的高 32 位是 epoch，低 32 位是计数：epoch 1，计数 2。计数 1 被 c1 的会话占用了——创建会话也是一个事务。',
  'lessons.broadcast.session': 'S1 把新会话转发给领导者（REQUEST），S3 以 0x100000001 提议 createSession。',
  'lessons.broadcast.propose': 'S3 提议 create /a，向 S1 和 S2 发送 PROPOSAL。',
  'lessons.broadcast.propose.prompt': '三个投票者中，要有几个写入日志（ACK）之后，S3 才能提交？',
  'lessons.broadcast.propose.choice.one': '一个：只要领导者自己',
  'lessons.broadcast.propose.choice.two': '两个：过半数',
  'lessons.broadcast.propose.choice.three': '全部三个',
  'lessons.broadcast.propose.explain':
    '两个——三个中的过半数：领导者（它自己写入日志也算一票）加上一个跟随者。较慢的那个跟随者的 ACK 在提交之后才到，不影响结果。',
  'lessons.broadcast.commit':
    '达到法定人数：S3 提交 0x100000002 并发送 COMMIT。每台服务器把它应用到自己的数据树。',
  'lessons.broadcast.created': 'S1 已应用该事务，回复 c1：Created /a。',
  'lessons.broadcast.read': 'c2 连接到 S2，执行 get /a。',
  'lessons.broadcast.read.prompt': '谁来回答 get /a？',
  'lessons.broadcast.read.choice.local': 'S2 独自根据自己的数据树回答',
  'lessons.broadcast.read.choice.leader': 'S2 先去问领导者',
  'lessons.broadcast.read.explain':
    'S2 独自回答：只有写入（以及会话的变化）才经过领导者。读请求由本地数据树直接作答——很快，但可能落后于领导者；如果必须看到最新的写入，先执行 sync。',
  'lessons.broadcast.end': 'S2 根据自己的副本回答 hello。',

  // ---- 课程：恢复
  'lessons.recovery.title': '恢复与同步：DIFF、TRUNC、SNAP',
  'lessons.recovery.intro':
    '五台服务器，领导者是 S5。其中三台会以三种不同的方式落后。每当一台回来，请留意领导者的同步决定：DIFF、TRUNC 还是 SNAP。',
  'lessons.recovery.lagging': 'S1 崩溃。其他服务器在没有它的情况下继续写入 /a3 和 /a4。',
  'lessons.recovery.unreplicated':
    '领导者 S5 把 {zxid}（create /lost）写入日志，但发给别人的 PROPOSAL 全部丢失：没有其他服务器拥有它。',
  'lessons.recovery.crash5': 'S5 崩溃。S2、S3、S4 寻找新的领导者。',
  'lessons.recovery.crash5.prompt': '哪台服务器会成为领导者？',
  'lessons.recovery.crash5.explain':
    'S4。三台的 epoch 相同，最后的 zxid 也相同（那个未复制的事务从未到达它们），所以 sid 最大者胜出。S4 开启 epoch 2。',
  'lessons.recovery.restart5':
    'S5 重启。它重放日志，日志中仍有那个别人都没有的事务。S4 在 epoch 2 中还没有写入任何东西。',
  'lessons.recovery.restart5.prompt': 'S4 会给 S5 发送什么？',
  'lessons.recovery.restart5.explain':
    'TRUNC({zxid})。S5 最后的 zxid 超出了 S4 已提交的全部事务，而且在同一个 epoch 中：S5 必须把日志截断回 S4 最后提交的事务。',
  'lessons.recovery.truncate':
    'S5 把日志截断到 {zxid}。那个未复制的事务消失了。它从未被提交，所以也从未有客户端被告知它成功。',
  'lessons.recovery.restart1': 'S1 重启。它停在 epoch 1 的早期；此后 epoch 2 已写入了 /b1。',
  'lessons.recovery.restart1.prompt': 'S1 会收到什么？',
  'lessons.recovery.restart1.explain':
    'DIFF({zxid})。S1 最后的 zxid 在 S4 的 committedLog 之内，之后的所有事务都只是 S1 错过的部分：领导者逐个发送这些事务，每个都是 PROPOSAL + COMMIT。',
  'lessons.recovery.crash4':
    '这次轮到领导者 S4 写入一个别人收不到的事务（create /lost2）后崩溃。其余服务器选出 S{sid} 领导 epoch 3，一个客户端写入 /c1。',
  'lessons.recovery.restart4':
    'S4 带着它那个 epoch 2 的未复制事务重启——和之前的 S5 一样。但这一次，新领导者已经在新 epoch 中提交过事务了。',
  'lessons.recovery.restart4.prompt': 'S4 会收到什么？',
  'lessons.recovery.restart4.explain':
    'SNAP({zxid})。在领导者的历史中，S4 最后一个共同事务之后的那一项属于 epoch 3。TRUNC 不能跨越 epoch 边界，所以领导者发送整棵数据树。',
  'lessons.recovery.end':
    '三种回归方式：DIFF 补发错过的内容，TRUNC 删除本不该存在的内容，两者都行不通时，SNAP 整体替换。没有任何已提交的写入丢失。',

  // ---- 课程：会话
  'lessons.sessions.title': '会话、临时节点与 watch',
  'lessons.sessions.intro': '三台服务器，领导者是 S3。两个客户端：c1 将拥有一个临时节点，c2 会 watch 它。',
  'lessons.sessions.connect': 'c1 连接到 S3，请求 3000 ms 的会话超时。',
  'lessons.sessions.connect.prompt': '服务器会给出多长的会话超时？',
  'lessons.sessions.connect.explain':
    '4000 ms。服务器把超时限制在 [2, 20] × tickTime = [4000, 40000] ms 之间，所以 3000 变成 4000。',
  'lessons.sessions.ephemeral':
    'c1 用 -e 创建 /e/x：一个临时节点，归 c1 的会话所有（见其 stat 中的 ephemeralOwner）。它的寿命与会话完全相同。',
  'lessons.sessions.watches':
    'c2 对 /e/x 设置数据 watch（get -w），对 /e 设置子节点 watch（ls -w）。每个 watch 最多触发一次。',
  'lessons.sessions.silent': 'c1 在第 10.5 秒发出最后一个请求，然后断开连接，但没有关闭会话。',
  'lessons.sessions.silent.prompt': '领导者会在什么时候让 c1 的会话过期？',
  'lessons.sessions.silent.explain':
    '16 000 ms。领导者按 tickTime（2000 ms）把会话分桶：会话在“最后一次联系 + 超时”之后的第一个桶边界过期。10 500 + 4 000 = 14 500 → 于 16 000 结束的那个桶。',
  'lessons.sessions.expire': '领导者提议 closeSession。一旦提交，每台服务器都会删除 c1 的临时节点。',
  'lessons.sessions.expire.prompt': 'c2 会收到哪些事件？',
  'lessons.sessions.expire.choice.both': 'NodeDeleted /e/x 和 NodeChildrenChanged /e',
  'lessons.sessions.expire.choice.deleted': '只有 NodeDeleted /e/x',
  'lessons.sessions.expire.choice.none': '都没有：c2 连在另一台服务器上',
  'lessons.sessions.expire.explain':
    '两个都有。删除 /e/x 会触发 /e/x 上的数据 watch（NodeDeleted），以及其父节点 /e 上的子节点 watch（NodeChildrenChanged）。S1 在应用该事务时把它们发给 c2——每台服务器都会应用每个事务。',
  'lessons.sessions.fired': '两个 watch 都已触发——并且已经失效：再有变化也不会通知。',
  'lessons.sessions.return': 'c1 在第 20 秒回来，执行 ls /e。',
  'lessons.sessions.return.prompt': 'c1 的会话会变成什么状态？',
  'lessons.sessions.return.choice.expired': 'Expired（已过期）',
  'lessons.sessions.return.choice.connected': '重新连上（SyncConnected）',
  'lessons.sessions.return.choice.disconnected': '仍是 Disconnected',
  'lessons.sessions.return.explain':
    'Expired。会话已被集群关闭，无法恢复。zkCli 报告“Session expired”：应用必须新建会话，并重新创建它的临时节点。',
  'lessons.sessions.end': 'c2 的 stat /e 显示了这一点：numChildren 为 0，pzxid 等于那个 closeSession 事务。',

  // ---- 分享链接
  'link.error.malformed': '这不是一个有效的 ZAB 实验室链接，或者它已被改动。',
  'link.error.truncated': '这个链接不完整——很可能在复制时被截断了。',
  'link.error.future-version':
    '这个链接由更新版本的 ZAB 实验室生成（链接版本 {version}）。请刷新页面以获取最新版本。',
  'link.error.too-large': '这个链接太大，无法打开。',
  'link.error.invalid-scenario': '链接中的场景无效。',
  'link.error.invalid-actions': '链接中记录的操作无效。',
  'link.error.invalid-step': '链接中的步数无效。',

  // ---- 导入场景
  'link.import.empty': '文件是空的。',
  'link.import.too-large': '文件太大。',
  'link.import.invalid-scenario': '这个文件不是有效的场景：',
  'link.import.invalid-trace': '这个文件不是轨迹文件（JSON Lines：每行一个事件，每个都有 "t" 和 "ev"）：',
} satisfies Record<string, string>;
