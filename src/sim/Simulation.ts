/**
 * Simulation — the deterministic harness around a whole ensemble: virtual time, one seeded PRNG
 * per purpose, a network of per-link FIFO channels with seeded latency, drops, partitions and
 * heal, process crashes and restarts over durable stores, clients, the trace and the invariant
 * checker. The seed and the recorded user actions are the whole reproduction of a run.
 *
 * One event popped from the queue is one step. Events that turned out to be void (a timer that was
 * re-armed, an event for a process that died) are skipped and do not count as steps.
 */
import { seal } from '../zk/Sealed';
import type { QuorumPeer } from '../zk/QuorumPeer';
import type { PeerConfig } from '../zk/QuorumPeer';
import type {
  ClientId,
  ClientToServer,
  PeerEffect,
  PeerInput,
  PeerTimer,
  ServerToClient,
} from '../zk/PeerIO';
import { messageType } from '../zk/QuorumPacket';
import type { ServerMessage } from '../zk/QuorumPacket';
import { notificationView } from '../zk/FastLeaderElection';
import { InMemoryDurableStore } from '../zk/persistence/FileTxnSnapLog';
import type { StorageOp } from '../zk/persistence/FileTxnSnapLog';
import {
  DEFAULT_SNAP_RETAIN_COUNT,
  planPurge,
  purgedFileNames,
  purgedTxns,
} from '../zk/persistence/PurgeTxnLog';
import { zxidRanges, zxidToHex } from '../zk/Zxid';
import type { Sid } from '../zk/Zxid';
import type { TraceEvent } from '../zk/trace';
import { EventQueue } from './EventQueue';
import { Random } from '../zk/Random';
import { ClientCnxn } from './ClientCnxn';
import type { ClientCommandResult, ClientEffect } from './ClientCnxn';
import { InvariantChecker } from './InvariantChecker';
import type { Violation } from './InvariantChecker';
import type { Scenario, ScenarioAction } from './Scenario';
import type { RecordedAction, SimulationApi, UserAction } from './SimulationApi';
import type { MessageView, ServerView, SimView } from '../zk/view';
import { describeMessage } from './describe';
import { LocalPeerHost } from './PeerHost';
import { StepRecords } from './StepRecords';
import { TraceLog } from './TraceLog';
import type { TraceLogOptions } from './TraceLog';
import type { PeerHost } from './PeerHost';

type SimEvent =
  | { k: 'action'; action: ScenarioAction }
  | { k: 'boot'; sid: Sid; inc: number }
  | {
      k: 'deliver';
      id: number;
      from: Sid;
      to: Sid;
      toInc: number;
      msg: ServerMessage;
      /** delivered only once the sender's batches up to this mark are on disk (PeerHost.durableMark) */
      hold?: number;
    }
  | { k: 'peer'; sid: Sid; inc: number; input: PeerInput }
  | { k: 'flush'; sid: Sid; inc: number; token: number; ops: StorageOp[] }
  | { k: 'toServer'; client: ClientId; sid: Sid; inc: number; msg: ClientToServer }
  | { k: 'toClient'; client: ClientId; server: Sid; msg: ServerToClient; hold?: number }
  | { k: 'clientTimer'; client: ClientId; gen: number };

interface ServerSlot {
  sid: Sid;
  observer: boolean;
  store: InMemoryDurableStore;
  /** a process exists in the host (booted, not crashed) */
  peer: boolean;
  /** process incarnation; bumped at every crash so that in-flight work for the dead process is void */
  inc: number;
  /** started (or restarted) and not crashed; the process may still be booting */
  up: boolean;
  booted: boolean;
  timers: Map<PeerTimer, number>;
  crashOn: string | null;
}

export interface SimulationOptions {
  /** run the invariant checker after every event (default true) */
  check?: boolean;
  /** where the server processes run (default: in this thread) */
  host?: PeerHost;
  /** hold the trace in a bounded TraceLog (default: every line in a plain array, as the CLI needs) */
  trace?: TraceLogOptions;
}

/** A call into a server process that the driver (sync or async) must make. */
interface PeerCall {
  sid: Sid;
  input: PeerInput;
}

export class Simulation implements SimulationApi {
  readonly scenario: Scenario;
  now = 0;
  stepCount = 0;
  /** every line (a plain array), or with `opts.trace` the recent ones (TraceLog.array) */
  readonly trace: TraceEvent[];
  /** the bounded log behind `trace`, or null */
  readonly traceLog: TraceLog | null;
  /** which step wrote which trace lines, what each step delivered and dropped, sends by id */
  readonly records = new StepRecords();
  readonly recorded: RecordedAction[] = [];
  private readonly replay: RecordedAction[];
  private replayIdx = 0;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly servers = new Map<Sid, ServerSlot>();
  private readonly clients = new Map<ClientId, ClientCnxn>();
  private readonly clientOrder: ClientId[] = [];
  /** (client, index into its results) of every command, in issue order */
  private readonly commandLog: [ClientId, number][] = [];
  private readonly clientTimerGen = new Map<ClientId, number>();
  private readonly netRng: Random;
  private readonly bootRng: Random;
  private readonly diskRng: Random;
  private latency: [number, number];
  private readonly cut = new Set<string>();
  private readonly dropNext = new Set<string>();
  private readonly deadConns = new Set<number>();
  private readonly lastDelivery = new Map<string, number>();
  /** messages on the wire; their MessageView (with a label) is built only when a view is asked for */
  private readonly inflight = new Map<number, InFlight>();
  private msgId = 0;
  /** stepsAsync: calls sent ahead to a process (one message per process per instant), by the
   *  events that will make them, in order */
  private readonly prefetched = new Map<Sid, SimEvent[]>();
  readonly checker: InvariantChecker | null;
  private readonly voters: Sid[];
  private readonly observers: Sid[];
  readonly host: PeerHost;

