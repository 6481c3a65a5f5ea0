/**
 * The simulation's wall clock — stands in for System.currentTimeMillis / Time.currentElapsedTime.
 *
 * The core only ever sees virtual milliseconds since the run started. Where ZooKeeper shows a real
 * clock (session ids, the ctime/mtime zkCli prints) we add this fixed base, so that every run
 * prints the same dates: virtual 0 is Sat Nov 21 21:52:00 UTC 2026.
 */

/** Date.UTC(2026, 10, 21, 21, 52, 0), as a literal so the core never calls Date. */
export const SIM_EPOCH_MS = 1_795_297_920_000;

/** Wall-clock ms (since 1970) of a virtual time. */
export function wallClockMs(virtualMs: number): number {
  return SIM_EPOCH_MS + virtualMs;
}
