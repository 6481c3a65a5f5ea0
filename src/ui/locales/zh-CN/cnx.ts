/** 选举连接（QuorumCnxManager）：轨迹叙述、舞台上的通道图层。 */
export default {
  // ---- the event log's kind filter names every trace kind as panels.kind.<ev> (EventLogPanel)
  'panels.kind.cnx': '选举连接',
  // ---- trace narration (src/ui/panels/narration.ts)
  'cnx.narr.dial': 'S{sid} 向 S{peer} 的选举端口发起连接',
  'cnx.narr.up': 'S{sid} 保留与 S{peer} 的选举连接：发送线程和接收线程启动',
  'cnx.narr.discard': 'S{peer} 发来的通知到达 S{sid} 时，这条连接已被 S{sid} 关闭：通知丢失',
  'cnx.narr.down.lowerSid': 'S{sid} 的 id 较小，于是关闭自己向 S{peer} 发起的连接，等待 S{peer} 回拨',
  'cnx.narr.down.dialBack': 'S{sid} 关闭 S{peer} 发起的连接（S{peer} 的 id 较小），并回拨给 S{peer}',
  'cnx.narr.down.replaced': 'S{sid} 与 S{peer} 的旧选举连接被新连接取代',
  'cnx.narr.down.closedByPeer': 'S{sid} 与 S{peer} 的选举连接被 S{peer} 关闭',
  'cnx.narr.down.broken': 'S{sid} 与 S{peer} 的选举连接已断开（其上有消息丢失）；下一条通知会重新拨号',
  // ---- the stage's election-connection layer (src/ui/stage/CnxLayer.tsx, CnxToggle.tsx)
  'cnx.toggle': '连接',
  'cnx.toggle.title': '显示服务器之间的选举连接（QuorumCnxManager）：谁发起、是否连通、发送队列中等待的选票',
  'cnx.pair.title': '选举连接 S{a}–S{b}：{state}',
  'cnx.state.up': '已连通，由 S{initiator} 发起',
  'cnx.state.half': '建立中：S{initiator} 已拨号，另一端尚未保留',
  'cnx.state.down': '无连接',
  'cnx.queued.title': 'S{sid} 把发给 S{peer} 的选票留在发送队列中，直到连接建立',
  'cnx.dialBack': 'S{lower} 的拨号被丢弃（id 较小）→ S{higher} 回拨',
  'cnx.dialBack.drop': '✕ S{lower} 的拨号被丢弃',
  'cnx.dialBack.back': '↩ S{higher} 回拨',
  'cnx.legend.title': '选举连接',
  'cnx.legend.up': '已连通（● 发起连接的一方）',
  'cnx.legend.half': '仅一端保留（建立或关闭中）',
  'cnx.legend.queued': '选票在发送队列中等待',
  // ---- the message inspector's channel row (src/ui/stage/CnxChannelRow.tsx)
  'cnx.inspector.channel': '选举连接',
  'cnx.inspector.both': '#{conn}，由 S{initiator} 发起；两端都保留',
  'cnx.inspector.sender': '#{conn}，由 S{initiator} 发起；S{to} 尚未（或不再）保留',
  'cnx.inspector.receiver': '#{conn}，由 S{initiator} 发起；S{from} 已关闭自己这一端',
  'cnx.inspector.lowerDial':
    '#{conn}，由 S{from} 发起；它的 id 较小，已自行关闭：S{to} 收到后也会关闭它，并回拨 S{from}',
  'cnx.inspector.none': '#{conn}：两端都已不再保留；其上的通知会丢失（S{from} 会在下一条连接上重发最后一条）',
  'cnx.menu.show': '显示选举连接',
  'cnx.menu.hide': '隐藏选举连接',
} satisfies Record<string, string>;