  constructor(scenario: Scenario, recorded: readonly RecordedAction[] = [], opts: SimulationOptions = {}) {
    this.scenario = scenario;
    this.traceLog = opts.trace ? new TraceLog(opts.trace) : null;
    this.trace = this.traceLog ? this.traceLog.array : [];
    this.host = opts.host ?? new LocalPeerHost();
    this.replay = [...recorded].sort((a, b) => a.step - b.step);
    const { voters, observers } = scenario.ensemble;
    this.voters = Array.from({ length: voters }, (_, i) => i + 1);
    this.observers = Array.from({ length: observers }, (_, i) => voters + i + 1);
    for (const sid of [...this.voters, ...this.observers]) {
      this.servers.set(sid, {
        sid,
        observer: sid > voters,
        store: new InMemoryDurableStore(),
        peer: false,
        inc: 0,
        up: false,
        booted: false,
        timers: new Map(),
        crashOn: null,
      });
    }
    this.netRng = new Random(scenario.seed, 1);
    this.bootRng = new Random(scenario.seed, 2);
    this.diskRng = new Random(scenario.seed, 3);
    this.latency = [...scenario.config.latencyMs];
    this.checker =
      opts.check === false ? null : new InvariantChecker({ voters: this.voters, observers: this.observers });
    for (const a of scenario.actions) this.queue.push(a.at, { k: 'action', action: a });
    // actions the user took before the first event
    this.applyReplayed();
  }

  // ------------------------------------------------------------------ running

  get until(): number {
    return this.scenario.until;
  }

  get violations(): readonly Violation[] {
    return this.checker?.violations ?? [];
  }

  /** Processes the next non-void event; false when nothing is left before `until`. */
  step(): boolean {
    this.applyReplayed();
    for (;;) {
      if (this.queue.peekTime() > this.until) return false;
      const e = this.queue.pop();
      if (!e) return false;
      if (this.heldBack(e.item) !== null)
        throw new Error('a delivery waits for a write: drive this host with stepAsync()');
      this.now = Math.max(this.now, e.t);
      const g = this.process(e.item);
      let r = g.next();
      while (!r.done) {
        const fx = this.host.handle(r.value.sid, r.value.input, this.now);
        if (fx instanceof Promise)
          throw new Error('this PeerHost is asynchronous: drive it with stepAsync()');
        r = g.next(fx);
      }
      if (r.value) {
        this.stepCount++;
        this.applyReplayed();
        return true;
      }
    }
  }

  /** step() for hosts whose processes answer asynchronously (Web Workers). Same order, same trace. */
  async stepAsync(): Promise<boolean> {
    this.applyReplayed();
    for (;;) {
      if (this.queue.peekTime() > this.until) return false;
      const e = this.queue.pop();
      if (!e) return false;
      await this.landed(e.item);
      this.now = Math.max(this.now, e.t);
      const g = this.process(e.item);
      let r = g.next();
      while (!r.done) {
        const fx = await this.host.handle(r.value.sid, r.value.input, this.now);
        r = g.next(fx);
      }
      if (r.value) {
        this.stepCount++;
        this.applyReplayed();
        return true;
      }
    }
  }

  /**
   * Up to `max` steps for asynchronous hosts, in exactly the order stepAsync() would take them.
   * With a host that can `prefetch`, the calls of the events due in the same millisecond go to each
   * process as one message, and calls into different processes overlap — only those that nothing
   * before them can void, change or reorder (prefetchAhead), and only within these `max` steps, so
   * every call sent ahead is made (or voided by its process's death) before this returns.
   * Returns the number of steps done (fewer than `max`: nothing is left before `until`).
   */
  async stepsAsync(max: number): Promise<number> {
    let done = 0;
    this.applyReplayed();
    while (done < max) {
      if (this.queue.peekTime() > this.until) break;
      const e = this.queue.pop();
      if (!e) break;
      await this.landed(e.item);
      this.now = Math.max(this.now, e.t);
      if (this.host.prefetch) this.prefetchAhead(e.item, max - done - 1);
      const g = this.process(e.item);
      let r = g.next();
      while (!r.done) {
        const pre = this.prefetched.get(r.value.sid);
        if (pre !== undefined) {
          if (pre[0] !== e.item) throw new Error(`S${r.value.sid}: a call sent ahead was overtaken`);
          pre.shift();
          if (!pre.length) this.prefetched.delete(r.value.sid);
        }
        const fx = await this.host.handle(r.value.sid, r.value.input, this.now);
        r = g.next(fx);
      }
      for (const [sid, pre] of this.prefetched) {
        if (pre[0] !== e.item) continue;
        // the process died during an earlier call of its batch: the rest never happen (the host
        // dropped them with the process); anything else is a call sent ahead unsafely
        if (this.servers.get(sid)!.peer) throw new Error(`S${sid}: a call sent ahead was not made`);
        this.prefetched.delete(sid);
      }
      if (r.value) {
        this.stepCount++;
        done++;
        this.applyReplayed();
      }
    }
    if (this.prefetched.size) throw new Error('calls sent ahead were left unmade');
    return done;
  }

