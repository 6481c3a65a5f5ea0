/**
 * The history of a run as a tree (Runway's model): a branch is a complete list of recorded user
 * actions (by step) and how far it has been played (its horizon). Acting at a past step starts a
 * new branch from there and keeps the old future as its own branch; the user can switch back. The
 * undo list returns to where the user was (a branch and a step) and takes back an action. Models
 * nothing in ZooKeeper: it is the engine's bookkeeping.
 */
import type { RecordedAction, UserAction } from '../sim/SimulationApi';

export interface Branch {
  readonly id: number;
  /** the branch it was started from (null: the first) */
  readonly parent: number | null;
  /** the step it was started at (0 for the first) */
  readonly forkStep: number;
  /** every action of this history, by step (those up to forkStep are the parent's) */
  recorded: RecordedAction[];
  /** the furthest step this branch has been played to */
  horizon: number;
}

/** A branch as the UI lists it. */
export interface BranchInfo {
  id: number;
  parent: number | null;
  forkStep: number;
  horizon: number;
  /** the action that started it (null for the first branch) */
  first: RecordedAction | null;
  actions: number;
}

/** Where the user is. */
export interface Position {
  branch: number;
  step: number;
}

type UndoEntry =
  | { kind: 'move'; to: Position }
  /** an action appended at the end of `branch` (it was the `index`-th) */
  | { kind: 'append'; branch: number; index: number; step: number }
  /** an action that started branch `created` from `from` at `step` */
  | { kind: 'fork'; from: number; created: number; step: number };

/** What undo() asks the engine to do: go to a position (the branch's actions may have changed). */
export interface UndoResult {
  to: Position;
  /** the branch's action list changed: the run must be rebuilt at `to` */
  rebuilt: boolean;
}

const MAX_UNDO = 200;

export class History {
  private readonly branches = new Map<number, Branch>();
  private nextId = 1;
  private undoList: UndoEntry[] = [];
  currentId: number;

  constructor(recorded: readonly RecordedAction[] = [], horizon = 0) {
    this.currentId = this.add(null, 0, sortByStep(recorded), horizon).id;
  }

  get current(): Branch {
    return this.branches.get(this.currentId)!;
  }

  branch(id: number): Branch | undefined {
    return this.branches.get(id);
  }

  get canUndo(): boolean {
    return this.undoList.length > 0;
  }

  list(): BranchInfo[] {
    return [...this.branches.values()].map((b) => ({
      id: b.id,
      parent: b.parent,
      forkStep: b.forkStep,
      horizon: b.horizon,
      first:
        b.parent === null
          ? null
          : (b.recorded.find((r) => r.step >= b.forkStep && !this.inherited(b, r)) ?? null),
      actions: b.recorded.length,
    }));
  }

  /** Whether `r` was inherited from b's parent (at or before its fork step). */
  private inherited(b: Branch, r: RecordedAction): boolean {
    const p = b.parent === null ? null : this.branches.get(b.parent);
    return p ? p.recorded.includes(r) : true;
  }

  /** The current branch has been played to `step`. */
  reached(step: number): void {
    const b = this.current;
    if (step > b.horizon) b.horizon = step;
  }

  /** True when acting at `step` on the current branch would change its future (so it forks). */
  wouldFork(step: number): boolean {
    const b = this.current;
    return b.horizon > step || b.recorded.some((r) => r.step > step);
  }

  /**
   * Records `action` done at `step` on the current branch. At a past step a new branch starts there
   * (the old one keeps its future); returns whether it did (the run must then be rebuilt without
   * the old future's actions).
   */
  act(step: number, action: UserAction): { forked: boolean; record: RecordedAction } {
    const record: RecordedAction = { step, action };
    const b = this.current;
    if (this.wouldFork(step)) {
      const kept = b.recorded.filter((r) => r.step <= step);
      const c = this.add(b.id, step, [...kept, record], step);
      this.push({ kind: 'fork', from: b.id, created: c.id, step });
      this.currentId = c.id;
      return { forked: true, record };
    }
    this.push({ kind: 'append', branch: b.id, index: b.recorded.length, step });
    b.recorded.push(record);
    b.horizon = Math.max(b.horizon, step);
    return { forked: false, record };
  }

  /**
   * Starts a new branch at `step` with no future (the current one keeps its own); false when the
   * current branch has no future there to keep.
   */
  forkHere(step: number): boolean {
    if (!this.wouldFork(step)) return false;
    const b = this.current;
    const c = this.add(
      b.id,
      step,
      b.recorded.filter((r) => r.step <= step),
      step,
    );
    this.push({ kind: 'fork', from: b.id, created: c.id, step });
    this.currentId = c.id;
    return true;
  }

  /** Remembers the position left by a jump (seek, branch switch), for undo. */
  moved(from: Position): void {
    const last = this.undoList[this.undoList.length - 1];
    if (last?.kind === 'move' && last.to.branch === from.branch && last.to.step === from.step) return;
    this.push({ kind: 'move', to: from });
  }

  /** Makes `id` the current branch; the step to show there (the same step, within its horizon). */
  switchTo(id: number, step: number): Position {
    const b = this.branches.get(id);
    if (!b) throw new Error(`no branch ${id}`);
    this.currentId = id;
    return { branch: id, step: Math.min(step, Math.max(b.horizon, ...b.recorded.map((r) => r.step))) };
  }

  /**
   * Takes back the last entry: returns where to go. An action taken back is removed from its branch;
   * if that branch went on after it, what followed is kept as a branch of its own.
   */
  undo(): UndoResult | null {
    const e = this.undoList.pop();
    if (!e) return null;
    switch (e.kind) {
      case 'move':
        if (!this.branches.has(e.to.branch)) return this.undo();
        this.currentId = e.to.branch;
        return { to: e.to, rebuilt: false };
      case 'fork': {
        const c = this.branches.get(e.created);
        // a branch that got nothing more than the action is dropped; one that went on is kept
        if (c && c.horizon <= e.step && c.recorded.every((r) => r.step <= e.step)) this.branches.delete(c.id);
        this.currentId = this.branches.has(e.from) ? e.from : this.currentId;
        return { to: { branch: this.currentId, step: e.step }, rebuilt: true };
      }
      case 'append': {
        const b = this.branches.get(e.branch);
        if (!b) return this.undo();
        const went = b.horizon > e.step || b.recorded.length > e.index + 1;
        if (went) this.add(b.id, e.step, b.recorded.slice(), b.horizon);
        b.recorded = b.recorded.slice(0, e.index);
        b.horizon = e.step;
        this.currentId = b.id;
        return { to: { branch: b.id, step: e.step }, rebuilt: true };
      }
    }
  }

  private add(parent: number | null, forkStep: number, recorded: RecordedAction[], horizon: number): Branch {
    const b: Branch = { id: this.nextId++, parent, forkStep, recorded, horizon };
    this.branches.set(b.id, b);
    return b;
  }

  private push(e: UndoEntry): void {
    this.undoList.push(e);
    if (this.undoList.length > MAX_UNDO) this.undoList.shift();
  }
}

function sortByStep(recorded: readonly RecordedAction[]): RecordedAction[] {
  return [...recorded].sort((a, b) => a.step - b.step);
}
