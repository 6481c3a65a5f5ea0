/**
 * Checkpoints: the whole state of an in-page run (its Simulation, every server process, clients,
 * the invariant checker) copied at a step, so that going to any later step replays from the nearest
 * checkpoint instead of from step 0. Models nothing in ZooKeeper: it is the engine's bookkeeping.
 *
 * A checkpoint is a deep copy (deepClone) that shares what never changes: the scenario; the
 * trace — an append-only list, so a checkpoint keeps the list and its length, and a restored run
 * gets a copy of that prefix; every server's znodes (DataTree.shareNodes: a shared node is
 * frozen and never written again, a tree writes to a copy of its own), most of a big run's state;
 * and what zk/Sealed marks: the records sealed when made (txn records, client events, the command
 * log), the servers' znode pictures and the step records' buffers.
 * Processes are rebuilt through QuorumPeer's constructor (its election and sync hosts are
 * closures) and then filled with the original's data. Only a run whose servers live in this thread
 * (LocalPeerHost) can be checkpointed; a worker run is replayed in the page.
 */
import { LocalPeerHost } from '../sim/PeerHost';
import { Simulation } from '../sim/Simulation';
import type { RecordedAction } from '../sim/SimulationApi';
import { DataTree, isSharedNode } from '../zk/DataTree';
import { QuorumPeer } from '../zk/QuorumPeer';
import { Random } from '../zk/Random';
import { isSealed } from '../zk/Sealed';
import type { TraceEvent } from '../zk/trace';
import { deepClone, UncopyableError } from './deepClone';
import type { CloneOptions } from './deepClone';

export interface Checkpoint {
  /** the step the state is at (its actions of that step applied) */
  readonly step: number;
  /** the user actions the state has applied, in order (a checkpoint serves a branch that has the same) */
  readonly applied: readonly RecordedAction[];
  /** the copied Simulation: never stepped, only copied again */
  readonly state: Simulation;
  readonly trace: readonly TraceEvent[];
  readonly traceLength: number;
}

const REBUILD: CloneOptions['rebuild'] = new Map([
  [QuorumPeer.prototype, (o: object) => new QuorumPeer((o as QuorumPeer).cfg, new Random(0, 0))],
]);

const BEFORE: CloneOptions['before'] = new Map([
  [DataTree.prototype, (o: object) => (o as DataTree).shareNodes()],
]);

/** Simulation's replay cursor: private there; a restored copy continues with its branch's actions. */
interface ReplayCursor {
  replay: RecordedAction[];
  replayIdx: number;
  trace: TraceEvent[];
}

function cursor(sim: Simulation): ReplayCursor {
  const c = sim as unknown as ReplayCursor;
  if (!Array.isArray(c.replay) || typeof c.replayIdx !== 'number' || !Array.isArray(c.trace))
    throw new Error('checkpoint: Simulation no longer has the replay cursor and trace list it expects');
  return c;
}

function copySim(sim: Simulation): Simulation {
  const trace = sim.trace;
  const scenario = sim.scenario;
  return deepClone(sim, {
    keep: (v) => v === trace || v === scenario || isSharedNode(v) || isSealed(v),
    rebuild: REBUILD,
    before: BEFORE,
  });
}

/** Whether `sim` can be checkpointed (its processes run in this thread). */
export function checkpointable(sim: Simulation): boolean {
  return sim.host instanceof LocalPeerHost;
}

/**
 * A checkpoint of `sim` now, or null when its state cannot be copied at this step (something in it
 * is not data: a generator, a promise): the caller tries again a step later. A client's zkCli
 * command in progress is data (ClientCnxn keeps the command and its replies), so it is copied.
 */
export function takeCheckpoint(sim: Simulation): Checkpoint | null {
  if (!checkpointable(sim)) throw new Error('checkpoint: only a run in this page can be copied');
  let state: Simulation;
  try {
    state = copySim(sim);
  } catch (e) {
    if (e instanceof UncopyableError) return null;
    throw e;
  }
  return {
    step: sim.stepCount,
    applied: [...sim.recorded],
    state,
    trace: sim.trace,
    traceLength: sim.trace.length,
  };
}

/**
 * A run at the checkpoint's step that goes on with `recorded` (a branch's actions, by step): those
 * up to the step must be the ones the checkpoint applied (see serves()).
 */
export function restoreCheckpoint(cp: Checkpoint, recorded: readonly RecordedAction[]): Simulation {
  return resume(copySim(cp.state), cp, recorded);
}

/**
 * A copy of the checkpoint's state made ahead of time (a spare), for a later restore that must not
 * wait for the copy: restoreSpare hands it over.
 */
export function spareOf(cp: Checkpoint): Simulation {
  const sim = copySim(cp.state);
  // its step records too: a spare is restored straight after playing, when a step back must be quick
  sim.records.ownBuffers();
  return sim;
}

/** restoreCheckpoint with a spare made earlier by spareOf(cp): nothing is copied now. */
export function restoreSpare(
  cp: Checkpoint,
  spare: Simulation,
  recorded: readonly RecordedAction[],
): Simulation {
  return resume(spare, cp, recorded);
}

/**
 * restoreCheckpoint without the copy: the checkpoint's own state becomes the run, so the checkpoint
 * must never be used again (Checkpoints hands a kept step over this way, at no cost).
 */
export function adoptCheckpoint(cp: Checkpoint, recorded: readonly RecordedAction[]): Simulation {
  return resume(cp.state, cp, recorded);
}

function resume(sim: Simulation, cp: Checkpoint, recorded: readonly RecordedAction[]): Simulation {
  const c = cursor(sim);
  c.trace = cp.trace.slice(0, cp.traceLength);
  const sorted = [...recorded].sort((a, b) => a.step - b.step);
  c.replay = sorted;
  c.replayIdx = sorted.filter((r) => r.step <= cp.step).length;
  return sim;
}

/** Whether `cp` is a state of the branch whose actions are `recorded` (same actions up to its step). */
export function serves(cp: Checkpoint, recorded: readonly RecordedAction[]): boolean {
  const mine = recorded.filter((r) => r.step <= cp.step);
  if (mine.length !== cp.applied.length) return false;
  // the branch's list is by step; the run applied them in the same order
  const sorted = [...mine].sort((a, b) => a.step - b.step);
  return sorted.every((r, i) => sameAction(r, cp.applied[i]));
}

function sameAction(a: RecordedAction, b: RecordedAction): boolean {
  return a === b || (a.step === b.step && JSON.stringify(a.action) === JSON.stringify(b.action));
}