  /**
   * A message whose sender was told of a flush before that batch's write committed (an asynchronous
   * host) is on the wire, but arrives only after the write has landed: an ACK, the leader's COMMIT
   * and a client's reply all leave their server after its txns are on disk (SyncRequestProcessor
   * flushes before it hands requests to SendAckRequestProcessor / the commit path). Timing only:
   * nothing in the trace or the order of events changes. The sender's mark `x` still waits for, or
   * null.
   */
  private heldBack(x: SimEvent): { sid: Sid; mark: number } | null {
    const h = heldBy(x);
    return h !== null && !this.host.isDurable!(h.sid, h.mark) ? h : null;
  }

  /** Waits, if `x` is held back, until it is not. */
  private landed(x: SimEvent): Promise<void> | void {
    const h = this.heldBack(x);
    if (h !== null) return this.host.whenDurable!(h.sid, h.mark);
  }

  /** `ev`, a message `sid` sends now, with the mark it waits for before delivery (if any). */
  private heldFrom<E extends Extract<SimEvent, { k: 'deliver' | 'toClient' }>>(sid: Sid, ev: E): E {
    // no field at all when nothing is held (every run in this thread, the CLI): no copy per message
    const mark = this.host.durableMark?.(sid);
    if (mark) ev.hold = mark;
    return ev;
  }

  /**
   * Sends ahead, as ONE message per process, the calls of the events of this instant from `head` on
   * (within `budget` events after it): for each process the calls of its next events in order, as
   * long as nothing before each can void, change or reorder it. Events created while these run land
   * after all of them (same millisecond: a later sequence number), so only voiding matters:
   *  - an action ends the window (it can do anything);
   *  - a boot ends its process's batch (it spawns the process);
   *  - a message from a process that had an earlier event in the window ends the receiver's batch
   *    (the sender may break that connection first);
   *  - after a call in its batch, a process takes a message only if its own replies to the sender
   *    cannot be lost (sender up, link not cut, no `drop` pending, no random loss on elections)
   *    — a lost reply breaks the connection the message came on — and no timer (a call can re-arm
   *    it); with `crashOn` set, one call only (the crash comes right after a message);
   *  - the process's own death (an `exit`) ends its batch in the host too: the rest are void here.
   */
  private prefetchAhead(head: SimEvent, budget: number): void {
    if (head.k === 'action') return;
    const next = this.replay[this.replayIdx];
    // a replayed action could apply at any step boundary from now on
    if (next !== undefined) budget = Math.min(budget, next.step - this.stepCount - 1);
    const window = budget > 0 ? [head, ...this.queue.frontier(this.now, budget)] : [head];
    const touched = new Set<Sid>();
    const closed = new Set<Sid>(this.prefetched.keys());
    const batches = new Map<Sid, { events: SimEvent[]; inputs: PeerInput[] }>();
    for (const x of window) {
      if (x.k === 'action') break;
      const sid = eventSid(x);
      if (sid === null) continue; // client-side events touch no process
      // a delivery still waiting for its sender's write: neither it nor anything after it goes
      if (!closed.has(sid) && this.heldBack(x) !== null) closed.add(sid);
      const input = closed.has(sid) ? null : this.callOf(x);
      const batch = batches.get(sid);
      if (input === null) {
        // void or dropped: nothing reaches the process (a boot starts a new one)
        if (x.k === 'boot') closed.add(sid);
      } else if (this.joinsBatch(x, sid, batch !== undefined, touched)) {
        if (batch) {
          batch.events.push(x);
          batch.inputs.push(input);
        } else batches.set(sid, { events: [x], inputs: [input] });
        if (this.servers.get(sid)!.crashOn !== null) closed.add(sid);
      } else closed.add(sid);
      touched.add(sid);
    }
    for (const [sid, b] of batches) {
      this.prefetched.set(sid, b.events);
      this.host.prefetch!(sid, b.inputs, this.now);
    }
  }

  /** prefetchAhead's rules for one event with a call (see there). */
  private joinsBatch(x: SimEvent, sid: Sid, afterCall: boolean, touched: ReadonlySet<Sid>): boolean {
    if (x.k === 'deliver') {
      if (touched.has(x.from)) return false;
      if (!afterCall) return true;
      const from = this.servers.get(x.from);
      return (
        from !== undefined &&
        from.booted &&
        from.peer &&
        !this.isCut(sid, x.from) &&
        !this.dropNext.has(linkKey(sid, x.from)) &&
        !this.dropNext.has(linkKey(x.from, sid)) &&
        !(x.msg.channel === 'election' && this.scenario.config.dropRate > 0)
      );
    }
    if (x.k === 'peer' && x.input.kind === 'timer') return !afterCall;
    return true;
  }

  /** The call process(x) would make now, or null if it makes none (void, dropped, boot). */
  private callOf(x: SimEvent): PeerInput | null {
    switch (x.k) {
      case 'deliver': {
        const slot = this.servers.get(x.to)!;
        if (!slot.booted || slot.inc !== x.toInc || !slot.peer) return null;
        if (this.isCut(x.from, x.to)) return null;
        if (x.msg.channel !== 'close' && this.deadConns.has(x.msg.conn)) return null;
        return { kind: 'message', from: x.from, msg: x.msg };
      }
      case 'peer': {
        const slot = this.servers.get(x.sid)!;
        if (slot.inc !== x.inc || !slot.peer) return null;
        if (x.input.kind === 'timer' && slot.timers.get(x.input.timer) !== x.input.gen) return null;
        return x.input;
      }
      case 'flush': {
        const slot = this.servers.get(x.sid)!;
        return slot.inc !== x.inc || !slot.peer ? null : { kind: 'flushed', token: x.token };
      }
      case 'toServer': {
        const slot = this.servers.get(x.sid)!;
        return slot.inc !== x.inc || !slot.peer ? null : { kind: 'client', client: x.client, msg: x.msg };
      }
      default:
        return null;
    }
  }

