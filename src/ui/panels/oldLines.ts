/**
 * Trace lines a bounded trace (src/sim/TraceLog.ts) no longer holds, recomputed for the Event log
 * by replaying the run (src/sim/traceReplay.ts) in slices of at most ~12 ms that yield to the
 * browser, so the page answers while it works (never a task near 200 ms). Only the range asked
 * for (the rows on screen, with a margin) is kept.
 */
import { useEffect, useState } from 'react';
import type { Scenario } from '../../sim/Scenario';
import type { RecordedAction } from '../../sim/SimulationApi';
import { replayTraceLines } from '../../engine';
import type { TraceEvent } from '../../zk/trace';

/** rows recomputed around the ones asked for, so that scrolling a little needs no new replay */
const MARGIN = 300;
const SLICE_MS = 12;
const STEPS_PER_CALL = 200;

export interface OldLines {
  /** line `i` if it has been recomputed */
  get(i: number): TraceEvent | undefined;
  /** a replay in progress: lines written so far of those needed */
  progress: { lines: number; need: number } | null;
  error: string | null;
}

interface Cache {
  key: object;
  from: number;
  lines: TraceEvent[];
}

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Lines [want[0], want[1]) of the run (scenario, recorded) whose trace is `key` (any object that
 * changes when the run does, e.g. its trace), all of them below `held` (the oldest line in memory).
 */
export function useOldLines(
  key: object,
  scenario: Scenario,
  recorded: readonly RecordedAction[],
  want: readonly [number, number] | null,
  held: number,
): OldLines {
  const [cache, setCache] = useState<Cache | null>(null);
  const [progress, setProgress] = useState<{ lines: number; need: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const covered =
    want === null ||
    (cache !== null &&
      cache.key === key &&
      cache.from <= want[0] &&
      cache.from + cache.lines.length >= want[1]);
  const from = want ? Math.max(0, want[0] - MARGIN) : 0;
  const to = want ? Math.min(held, want[1] + MARGIN) : 0;

  useEffect(() => {
    if (covered || to <= from) return;
    let cancelled = false;
    void (async () => {
      try {
        const g = replayTraceLines(scenario, recorded, from, to, STEPS_PER_CALL);
        for (;;) {
          const t0 = performance.now();
          let r = g.next();
          while (!r.done && performance.now() - t0 < SLICE_MS) r = g.next();
          if (cancelled) return;
          if (r.done) {
            setCache({ key, from, lines: r.value });
            setProgress(null);
            setError(null);
            return;
          }
          setProgress({ lines: r.value.lines, need: to });
          setError(null);
          await yieldToBrowser();
          if (cancelled) return;
        }
      } catch (e) {
        if (!cancelled) {
          setProgress(null);
          setError(e instanceof Error ? e.message : String(e));
        }
      }
    })();
    return () => {
      cancelled = true;
    };
    // a new range or run starts a new replay; the one before is abandoned
  }, [covered, key, scenario, recorded, from, to]);

  return {
    get: (i) => (cache && cache.key === key ? cache.lines[i - cache.from] : undefined),
    progress,
    error,
  };
}
