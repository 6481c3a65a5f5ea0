/**
 * A run: the servers of one history, stepped by the page's Simulation (the deterministic scheduler).
 * Two implementations behind one interface — servers in this page (PageRun) or in Web Workers with
 * IndexedDB (WorkerRun) — so each engine command has one code path whatever the runtime. A page
 * run answers synchronously; a worker run with promises.
 */
import type { Simulation } from '../sim/Simulation';
import type { UserAction } from '../sim/SimulationApi';
import type { TraceEvent } from '../zk/trace';
import type { SimView } from '../zk/view';

export type RunKind = 'page' | 'workers+indexeddb' | 'in-memory';
export type MaybePromise<T> = T | Promise<T>;

/** The outcome of advance(). */
export interface Advanced {
  ran: number;
  finished: boolean;
  /** the trace events of the last step that ran */
  lastEvents: TraceEvent[];
}

/** Wall time, injected so that budgets and playback are testable. */
export interface Clock {
  now(): number;
}

export interface Run {
  /** the scheduler: its trace, recorded actions and step count are the run's */
  readonly sim: Simulation;
  /** true when it answers synchronously (servers in this page) */
  readonly sync: boolean;
  /** the servers hold the current step (false: it was replayed in this page; handed over when it goes on) */
  readonly live: boolean;
  /**
   * Up to `n` steps, stopping after `budgetMs` of wall time, or when `more` (asked after each step,
   * with its events; page runs only) says so.
   */
  advance(
    n: number,
    budgetMs: number,
    more?: (events: readonly TraceEvent[]) => boolean,
  ): MaybePromise<Advanced>;
  /** does something to the ensemble between two steps */
  act(action: UserAction): MaybePromise<void>;
  /** the picture at the current step */
  frame(): MaybePromise<SimView>;
  /** replaced by another run: stops at once and writes nothing more */
  close(): void;
}

/** Steps `sim` once, with the events that step produced. */
export function stepOnce(sim: Simulation): { ok: boolean; events: TraceEvent[] } {
  const from = sim.trace.length;
  const ok = sim.step();
  return { ok, events: sim.trace.slice(from) };
}

/** The servers in this page: a Simulation over in-thread QuorumPeers. */
export class PageRun implements Run {
  readonly sync = true;
  readonly live = true;

  constructor(
    readonly sim: Simulation,
    private readonly clock: Clock,
    /** called after every step (the engine takes its checkpoints there) */
    private readonly afterStep?: (sim: Simulation) => void,
  ) {}

  advance(n: number, budgetMs: number, more?: (events: readonly TraceEvent[]) => boolean): Advanced {
    const start = this.clock.now();
    let lastEvents: TraceEvent[] = [];
    let ran = 0;
    let finished = false;
    while (ran < n) {
      const r = stepOnce(this.sim);
      if (!r.ok) {
        finished = true;
        break;
      }
      this.afterStep?.(this.sim);
      lastEvents = r.events;
      ran++;
      if (more && !more(r.events)) break;
      if (this.clock.now() - start > budgetMs) break;
    }
    return { ran, finished, lastEvents };
  }

  act(action: UserAction): void {
    this.sim.act(action);
  }

  frame(): SimView {
    return this.sim.view();
  }

  close(): void {
    // nothing runs elsewhere
  }
}
