/**
 * The worker implementation of Run: each server a Web Worker with its dataDir in IndexedDB (the
 * browser runtime's EnsembleRun). Rebuilding a step replays it in this page (the run's host is in
 * local mode, stepped synchronously); going on from there hands it to the workers first.
 */
import type { EnsembleRun } from '../runtime/runtime';
import type { Simulation } from '../sim/Simulation';
import type { UserAction } from '../sim/SimulationApi';
import type { SimView } from '../zk/view';
import type { Advanced, Run } from './Run';

export class WorkerRun implements Run {
  readonly sync = false;

  constructor(readonly ensemble: EnsembleRun) {}

  get sim(): Simulation {
    return this.ensemble.sim;
  }

  get live(): boolean {
    return this.ensemble.live;
  }

  advance(n: number, budgetMs: number): Promise<Advanced> {
    return this.ensemble.advance(n, budgetMs);
  }

  act(action: UserAction): Promise<void> {
    return this.ensemble.act(action);
  }

  frame(): Promise<SimView> {
    return this.ensemble.view();
  }

  close(): void {
    this.ensemble.abandon();
  }
}
