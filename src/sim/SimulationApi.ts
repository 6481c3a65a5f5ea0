/**
 * The surface of a running simulation that hosts (UI store, CLI, tests, the worker runtime)
 * program against. `Simulation` (in-process) implements it.
 */
import type { TraceEvent } from '../zk/trace';
import type { SimView } from '../zk/view';
import type { StepRecordsView } from './StepRecords';

/** Something a user (or a scenario) does to the ensemble at the current moment. */
export type UserAction =
  | { start: number[] }
  | { crash: number[] }
  | { restart: number[] }
  | { partition: number[][] }
  | { heal: true }
  /** cut or restore one link (both directions) */
  | { cut: [number, number] }
  | { uncut: [number, number] }
  /** drop the next message sent from → to */
  | { drop: { from: number; to: number } }
  | { latency: { ms: [number, number] } }
  | {
      client: {
        id: string;
        server?: number;
        cmd: string;
        sessionTimeoutMs?: number;
        canBeReadOnly?: boolean;
      };
    }
  /** fault injection: crash `sid` right after it next processes a packet of type `after`
   *  (e.g. NEWLEADER: "between its NEWLEADER handling and its log flush", zk-reference §8.2) */
  | { crashOn: { sid: number; after: string } }
  /** the operator stops `sid` (if it runs) and deletes its dataDir; a restart rejoins empty */
  | { wipe: { sid: number } }
  /** a bad disk: one bit of `sid`'s stored txn `zxid` ("0x…") flips; its checksum does not */
  | { corrupt: { sid: number; zxid: string } }
  /** the operator runs `zkCleanup.sh -n count` on `sid`'s dataDir (PurgeTxnLog; count ≥ 3) */
  | { purge: { sid: number; count?: number } };

/** A user action pinned to the step after which it happened: the run stays a replayable history. */
export interface RecordedAction {
  step: number;
  action: UserAction;
}

export interface SimulationApi {
  /** virtual ms now */
  readonly now: number;
  /** events processed so far */
  readonly stepCount: number;
  /** processes the next event; false when nothing is left to do before `until` */
  step(): boolean;
  /** runs every event with time ≤ t */
  runUntil(t: number): void;
  /** runs to the end of the scenario (`until`) */
  runToEnd(): void;
  /** does something now; recorded so that replay reproduces it */
  act(action: UserAction): void;
  readonly recorded: readonly RecordedAction[];
  readonly trace: readonly TraceEvent[];
  /** per step: its trace lines, what it delivered and dropped; the send of every message id */
  readonly records: StepRecordsView;
  view(): SimView;
}