  runUntil(t: number): void {
    while (this.queue.peekTime() <= Math.min(t, this.until)) if (!this.step()) break;
    if (t > this.now) this.now = Math.min(t, Math.max(this.now, this.until));
  }

  runToEnd(): void {
    while (this.step());
    this.now = Math.max(this.now, this.until);
  }

  /** Runs until `n` steps have been processed (for seeking). */
  runToStep(n: number): void {
    while (this.stepCount < n && this.step());
  }

  private applyReplayed(): void {
    while (this.replayIdx < this.replay.length && this.replay[this.replayIdx].step <= this.stepCount) {
      const r = this.replay[this.replayIdx++];
      this.doAction(r.action);
      this.recorded.push(r);
    }
  }

  act(action: UserAction): void {
    this.recorded.push({ step: this.stepCount, action });
    this.doAction(action);
  }

  // ------------------------------------------------------------------ trace

  private emitTrace(ev: TraceEvent): void {
    this.line(ev);
    if (this.checker) {
      const vs = this.checker.observe(ev);
      for (const v of vs)
        this.line({
          t: v.at,
          ev: 'violation',
          invariant: v.invariant,
          detail: v.detail,
          sids: v.sids,
          zxids: v.zxids,
          cause: v.cause,
        });
    }
  }

  /** every trace line goes through here */
  private line(ev: TraceEvent): void {
    if (this.traceLog) this.traceLog.push(ev);
    else this.trace.push(ev);
    this.records.observe(ev);
  }

  private tr(ev: TraceEvent): void {
    this.emitTrace(ev);
  }

  // ------------------------------------------------------------------ actions

  private doAction(a: UserAction | ScenarioAction): void {
    if ('start' in a) for (const s of a.start) this.startServer(s, false);
    else if ('crash' in a) for (const s of a.crash) this.crash(s);
    else if ('restart' in a) for (const s of a.restart) this.startServer(s, true);
    else if ('partition' in a) {
      // a partition replaces the previous one; servers named in no group form one more group
      this.cut.clear();
      const named = new Set(a.partition.flat());
      const rest = this.sids.filter((s) => !named.has(s));
      const groups = rest.length ? [...a.partition, rest] : a.partition;
      for (let i = 0; i < groups.length; i++)
        for (let j = i + 1; j < groups.length; j++)
          for (const x of groups[i]) for (const y of groups[j]) this.cutLink(x, y);
      this.tr({ t: this.now, ev: 'partition', groups: groups.map((g) => [...g]) });
    } else if ('heal' in a) {
      this.cut.clear();
      this.tr({ t: this.now, ev: 'heal' });
    } else if ('cut' in a) {
      this.cutLink(a.cut[0], a.cut[1]);
      this.tr({ t: this.now, ev: 'partition', groups: [[a.cut[0]], [a.cut[1]]] });
    } else if ('uncut' in a) {
      this.cut.delete(linkKey(a.uncut[0], a.uncut[1]));
      this.cut.delete(linkKey(a.uncut[1], a.uncut[0]));
      this.tr({ t: this.now, ev: 'heal' });
    } else if ('drop' in a) this.dropNext.add(linkKey(a.drop.from, a.drop.to));
    else if ('latency' in a) this.latency = [...a.latency.ms];
    else if ('crashOn' in a) {
      const slot = this.servers.get(a.crashOn.sid);
      if (slot) slot.crashOn = a.crashOn.after;
    } else if ('client' in a)
      this.clientCommand(
        a.client.id,
        a.client.server,
        a.client.cmd,
        a.client.sessionTimeoutMs,
        a.client.canBeReadOnly,
      );
    else if ('wipe' in a) this.wipe(a.wipe.sid);
    else if ('corrupt' in a) this.corrupt(a.corrupt.sid, a.corrupt.zxid);
    else if ('purge' in a) this.purge(a.purge.sid, a.purge.count ?? DEFAULT_SNAP_RETAIN_COUNT);
  }

  /**
   * The operator runs `zkCleanup.sh -n count` (PurgeTxnLog.main) on `sid`'s dataDir. A running
   * server gets it as an input, so that its own view of its disk (what a txn-log sync reads) loses
   * the files too; a stopped server's storage is purged here.
   */
  private purge(sid: Sid, count: number): void {
    const slot = this.servers.get(sid);
    if (!slot) return;
    if (slot.peer && slot.booted) {
      this.queue.push(this.now, { k: 'peer', sid, inc: slot.inc, input: { kind: 'purge', count } });
      return;
    }
    const plan = planPurge(slot.store.peek(), count);
    const removed = purgedFileNames(plan);
    const txns = zxidRanges(purgedTxns(slot.store.peek(), plan));
    this.tr({ t: this.now, ev: 'purge', sid, by: 'zkCleanup', retain: count, removed, txns });
    if (!removed.length) return;
    const op = { op: 'purge', logs: plan.logs, snapshots: plan.snapshots } as const;
    slot.store.apply([op]);
    this.host.storageChanged?.(sid, slot.store.image(), { purge: op });
  }

  /** The operator's remedy for a server that refuses to start: stop it, delete its dataDir. */
  private wipe(sid: Sid): void {
    const slot = this.servers.get(sid);
    if (!slot) return;
    this.crash(sid);
    slot.store.wipe();
    this.tr({ t: this.now, ev: 'wipe', sid });
    this.host.storageChanged?.(sid, slot.store.image(), { wipe: true });
  }

