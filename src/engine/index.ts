/**
 * The engine between the UI and the servers (React-free): runs in the page or on Web Workers
 * behind one interface, a controller that owns the history tree, the job queue and the one lease,
 * checkpoints, and the player. See Controller.ts.
 */
export { Controller } from './Controller';
export type { Frame, RunFactory, ControllerOptions, ReplayProgress } from './Controller';
export { Player, nextStopAfter, FAST_SPEED, FRAME_BUDGET_MS } from './Player';
export type { FrameScheduler, PlayerOptions } from './Player';
export { PageRun } from './Run';
export type { Run, RunKind, Advanced, Clock, MaybePromise } from './Run';
export { WorkerRun } from './WorkerRun';
export type { BranchInfo, Position } from './History';
export type { DroppedMessage } from './messages';
export { messagesOf, sentMessage } from './messages';
export { DEFAULT_POLICY } from './Checkpoints';
export type { CheckpointPolicy } from './Checkpoints';
// the UI runs no model code itself: the lines a bounded trace no longer holds are replayed here
export { replayTraceLines } from '../sim/traceReplay';
export type { TraceReplayProgress } from '../sim/traceReplay';
