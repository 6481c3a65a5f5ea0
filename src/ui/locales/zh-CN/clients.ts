export default {
  // ---- the event log's filter name of the `refuse` trace kind (the panels.kind.* family)
  'panels.kind.refuse': '拒绝客户端',
  // ---- 事件日志中的拒绝连接（src/ui/panels/narration.ts）
  'clients.narr.refuse':
    'S{sid} 拒绝客户端 {client}：它已见过 zxid {seen}，而 S{sid} 只到 {ours}。客户端必须换一台服务器。',
  // ---- 舞台上的客户端（src/ui/stage/ClientLayer.tsx）
  'clients.pill.refused': '✕ S{sid}：{seen} > {ours}',
  'clients.pill.refusedTitle':
    'S{sid} 拒绝了这个客户端：客户端已见过 zxid {seen}，而 S{sid} 只应用到 {ours}。若在那里连接，客户端会读到比它已见过的更旧的数据，所以服务器关闭连接，客户端改试列表中的下一台服务器。',
  'clients.console.hosts': '连接串（按尝试顺序）：{list}',
  // ---- client-failover 预设（src/presets/client-failover.json）
  'presets.client-failover.title': '客户端故障转移：会话不变、临时节点保留；落后的服务器拒绝它',
  'presets.client-failover.watch':
    '客户端 c1 用包含三台服务器的连接串 "server1:2181,server2:2181,server3:2181" 连接。StaticHostProvider 把它打乱（这里是 S2、S1、S3），c1 在 S2 上建立会话，并创建临时节点 /owner。S1 与 leader 断开了，但它还不知道：它仍在服务，树停在 0x100000002。c1 通过 S2 写入 /config（0x100000003）。随后 S2 崩溃。c1 看到 Disconnected，转向列表中的下一台服务器 S1，并带上会话 id 和它见过的最后一个 zxid。S1 拒绝了它："Refusing session request … as it has seen zxid 0x100000003 our last zxid is 0x100000002 client must try another server"——若在那里连接，c1 会读到比它已见过的更旧的数据。c1 改试 S3，一秒内就恢复连接，会话 id 不变，所以 /owner 从未被删除：leader 只会让在整个超时时间内都沉默的会话过期。',
  'presets.client-failover.chapter.session': 'S2 上的会话',
  'presets.client-failover.chapter.failover': 'S2 崩溃：故障转移',
  'presets.client-failover.chapter.kept': '会话和 /owner 都还在',
  'cues.client-failover.connect': 'c1 的连接串里有三台服务器。打乱后的顺序是 S2、S1、S3：会话从 S2 开始。',
  'cues.client-failover.ephemeral': 'c1 创建临时节点 /owner（0x100000002），它与会话同生共死。',
  'cues.client-failover.cut':
    'S1 与其他服务器断开。它要过 syncLimit·tickTime 才会察觉；在此之前它仍为客户端服务。',
  'cues.client-failover.write':
    'c1 写入 /config：0x100000003，由 S2–S5 提交。c1 已见过 0x100000003；S1 从未收到它。',
  'cues.client-failover.crash': 'c1 所连的 S2 崩溃。c1 看到 Disconnected，改试列表中的下一台：S1。',
  'cues.client-failover.refused':
    'S1 拒绝 c1：c1 已见过 0x100000003，S1 只有 0x100000002。客户端绝不能回到过去，所以必须换一台服务器。',
  'cues.client-failover.reconnected': 'c1 以同一个会话 id 连上 S3，远在 10 秒超时之内：SyncConnected。',
  'cues.client-failover.kept': 'stat /owner：ephemeralOwner 仍是 c1 的会话。临时节点从未消失。',
};