  /** A bad disk under `sid`: the stored txn `zxid` changes, its checksum does not. */
  private corrupt(sid: Sid, zxid: string): void {
    const slot = this.servers.get(sid);
    if (!slot) return;
    const file = slot.store.corrupt(parseInt(zxid, 16));
    this.tr({ t: this.now, ev: 'corrupt', sid, zxid, file });
    if (file !== null) this.host.storageChanged?.(sid, slot.store.image(), { corrupt: parseInt(zxid, 16) });
  }

  private cutLink(x: Sid, y: Sid): void {
    this.cut.add(linkKey(x, y));
    this.cut.add(linkKey(y, x));
  }

  private startServer(sid: Sid, restart: boolean): void {
    const slot = this.servers.get(sid);
    if (!slot || slot.up) return;
    slot.up = true;
    slot.booted = false;
    slot.inc++;
    slot.timers.clear();
    this.tr(restart ? { t: this.now, ev: 'restart', sid } : { t: this.now, ev: 'start', sid });
    const [lo, hi] = this.scenario.config.bootMs;
    this.queue.push(this.now + this.bootRng.int(lo, hi), { k: 'boot', sid, inc: slot.inc });
  }

  private crash(sid: Sid): void {
    const slot = this.servers.get(sid);
    if (!slot || !slot.up) return;
    const clients = slot.peer ? this.host.clients(sid) : [];
    if (slot.peer) this.host.kill(sid);
    slot.up = false;
    slot.booted = false;
    slot.peer = false;
    slot.inc++;
    slot.crashOn = null;
    this.tr({ t: this.now, ev: 'crash', sid });
    this.tr({ t: this.now, ev: 'state', sid, state: 'DOWN', zabState: 'ELECTION' });
    // the OS closes the dead process's sockets: peers and clients notice after one network hop
    for (const other of this.servers.values()) {
      if (other.sid === sid || !other.booted || this.isCut(sid, other.sid)) continue;
      this.queue.push(this.now + this.netLatency(), {
        k: 'peer',
        sid: other.sid,
        inc: other.inc,
        input: { kind: 'connectionClosed', peer: sid, conn: -1 },
      });
    }
    for (const c of clients)
      this.queue.push(this.clientLinkAt(`${sid}>c:${c}`), {
        k: 'toClient',
        client: c,
        server: sid,
        msg: { kind: 'connectionLost' },
      });
  }

  private clientCommand(
    id: ClientId,
    server: number | undefined,
    cmd: string,
    timeout?: number,
    canBeReadOnly?: boolean,
  ): void {
    let c = this.clients.get(id);
    if (!c) {
      c = new ClientCnxn(id, new Random(this.scenario.seed, 10_000 + this.clientOrder.length), {
        sessionTimeoutMs: timeout ?? 30000,
        knownServer: (sid) => this.servers.has(sid),
        // zkCli -r: read when the client is made (its first command), like its session timeout
        ...(canBeReadOnly === true ? { canBeReadOnly: true } : {}),
      });
      this.clients.set(id, c);
      this.clientOrder.push(id);
    }
    this.commandLog.push(seal([id, c.results.length]));
    this.clientEffects(id, c.command(cmd, server, this.now));
  }

  // ------------------------------------------------------------------ events

  /** yields the calls into server processes it needs; returns false for a void event (not a step) */
  private *process(e: SimEvent): Generator<PeerCall, boolean, PeerEffect[]> {
    // a void event writes nothing, so the lines from here on are this step's (StepRecords)
    const mark = this.records.mark();
    const stepped = yield* this.processEvent(e);
    if (stepped) this.records.stepped(mark, this.now);
    return stepped;
  }

