/** Texts of the stage's performance and presenting fixes (namespace `perf`). */
export default {
  'perf.vio.logLine': 'Event log line {line}',
} satisfies Record<string, string>;
