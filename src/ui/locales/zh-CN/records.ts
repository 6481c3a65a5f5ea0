// 长时间运行的事件日志：内存中只保留最近的追踪行，更早的行通过重放这次运行重新计算（src/sim/TraceLog.ts、src/sim/traceReplay.ts）。
export default {
  'records.log.replaying': '正在重新计算较早的行：重放这次运行，已得到 {lines} 行，共需 {need} 行…',
  'records.log.pending': '第 {index} 行——正在重新计算…',
  'records.log.filterFrom':
    '较早的行已不在内存中：筛选只覆盖第 {first} 行及之后的行。选择“全部事件”即可滚动浏览每一行。',
  'records.log.failed': '无法重新计算这些行：{error}',
} satisfies Record<string, string>;