  private *processEvent(e: SimEvent): Generator<PeerCall, boolean, PeerEffect[]> {
    switch (e.k) {
      case 'action':
        this.doAction(e.action);
        return true;
      case 'boot': {
        const slot = this.servers.get(e.sid)!;
        if (slot.inc !== e.inc || !slot.up) return false;
        const cfg = this.scenario.config;
        const pc: PeerConfig = {
          sid: slot.sid,
          voters: this.voters,
          observers: this.observers,
          tickTime: cfg.tickTime,
          initLimit: cfg.initLimit,
          syncLimit: cfg.syncLimit,
          snapCount: cfg.snapCount,
          commitLogCount: cfg.commitLogCount,
          snapshotSizeFactor: cfg.snapshotSizeFactor,
          ...(cfg.extendedTypesEnabled !== undefined
            ? { extendedTypesEnabled: cfg.extendedTypesEnabled }
            : {}),
          ...(cfg.enforceQuota !== undefined ? { enforceQuota: cfg.enforceQuota } : {}),
          ...(cfg.containerCheckIntervalMs !== undefined
            ? { containerCheckIntervalMs: cfg.containerCheckIntervalMs }
            : {}),
          ...(cfg.containerMaxPerMinute !== undefined
            ? { containerMaxPerMinute: cfg.containerMaxPerMinute }
            : {}),
          ...(cfg.containerMaxNeverUsedIntervalMs !== undefined
            ? { containerMaxNeverUsedIntervalMs: cfg.containerMaxNeverUsedIntervalMs }
            : {}),
          zkVersion: cfg.zkVersion,
          incarnation: slot.inc,
          ...(cfg.fourLetterWhitelist !== undefined ? { fourLetterWhitelist: cfg.fourLetterWhitelist } : {}),
          ...(cfg.snapRetainCount !== undefined ? { snapRetainCount: cfg.snapRetainCount } : {}),
          ...(cfg.purgeInterval !== undefined ? { purgeInterval: cfg.purgeInterval } : {}),
          ...(cfg.readonlyModeEnabled !== undefined ? { readonlyModeEnabled: cfg.readonlyModeEnabled } : {}),
          ...(cfg.localSessionsEnabled !== undefined
            ? { localSessionsEnabled: cfg.localSessionsEnabled }
            : {}),
        };
        this.host.spawn(pc, this.scenario.seed, 100 + slot.sid * 1000 + slot.inc);
        slot.peer = true;
        slot.booted = true;
        yield* this.peerInput(slot, { kind: 'boot', image: slot.store.image() });
        if (slot.peer && slot.inc === e.inc) yield* this.peerInput(slot, { kind: 'startElection' });
        return true;
      }
      case 'deliver': {
        const slot = this.servers.get(e.to)!;
        this.inflight.delete(e.id);
        let reason: string | null = null;
        if (!slot.booted || slot.inc !== e.toInc || !slot.peer) reason = 'receiver down';
        else if (this.isCut(e.from, e.to)) reason = 'link cut';
        else if (e.msg.channel !== 'close' && this.deadConns.has(e.msg.conn)) reason = 'connection broken';
        if (reason) {
          if (e.msg.channel !== 'close') this.deadConns.add(e.msg.conn);
          this.tr({ t: this.now, ev: 'drop', id: e.id, reason });
          if (reason !== 'receiver down') this.electionWriteFailed(e.from, e.to, e.msg);
          return true;
        }
        this.tr({ t: this.now, ev: 'recv', id: e.id });
        yield* this.peerInput(slot, { kind: 'message', from: e.from, msg: e.msg });
        if (slot.crashOn && slot.crashOn === messageType(e.msg) && slot.peer) this.crash(slot.sid);
        return true;
      }
      case 'peer': {
        const slot = this.servers.get(e.sid)!;
        if (slot.inc !== e.inc || !slot.peer) return false;
        if (e.input.kind === 'timer' && slot.timers.get(e.input.timer) !== e.input.gen) return false;
        yield* this.peerInput(slot, e.input);
        return true;
      }
      case 'flush': {
        const slot = this.servers.get(e.sid)!;
        if (slot.inc !== e.inc || !slot.peer) return false;
        // The batch is durable now and the process hears it at once. The mirror and the trace take
        // it after the call (same trace order): a host whose process died while writing the batch
        // (a crash at a real moment) reports `flushLost`, and then the batch never happened.
        const effects = yield { sid: slot.sid, input: { kind: 'flushed', token: e.token } };
        if (!this.host.flushLost?.(slot.sid, e.token)) {
          slot.store.apply(e.ops);
          for (const o of e.ops)
            if (o.op === 'append')
              this.tr({ t: this.now, ev: 'log', sid: slot.sid, zxid: zxidToHex(o.txn.hdr.zxid) });
        }
        this.peerEffects(slot, effects, e.inc);
        return true;
      }
      case 'toServer': {
        const slot = this.servers.get(e.sid)!;
        if (slot.inc !== e.inc || !slot.peer) {
          this.queue.push(this.clientLinkAt(`${e.sid}>c:${e.client}`), {
            k: 'toClient',
            client: e.client,
            server: e.sid,
            msg: refusedConnection(e.msg),
          });
          return true;
        }
        yield* this.peerInput(slot, { kind: 'client', client: e.client, msg: e.msg });
        return true;
      }
      case 'toClient': {
        const c = this.clients.get(e.client);
        if (!c) return false;
        this.clientEffects(e.client, c.receive(e.server, e.msg, this.now));
        return true;
      }
      case 'clientTimer': {
        const c = this.clients.get(e.client);
        if (!c || this.clientTimerGen.get(e.client) !== e.gen) return false;
        this.clientEffects(e.client, c.onTimer(e.gen, this.now));
        return true;
      }
    }
  }

  private *peerInput(slot: ServerSlot, input: PeerInput): Generator<PeerCall, void, PeerEffect[]> {
    const inc = slot.inc;
    const effects = yield { sid: slot.sid, input };
    this.peerEffects(slot, effects, inc);
  }

  /** `inc`: the incarnation the call was made to (an asynchronous call can outlive its process) */
  private peerEffects(slot: ServerSlot, effects: PeerEffect[], inc: number): void {
    for (const fx of effects) {
      if (slot.inc !== inc) return; // the process died while acting
      switch (fx.kind) {
        case 'send':
          this.send(slot.sid, fx.to, fx.msg);
          break;
        case 'sendClient':
          this.queue.push(
            this.clientLinkAt(`${slot.sid}>c:${fx.client}`),
            this.heldFrom(slot.sid, { k: 'toClient', client: fx.client, server: slot.sid, msg: fx.msg }),
          );
          break;
        case 'setTimer':
          slot.timers.set(fx.timer, fx.gen);
          this.queue.push(this.now + fx.delay, {
            k: 'peer',
            sid: slot.sid,
            inc,
            input: { kind: 'timer', timer: fx.timer, gen: fx.gen },
          });
          break;
        case 'storageSync':
          slot.store.apply(fx.ops);
          for (const o of fx.ops) this.traceSyncOp(slot, o);
          break;
        case 'storageFlush': {
          const [lo, hi] = this.scenario.config.fsyncMs;
          this.queue.push(this.now + this.diskRng.int(lo, hi), {
            k: 'flush',
            sid: slot.sid,
            inc,
            token: fx.token,
            ops: fx.ops,
          });
          break;
        }
        case 'exit':
          this.crash(slot.sid);
          break;
        case 'trace':
          this.emitTrace(fx.ev);
          break;
      }
    }
  }

