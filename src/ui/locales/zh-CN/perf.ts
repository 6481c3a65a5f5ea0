/** 舞台性能与讲课显示修正的文字（命名空间 `perf`）。 */
export default {
  'perf.vio.logLine': '事件日志第 {line} 行',
} satisfies Record<string, string>;
