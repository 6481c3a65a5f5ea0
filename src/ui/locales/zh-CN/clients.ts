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
  'clients.pill.hosts': '连接串（按 StaticHostProvider 的尝试顺序）：{list}',
  'clients.pill.lastZxid': '最后见过的 zxid：{zxid}',
};