  private traceSyncOp(slot: ServerSlot, o: StorageOp): void {
    switch (o.op) {
      case 'truncate':
        this.tr({ t: this.now, ev: 'truncate', sid: slot.sid, zxid: zxidToHex(o.zxid) });
        break;
      case 'snapshot':
        this.tr({ t: this.now, ev: 'snapshot', sid: slot.sid, zxid: zxidToHex(o.snap.zxid) });
        break;
      case 'epoch': {
        if (o.file === 'updatingEpoch') break;
        const img = slot.store.peek();
        this.tr({
          t: this.now,
          ev: 'epoch',
          sid: slot.sid,
          acceptedEpoch: img.acceptedEpoch ?? 0,
          currentEpoch: img.currentEpoch ?? 0,
        });
        break;
      }
      case 'append':
        this.tr({ t: this.now, ev: 'log', sid: slot.sid, zxid: zxidToHex(o.txn.hdr.zxid) });
        break;
    }
  }

  private clientEffects(id: ClientId, effects: ClientEffect[]): void {
    for (const fx of effects) {
      switch (fx.kind) {
        case 'send': {
          const slot = this.servers.get(fx.server);
          if (!slot || !slot.booted || !slot.peer) {
            // nobody listens on that port: connection refused / reset
            this.queue.push(this.clientLinkAt(`${fx.server}>c:${id}`), {
              k: 'toClient',
              client: id,
              server: fx.server,
              msg: refusedConnection(fx.msg),
            });
          } else {
            this.queue.push(this.clientLinkAt(`c:${id}>${fx.server}`), {
              k: 'toServer',
              client: id,
              sid: fx.server,
              inc: slot.inc,
              msg: fx.msg,
            });
          }
          break;
        }
        case 'setTimer':
          this.clientTimerGen.set(id, fx.gen);
          this.queue.push(this.now + fx.delay, { k: 'clientTimer', client: id, gen: fx.gen });
          break;
        case 'trace':
          this.emitTrace(fx.ev);
          break;
      }
    }
  }

  // ------------------------------------------------------------------ network

  /** client connections are TCP too: FIFO per direction */
  private clientLinkAt(key: string): number {
    const at = Math.max(this.now + this.netLatency(), this.lastDelivery.get(key) ?? 0);
    this.lastDelivery.set(key, at);
    return at;
  }

  private netLatency(): number {
    return this.netRng.int(this.latency[0], this.latency[1]);
  }

  private isCut(a: Sid, b: Sid): boolean {
    return this.cut.size > 0 && this.cut.has(linkKey(a, b));
  }

  private send(from: Sid, to: Sid, msg: ServerMessage): void {
    const id = ++this.msgId;
    const type = messageType(msg);
    const zxid = msg.channel === 'quorum' ? msg.p.zxid : msg.channel === 'election' ? msg.n.zxid : undefined;
    this.tr(
      zxid !== undefined && zxid >= 0
        ? { t: this.now, ev: 'send', id, from, to, type, zxid: zxidToHex(zxid) }
        : { t: this.now, ev: 'send', id, from, to, type },
    );
    const slot = this.servers.get(to);
    const key = linkKey(from, to);
    let reason: string | null = null;
    if (!slot || !slot.booted || !slot.peer) reason = 'receiver down';
    else if (this.isCut(from, to)) reason = 'link cut';
    else if (msg.channel !== 'close' && this.deadConns.has(msg.conn)) reason = 'connection broken';
    else if (this.dropNext.has(key)) {
      this.dropNext.delete(key);
      reason = 'dropped by user';
    } else if (
      // random loss hits election notifications only: on a learner's TCP connection a lost segment
      // is retransmitted, not lost (an explicit `drop` still breaks that connection)
      msg.channel === 'election' &&
      this.scenario.config.dropRate > 0 &&
      this.netRng.chance(this.scenario.config.dropRate)
    )
      reason = 'random loss';
    if (reason) {
      // TCP never delivers past a lost segment: a connection that lost a packet is dead
      if (msg.channel !== 'close') this.deadConns.add(msg.conn);
      this.tr({ t: this.now, ev: 'drop', id, reason });
      // the host of a dead process is still up: its TCP stack answers with a reset at once
      if (reason === 'receiver down' && msg.channel !== 'close' && slot) {
        this.send(to, from, {
          channel: 'close',
          conn: msg.conn,
          refused:
            msg.channel === 'cnx' ||
            (msg.channel === 'quorum' && (msg.p.type === 'FOLLOWERINFO' || msg.p.type === 'OBSERVERINFO')),
        });
      } else if (reason !== 'receiver down') this.electionWriteFailed(from, to, msg);
      return;
    }
    const at = Math.max(this.now + this.netLatency(), this.lastDelivery.get(key) ?? 0);
    this.lastDelivery.set(key, at);
    this.inflight.set(id, { id, from, to, msg, sentAt: this.now, deliverAt: at });
    this.queue.push(at, this.heldFrom(from, { k: 'deliver', id, from, to, toInc: slot!.inc, msg }));
  }

