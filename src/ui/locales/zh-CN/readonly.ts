export default {
  // ---- 舞台上的只读模式（src/ui/stage/ServerCard.tsx、ClientLayer.tsx）
  'readonly.badge': '只读',
  'readonly.badge.title':
    'S{sid} 正在运行 ReadOnlyZooKeeperServer（readonlymode.enabled）：它与多数派断开，用自己的数据为以 canBeReadOnly（zkCli -r）创建的客户端提供读服务，对所有写请求回答 NOTREADONLY。',
  'readonly.client.state': '只读连接',
  'readonly.client.title': '状态 CONNECTEDREADONLY：连接在只读服务器上',
  // ---- zkCli 控制台中对客户端状态的说明（src/ui/panels/ConsolePanel.tsx）
  'readonly.console.connecting':
    '服务器 {sid} 处于只读模式：若开启了 localSessionsEnabled，它会立即为这个 -r 客户端创建本地会话，无需多数派；若未开启，它回答 NOTREADONLY，客户端转而尝试下一台服务器',
  'readonly.console.refused':
    '服务器 {sid} 处于只读模式，而这个客户端启动时没带 -r：服务器拒绝连接（"Refusing session request for not-read-only client"），客户端会不断重试',
  'readonly.console.connected':
    '服务器 {sid} 上的只读会话：读请求由它自己的数据回答，写请求被拒绝（NOTREADONLY）',
  // ---- 事件日志（src/ui/panels/narration.ts）
  'panels.kind.readonly': '只读服务器',
  'panels.kind.pingRw': '寻找读写服务器',
  'readonly.narr.start':
    'S{sid} 已处于 LOOKING 超过宽限期（max(2 秒, tickTime)）：它用自己的数据启动只读服务器',
  'readonly.narr.shutdown': 'S{sid} 离开 LOOKING：只读服务器关闭，并断开所有客户端连接',
  'readonly.narr.refuse': 'S{sid}（只读）关闭了 {client} 的连接：{reason}',
  'readonly.narr.refuseCreateSession':
    'S{sid}（只读）没有给 {client} 会话：未开启 localSessionsEnabled 时新会话是全局会话，只读服务器无法创建，于是它对 createSession 回答 NOTREADONLY，而不是 ConnectResponse；客户端无法把它当作连接应答读取，便关闭连接，转而尝试下一台服务器',
  'readonly.narr.pingRw': '{client} 向 server{server} 发送 "isro"：{answer}（{next} 毫秒后再探测）',
  'readonly.narr.pingRwRefused': '{client} 向 server{server} 发送 "isro"：连接被拒绝（{next} 毫秒后再探测）',
  // ---- readonly-partition 预设（src/presets/readonly-partition.json）
  'presets.readonly-partition.title': '只读模式：与多数派断开的服务器照常提供读、拒绝写，随后重新加入',
  'presets.readonly-partition.watch':
    '所有服务器都以 readonlymode.enabled=true 和 localSessionsEnabled=true 运行：只读服务器只能发放本地会话，不开启后者，它会对每个新客户端回答 NOTREADONLY。网络分区把 leader S3 与 S1、S2 隔开，S1 和 S2 选出 S2。S3 放弃领导，进入 LOOKING；在宽限期 max(2 秒, tickTime) 之后仍在 LOOKING，于是它用自己的数据启动 ReadOnlyZooKeeperServer。客户端 r1 是连到 server3 的 zkCli -r（canBeReadOnly）：它以 CONNECTEDREADONLY 状态连上，拿到一个本地会话。它的 get /config 读到 v1——即使 c1 已经通过 S1 把它改成 v2，仍然读到 v1：只读服务器看不到分区另一侧的写入。它的 set 被拒绝："Not a read-only call: /config"。没带 -r 启动的 r2 被拒之门外（"Refusing session request for not-read-only client"）。处于只读状态时，r1 以逐渐拉长的间隔向服务器发送 "isro"，寻找可读写的服务器。分区恢复后，S3 作为 follower 加入 S2：它的只读服务器关闭并断开 r1 的连接，r1 重新连上已可读写的 S3——SyncConnected，而且是新会话，因为它从未见过可读写的服务器——并读到 v2。',
  'presets.readonly-partition.chapter.before': '分区之前',
  'presets.readonly-partition.chapter.readonly': 'S3 以只读方式服务',
  'presets.readonly-partition.chapter.heal': '分区恢复',
  'cues.readonly-partition.cut': '网络分区把 leader S3 与 S1、S2 隔开。',
  'cues.readonly-partition.looking':
    'S3 失去多数派，进入 LOOKING。因为开启了 readonlymode.enabled，QuorumPeer 启动一个计时器：max(2 秒, tickTime)。',
  'cues.readonly-partition.readonly':
    '宽限期过后仍在 LOOKING：S3 用自己的数据库启动只读服务器。它的卡片上标着“只读”。',
  'cues.readonly-partition.connected':
    'r1（zkCli -r）连上 S3：ConnectResponse 标明 readOnly，所以它的状态是 CONNECTEDREADONLY，会话只存在于 S3 本地。',
  'cues.readonly-partition.stale':
    'c1 已通过 S1 把 /config 改成 v2，但 r1 读到的仍是 v1：只读服务器看不到另一侧的变化。',
  'cues.readonly-partition.write':
    'r1 尝试写入：ReadOnlyRequestProcessor 回答 NOTREADONLY，zkCli 打印 "Not a read-only call: /config"。',
  'cues.readonly-partition.notro':
    'r2 启动时没带 -r：S3 关闭它的连接（"Refusing session request for not-read-only client"），r2 不断重试。',
  'cues.readonly-partition.rejoin':
    '分区恢复后 S3 找到 leader S2：离开 LOOKING 会关闭只读服务器，并断开它的客户端连接。',
  'cues.readonly-partition.rw':
    'r1 重新连上已成为 follower 的 S3：SyncConnected，而且是新会话（它从未见过可读写的服务器）。',
} satisfies Record<string, string>;
