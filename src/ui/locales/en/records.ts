// The event log over a long run: memory holds the recent trace lines; older ones are recomputed by
// replaying the run (src/sim/TraceLog.ts, src/sim/traceReplay.ts).
export default {
  'records.log.replaying': 'Recomputing older lines: replaying the run, {lines} of {need} lines…',
  'records.log.pending': 'line {index} — recomputing…',
  'records.log.filterFrom':
    'Older lines are no longer in memory: the filter covers lines from {first} on. Choose “all events” to scroll through every line.',
  'records.log.failed': 'These lines could not be recomputed: {error}',
} satisfies Record<string, string>;
