export default {
  // ---- pace (src/ui/PaceControl.tsx)
  'messages.pace': '节奏',
  'messages.pace.narrated': '讲解',
  'messages.pace.even': '匀速',
  'messages.pace.narrated.hint':
    '讲解节奏：在关键时刻放慢（投票改变、选出 Leader、决定同步方式、写入提交），心跳则快速掠过',
  'messages.pace.even.hint': '匀速：每个事件用时相同（即速度，每秒事件数）',
  'messages.chapterStops': '在章节处暂停',
  'messages.chapterStops.hint': '播放到本场景每一章的开头时停下；按“播放”继续',
  // ---- messages on the stage (MessageLayer, MessageInspector)
  'messages.aria': '{type}：从服务器 {from} 发往服务器 {to}，按 Enter 查看各字段',
  'messages.inspector.title': '消息 {type}',
  'messages.inspector.close': '关闭',
  'messages.inspector.route': '发送方 → 接收方',
  'messages.inspector.fromTo': 'S{from} → S{to}',
  'messages.inspector.vote': '投票',
  'messages.inspector.voteFor': '投给 S{sid}',
  'messages.inspector.voteZxid': '投票的 zxid',
  'messages.inspector.round': '轮次（electionEpoch）',
  'messages.inspector.peerEpoch': 'peerEpoch',
  'messages.inspector.senderState': '发送方状态',
  'messages.inspector.content': '内容',
  'messages.inspector.sent': '发出时间',
  'messages.inspector.ms': '{t} 毫秒',
  'messages.inspector.status': '到达',
  'messages.inspector.flying': '{t} 毫秒到达（已走 {pct}%）',
  'messages.inspector.arrived': '已于 {t} 毫秒到达',
  'messages.inspector.dropped': '已丢失：{reason}',
  'messages.inspector.unsent': '此时尚未发出',
  'messages.group.title': '{type} ×{n}',
  'messages.group.aria': '{n} 条 {type} 消息，按 Enter 列出',
  'messages.group.vote': '投给 S{sid}，zxid {zxid}',
  // ---- timers on the cards (TimerLayer)
  'messages.timer.finalizeWait': 'finalizeWait：{left}后作出决定',
  'messages.timer.finalizeWait.why':
    '已有法定人数与我的投票一致。若在 finalizeWait（{ms} 毫秒）内没有更好的投票到达，选举结束（FastLeaderElection.lookForLeader）',
  'messages.timer.backoff': '未收到投票：{left}后重发',
  'messages.timer.backoff.why':
    '通知退避：若在 notTimeout（{ms} 毫秒）内收不到任何通知，就重发投票，并把 notTimeout 加倍（最多 60 秒）',
  'messages.timer.readTimeout': '领导者无响应？{left}后放弃',
  'messages.timer.readTimeout.why':
    '学习者的读超时，{limit} × tickTime（{ticks} 个 tick）：这段时间内收不到领导者的任何消息，就离开它并重新选举',
  'messages.timer.quorumCheck': '{left}后检查法定人数',
  'messages.timer.quorumCheck.why':
    '领导者每个 tickTime 检查一次：是否有法定人数的跟随者在 syncLimit 个 tick 内回过 ACK；若没有，它就不再担任领导者',
  'messages.timer.leaderWait': '等待法定人数：还剩 {left}',
  'messages.timer.leaderWait.why':
    '新领导者最多等待 initLimit × tickTime（{ticks} 个 tick），等法定人数的跟随者连上、接受它的纪元并确认 NEWLEADER',
  'messages.timer.sessionExpiry': '{n} 个会话将在 {left}后过期',
  'messages.timer.sessionExpiry.why': '会话跟踪器的下一个过期桶：届时仍无消息的会话将过期，由领导者关闭',
  'messages.timer.reconnect': '{left}后再次连接领导者',
  'messages.timer.reconnect.why': '学习者没能连上领导者，稍后重试',
  'messages.timer.observerDelay': '{left}后寻找领导者',
  'messages.timer.observerDelay.why': '失去领导者的观察者先随机等待片刻，再寻找新的领导者',
  'messages.unit.ms': '{n} 毫秒',
  'messages.unit.s': '{n} 秒',
} satisfies Record<string, string>;
