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
} satisfies Record<string, string>;