  /**
   * A segment of an election connection was lost (a cut link, a `drop`, random loss, a connection
   * already broken): the connection is dead, and its writer hears of it at once — its SendWorker's
   * write fails ("Exception when using channel", QuorumCnxManager.SendWorker.run) and it finishes.
   * A learner connection is left to the learner's and leader's timeouts, as before.
   */
  private electionWriteFailed(from: Sid, to: Sid, msg: ServerMessage): void {
    if (msg.channel !== 'election' && msg.channel !== 'cnx') return;
    const slot = this.servers.get(from);
    if (!slot || !slot.peer) return;
    this.queue.push(this.now, {
      k: 'peer',
      sid: from,
      inc: slot.inc,
      input: { kind: 'connectionClosed', peer: to, conn: msg.conn },
    });
  }

  // ------------------------------------------------------------------ views

  /** the in-process QuorumPeer of sid (LocalPeerHost only; tests and tools) */
  peer(sid: Sid): QuorumPeer | null {
    return this.host instanceof LocalPeerHost ? this.host.peer(sid) : null;
  }

  store(sid: Sid): InMemoryDurableStore | null {
    return this.servers.get(sid)?.store ?? null;
  }

  client(id: ClientId): ClientCnxn | undefined {
    return this.clients.get(id);
  }

  get sids(): Sid[] {
    return [...this.servers.keys()];
  }

  leader(): Sid | null {
    for (const s of this.servers.values()) {
      if (!s.peer) continue;
      const r = this.host.role(s.sid);
      if (r && r.state === 'LEADING' && r.zabState === 'BROADCAST') return s.sid;
    }
    return null;
  }

  view(): SimView {
    const servers: ServerView[] = [];
    for (const s of this.servers.values())
      servers.push((s.peer && s.booted && this.host.view(s.sid)) || downView(s));
    const cutLinks: [number, number][] = [];
    for (const k of this.cut) {
      const [a, b] = k.split('>').map(Number);
      if (a < b) cutLinks.push([a, b]);
    }
    return {
      t: this.now,
      step: this.stepCount,
      servers,
      inflight: [...this.inflight.values()].map(messageView),
      cutLinks,
      clients: this.clientOrder.map((id) => this.clients.get(id)!.view()),
      leader: this.leader(),
    };
  }

  /** Every client command's result, in the order the commands were issued. */
  commandResults(): ClientCommandResult[] {
    return this.commandLog.map(([id, i]) => this.clients.get(id)!.results[i]).filter((r) => r !== undefined);
  }

  clientIds(): ClientId[] {
    return [...this.clientOrder];
  }
}

interface InFlight {
  id: number;
  from: Sid;
  to: Sid;
  msg: ServerMessage;
  sentAt: number;
  deliverAt: number;
}

function messageView(m: InFlight): MessageView {
  const zxid = m.msg.channel === 'quorum' ? m.msg.p.zxid : m.msg.channel === 'election' ? m.msg.n.zxid : -1;
  return {
    id: m.id,
    from: m.from,
    to: m.to,
    type: messageType(m.msg),
    zxid: zxid >= 0 ? zxid : undefined,
    label: describeMessage(m.msg),
    sentAt: m.sentAt,
    deliverAt: m.deliverAt,
    ...(m.msg.channel === 'election' ? { vote: notificationView(m.msg.n) } : {}),
    ...(m.msg.channel === 'election' || m.msg.channel === 'cnx' ? { conn: m.msg.conn } : {}),
  };
}

/** What a client hears when nothing listens: a reset, said to be a read-only probe's when it was one. */
function refusedConnection(msg: ClientToServer): ServerToClient {
  return msg.kind === 'fourLetter' && msg.probe === true
    ? { kind: 'connectionLost', probe: true }
    : { kind: 'connectionLost' };
}

/** The server and mark a message waits for before it is delivered (Simulation.heldBack), if any. */
function heldBy(x: SimEvent): { sid: Sid; mark: number } | null {
  if (x.k === 'deliver' && x.hold) return { sid: x.from, mark: x.hold };
  if (x.k === 'toClient' && x.hold) return { sid: x.server, mark: x.hold };
  return null;
}

/** the process an event is for (null: actions and client-side events) */
function eventSid(e: SimEvent): Sid | null {
  switch (e.k) {
    case 'deliver':
      return e.to;
    case 'boot':
    case 'peer':
    case 'flush':
    case 'toServer':
      return e.sid;
    default:
      return null;
  }
}

function linkKey(a: Sid, b: Sid): string {
  return `${a}>${b}`;
}

function downView(s: ServerSlot): ServerView {
  const img = s.store.peek();
  let last = 0;
  for (const f of img.logs) for (const t of f.txns) last = Math.max(last, t.hdr.zxid);
  for (const sn of img.snapshots) last = Math.max(last, sn.zxid);
  return {
    sid: s.sid,
    observer: s.observer,
    up: s.up,
    state: 'DOWN',
    zabState: 'ELECTION',
    acceptedEpoch: img.acceptedEpoch ?? 0,
    currentEpoch: img.currentEpoch ?? 0,
    logicalClock: 0,
    lastLoggedZxid: last,
    lastProcessedZxid: last,
    voteBox: {
      logicalclock: 0,
      proposal: null,
      recvset: [],
      outofelection: [],
      notTimeout: 0,
      finalizeUntil: null,
      lastDecision: null,
    },
    leader: null,
    learner: null,
    committedLog: { min: 0, max: 0, count: 0 },
    pipeline: [],
    storage: {
      logs: img.logs.map((f) => ({ startZxid: f.startZxid, zxids: f.txns.map((t) => t.hdr.zxid) })),
      snapshots: img.snapshots.map((x) => x.zxid),
      acceptedEpoch: img.acceptedEpoch,
      currentEpoch: img.currentEpoch,
      unflushed: [],
    },
    tree: [],
    sessions: [],
    timers: [],
  };
}
